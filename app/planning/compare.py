"""Plans side by side: the numbers a delivery lead compares, as text, and who is placed differently from one plan to
another."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.plans import Plan, PlanStatus
from app.planning.words import Words, fte


@dataclass(frozen=True)
class PersonDifference:
    """One person whose placements differ between plans: per plan (in the order given) what they do there."""

    person_id: str
    name: str
    placements: tuple[str, ...]  # per plan: 'MLOps engineer on Claims Triage 0.5 FTE; …', or '' when not placed


def placement_words(plan: Plan, person_id: str, initiative_names: Mapping[str, str]) -> str:
    """What a plan gives one person, in words ('MLOps engineer on Claims Triage 0.5 FTE'), '' when nothing."""
    return "; ".join(f"{a.role_name or a.role} on {initiative_names.get(a.initiative, a.initiative)} {a.fte:g} FTE"
                     for a in sorted(plan.assignments, key=lambda a: (a.initiative, a.role))
                     if a.person_id == person_id)


def assignment_differences(plans: Mapping[str, Plan], *, initiative_names: Mapping[str, str] | None = None
                           ) -> list[PersonDifference]:
    """Everyone placed differently by at least two of the plans (role, initiative or FTE), by name."""
    names = initiative_names or {}
    people: dict[str, str] = {}
    for plan in plans.values():
        for a in plan.assignments:
            people.setdefault(a.person_id, a.person_name or a.person_id)
    out = []
    for pid, name in people.items():
        placements = tuple(placement_words(plan, pid, names) for plan in plans.values())
        if len(set(placements)) > 1:
            out.append(PersonDifference(pid, name, placements))
    return sorted(out, key=lambda d: (d.name.casefold(), d.person_id))


#: Row label → how one plan shows in that row (cost is handled apart: it may be hidden).
_ROWS = [
    ("Coverage", lambda p: f"{p.coverage:.0%}"),
    ("Uncovered FTE", lambda p: fte(p.uncovered_fte)),
    ("Cost", None),
    ("Hires (heads)", lambda p: str(p.hired_heads)),
    ("Contractors (heads)", lambda p: str(p.contracted_heads)),
    ("Trainings", lambda p: str(len(p.trainings))),
    ("People moved", lambda p: str(p.people_moved)),
    ("Status", None),
]


def side_by_side_lines(columns: list[tuple[str, Plan]], *, include_pay: bool = True) -> list[str]:
    """A table with one column per (title, plan): coverage, uncovered FTE, cost, hires and contractors in heads,
    trainings, people moved, status; then each plan's first message line as a note."""
    words = Words(include_pay=include_pay)

    def cell(label: str, fn, plan: Plan) -> str:
        if label == "Status":
            return words.status_short(plan)
        if plan.status in (PlanStatus.INFEASIBLE, PlanStatus.NO_PLAN):
            return "—"
        if fn is None:
            return words.money(plan.total_cost) if include_pay else "hidden"
        return fn(plan)

    table = [["", *(title for title, _ in columns)]]
    table += [[label, *(cell(label, fn, plan) for _, plan in columns)] for label, fn in _ROWS]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = ["  " + "  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(row, widths,
                                                                                                 strict=True)))
             for row in table]
    lines = [line.rstrip() for line in lines]
    for title, plan in columns:
        first = words.first_line(plan)
        if first:
            lines.append(f"  {title}: {first}")
    return lines
