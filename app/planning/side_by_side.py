"""Plans side by side (the current plan and its alternatives): the numbers a delivery lead compares, as text."""
from __future__ import annotations

from app.domain.plans import Plan, PlanStatus
from app.planning.words import Words, fte

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
