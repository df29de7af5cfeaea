"""A small dialog: move a person to another role of an initiative, optionally at another FTE."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QWidget,
)


class MoveDialog(QDialog):
    """Pick the role (grouped by initiative) and the FTE for one person of the plan."""

    def __init__(self, parent: QWidget | None, *, person: str, choices: list[tuple[str, str, str]],
                 current: tuple[str, str], fte: float) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Move {person}")
        self.role = QComboBox()
        self.role.setAccessibleName("Role")
        for initiative, role, label in choices:
            self.role.addItem(label, (initiative, role))
        # the person's own role first (findData cannot compare a Python tuple: it found nothing, and OK moved the
        # person to the list's first role)
        at = next((i for i, (initiative, role, _label) in enumerate(choices) if (initiative, role) == tuple(current)),
                  0)
        self.role.setCurrentIndex(at)
        self.fte = QDoubleSpinBox()
        self.fte.setAccessibleName("FTE")
        self.fte.setRange(0.05, 2.0)
        self.fte.setSingleStep(0.05)
        self.fte.setDecimals(2)
        self.fte.setValue(fte)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(f"Put <b>{person}</b> on another role. The plan is checked as soon as you press OK."))
        form.addRow("Role", self.role)
        form.addRow("FTE", self.fte)
        form.addRow(buttons)

    def answer(self) -> tuple[str, str, float]:
        """(initiative id, role id, FTE) as chosen."""
        initiative, role = self.role.currentData()
        return initiative, role, round(self.fte.value(), 2)


def ask_move(parent: QWidget | None, *, person: str, choices: list[tuple[str, str, str]], current: tuple[str, str],
             fte: float) -> tuple[str, str, float] | None:
    """Show the dialog; the chosen (initiative, role, FTE), or None when cancelled."""
    dialog = MoveDialog(parent, person=person, choices=choices, current=current, fte=fte)
    try:
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
