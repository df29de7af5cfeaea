"""Who is placed differently from one plan to another, in words."""
from __future__ import annotations

from app.domain import Assignment, Plan, PlanStatus
from app.planning.compare import assignment_differences


def _plan(*rows: tuple[str, str, str, float]) -> Plan:
    return Plan(status=PlanStatus.OPTIMAL, assignments=[
        Assignment(person_id=p, person_name=p.title(), initiative=i, role=r, role_name=r.upper(), fte=f)
        for p, i, r, f in rows])


def test_people_placed_differently_are_listed_with_each_plans_placement():
    base = _plan(("ana", "claims", "mlops", 1.0), ("ben", "claims", "data", 0.5), ("cara", "fraud", "data", 1.0))
    freeze = _plan(("ana", "claims", "mlops", 1.0), ("ben", "claims", "data", 0.8), ("dan", "fraud", "data", 1.0))
    diffs = assignment_differences({"Baseline": base, "Freeze": freeze}, initiative_names={"claims": "Claims"})
    assert [(d.name, d.placements) for d in diffs] == [
        ("Ben", ("DATA on Claims 0.5 FTE", "DATA on Claims 0.8 FTE")),
        ("Cara", ("DATA on fraud 1 FTE", "")), ("Dan", ("", "DATA on fraud 1 FTE"))]
    assert assignment_differences({"Baseline": base, "Same": base}) == []

