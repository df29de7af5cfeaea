"""The worker delivers progress, results, errors and cancellation on the GUI thread, one job per kind."""
from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread, QTimer

from app.errors import NotImportableError
from ui.workers import JobCancelled, Worker, Workers


def _busy(seconds: float, progress, cancel) -> int:
    """Pure-Python CPU work that reports progress often and checks cancel (holds the GIL like real parsing)."""
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        n += sum(i * i for i in range(2000))
        progress(1 - (end - time.monotonic()) / seconds, "working")
        if cancel():
            raise JobCancelled()
    return n


def test_result_and_progress_arrive_on_gui_thread(qtbot):
    worker = Worker("test")
    threads, progress = [], []
    worker.progress.connect(lambda f, m: (threads.append(QThread.currentThread()), progress.append((f, m))))
    main = QThread.currentThread()

    def job(report, _cancel):
        for i in range(50):
            report(i / 50, f"step {i}")
            time.sleep(0.005)
        return threading.current_thread().name

    with qtbot.waitSignal(worker.finished, timeout=5000) as blocker:
        assert worker.start(job)
    assert blocker.args[0] != threading.current_thread().name  # the job ran on another thread
    assert progress and all(t is main for t in threads)
    assert not worker.is_running()


def test_progress_is_throttled_and_the_last_report_always_arrives(qtbot, monkeypatch):
    """Reports closer than PROGRESS_INTERVAL apart are dropped (a chatty job cannot flood the event loop)."""
    import ui.workers as workers

    clock = iter([100.0, 100.01, 100.02, 100.15, 100.16, 100.17])  # the six reports' times, from a fake clock
    monkeypatch.setattr(workers.time, "monotonic", lambda: next(clock))
    worker = Worker("test")
    seen: list[float] = []
    worker.progress.connect(lambda fraction, _message: seen.append(fraction))

    def job(report, _cancel):
        for fraction in (0.1, 0.2, 0.3, 0.4, 0.5, 1.0):
            report(fraction, "step")
        return "done"

    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.start(job)
    qtbot.wait(10)
    assert seen == [0.1, 0.4, 1.0]  # at 0 s, at 0.15 s (over 0.1 s later), and the end, which always passes


def test_errors_are_delivered_with_one_line_and_details(qtbot):
    worker = Worker("test")

    def user_error(_p, _c):
        raise NotImportableError("no name column", file="hr.xlsx", sheet="Staff")

    with qtbot.waitSignal(worker.failed, timeout=5000) as blocker:
        worker.start(user_error)
    assert blocker.args == ["hr.xlsx, sheet 'Staff': no name column", ""]

    with qtbot.waitSignal(worker.failed, timeout=5000) as blocker:
        worker.start(lambda _p, _c: 1 / 0)
    message, details = blocker.args
    assert message == "Unexpected ZeroDivisionError: division by zero"
    assert "Traceback" in details


def test_cancel_stops_the_job_and_one_job_per_kind(qtbot):
    workers = Workers()
    worker = workers.get("solve")
    assert workers.get("solve") is worker
    worker.start(lambda p, c: _busy(10, p, c))
    assert not worker.start(lambda p, c: 1)  # a second solve is refused while one runs
    assert workers.busy() == ["solve"]
    with qtbot.waitSignal(worker.cancelled, timeout=5000):
        worker.cancel()
    assert workers.busy() == []


def test_shutdown_cancels_and_waits(qtbot):
    workers = Workers()
    worker = workers.get("import")
    stopped = threading.Event()

    def job(progress, cancel):
        try:
            return _busy(60, progress, cancel)
        except JobCancelled:
            stopped.set()
            raise

    worker.start(job)
    workers.shutdown()
    assert stopped.is_set()  # the job was told to stop, and shutdown waited for it
    assert not worker.is_running()


def test_a_gui_timer_keeps_ticking_while_a_long_job_runs(qtbot):
    """How long the GUI waits at most is measured in benchmarks/ (bench_ui_load, bench_worker_freeze), not here."""
    worker = Worker("solve")
    ticks_while_running: list[bool] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks_while_running.append(worker.is_running()))
    timer.start()
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        worker.start(lambda p, c: _busy(1.5, p, c))
    timer.stop()
    assert sum(ticks_while_running) > 10


class _Node:
    """A small object in a reference cycle (only the cyclic collector can free it)."""

    def __init__(self) -> None:
        self.me = self


def test_a_jobs_cyclic_garbage_does_not_outlive_it(qtbot):
    """While jobs run the cyclic collector is paused; when they end it is back on and their garbage is gone."""
    import gc
    import weakref

    refs: list[weakref.ref] = []

    def job(_progress, _cancel):
        refs.append(weakref.ref(_Node()))
        return "done"

    worker = Worker("test-job")
    with qtbot.waitSignal(worker.failed, timeout=10_000):  # a failing job restores the collector too
        worker.start(lambda _p, _c: 1 / 0)
    assert gc.isenabled()
    with qtbot.waitSignal(worker.finished, timeout=10_000) as done:
        worker.start(job)
    assert done.args == ["done"] and gc.isenabled()
    assert refs[0]() is None


def test_run_and_wait_keeps_the_loop_running_but_holds_off_typing_until_the_job_is_done(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    from ui.workers import Worker, run_and_wait

    worker = Worker("wait-test")
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    field.activateWindow()
    field.setFocus()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    QTimer.singleShot(30, lambda: QTest.keyClick(field.windowHandle(), Qt.Key.Key_A))  # the user types meanwhile
    ok, result = run_and_wait(worker, lambda _p, _c: (time.sleep(0.3), "saved")[1])
    timer.stop()
    assert (ok, result) == (True, "saved")
    assert ticks  # the event loop ran while the job worked
    assert field.text() == ""  # the key pressed meanwhile was held off
    field.activateWindow()
    qtbot.wait(20)
    QTest.keyClick(field.windowHandle(), Qt.Key.Key_B)
    assert field.text() == "b"  # and typing works again afterwards
    ok, message = run_and_wait(worker, lambda _p, _c: 1 / 0)
    assert not ok and message.startswith("Unexpected ZeroDivisionError")
