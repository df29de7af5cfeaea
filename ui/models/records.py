"""A read-only table model over a list of pydantic records (plan rows, gap rows), one column per field or function."""
from __future__ import annotations

import heapq
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from app.planning.words.numbers import day as day_text
from ui.models.later import sliced

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
    if isinstance(value, date):
        return day_text(value)  # '2 Mar 2026', as every sentence of the window writes a day
    return str(getattr(value, "value", value))


#: Rows turned into Qt items at once by `set_records` (two screenfuls, ~5 ms); the rest follow in time slices.
FIRST_ROWS = 60

#: Rows turned into items per step of the sliced fill (about a millisecond).
STEP_ROWS = 25

_DISPLAY, _TOOLTIP, _USER = (int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole),
                             int(Qt.ItemDataRole.UserRole))
_ALIGN, _BACK, _FORE = (int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.BackgroundRole),
                        int(Qt.ItemDataRole.ForegroundRole))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_BLACK = QColor("#000000")
_READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren


class RecordTableModel(QStandardItemModel):
    """Rows are records, columns are Fields; UserRole returns the record; rows can be tinted by a function.

    Each cell's text, tooltip, alignment and tint are worked out in Python once, when the records are set, and kept
    in Qt's own items: painting then never calls into Python. (A Python data()/multiData() costs a call per painted
    cell — 2-3 times Qt's own painting — and each call waits for the GIL while a worker runs, which froze the
    window for ~0.1 s when the plan appeared as its check started.) Long lists are turned into items in slices.
    The items are made by Qt from the prototype, never in Python: PySide keeps a Python-made item's wrapper alive
    with the model and does not learn when removed rows delete it (stale wrappers pile up; deleting one crashed).
    """

    def __init__(self, fields: Sequence[Field], parent: Any = None,
                 tint: Callable[[Any], QColor | None] | None = None) -> None:
        super().__init__(0, len(fields), parent)
        self.fields = list(fields)
        self.records: list[Any] = []
        self.tint = tint
        prototype = QStandardItem()
        prototype.setFlags(_READ_ONLY)
        self.setItemPrototype(prototype)
        self.setHorizontalHeaderLabels([f.header for f in self.fields])
        for column, f in enumerate(self.fields):
            if f.tooltip:
                self.setHeaderData(column, Qt.Orientation.Horizontal, f.tooltip, _TOOLTIP)
        #: columns whose cells the user may edit (the model's setData decides what an edit does)
        self.editable_columns: frozenset[int] = frozenset()
        self._rest = sliced(self, self._fill_rest, lambda _none: None)

    def set_records(self, records: Sequence[Any]) -> None:
        """Replace all rows: the first `FIRST_ROWS` at once, the rest in slices (`filling()` is True meanwhile)."""
        self.records = list(records)
        self.setRowCount(0)
        self._append(min(len(self.records), FIRST_ROWS))
        if self.rowCount() < len(self.records):
            self._rest.start()

    def filling(self) -> bool:
        """True while some records are not rows yet."""
        return self.rowCount() < len(self.records)

    def finish_filling(self) -> None:
        """Turn every remaining record into a row now."""
        self._append(len(self.records))

    def _fill_rest(self) -> Generator[None, None, None]:
        while self.filling():
            self._append(min(len(self.records), self.rowCount() + STEP_ROWS))
            yield

    def _append(self, stop: int) -> None:
        start = self.rowCount()
        if stop <= start:
            return
        self.insertRows(start, stop - start)
        for row in range(start, stop):
            record = self.records[row]
            back, tip = self.row_style(row)
            for column, f in enumerate(self.fields):
                value = f.get(record)
                text = _text(value)
                roles = {_DISPLAY: text, _USER: record}
                if tip or len(text) > 30:
                    roles[_TOOLTIP] = tip or text
                if isinstance(value, int | float) and not isinstance(value, bool):
                    roles[_ALIGN] = _RIGHT
                if back is not None:
                    roles[_BACK], roles[_FORE] = back, _BLACK
                index = self.index(row, column)
                self.setItemData(index, roles)  # Qt makes the item from the prototype: no Python-made item
                if column in self.editable_columns:
                    self.itemFromIndex(index).setFlags(_READ_ONLY | Qt.ItemFlag.ItemIsEditable)
            self.setHeaderData(row, Qt.Orientation.Vertical, None)  # rows unnumbered (and the header as thin) as before

    def restyle_rows(self, rows: Iterable[int]) -> None:
        """Work out the tint and tooltips of these rows again (after what `row_style` reads changed)."""
        for row in rows:
            if not 0 <= row < self.rowCount():
                continue
            back, tip = self.row_style(row)
            for column in range(len(self.fields)):
                text = self.column_text(row, column)
                index = self.index(row, column)
                # Qt's own setData: a subclass's setData is what a user's edit does
                QStandardItemModel.setData(self, index, back, _BACK)
                QStandardItemModel.setData(self, index, None if back is None else _BLACK, _FORE)
                QStandardItemModel.setData(self, index, tip or (text if len(text) > 30 else None), _TOOLTIP)

    def row_style(self, row: int) -> tuple[QColor | None, str | None]:
        """A row's background tint and the tooltip of all its cells (None: none; cells then show long texts)."""
        return (None if self.tint is None else self.tint(self.records[row])), None

    def column_text(self, row: int, column: int) -> str:
        """The text shown in one cell."""
        return _text(self.fields[column].get(self.records[row]))


def fit_columns(view: QTableView, model: RecordTableModel, *, sample: int = 300, widest: int = 360) -> None:
    """Size each column (but the last, which stretches) to its header and longest text among the first rows.

    Reads the records in Python, never through the view (resizeColumnsToContents asks the model for every cell
    and role, which froze the GUI thread while a worker held the GIL).
    """
    metrics = QFontMetrics(view.font())
    header = QFontMetrics(view.horizontalHeader().font())
    rows = range(min(sample, len(model.records)))
    for column in range(len(model.fields) - 1):
        # the few longest texts measured: of two texts of one length the wider is not always the first
        # ('Rejected training' and 'Approved contract' have 17 characters each; the second is wider)
        longest = heapq.nlargest(8, {model.column_text(r, column) for r in rows}, key=len)
        width = max(header.horizontalAdvance(model.fields[column].header) + 24,
                    max((metrics.horizontalAdvance(text) for text in longest), default=0) + 16)
        view.setColumnWidth(column, min(widest, width))
