"""The whole workflow on a roster that is not the sample, in the window, asserting what the user sees at each step:
new project from the roster → initiatives from its column → edit one, add one → gaps → solve → pin, exclude, unpin
→ a second scenario with a hiring freeze → compare → re-import without a pinned person → export."""
from __future__ import annotations

from datetime import date

import openpyxl
from PySide6.QtCore import QItemSelectionModel, Qt

from tests.own_roster import person_rows, write_roster
from tests.ui.wizard_steps import next_after_reading
from ui.screens.roster import KEEP_ABSENT


def _through_the_wizard(qtbot, window, path) -> None:
    """The import wizard from the file to Finish, with the suggested mapping."""
    wizard = window.screens["roster"].wizard
    wizard.file_page.path_edit.setText(str(path))
    next_after_reading(qtbot, wizard)
    wizard.next()  # column mapping
    assert wizard.mapping_page.mapping().target_of("Project") == "initiative"
    wizard.next()  # skills layout
    with qtbot.waitSignal(wizard.worker.finished, timeout=30_000):
        wizard.next()  # preview: the import runs
    wizard.next()  # summary
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        wizard.accept()
    qtbot.wait(20)


def _select_row(plan_screen, row: int) -> None:
    plan_screen.assignment_view.selectionModel().select(
        plan_screen.assignments.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)


def _solve(qtbot, plan_screen, start) -> None:
    with qtbot.waitSignal(plan_screen.worker.finished, timeout=90_000):
        assert start()
    qtbot.waitUntil(lambda: not plan_screen.worker.is_running(), timeout=5_000)


def test_own_roster_from_new_project_to_export(qtbot, window, interaction, tmp_path):
    rows = person_rows(40)
    roster_file = write_roster(tmp_path / "acme_roster.csv", rows)
    window.show()
    window.services.settings.setValue("solve/time_limit", 3.0)

    # New project from the roster: the wizard opens, the initiatives come from its Project column
    window.new_from_roster()
    _through_the_wizard(qtbot, window, roster_file)
    qtbot.waitUntil(lambda: window.current_screen() == "initiatives", timeout=5_000)
    doc = window.doc
    assert len(doc.people) == 40 and window.windowTitle().startswith("acme_roster")  # named after its roster
    ini = window.screens["initiatives"]
    assert [ini.list.item(r).text() for r in range(ini.list.count())] == [
        "Fraud Radar\nPilot → Production · to review", "Invoice Reader\nPilot → Production · to review"]
    assert "2 initiatives made from its initiative column (Fraud Radar, Invoice Reader)" in window.status_label.text()
    fraud_team = [r for r in rows if r["Project"] == "Fraud Radar"]
    ini.fill_team()
    assert ini.team_box.title() == f"Current team of Fraud Radar: {len(fraud_team)} people"

    # edit one (go-live, budget), add one
    ini.form.has_go_live.setChecked(True)
    ini.form.go_live.setDate(date.today().replace(year=date.today().year + 1))
    ini.form.budget.setValue(900_000)
    assert ini.apply()
    assert window.actions_by_name["undo"].text().startswith("&Undo Set Fraud Radar: go-live ")
    assert window.actions_by_name["undo"].iconText() == "Undo"  # the toolbar keeps a short label
    assert "to review" not in ini.list.item(0).text()
    assert ini.add_initiative("Claims Bot")
    assert ini.list.item(2).text() == "Claims Bot\nPilot → Production"
    ini.fill_team()
    assert ini.team_box.title() == "Current team of Claims Bot: 0 people"

    # gaps: analysed on entry, in the background
    gaps = window.screens["gaps"]
    gaps.initiative.setCurrentIndex(gaps.initiative.findData("Fraud Radar"))
    with qtbot.waitSignal(gaps.worker.finished, timeout=30_000):
        window.go_to("gaps")
    assert gaps.summary.text().startswith("Fraud Radar: Pilot → Production · needs ")
    assert len(gaps.readiness.bars) == 5 and gaps.roles_model.rowCount() > 0

    # solve: the plan says what it covers
    plan = window.screens["plan"]
    _solve(qtbot, plan, plan.solve)
    assert "Scenario “Baseline” plans Fraud Radar, Invoice Reader, Claims Bot" in plan.headline.text()
    assert plan.assignments.rowCount() > 1 and "out of date" not in plan.headline.text()
    people = {p.id for p in doc.people}
    assert all(a.person_id in people for a in doc.project.scenario().plan.assignments)

    # pin, exclude, unpin
    _select_row(plan, 0)
    pinned = plan.selected_assignment()
    assert plan.pin_selected()
    _select_row(plan, 1)
    excluded = plan.selected_assignment()
    assert plan.exclude_selected()
    panel = plan.pins_panel
    assert [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())] == ["Pinned by you", "Excluded"]
    assert panel.model.index(1, 1).data() == excluded.person_name
    assert "out of date" in plan.headline.text()
    assert panel.remove_selected(0)
    assert window.actions_by_name["undo"].text().startswith(f"&Undo Unpin {pinned.person_name} from ")
    assert [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())] == ["Excluded"]

    # a second scenario with a hiring freeze, solved; the comparison shows fresh plans and who differs
    interaction.texts.append("Hiring freeze")
    assert plan.new_scenario()
    dialog = plan.settings_dialog
    for row in range(dialog.table.rowCount()):
        dialog.check(row, 2).setChecked(True)
    dialog.accept()
    assert window.actions_by_name["undo"].text().startswith("&Undo Set scenario Hiring freeze: hiring freeze on ")
    _solve(qtbot, plan, plan.solve)
    frozen = doc.project.scenario("Hiring freeze").plan
    assert frozen.hired_heads == 0
    panel_cmp = plan.scenarios_panel
    assert "Out of date: Baseline." in panel_cmp.compare_note.text()  # the exclusion came after its solve
    base_status = panel_cmp.comparison.index(0, panel_cmp.comparison.columnCount() - 1).data()
    assert base_status == "out of date: solve again"
    with qtbot.waitSignal(plan.worker.finished, timeout=90_000):
        assert panel_cmp.solve_stale()
    qtbot.waitUntil(lambda: not doc.is_stale("Baseline"), timeout=10_000)
    base = doc.project.scenario("Baseline").plan
    assert base.hired_heads > frozen.hired_heads  # different plans
    assert panel_cmp.comparison.rowCount() == 2 and "Out of date" not in panel_cmp.compare_note.text()
    differences = panel_cmp.difference_rows()
    assert differences and all(len(r) == 3 and r[1] != r[2] for r in differences)
    assert panel_cmp.differences.headerData(1, Qt.Orientation.Horizontal) == "Baseline"

    # re-import a changed roster without a pinned person: listed with a choice, kept for later, never a dead end
    plan.scenario.setCurrentText("Baseline")
    _select_row(plan, 0)
    kept = plan.selected_assignment()
    assert plan.pin_selected()
    changed = [r for r in rows if r["Employee ID"] != kept.person_id]
    changed[0] = {**changed[0], "FTE": "0.5"}
    interaction.choices.append(KEEP_ABSENT)
    window.import_roster(str(write_roster(tmp_path / "acme_roster_v2.csv", changed)))
    _through_the_wizard(qtbot, window, tmp_path / "acme_roster_v2.csv")
    assert len(doc.people) == 39
    assert f"{kept.person_name} (employee id {kept.person_id}) pinned to {kept.role_name}" in interaction.asked[-1]
    assert panel.model.index(0, 1).data() == f"{kept.person_name} (employee id {kept.person_id})"
    assert panel.model.index(0, 5).data().startswith("not applied: the person is no longer in the roster")
    # the kept pin made the old plan break a rule; the new plan never shows that verdict, even before it is checked
    qtbot.waitUntil(lambda: not plan.checker.busy(), timeout=30_000)
    assert plan.banner.problems == [f"{kept.person_name} (employee id {kept.person_id}) is no longer in the roster"]
    _solve(qtbot, plan, plan.solve)
    assert doc.project.scenario().plan.assignments and interaction.errors == []
    assert plan.banner.problems == [] and kept.person_id not in plan.banner.label.text()
    qtbot.waitUntil(lambda: not plan.checker.busy(), timeout=30_000)
    assert plan.banner.state == "ok" and plan.banner.label.text().startswith("✔ The plan keeps every rule")

    # export
    export = window.screens["export"]
    target = tmp_path / "acme-plan.xlsx"
    with qtbot.waitSignal(export.worker.finished, timeout=60_000):
        assert export.export("excel", str(target))
    assert export.status.text() == f"Written {target} (scenario “Baseline”)" and export.open_button.isVisibleTo(export)
    workbook = openpyxl.load_workbook(target, read_only=True)
    texts = {str(c) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for c in row if c}
    workbook.close()
    assert {"Fraud Radar", "Invoice Reader"} <= texts
    assert interaction.errors == []
    window.doc.undo_stack.clear()  # close without the unsaved-changes question
