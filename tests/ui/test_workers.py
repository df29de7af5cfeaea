"""The worker delivers progress, results, errors and cancellation on the GUI thread, one job per kind."""
from __future__ import annotations

import threading
import time

from PySide6.QtCore import QElapsedTimer, QThread, QTimer

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
    assert len(progress) < 10  # 50 reports in ~0.25 s throttled to ~10 Hz
    assert not worker.is_running()


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
    started = time.monotonic()
    worker.start(lambda p, c: _busy(10, p, c))
    workers.shutdown()
    assert not worker.is_running()
    assert time.monotonic() - started < 5


def test_gui_heartbeat_keeps_ticking_during_a_long_job(qtbot, record_property):
    worker = Worker("solve")
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    with qtbot.waitSignal(worker.finished, timeout=10_000):
        worker.start(lambda p, c: _busy(1.5, p, c))
    timer.stop()
    worst = max(gaps)
    record_property("heartbeat_max_gap_ms", worst)
    print(f"heartbeat: {len(gaps)} ticks, max gap {worst} ms")
    assert len(gaps) > 50
    assert worst < 250


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
    assert len(ticks) >= 10  # the event loop ran while the job worked
    assert field.text() == ""  # the key pressed meanwhile was held off
    field.activateWindow()
    qtbot.wait(20)
    QTest.keyClick(field.windowHandle(), Qt.Key.Key_B)
    assert field.text() == "b"  # and typing works again afterwards
    ok, message = run_and_wait(worker, lambda _p, _c: 1 / 0)
    assert not ok and message.startswith("Unexpected ZeroDivisionError")
