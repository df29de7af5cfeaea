"""`phasegate --self-test`: the window on the sample project, a short solve and an export, with a verdict."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SOLVE_SECONDS = 5.0
WAIT_MS = 60_000


class SelfTestInteraction:
    """Answers every prompt without a dialog and records errors, so the self-test never waits for a person."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def confirm(self, **_kw) -> bool:
        """Always yes."""
        return True

    def ask_save(self, **_kw):
        """Never save the sample."""
        from ui.interaction import SaveChoice

        return SaveChoice.DISCARD

    def choose_open_file(self, **_kw) -> None:
        """No file is chosen."""
        return None

    def choose_save_file(self, **_kw) -> None:
        """No file is chosen."""
        return None

    def show_error(self, *, title: str, message: str, details: str = "") -> None:
        """Records the error for the verdict."""
        self.errors.append(f"{title}: {message}")

    def show_info(self, **_kw) -> None:
        """Information needs no answer."""


def _wait(worker, what: str, *, timeout_ms: int) -> None:
    """Runs the event loop until the worker's job ends; raises with the job's own one-line error when it failed or
    with 'the <what> did not finish' when the time runs out."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    ended: list[str] = []
    worker.finished.connect(lambda *_: (ended.append(""), loop.quit()))
    worker.failed.connect(lambda message, *_: (ended.append(f"the {what} failed: {message}"), loop.quit()))
    worker.cancelled.connect(lambda *_: (ended.append(f"the {what} was cancelled"), loop.quit()))
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    if not ended:  # a hang: every thread's stack on stderr, so the CI log shows where it waits
        import faulthandler

        faulthandler.dump_traceback(all_threads=True)
        raise RuntimeError(f"the {what} did not finish in {timeout_ms // 1000} s")
    if ended[0]:
        raise RuntimeError(ended[0])


def run_self_test() -> int:
    """Opens the main window on the sample project, solves briefly, exports the Excel plan; 0 when all worked."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from ui.app import ensure_application
    from ui.main_window import MainWindow

    application = ensure_application()
    with tempfile.TemporaryDirectory(prefix="phasegate-selftest-") as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("solve/time_limit", SOLVE_SECONDS)
        interaction = SelfTestInteraction()
        window = MainWindow(interaction=interaction, settings=settings)
        window.resize(1200, 800)
        window.show()
        steps: list[str] = [f"platform {application.platformName()}"]
        try:
            window.open_sample()
            if interaction.errors:  # said in a dialog in the window; here the verdict names it
                raise RuntimeError("; ".join(interaction.errors))
            people = len(window.doc.project.roster.people)
            steps.append(f"sample opened ({people} people)")
            plan_screen = window.screens["plan"]
            window.go_to("plan")
            if not plan_screen.solve():
                raise RuntimeError(f"the solve did not start: {window.status_label.text()}")
            try:
                _wait(plan_screen.worker, "solve", timeout_ms=WAIT_MS)
            except RuntimeError as exc:
                busy = ", ".join(window.services.workers.busy()) or "none"
                raise RuntimeError(f"{exc} (status line: {window.status_label.text()!r}; jobs running: {busy})") from None
            plan = window.doc.project.scenario().plan
            if plan is None or plan.status not in ("optimal", "feasible"):
                raise RuntimeError(f"the solve gave no plan ({plan.status if plan else 'none'})")
            steps.append(f"solved: {plan.status}, coverage {plan.coverage:.0%}, {len(plan.assignments)} assignments")
            target = Path(tmp) / "self-test-plan.xlsx"
            export = window.screens["export"]
            if not export.export("excel", str(target)):
                raise RuntimeError("the export did not start")
            _wait(export.worker, "export", timeout_ms=WAIT_MS)
            if target.stat().st_size == 0:
                raise RuntimeError("the export wrote an empty file")
            steps.append(f"exported {target.name} ({target.stat().st_size:,} bytes)")
            if interaction.errors:
                raise RuntimeError("; ".join(interaction.errors))
        except Exception as exc:  # the verdict is one line, never a traceback
            print(f"self-test: FAILED after {len(steps)} step(s): {exc}", file=sys.stderr)
            return 1
        finally:
            window.doc.undo_stack.setClean()
            window.setWindowModified(False)
            window.close()
            window.deleteLater()
            application.processEvents()
    print("self-test: OK — " + "; ".join(steps))
    return 0
