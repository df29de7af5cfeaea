"""What the Timeline screen shows, computed on its worker: the person × period figures stacked for painting, both
groupings (people, then the plan's hire and contractor arrivals), the plan's trainings per person, the chart series.

Row orders hold a person's index (≥ 0) or an arrival's as `-(k + 1)`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.timeline.calendar import Granularity
from ui.models.timeline import stack_figures
from ui.template_cache import template_set

#: How far ahead each zoom looks from the current period.
SPAN = {Granularity.WEEK: timedelta(weeks=16), Granularity.MONTH: timedelta(weeks=52),
        Granularity.QUARTER: timedelta(weeks=104)}
@dataclass(frozen=True)
class Placement:
    """One of the plan's assignments as the Timeline shows it: what, how much, from when to when, and why it ends."""

    what: str  # 'Data engineer, Customer Support Assistant'
    fte: float
    first: date
    last: date
    ends: str  # 'the operations gate follows' or 'the end of the 26-week planning horizon'


#: The group of the plan's arrivals when people are grouped by organisation.
ARRIVING = "Arriving (this plan's hires and contractors)"


def group_of(person, how: str, planned: dict[str, list[tuple[str, float]]] | None = None) -> str:
    """A person's group: their organisation, or the initiative that holds most of their time — in the roster's
    commitments or, with the plan shown, in its assignments (`planned`: person id → (initiative, FTE))."""
    if how == "organisation":
        return person.organisation or "(no organisation)"
    held = [(c.initiative, c.fte) for c in person.commitments] + (planned or {}).get(person.id, [])
    if not held:
        return "(no initiative)"
    return max(held, key=lambda h: h[1])[0]


def _orders(people, arrivals, planned=None) -> dict[str, tuple[list[int], list[str]]]:
    """Rows per grouping: people by group and name, the arrivals under their initiative (or together, last)."""
    orders = {}
    for how in ("organisation", "initiative"):  # both ready, so switching them costs the GUI nothing
        keys = [((0, group_of(p, how, planned).casefold(), 0, p.name.casefold()), i, group_of(p, how, planned))
                for i, p in enumerate(people)]
        for k, a in enumerate(arrivals):
            group = a.initiative if how == "initiative" else ARRIVING
            last = 0 if how == "initiative" else 1
            keys.append(((last, group.casefold(), 1, f"{a.day.isoformat()} {a.role}"), -(k + 1), group))
        keys.sort(key=lambda x: x[0])
        orders[how] = ([row for _, row, _ in keys], [group for _, _, group in keys])
    return orders


def _placements(plan, initiatives, row_of: dict[str, int], *, today: date) -> dict[int, list[Placement]]:
    """Per person row, the plan's assignments with the days they run: their initiative's target phase window (from
    the assignment's own start), and what ends it — the next gate, or the planning horizon (a green bar stopping in
    June read as the plan dropping the person)."""
    from app.timeline.window import phase_window

    out: dict[int, list[Placement]] = {}
    if plan is None:
        return out
    by_id = {i.id: i for i in initiatives}
    for a in plan.assignments:
        ini = by_id.get(a.initiative)
        if ini is None or a.person_id not in row_of:
            continue
        first, last, ends = phase_window(ini, today=today, horizon_weeks=ini.policy.horizon_weeks)
        why = (f"the {ends.label.lower()} gate follows" if ends is not None else
               f"the end of the {ini.policy.horizon_weeks}-week planning horizon")
        out.setdefault(row_of[a.person_id], []).append(Placement(
            f"{a.role_name or a.role}, {ini.name or ini.id}", a.fte, max(first, a.start) if a.start else first,
            last, why))
    return out


def compute(project, *, by: Granularity, with_plan: bool, today: date) -> dict:
    """Everything the screen shows, computed off the GUI thread: the grid, the plan's events and both chart series
    sets."""
    from app.timeline.calendar import make_grid
    from app.timeline.chart_data import demand_series, timeline_grid
    from app.timeline.plan_view import arrivals, training_spans
    from app.timeline.spread import Intervals, spread

    grid = make_grid(today, today + SPAN[by], by=by)
    initiatives = project.portfolio.initiatives
    plan = project.scenario().plan if with_plan else None
    templates = template_set(project)
    # people who left before the first period have no time anywhere in view: 104 empty rows of HRDataset's leavers
    # (2016-2018) read as people free all year; they are left out and counted in the summary
    start = grid.periods[0].start
    shown = [p for p in project.roster.people if p.leaving_date is None or p.leaving_date >= start]
    figures = timeline_grid(shown, initiatives, plan, grid, today=today)
    people = figures.people
    first, last = grid.periods[0].start, grid.periods[-1].end
    trainings: dict[int, list] = {}
    coming = []
    # what the plan holds against what can be drawn: a training or hire of an initiative without a go-live has no
    # latest date, so it has no place on the time line (the summary says so rather than count fewer in silence)
    counts = {"trainings": len(plan.trainings), "arrivals": len(plan.hires),
              "undated": sum(1 for t in plan.trainings if not t.latest_start)
              + sum(1 for h in plan.hires if not h.latest_requisition),
              # people to recruit (0, not said, when a plan saved before heads were recorded lacks some)
              "people": sum(h.heads for h in plan.hires) if all(h.heads for h in plan.hires) else 0,
              } if plan is not None else None
    if plan is not None:
        row_of = {p.id: i for i, p in enumerate(people)}
        for t in training_spans(plan):
            if t.person_id in row_of and t.first <= last and t.last >= first:
                trainings.setdefault(row_of[t.person_id], []).append(t)
        coming = [a for a in arrivals(plan, initiatives) if a.day <= last]
    landed = Intervals()
    for k, a in enumerate(coming):
        landed.add(k, a.day, None, a.fte)
    # with the plan shown, someone it places is grouped under that initiative (1002, on Customer Support for the
    # plan, was listed under "(no initiative)"), by its name as the arrivals are
    names = {i.id: i.name or i.id for i in initiatives}
    planned: dict[str, list[tuple[str, float]]] = {}
    for a in plan.assignments if plan is not None else ():
        planned.setdefault(a.person_id, []).append((names.get(a.initiative, a.initiative), a.fte))
    placed = _placements(plan, initiatives, {p.id: i for i, p in enumerate(people)}, today=today)
    return {"grid": figures, "stack": stack_figures(figures), "orders": _orders(people, coming, planned),
            "over": int((figures.over > 0.0005).any(axis=1).sum()), "trainings": trainings, "arrivals": coming,
            "plan_counts": counts, "left_before": len(project.roster.people) - len(shown), "placed": placed,
            # an empty grid says why: nothing in the roster books anyone (no initiative column, no dates)
            "booked": bool(figures.confirmed.any() or figures.tentative.any() or figures.leave.any()),
            "arrival_fte": grid.to_periods(spread(landed, len(coming), grid)),
            **dict(zip(("modes", "skills"), demand_series(project.roster.people, initiatives, templates.phases, grid,
                                                          skill_name=templates.catalogue.name_of).values(),
                       strict=True)),
            "by": by}
