"""Initiatives screen: each initiative's phases, go-live, budget and policy; its team; the shared pool heatmap."""
from __future__ import annotations

from collections.abc import Generator

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import Phase
from ui.commands import EditRejected, SetInitiative
from ui.models.later import STEP, sliced
from ui.models.pool import PoolModel
from ui.services import Services
from ui.undo import push
from ui.widgets.rotated_header import use_rotated_header
from ui.widgets.tables import uniform_rows


class InitiativesScreen(QWidget):
    """The portfolio: phases, go-live, budget and policy per initiative; teams; who is spread over what."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.doc = services.doc
        self.list = QListWidget()
        self.list.setAccessibleName("Initiatives")
        self.list.setMaximumWidth(260)
        self.list.currentRowChanged.connect(self._on_selected)

        box = QGroupBox("Initiative")
        self.current_phase, self.target_phase = QComboBox(), QComboBox()
        for combo, name in ((self.current_phase, "Current phase"), (self.target_phase, "Target phase")):
            combo.setAccessibleName(name)
            for phase in Phase:
                combo.addItem(phase.label, phase)
        self.go_live = QDateEdit()
        self.go_live.setCalendarPopup(True)
        self.go_live.setDisplayFormat("yyyy-MM-dd")
        self.go_live.setAccessibleName("Go-live date")
        self.budget = QDoubleSpinBox()
        self.budget.setRange(0, 1e9)
        self.budget.setDecimals(0)
        self.budget.setSingleStep(10_000)
        self.budget.setGroupSeparatorShown(True)
        self.budget.setAccessibleName("Budget")
        self.priority = QSpinBox()
        self.priority.setRange(1, 10)
        self.priority.setAccessibleName("Priority")
        self.freeze = QCheckBox("Hiring freeze")
        self.contractors = QCheckBox("Contractors allowed")
        self.upskilling = QCheckBox("Upskilling allowed")
        apply_button = QPushButton("Apply")
        apply_button.setAccessibleName("Apply initiative changes")
        apply_button.setToolTip("Apply the changes to this initiative (undoable)")
        apply_button.clicked.connect(self.apply)
        form = QFormLayout(box)
        form.addRow("Current phase", self.current_phase)
        form.addRow("Target phase", self.target_phase)
        form.addRow("Go-live", self.go_live)
        form.addRow("Budget", self.budget)
        form.addRow("Priority", self.priority)
        for check in (self.freeze, self.contractors, self.upskilling):
            check.setAccessibleName(check.text())
            form.addRow(check)
        form.addRow(apply_button)

        self.team = QListWidget()
        self.team.setAccessibleName("Current team")
        team_box = QGroupBox("Current team")
        QVBoxLayout(team_box).addWidget(self.team)

        self.pool_model = PoolModel(self.doc, self)
        self.pool = QTableView()
        self.pool.setAccessibleName("People pool by initiative")
        self.pool.setToolTip("Committed FTE per person and initiative; red = more promised than contracted")
        self.pool.setModel(self.pool_model)
        uniform_rows(self.pool, height=22)
        use_rotated_header(self.pool, section_width=44)
        pool_box = QGroupBox("Pool: FTE per person and initiative (red = over-allocated)")
        QVBoxLayout(pool_box).addWidget(self.pool)

        top = QHBoxLayout()
        top.addWidget(self.list)
        top.addWidget(box, 1)
        top.addWidget(team_box, 1)
        upper = QWidget()
        upper.setLayout(top)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(pool_box)
        splitter.setStretchFactor(1, 1)
        QVBoxLayout(self).addWidget(splitter)
        self._team_timer = sliced(self, self._team_pass, self._show_team)
        self.doc.project_replaced.connect(self.refresh)
        self.doc.portfolio_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Reload the list, keeping the selection."""
        row = max(0, self.list.currentRow())
        self.list.blockSignals(True)
        self.list.clear()
        for initiative in self.doc.project.portfolio.initiatives:
            self.list.addItem(f"{initiative.name}\n{initiative.current_phase.label} → {initiative.target_phase.label}")
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self.list.blockSignals(False)
        if self.list.count():
            self._on_selected(self.list.currentRow())

    def selected(self):
        """The selected Initiative, or None."""
        items = self.doc.project.portfolio.initiatives
        row = self.list.currentRow()
        return items[row] if 0 <= row < len(items) else None

    def _on_selected(self, _row: int) -> None:
        initiative = self.selected()
        if initiative is None:
            return
        self.current_phase.setCurrentIndex(self.current_phase.findData(initiative.current_phase))
        self.target_phase.setCurrentIndex(self.target_phase.findData(initiative.target_phase))
        d = initiative.go_live
        self.go_live.setDate(QDate(d.year, d.month, d.day) if d else QDate.currentDate())
        self.budget.setValue(initiative.budget or 0)
        self.priority.setValue(initiative.priority)
        self.freeze.setChecked(initiative.policy.hiring_freeze)
        self.contractors.setChecked(initiative.policy.allow_contractors)
        self.upskilling.setChecked(initiative.policy.allow_upskilling)
        # the team is found by a pass over the whole roster: done in slices on the next turns of the event loop, so
        # opening a 100,000-person project does not add it to one long freeze
        self._team_timer.start()

    def fill_team(self) -> None:
        """List the people committed to the selected initiative (at once)."""
        self._team_timer.start()
        self._team_timer.finish_now()

    def _team_pass(self) -> Generator[None, None, tuple[str, list[str]]]:
        initiative = self.selected()
        if initiative is None:
            return "", []
        lines = []
        for i, person in enumerate(self.doc.people):
            if i % STEP == 0:
                yield
            mine = [c.fte for c in person.commitments if c.initiative == initiative.id]
            if mine:
                lines.append(f"{person.name} — {person.title or ''} ({sum(mine):.2f} FTE)")
        return initiative.id, lines

    def _show_team(self, team: tuple[str, list[str]]) -> None:
        self.team.clear()
        self.team.addItems(team[1])

    def apply(self) -> None:
        """Push the form's changes as one undoable edit."""
        initiative = self.selected()
        if initiative is None:
            return
        policy = initiative.policy.model_copy(update={"hiring_freeze": self.freeze.isChecked(),
                                                      "allow_contractors": self.contractors.isChecked(),
                                                      "allow_upskilling": self.upskilling.isChecked()})
        wanted = {"current_phase": self.current_phase.currentData(), "target_phase": self.target_phase.currentData(),
                  "go_live": self.go_live.date().toPython(), "budget": self.budget.value() or None,
                  "priority": self.priority.value(), "policy": policy}
        changes = {k: v for k, v in wanted.items() if getattr(initiative, k) != v}
        if "policy" in changes:
            changes["policy"] = policy.model_dump()
        if not changes:
            return
        try:
            push(self.doc.undo_stack, SetInitiative(self.doc, initiative_id=initiative.id, changes=changes))
        except EditRejected as exc:
            self.services.interaction.show_error(title="Cannot change the initiative", message=str(exc))
