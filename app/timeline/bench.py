"""The bench forecast: people whose commitments end soon, what they know, and the open demands they could fill.

A person is on the bench forecast when a commitment of theirs ends within the next N weeks, they are still
employed the day after, and that next week they have free time (at least `min_free` FTE in every working day's
atom of it — a holiday that week does not hide them, it lowers the figure).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from pydantic import BaseModel, Field

from app.domain.people import Person
from app.domain.roles import RoleTemplate
from app.domain.skills import SkillCatalogue
from app.timeline.calendar import make_grid
from app.timeline.capacity import capacity, status_unavailable


class BenchSkill(BaseModel):
    """One of a bench person's stronger skills."""

    skill: str
    name: str
    level: int


class OpenDemand(BaseModel):
    """A role some initiative still lacks from a date on (a period's gap)."""

    initiative: str
    role: str
    role_name: str
    start: date = Field(description="First day of the period the gap is in.")
    end: date = Field(description="Last day of that period.")
    gap_fte: float
    required: list[tuple[str, int]] = Field(default_factory=list, exclude=True)

    @classmethod
    def of(cls, initiative: str, role: RoleTemplate, start: date, end: date, gap_fte: float) -> OpenDemand:
        """An open demand for `role` of `initiative` in the period from `start` to `end`."""
        return cls(initiative=initiative, role=role.id, role_name=role.name, start=start, end=end, gap_fte=gap_fte,
                   required=[(r.skill, r.min_level) for r in role.required])


class BenchEntry(BaseModel):
    """A person rolling off within the forecast window, and where they could go next."""

    person_id: str
    name: str
    title: str | None = None
    organisation: str | None = None
    rolls_off: date = Field(description="Last day of the earliest commitment ending in the window.")
    initiatives: list[str] = Field(description="Initiatives they roll off in the window.")
    free_fte_after: float = Field(description="Least free FTE in the week after rolling off.")
    skills: list[BenchSkill] = Field(default_factory=list, description="Their skills at level 3 or more, best first.")
    could_fill: list[OpenDemand] = Field(default_factory=list,
                                         description="Open roles, from their roll-off on, they fully qualify for.")


def _qualifies(person: Person, demand: OpenDemand) -> bool:
    return all(person.level(skill) >= level for skill, level in demand.required)


def bench_forecast(people: Sequence[Person], *, today: date, weeks: int, catalogue: SkillCatalogue | None = None,
                   demands: Iterable[OpenDemand] = (), min_free: float = 0.1, top_skills: int = 6,
                   top_demands: int = 5) -> list[BenchEntry]:
    """Who rolls off within `weeks` of `today` with time to spare, soonest first."""
    horizon = today + timedelta(weeks=weeks)
    rolling: dict[int, tuple[date, list[str]]] = {}
    for i, p in enumerate(people):
        if status_unavailable(p):
            continue
        ends = [(c.end, c.initiative) for c in p.commitments if c.end is not None and today <= c.end <= horizon]
        ends = [(e, name) for e, name in ends if p.leaving_date is None or p.leaving_date > e]
        if ends:
            first = min(e for e, _ in ends)
            rolling[i] = (first, list(dict.fromkeys(name for _, name in sorted(ends))))
    if not rolling:
        return []
    chosen = [people[i] for i in rolling]
    cap = capacity(chosen, make_grid(today, horizon + timedelta(days=8), by="week"))
    demands = sorted(demands, key=lambda d: (d.start, -d.gap_fte, d.initiative, d.role))
    out = []
    for row, (i, (first, names)) in enumerate(rolling.items()):
        p = people[i]
        atoms = cap.grid.atoms_in(first + timedelta(days=1), first + timedelta(days=7))
        free = float(cap.free[row, atoms].min()) if len(atoms) else 0.0
        if free < min_free:
            continue
        strong = sorted(((sid, lv.level) for sid, lv in p.skills.items() if lv.level >= 3), key=lambda s: (-s[1], s[0]))
        skills = [BenchSkill(skill=sid, name=catalogue.name_of(sid) if catalogue else sid, level=level)
                  for sid, level in strong[:top_skills]]
        could: dict[tuple[str, str], OpenDemand] = {}
        for d in demands:  # each open role once: its first period that runs past the roll-off
            if d.end > first and (d.initiative, d.role) not in could and _qualifies(p, d):
                could[(d.initiative, d.role)] = d
        out.append(BenchEntry(person_id=p.id, name=p.name, title=p.title, organisation=p.organisation,
                              rolls_off=first, initiatives=names, free_fte_after=round(free, 3), skills=skills,
                              could_fill=list(could.values())[:top_demands]))
    return sorted(out, key=lambda e: (e.rolls_off, e.name, e.person_id))
