"""Scenario settings: its name, the initiatives it plans, and each initiative's policy and budget in this scenario."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import Initiative, Policy
from app.project import Project, Scenario

#: Table columns: header, tooltip.
COLUMNS = (
    ("Initiative", ""),
    ("Planned", "Untick to leave the initiative out of this scenario"),
    ("Hiring freeze", "No hires for this initiative in this scenario"),
    ("Contractors", "Contractors may fill roles"),
    ("Upskilling", "People may be trained into roles"),
    ("Most hires", "At most this many hires ('no cap': any number)"),
    ("Budget", "Money this initiative may spend in this scenario ('no budget': unlimited)"),
)
_SWITCHES = {2: "hiring_freeze", 3: "allow_contractors", 4: "allow_upskilling"}


def _money_box(value: float | None, *, blank: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 1e10)
    box.setDecimals(0)
    box.setSingleStep(10_000)
    box.setGroupSeparatorShown(True)
    box.setPrefix("€ ")
    box.setSpecialValueText(blank)
    box.setValue(value or 0)
    return box


class ScenarioDialog(QDialog):
    """Edit what makes one scenario different; `settings()` gives the keyword arguments of `scenario_settings`."""

    def __init__(self, project: Project, scenario: Scenario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Scenario settings — {scenario.name}")
        self.setAccessibleName("Scenario settings")
        self.resize(860, 420)
        self.initiatives: list[Initiative] = list(project.portfolio.initiatives)
        planned = {i.id: i for i in project.planned_initiatives(scenario)}
        self.name = QLineEdit(scenario.name)
        self.name.setAccessibleName("Scenario name")
        self.budget = _money_box(scenario.budget, blank="none (each initiative's own)")
        self.budget.setAccessibleName("Shared budget")
        self.budget.setToolTip("One budget for every initiative of this scenario together")
        self.table = QTableWidget(len(self.initiatives), len(COLUMNS))
        self.table.setAccessibleName("Initiatives in this scenario")
        self.table.setHorizontalHeaderLabels([c[0] for c in COLUMNS])
        for column, (_h, tip) in enumerate(COLUMNS):
            if tip:
                self.table.horizontalHeaderItem(column).setToolTip(tip)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, ini in enumerate(self.initiatives):
            here = planned.get(ini.id, ini)
            name = QTableWidgetItem(ini.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, name)
            self._check(row, 1, ini.id in planned)
            for column, field in _SWITCHES.items():
                self._check(row, column, getattr(here.policy, field), own=getattr(ini.policy, field))
            hires = QSpinBox()
            hires.setRange(-1, 999)
            hires.setSpecialValueText("no cap")
            hires.setValue(-1 if here.policy.max_hires is None else here.policy.max_hires)
            self.table.setCellWidget(row, 5, hires)
            self.table.setCellWidget(row, 6, _money_box(here.budget, blank="no budget"))
        note = QLabel("Each initiative starts from its own settings (Initiatives screen); what you change here holds "
                      "for this scenario only. A changed scenario's plan is out of date until it is solved again.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Shared budget", self.budget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _check(self, row: int, column: int, on: bool, *, own: bool | None = None) -> None:
        box = QCheckBox()
        box.setChecked(on)
        box.setAccessibleName(f"{COLUMNS[column][0]}: {self.initiatives[row].name}")
        if own is not None and own != on:
            font = QFont(box.font())
            font.setBold(True)
            box.setFont(font)
            box.setToolTip("Differs from the initiative's own setting")
        holder = QWidget()
        line = QVBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(box, alignment=Qt.AlignmentFlag.AlignCenter)
        self.table.setCellWidget(row, column, holder)

    def check(self, row: int, column: int) -> QCheckBox:
        """The check box of one cell (Planned, Hiring freeze, Contractors, Upskilling)."""
        return self.table.cellWidget(row, column).findChild(QCheckBox)

    def row_of(self, initiative_id: str) -> int:
        """The table row of an initiative."""
        return next(i for i, ini in enumerate(self.initiatives) if ini.id == initiative_id)

    def settings(self) -> dict[str, Any]:
        """The dialog's values as keyword arguments of `ui.scenario_commands.scenario_settings`."""
        policies: dict[str, Policy] = {}
        budgets: dict[str, float | None] = {}
        for row, ini in enumerate(self.initiatives):
            hires = self.table.cellWidget(row, 5).value()
            policies[ini.id] = ini.policy.model_copy(update={
                **{field: self.check(row, column).isChecked() for column, field in _SWITCHES.items()},
                "max_hires": None if hires < 0 else hires})
            budgets[ini.id] = self.table.cellWidget(row, 6).value() or None
        return {"name": self.name.text(), "budget": self.budget.value() or None, "policies": policies,
                "budgets": budgets,
                "initiative_ids": [i.id for row, i in enumerate(self.initiatives) if self.check(row, 1).isChecked()]}
