"""A coalescing zero-delay timer: work that may wait one turn of the event loop, done once however often asked."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def later(parent: QObject, slot: Callable[[], None]) -> QTimer:
    """A single-shot 0 ms timer running `slot`; `start()` it as often as you like, `slot` runs once per turn."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(slot)
    return timer
