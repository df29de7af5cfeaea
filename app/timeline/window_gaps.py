"""The snapshot gap analysis over the optimiser's window: who is free, and what the team gives, over the days the
plan is for.

The optimiser (app/planning/bridge.py) gives each person the least free time commitments elsewhere leave them in
any week of the target phase's window (app/timeline/window.py). The snapshot gap analysis (app/gaps) reads an
undated roster: a person's free time is their contract less every commitment. Laying the roster out over the same
window — each dated person's contract replaced by the time they have for the initiative there, their commitments by
what they give it throughout — makes both read the same figure: someone whose work elsewhere ends before the
go-live is free in Gaps as in Plan, someone booked from the middle of the window is not. People without dates that
matter there are passed through untouched (the undated figures, as before).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.domain.initiatives import Initiative
from app.domain.people import Commitment, Person
from app.gaps.models import CapacityWindow
from app.timeline.window import WindowCapacity, capacity_window

_EPS = 1e-6


def over_window(people: Iterable[Person], initiative: Initiative, *, today: date
                ) -> tuple[list[Person], CapacityWindow]:
    """The roster as it stands over the initiative's target phase window, and that window (for `analyse_gaps`)."""
    people = list(people)
    window = capacity_window(initiative, today=today)
    figures = WindowCapacity(people, first=window.first, last=window.last, exclude={initiative.id})
    dated = [i for i, p in enumerate(people) if figures.dated(p) and p.available]
    team = [i for i in dated if people[i].on_team(initiative.id)]
    held = dict(zip(team, figures.least_held([people[i] for i in team], initiative.id), strict=True))
    out = list(people)
    for i in dated:
        out[i] = _laid(people[i], initiative.id, figures.least_free(people[i])[0], held.get(i, 0.0))
    return out, window


def _laid(person: Person, initiative: str, free: float, held: float) -> Person:
    """The person with `free` FTE for the initiative over the window, `held` of it already given to it."""
    mine = [c for c in person.commitments if c.initiative == initiative]
    if held <= _EPS:
        commitments = []
    elif abs(sum(c.fte for c in mine) - held) <= _EPS:
        commitments = mine  # every commitment to it runs through the window: role labels kept
    else:
        commitments = [Commitment(initiative=initiative, fte=round(held, 4), role=mine[0].role,
                                  status=mine[0].status)]
    time = round(max(free, held), 4)
    if time <= _EPS:
        return person.model_copy(update={"commitments": [], "available": False})
    return person.model_copy(update={"fte": time, "commitments": commitments})
