"""Heartbeat during a REAL 20,000-row import in the 'import' worker — a reproduction, not collected by pytest.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/ui/heartbeat_import_probe.py -s
On 2026-11-24 (importer with uncommitted bulk.py) this aborted the interpreter with "Fatal Python error:
none_dealloc" inside app/roster_import/readers.py read_sheet when run in a QThread, or stalled the GUI thread for
~125 s; calamine alone in the same QThread is fine. Rename to test_*.py once the importer is fixed.
"""
from __future__ import annotations

from PySide6.QtCore import QElapsedTimer  # noqa: F401 - keeps Qt loaded before the fixtures

from tests.ui.test_heartbeat_real import MAX_GAP_MS, ROWS, Heartbeat, _wait_idle, big_roster  # noqa: F401
from ui.commands import ReplaceRoster
from ui.undo import push


def test_heartbeat_during_a_real_20k_row_import(qtbot, window, big_roster):  # noqa: F811 - the fixture
    from app.roster_import import import_roster
    from app.templates import load_catalogue

    catalogue = load_catalogue()
    worker = window.workers.get("import")
    window.go_to("roster")
    with Heartbeat() as beat:
        with qtbot.waitSignal(worker.finished, timeout=120_000) as done:
            worker.start(lambda progress, cancel: import_roster(big_roster, catalogue=catalogue, progress=progress,
                                                                cancel=cancel))
        result = done.args[0]
        # what the wizard's Finish does on the GUI thread: one undoable roster replacement, every view refreshed
        push(window.doc.undo_stack, ReplaceRoster(window.doc, people=result.people, source=None,
                                                  new_skills=result.new_skills))
        qtbot.wait(50)
        _wait_idle(qtbot, window)
    beat.report(f"import of {ROWS:,} rows and the roster refresh")
    assert result.counts.imported + result.counts.rejected + result.counts.skipped == ROWS
    assert len(window.doc.people) == result.counts.imported > 19_000
    assert window.screens["roster"].proxy.rowCount() == len(window.doc.people)
    assert len(beat.gaps) > 50
    assert beat.worst < MAX_GAP_MS


