"""Solving scenarios for the Plan screen: one after another on the 'solve' worker, with progress and Cancel."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from ui.screens.plan_summary import WORDS, decisions_broken
from ui.services import Services
from ui.snapshot import project_snapshot
from ui.template_cache import template_set
from ui.workers import when_idle


class _CancelFlag:
    """Adapts the worker's cancel() callable to the `is_set()` object the planner polls."""

    def __init__(self, cancel) -> None:
        self._cancel = cancel

    def is_set(self) -> bool:
        """True once the user pressed Cancel."""
        return bool(self._cancel())


class ScenarioSolves(QObject):
    """Plans scenarios on the 'solve' worker, each on a snapshot so the window stays consistent; says progress in
    `live` and hands each finished plan to the document."""

    running = Signal(bool)

    def __init__(self, services: Services, live: QLabel, limit: Callable[[], float], parent: QObject) -> None:
        super().__init__(parent)
        self.services = services
        self.doc = services.doc
        self.live = live
        self.limit = limit
        self.queue: list[str] = []  # scenarios waiting to be solved after the one under way
        self.worker = services.workers.get("solve")
        self.worker.started.connect(lambda: self.running.emit(True))
        self.worker.progress.connect(lambda _f, text: self.live.setText(text))
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)

    def solve(self, names: list[str]) -> bool:
        """Plan these scenarios one after another; False (with a status line saying why) when none could start."""
        if not self.doc.people:
            self.services.status("Import a roster before solving (File → Import roster, Ctrl+I)")
            return False
        if not self.doc.project.portfolio.initiatives:
            self.services.status("Add an initiative before solving (Initiatives screen → Add initiative)")
            return False
        if self.worker.is_running():
            self.queue += [n for n in names if n not in self.queue]
            return True
        self.queue = list(names[1:])
        return self._start(names[0])

    def cancel(self) -> None:
        """Stop the solve under way (its best plan is kept) and drop the ones queued after it."""
        self.queue.clear()
        self.worker.cancel()

    def forget(self) -> None:
        """Drop the queue and the progress line (the project was replaced)."""
        self.queue.clear()
        self.live.hide()

    def _start(self, name: str) -> bool:
        snapshot = project_snapshot(self.doc.project)
        if not any(s.name == name for s in snapshot.scenarios):
            return False
        inputs = snapshot.plan_inputs(name)  # what the plan is solved on (the snapshot shares the live objects)
        covers = ", ".join(i.name for i in snapshot.planned_initiatives(name))
        limit = self.limit()

        def job(progress, cancel):
            # imported here, in the worker: the first import of the planner (OR-Tools, numpy) takes seconds
            from app.planning.service import plan_scenario

            templates = template_set(snapshot)
            plan = plan_scenario(
                snapshot, scenario=name, templates=templates, time_limit=limit,
                progress=lambda e: progress(min(0.99, e.elapsed_s / limit), WORDS.progress(e)),
                cancel=_CancelFlag(cancel))
            return name, inputs, plan, bool(cancel())  # stopped on Cancel: its best plan comes back all the same

        self.live.setText(f"Solving scenario “{name}” for {covers or 'no initiative'} (up to {limit:g} s)…")
        self.live.show()
        self.services.status(f"Solving scenario “{name}”: {covers}")
        self.services.navigate("plan")
        when_idle(lambda: self.worker.start(job), owner=self)  # once the plan screen is drawn
        return True

    def _on_finished(self, result: object) -> None:
        name, inputs, plan, *stopped = result  # (…, True) when stopped on Cancel
        self.running.emit(False)
        self.live.hide()
        if any(stopped):  # "Plan ready" read as if the solve had run its course
            self.services.status(f"Stopped on Cancel after {plan.solve_seconds:.1f} s: scenario “{name}” shows the "
                                 f"best plan found by then ({WORDS.status_short(plan)})")
        else:
            self.services.status(f"Plan ready for scenario “{name}” (solved in {plan.solve_seconds:.1f} s)")
        if any(s.name == name for s in self.doc.project.scenarios):
            self.doc.set_plan(plan, scenario=name, inputs=inputs)
            broken = decisions_broken(self.doc) if name == self.doc.project.active_scenario else []
            if broken:
                self.services.status(f"Plan ready for scenario “{name}”, but it breaks {len(broken)} approvers' "
                                     f"{'decision' if len(broken) == 1 else 'decisions'}: {broken[0]}")
        if self.queue:
            self._start(self.queue.pop(0))

    def _on_cancelled(self) -> None:
        self.running.emit(False)
        self.live.setText("Cancelled.")

    def _on_failed(self, message: str, details: str) -> None:
        self.running.emit(False)
        self.queue.clear()
        self.live.setText(message)
        self.services.interaction.show_error(title="Planning failed", message=message, details=details)
