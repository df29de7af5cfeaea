"""'Change dates…': a commitment's first day and roll-off date, either left open, refusing an end before the start."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.planning.words.numbers import day as day_text


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DatesDialog(QDialog):
    """Start and end of one commitment; an unticked box leaves that end open."""

    def __init__(self, *, title: str, start: date | None, end: date | None, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change dates")
        self.has_start = QCheckBox("Starts on")
        self.has_end = QCheckBox("Ends on (roll-off)")
        self.start_edit, self.end_edit = QDateEdit(), QDateEdit()
        for box, edit, day, name in ((self.has_start, self.start_edit, start, "Start"),
                                     (self.has_end, self.end_edit, end, "End")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")  # as every date in the window: '2 Mar 2026' (day_text)
            edit.setAccessibleName(name)
            edit.setDate(_qdate(day or today))
            box.setChecked(day is not None)
            edit.setEnabled(day is not None)
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(self._check)
            edit.dateChanged.connect(self._check)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #c62828")
        self.problem.setAccessibleName("Problem")
        form = QFormLayout()
        form.addRow(self.has_start, self.start_edit)
        form.addRow(self.has_end, self.end_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(QLabel("Unticked: no start (already running) / no end (until further notice)."))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._check()

    def values(self) -> tuple[date | None, date | None]:
        """(start, end) as chosen; None where left open."""
        start = self.start_edit.date().toPython() if self.has_start.isChecked() else None
        end = self.end_edit.date().toPython() if self.has_end.isChecked() else None
        return start, end

    def _check(self, *_args) -> None:
        start, end = self.values()
        wrong = start is not None and end is not None and end < start
        self.problem.setText(f"It cannot end on {day_text(end)}, before it starts on {day_text(start)}."
                             if wrong else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not wrong)
