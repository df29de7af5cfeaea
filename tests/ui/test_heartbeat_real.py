"""The GUI thread keeps ticking while a REAL import, a REAL solve, REAL exports, a save and an open run.

A 10 ms QTimer on the GUI thread must tick while each job is still running (the job runs on a worker, so the event
loop goes on) and the job must deliver what the user expects. How long the GUI waits at most is measured, not
asserted here: benchmarks/bench_ui_load.py and benchmarks/bench_worker_freeze.py (results in benchmarks/results/).
"""
from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.ui.solved_sample import solved_sample

ROWS = 20_000
SKILLS = ("Python", "SQL", "Kubernetes", "Machine learning", "Data engineering", "Model monitoring",
          "Change management", "Regulatory compliance")
INITIATIVES = ("Claims Triage Assistant", "Churn Predictor", "Contract Analyzer", "Demand Forecasting", "")


class Heartbeat:
    """A 10 ms timer on the GUI thread that counts the ticks coming while `busy()` holds (a job still running)."""

    def __init__(self, busy: Callable[[], bool]) -> None:
        self.busy = busy
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.during = 0

    def _tick(self) -> None:
        if self.busy():
            self.during += 1

    def __enter__(self) -> Heartbeat:
        self.timer.start()
        return self

    def __exit__(self, *_exc) -> None:
        QApplication.processEvents()
        self.timer.stop()


def _write_roster(path: Path, rows: int) -> Path:
    rng = random.Random(7)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Workers")
    sheet.append(["Employee ID", "Worker", "Business Title", "Supervisory Organization", "FTE", "Initiative",
                  *SKILLS])
    titles = ("Data Scientist", "ML Engineer", "Data Engineer", "Platform Engineer", "Process Lead", "Analyst")
    for i in range(rows):
        sheet.append([f"E{i:06d}", f"Person {i:06d}", rng.choice(titles), f"Org {i % 40}",
                      rng.choice((1, 1, 0.8, 0.5)), rng.choice(INITIATIVES),
                      *(rng.randint(0, 5) for _ in SKILLS)])
    book.save(path)
    return path


@pytest.fixture(scope="module")
def big_roster(tmp_path_factory) -> Path:
    """A 20,000-row Workday-style roster written once for this module."""
    return _write_roster(tmp_path_factory.mktemp("roster") / "big_roster.xlsx", ROWS)


def _wait_idle(qtbot, window) -> None:
    """Until no job runs and the plan check (which starts once the GUI is idle) has delivered."""
    checker = window.screens["plan"].checker
    qtbot.waitUntil(lambda: not window.workers.busy() and not checker.busy(), timeout=30_000)


def test_the_gui_ticks_while_a_real_solve_runs(qtbot, sample_window):
    screen = sample_window.screens["plan"]
    sample_window.services.settings.setValue("solve/time_limit", 3.0)
    _wait_idle(qtbot, sample_window)
    with Heartbeat(screen.worker.is_running) as beat:
        with qtbot.waitSignal(screen.worker.finished, timeout=60_000):
            screen.solve()
        _wait_idle(qtbot, sample_window)  # the validator's check of the new plan runs after it
    assert sample_window.doc.project.scenario().plan is not None and screen.banner.state == "ok"
    assert beat.during > 10


def test_the_gui_ticks_while_real_exports_run(qtbot, window, tmp_path):
    window.doc.replace(solved_sample())
    _wait_idle(qtbot, window)
    screen = window.screens["export"]
    window.go_to("export")
    with Heartbeat(screen.worker.is_running) as beat:
        for kind, name in (("excel", "plan.xlsx"), ("pdf", "summary.pdf"), ("json", "plan.json")):
            with qtbot.waitSignal(screen.worker.finished, timeout=60_000):
                assert screen.export(kind, str(tmp_path / name))
    assert all((tmp_path / n).stat().st_size > 0 for n in ("plan.xlsx", "summary.pdf", "plan.json"))
    assert beat.during > 0


def test_the_gui_ticks_while_a_real_20k_row_import_runs_through_the_wizard(qtbot, window, big_roster):
    """The whole wizard: the file is read (first Next), then imported, previewed, summarised and added by Finish."""
    window.go_to("roster")
    _wait_idle(qtbot, window)
    def reading_or_importing() -> bool:
        wizard = getattr(window.screens["roster"], "wizard", None)
        return wizard is not None and wizard.worker.is_running()

    with Heartbeat(reading_or_importing) as beat:
        window.import_roster(str(big_roster))
        wizard = window.screens["roster"].wizard
        qtbot.wait(30)
        wizard.next()  # reads the sheet, header and mapping on a worker (a preview, not every row)
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.sheet_page, timeout=30_000)
        qtbot.wait(30)
        wizard.next()
        qtbot.wait(30)
        wizard.next()
        assert wizard.currentPage() is wizard.skills_page
        qtbot.wait(30)
        with qtbot.waitSignal(wizard.worker.finished, timeout=120_000):
            wizard.next()  # the preview page starts the import on the worker
        qtbot.wait(30)  # the user's clicks are separate events
        wizard.next()  # the summary
        qtbot.wait(30)
        wizard.accept()  # Finish: one undoable roster replacement, every view refreshed
        qtbot.wait(300)  # the counts, heatmap and pool columns follow, each in an event-loop turn of its own
        _wait_idle(qtbot, window)
    result = wizard.result
    assert result.counts.imported + result.counts.merged + result.counts.rejected + result.counts.skipped == ROWS
    assert len(window.doc.people) == result.counts.imported > 19_000
    assert window.screens["roster"].proxy.rowCount() == len(window.doc.people)
    assert beat.during > 0


def test_deferred_recomputations_run_once_each_in_a_turn_of_their_own(qtbot, window):
    """Replacing a big roster defers the counts, heatmap and pool columns: queued together, they must not add up."""
    from PySide6.QtCore import QObject

    from ui.models.later import later

    turns = []
    counter = QTimer()
    counter.setInterval(0)
    counter.timeout.connect(lambda: turns.append(None))
    owner = QObject()
    runs: list[tuple[str, int]] = []
    calls = [later(owner, lambda n=name: runs.append((n, len(turns)))) for name in ("counts", "heatmap", "pool")]
    counter.start()
    for call in calls:
        call.start()
        call.start()  # asked twice, done once
    qtbot.waitUntil(lambda: len(runs) == 3, timeout=5_000)
    qtbot.wait(20)
    counter.stop()
    assert [name for name, _turn in runs] == ["counts", "heatmap", "pool"]
    assert len({turn for _name, turn in runs}) == 3  # the event loop turned between them
    assert not any(call.isActive() for call in calls)


def test_the_gui_ticks_while_a_20k_person_project_autosaves(qtbot, window, sample_project, big_roster):
    """The minute's autosave must not copy the whole roster on the GUI thread (a deep copy took 1.6 s)."""
    from app.roster_import import import_roster
    from ui.commands import ReplaceRoster
    from ui.template_cache import default_catalogue
    from ui.undo import push

    window.doc.replace(sample_project.model_copy(deep=True))
    people = import_roster(big_roster, catalogue=default_catalogue()).people
    push(window.doc.undo_stack, ReplaceRoster(window.doc, people=people, source=None, new_skills=[]))
    qtbot.wait(300)
    _wait_idle(qtbot, window)
    saver = window.workers.get("autosave")
    with Heartbeat(saver.is_running) as beat, qtbot.waitSignal(saver.finished, timeout=60_000) as saved:
        assert window.autosaver.save_now()
    assert saved.args[0] and len(window.doc.people) == len(people) > 19_000
    assert beat.during > 0


def test_the_gui_ticks_while_a_20k_person_project_is_saved_and_opened(qtbot, window, interaction, sample_project,
                                                                      big_roster, tmp_path):
    """Ctrl+S writes and Open reads on a worker while the window keeps painting (each took seconds on the GUI
    thread)."""
    from app.project import open_project
    from app.roster_import import import_roster
    from ui.commands import ReplaceRoster
    from ui.template_cache import default_catalogue
    from ui.undo import push

    window.doc.replace(sample_project.model_copy(deep=True))
    people = import_roster(big_roster, catalogue=default_catalogue()).people
    push(window.doc.undo_stack, ReplaceRoster(window.doc, people=people, source=None, new_skills=[]))
    qtbot.wait(300)
    _wait_idle(qtbot, window)
    target = tmp_path / "big.phasegate"
    interaction.save_files.append(str(target))
    saver = window.workers.get("save")
    with Heartbeat(saver.is_running) as beat:
        assert window.save()
    assert not window.isWindowModified() and window.isEnabled()
    assert len(open_project(target).roster.people) == len(people) > 19_000
    assert beat.during > 0

    window.doc.replace(sample_project.model_copy(deep=True))
    _wait_idle(qtbot, window)
    with Heartbeat(window.workers.get("open").is_running) as beat:
        window.open_path(str(target))  # read and checked on a worker
        qtbot.wait(300)  # the counts, heatmap and pool columns follow in slices
        _wait_idle(qtbot, window)
    assert window.doc.path == target and len(window.doc.people) == len(people)
    assert [p.id for p in window.doc.people[:3]] == [p.id for p in people[:3]] and window.isEnabled()
    assert beat.during > 0
