"""The delivery lead's path end to end: sample → gaps → solve → pin → re-solve → scenarios → export."""
from __future__ import annotations

import openpyxl
from PySide6.QtCore import QItemSelectionModel

from app.domain import PlanStatus
from app.planning.words import Words


def test_gaps_then_solve_pin_resolve_compare_export(qtbot, sample_window, interaction, tmp_path):
    win = sample_window
    gaps = win.screens["gaps"]
    gaps.initiative.setCurrentIndex(gaps.initiative.findData("Claims Triage Assistant"))
    with qtbot.waitSignal(gaps.worker.finished, timeout=15_000):
        gaps.analyse_button.click()
    report = win.doc.gap_report
    assert report is not None and report.initiative == "Claims Triage Assistant"
    assert len(gaps.readiness.bars) == 5 and gaps.roles_model.rowCount() == len(report.roles)
    assert "gap" in gaps.summary.text()

    plan_screen = win.screens["plan"]
    with qtbot.waitSignal(plan_screen.worker.finished, timeout=30_000):
        win.actions_by_name["solve"].trigger()
    plan = win.doc.project.scenario().plan
    assert plan is not None and plan.status in (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE)
    assert plan_screen.assignments.rowCount() == len(plan.assignments) > 0
    assert all(Words().assignment(a) for a in plan.assignments)
    reasons = plan_screen.assignments
    assert reasons.index(0, reasons.columnCount() - 1).data() == Words().assignment(plan.assignments[0])
    assert win.isWindowModified()

    view = plan_screen.assignment_view
    view.selectionModel().select(plan_screen.assignments.index(0, 0),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)
    pinned = plan_screen.selected_assignment()
    plan_screen.pin_button.click()
    assert win.doc.project.scenario().pins[0].person_id == pinned.person_id
    assert win.doc.undo_stack.undoText().startswith("Pin ")
    with qtbot.waitSignal(plan_screen.worker.finished, timeout=30_000):
        plan_screen.solve_button.click()
    again = win.doc.project.scenario().plan
    kept = [a for a in again.assignments if a.person_id == pinned.person_id and a.role == pinned.role]
    assert kept and kept[0].pinned

    plan_screen.new_scenario("No hiring")
    assert win.doc.project.active_scenario == "No hiring"
    dialog = plan_screen.settings_dialog  # a new scenario opens its settings
    for row in range(dialog.table.rowCount()):
        dialog.check(row, 2).setChecked(True)  # hiring freeze on every initiative
    dialog.accept()
    assert win.doc.undo_stack.undoText().startswith("Set scenario No hiring: hiring freeze on ")
    assert all(i.policy.hiring_freeze for i in win.doc.project.planned_initiatives("No hiring"))
    assert plan_screen.comparison.rowCount() == 1  # only the baseline has a plan yet
    with qtbot.waitSignal(plan_screen.worker.finished, timeout=30_000):
        plan_screen.solve()
    assert plan_screen.comparison.rowCount() == 2
    names = {plan_screen.comparison.index(r, 0).data() for r in range(2)}
    assert names == {"Baseline", "No hiring"}

    export = win.screens["export"]
    outputs = {}
    for kind, suffix in (("excel", ".xlsx"), ("excel_nopay", ".xlsx"), ("json", ".json"), ("pdf", ".pdf")):
        target = tmp_path / f"plan-{kind}{suffix}"
        with qtbot.waitSignal(export.worker.finished, timeout=30_000):
            assert export.export(kind, str(target))
        assert target.exists() and target.stat().st_size > 0
        outputs[kind] = target
    assert outputs["pdf"].read_bytes().startswith(b"%PDF")
    workbook = openpyxl.load_workbook(outputs["excel"], read_only=True)
    assert len(workbook.sheetnames) >= 3
    workbook.close()
    assert interaction.errors == []


def test_solve_can_be_cancelled_and_keeps_a_result(qtbot, sample_window):
    plan_screen = sample_window.screens["plan"]
    sample_window.services.settings.setValue("solve/time_limit", 30.0)
    def found_a_plan(_fraction: float, message: str) -> bool:
        return message.startswith("Coverage: ")  # the solver reports each plan it adopts, in FTE covered

    with qtbot.waitSignal(plan_screen.worker.progress, timeout=30_000, check_params_cb=found_a_plan):
        plan_screen.solve()
    assert plan_screen.cancel_button.isEnabled()
    with qtbot.waitSignals([plan_screen.worker.finished], timeout=30_000):
        sample_window.actions_by_name["cancel"].trigger()
    plan = sample_window.doc.project.scenario().plan
    # A plan was found before Cancel, so Cancel must keep it (never "no plan").
    assert plan is not None and plan.status in (PlanStatus.FEASIBLE, PlanStatus.OPTIMAL)
    assert plan.assignments
    assert plan.solve_seconds < 30
    assert not plan_screen.cancel_button.isEnabled()
    # the status line says the solve was stopped, not "Plan ready" as if it had run its course
    assert sample_window.status_label.text().startswith(f"Stopped on Cancel after {plan.solve_seconds:.1f} s: "
                                                        "scenario “Baseline” shows the best plan found by then (")
