"""Decisions read for a scenario: what Apply (and `plan --decisions`) adds to its lists, and what it leaves out."""
from __future__ import annotations

import pytest

from app.domain import Exclusion, Pin, SourcingLimit, TrainingRejection
from app.export import write_plan_workbook
from app.export.decision_result import CellProblem, DecisionResult
from app.export.decisions import DecisionsCancelled, read_decisions
from app.export.scenario_decisions import ScenarioDecisions
from app.project import Scenario


def _decisions(**over) -> ScenarioDecisions:
    result = DecisionResult(
        file="plan.xlsx",
        pins=[Pin(person_id="E1", initiative="claims", role="sre", fte=0.5),
              Pin(person_id="E9", initiative="claims", role="mlops", fte=1.5)],
        exclusions=[Exclusion(person_id="E2", initiative="claims", reason="stays on fraud")],
        sourcing_limits=[SourcingLimit(initiative="claims", role="risk", kind="contract")],
        rejected_trainings=[TrainingRejection(person_id="E3", skill="python", reason="no budget")])
    return ScenarioDecisions(result=result, scenario="Baseline", **over)


def test_a_decision_on_the_same_subject_replaces_the_scenarios_own():
    scenario = Scenario(
        name="Baseline",
        pins=[Pin(person_id="E1", initiative="claims", role="sre", fte=0.2),  # the approver's FTE wins
              Pin(person_id="E2", initiative="claims", role="data"),  # rejected now: the pin goes
              Pin(person_id="E5", initiative="claims", role="data")],  # untouched
        exclusions=[Exclusion(person_id="E9", initiative="claims")],  # approved now: lifted
        sourcing_limits=[SourcingLimit(initiative="claims", role="risk", kind="contract", max_fte=0.5)],
        rejected_trainings=[TrainingRejection(person_id="E3", skill="python", reason="old")])
    lists = _decisions().scenario_lists(scenario)
    assert [(p.person_id, p.fte) for p in lists["pins"]] == [("E5", None), ("E1", 0.5), ("E9", 1.5)]
    assert [(e.person_id, e.reason) for e in lists["exclusions"]] == [("E2", "stays on fraud")]
    assert [(s.role, s.max_fte) for s in lists["sourcing_limits"]] == [("risk", 0.0)]
    assert [t.reason for t in lists["rejected_trainings"]] == ["no budget"]
    again = Scenario(name="Baseline", **lists)
    assert _decisions().scenario_lists(again) == lists  # reading the same workbook twice adds nothing


def test_approvals_beyond_a_persons_time_are_problems_and_left_out():
    decisions = _decisions(over_capacity={"E9": "Ana (E9) is approved for 1.5 FTE …, so 1 FTE is free"})
    assert not decisions.complete and decisions.problem_count == 1
    assert decisions.problem_lines() == ["problem: Ana (E9) is approved for 1.5 FTE …, so 1 FTE is free"]
    assert [p.person_id for p in decisions.scenario_lists(Scenario(name="Baseline"))["pins"]] == ["E1"]
    assert decisions.short_words() == "1 pin, 1 exclusion, 1 rejected hire or contract, 1 rejected training"


def test_an_edited_cost_is_said_without_the_amount_when_pay_is_left_out():
    problem = CellProblem(sheet="Hiring", row=5, column="Cost", value="1", reason="costs are computed by Phasegate "
                          "(this row: 38,750); …", without_pay="costs are computed by Phasegate (amounts hidden); …")
    decisions = _decisions()
    decisions.result.problems.append(problem)
    assert decisions.problem_lines(include_pay=False) == [
        "problem: sheet 'Hiring', row 5, column 'Cost': costs are computed by Phasegate (amounts hidden); …"]
    assert "38,750" in decisions.problem_lines()[0] and "('1')" in decisions.problem_lines()[0]
    assert not any("38,750" in line for line in decisions.result.summary_lines(include_pay=False))


def test_cancel_stops_the_reading_with_exit_code_130(report, tmp_path):
    path = write_plan_workbook(report, tmp_path / "plan.xlsx")
    asked = []
    with pytest.raises(DecisionsCancelled) as caught:
        read_decisions(path, cancel=lambda: asked.append(1) or True)
    assert caught.value.exit_code == 130 and asked == [1]
    assert read_decisions(path, cancel=lambda: False).complete


def test_approved_hires_and_trainings_are_kept_by_the_scenario_until_a_later_workbook_rejects_them(tmp_path):
    from app.domain import Approval
    from app.project import Project, open_project, save_project

    hire = Approval(subject="hire", initiative="claims", role="mlops", fte=1.0, text="hire MLOps")
    course = Approval(subject="training", person_id="E3", skill="python", text="train E3 in Python")
    first = ScenarioDecisions(result=DecisionResult(file="r1.xlsx", approvals=[hire, course]), scenario="Baseline")
    lists = first.scenario_lists(Scenario(name="Baseline"))
    assert lists["approvals"] == [hire, course]
    project = Project(scenarios=[Scenario(name="Baseline", **lists)])
    save_project(project, tmp_path / "p.phasegate")
    kept = open_project(tmp_path / "p.phasegate").scenario("Baseline")
    assert kept.approvals == [hire, course]  # saved with the project, for the next round's workbook
    second = _decisions()  # rejects E3's Python training, approves no hire
    assert second.scenario_lists(kept)["approvals"] == [hire]
