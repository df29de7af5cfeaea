"""Hand-edited plans are judged in FTE, money and names: the validator's unit counts never reach the user."""
from __future__ import annotations

import re

from app.domain import Assignment
from app.planning import plan_scenario, validate_plan
from tests.app.planning.conftest import TODAY

SOLVER_WORDS = re.compile(r"\bunits?\b|\bavailable\b|\bdisplace\b|claims/|head\(s\)")


def _check(project, templates, plan) -> list[str]:
    problems = validate_plan(project, plan, templates=templates, today=TODAY)
    assert problems, "the edit should break a rule"
    for problem in problems:
        assert not SOLVER_WORDS.search(problem), problem
    return problems


def test_an_over_allocated_person_is_told_in_fte_free(tiny_project, tiny_templates) -> None:
    plan = plan_scenario(tiny_project, templates=tiny_templates, today=TODAY, time_limit=5.0)
    plan.assignments.append(Assignment(person_id="E2", person_name="Ben Ode", initiative="claims",
                                       role="change_manager", fte=1.0))
    problems = _check(tiny_project, tiny_templates, plan)
    assert "Ben Ode is given 1 FTE but has only 0.5 FTE free" in problems
    assert "Ben Ode has no tentative commitments that could give way" in problems
    assert any(p.startswith("Change manager on Claims Triage receives ") and p.endswith("but needs only 0.5 FTE")
               for p in problems), problems


def test_a_budget_overrun_is_named_in_money(tiny_project, tiny_templates) -> None:
    plan = plan_scenario(tiny_project, templates=tiny_templates, today=TODAY, time_limit=5.0)
    tiny_project.portfolio.initiatives[0].budget = 1000
    problems = _check(tiny_project, tiny_templates, plan)
    assert any(re.fullmatch(r"Claims Triage spends €[0-9.]+k?, over its budget of €1k by €[0-9.]+k?", p)
               for p in problems), problems


def test_a_sliver_below_the_minimum_is_named_in_fte(tiny_project, tiny_templates) -> None:
    plan = plan_scenario(tiny_project, templates=tiny_templates, today=TODAY, time_limit=5.0)
    plan.assignments.append(Assignment(person_id="E3", person_name="Cara Lind", initiative="claims",
                                       role="change_manager", fte=0.05))
    problems = _check(tiny_project, tiny_templates, plan)
    slivers = [p for p in problems if "below the minimum" in p]
    assert slivers and all(re.search(r"gives .+ [0-9.]+ FTE, below the minimum of [0-9.]+ FTE$", p) for p in slivers)
