"""Helpers shared by the import wizard's pages: cell items, the coloured preview, saved-mapping keys, a busy row."""
from __future__ import annotations

import hashlib
import inspect
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

WARN = QColor("#ffe082")
ERROR = QColor("#ef9a9a")


def call_with_supported(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a core function with only the keyword arguments it accepts (the importer grows options over time)."""
    params = inspect.signature(fn).parameters
    if not any(p.kind == p.VAR_KEYWORD for p in params.values()):
        kwargs = {k: v for k, v in kwargs.items() if k in params}
    return fn(*args, **kwargs)


def mapping_key(columns: list[str]) -> str:
    """Settings key of a saved mapping: the same header set finds the same mapping next time."""
    return "mappings/" + hashlib.sha1("\x1f".join(columns).encode("utf-8")).hexdigest()[:16]


def cell_item(text: str, *, tip: str = "") -> QTableWidgetItem:
    """A read-only table cell with an optional tooltip."""
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if tip:
        item.setToolTip(tip)
    return item


def fill_preview(table: QTableWidget, columns: list[str], rows: list[list[str]], *, first_row: int,
                 issues: dict[tuple[int, str], tuple[str, bool]] | None = None) -> None:
    """Show preview rows with their spreadsheet row numbers; cells with problems coloured (red error, amber warning)."""
    table.clear()
    table.setColumnCount(len(columns))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels(columns)
    table.setVerticalHeaderLabels([str(first_row + i) for i in range(len(rows))])
    issues = issues or {}
    for r, row in enumerate(rows):
        row_issue = issues.get((first_row + r, ""))
        for c, column in enumerate(columns):
            value = row[c] if c < len(row) else ""
            found = issues.get((first_row + r, column)) or row_issue
            item = cell_item(value, tip=found[0] if found else "")
            if found:
                item.setBackground(QBrush(ERROR if found[1] else WARN))
                item.setForeground(QBrush(QColor("#000000")))
            table.setItem(r, c, item)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()


class BusyRow(QWidget):
    """'Reading the file…' with a moving bar and a Cancel button; hidden when nothing is being read."""

    cancel_clicked = Signal()

    def __init__(self, *, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # no fraction is known: a moving bar says the wizard is working
        self.bar.setAccessibleName(f"{what} progress")
        self.label = QLabel()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName(f"Cancel {what.lower()}")
        self.cancel_button.setToolTip("Stop reading the file")
        self.cancel_button.clicked.connect(self.cancel_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.hide()

        self.active = False

    def start(self, text: str) -> None:
        """Show the row with this text."""
        self.active = True
        self.label.setText(text)
        self.show()

    def stop(self) -> None:
        """Hide the row."""
        self.active = False
        self.hide()
