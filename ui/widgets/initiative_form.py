"""The form of one initiative: name, phases, go-live, the roadmap's other gates, budget, priority and staffing policy
(read and written whole)."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.domain import Initiative
from app.domain.roles import Phase

#: Tooltips that say what each field means to the plan (the Help page's glossary says the same).
TIPS = {
    "priority": "1 (low) to 10 (high): how much an uncovered role on this initiative weighs against the others "
                "when the pool cannot staff every initiative (a role's weight is its criticality × this priority)",
    "budget": "Money this initiative may spend over the planning horizon on moves, training, hires and contractors",
    "max_hires": "At most this many people hired for this initiative (contractors are counted apart)",
    "go_live": "The date the target phase must be staffed by: training and hires must be done before it",
    "gate": "The day this phase begins on the roadmap: its role template applies from here to the next gate",
}


class InitiativeForm(QWidget):
    """Fields of one initiative; `values()` reads them as Initiative fields, `show(initiative)` fills them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setAccessibleName("Initiative name")
        self.current_phase, self.target_phase = QComboBox(), QComboBox()
        for combo, label in ((self.current_phase, "Current phase"), (self.target_phase, "Target phase")):
            combo.setAccessibleName(label)
            for phase in Phase:
                combo.addItem(phase.label, phase)
        self.has_go_live = QCheckBox("Go-live on")
        self.has_go_live.setAccessibleName("Has a go-live date")
        self.go_live = QDateEdit()
        self.go_live.setCalendarPopup(True)
        self.go_live.setDisplayFormat("d MMM yyyy")
        self.go_live.setAccessibleName("Go-live date")
        self.has_go_live.toggled.connect(self.go_live.setEnabled)
        go_live_row = QHBoxLayout()
        go_live_row.setContentsMargins(0, 0, 0, 0)
        go_live_row.addWidget(self.has_go_live)
        go_live_row.addWidget(self.go_live, 1)
        self.budget = QDoubleSpinBox()
        self.budget.setRange(0, 1e10)
        self.budget.setDecimals(0)
        self.budget.setSingleStep(10_000)
        self.budget.setGroupSeparatorShown(True)
        self.budget.setPrefix("€ ")
        self.budget.setSpecialValueText("no budget")
        self.budget.setAccessibleName("Budget")
        self.priority = QSpinBox()
        self.priority.setRange(1, 10)
        self.priority.setAccessibleName("Priority")
        self.freeze = QCheckBox("Hiring freeze")
        self.contractors = QCheckBox("Contractors allowed")
        self.upskilling = QCheckBox("Upskilling allowed")
        self.max_hires = QSpinBox()
        self.max_hires.setRange(-1, 999)
        self.max_hires.setSpecialValueText("no cap")
        self.max_hires.setAccessibleName("Most hires")
        for widget, key in ((self.priority, "priority"), (self.budget, "budget"), (self.max_hires, "max_hires"),
                            (self.go_live, "go_live")):
            widget.setToolTip(TIPS[key])
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Name", self.name)
        form.addRow("Current phase", self.current_phase)
        form.addRow("Target phase", self.target_phase)
        go_live_box = QWidget()
        go_live_box.setLayout(go_live_row)
        form.addRow("Go-live", go_live_box)
        self.gates: dict[Phase, tuple[QCheckBox, QDateEdit]] = {}
        gates = QGridLayout()
        gates.setContentsMargins(0, 0, 0, 0)
        for row, phase in enumerate(Phase):
            check, day = QCheckBox(phase.label), QDateEdit()
            check.setAccessibleName(f"Has a {phase.label.lower()} gate")
            day.setCalendarPopup(True)
            day.setDisplayFormat("d MMM yyyy")
            day.setAccessibleName(f"{phase.label} gate")
            day.setToolTip(TIPS["gate"])
            check.toggled.connect(day.setEnabled)
            gates.addWidget(check, row, 0)
            gates.addWidget(day, row, 1)
            self.gates[phase] = (check, day)
        self.target_phase.currentIndexChanged.connect(self._target_gate)
        gates_box = QWidget()
        gates_box.setLayout(gates)
        form.addRow("Roadmap gates", gates_box)
        form.addRow("Budget", self.budget)
        form.addRow("Priority", self.priority)
        form.addRow("Most hires", self.max_hires)
        for check in (self.freeze, self.contractors, self.upskilling):
            check.setAccessibleName(check.text())
            form.addRow(check)

    def show_initiative(self, initiative: Initiative) -> None:
        """Fill the fields from an initiative."""
        self.name.setText(initiative.name)
        self.current_phase.setCurrentIndex(self.current_phase.findData(initiative.current_phase))
        self.target_phase.setCurrentIndex(self.target_phase.findData(initiative.target_phase))
        day = initiative.go_live
        self.has_go_live.setChecked(day is not None)
        self.go_live.setEnabled(day is not None)
        self.go_live.setDate(QDate(day.year, day.month, day.day) if day else QDate.currentDate().addMonths(6))
        for phase, (check, field) in self.gates.items():
            gate = initiative.gate(phase)
            check.setChecked(gate is not None)
            field.setDate(QDate(gate.year, gate.month, gate.day) if gate else QDate.currentDate().addMonths(6))
        self._target_gate()
        self.budget.setValue(initiative.budget or 0)
        self.priority.setValue(initiative.priority)
        policy = initiative.policy
        self.freeze.setChecked(policy.hiring_freeze)
        self.contractors.setChecked(policy.allow_contractors)
        self.upskilling.setChecked(policy.allow_upskilling)
        self.max_hires.setValue(-1 if policy.max_hires is None else policy.max_hires)

    def changes(self, initiative: Initiative) -> dict[str, Any]:
        """The fields that differ from `initiative`, as Initiative field values (policy as a dict)."""
        policy = initiative.policy.model_copy(update={
            "hiring_freeze": self.freeze.isChecked(), "allow_contractors": self.contractors.isChecked(),
            "allow_upskilling": self.upskilling.isChecked(),
            "max_hires": None if self.max_hires.value() < 0 else self.max_hires.value()})
        go_live: date | None = self.go_live.date().toPython() if self.has_go_live.isChecked() else None
        target = self.target_phase.currentData()
        roadmap = {p: field.date().toPython() for p, (check, field) in self.gates.items()
                   if p != target and check.isChecked()}
        if go_live is not None:
            roadmap[target] = go_live
        wanted = {"name": self.name.text().strip(), "current_phase": self.current_phase.currentData(),
                  "target_phase": target, "go_live": go_live, "roadmap": roadmap,
                  "budget": self.budget.value() or None, "priority": self.priority.value(), "policy": policy}
        changes = {k: v for k, v in wanted.items() if getattr(initiative, k) != v}
        if "roadmap" in changes:  # the go-live rides in the roadmap; sent alone it would be read against the old target
            changes.pop("go_live", None)
        if "policy" in changes:
            changes["policy"] = policy.model_dump()
        return changes

    def _target_gate(self) -> None:
        """The target phase's gate is the go-live: its roadmap row is shown disabled, the Go-live field edits it."""
        target = self.target_phase.currentData()
        for phase, (check, field) in self.gates.items():
            mine = phase == target
            check.setEnabled(not mine)
            field.setEnabled(not mine and check.isChecked())
            check.setToolTip("the go-live above" if mine else TIPS["gate"])
