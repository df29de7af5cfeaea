"""validate_plan on a broken pin: FTE on both sides and the role by name (test_validate_plain_words has the rest)."""
from __future__ import annotations

import re

from app.domain import Pin
from app.planning import plan_scenario, validate_plan
from tests.app.planning.conftest import TODAY


def test_a_pin_at_another_fte_is_named_in_fte(tiny_project, tiny_templates) -> None:
    plan = plan_scenario(tiny_project, templates=tiny_templates, today=TODAY, time_limit=5.0)
    tiny_project.scenario().pins.append(Pin(person_id="E1", initiative="claims", role="mlops_engineer", fte=0.5))
    problems = validate_plan(tiny_project, plan, templates=tiny_templates, today=TODAY)
    assert "Ana Ruiz is pinned to MLOps engineer on Claims Triage at 0.5 FTE, the plan gives 1 FTE" in problems
    assert not any(re.search(r"\bunits?\b|claims/", p) for p in problems), problems
