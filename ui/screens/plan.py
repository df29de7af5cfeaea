"""Plan screen: solve the active scenario off the GUI thread, read every decision with its reason, pin, compare."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.commands import EditRejected
from ui.models.plan_rows import rows_named
from ui.plan_check import CheckResult, PlanChecker
from ui.plan_commands import (
    AddScenario,
    DeleteScenario,
    SwitchScenario,
    move_assignment,
    remove_assignment,
    set_assignment_fte,
)
from ui.scenario_commands import exclude, pin, scenario_settings
from ui.screens.plan_solving import ScenarioSolves
from ui.screens.plan_summary import decisions_broken, summary_html
from ui.screens.plan_tables import PlanTables
from ui.screens.scenarios import ScenarioPanel
from ui.services import Services
from ui.template_cache import default_catalogue, skill_graph
from ui.undo import push
from ui.widgets.buttons import button
from ui.widgets.move_dialog import ask_move
from ui.widgets.pins_panel import PinsPanel
from ui.widgets.scenario_dialog import ScenarioDialog
from ui.widgets.validation_banner import ValidationBanner
from ui.workers import preload

#: The planner's default time limit (`app.planning.service.DEFAULT_TIME_LIMIT_S`, which imports OR-Tools: not
#: on the GUI thread; a test checks the two agree).
TIME_LIMIT_S = 20.0
#: The planner, exporter and importer (and its wizard), imported in the background once the window is up (never
#: on the GUI thread: the wizard module alone took ~0.1 s there).
CORE_MODULES = ("app.planning.service", "app.export", "app.roster_import", "ui.import_wizard")


class PlanScreen(QWidget):
    """Solve with live progress and Cancel, read and hand-edit the plan (checked at once), pin, compare scenarios."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.doc = services.doc
        self._said_broken = False  # the status line says the plan breaks rules
        self.settings_dialog: ScenarioDialog | None = None
        self.scenario = QComboBox()
        self.scenario.setAccessibleName("Scenario")
        self.scenario.setMinimumWidth(180)
        self.scenario.currentTextChanged.connect(self._on_scenario_chosen)
        self.new_scenario_button = button("New scenario…", "Copy the active scenario under a new name and open "
                                                "its settings", self.new_scenario)
        self.settings_button = button("Settings…", "What makes this scenario different: initiatives planned, "
                                            "hiring freeze, contractors, budgets (undoable)", self.edit_settings)
        self.delete_scenario_button = button("Delete scenario", "Delete the active scenario (undoable)",
                                                   self.delete_scenario)
        self.solve_button = button("Solve", "Plan the active scenario (Ctrl+R / F5)", self.solve)
        self.cancel_button = button("Cancel", "Stop and keep the best plan found so far (Esc)",
                                          lambda: self.cancel())
        self.cancel_button.setEnabled(False)
        self.time_limit = QDoubleSpinBox()
        self.time_limit.setRange(1, 3600)
        self.time_limit.setDecimals(0)
        self.time_limit.setSuffix(" s")
        self.time_limit.setAccessibleName("Solve time limit")
        self.time_limit.setToolTip(f"How long a solve may take at most, in seconds (default {TIME_LIMIT_S:g} s); "
                                   "a longer search may find a better plan or prove it best")
        self.time_limit.setValue(self.limit())
        self.time_limit.valueChanged.connect(lambda v: self.services.settings.setValue("solve/time_limit", float(v)))
        self.pin_button = button("Pin", "Keep the selected assignment in every re-solve (pinning again "
                                       "changes the pin)", self.pin_selected)
        self.exclude_button = button("Exclude", "Do not use the selected person for this initiative in this "
                                           "scenario", self.exclude_selected)
        self.move_button = button("Move…", "Put the selected person on another role (checked at once)",
                                        self.move_selected)
        self.remove_button = button("Remove", "Take the selected assignment out of the plan (checked at once)",
                                          self.remove_selected)
        self.live = QLabel()
        self.live.setAccessibleName("Solver progress")
        self.live.setWordWrap(True)
        self.live.hide()
        self.headline = QLabel()
        self.headline.setAccessibleName("Plan summary")
        self.headline.setWordWrap(True)
        self.banner = ValidationBanner()
        top = QHBoxLayout()
        top.addWidget(QLabel("Scenario"))
        top.addWidget(self.scenario)
        for b in (self.new_scenario_button, self.settings_button, self.delete_scenario_button, self.solve_button,
                  self.cancel_button):
            top.addWidget(b)
        top.addWidget(QLabel(f"Time limit (default {TIME_LIMIT_S:g} s)"))
        top.addWidget(self.time_limit)
        top.addStretch(1)
        edits = QHBoxLayout()
        edits.addWidget(QLabel("Selected assignment:"))
        for b in (self.pin_button, self.exclude_button, self.move_button, self.remove_button):
            edits.addWidget(b)
        edits.addWidget(QLabel("Double-click an FTE cell to change it."))
        edits.addStretch(1)

        self.tables = PlanTables(self, on_fte_edited=self._on_fte_edited)
        self.assignments, self.assignment_view = self.tables.assignments, self.tables.assignment_view
        self.trainings, self.hires, self.uncovered = self.tables.trainings, self.tables.hires, self.tables.uncovered
        self.pins_panel = PinsPanel(services)
        self.scenarios_panel = ScenarioPanel(services, solve=self.solve_scenarios)
        self.comparison = self.scenarios_panel.comparison
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Plan tables")
        for label, page in self.tables.pages.items():
            self.tabs.addTab(page, label)
        self.tabs.addTab(self.pins_panel, "Pins and decisions")
        self.tabs.addTab(self.scenarios_panel, "Compare scenarios")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.live)
        layout.addWidget(self.headline)
        layout.addWidget(self.banner)
        layout.addLayout(edits)
        layout.addWidget(self.tabs, 1)
        self.checker = PlanChecker(services, self)
        self.checker.started.connect(self._on_check_started)
        self.checker.checked.connect(self._on_checked)
        self.solves = ScenarioSolves(services, self.live, self.limit, self)
        self.solves.running.connect(self._set_running)
        self.worker = self.solves.worker
        for signal in (self.doc.project_replaced, self.doc.plan_changed):
            signal.connect(self._on_plan_changed)
        # an edit of a person only makes the plan out of date (the summary and the comparison say so): the tables,
        # which name initiatives and roles and mark who the scenario pins, are rebuilt for the other changes
        for signal in (self.doc.scenario_changed, self.doc.templates_changed, self.doc.portfolio_changed):
            signal.connect(self.refresh)
            # the plan on show is checked against them again: a verdict given before a new exclusion, pin, budget or
            # role said "keeps every rule" of a plan that breaks it
            signal.connect(self.checker.request)
        for signal in (self.doc.person_changed, self.doc.person_inserted, self.doc.person_removed):
            signal.connect(lambda *_a: self.refresh_summary())
            signal.connect(lambda *_a: self.checker.request())  # a lower FTE may break the plan on show
        self.doc.project_replaced.connect(self._on_project_replaced)
        self.refresh()
        preload(services.workers, CORE_MODULES, warm=(lambda: skill_graph(default_catalogue()),))

    def limit(self) -> float:
        """The solve time limit in seconds (remembered in the settings)."""
        return float(self.services.settings.value("solve/time_limit", TIME_LIMIT_S))

    # -- showing the plan ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the scenario list, the active plan's tables, its summary and the pins list."""
        project = self.doc.project
        self.scenario.blockSignals(True)
        self.scenario.clear()
        self.scenario.addItems([s.name for s in project.scenarios])
        self.scenario.setCurrentText(project.active_scenario)
        self.scenario.blockSignals(False)
        self.delete_scenario_button.setEnabled(len(project.scenarios) > 1)
        self.time_limit.blockSignals(True)
        self.time_limit.setValue(self.limit())
        self.time_limit.blockSignals(False)
        plan = project.scenario().plan
        self.tables.show(project, plan)
        self.pins_panel.refresh()
        self.refresh_summary()
        self._show_check(self.checker.last)

    def refresh_summary(self) -> None:
        """The plan's summary and the comparison again (after a change that may make a plan out of date)."""
        self.scenarios_panel.refresh()
        self.headline.setText(summary_html(self.doc))

    def decisions_broken(self) -> list[str]:
        """Each approvers' rejection the active scenario's (fresh) plan does not keep, in words."""
        return decisions_broken(self.doc)

    def _on_plan_changed(self) -> None:
        self.refresh()
        self.checker.request()

    def _on_project_replaced(self) -> None:
        self.solves.forget()
        self._said_broken = False
        if self.settings_dialog is not None:
            self.settings_dialog.reject()

    def _on_check_started(self) -> None:
        plan = self.doc.project.scenario().plan
        self.banner.checking(keep_problems=bool(plan is not None and plan.settings.get("edited_by_hand")))

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
        self.banner.show_problems(result.problems, edited=bool(plan.settings.get("edited_by_hand")),
                                  stale=self.doc.is_stale())
        names = self.doc.project.portfolio.names()
        self.assignments.set_row_problems(rows_named(result.problems, self.assignments.records, names))

    def _on_checked(self, result: CheckResult) -> None:
        self._show_check(result)
        if result.problems:
            rules = f"{len(result.problems)} rule{'s' if len(result.problems) != 1 else ''}"
            self.services.status(f"The plan breaks {rules}: {result.problems[0]}")
            self._said_broken = True
        elif self._said_broken and result.plan is not None:  # never leave "breaks 3 rules" up once it holds again
            self.services.status("The plan keeps every rule again")
            self._said_broken = False

    # -- scenarios -----------------------------------------------------------------------------------------------
    def _on_scenario_chosen(self, name: str) -> None:
        if name and name != self.doc.project.active_scenario:
            self.services.edit(lambda: SwitchScenario(self.doc, name=name), title="Cannot switch the scenario")

    def new_scenario(self, name: str | None = None, *, open_settings: bool = True) -> bool:
        """Copy the active scenario (settings, pins, exclusions) under a new name, make it active and open its
        settings (undoable)."""
        if not isinstance(name, str):
            taken = {s.name for s in self.doc.project.scenarios}
            suggestion = next(n for n in (f"{self.doc.project.active_scenario} copy",
                                          *(f"Scenario {k}" for k in range(2, 999))) if n not in taken)
            name = self.services.interaction.ask_text(title="New scenario", label="Name of the new scenario (a copy "
                                                      "of the active one)", text=suggestion)
            if name is None:
                return False
        if not self.services.edit(lambda: AddScenario(self.doc, name=name), title="Cannot add the scenario"):
            return False
        if open_settings:
            self.edit_settings()
        return True

    def edit_settings(self) -> ScenarioDialog:
        """Open the active scenario's settings (non-blocking); OK applies them as one undoable edit."""
        if self.settings_dialog is not None:
            self.settings_dialog.reject()
        project = self.doc.project
        dialog = ScenarioDialog(project, project.scenario(), parent=self.window())
        name = project.active_scenario
        dialog.accepted.connect(lambda: self.apply_settings(name, **dialog.settings()))
        dialog.finished.connect(lambda _r: setattr(self, "settings_dialog", None))
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def apply_settings(self, scenario: str, **settings) -> bool:
        """Set what makes a scenario different (see `ui.scenario_commands.scenario_settings`), undoable."""
        try:
            command = scenario_settings(self.doc, scenario=scenario, **settings)
        except EditRejected as exc:
            if str(exc) != "nothing changed":
                self.services.interaction.show_error(title="Cannot change the scenario", message=str(exc))
            return False
        push(self.doc.undo_stack, command)
        self.services.status(f"{command.text} — press Solve to re-plan")
        return True

    def delete_scenario(self, name: str | None = None) -> bool:
        """Delete a scenario (the active one by default) after confirming (undoable)."""
        name = name if isinstance(name, str) else self.doc.project.active_scenario
        if not self.services.interaction.confirm(title="Delete scenario", ok_text="Delete",
                                                 text=f"Delete scenario “{name}” and its plan? (Ctrl+Z brings it back)"):
            return False
        return self.services.edit(lambda: DeleteScenario(self.doc, name=name), title="Cannot delete the scenario")

    # -- solving -------------------------------------------------------------------------------------------------
    def solve(self) -> bool:
        """Plan the active scenario on the 'solve' worker; False (with a status line saying why) when not started."""
        return self.solve_scenarios([self.doc.project.active_scenario])

    def solve_scenarios(self, names: list[str]) -> bool:
        """Plan these scenarios one after another on the 'solve' worker; False when none could start."""
        return self.solves.solve(names)

    def cancel(self) -> None:
        """Stop the solve under way (its best plan is kept) and drop the ones queued after it."""
        self.solves.cancel()

    def _set_running(self, running: bool) -> None:
        self.solve_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

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
        return self.services.edit(lambda: set_assignment_fte(self.doc, row=row, fte=fte),
                                  title="Cannot change the FTE")

    def remove_selected(self, row: int | None = None) -> bool:
        """Take the selected assignment out of the plan (undoable, then checked by the validator)."""
        row = self.selected_row() if row is None else row
        if row < 0:
            self.services.status("Select an assignment to remove")
            return False
        return self.services.edit(lambda: remove_assignment(self.doc, row=row), title="Cannot remove the assignment")

    def role_choices(self) -> list[tuple[str, str, str]]:
        """(initiative id, role id, label) of every role the active scenario plans, for the Move dialog."""
        project = self.doc.project
        out = []
        for ini in project.planned_initiatives():
            template = project.templates.get(ini.target_phase)
            if template is not None:
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
        return self.services.edit(lambda: move_assignment(self.doc, row=row, initiative=initiative, role=role,
                                                          role_name=label, fte=fte), title="Cannot move the person")

    # -- pins and exclusions -------------------------------------------------------------------------------------
    def pin_selected(self) -> bool:
        """Pin the selected assignment (undoable; pinning a pinned one changes its FTE); the next solve keeps it."""
        a = self.selected_assignment()
        if a is None:
            self.services.status("Select an assignment to pin")
            return False
        return self.services.edit(lambda: pin(self.doc, person_id=a.person_id, initiative=a.initiative, role=a.role,
                                              role_name=a.role_name, fte=a.fte),
                                  title="Cannot pin", then=" — press Solve to re-plan")

    def exclude_selected(self) -> bool:
        """Exclude the selected person from this initiative in this scenario (undoable)."""
        a = self.selected_assignment()
        if a is None:
            self.services.status("Select an assignment whose person to exclude")
            return False
        return self.services.edit(lambda: exclude(self.doc, person_id=a.person_id, initiative=a.initiative,
                                                  reason="excluded on the Plan screen"),
                                  title="Cannot exclude", then=" — press Solve to re-plan")
