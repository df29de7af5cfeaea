"""Scenario edits: one pin per person and role, exclusions lift pins, the list of references says what applies."""
from __future__ import annotations

import pytest

from app.domain import Exclusion, Initiative, Pin, Policy
from app.errors import UsageError
from app.planning.edits import (
    absent_people,
    drop_absent,
    exclude_person,
    include_person,
    pin_assignment,
    references,
    unpin,
)
from app.project import Scenario
from tests.app.planning.conftest import make_project, make_templates


def test_pinning_again_edits_the_pin_in_its_place():
    project = make_project()
    pin_assignment(project, person_id="E1", initiative="claims", role="mlops_engineer", fte=0.5)
    pin_assignment(project, person_id="E2", initiative="claims", role="change_manager")
    before = project.scenario().pins
    pin_assignment(project, person_id="E1", initiative="claims", role="mlops_engineer", fte=0.8)
    pins = project.scenario().pins
    assert pins is not before  # replaced, so a caller holding the old list can undo
    assert [(p.person_id, p.fte) for p in pins] == [("E1", 0.8), ("E2", None)]


def test_exclusion_drops_pins_and_pin_lifts_exclusion():
    project = make_project()
    pin_assignment(project, person_id="E1", initiative="claims", role="mlops_engineer")
    exclude_person(project, person_id="E1", initiative="claims")
    assert project.scenario().pins == [] and project.scenario().exclusions[0].person_id == "E1"
    pin_assignment(project, person_id="E1", initiative="claims", role="mlops_engineer")
    assert project.scenario().exclusions == []
    assert unpin(project, person_id="E1", initiative="claims", role="mlops_engineer")
    assert not unpin(project, person_id="E1", initiative="claims", role="mlops_engineer")
    exclude_person(project, person_id="E2")
    assert include_person(project, person_id="E2") and project.scenario().exclusions == []


def test_unknown_person_or_initiative_is_a_one_line_error():
    project = make_project()
    with pytest.raises(UsageError, match="employee id 'NOPE' is not in the roster"):
        pin_assignment(project, person_id="NOPE", initiative="claims", role="mlops_engineer")
    with pytest.raises(UsageError, match="no initiative 'mars'"):
        pin_assignment(project, person_id="E1", initiative="mars", role="mlops_engineer")


def test_references_name_people_initiatives_roles_and_why_a_pin_does_not_apply():
    project = make_project()
    project.portfolio.initiatives.append(Initiative(id="fraud", name="Fraud Radar"))
    sc = project.scenario()
    sc.initiative_ids = ["claims"]
    sc.pins = [Pin(person_id="E1", initiative="claims", role="mlops_engineer", fte=1.0),
               Pin(person_id="GONE", initiative="claims", role="mlops_engineer"),
               Pin(person_id="E2", initiative="fraud", role="mlops_engineer"),
               Pin(person_id="E3", initiative="claims", role="astronaut")]
    sc.exclusions = [Exclusion(person_id="E4")]
    rows = references(project, templates=make_templates())
    assert [(r.kind, r.person, r.initiative, r.role) for r in rows] == [
        ("pin", "Ana Ruiz", "Claims Triage", "MLOps engineer"), ("pin", "GONE", "Claims Triage", "MLOps engineer"),
        ("pin", "Ben Ode", "Fraud Radar", "MLOps engineer"), ("pin", "Cara Lind", "Claims Triage", "astronaut"),
        ("exclusion", "Dan Moss", "every initiative", "")]
    assert [r.not_applied for r in rows] == [
        "", "the person is no longer in the roster (kept for later)", "this scenario does not plan the initiative",
        "the initiative's target phase has no such role", ""]
    assert [r.absent for r in rows] == [False, True, False, False, False]


def test_absent_people_are_listed_per_scenario_and_can_be_dropped():
    project = make_project()
    project.scenarios.append(Scenario(name="Freeze", exclusions=[Exclusion(person_id="GONE")]))
    project.scenario().pins = [Pin(person_id="GONE", initiative="claims", role="mlops_engineer"),
                               Pin(person_id="E1", initiative="claims", role="mlops_engineer")]
    gone = absent_people(project)
    assert {k: [x.person_id for x in v] for k, v in gone.items()} == {"Baseline": ["GONE"], "Freeze": ["GONE"]}
    assert drop_absent(project) == 2
    assert absent_people(project) == {} and [p.person_id for p in project.scenario().pins] == ["E1"]


def test_a_scenario_plans_with_its_own_policy_and_budget():
    project = make_project()
    project.portfolio.initiatives[0] = project.portfolio.initiatives[0].model_copy(update={"budget": 100_000.0})
    sc = Scenario(name="Freeze", policy_overrides={"claims": Policy(hiring_freeze=True)},
                  budget_overrides={"claims": None})
    project.scenarios.append(sc)
    base, = project.planned_initiatives("Baseline")
    frozen, = project.planned_initiatives("Freeze")
    assert (base.policy.hiring_freeze, base.budget) == (False, 100_000.0)
    assert (frozen.policy.hiring_freeze, frozen.budget) == (True, None)
    assert project.plan_inputs("Baseline") != project.plan_inputs("Freeze")
    same = project.plan_inputs("Baseline")
    assert project.plan_inputs("Baseline") == same
    pin_assignment(project, person_id="E1", initiative="claims", role="mlops_engineer")
    assert project.plan_inputs("Baseline") != same  # the Baseline's plan is now out of date
