"""Free time over the target phase's window, for the snapshot optimiser: the least free FTE a person has on any
working day of it, and from when they would be free.

The window runs from the target phase's gate (the go-live; today when it is past or unknown) to the day before the
next gate on the roadmap — or, with no next gate, to the end of the planning horizon, and never less than four weeks
past the go-live. For a portfolio it is the union of the initiatives' windows. A person is planned with the least
time commitments elsewhere leave them in any week of it (and none before they join or after they leave), so no
plan puts someone on a role while they are committed elsewhere during it. Leave is different: a fortnight's holiday
is covered by the team around it, not a reason to keep someone off a role for months, so leave lowers the free time
by its mean over the window rather than by its peak.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import numpy as np

from app.domain.initiatives import Initiative
from app.domain.people import Person
from app.domain.roles import Phase
from app.gaps.models import CapacityWindow
from app.planning.words.numbers import day
from app.timeline.calendar import make_grid
from app.timeline.capacity import capacity

_ORDER = list(Phase)
#: How far past the window `free_from` looks for the day a person becomes free.
LOOK_AHEAD = timedelta(weeks=52)


def phase_window(ini: Initiative, *, today: date, horizon_weeks: int) -> tuple[date, date, Phase | None]:
    """One initiative's target phase window: first and last day, and the phase whose gate ends it (None: the
    planning horizon ends it)."""
    first = max(ini.go_live or today, today)
    later = {p: d for p, d in ini.roadmap.items() if _ORDER.index(p) > _ORDER.index(ini.target_phase) and d > first}
    if later:
        ends = min(later, key=later.get)
        return first, later[ends] - timedelta(days=1), ends
    return first, max(today + timedelta(weeks=horizon_weeks), first + timedelta(weeks=4)), None


def target_window(initiatives: Iterable[Initiative], *, today: date, horizon_weeks: int) -> tuple[date, date]:
    """First and last day of the target phases' windows (see the module doc)."""
    spans = [phase_window(ini, today=today, horizon_weeks=horizon_weeks)[:2] for ini in initiatives]
    if not spans:
        return today, today + timedelta(weeks=horizon_weeks)
    return min(f for f, _ in spans), max(last for _, last in spans)


def capacity_window(ini: Initiative, *, today: date) -> CapacityWindow:
    """The window the optimiser reads free time over when it plans this initiative alone, with its words."""
    horizon = ini.policy.horizon_weeks
    first, last, ends = phase_window(ini, today=today, horizon_weeks=horizon)
    gate = ini.roadmap.get(ini.target_phase)
    span = f"{day(first)} – {day(last)}"  # a range as a reader writes it: "1 Jan 2027 – 31 Mar 2027"
    phase = ini.target_phase.label.lower()
    if gate is None:
        words = (f"capacity from now, {span} (to the end of the {horizon}-week planning horizon): {ini.name} has "
                 f"no {phase} gate on its roadmap")
    elif gate < today:
        words = (f"capacity over {span}, the {phase} window of {ini.name} (its gate, {day(gate)}, has "
                 "passed: from today)")
    else:
        words = f"capacity over {span}, the {phase} window of {ini.name}"
    return CapacityWindow(first=first, last=last, phase=ini.target_phase, gate=gate, until_gate=ends,
                          horizon_weeks=horizon, words=words)


def _dated(p: Person, first: date, last: date) -> bool:
    """True when some date of the person's can change their free time inside [first, last]."""
    return bool(p.absences) or any(c.start is not None or c.end is not None for c in p.commitments) or (
        p.start_date is not None and p.start_date > first) or (p.leaving_date is not None and p.leaving_date <= last)


class WindowCapacity:
    """Least free FTE over a window for the people whose dates matter there (others keep their undated figures)."""

    def __init__(self, people: Sequence[Person], *, first: date, last: date, exclude: set[str]) -> None:
        self.first, self.last, self.exclude = first, last, frozenset(exclude)
        self._people = [p for p in people if _dated(p, first, last)]
        self._row = {p.id: i for i, p in enumerate(self._people)}
        self._free: np.ndarray | None = None
        self._free_confirmed: np.ndarray | None = None
        self._when: dict[tuple[str, float, str], date | None] = {}
        if self._people:
            cap = capacity(self._people, make_grid(first, last, by="week"), exclude=self.exclude)
            atoms = cap.grid.atoms_in(first, last)
            if len(atoms) == 0:
                self._free = self._free_confirmed = np.zeros(len(self._people))
            else:
                days = cap.grid.atom_days[atoms]
                leave = (cap.leave[:, atoms] * days).sum(axis=1) / days.sum()
                busy = cap.confirmed[:, atoms]
                least = (cap.contracted[:, atoms] - busy - cap.tentative[:, atoms]).min(axis=1)
                self._free = np.maximum(0.0, least - leave)
                self._free_confirmed = np.maximum(0.0, (cap.contracted[:, atoms] - busy).min(axis=1) - leave)

    def dated(self, person: Person) -> bool:
        """True when the window figures, not the undated ones, hold for this person."""
        return person.id in self._row

    def least_free(self, person: Person) -> tuple[float, float]:
        """(least free FTE in the window, least free FTE were every tentative commitment to fall through)."""
        row = self._row[person.id]
        return float(self._free[row]), float(self._free_confirmed[row])

    def least_held(self, people: Sequence[Person], initiative: str) -> list[float]:
        """Per person, the least FTE their commitments to `initiative` hold in any week of the window (none before
        they join or after they leave): what they give it throughout."""
        if not people:
            return []
        only = [p.model_copy(update={"commitments": [c for c in p.commitments if c.initiative == initiative]})
                for p in people]
        cap = capacity(only, make_grid(self.first, self.last, by="week"))
        atoms = cap.grid.atoms_in(self.first, self.last)
        if len(atoms) == 0:
            return [0.0] * len(people)
        return (cap.confirmed[:, atoms] + cap.tentative[:, atoms]).min(axis=1).tolist()

    def free_from(self, person: Person, fte: float, *, initiative: str) -> date | None:
        """The first day from which the person has `fte` free for `initiative` for good — every other commitment,
        in the plan's scope or not, counting — looking a year past the window; None if never."""
        key = (person.id, round(fte, 6), initiative)
        if key not in self._when:
            self._when[key] = self._free_from(person, fte, initiative)
        return self._when[key]

    def _free_from(self, person: Person, fte: float, initiative: str) -> date | None:
        grid = make_grid(self.first, self.last + LOOK_AHEAD, by="week")
        cap = capacity([person], grid, exclude={initiative})
        free = (cap.contracted - cap.confirmed - cap.tentative)[0]  # leave aside, as in the window's figures
        short = np.flatnonzero(free < fte - 1e-9)
        if len(short) == 0:
            return self.first
        if short[-1] == len(free) - 1:
            return None
        return date.fromordinal(int(grid.days[grid.atom_starts[short[-1] + 1]]))


def _fte(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def why_not_free(person: Person, window: WindowCapacity, *, initiative: str, need: float, least: float = 0.0) -> str:
    """Why a person lacks time in the window, with dates, and from when they would have `need` FTE free (`least`:
    the FTE they do have free throughout, when some)."""
    first, last = window.first, window.last
    parts = []
    for c in person.commitments:
        if c.initiative == initiative:
            continue
        if (c.start is not None and c.start > last) or (c.end is not None and c.end < first):
            continue
        span = "".join([f" from {day(c.start)}" if c.start and c.start > first else "",
                        f" until {day(c.end)}" if c.end and c.end <= last else ""])
        parts.append(f"{c.initiative} {_fte(c.fte)} {c.status.value}{span}")
    for a in person.absences:
        if a.start <= last and a.end >= first:
            parts.append(f"away {day(a.start)} to {day(a.end)} ({a.kind}; counted at its mean)")
    if person.start_date is not None and person.start_date > first:
        parts.append(f"joins {day(person.start_date)}")
    if person.leaving_date is not None and person.leaving_date <= last:
        parts.append(f"leaves after {day(person.leaving_date)}")
    when = window.free_from(person, need, initiative=initiative) if need > 0 else None
    if when is None:
        tail = "; not free for it within a year of the window's end either" if need > 0 else ""
    elif when > first:
        tail = f"; free for it from {day(when)}"
    else:  # free enough every week apart from leave, which counts at its mean
        tail = f"; with the leave, less than {_fte(need)} FTE is free on average"
    head = "no free time" if least <= 0.0005 else f"only {_fte(least)} FTE free"
    return (f"{head} from {day(first)} to {day(last)} ({'; '.join(parts) or 'nothing recorded'})"
            + tail)
