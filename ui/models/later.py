"""Deferred work on the GUI thread: calls done once however often asked, one per event-loop turn, and long passes
cut into time slices so no turn keeps the window from painting for more than a few milliseconds."""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Generator
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QTimer

T = TypeVar("T")

#: Seconds of one slice of a sliced pass: well under the 50 ms a user notices, even when a slice and a repaint
#: fall in the same turn of the event loop.
SLICE_S = 0.005

#: People handled between two yields of a sliced pass (well under a millisecond of Python).
STEP = 1_000


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
                if not item.run():
                    self.queue.append(item)  # a sliced pass not done yet: its next slice after the others' turns
                break
        if self.queue:
            self.timer.start()


_turns: _Turns | None = None


def _queue(item: Later) -> None:
    global _turns
    if _turns is None or not shiboken6.isValid(_turns):
        _turns = _Turns()
    _turns.push(item)


class Later(QObject):
    """A deferred call: `start()` it as often as you like; the slot runs once, in an event-loop turn of its own."""

    def __init__(self, parent: QObject, slot: Callable[[], None]) -> None:
        super().__init__(parent)
        self._slot = slot
        self._queued = False

    def start(self) -> None:
        """Ask for the call (again); nothing more happens while one is already queued."""
        if self._queued:
            return
        self._queued = True
        _queue(self)

    def isActive(self) -> bool:  # noqa: N802 - QTimer's name, kept for callers
        """True while the call is queued."""
        return self._queued

    def run(self) -> bool:
        """Make the call now (the queue calls this); True: done."""
        self._queued = False
        self._slot()
        return True


class Sliced(Later):
    """A deferred pass cut into slices of ~5 ms, one per event-loop turn; `start()` again restarts it from scratch.

    `make()` returns a generator that yields now and then (every `STEP` people, say) and returns its result;
    `done(result)` receives it on the GUI thread once the pass has finished.
    """

    def __init__(self, parent: QObject, make: Callable[[], Generator[None, None, Any]],
                 done: Callable[[Any], None]) -> None:
        super().__init__(parent, lambda: None)
        self._make = make
        self._done = done
        self._pass: Generator[None, None, Any] | None = None

    def start(self) -> None:
        """Ask for the pass; one under way starts again (what it read so far may be out of date)."""
        self._pass = None
        super().start()

    def finish_now(self) -> None:
        """Run what is left of an asked-for pass at once (for callers that need its result now)."""
        while self._queued and not self.run(budget=float("inf")):
            pass

    def run(self, budget: float = SLICE_S) -> bool:
        """One slice (the queue calls this); True when the pass is over (or was never asked for)."""
        if not self._queued:
            return True
        if self._pass is None:
            self._pass = self._make()
        end = time.perf_counter() + budget
        try:
            while time.perf_counter() < end:
                next(self._pass)
        except StopIteration as stop:
            self._pass, self._queued = None, False
            self._done(stop.value)
            return True
        except BaseException:
            self._pass, self._queued = None, False  # a failed pass is over: nothing waits for it for ever
            raise
        return False


def pending() -> int:
    """Deferred calls and sliced passes still queued (0 once everything asked for is done)."""
    return 0 if _turns is None or not shiboken6.isValid(_turns) else sum(
        1 for item in _turns.queue if shiboken6.isValid(item) and item.isActive())


def later(parent: QObject, slot: Callable[[], None]) -> Later:
    """A deferred, coalescing call of `slot` owned by `parent`; `start()` it as often as you like."""
    return Later(parent, slot)


def sliced(parent: QObject, make: Callable[[], Generator[None, None, T]], done: Callable[[T], None]) -> Sliced:
    """A deferred pass in time slices owned by `parent`: `make()` builds the generator, `done(result)` takes the end."""
    return Sliced(parent, make, done)



def roster_slices(people: list) -> Generator[Any, None, None]:
    """The people as `Roster`s of `STEP` people each, so a pass asks the core's own roster queries (team_of,
    initiatives) a slice at a time and yields between slices."""
    from app.domain.people import Roster

    for start in range(0, len(people), STEP):
        yield Roster.model_construct(people=people[start:start + STEP])
