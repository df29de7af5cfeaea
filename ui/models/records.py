"""A read-only table model over a list of pydantic records (plan rows, gap rows), one column per field or function."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QModelRoleDataSpan, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QTableView

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Field:
    """One column: header and how to read the value from a record."""

    header: str
    get: Callable[[Any], Any]
    tooltip: str = ""


def attr(header: str, name: str, tooltip: str = "") -> Field:
    """A column showing one attribute."""
    return Field(header, lambda r: getattr(r, name, None), tooltip)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(getattr(value, "value", value))


class RecordTableModel(QAbstractTableModel):
    """Rows are records, columns are Fields; UserRole returns the record; rows can be tinted by a function."""

    def __init__(self, fields: Sequence[Field], parent: Any = None,
                 tint: Callable[[Any], QColor | None] | None = None) -> None:
        super().__init__(parent)
        self.fields = list(fields)
        self.records: list[Any] = []
        self.tint = tint

    def set_records(self, records: Sequence[Any]) -> None:
        """Replace all rows."""
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of records."""
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of fields."""
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, sort value (EditRole), tooltip, tint or the record (UserRole)."""
        if not index.isValid() or index.row() >= len(self.records) or index.column() >= len(self.fields):
            return None
        return self.cell(index.row(), index.column(), role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan) -> None:  # noqa: N802, N803 - Qt names
        """Every role a delegate asks for in one call: one trip into Python per painted cell instead of seven.

        Each call from Qt into Python must take the GIL; while a worker runs Python, each take can wait a switch
        interval, so a repaint costs (calls × interval) — this keeps the GUI thread responsive during jobs.
        """
        valid = index.isValid() and index.row() < len(self.records) and index.column() < len(self.fields)
        for i in range(roleDataSpan.size()):
            item = roleDataSpan[i]
            value = self.cell(index.row(), index.column(), item.role()) if valid else None
            if value is None:
                item.clearData()
            else:
                item.setData(value)

    def cell(self, row: int, column: int, role: int) -> Any:
        """The value of one cell for one role (row and column already checked)."""
        record = self.records[row]
        value = self.fields[column].get(record)
        if role == Qt.ItemDataRole.DisplayRole:
            return _text(value)
        if role == Qt.ItemDataRole.EditRole:
            return value if isinstance(value, int | float | str) else _text(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = _text(value)
            return text if len(text) > 30 else None
        if role == Qt.ItemDataRole.UserRole:
            return record
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float) and not isinstance(value, bool):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.tint is not None:
            return self.tint(record)
        if role == Qt.ItemDataRole.ForegroundRole and self.tint is not None and self.tint(record) is not None:
            return QColor("#000000")
        return None

    def column_text(self, row: int, column: int) -> str:
        """The text shown in one cell."""
        return _text(self.fields[column].get(self.records[row]))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column headers and their tooltips."""
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.fields):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.fields[section].header
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.fields[section].tooltip or None
        return None

    # flags() is Qt's own (enabled, selectable): a Python override would cost one more GIL take per painted cell


def fit_columns(view: QTableView, model: RecordTableModel, *, sample: int = 300, widest: int = 360) -> None:
    """Size each column (but the last, which stretches) to its header and longest text among the first rows.

    Reads the records in Python, never through the view (resizeColumnsToContents asks the model for every cell
    and role, which froze the GUI thread while a worker held the GIL).
    """
    metrics = QFontMetrics(view.font())
    header = QFontMetrics(view.horizontalHeader().font())
    rows = range(min(sample, len(model.records)))
    for column in range(len(model.fields) - 1):
        longest = max((model.column_text(r, column) for r in rows), key=len, default="")
        width = max(header.horizontalAdvance(model.fields[column].header) + 24,
                    metrics.horizontalAdvance(longest) + 16)
        view.setColumnWidth(column, min(widest, width))
