"""Opening the Timeline screen in a test window and waiting for its worker."""
from __future__ import annotations


def open_timeline(qtbot, window, project):
    """The Timeline screen on `project`, computed (the test window is never shown, so showEvent does not start it)."""
    window.doc.replace(project)
    screen = window.screens["timeline"]
    window.go_to("timeline")
    if not screen.isVisible():
        assert screen.recompute()
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0 and not screen.worker.is_running(), timeout=60_000)
    return screen
