"""What a plan says about itself: hires in heads everywhere, the proof in words, objective levels in user terms."""
from __future__ import annotations

import csv

import pytest

from app.domain import Hire, Plan
from app.domain.reasons import PlanNote
from app.export import write_plan_workbook
from app.planning.compare import side_by_side_lines
from app.planning.output import plan_lines, plan_output
from app.planning.words import Words
from tests.app.export.conftest import sample_report
from tests.libreoffice import convert


def _two_heads(plan: Plan) -> Plan:
    """The export sample with its hire made a 2 FTE, 2-person requisition (one row, two heads)."""
    hire, contract = plan.hires
    return plan.model_copy(update={"hires": [hire.model_copy(update={"fte": 2.0, "heads": 2}), contract]})


def test_a_hire_saved_without_heads_reads_as_its_fte_rounded_up() -> None:
    old = Hire.model_validate({"initiative": "i", "role": "r", "kind": "hire", "fte": 1.5, "cost": 1,
                               "lead_time_weeks": 4})
    assert old.heads == 2
    assert Hire(initiative="i", role="r", kind="hire", fte=0.8, cost=1, lead_time_weeks=4).heads == 1


def test_text_json_and_comparison_count_heads_not_rows() -> None:
    plan = _two_heads(sample_report().plan)
    assert (plan.hired_heads, plan.contracted_heads, len(plan.hires)) == (2, 1, 2)
    text = "\n".join(plan_lines(plan))
    assert "Hires and contractors (3 people in 2 requisitions)" in text
    assert "MLOps engineer: hire 2 heads, 2 FTE" in text
    kpis = plan_output(plan).kpis
    assert (kpis.hires, kpis.contracts, kpis.hire_rows) == (2, 1, 2)
    assert plan_output(plan).hires[0].heads == 2
    table = side_by_side_lines([("Baseline", plan)])
    assert table[4].split() == ["Hires", "(heads)", "2"] and table[5].split() == ["Contractors", "(heads)", "1"]


def test_text_says_one_week_and_one_head_in_the_singular() -> None:
    plan = sample_report().plan
    hire = plan.hires[0].model_copy(update={"fte": 1.0, "heads": 1, "lead_time_weeks": 1})
    plan = plan.model_copy(update={"hires": [hire], "trainings": [plan.trainings[0].model_copy(update={"weeks": 1})]})
    text = "\n".join(plan_lines(plan))
    assert "Hires and contractors (1 person in 1 requisition)" in text
    assert f"{hire.kind} 1 head, 1 FTE" in text and "1 week lead time" in text
    assert ", 1 week, " in text and "1 weeks" not in text  # was "1 weeks"


def test_flat_json_kpis_count_heads(tmp_path) -> None:
    import json

    from app.export import write_plan_json

    report = sample_report()
    report.plan = _two_heads(report.plan)
    data = json.loads(write_plan_json(report, tmp_path / "plan.json").read_text("utf-8"))
    assert (data["kpis"]["hires"], data["kpis"]["contracts"]) == (2, 1)
    assert data["plan"]["hires"][0]["heads"] == 2
    assert data["status_detail"] == "feasible: a valid plan, not proven best (cost may still improve)"


@pytest.mark.libreoffice
def test_workbook_summary_counts_heads_when_a_spreadsheet_recalculates_it(tmp_path) -> None:
    report = sample_report()
    report.plan = _two_heads(report.plan)
    book = write_plan_workbook(report, tmp_path / "plan.xlsx")
    convert(book, 'csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1', tmp_path)
    with open(tmp_path / "plan-Summary.csv", encoding="utf-8", newline="") as handle:
        kpis = {r[0]: r[1] for r in csv.reader(handle) if len(r) > 1 and r[0]}
    assert (float(kpis["Hires (people)"]), float(kpis["Contractors (people)"])) == (2, 1)


def test_status_detail_names_what_was_proven() -> None:
    from app.domain import ObjectiveLevel, PlanStatus

    proven = [ObjectiveLevel(name="uncovered", value=0, bound=0, gap=0, proven=True),
              ObjectiveLevel(name="cost", value=10, bound=8, gap=0.2, proven=False)]
    words = Words()
    assert words.status(Plan(status=PlanStatus.OPTIMAL)) == "optimal (proven best)"
    pruned = Plan(status=PlanStatus.OPTIMAL, settings={"pruning_trainable_dropped": 1,
                                                       "pruning_trainees_per_role": 8})
    assert words.status(pruned) == ("optimal among the people considered (1 more person who could be trained in "
                                    "time for a role was not considered for it)")
    feasible = Plan(status=PlanStatus.FEASIBLE, objective=proven, settings={"pruning_trainable_dropped": 3})
    assert words.status(feasible) == ("feasible: a valid plan, not proven best (cost may still improve); 3 more "
                                      "people who could be trained in time for a role were not considered for it")
    unproven = [lv.model_copy(update={"proven": False}) for lv in proven]
    assert words.status(Plan(status=PlanStatus.FEASIBLE, objective=unproven)) == (
        "feasible: a valid plan, not proven best (coverage and cost may still improve)")
    assert words.status(Plan(status=PlanStatus.INFEASIBLE)).startswith("infeasible: ")
    assert [words.status_short(p) for p in (pruned, feasible)] == ["optimal among the people considered",
                                                                   "feasible, not proven best"]


def test_levels_read_in_user_terms_without_scores_or_gaps() -> None:
    from app.domain import ObjectiveLevel

    plan = sample_report().plan.model_copy(update={"objective": [
        ObjectiveLevel(name="uncovered", value=7315, bound=7000, gap=0.043, proven=False),
        ObjectiveLevel(name="cost", value=231750.5, bound=231750.5, gap=0, proven=True),
        ObjectiveLevel(name="disruption", value=1111, bound=1111, gap=0, proven=True)]})
    text = "\n".join(plan_lines(plan))
    assert "  1. Coverage: 0.75 FTE left open; not proven the least possible" in text
    assert "  2. Cost: €232k — proven the lowest possible" in text
    assert "  3. Moves: 3 people moved — proven the fewest" in text
    assert "score" not in text and "gap" not in text and "bound" not in text
    levels = {lv.name: lv for lv in plan_output(plan).levels}
    assert (levels["uncovered"].value, levels["uncovered"].measure) == (7315, 0.75)
    assert levels["uncovered"].measure_unit == "FTE uncovered" and "score" in levels["uncovered"].meaning
    assert (levels["disruption"].measure, levels["disruption"].measure_unit) == (3, "people moved")
    hidden = {lv.name: lv for lv in plan_output(plan, include_pay=False).levels}["cost"]
    assert (hidden.value, hidden.bound, hidden.measure, hidden.text) == (None, None, None,
                                                                         "hidden (no pay in this output)")


def test_side_by_side_counts_heads_and_hides_pay_on_request() -> None:
    from app.planning.compare import side_by_side_lines

    plan = sample_report().plan
    plan.message = "Covers 4 of 4.75 FTE; costs €232k over 26 weeks; moves 3 people."  # saved before facts
    other = _two_heads(plan).model_copy(update={"message": "", "notes": [
        PlanNote(kind="alternative", alternative="fewest_hires", text="Fewest hires and contractors.")]})
    lines = side_by_side_lines([("Current plan", plan), ("Fewest hires", other)])
    assert lines[0].split() == ["Current", "plan", "Fewest", "hires"]
    assert lines[4].split() == ["Hires", "(heads)", "1", "2"] and lines[5].split() == ["Contractors", "(heads)", "1",
                                                                                        "1"]
    assert lines[3].split() == ["Cost", "€232k", "€232k"]
    assert "  Fewest hires: Fewest hires and contractors." in lines
    hidden = side_by_side_lines([("Current plan", plan), ("Fewest hires", other)], include_pay=False)
    assert not any("€" in line for line in hidden) and hidden[3].split() == ["Cost", "hidden", "hidden"]
    assert "  Current plan: Covers 4 of 4.75 FTE; moves 3 people." in hidden
