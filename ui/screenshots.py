"""`python -m ui.screenshots OUT_DIR`: render every main screen on the sample project offscreen as PNG files."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SIZE = (1400, 900)


def _wait(signal, timeout_ms: int = 60_000) -> object:
    from PySide6.QtCore import QEventLoop, QTimer

    loop, out = QEventLoop(), []
    signal.connect(lambda *args: (out.extend(args), loop.quit()))
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    return out[0] if out else None


def render(out_dir: str | Path, *, settings_file: str | Path | None = None) -> list[Path]:
    """Open the sample, analyse gaps and solve, then grab each screen; returns the PNG paths written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from ui.app import ensure_application
    from ui.main_window import MainWindow
    from ui.screens import SCREENS

    app = ensure_application()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # the tool's own settings live in a temporary folder, never beside the pictures
    scratch = tempfile.TemporaryDirectory(prefix="phasegate-screenshots-")
    settings_path = settings_file or Path(scratch.name) / "settings.ini"
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue("solve/time_limit", 5.0)
    window = MainWindow(settings=settings)
    window.resize(*SIZE)
    window.show()
    window.open_sample()
    gaps = window.screens["gaps"]
    gaps.initiative.setCurrentIndex(max(0, gaps.initiative.findData("Claims Triage Assistant")))
    gaps.analyse()
    _wait(gaps.worker.finished)
    window.screens["plan"].solve()
    _wait(window.screens["plan"].worker.finished)
    from app.domain.roles import Phase

    templates = window.screens["templates"]
    first = window.doc.project.templates[Phase.PRODUCTION].roles[0].id
    templates.select_path((Phase.PRODUCTION, first, None))
    templates.compare()
    roster = window.screens["roster"]
    roster.table.selectRow(0)
    written = []
    _idle(window)
    for key, _label, _cls in SCREENS:
        window.go_to(key)
        tabs = {"roster": (roster.tabs, ("", "-heatmap")),
                "initiatives": (window.screens["initiatives"].right, ("", "-pool"))}.get(key)
        if tabs is not None:
            widget, suffixes = tabs
            for tab, suffix in enumerate(suffixes):
                widget.setCurrentIndex(tab)
                app.processEvents()
                path = out / f"{key}{suffix}.png"
                window.grab().save(str(path))
                written.append(path)
            continue
        if key == "timeline":  # computed on a worker when the screen opens: a picture per view
            _idle(window)
            written += _timeline_shots(window, out)
            continue
        app.processEvents()
        path = out / f"{key}.png"
        window.grab().save(str(path))
        written.append(path)
    written += _wizard_shots(window, out)
    written += _validator_shot(window, out)
    written += _decisions_shot(window, out, Path(scratch.name))
    written += _scenario_shots(window, out)
    written += _help_shot(window, out)
    window.doc.undo_stack.clear()  # the toolbar's Undo/Redo texts stay short in the last picture
    written += _library_problem_shot(window, out, Path(scratch.name))
    window.doc.undo_stack.setClean()
    window.close()
    window.deleteLater()
    del settings
    scratch.cleanup()
    return written


def _timeline_shots(window, out: Path) -> list[Path]:
    """Bars grouped by initiative (the plan's arrivals under theirs) with a trainee's lane, the heatmap, and a
    commitment's end being dragged."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    timeline = window.screens["timeline"]
    timeline.group.setCurrentIndex(1)
    trainee = next((p for k, p in enumerate(timeline.model.grid.people) if k in timeline.model.trainings
                    and p.commitments), None)
    if trainee is not None:
        timeline.select_person(trainee.id)
    written = []
    for view, suffix in ((0, ""), (1, "-heatmap")):
        timeline.view_mode.setCurrentIndex(view)
        written.append(_grab(window, out / f"timeline{suffix}.png"))
    timeline.view_mode.setCurrentIndex(0)
    dragged = next((p for p in timeline.model.grid.people if p.commitments and p.commitments[0].end is not None
                    and p.commitments[0].end > timeline.model.grid.periods[3].end), None)
    if dragged is not None and timeline.select_person(dragged.id):
        lane = timeline.lane
        rect = lane.bar_rect(0)
        y = int(rect.center().y())
        QTest.mousePress(lane, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(int(rect.right()) - 1, y))
        QTest.mouseMove(lane, QPoint(int(lane.column(lane.period_at(rect.right() - 1) - 2)[0]) + 8, y))
        written.append(_grab(window, out / "timeline-drag.png"))
        lane.cancel_drag()  # let go without dropping: the sample stays as it was
    timeline.group.setCurrentIndex(0)
    return written


def _idle(window, timeout_s: float = 30.0) -> None:
    """Let background jobs (the plan check, autosave) finish so no picture shows a half-done progress bar."""
    import time

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    banner = getattr(window.screens["plan"], "banner", None)

    def busy() -> bool:
        # the plan check starts when the event loop is idle, so "no worker busy" alone is not enough
        return bool(window.workers.busy()) or getattr(banner, "state", "") == "checking"

    end = time.monotonic() + timeout_s
    while busy() and time.monotonic() < end:
        # a real blocking loop, not processEvents(): work queued "for when the loop is idle" only starts then
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
    QApplication.processEvents()


def _until(done, timeout_s: float = 30.0) -> None:
    """Run the event loop until `done()` (or the timeout)."""
    import time

    from PySide6.QtCore import QEventLoop, QTimer

    end = time.monotonic() + timeout_s
    while not done() and time.monotonic() < end:
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()


def _grab(widget, path: Path) -> Path:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    widget.grab().save(str(path))
    return path


def _wizard_shots(window, out: Path) -> list[Path]:
    """The import wizard on the sample roster: sheet and reading options, column mapping, skills layout and scale."""
    from app.sample_data import SAMPLE_ROSTER

    window.import_roster(str(SAMPLE_ROSTER))
    wizard = window.screens["roster"].wizard
    wizard.resize(1100, 720)
    written = []
    for name in ("import-sheet", "import-mapping", "import-skills"):
        page = wizard.currentPage()
        wizard.next()
        _until(lambda p=page: wizard.currentPage() is not p)  # the first Next reads the file on a worker
        if name == "import-mapping":  # show where the person columns end and the skill columns begin
            table = wizard.mapping_page.table
            skills = [r for r in range(table.rowCount()) if table.cellWidget(r, 1).currentText() == "skill"]
            if skills:
                table.verticalScrollBar().setValue(max(0, skills[0] - 6))
        written.append(_grab(wizard, out / f"{name}.png"))
    wizard.reject()
    return written


def _library_problem_shot(window, out: Path, scratch: Path) -> list[Path]:
    """The Start screen when the org library holds a broken template: a real library folder with one bad file."""
    folder = scratch / "library"
    (folder / "phases").mkdir(parents=True)
    (folder / "phases" / "production.yaml").write_text(
        "phase: production\nroles:\n  - id: mlops_engineer\n    name: MLOps engineer\n    fte: 1.5\n",
        encoding="utf-8")
    before = os.environ.get("PHASEGATE_LIBRARY")
    os.environ["PHASEGATE_LIBRARY"] = str(folder)
    try:
        start = window.screens["start"]
        if not start.check_library():
            return []
        _wait(start.library_worker.finished, 30_000)
        window.go_to("start")
        return [_grab(window, out / "start-library-problem.png")]
    finally:
        if before is None:
            os.environ.pop("PHASEGATE_LIBRARY", None)
        else:
            os.environ["PHASEGATE_LIBRARY"] = before


def _validator_shot(window, out: Path) -> list[Path]:
    """The Plan screen after a hand edit the validator refuses: the banner names the broken rule, then it is undone."""
    plan = window.screens["plan"]
    checker = getattr(plan, "checker", None)
    if checker is None or not hasattr(plan, "set_fte"):
        return []
    window.go_to("plan")
    for row, assignment in enumerate(plan.assignments.records):
        if assignment.fte >= 1.0 or not plan.set_fte(row, 1.0):
            continue
        _wait(checker.checked, 30_000)
        if plan.banner.state == "problems":
            plan.assignment_view.selectRow(row)
            path = _grab(window, out / "plan-validator.png")
            window.doc.undo_stack.undo()
            _wait(checker.checked, 30_000)
            return [path]
        window.doc.undo_stack.undo()
        _wait(checker.checked, 30_000)
    return []


def _decisions_shot(window, out: Path, scratch: Path) -> list[Path]:
    """File → Read approvers' decisions… on the exported plan as approvers marked it: approvals, rejections, one
    problem (an edited cost), and the marked choice to apply what could be read; then Apply."""
    from openpyxl import load_workbook

    from app.export import write_plan_workbook
    from ui.screens.export import plan_report

    exported, marked = scratch / "plan.xlsx", scratch / "plan (approved).xlsx"
    write_plan_workbook(plan_report(window.doc.project), exported)
    wb = load_workbook(exported)
    sheets = {name: wb[name] for name in ("Assignments", "Upskilling", "Hiring")}
    columns = {name: {c.value: c.column for row in ws.iter_rows(max_row=10) for c in row if c.value}
               for name, ws in sheets.items()}

    def mark(name: str, row: int, header: str, value: object) -> None:
        sheets[name].cell(row, columns[name][header], value)

    for row, value in ((5, "Approved"), (6, "Approved"), (7, "Rejected")):
        mark("Assignments", row, "Approval", value)
    mark("Assignments", 7, "Comment", "stays on the Fraud desk")
    mark("Upskilling", 5, "Approval", "Rejected")
    mark("Hiring", 5, "Approval", "Rejected")
    mark("Hiring", 5, "Comment", "no budget for contractors")
    mark("Hiring", 6, "Cost", 1000)
    mark("Hiring", 7, "Approval", "Approved")
    wb["Hiring"].title = "Hires (finance)"
    wb.save(marked)
    dialog = window.screens["export"].read_decisions(str(marked))
    if dialog is None:
        return []
    _until(lambda: dialog.decisions is not None or not dialog.error.isHidden())
    dialog.partial.setChecked(True)
    path = _grab(dialog, out / "decisions.png")
    dialog.apply()  # the Plan screen's 'Pins and decisions' picture shows them
    return [path]


def _scenario_shots(window, out: Path) -> list[Path]:
    """Pins, exclusions and the approvers' decisions, a scenario's settings (a hiring freeze), and two solved
    scenarios compared."""
    plan = window.screens["plan"]
    window.go_to("plan")
    written = []
    for row, action in ((0, plan.pin_selected), (2, plan.exclude_selected)):
        plan.assignment_view.selectRow(row)
        action()
    _until(lambda: not plan.checker.busy(), 30)  # the banner's verdict on the plan with the new exclusion
    plan.tabs.setCurrentWidget(plan.pins_panel)
    written.append(_grab(window, out / "plan-pins.png"))
    plan.new_scenario("Hiring freeze")
    dialog = plan.settings_dialog
    for row in range(dialog.table.rowCount()):
        dialog.check(row, 2).setChecked(True)
    written.append(_grab(dialog, out / "scenario-settings.png"))
    dialog.accept()
    plan.solve_scenarios([s.name for s in window.doc.project.scenarios])
    _until(lambda: not plan.worker.is_running() and not plan.solves.queue and all(
        s.plan is not None and not window.doc.is_stale(s.name) for s in window.doc.project.scenarios), 120)
    _idle(window)
    plan.tabs.setCurrentWidget(plan.scenarios_panel)
    written.append(_grab(window, out / "plan-compare.png"))
    plan.tabs.setCurrentIndex(0)
    return written


def _help_shot(window, out: Path) -> list[Path]:
    """Help → Help and glossary."""
    window.show_help()
    path = _grab(window.help_dialog, out / "help.png")
    window.help_dialog.close()
    return [path]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: write the screenshots into the folder given (default docs/screenshots)."""
    args = list(sys.argv[1:] if argv is None else argv)
    for path in render(args[0] if args else "docs/screenshots"):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
