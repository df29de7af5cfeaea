"""The figures behind the window's time views: a person × period grid with the plan's time apart, and capacity
against demand per failure mode or per skill.

Capacity against demand, per period: **demand** is the FTE the roles of the phase then in force ask for (summed over
the portfolio's initiatives; a role guarding two failure modes counts in both, a role asking for two skills in
both); **capacity** is the time the people who could take such a role have for the portfolio — contracted, less
leave, less work outside the portfolio (their time on the portfolio's own initiatives counts as capacity, since the
portfolio can re-deploy it), each person counted once per series. For a failure mode, "could take" means fully
qualified for at least one role guarding it; for a skill, holding it at the lowest level any role asks.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np

from app.domain.initiatives import Initiative
from app.domain.people import Person
from app.domain.plans import Plan
from app.domain.roles import Phase, PhaseTemplate
from app.domain.skills import FailureMode
from app.gaps.skill_matrix import SkillColumns, SkillMatrix
from app.timeline.calendar import Grid, Period
from app.timeline.capacity import capacity
from app.timeline.demand import role_demand
from app.timeline.plan_view import planned_spans, with_plan
from app.timeline.spread import Intervals, spread


@dataclass
class TimelineGrid:
    """Per person and displayed period: the capacity figures, this plan's time apart, and the gates per period."""

    periods: list[Period]
    people: list[Person]
    contracted: np.ndarray
    leave: np.ndarray
    confirmed: np.ndarray
    tentative: np.ndarray
    planned: np.ndarray
    gates: list[list[tuple[str, Phase, date]]]  # per period: (initiative name, phase, gate day)

    @cached_property
    def present(self) -> np.ndarray:
        """Contracted time less leave."""
        return np.maximum(0.0, self.contracted - self.leave)

    @cached_property
    def booked(self) -> np.ndarray:
        """Confirmed, tentative and planned time together."""
        return self.confirmed + self.tentative + self.planned

    @cached_property
    def free(self) -> np.ndarray:
        """Present time nothing holds, never below zero."""
        return np.maximum(0.0, self.present - self.booked)

    @cached_property
    def over(self) -> np.ndarray:
        """How far bookings exceed the time present."""
        return np.maximum(0.0, self.booked - self.present)


def timeline_grid(people: Sequence[Person], initiatives: Sequence[Initiative], plan: Plan | None, grid: Grid, *,
                  today: date) -> TimelineGrid:
    """The grid's figures; with a plan, its assignments run in their initiative's target window, replacing the time
    that initiative held there (plan_view.py)."""
    people = list(people)
    spans = planned_spans(plan, initiatives, today=today) if plan is not None else {}
    laid = [with_plan(p, spans.get(p.id, {}), add=False) for p in people]
    cap = capacity(laid, grid)
    mine = Intervals()
    for i, p in enumerate(people):
        for fte, first, last in spans.get(p.id, {}).values():
            mine.add(i, first, last, fte)
    gates: list[list[tuple[str, Phase, date]]] = [[] for _ in grid.periods]
    for ini in initiatives:
        for phase, day in ini.roadmap.items():
            for k, period in enumerate(grid.periods):
                if period.start <= day <= period.end:
                    gates[k].append((ini.name, phase, day))
    return TimelineGrid(periods=grid.periods, people=people, contracted=cap.by_period("contracted"),
                        leave=cap.by_period("leave"), confirmed=cap.by_period("confirmed"),
                        tentative=cap.by_period("tentative"),
                        planned=grid.to_periods(spread(mine, len(people), grid)), gates=gates)


@dataclass
class Series:
    """One line of the capacity-against-demand chart."""

    key: str
    label: str
    demand: np.ndarray
    capacity: np.ndarray
    able: int = 0  # people in the roster who hold the skills at the level asked (whose free time is the capacity)


def capacity_vs_demand(people: Sequence[Person], initiatives: Sequence[Initiative],
                       templates: Mapping[Phase, PhaseTemplate], grid: Grid, *, by: str = "mode",
                       skill_name=lambda s: s) -> list[Series]:
    """Per failure mode (`by='mode'`) or per skill (`by='skill'`): demand and capacity per displayed period."""
    return demand_series(people, initiatives, templates, grid, skill_name=skill_name)[by]


def demand_series(people: Sequence[Person], initiatives: Sequence[Initiative],
                  templates: Mapping[Phase, PhaseTemplate], grid: Grid, *, skill_name=lambda s: s
                  ) -> dict[str, list[Series]]:
    """Both sets of series, {'mode': […], 'skill': […]}, sharing one capacity pass and one skill matrix."""
    people = list(people)
    scope = {i.id for i in initiatives}
    available = capacity(people, grid, exclude=scope).by_period("free")
    matrix = SkillMatrix(people, SkillColumns())
    demands = role_demand(initiatives, templates, grid)
    modes: list[Series] = []
    for mode in FailureMode:
        rows = [d for d in demands if mode in d.role.failure_modes]
        if not rows:
            continue
        able = np.zeros(len(people), dtype=bool)
        for reqs in {tuple((r.skill, r.min_level) for r in d.role.required) for d in rows}:
            able |= matrix.qualified(list(reqs))
        modes.append(Series(mode.value, mode.label, sum(d.fte for d in rows), available[able].sum(axis=0),
                            int(able.sum())))
    lowest: dict[str, int] = {}
    for d in demands:
        for r in d.role.required:
            lowest[r.skill] = min(lowest.get(r.skill, r.min_level), r.min_level)
    skills: list[Series] = []
    for skill, level in sorted(lowest.items(), key=lambda kv: skill_name(kv[0])):
        rows = [d for d in demands if any(r.skill == skill for r in d.role.required)]
        able = matrix.level(skill) >= level
        skills.append(Series(skill, f"{skill_name(skill)} ≥ {level}", sum(d.fte for d in rows),
                             available[able].sum(axis=0), int(able.sum())))
    return {"mode": modes, "skill": skills}
