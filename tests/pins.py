"""Shared set-up for tests of who pinned a row."""
from __future__ import annotations

from app.domain import Assignment, Pin, Plan
from app.project.model import Scenario


def pin_lead_and_approver(scenario: Scenario, plan: Plan) -> tuple[Assignment, Assignment]:
    """Pins the plan's first assignment as the delivery lead's own and another person's as an approver's (with a
    comment); returns (the lead's, the approver's)."""
    mine = plan.assignments[0]
    other = next(a for a in plan.assignments if a.person_id != mine.person_id)
    scenario.pins = [
        Pin(person_id=mine.person_id, initiative=mine.initiative, role=mine.role, fte=mine.fte),
        Pin(person_id=other.person_id, initiative=other.initiative, role=other.role, fte=other.fte,
            comment="agreed with finance", source="approver")]
    return mine, other
