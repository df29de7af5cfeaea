"""Runs the plan validator after every plan edit, off the GUI thread, latest request wins."""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain import Plan
from ui.models.later import later, pending
from ui.services import Services
from ui.snapshot import project_snapshot
from ui.template_cache import template_set
from ui.workers import when_idle

#: How long a check waits before looking again whether the passes over a new roster are done.
PASSES_WAIT_MS = 50


@dataclass
class CheckResult:
    """What the validator said about one plan of one scenario ('failed' holds a one-line error instead)."""

    scenario: str
    plan: Plan | None
    problems: list[str] = field(default_factory=list)
    failed: str = ""


class PlanChecker(QObject):
    """Validates the active scenario's plan on the 'validate' worker; emits `checked` for the newest plan only."""

    started = Signal()
    checked = Signal(object)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = services.doc
        self.worker = services.workers.get("validate")
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._run_pending)
        self._pending: tuple | None = None
        self._running: tuple[str, Plan] | None = None
        self._templates_key: tuple = ()
        self._templates = None
        self._waiting_for_idle = False
        self.last: CheckResult | None = None
        self._asked = False
        self._ask = later(self, self._on_asked)

    def request(self) -> None:
        """Check the active scenario's current plan (from the next event-loop turn, or once the running check ends).

        'started' (the 'checking' banner) is emitted at once; the snapshot waits for a turn of its own, so the turn
        that swapped the plan in (a solve's end, an edit) and the repaint after it stay short.
        """
        self._asked = True
        self._ask.start()
        if self.doc.project.scenario().plan is not None:
            self.started.emit()

    def _on_asked(self) -> None:
        self._asked = False
        project = self.doc.project
        name = project.active_scenario
        plan = project.scenario(name).plan
        if plan is None:
            self._pending = None
            self.last = CheckResult(scenario=name, plan=None)
            self.checked.emit(self.last)
            return
        self._pending = (name, plan, project_snapshot(project), self._key(project))
        if not self.worker.is_running():
            self._start_when_idle()

    def busy(self) -> bool:
        """True while a check is waiting or running."""
        return self._asked or self._pending is not None or self._running is not None

    def _start_when_idle(self) -> None:
        # The validator is pure Python: started while the GUI repaints the new plan, every paint call into Python
        # would queue behind it for the GIL. It starts when the event loop has nothing left to do.
        if not self._waiting_for_idle:
            self._waiting_for_idle = True
            when_idle(self._on_idle)

    def _on_idle(self) -> None:
        if pending():  # a new roster's passes first: run beside them, the check would make each slice wait longer
            QTimer.singleShot(PASSES_WAIT_MS, self, lambda: when_idle(self._on_idle))  # not after self is gone
            return
        self._waiting_for_idle = False
        if not self.worker.is_running():
            self._run_pending()

    def is_current(self, result: CheckResult) -> bool:
        """True when the result is about the plan on show right now."""
        project = self.doc.project
        return result.scenario == project.active_scenario and result.plan is project.scenario(result.scenario).plan

    @staticmethod
    def _key(project) -> tuple:
        # the objects themselves, compared by identity: template edits replace them, so a change means a new key
        return (*project.templates.values(), project.catalogue)

    def _run_pending(self) -> None:
        if self._pending is None:
            return
        name, plan, snapshot, key = self._pending
        self._pending = None
        cached = self._templates if len(key) == len(self._templates_key) and all(
            a is b for a, b in zip(key, self._templates_key, strict=True)) else None

        def job(_progress, _cancel):
            from app.planning import validate_plan

            templates = cached or template_set(snapshot)
            return key, templates, validate_plan(snapshot, plan, scenario=name, templates=templates)

        self._running = (name, plan)
        self.worker.start(job)

    def _deliver(self, result: CheckResult) -> None:
        self._running = None
        self.last = result
        if self.is_current(result):
            self.checked.emit(result)
        self._run_pending()

    def _on_finished(self, outcome: object) -> None:
        key, templates, problems = outcome
        self._templates_key, self._templates = key, templates
        name, plan = self._running or ("", None)
        self._deliver(CheckResult(scenario=name, plan=plan, problems=list(problems)))

    def _on_failed(self, message: str, _details: str) -> None:
        name, plan = self._running or ("", None)
        self._deliver(CheckResult(scenario=name, plan=plan, failed=message))
