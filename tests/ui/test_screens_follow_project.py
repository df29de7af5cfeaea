"""Every screen follows the current project and scenario: open A, then B, then a new project, undo and redo, and
nothing of the project before stays on show."""
from __future__ import annotations

from app.domain import Pin
from app.project import Scenario, save_project
from app.project.from_roster import project_from_roster
from app.roster_import import import_roster
from tests.own_roster import write_roster
from tests.ui.solved_sample import solved_sample
from ui.template_cache import default_catalogue


def _own_project_file(tmp_path):
    roster = write_roster(tmp_path / "acme.csv")
    result = import_roster(roster, catalogue=default_catalogue())
    project, _added = project_from_roster(result, catalogue=default_catalogue(), name="Acme")
    project.scenarios.append(Scenario(name="Freeze"))
    path = tmp_path / "acme.phasegate"
    save_project(project, path)
    return path


def _initiatives(window) -> list[str]:
    screen = window.screens["initiatives"]
    return [screen.list.item(r).text().split("\n")[0] for r in range(screen.list.count())]


def test_every_screen_follows_project_a_then_b_then_a_new_one_with_undo_and_redo(qtbot, window, tmp_path):
    window.show()
    roster, ini, gaps = window.screens["roster"], window.screens["initiatives"], window.screens["gaps"]
    plan, export, templates = window.screens["plan"], window.screens["export"], window.screens["templates"]

    # A: the solved sample, a person on show, a pin, its gaps analysed
    sample = solved_sample()
    first = sample.scenario().plan.assignments[0]
    sample.scenario().pins.append(Pin(person_id=first.person_id, initiative=first.initiative, role=first.role))
    window.doc.replace(sample)
    roster.table.selectRow(0)
    person_a = roster.selected_person().name
    assert person_a in roster.panel.toPlainText()
    gaps.initiative.setCurrentIndex(gaps.initiative.findData("Claims Triage Assistant"))
    with qtbot.waitSignal(gaps.worker.finished, timeout=30_000):
        window.go_to("gaps")
    assert gaps.summary.text().startswith("Claims Triage Assistant")
    assert plan.assignments.rowCount() > 0 and plan.pins_panel.model.rowCount() == 1
    assert "Northwind" in window.windowTitle() and len(_initiatives(window)) == 4
    window.show_status("The plan breaks 3 rules: …")  # a line about A

    # B: another roster, opened from its file
    window.open_path(str(_own_project_file(tmp_path)))
    qtbot.waitUntil(lambda: window.current_screen() == "roster", timeout=5_000)
    assert window.windowTitle().startswith("Acme")
    assert window.status_label.text() == "Opened acme.phasegate"
    assert person_a not in roster.panel.toPlainText() and "Select a person" in roster.panel.toPlainText()
    assert roster.count_label.text().startswith("40 people")
    assert _initiatives(window) == ["Fraud Radar", "Invoice Reader"]
    ini.fill_team()
    assert ini.team_box.title().startswith("Current team of Fraud Radar: ")
    assert [gaps.initiative.itemData(i) for i in range(gaps.initiative.count())] == ["Fraud Radar", "Invoice Reader"]
    assert "Claims" not in gaps.summary.text() and gaps.roles_model.rowCount() == 0
    assert [plan.scenario.itemText(i) for i in range(plan.scenario.count())] == ["Baseline", "Freeze"]
    assert plan.assignments.rowCount() == 0 and plan.pins_panel.model.rowCount() == 0
    assert plan.scenarios_panel.comparison.rowCount() == 0 and plan.scenarios_panel.alternatives.rowCount() == 0
    assert "plans Fraud Radar, Invoice Reader. No plan yet" in plan.headline.text()
    assert not plan.banner.isVisibleTo(plan) and not plan.live.isVisibleTo(plan)
    assert not any(b.isEnabled() for b in export.buttons.values())
    assert export.status.text().startswith("Solve a scenario first") and not export.open_button.isVisibleTo(export)
    assert roster.model.marks == {} and roster.skill.findText("Kubernetes") > 0
    assert templates.tree.topLevelItemCount() == 4

    # an edit in B, undone and redone: every screen shows each state
    assert ini.add_initiative("Claims Bot")
    assert _initiatives(window)[-1] == "Claims Bot" and gaps.initiative.findData("Claims Bot") >= 0
    assert "Fraud Radar, Invoice Reader, Claims Bot" in plan.headline.text()
    window.actions_by_name["undo"].trigger()
    assert window.status_label.text() == "Undone: Add initiative Claims Bot"
    assert "Claims Bot" not in _initiatives(window) and gaps.initiative.findData("Claims Bot") < 0
    assert "Fraud Radar, Invoice Reader. No plan yet" in plan.headline.text()
    window.actions_by_name["redo"].trigger()
    assert window.status_label.text() == "Redone: Add initiative Claims Bot"
    assert _initiatives(window)[-1] == "Claims Bot"
    plan.scenario.setCurrentText("Freeze")
    assert "Scenario “Freeze” plans" in plan.headline.text() and export.status.text().startswith("Solve a scenario")
    window.actions_by_name["undo"].trigger()  # back to Baseline: every screen follows the scenario too
    assert plan.scenario.currentText() == "Baseline" and "Scenario “Baseline” plans" in plan.headline.text()

    # a new project: the wizard opens on an empty project; closed, nothing of B stays
    window.new_from_roster()
    wizard = roster.wizard
    wizard.reject()
    assert window.windowTitle().startswith("New project") and window.doc.people == []
    assert roster.count_label.text().startswith("0 people") and "Select a person" in roster.panel.toPlainText()
    assert _initiatives(window) == [] and ini.empty_note.isVisibleTo(ini)
    assert gaps.initiative.count() == 0 and gaps.summary.text().startswith("No initiative yet")
    assert "plans no initiative yet" in plan.headline.text() and plan.assignments.rowCount() == 0
    assert "press Solve" not in plan.headline.text()  # a solve refuses to start without an initiative
    assert [plan.scenario.itemText(i) for i in range(plan.scenario.count())] == ["Baseline"]
    assert not window.actions_by_name["undo"].isEnabled() and not window.actions_by_name["redo"].isEnabled()
    assert ini.add_initiative("First")
    window.actions_by_name["undo"].trigger()
    assert _initiatives(window) == [] and ini.empty_note.isVisibleTo(ini)
    window.actions_by_name["redo"].trigger()
    assert _initiatives(window) == ["First"] and gaps.initiative.itemData(0) == "First"
    window.doc.undo_stack.clear()
