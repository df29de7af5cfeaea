"""A plan laid over time: each person's booked FTE per period with the plan's assignments in place, the gates per
period, and a dated calendar of what must happen when (requisitions, training starts, gates, roll-offs, leave).

An assignment runs over its initiative's target phase window (app/timeline/window.py), from its start when the plan
gives one. Inside that window it replaces the person's own commitments to the same initiative (their time there
becomes the role); commitments elsewhere and leave stay. Booked = confirmed commitments + planned time + leave;
tentative bookings elsewhere are left out, since the plan may displace them.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from app.domain.initiatives import Initiative
from app.domain.people import Commitment, CommitmentStatus, Person
from app.domain.plans import Plan
from app.timeline.calendar import Granularity, Period, make_grid
from app.timeline.capacity import capacity
from app.timeline.spread import Intervals, spread
from app.timeline.window import target_window

_DAY = timedelta(days=1)


#: The workbook's Timeline shows at least a year, and at most two (one page wide per year when printed).
MIN_MONTHS, MAX_MONTHS = 12, 24


@dataclass
class PlanTimeline:
    """Periods, the gates falling in each, and per person the booked and planned FTE per period."""

    periods: list[Period]
    gates: dict[str, list[str]]  # initiative name → per period, the phases whose gate falls in it ('' when none)
    people: list[Person]
    contract: list[float]
    booked: np.ndarray  # people × periods
    planned: np.ndarray  # people × periods: this plan's assignments
    until: date  # the last day of the plan's windows (may lie past the last period)
    beyond: dict[str, date] = field(default_factory=dict)  # person id → first planned day past the last period
    gates_beyond: dict[str, list[tuple[str, date]]] = field(default_factory=dict)  # initiative name → (phase, day)


@dataclass(order=True)
class CalendarEntry:
    """One dated step: what happens, where, for whom."""

    day: date
    what: str
    initiative: str = ""
    role: str = ""
    who: str = ""
    detail: str = field(default="", compare=False)


@dataclass(frozen=True)
class TrainingSpan:
    """A planned training on the trainee's time line: from its latest start to the day the level is reached."""

    person_id: str
    person: str
    initiative: str  # its id
    role: str  # the role id it serves ('' when none)
    first: date
    last: date
    what: str  # 'MLOps 2→3, 6 weeks'


@dataclass(frozen=True)
class Arrival:
    """A planned hire or contractor: requested on the latest day, in post after the lead time."""

    initiative: str  # its name
    role: str
    kind: str  # 'hire' or 'contract'
    heads: str  # '2 heads' or '0.5 FTE'
    fte: float
    requisition: date
    day: date
    lead_time_weeks: int

    @property
    def noun(self) -> str:
        """'hire' or 'contractor'."""
        return "hire" if self.kind == "hire" else "contractor"


def training_spans(plan: Plan) -> list[TrainingSpan]:
    """The plan's trainings that have a latest start, each over the weeks it takes."""
    out = []
    for t in plan.trainings:
        if t.latest_start:
            last = t.latest_start + timedelta(days=max(1, round(7 * t.weeks)) - 1)
            out.append(TrainingSpan(t.person_id, t.person_name or t.person_id, t.initiative, t.role, t.latest_start,
                                    last, f"{t.skill_name or t.skill} {t.from_level}→{t.to_level}, {t.weeks:g} weeks"))
    return out


def arrivals(plan: Plan, initiatives: Sequence[Initiative]) -> list[Arrival]:
    """The plan's hires and contractors that have a latest requisition date, with the day they arrive."""
    names = {i.id: i.name for i in initiatives}
    out = []
    for h in plan.hires:
        if h.latest_requisition:
            heads = f"{h.heads} head{'s' if h.heads != 1 else ''}" if h.heads else f"{h.fte:g} FTE"
            out.append(Arrival(names.get(h.initiative, h.initiative), h.role_name or h.role, h.kind, heads, h.fte,
                               h.latest_requisition, h.latest_requisition + timedelta(weeks=h.lead_time_weeks),
                               h.lead_time_weeks))
    return out


def windows(initiatives: Sequence[Initiative], *, today: date) -> dict[str, tuple[date, date]]:
    """Each initiative's target phase window."""
    return {i.id: target_window([i], today=today, horizon_weeks=i.policy.horizon_weeks) for i in initiatives}


def planned_spans(plan: Plan, initiatives: Sequence[Initiative], *, today: date
                  ) -> dict[str, dict[str, tuple[float, date, date]]]:
    """Person id → initiative id → (FTE the plan gives it, first day, last day) over its target phase window."""
    spans = windows(initiatives, today=today)
    planned: dict[str, dict[str, tuple[float, date, date]]] = {}
    for a in plan.assignments:
        if a.initiative not in spans:
            continue
        first, last = spans[a.initiative]
        first = max(first, a.start) if a.start else first
        fte, _, _ = planned.setdefault(a.person_id, {}).get(a.initiative, (0.0, first, last))
        planned[a.person_id][a.initiative] = (round(fte + a.fte, 4), first, last)
    return planned


def with_plan(person: Person, planned: dict[str, tuple[float, date, date]], *, add: bool = True) -> Person:
    """The person with each planned initiative's commitments cut out of its window (and, with `add`, the plan's
    time put there as a confirmed commitment)."""
    if not planned:
        return person
    kept: list[Commitment] = []
    for c in person.commitments:
        if c.initiative not in planned:
            kept.append(c)
            continue
        _, first, last = planned[c.initiative]
        if c.start is None or c.start < first:  # the part before the window
            kept.append(c if c.end is not None and c.end < first else c.model_copy(update={"end": first - _DAY}))
        if (c.end is None or c.end > last) and (c.start is None or c.start <= last):  # the part after it
            kept.append(c.model_copy(update={"start": last + _DAY}))
        elif c.start is not None and c.start > last:
            kept.append(c)
    if add:
        kept += [Commitment(initiative=ini, fte=fte, start=first, end=last)
                 for ini, (fte, first, last) in planned.items()]
    return person.model_copy(update={"commitments": kept})


def _month_after(day: date, months: int) -> date:
    """The first day of the month `months` after `day`'s month."""
    return date(day.year + (day.month - 1 + months) // 12, (day.month - 1 + months) % 12 + 1, 1)


def plan_timeline(people: Sequence[Person], initiatives: Sequence[Initiative], plan: Plan, *, today: date,
                  by: Granularity | str = Granularity.MONTH) -> PlanTimeline:
    """The plan over whole months from the earlier of today and the first window's start to the last window's
    end — at least MIN_MONTHS, at most MAX_MONTHS; what falls past the last month is listed apart."""
    planned = planned_spans(plan, initiatives, today=today)
    spans = windows(initiatives, today=today)
    start = min([today, *(f for f, _ in spans.values())]).replace(day=1)
    until = max([today, *(last for _, last in spans.values())])
    wanted = (until.year - start.year) * 12 + until.month - start.month + 1
    end = _month_after(start, min(max(wanted, MIN_MONTHS), MAX_MONTHS)) - _DAY
    grid = make_grid(start, end, by=by)
    people = list(people)
    laid = [with_plan(p, planned.get(p.id, {})) for p in people]
    cap = capacity(laid, grid)
    mine = Intervals()
    beyond: dict[str, date] = {}
    for i, p in enumerate(people):
        for fte, first, last in planned.get(p.id, {}).values():
            mine.add(i, first, last, fte)
            if first > end and fte > 0:
                beyond[p.id] = min(first, beyond.get(p.id, first))
    booked = cap.by_period("confirmed") + cap.by_period("leave")
    gates, gates_beyond = {}, {}
    for ini in initiatives:
        marks = [""] * len(grid.periods)
        for phase, day in ini.roadmap.items():
            for k, period in enumerate(grid.periods):
                if period.start <= day <= period.end:
                    marks[k] = ", ".join(filter(None, [marks[k], f"{phase.label} {day:%d %b}"]))
        gates[ini.name] = marks
        gates_beyond[ini.name] = sorted(((p.label, d) for p, d in ini.roadmap.items() if d > end),
                                        key=lambda pd: pd[1])
    return PlanTimeline(periods=grid.periods, gates=gates, people=people, contract=[p.fte for p in people],
                        booked=np.round(booked, 3), planned=np.round(grid.to_periods(spread(mine, len(people), grid)), 3),
                        until=until, beyond=beyond, gates_beyond=gates_beyond)


def plan_calendar(people: Sequence[Person], initiatives: Sequence[Initiative], plan: Plan, *, today: date,
                  until: date | None = None, role_name: Callable[[str], str] | None = None) -> list[CalendarEntry]:
    """Dated steps from today to `until` (default: a year on), in date order; `role_name` names role ids."""
    until = until or today + timedelta(weeks=52)
    named = role_name or (lambda rid: rid)
    names = {i.id: i.name for i in initiatives}
    out: list[CalendarEntry] = []
    for ini in initiatives:
        for phase, day in ini.roadmap.items():
            out.append(CalendarEntry(day, f"{phase.label} gate", ini.name))
    for h in arrivals(plan, initiatives):
        out.append(CalendarEntry(h.requisition, f"Open the {h.noun} requisition (latest)", h.initiative, h.role,
                                 h.heads, f"{h.lead_time_weeks} weeks lead time"))
        out.append(CalendarEntry(h.day, f"{h.noun.capitalize()} arrives (if requested on the latest day)",
                                 h.initiative, h.role, h.heads))
    for t in training_spans(plan):
        out.append(CalendarEntry(t.first, "Training starts (latest)", names.get(t.initiative, t.initiative),
                                 named(t.role) if t.role else "", t.person, t.what))
    in_plan = {a.person_id for a in plan.assignments}
    for p in people:
        for c in p.commitments:
            if c.end is not None:
                out.append(CalendarEntry(c.end, "Rolls off", names.get(c.initiative, c.initiative),
                                         named(c.role) if c.role else "", p.name, f"{c.fte:g} FTE {c.status.value}"))
            if c.start is not None and c.status == CommitmentStatus.CONFIRMED:
                out.append(CalendarEntry(c.start, "Starts on", names.get(c.initiative, c.initiative),
                                         named(c.role) if c.role else "", p.name, f"{c.fte:g} FTE"))
        if p.id in in_plan:  # leave matters to the approver for the people the plan places
            for a in p.absences:
                out.append(CalendarEntry(a.start, "Leave starts", "", "", p.name,
                                         f"{a.kind} until {a.end.isoformat()}"))
    return sorted(e for e in out if today <= e.day <= until)
