"""Plan screen: solve the active scenario off the GUI thread, read every decision with its reason, pin, compare."""
from __future__ import annotations

import html

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
from app.planning.words import Words
from ui import commands
from ui.commands import EditRejected
from ui.models.plan_rows import AssignmentTableModel, rows_named
from ui.models.records import Field, RecordTableModel, attr, fit_columns
from ui.plan_check import CheckResult, PlanChecker
from ui.plan_commands import (
    AddScenario,
    DeleteScenario,
    SwitchScenario,
    move_assignment,
    remove_assignment,
    set_assignment_fte,
)
from ui.screens.scenarios import ScenarioPanel
from ui.services import Services
from ui.snapshot import project_snapshot
from ui.template_cache import default_catalogue, skill_graph, template_set
from ui.undo import push
from ui.widgets.move_dialog import ask_move
from ui.widgets.validation_banner import ValidationBanner
from ui.workers import preload, when_idle

TIME_LIMIT_S = 20.0
#: The planner, exporter and importer (and its wizard), imported in the background once the window is up (never
#: on the GUI thread: the wizard module alone took ~0.1 s there).
CORE_MODULES = ("app.planning", "app.planning.service", "app.export", "app.roster_import", "ui.import_wizard")


class _CancelFlag:
    """Adapts the worker's cancel() callable to the `is_set()` object the planner polls."""

    def __init__(self, cancel) -> None:
        self._cancel = cancel

    def is_set(self) -> bool:
        """True once the user pressed Cancel."""
        return bool(self._cancel())


WORDS = Words()  # the window shows pay; every sentence about a plan comes from the core's words


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
    """Solve with live progress and Cancel, read and hand-edit the plan (checked at once), pin, compare scenarios."""

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
        self.delete_scenario_button = self._button("Delete scenario", "Delete the active scenario (undoable)",
                                                   self.delete_scenario)
        self.solve_button = self._button("Solve", "Plan the active scenario (Ctrl+R / F5)", self.solve)
        self.cancel_button = self._button("Cancel", "Stop and keep the best plan found so far (Esc)",
                                          lambda: self.worker.cancel())
        self.cancel_button.setEnabled(False)
        self.pin_button = self._button("Pin", "Keep the selected assignment in every re-solve", self.pin_selected)
        self.exclude_button = self._button("Exclude", "Do not use the selected person for this initiative",
                                           self.exclude_selected)
        self.move_button = self._button("Move…", "Put the selected person on another role (checked at once)",
                                        self.move_selected)
        self.remove_button = self._button("Remove", "Take the selected assignment out of the plan (checked at once)",
                                          self.remove_selected)
        self.live = QLabel("No plan yet. Press Solve.")
        self.live.setAccessibleName("Solver progress")
        self.live.setWordWrap(True)
        self.headline = QLabel()
        self.headline.setAccessibleName("Plan summary")
        self.headline.setWordWrap(True)
        self.banner = ValidationBanner()
        top = QHBoxLayout()
        top.addWidget(QLabel("Scenario"))
        top.addWidget(self.scenario)
        for b in (self.new_scenario_button, self.delete_scenario_button, self.solve_button, self.cancel_button):
            top.addWidget(b)
        top.addStretch(1)
        edits = QHBoxLayout()
        edits.addWidget(QLabel("Selected assignment:"))
        for b in (self.pin_button, self.exclude_button, self.move_button, self.remove_button):
            edits.addWidget(b)
        edits.addWidget(QLabel("Double-click an FTE cell to change it."))
        edits.addStretch(1)

        self.assignments = AssignmentTableModel([
            attr("Person", "person_name"), attr("Initiative", "initiative"), attr("Role", "role_name"),
            attr("FTE", "fte", "Double-click to change; the plan is checked at once"),
            Field("Moved", lambda a: "moved" if a.moved else ""),
            Field("Pinned", lambda a: "📌" if a.pinned else ""), Field("Reason", WORDS.assignment)], self,
            fte_column=3, on_edit=self._on_fte_edited)
        self.trainings = RecordTableModel([
            attr("Person", "person_name"), Field("Skill", lambda t: t.skill_name or t.skill),
            Field("Levels", lambda t: f"{t.from_level}→{t.to_level}"), attr("Weeks", "weeks"),
            Field("Cost", lambda t: WORDS.money(t.cost)), attr("Start by", "latest_start"),
            Field("Reason", WORDS.training)], self)
        self.hires = RecordTableModel([
            attr("Initiative", "initiative"), attr("Role", "role_name"), attr("Kind", "kind"), attr("FTE", "fte"),
            Field("Cost", lambda h: WORDS.money(h.cost)), attr("Lead weeks", "lead_time_weeks"), attr("Requisition by", "latest_requisition"),
            Field("Reason", WORDS.hire)], self)
        self.uncovered = RecordTableModel([
            attr("Initiative", "initiative"), attr("Role", "role_name"), attr("FTE", "fte"), Field("Cause", WORDS.uncovered)],
            self, tint=lambda _u: QColor("#ffcdd2"))
        self.scenarios_panel = ScenarioPanel(services)
        self.comparison = self.scenarios_panel.comparison
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Plan tables")
        self.assignment_view = _table(self.assignments, "Assignments")
        self.assignment_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        for model, view, label in ((self.assignments, self.assignment_view, "Assignments"),
                                   (self.trainings, None, "Trainings"), (self.hires, None, "Hires and contracts"),
                                   (self.uncovered, None, "Uncovered")):
            self.tabs.addTab(view or _table(model, label), label)
        self.tabs.addTab(self.scenarios_panel, "Compare scenarios")
        self.problems = self.banner  # the old name: where the plan's problems are shown

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.live)
        layout.addWidget(self.headline)
        layout.addWidget(self.banner)
        layout.addLayout(edits)
        layout.addWidget(self.tabs, 1)
        self.checker = PlanChecker(services, self)
        self.checker.started.connect(self.banner.checking)
        self.checker.checked.connect(self._on_checked)
        self.worker.started.connect(lambda: self._set_running(True))
        self.worker.progress.connect(lambda _f, text: self.live.setText(text))
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(lambda: (self._set_running(False), self.live.setText("Cancelled.")))
        self.doc.project_replaced.connect(self._on_plan_changed)
        self.doc.plan_changed.connect(self._on_plan_changed)
        self.doc.scenario_changed.connect(self.refresh)
        self.refresh()
        preload(services.workers, CORE_MODULES, warm=(lambda: skill_graph(default_catalogue()),))

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(lambda _=False: slot())
        return button

    def _push(self, make, *, title: str) -> bool:
        """Build a command (which validates) and push it; show the refusal in one line instead."""
        try:
            command = make()
        except EditRejected as exc:
            self.services.interaction.show_error(title=title, message=str(exc))
            return False
        push(self.doc.undo_stack, command)
        self.services.status(command.text)
        return True

    # -- showing the plan ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the scenario list and the active plan's tables."""
        project = self.doc.project
        self.scenario.blockSignals(True)
        self.scenario.clear()
        self.scenario.addItems([s.name for s in project.scenarios])
        self.scenario.setCurrentText(project.active_scenario)
        self.scenario.blockSignals(False)
        self.delete_scenario_button.setEnabled(len(project.scenarios) > 1)
        sc = project.scenario()
        plan = sc.plan
        self.assignments.set_records(plan.assignments if plan else [])
        self.trainings.set_records(plan.trainings if plan else [])
        self.hires.set_records(plan.hires if plan else [])
        self.uncovered.set_records(plan.uncovered if plan else [])
        self.scenarios_panel.refresh()
        pins = f" · {len(sc.pins)} pinned, {len(sc.exclusions)} excluded" if sc.pins or sc.exclusions else ""
        if plan is None:
            self.headline.setText(f"Scenario “{sc.name}” has no plan yet{pins}.")
        else:
            edited = (" · <i>edited by hand: coverage and cost are the solver's figures until you re-solve</i>"
                      if plan.settings.get("edited_by_hand") else "")
            said = "<br>".join(html.escape(line) for line in WORDS.message(plan).splitlines())
            self.headline.setText(f"<b>{html.escape(WORDS.status(plan))}</b>{pins}{edited}<br>{said}")
        fit_columns(self.assignment_view, self.assignments)
        self._show_check(self.checker.last)

    def _on_plan_changed(self) -> None:
        self.refresh()
        self.checker.request()

    def _show_check(self, result: CheckResult | None) -> None:
        plan = self.doc.project.scenario().plan
        if plan is None:
            self.banner.clear()
            self.assignments.set_row_problems({})
            return
        if result is None or not self.checker.is_current(result):
            self.assignments.set_row_problems({})
            return
        if result.failed:
            self.banner.failed(result.failed)
            return
        self.banner.show_problems(result.problems, edited=bool(plan.settings.get("edited_by_hand")))
        names = {i.id: i.name for i in self.doc.project.portfolio.initiatives}
        self.assignments.set_row_problems(rows_named(result.problems, self.assignments.records, names))

    def _on_checked(self, result: CheckResult) -> None:
        self._show_check(result)
        if result.problems:
            self.services.status(f"The plan breaks {len(result.problems)} rule(s): {result.problems[0]}")

    # -- scenarios -----------------------------------------------------------------------------------------------
    def _on_scenario_chosen(self, name: str) -> None:
        if name and name != self.doc.project.active_scenario:
            self._push(lambda: SwitchScenario(self.doc, name=name), title="Cannot switch the scenario")

    def new_scenario(self, name: str | None = None) -> bool:
        """Copy the active scenario (pins, exclusions, policy) under a new name and make it active (undoable)."""
        if not isinstance(name, str):
            name, ok = QInputDialog.getText(self, "New scenario", "Scenario name")
            if not ok:
                return False
        return self._push(lambda: AddScenario(self.doc, name=name), title="Cannot add the scenario")

    def delete_scenario(self, name: str | None = None) -> bool:
        """Delete a scenario (the active one by default) after confirming (undoable)."""
        name = name if isinstance(name, str) else self.doc.project.active_scenario
        if not self.services.interaction.confirm(title="Delete scenario", ok_text="Delete",
                                                 text=f"Delete scenario “{name}” and its plan? (Ctrl+Z brings it back)"):
            return False
        return self._push(lambda: DeleteScenario(self.doc, name=name), title="Cannot delete the scenario")

    # -- solving -------------------------------------------------------------------------------------------------
    def solve(self) -> None:
        """Plan the active scenario on the 'solve' worker (a snapshot of the project, so the GUI stays consistent)."""
        if not self.doc.people or not self.doc.project.portfolio.initiatives:
            self.services.status("Import a roster and add an initiative before solving")
            return
        snapshot = project_snapshot(self.doc.project)
        name = snapshot.active_scenario
        limit = float(self.services.settings.value("solve/time_limit", TIME_LIMIT_S))

        def job(progress, cancel):
            # imported here, in the worker: the first import of the planner (OR-Tools, numpy) takes seconds
            from app.planning.service import plan_scenario

            templates = template_set(snapshot)
            return name, plan_scenario(snapshot, scenario=name, templates=templates, time_limit=limit,
                                       progress=lambda e: progress(min(0.99, e.elapsed_s / limit), WORDS.progress(e)),
                                       cancel=_CancelFlag(cancel))

        if self.worker.is_running():
            return
        self.live.setText("Preparing the model…")
        self.services.navigate("plan")
        when_idle(lambda: self.worker.start(job), owner=self)  # once the plan screen is drawn

    def _set_running(self, running: bool) -> None:
        self.solve_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _on_finished(self, result: object) -> None:
        name, plan = result
        self._set_running(False)
        # the words of the headline, never the bare status: "optimal" may hold only among the candidates considered
        self.live.setText(f"Solved in {plan.solve_seconds:.1f} s: {WORDS.status(plan)}.")
        self.services.status(f"Plan ready for “{name}”: {WORDS.status(plan)}, coverage {plan.coverage:.0%}")
        if any(s.name == name for s in self.doc.project.scenarios):
            self.doc.set_plan(plan, scenario=name)

    def _on_failed(self, message: str, details: str) -> None:
        self._set_running(False)
        self.live.setText(message)
        self.services.interaction.show_error(title="Planning failed", message=message, details=details)

    # -- hand edits ----------------------------------------------------------------------------------------------
    def selected_row(self) -> int:
        """Row of the assignment selected in the table, or -1."""
        rows = self.assignment_view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def selected_assignment(self):
        """The assignment selected in the table, or None."""
        row = self.selected_row()
        return self.assignments.records[row] if 0 <= row < len(self.assignments.records) else None

    def _on_fte_edited(self, row: int, fte: float) -> str:
        try:
            command = set_assignment_fte(self.doc, row=row, fte=fte)
        except EditRejected as exc:
            self.services.status(f"FTE not changed: {exc}")
            return str(exc)
        push(self.doc.undo_stack, command)
        self.services.status(command.text)
        return ""

    def set_fte(self, row: int, fte: float) -> bool:
        """Change the FTE of an assignment row (undoable, then checked by the validator)."""
        return self._push(lambda: set_assignment_fte(self.doc, row=row, fte=fte), title="Cannot change the FTE")

    def remove_selected(self, row: int | None = None) -> bool:
        """Take the selected assignment out of the plan (undoable, then checked by the validator)."""
        row = self.selected_row() if row is None else row
        if row < 0:
            self.services.status("Select an assignment to remove")
            return False
        return self._push(lambda: remove_assignment(self.doc, row=row), title="Cannot remove the assignment")

    def role_choices(self) -> list[tuple[str, str, str]]:
        """(initiative id, role id, label) of every role the active scenario plans, for the Move dialog."""
        project = self.doc.project
        sc = project.scenario()
        scope = set(sc.initiative_ids) or {i.id for i in project.portfolio.initiatives}
        out = []
        for ini in project.portfolio.initiatives:
            template = project.templates.get(ini.target_phase)
            if ini.id in scope and template is not None:
                out += [(ini.id, r.id, f"{r.name} — {ini.name}") for r in template.roles]
        return out

    def move_selected(self, *, initiative: str | None = None, role: str | None = None, fte: float | None = None,
                      row: int | None = None) -> bool:
        """Put the selected person on another role (asks which, unless given); undoable, then checked."""
        row = self.selected_row() if row is None else row
        if row < 0:
            self.services.status("Select an assignment whose person to move")
            return False
        current = self.assignments.records[row]
        if initiative is None or role is None:
            answer = ask_move(self, person=current.person_name or current.person_id, choices=self.role_choices(),
                              current=(current.initiative, current.role), fte=current.fte)
            if answer is None:
                return False
            initiative, role, fte = answer
        label = next((lbl.split(" — ")[0] for i, r, lbl in self.role_choices() if (i, r) == (initiative, role)), role)
        return self._push(lambda: move_assignment(self.doc, row=row, initiative=initiative, role=role,
                                                  role_name=label, fte=fte), title="Cannot move the person")

    # -- pins and exclusions -------------------------------------------------------------------------------------
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
