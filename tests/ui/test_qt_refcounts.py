"""Guards against a Qt binding that loses references to None (PySide6 6.12.0 on Python 3.11 aborts the app)."""
from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

CALLS = 2_000


def _none_refs_lost(call) -> int:
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        call()
    return before - sys.getrefcount(None)


def test_void_qt_calls_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    timer = QTimer()
    app = QApplication.instance()
    lost = {
        "QLabel.setText": _none_refs_lost(lambda: label.setText("x")),
        "QWidget.update": _none_refs_lost(label.update),
        "QTimer.start": _none_refs_lost(lambda: timer.start(1000)),
        "processEvents": _none_refs_lost(app.processEvents),
    }
    timer.stop()
    # A few references may come and go with the event loop; a binding bug loses one per call (thousands).
    assert all(n < CALLS // 10 for n in lost.values()), f"references to None lost per {CALLS} calls: {lost}"
