"""Scenarios are added, switched and deleted as undo commands, compared side by side, and grown from alternatives."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.planning.words import Words, count, fte
from tests.ui.solved_sample import solved_sample


@pytest.fixture
def plan_screen(window):
    """The Plan screen of a window on the solved sample."""
    window.doc.replace(solved_sample())
    return window.screens["plan"]


def test_comparison_then_new_switch_delete_as_undo_commands(plan_screen, interaction):
    panel = plan_screen.scenarios_panel
    model = panel.comparison
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Scenario", "Coverage", "Uncovered FTE", "Cost", "Hires", "Contractors", "Trainings",
                       "People moved", "Status"]
    plan = plan_screen.doc.project.scenario().plan
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert cells[0] == "Baseline" and cells[1] == f"{plan.coverage:.0%}"
    assert cells[3] == Words().money(plan.total_cost) and cells[3].startswith("€")
    assert cells[4] == str(plan.hired_heads) and cells[5] == str(plan.contracted_heads)  # people, not requisitions
    assert cells[6] == str(len(plan.trainings)) and cells[7] == str(plan.people_moved)
    assert cells[8] == Words().status_short(plan) and "gap" not in cells[8]

    doc = plan_screen.doc
    stack = doc.undo_stack
    assert plan_screen.new_scenario("No hiring", open_settings=False)
    assert doc.project.active_scenario == "No hiring" and stack.undoText() == "Add scenario No hiring"
    assert doc.project.scenario("No hiring").plan is None
    assert plan_screen.scenario.currentText() == "No hiring"

    plan_screen.scenario.setCurrentText("Baseline")
    assert doc.project.active_scenario == "Baseline" and stack.undoText() == "Switch to scenario Baseline"
    assert plan_screen.assignments.rowCount() > 0  # Baseline's plan is on show
    stack.undo()
    assert doc.project.active_scenario == "No hiring" and plan_screen.assignments.rowCount() == 0

    assert plan_screen.delete_scenario("Baseline")
    assert [s.name for s in doc.project.scenarios] == ["No hiring"]
    assert "Delete scenario “Baseline”" in interaction.asked[-1]
    assert not plan_screen.delete_scenario_button.isEnabled()
    assert not plan_screen.delete_scenario("No hiring")
    assert interaction.errors[-1][1] == "'No hiring' is the only scenario; a project keeps at least one"
    stack.undo()
    assert [s.name for s in doc.project.scenarios] == ["Baseline", "No hiring"]
    assert doc.project.scenario("Baseline").plan is not None

    stack.undo()  # the new scenario goes again
    assert [s.name for s in doc.project.scenarios] == ["Baseline"] and doc.project.active_scenario == "Baseline"
    assert not plan_screen.new_scenario("Baseline", open_settings=False)
    assert interaction.errors[-1][1] == "a scenario named 'Baseline' already exists"


def test_alternatives_side_by_side_and_adopt_one(qtbot, plan_screen, interaction):
    panel = plan_screen.scenarios_panel
    doc = plan_screen.doc
    with qtbot.waitSignal(panel.worker.finished, timeout=60_000):
        assert panel.find_alternatives(count=1, time_limit=1.0)
    model = panel.alternatives
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "Baseline (current)"
    assert model.index(1, 0).data() == "Alternative 1"
    alternative = model.records[1].plan
    assert alternative.settings["alternative"] == "fewest_hires"  # the first kind the core offers
    assert model.index(1, model.columnCount() - 1).data() == Words().first_line(alternative) != ""
    assert "1 alternative plan for “Baseline”" in panel.status.text()

    assert not panel.adopt_selected(0)  # the current plan is not an alternative
    assert panel.adopt_selected(1)
    adopted = doc.project.scenario()
    assert adopted.name == "Baseline – alternative 1" and adopted.plan is model.records[1].plan
    assert adopted.notes == Words().first_line(alternative)
    assert panel.comparison.rowCount() == 2
    doc.undo_stack.undo()
    assert [s.name for s in doc.project.scenarios] == ["Baseline"] and panel.comparison.rowCount() == 1
    assert interaction.errors == []


def test_headline_says_what_was_proven_and_counts_people(plan_screen):
    plan = plan_screen.doc.project.scenario().plan
    text = plan_screen.headline.text()
    assert Words().status(plan) in text
    assert Words().message(plan).splitlines()[0] in text  # the plan's own summary, said once
    assert f"{count(plan.hired_heads, 'hire')}, {count(plan.contracted_heads, 'contractor')}" in text
    assert f"Covers {fte(plan.covered_fte)} of {fte(plan.required_fte)} FTE ({plan.coverage:.0%})" in text
    assert text.count("Covers ") == 1 and "coverage " not in text  # the result said once
    assert "Scenario “Baseline” plans Claims Triage Assistant, Churn Predictor" in text


def test_the_windows_default_time_limit_is_the_planners(plan_screen):
    from app.planning.service import DEFAULT_TIME_LIMIT_S
    from ui.screens.plan import TIME_LIMIT_S

    assert TIME_LIMIT_S == DEFAULT_TIME_LIMIT_S
    assert plan_screen.time_limit.value() == 2.0  # the test window's setting, shown


def test_one_change_to_several_initiatives_is_said_once_in_the_undo_text(window, plan_screen):
    """'hiring freeze on on A; hiring freeze on on B; …' became 'hiring freeze on for A, B and C'."""
    project = window.doc.project
    names = [i.name for i in project.planned_initiatives()]
    policies = {i.id: i.policy.model_copy(update={"hiring_freeze": True}) for i in project.planned_initiatives()
                if not i.policy.hiring_freeze}
    frozen = [i.name for i in project.planned_initiatives() if i.id in policies]
    assert len(frozen) >= 3 and len(names) >= 3
    assert plan_screen.apply_settings(project.active_scenario, policies=policies, budget=1_000_000)
    text = window.doc.undo_stack.undoText()
    assert text == (f"Set scenario {project.active_scenario}: hiring freeze on for {', '.join(frozen[:-1])} and "
                    f"{frozen[-1]}; shared budget €1M")
    assert " on on " not in text


def test_alternatives_with_the_current_plans_figures_say_so(plan_screen):
    """Two 'alternatives' with every figure of the current plan were listed as if they were other trade-offs."""
    panel = plan_screen.scenarios_panel
    current = plan_screen.doc.project.scenario().plan
    same = current.model_copy(update={"settings": {**current.settings, "alternative": "fewest_hires"}})
    other = current.model_copy(update={"trainings": current.trainings[:-1]})  # one training fewer
    panel._on_found(("Baseline", [same, other]))
    rows = panel.alternatives
    last = rows.columnCount() - 1
    assert rows.index(1, last).data().startswith("Same figures as the current plan: no other trade-off found. ")
    assert not rows.index(2, last).data().startswith("Same figures")
    assert "None differs" not in panel.status.text()
    panel._on_found(("Baseline", [same]))
    assert panel.status.text().startswith("1 alternative plan for “Baseline”. None differs from the current plan "
                                          "in its figures")


def test_trainings_and_hires_of_an_initiative_without_a_go_live_say_why_they_have_no_date(window, plan_screen):
    """'Start by' and 'Open requisition by' were blank (read as 'no hurry') where no go-live was set; '5.00' weeks."""
    from ui.screens.plan_tables import PlanTables

    project = window.doc.project
    plan = project.scenario().plan
    training, hire = plan.trainings[0], plan.hires[0]
    for ini in project.portfolio.initiatives:
        if ini.id in (training.initiative, hire.initiative):
            ini.go_live = None
    training.latest_start = hire.latest_requisition = None
    tables = PlanTables(None, on_fte_edited=lambda *_a: "")
    tables.show(project, plan)

    def cell(model, header, row=0):
        column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header)
        return model.index(row, column).data()

    assert cell(tables.trainings, "Start by") == "no go-live set"
    assert cell(tables.hires, "Open requisition by") == "no go-live set"
    assert cell(tables.trainings, "Weeks") == f"{training.weeks:g}"
    training.latest_start = date(2027, 3, 27)  # a plan solved now counts back from the horizon's end
    tables.show(project, plan)
    assert cell(tables.trainings, "Start by") == "27 Mar 2027 (assumed: no go-live set)"
