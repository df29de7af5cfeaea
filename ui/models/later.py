"""Coalescing deferred calls: work that may wait for the event loop, done once however often asked, one per turn."""
from __future__ import annotations

from collections import deque
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer


class _Turns(QObject):
    """Runs queued calls one per event-loop turn, so several deferred recomputations never add up to one freeze."""

    def __init__(self) -> None:
        super().__init__()
        self.queue: deque[Later] = deque()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._run_one)

    def push(self, item: Later) -> None:
        """Queue a call and make sure a turn will run it."""
        self.queue.append(item)
        self.timer.start()

    def _run_one(self) -> None:
        while self.queue:
            item = self.queue.popleft()
            if shiboken6.isValid(item):  # its owner may have been deleted while it waited
                item.run()
                break
        if self.queue:
            self.timer.start()


_turns: _Turns | None = None


class Later(QObject):
    """A deferred call: `start()` it as often as you like; the slot runs once, in an event-loop turn of its own."""

    def __init__(self, parent: QObject, slot: Callable[[], None]) -> None:
        super().__init__(parent)
        self._slot = slot
        self._queued = False

    def start(self) -> None:
        """Ask for the call (again); nothing more happens while one is already queued."""
        global _turns
        if self._queued:
            return
        self._queued = True
        if _turns is None or not shiboken6.isValid(_turns):
            _turns = _Turns()
        _turns.push(self)

    def isActive(self) -> bool:  # noqa: N802 - QTimer's name, kept for callers
        """True while the call is queued."""
        return self._queued

    def run(self) -> None:
        """Make the call now (the queue calls this)."""
        self._queued = False
        self._slot()


def later(parent: QObject, slot: Callable[[], None]) -> Later:
    """A deferred, coalescing call of `slot` owned by `parent`; `start()` it as often as you like."""
    return Later(parent, slot)
