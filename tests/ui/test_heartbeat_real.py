"""The GUI thread keeps ticking while a REAL import, a REAL solve and a REAL export run (issue 4's quality bar).

A 10 ms QTimer records the longest wait between ticks; each phase, including the GUI-thread work that follows the
worker (model resets, table refreshes), must stay under 250 ms. The figures are printed for the record.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

from tests.ui.solved_sample import solved_sample
from ui.workers import JOB_SWITCH_INTERVAL

MAX_GAP_MS = 250
ROWS = 20_000
SKILLS = ("Python", "SQL", "Kubernetes", "Machine learning", "Data engineering", "Model monitoring",
          "Change management", "Regulatory compliance")
INITIATIVES = ("Claims Triage Assistant", "Churn Predictor", "Contract Analyzer", "Demand Forecasting", "")


class Heartbeat:
    """A 10 ms timer on the GUI thread that remembers the longest gap between two ticks."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[int] = []

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.gaps.append(now - self._last)
        self._last = now

    def __enter__(self) -> Heartbeat:
        self.clock.start()
        self._last = 0
        self.timer.start()
        return self

    def __exit__(self, *_exc) -> None:
        QApplication.processEvents()
        self.timer.stop()

    @property
    def worst(self) -> int:
        """Longest gap in milliseconds."""
        return max(self.gaps, default=0)

    def report(self, what: str) -> str:
        """One line for the test log."""
        line = f"heartbeat during {what}: {len(self.gaps)} ticks, max gap {self.worst} ms"
        print(line)
        return line


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


def test_heartbeat_during_a_real_solve(qtbot, sample_window):
    screen = sample_window.screens["plan"]
    sample_window.services.settings.setValue("solve/time_limit", 3.0)
    _wait_idle(qtbot, sample_window)
    with Heartbeat() as beat:
        with qtbot.waitSignal(screen.worker.finished, timeout=60_000):
            screen.solve()
        _wait_idle(qtbot, sample_window)  # the validator's check of the new plan runs after it
    beat.report("a 3 s solve of the sample and its check")
    assert sample_window.doc.project.scenario().plan is not None and screen.banner.state == "ok"
    assert len(beat.gaps) > 100
    assert beat.worst < MAX_GAP_MS


def test_heartbeat_during_real_exports(qtbot, window, tmp_path):
    window.doc.replace(solved_sample())
    _wait_idle(qtbot, window)
    screen = window.screens["export"]
    window.go_to("export")
    with Heartbeat() as beat:
        for kind, name in (("excel", "plan.xlsx"), ("pdf", "summary.pdf"), ("json", "plan.json")):
            with qtbot.waitSignal(screen.worker.finished, timeout=60_000):
                assert screen.export(kind, str(tmp_path / name))
    beat.report("Excel, PDF and JSON exports")
    assert all((tmp_path / n).stat().st_size > 0 for n in ("plan.xlsx", "summary.pdf", "plan.json"))
    assert len(beat.gaps) > 10
    assert beat.worst < MAX_GAP_MS


def test_heartbeat_during_a_real_20k_row_import_through_the_wizard(qtbot, window, big_roster):
    """The whole wizard: the file is read (first Next), then imported, previewed, summarised and added by Finish."""
    window.go_to("roster")
    _wait_idle(qtbot, window)
    with Heartbeat() as beat:
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
    beat.report(f"the whole wizard on {ROWS:,} rows: reading, import, preview, summary and Finish")
    result = wizard.result
    assert result.counts.imported + result.counts.merged + result.counts.rejected + result.counts.skipped == ROWS
    assert len(window.doc.people) == result.counts.imported > 19_000
    assert window.screens["roster"].proxy.rowCount() == len(window.doc.people)
    assert len(beat.gaps) > 50
    assert beat.worst < MAX_GAP_MS


class _Node:
    """A small object in a reference cycle (only the cyclic collector can free it)."""

    def __init__(self) -> None:
        self.me = self


def test_a_job_on_a_big_heap_triggers_no_full_collection_that_stops_the_gui(qtbot, window):
    """A big roster is millions of objects; a full collection over them holds the GIL for the whole walk."""
    import gc
    import sys

    heap = [[i, str(i)] for i in range(1_200_000)]  # the long-lived data a big project holds
    seen: dict[str, object] = {}

    def job(_progress, _cancel):
        seen["collector"], seen["interval"] = gc.isenabled(), sys.getswitchinterval()
        seen["kept"] = [[i] for i in range(500_000)]  # survivors: over a quarter of the heap, a full collection
        return len(seen["kept"])

    worker = window.workers.get("test-job")
    _wait_idle(qtbot, window)
    interval = sys.getswitchinterval()
    with Heartbeat() as beat:
        with qtbot.waitSignal(worker.finished, timeout=60_000):
            assert worker.start(job)
        qtbot.wait(50)
    beat.report("a job allocating 500,000 survivors beside 1.2 M long-lived objects")
    assert seen["collector"] is False and seen["interval"] == pytest.approx(JOB_SWITCH_INTERVAL)  # while it ran
    assert gc.isenabled() and sys.getswitchinterval() == interval  # as they were once it ended
    assert len(heap) == 1_200_000 and len(beat.gaps) > 3
    assert beat.worst < MAX_GAP_MS


def test_an_ordinary_jobs_cyclic_garbage_is_collected_when_it_ends(qtbot, window):
    import gc
    import weakref

    refs: list[weakref.ref] = []

    def job(_progress, _cancel):
        garbage = _Node()
        refs.append(weakref.ref(garbage))
        return "done"

    worker = window.workers.get("test-job")
    _wait_idle(qtbot, window)
    with qtbot.waitSignal(worker.failed, timeout=10_000):  # a failing job restores the collector too
        worker.start(lambda _p, _c: 1 / 0)
    assert gc.isenabled()
    with qtbot.waitSignal(worker.finished, timeout=10_000) as done:
        worker.start(job)
    assert done.args == ["done"] and gc.isenabled()
    assert refs[0]() is None  # collected when the job ended, not frozen with what stays alive


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


def test_heartbeat_during_an_autosave_of_a_20k_person_project(qtbot, window, sample_project, big_roster):
    """The minute's autosave must not copy the whole roster on the GUI thread (a deep copy took 1.6 s)."""
    from app.roster_import import import_roster
    from ui.commands import ReplaceRoster
    from ui.core import default_catalogue
    from ui.undo import push

    window.doc.replace(sample_project.model_copy(deep=True))
    people = import_roster(big_roster, catalogue=default_catalogue()).people
    push(window.doc.undo_stack, ReplaceRoster(window.doc, people=people, source=None, new_skills=[]))
    qtbot.wait(300)
    _wait_idle(qtbot, window)
    saver = window.workers.get("autosave")
    with Heartbeat() as beat, qtbot.waitSignal(saver.finished, timeout=60_000) as saved:
        assert window.autosaver.save_now()
    beat.report(f"an autosave of a {len(people):,}-person project")
    assert saved.args[0] and len(window.doc.people) == len(people) > 19_000
    assert beat.worst < MAX_GAP_MS


def test_heartbeat_during_a_save_and_an_open_of_a_20k_person_project(qtbot, window, interaction, sample_project, big_roster,
                                                          tmp_path):
    """Ctrl+S writes and Open reads on a worker while the window keeps painting (each took seconds on the GUI
    thread)."""
    from app.project import open_project
    from app.roster_import import import_roster
    from ui.commands import ReplaceRoster
    from ui.core import default_catalogue
    from ui.undo import push

    window.doc.replace(sample_project.model_copy(deep=True))
    people = import_roster(big_roster, catalogue=default_catalogue()).people
    push(window.doc.undo_stack, ReplaceRoster(window.doc, people=people, source=None, new_skills=[]))
    qtbot.wait(300)
    _wait_idle(qtbot, window)
    target = tmp_path / "big.phasegate"
    interaction.save_files.append(str(target))
    with Heartbeat() as beat:
        assert window.save()
    beat.report(f"a save of a {len(people):,}-person project")
    assert not window.isWindowModified() and window.isEnabled()
    assert len(open_project(target).roster.people) == len(people) > 19_000
    assert len(beat.gaps) > 10
    assert beat.worst < MAX_GAP_MS

    window.doc.replace(sample_project.model_copy(deep=True))
    _wait_idle(qtbot, window)
    with Heartbeat() as beat:
        window.open_path(str(target))  # read and checked on a worker, person by person
        qtbot.wait(300)  # the counts, heatmap and pool columns follow in slices
        _wait_idle(qtbot, window)
    beat.report(f"opening the {len(people):,}-person project file")
    assert window.doc.path == target and len(window.doc.people) == len(people)
    assert [p.id for p in window.doc.people[:3]] == [p.id for p in people[:3]] and window.isEnabled()
    assert beat.worst < MAX_GAP_MS
