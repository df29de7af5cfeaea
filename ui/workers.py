"""Long work off the GUI thread: one Worker per kind of job, progress throttled, errors delivered as signals."""
from __future__ import annotations

import gc
import importlib
import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractEventDispatcher, QObject, QThread, Signal, Slot

from app.errors import PhasegateError

ProgressFn = Callable[[float, str], None]
CancelFn = Callable[[], bool]
#: A job receives `progress(fraction, message)` and `cancel() -> bool` and returns its result.
Job = Callable[[ProgressFn, CancelFn], Any]

#: Minimum seconds between two progress signals (~10 Hz), so a chatty job cannot flood the event loop.
PROGRESS_INTERVAL = 0.1


#: GIL switch interval while jobs run: the GUI thread asks for the GIL for every paint call into Python, and with the
#: default 5 ms each of those calls could wait 5 ms behind a busy worker (hundreds of calls per repaint); at 1 ms a
#: repaint during a 100,000-row sort still waited ~0.1 s. The worker only pays for it while the GUI asks.
JOB_SWITCH_INTERVAL = 0.0002

#: Young objects up to which a finished job's garbage is collected before freezing (a few ms); above it (a big
#: import, which leaves no cycles) everything is frozen as is, since collecting that many would hold the GIL long.
COLLECT_LIMIT = 50_000


class _Background:
    """While jobs run: a short GIL switch interval, and no cyclic collector stopping every thread; frees after.

    A full collection holds the GIL for as long as it takes to walk the whole heap, in whichever thread happens to
    allocate, so a job that makes many survivors beside a big project would freeze the GUI thread (the *heap* step
    of benchmarks/bench_worker_freeze.py). While any job runs the automatic collector is paused; when the last one
    ends its young objects are collected (when few) and everything alive is frozen (`gc.freeze`), so later
    collections only walk what was made since. This is the process's only pause of the collector: the core runs
    with Python's defaults.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._collect = False
        self._was_enabled = True
        self._interval = sys.getswitchinterval()

    def enter(self, *, collect: bool = True) -> None:
        """A job starts: pause the automatic collector, hand the GIL over more often; `collect`: it may make cycles."""
        with self._lock:
            if self._running == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
                self._interval = sys.getswitchinterval()
                sys.setswitchinterval(min(self._interval, JOB_SWITCH_INTERVAL))
            self._running += 1
            self._collect = self._collect or collect

    def leave(self) -> None:
        """A job ended: when it was the last, collect its young garbage if cheap, freeze the rest, restore."""
        with self._lock:
            self._running -= 1
            if self._running:
                return
            # the walk's cost grows with the young containers' sizes, not their number (a sorted 100,000-row
            # order is a few huge lists), so jobs that make no reference cycles skip it
            if self._collect and gc.get_count()[0] <= COLLECT_LIMIT:
                gc.collect(0)
            self._collect = False
            gc.freeze()
            if self._was_enabled:
                gc.enable()
            sys.setswitchinterval(self._interval)


BACKGROUND = _Background()


class JobCancelled(Exception):
    """Raised by a job (or a core function) that stopped because the user pressed Cancel."""


class _JobThread(QThread):
    """Runs one job; its signals are queued to the Worker that lives on the GUI thread."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    errored = Signal(str, str, bool)

    def __init__(self, job: Job, cancel_event: threading.Event, *, collect: bool = True) -> None:
        super().__init__()
        self._job = job
        self._cancel = cancel_event
        self._collect = collect
        self._last_emit = 0.0

    def _progress(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if fraction >= 1.0 or now - self._last_emit >= PROGRESS_INTERVAL:
            self._last_emit = now
            self.progressed.emit(float(max(0.0, min(1.0, fraction))), str(message))

    def run(self) -> None:
        """Thread body: run the job and turn its outcome into exactly one signal."""
        BACKGROUND.enter(collect=self._collect)
        try:
            outcome = self._outcome()
        finally:
            BACKGROUND.leave()
        if isinstance(outcome, tuple):
            self.errored.emit(*outcome)
        else:
            self.succeeded.emit(outcome.result)

    def _outcome(self):
        try:
            return _Result(self._job(self._progress, self._cancel.is_set))
        except Exception as exc:  # delivered to the GUI thread, never lost in a thread
            cancelled = self._cancel.is_set() or isinstance(exc, JobCancelled) or getattr(exc, "exit_code", 0) == 130
            if isinstance(exc, PhasegateError):
                return exc.one_line(), "", cancelled
            return f"Unexpected {type(exc).__name__}: {exc}", traceback.format_exc(), cancelled


class _Result:
    """A job's return value (which may itself be a tuple)."""

    __slots__ = ("result",)

    def __init__(self, result: object) -> None:
        self.result = result


class Worker(QObject):
    """Runs one job of its kind at a time on a QThread and reports back on the GUI thread."""

    started = Signal()
    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(str, str)
    cancelled = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        #: False for jobs that make no reference cycles (sorting, autosave): no young collection after them
        self.collects_garbage = True
        self._thread: _JobThread | None = None
        self._cancel = threading.Event()

    def is_running(self) -> bool:
        """True while a job is running."""
        return self._thread is not None

    def start(self, job: Job) -> bool:
        """Start a job; False (and nothing started) when one of this kind is already running."""
        if self._thread is not None:
            return False
        self._cancel = threading.Event()
        thread = _JobThread(job, self._cancel, collect=self.collects_garbage)
        thread.progressed.connect(self.progress)
        thread.succeeded.connect(self._on_succeeded)
        thread.errored.connect(self._on_errored)
        self._thread = thread  # held until the job is over, so the thread is never collected while running
        self.started.emit()
        thread.start()
        return True

    def cancel(self) -> None:
        """Ask the running job to stop at its next cancel check."""
        self._cancel.set()

    def wait(self, timeout_ms: int = 10_000) -> bool:
        """Block until the running job ends (used on shutdown); True when nothing is left running."""
        thread = self._thread
        return True if thread is None else thread.wait(timeout_ms)

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Cancel and wait: called when the window closes."""
        self.cancel()
        if self.wait(timeout_ms):
            self._release()

    def _release(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.wait()
            thread.deleteLater()

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._release()
        self.finished.emit(result)

    @Slot(str, str, bool)
    def _on_errored(self, message: str, details: str, was_cancelled: bool) -> None:
        self._release()
        if was_cancelled:
            self.cancelled.emit()
        else:
            self.failed.emit(message, details)


class Workers(QObject):
    """One Worker per kind of job ('import', 'gaps', 'solve', 'export'), shut down together."""

    job_started = Signal(str)
    job_progress = Signal(str, float, str)
    job_ended = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers: dict[str, Worker] = {}

    def get(self, kind: str) -> Worker:
        """The worker for a kind of job, created on first use."""
        if kind not in self._workers:
            worker = Worker(kind, self)
            worker.started.connect(lambda: self.job_started.emit(kind))
            worker.progress.connect(lambda f, m: self.job_progress.emit(kind, f, m))
            for done in (worker.finished, worker.failed, worker.cancelled):
                done.connect(lambda *_: self.job_ended.emit(kind))
            self._workers[kind] = worker
        return self._workers[kind]

    def busy(self) -> list[str]:
        """Kinds with a job running."""
        return [k for k, w in self._workers.items() if w.is_running()]

    def shutdown(self) -> None:
        """Cancel every job and wait for it to end."""
        for worker in self._workers.values():
            worker.cancel()
        for worker in self._workers.values():
            worker.shutdown()


def run_and_wait(worker: Worker, job: Job) -> tuple[bool, object]:
    """Run `job` on `worker` while a local event loop keeps the window painting; (True, result) or (False, message).

    For an operation whose caller needs its outcome before going on (Save before closing, say) but whose work must
    not stop the GUI thread. The user's clicks and keys are held off meanwhile by an invisible application-modal
    widget, so nothing changes what is being written or read. (Disabling the window restyled and repainted all of
    it twice, ~0.1 s with a big roster; a Python event filter cost a call into Python per event, each waiting for
    the GIL behind the worker.)
    """
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QWidget

    outcome: list[tuple[bool, object]] = []
    loop = QEventLoop()
    blocker = QWidget()
    blocker.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # modal, yet never drawn
    blocker.setWindowModality(Qt.WindowModality.ApplicationModal)

    def done(ok: bool, value: object) -> None:
        outcome.append((ok, value))
        loop.quit()

    on_finished = lambda result: done(True, result)  # noqa: E731 - kept to disconnect exactly these
    on_failed = lambda message, _details: done(False, message)  # noqa: E731
    on_cancelled = lambda: done(False, "cancelled")  # noqa: E731
    worker.finished.connect(on_finished)
    worker.failed.connect(on_failed)
    worker.cancelled.connect(on_cancelled)
    blocker.show()
    try:
        if not worker.start(job):
            return False, "another job of this kind is still running"
        if not outcome:
            loop.exec()
    finally:
        blocker.hide()
        blocker.deleteLater()
        worker.finished.disconnect(on_finished)
        worker.failed.disconnect(on_failed)
        worker.cancelled.disconnect(on_cancelled)
    return outcome[0]


def preload(workers: Workers, modules: tuple[str, ...], *, warm: tuple[Callable[[], object], ...] = ()) -> bool:
    """Import heavy core modules (then call `warm`, e.g. cached loaders) on the 'preload' worker, in the background.

    Loading OR-Tools' extension holds the GIL ~70 ms (longer on a busy machine): better while the start screen is
    up than in the middle of the first solve. GUI-thread code must not import these modules itself meanwhile.
    """
    def job(_progress, _cancel) -> int:
        for name in modules:
            importlib.import_module(name)
        for call in warm:
            call()
        return len(modules)

    return workers.get("preload").start(job)


class _Idle(QObject):
    """Calls queued functions once the event loop has handled what was posted before them (layouts, paints).

    The dispatcher announces `aboutToBlock` at the start of each loop turn, before that turn's posted events are
    sent (the glib dispatcher Qt uses on Linux does); a call made then would run before the repaint it is meant to
    wait for. So a call waits for the second announcement after it was queued: the turn between sends the posts.
    """

    def __init__(self) -> None:
        super().__init__()
        self.waiting: list[tuple[Callable[[], object], QObject | None]] = []
        self.ready: list[tuple[Callable[[], object], QObject | None]] = []
        self.connected = False

    def add(self, call: Callable[[], object], owner: QObject | None = None) -> None:
        """Queue a call for the next idle moment (dropped if `owner`, or the object of a bound method, is deleted)."""
        self.waiting.append((call, owner if owner is not None else getattr(call, "__self__", None)))
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is None:
            self._run()
            self._run()
        elif not self.connected:
            self.connected = True
            dispatcher.aboutToBlock.connect(self._run)

    def _run(self) -> None:
        calls, self.ready, self.waiting = self.ready, self.waiting, []
        dispatcher = QAbstractEventDispatcher.instance()
        if self.ready and dispatcher is not None:
            dispatcher.wakeUp()  # a quiet loop would block in this turn, and the next announcement never come
        elif not self.ready:
            if self.connected and dispatcher is not None:
                dispatcher.aboutToBlock.disconnect(self._run)
            self.connected = False
        for call, owner in calls:
            if not isinstance(owner, QObject) or shiboken6.isValid(owner):
                call()


_idle: _Idle | None = None


def when_idle(call: Callable[[], object], *, owner: QObject | None = None) -> None:
    """Run `call` on the GUI thread once pending paints and events are done.

    A job that starts while the GUI repaints makes each paint call into Python queue behind the job for the GIL;
    starting it a few milliseconds later, when the window is drawn, keeps the repaint quick. The call is dropped
    when `owner` (or the object of a bound method) has been deleted meanwhile.
    """
    global _idle
    if _idle is None or not shiboken6.isValid(_idle):
        _idle = _Idle()
    _idle.add(call, owner)
