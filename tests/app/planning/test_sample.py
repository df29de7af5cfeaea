"""The bundled Northwind sample plans end to end, and the plan passes the solver's validator."""
from __future__ import annotations

from datetime import date

from app.planning import build_instance, plan_scenario, plan_to_solution, validate_plan
from app.planning.words import Words
from app.project.sample import load_sample_project
from app.templates import load_phase_templates
from solver.validate import validate

TODAY = date(2026, 11, 2)

WORDS = Words()


def test_sample_portfolio_solves_and_validates() -> None:
    project = load_sample_project(today=TODAY)
    assert len(project.roster.people) >= 70
    assert [i.id for i in project.portfolio.initiatives] == [
        "Claims Triage Assistant", "Churn Predictor", "Contract Analyzer", "Demand Forecasting"]
    templates = load_phase_templates(use_library=False)
    plan = plan_scenario(project, templates=templates, time_limit=4, today=TODAY)
    assert plan.status in ("optimal", "feasible")
    prepared = build_instance(project, None, templates=templates, today=TODAY)
    assert validate(prepared.instance, plan_to_solution(prepared, plan)) == []
    assert validate_plan(project, plan, templates=templates, today=TODAY) == []
    assert {a.initiative for a in plan.assignments} == {i.id for i in project.portfolio.initiatives}
    assert all(WORDS.assignment(a).startswith(a.person_name) for a in plan.assignments)
    assert all(WORDS.hire(h) and h.latest_requisition for h in plan.hires)
    assert all(WORDS.uncovered(u) for u in plan.uncovered)
    load: dict[str, float] = {}
    for a in plan.assignments:
        load[a.person_id] = load.get(a.person_id, 0.0) + a.fte
    people = project.roster.by_id()
    assert all(fte <= people[pid].fte + 1e-9 for pid, fte in load.items())  # a shared pool, never over-allocated
    objective = {lv.name: lv for lv in plan.objective}
    assert objective["uncovered"].bound <= objective["uncovered"].value
    assert plan.total_cost <= project.portfolio.budget
