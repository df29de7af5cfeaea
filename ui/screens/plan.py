"""Plan screen: solve the active scenario off the GUI thread, read every decision with its reason, pin, compare."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import Exclusion, Pin
from app.project import Scenario
from ui import commands
from ui.core import template_set
from ui.models.records import Field, RecordTableModel, attr
from ui.services import Services
from ui.undo import push

TIME_LIMIT_S = 20.0


class _CancelFlag:
    """Adapts the worker's cancel() callable to the `is_set()` object the planner polls."""

    def __init__(self, cancel) -> None:
        self._cancel = cancel

    def is_set(self) -> bool:
        """True once the user pressed Cancel."""
        return bool(self._cancel())


def progress_text(event) -> str:
    """One line for the live panel from a solver progress event (level, elapsed, best, bound, gap)."""
    gap = abs(event.objective - event.bound) / max(1.0, abs(event.objective))
    return (f"Level {event.level} · {event.elapsed_s:.1f} s · best {event.objective:,.2f} · bound {event.bound:,.2f}"
            f" · gap {gap:.0%} · {event.solutions_found} plans found")


def _table(model: RecordTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSortingEnabled(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class PlanScreen(QWidget):
    """Solve with live progress and Cancel, read assignments/trainings/hires/uncovered with reasons, pin, compare."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.doc = services.doc
        self.worker = services.workers.get("solve")
        self.scenario = QComboBox()
        self.scenario.setAccessibleName("Scenario")
        self.scenario.setMinimumWidth(180)
        self.scenario.currentTextChanged.connect(self._on_scenario_chosen)
        self.new_scenario_button = self._button("New scenario…", "Copy the active scenario under a new name",
                                                self.new_scenario)
        self.solve_button = self._button("Solve", "Plan the active scenario (Ctrl+R / F5)", self.solve)
        self.cancel_button = self._button("Cancel", "Stop and keep the best plan found so far (Esc)",
                                          lambda: self.worker.cancel())
        self.cancel_button.setEnabled(False)
        self.pin_button = self._button("Pin", "Keep the selected assignment in every re-solve", self.pin_selected)
        self.exclude_button = self._button("Exclude", "Do not use the selected person for this initiative",
                                           self.exclude_selected)
        self.live = QLabel("No plan yet. Press Solve.")
        self.live.setAccessibleName("Solver progress")
        self.live.setWordWrap(True)
        self.headline = QLabel()
        self.headline.setAccessibleName("Plan summary")
        self.headline.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Scenario"))
        top.addWidget(self.scenario)
        for b in (self.new_scenario_button, self.solve_button, self.cancel_button, self.pin_button,
                  self.exclude_button):
            top.addWidget(b)
        top.addStretch(1)

        over = QColor("#fff9c4")
        self.assignments = RecordTableModel([
            attr("Person", "person_name"), attr("Initiative", "initiative"), attr("Role", "role_name"),
            attr("FTE", "fte"), Field("Moved", lambda a: "moved" if a.moved else ""),
            Field("Pinned", lambda a: "📌" if a.pinned else ""), attr("Reason", "reason")], self,
            tint=lambda a: over if a.pinned else None)
        self.trainings = RecordTableModel([
            attr("Person", "person_name"), attr("Skill", "skill"), Field("Levels", lambda t: f"{t.from_level}→{t.to_level}"),
            attr("Weeks", "weeks"), attr("Cost", "cost"), attr("Start by", "latest_start"), attr("Reason", "reason")],
            self)
        self.hires = RecordTableModel([
            attr("Initiative", "initiative"), attr("Role", "role_name"), attr("Kind", "kind"), attr("FTE", "fte"),
            attr("Cost", "cost"), attr("Lead weeks", "lead_time_weeks"), attr("Requisition by", "latest_requisition"),
            attr("Reason", "reason")], self)
        self.uncovered = RecordTableModel([
            attr("Initiative", "initiative"), attr("Role", "role_name"), attr("FTE", "fte"), attr("Cause", "cause")],
            self, tint=lambda _u: QColor("#ffcdd2"))
        self.comparison = RecordTableModel([
            attr("Scenario", "name"), attr("Status", "status"), Field("Coverage", lambda s: f"{s.coverage:.0%}"),
            attr("Uncovered FTE", "uncovered_fte"), attr("Cost", "cost"), attr("Hires", "hires"),
            attr("Contractors", "contractors"), attr("Trainings", "trainings"), attr("People moved", "people_moved")],
            self)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Plan tables")
        self.assignment_view = _table(self.assignments, "Assignments")
        for model, view, label in ((self.assignments, self.assignment_view, "Assignments"),
                                   (self.trainings, None, "Trainings"), (self.hires, None, "Hires and contracts"),
                                   (self.uncovered, None, "Uncovered"), (self.comparison, None, "Compare scenarios")):
            self.tabs.addTab(view or _table(model, label), label)
        self.problems = QLabel()
        self.problems.setAccessibleName("Plan problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #c62828")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.live)
        layout.addWidget(self.headline)
        layout.addWidget(self.problems)
        layout.addWidget(self.tabs, 1)
        self.worker.started.connect(lambda: self._set_running(True))
        self.worker.progress.connect(lambda _f, text: self.live.setText(text))
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(lambda: (self._set_running(False), self.live.setText("Cancelled.")))
        self.doc.project_replaced.connect(self.refresh)
        self.doc.plan_changed.connect(self.refresh)
        self.doc.scenario_changed.connect(self.refresh)
        self.refresh()

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(slot)
        return button

    # -- scenarios -----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the scenario list and the active plan's tables."""
        project = self.doc.project
        self.scenario.blockSignals(True)
        self.scenario.clear()
        self.scenario.addItems([s.name for s in project.scenarios])
        self.scenario.setCurrentText(project.active_scenario)
        self.scenario.blockSignals(False)
        plan = project.scenario().plan
        self.assignments.set_records(plan.assignments if plan else [])
        self.trainings.set_records(plan.trainings if plan else [])
        self.hires.set_records(plan.hires if plan else [])
        self.uncovered.set_records(plan.uncovered if plan else [])
        from app.planning.service import summarise

        self.comparison.set_records([summarise(s.name, s.plan) for s in project.scenarios if s.plan is not None])
        sc = project.scenario()
        pins = f" · {len(sc.pins)} pinned, {len(sc.exclusions)} excluded" if sc.pins or sc.exclusions else ""
        if plan is None:
            self.headline.setText(f"Scenario “{sc.name}” has no plan yet{pins}.")
        else:
            self.headline.setText(
                f"<b>{plan.status.value}</b> · coverage {plan.coverage:.0%} · uncovered {plan.uncovered_fte:.2f} FTE"
                f" · cost {plan.total_cost:,.0f} · {plan.people_moved} people moved · {len(plan.hires)} hires/"
                f"contracts · {len(plan.trainings)} trainings{pins}<br>{plan.message}")
        self.assignment_view.resizeColumnsToContents()

    def _on_scenario_chosen(self, name: str) -> None:
        if name and name != self.doc.project.active_scenario:
            self.doc.project.active_scenario = name
            self.refresh()

    def new_scenario(self, name: str | None = None) -> None:
        """Copy the active scenario (pins, exclusions, policy) under a new name and make it active."""
        if not isinstance(name, str):
            name, ok = QInputDialog.getText(self, "New scenario", "Scenario name")
            if not ok:
                return
        name = name.strip()
        project = self.doc.project
        if not name or any(s.name == name for s in project.scenarios):
            self.services.interaction.show_error(title="Cannot add the scenario",
                                                 message=f"choose a new, non-empty name (not '{name}')")
            return
        source = project.scenario()
        copy = Scenario.model_validate({**source.model_dump(), "name": name, "plan": None})
        project.scenarios.append(copy)
        project.active_scenario = name
        self.doc.mark_modified()
        self.refresh()

    # -- solving -------------------------------------------------------------------------------------------------
    def solve(self) -> None:
        """Plan the active scenario on the 'solve' worker (a copy of the project, so the GUI stays consistent)."""
        from app.planning.service import plan_scenario

        if not self.doc.people or not self.doc.project.portfolio.initiatives:
            self.services.status("Import a roster and add an initiative before solving")
            return
        snapshot = self.doc.project.model_copy(deep=True)
        name = snapshot.active_scenario
        limit = float(self.services.settings.value("solve/time_limit", TIME_LIMIT_S))

        def job(progress, cancel):
            templates = template_set(snapshot)
            return name, plan_scenario(snapshot, scenario=name, templates=templates, time_limit=limit,
                                       progress=lambda e: progress(min(0.99, e.elapsed_s / limit), progress_text(e)),
                                       cancel=_CancelFlag(cancel))

        if self.worker.start(job):
            self.live.setText("Preparing the model…")
            self.services.navigate("plan")

    def _set_running(self, running: bool) -> None:
        self.solve_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _on_finished(self, result: object) -> None:
        name, plan = result
        self._set_running(False)
        self.live.setText(f"Solved in {plan.solve_seconds:.1f} s: {plan.status.value}.")
        self.services.status(f"Plan ready for “{name}”: {plan.status.value}, coverage {plan.coverage:.0%}")
        self.problems.clear()
        self.doc.set_plan(plan, scenario=name)

    def _on_failed(self, message: str, details: str) -> None:
        self._set_running(False)
        self.live.setText(message)
        self.services.interaction.show_error(title="Planning failed", message=message, details=details)

    # -- pins and exclusions -------------------------------------------------------------------------------------
    def selected_assignment(self):
        """The assignment selected in the table, or None."""
        rows = self.assignment_view.selectionModel().selectedRows()
        return rows[0].data(Qt.ItemDataRole.UserRole) if rows else None

    def pin_selected(self) -> None:
        """Pin the selected assignment (undoable); the next solve must keep it."""
        a = self.selected_assignment()
        if a is None:
            self.services.status("Select an assignment to pin")
            return
        item = Pin(person_id=a.person_id, initiative=a.initiative, role=a.role, fte=a.fte)
        push(self.doc.undo_stack, commands.pin(self.doc, item=item, person_name=a.person_name or a.person_id))
        self.services.status(f"Pinned {a.person_name} — press Solve to re-plan")

    def exclude_selected(self) -> None:
        """Exclude the selected person from this initiative (undoable)."""
        a = self.selected_assignment()
        if a is None:
            self.services.status("Select an assignment whose person to exclude")
            return
        item = Exclusion(person_id=a.person_id, initiative=a.initiative, reason="excluded in the Plan screen")
        push(self.doc.undo_stack, commands.exclude(self.doc, item=item, person_name=a.person_name or a.person_id))
        self.services.status(f"Excluded {a.person_name} — press Solve to re-plan")

    def check_plan(self) -> list[str]:
        """Validate the current plan against the rules (no solver); show and return the problems."""
        from app.planning.service import validate_plan

        plan = self.doc.project.scenario().plan
        if plan is None:
            return []
        problems = validate_plan(self.doc.project, plan, templates=template_set(self.doc.project))
        self.problems.setText("\n".join(problems))
        return problems
