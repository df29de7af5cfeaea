"""Scenarios side by side, and alternative plans of the active scenario that the user can adopt as a scenario."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import Plan
from app.planning.compare import assignment_differences
from app.planning.words import Words
from ui.commands import EditRejected
from ui.models.records import Field, RecordTableModel, fit_columns
from ui.plan_commands import AddScenario
from ui.services import Services
from ui.snapshot import project_snapshot
from ui.template_cache import template_set
from ui.undo import push


@dataclass(frozen=True)
class PlanRow:
    """One plan in a comparison table: its label, the plan, and whether it is out of date."""

    name: str
    plan: Plan
    stale: bool = False
    same_figures: bool = False  # an alternative whose figures are the current plan's

    @property
    def gap(self) -> float:
        """The largest unproven objective gap (0 when every level is proven optimal)."""
        return max((lv.gap for lv in self.plan.objective), default=0.0)

    @property
    def what_changes(self) -> str:
        """The first line of the plan's message (for alternatives: which kind of plan it is and how it differs)."""
        same = "Same figures as the current plan: no other trade-off found. " if self.same_figures else ""
        return same + _WORDS.first_line(self.plan)


def figures(plan: Plan) -> tuple:
    """What the comparison tables show of a plan, to tell alternatives that differ only in who goes where."""
    return (round(plan.coverage, 4), round(plan.uncovered_fte, 2), round(plan.total_cost or 0), plan.hired_heads,
            plan.contracted_heads, len(plan.trainings), plan.people_moved)


_WORDS = Words()


def _status(row: PlanRow) -> str:
    return "out of date: solve again" if row.stale else _WORDS.status_short(row.plan)


COMPARISON_FIELDS = [
    Field("Scenario", lambda r: r.name),
    Field("Coverage", lambda r: f"{r.plan.coverage:.0%}", "Share of the required FTE the plan covers"),
    Field("Uncovered FTE", lambda r: r.plan.uncovered_fte),
    Field("Cost", lambda r: _WORDS.money(r.plan.total_cost), "Total cost over the planning horizon"),
    Field("Hires", lambda r: r.plan.hired_heads, "People to hire (a requisition may be for several)"),
    Field("Contractors", lambda r: r.plan.contracted_heads, "Contractors to engage, in people"),
    Field("Trainings", lambda r: len(r.plan.trainings)),
    Field("People moved", lambda r: r.plan.people_moved),
    Field("Status", _status, "Optimal when proven best (among the people considered, when some who could be "
          "trained were left out); otherwise feasible, not proven best; out of date when what it was solved on "
          "changed"),
]
DIFFERENCE_HEADER = "Person"
STALE = QColor("#eeeeee")


def _view(model: RecordTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class _CancelFlag:
    """The worker's cancel() callable as the `is_set()` object the planner polls."""

    def __init__(self, cancel) -> None:
        self._cancel = cancel

    def is_set(self) -> bool:
        """True once the user pressed Cancel."""
        return bool(self._cancel())


class ScenarioPanel(QWidget):
    """Every scenario's plan in numbers, plus 'Alternatives…' for the active one (adopt one as a new scenario)."""

    ALTERNATIVES = 2

    def __init__(self, services: Services, *, solve=None) -> None:
        super().__init__()
        self.services = services
        self.doc = services.doc
        self.solve = solve or (lambda _names: False)
        self.worker = services.workers.get("alternatives")
        self.comparison = RecordTableModel(COMPARISON_FIELDS, self, tint=lambda r: STALE if r.stale else None)
        self.alternatives = RecordTableModel(
            [*COMPARISON_FIELDS, Field("What changes", lambda r: r.what_changes)], self)
        self.comparison_view = _view(self.comparison, "Compare scenarios")
        self.differences = QStandardItemModel(self)
        self.differences_view = QTableView()
        self.differences_view.setAccessibleName("People placed differently")
        self.differences_view.setModel(self.differences)
        self.differences_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.differences_view.setWordWrap(False)
        self.differences_view.horizontalHeader().setStretchLastSection(True)
        self.differences_view.verticalHeader().hide()
        self.alternatives_view = _view(self.alternatives, "Alternative plans")
        self.resolve_button = QPushButton("Solve the out-of-date ones")
        self.resolve_button.setAccessibleName("Solve the out-of-date plans")
        self.resolve_button.setToolTip("Solve again every scenario whose plan is out of date, one after another")
        self.resolve_button.clicked.connect(lambda: self.solve_stale())
        self.compare_note = QLabel()
        self.compare_note.setAccessibleName("Comparison note")
        self.compare_note.setWordWrap(True)
        self.alternatives_button = QPushButton("Alternatives…")
        self.alternatives_button.setAccessibleName("Alternatives")
        self.alternatives_button.setToolTip("Find different plans of similar quality for the active scenario")
        self.alternatives_button.clicked.connect(lambda: self.find_alternatives())
        self.adopt_button = QPushButton("Adopt as new scenario")
        self.adopt_button.setAccessibleName("Adopt as new scenario")
        self.adopt_button.setToolTip("Add the selected alternative as a scenario of its own (undoable)")
        self.adopt_button.clicked.connect(lambda: self.adopt_selected())
        self.adopt_button.setEnabled(False)
        self.status = QLabel("Alternatives are other plans at the same best coverage: fewest hires, most internal "
                             "growth, lowest cost — so you see what each choice costs.")
        self.status.setAccessibleName("Alternatives status")
        self.status.setWordWrap(True)
        compare_row = QHBoxLayout()
        compare_row.addWidget(self.resolve_button)
        compare_row.addWidget(self.compare_note, 1)
        row = QHBoxLayout()
        row.addWidget(self.alternatives_button)
        row.addWidget(self.adopt_button)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Scenarios</b> (plans solved; grey: out of date)"))
        layout.addWidget(self.comparison_view, 1)
        layout.addLayout(compare_row)
        layout.addWidget(QLabel("<b>People placed differently</b> (up-to-date plans only)"))
        layout.addWidget(self.differences_view, 1)
        layout.addLayout(row)
        layout.addWidget(self.alternatives_view, 1)
        self.worker.started.connect(lambda: self._set_running(True))
        self.worker.finished.connect(self._on_found)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(lambda: (self._set_running(False), self.status.setText("Cancelled.")))
        self.doc.project_replaced.connect(self._on_project_replaced)
        self.refresh()

    def _on_project_replaced(self) -> None:
        self.alternatives.set_records([])
        self.adopt_button.setEnabled(False)
        self.worker.cancel()

    def refresh(self) -> None:
        """Reload the comparison: every scenario with a plan (out-of-date ones marked) and who differs between the
        up-to-date ones."""
        project = self.doc.project
        rows = [PlanRow(s.name, s.plan, self.doc.is_stale(s.name)) for s in project.scenarios if s.plan is not None]
        self.comparison.set_records(rows)
        fit_columns(self.comparison_view, self.comparison)
        fresh = {r.name: r.plan for r in rows if not r.stale}
        stale = [r.name for r in rows if r.stale]
        unsolved = [s.name for s in project.scenarios if s.plan is None]
        self.resolve_button.setEnabled(bool(stale or unsolved))
        notes = []
        if stale:
            notes.append(f"Out of date: {', '.join(stale)}.")
        if unsolved:
            notes.append(f"Not solved yet: {', '.join(unsolved)}.")
        self._fill_differences(fresh)
        if len(fresh) < 2:
            notes.append("Solve at least two scenarios to see who is placed differently.")
        self.compare_note.setText(" ".join(notes))
        self.alternatives_button.setEnabled(not self.worker.is_running() and project.scenario().plan is not None)

    def _fill_differences(self, plans: dict[str, Plan]) -> None:
        names = self.doc.project.portfolio.names()
        found = assignment_differences(plans, initiative_names=names) if len(plans) > 1 else []
        self.differences.clear()
        self.differences.setHorizontalHeaderLabels([DIFFERENCE_HEADER, *plans])
        self.differences.setRowCount(len(found))
        for row, diff in enumerate(found):
            for column, text in enumerate((diff.name, *(p or "not placed" for p in diff.placements))):
                index = self.differences.index(row, column)
                self.differences.setData(index, text)
                self.differences.setData(index, text, Qt.ItemDataRole.ToolTipRole)
        header = self.differences_view.horizontalHeader()  # the person sized to the names, the plans share the rest
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        if self.differences.columnCount():
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

    def difference_rows(self) -> list[list[str]]:
        """The 'people placed differently' table as text, row by row (person, then one cell per plan)."""
        model = self.differences
        return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]

    def solve_stale(self) -> bool:
        """Solve again every scenario whose plan is out of date or missing."""
        names = [s.name for s in self.doc.project.scenarios if s.plan is None or self.doc.is_stale(s.name)]
        return bool(names) and self.solve(names)

    def _set_running(self, running: bool) -> None:
        self.alternatives_button.setEnabled(not running)
        if running:
            self.status.setText("Looking for alternative plans…")

    def find_alternatives(self, *, count: int | None = None, time_limit: float | None = None) -> bool:
        """Run `alternative_plans` for the active scenario on the 'alternatives' worker; False when not started."""
        project = self.doc.project
        if project.scenario().plan is None:
            self.services.status("Solve the scenario first; alternatives are variations of its plan")
            return False
        snapshot = project_snapshot(project)
        name = snapshot.active_scenario
        limit = time_limit or float(self.services.settings.value("solve/time_limit", 20.0))
        wanted = count or self.ALTERNATIVES

        def job(_progress, cancel):
            # imported in the worker: the planner's first import takes seconds
            from app.planning import alternative_plans

            plans = alternative_plans(snapshot, scenario=name, count=wanted, templates=template_set(snapshot),
                                      time_limit=limit, cancel=_CancelFlag(cancel))
            return name, plans

        return self.worker.start(job)

    def _on_found(self, result: object) -> None:
        name, plans = result
        self._set_running(False)
        base = self.doc.project.scenario(name).plan if any(s.name == name for s in self.doc.project.scenarios) else None
        rows = ([PlanRow(f"{name} (current)", base)] if base is not None else [])
        same = [base is not None and figures(plan) == figures(base) for plan in plans]
        rows += [PlanRow(f"Alternative {i}", plan, same_figures=alike)
                 for i, (plan, alike) in enumerate(zip(plans, same, strict=True), start=1)]
        self.source_scenario = name
        self.alternatives.set_records(rows)
        self.adopt_button.setEnabled(bool(plans))
        alike = (" None differs from the current plan in its figures: this scenario's settings leave no other "
                 "trade-off (try another scenario's policy or budget)." if plans and all(same) else "")
        self.status.setText(f"{len(plans)} alternative plan{'s' if len(plans) != 1 else ''} for “{name}”.{alike} "
                            "Select one and adopt it to keep it as a scenario." if plans else
                            f"No alternative plan for “{name}”.")
        self.refresh()

    def _on_failed(self, message: str, details: str) -> None:
        self._set_running(False)
        self.status.setText(message)
        self.services.interaction.show_error(title="Alternatives failed", message=message, details=details)

    def adopt_selected(self, row: int | None = None) -> bool:
        """Add the chosen alternative as a new scenario (a copy of its source scenario holding that plan)."""
        if row is None:
            chosen = self.alternatives_view.selectionModel().selectedRows()
            row = chosen[0].row() if chosen else -1
        if not 0 <= row < self.alternatives.rowCount():
            self.services.status("Select an alternative to adopt")
            return False
        picked: PlanRow = self.alternatives.index(row, 0).data(Qt.ItemDataRole.UserRole)
        if not picked.name.startswith("Alternative"):
            self.services.status("That is the current plan; select an alternative")
            return False
        taken = {s.name for s in self.doc.project.scenarios}
        source = getattr(self, "source_scenario", None)
        source = source if source in taken else self.doc.project.active_scenario
        base = f"{source} – {picked.name.lower()}"
        name = next(n for n in (base, *(f"{base} ({k})" for k in range(2, 100))) if n not in taken)
        try:
            push(self.doc.undo_stack, AddScenario(self.doc, name=name, source=source, plan=picked.plan,
                                                  notes=picked.what_changes))
        except EditRejected as exc:
            self.services.interaction.show_error(title="Cannot adopt the alternative", message=str(exc))
            return False
        self.services.status(f"Adopted {picked.name.lower()} as scenario “{name}”")
        return True
