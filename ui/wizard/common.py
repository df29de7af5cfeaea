"""Helpers shared by the import wizard's pages: cell items, the coloured preview, saved-mapping keys, a busy row."""
from __future__ import annotations

import hashlib
from collections.abc import Generator

from PySide6.QtCore import QObject, Qt, Signal
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

from ui.models.later import sliced

WARN = QColor("#ffe082")
ERROR = QColor("#ef9a9a")


def mapping_key(columns: list[str]) -> str:
    """Settings key of a saved mapping: the same header set finds the same mapping next time."""
    return "mappings/" + hashlib.sha1("\x1f".join(columns).encode("utf-8")).hexdigest()[:16]


_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def cell_item(text: str, *, tip: str = "") -> QTableWidgetItem:
    """A read-only table cell with an optional tooltip."""
    item = QTableWidgetItem(text)
    item.setFlags(_READ_ONLY)
    if tip:
        item.setToolTip(tip)
    return item


def fill_preview(table: QTableWidget, columns: list[str], rows: list[list[str]], *, first_row: int,
                 issues: dict[tuple[int, str], tuple[str, bool]] | None = None) -> None:
    """Show preview rows with their spreadsheet row numbers; cells with problems coloured (red error, amber warning)."""
    preview = SlicedPreview(table)
    preview.show(columns, rows, first_row=first_row, issues=issues)
    preview.finish()


#: Preview rows filled at once when a page shows them, before the rest follow in 5 ms slices (`ui.models.later`):
#: 20 rows × 25 columns of items at once, measured by Qt for their widths, froze the wizard 30-60 ms; five rows take
#: ~2 ms and the page is usable meanwhile.
ROWS_PER_TURN = 5
_CELL_PADDING = 14  # pixels beside a cell's text, as Qt's own size hint adds (margins and the grid line)
_MAX_COLUMN_WIDTH = 400


class SlicedPreview(QObject):
    """Fills a preview table, the first rows at once and the rest in slices; `mark` colours the cells with problems."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self.table = table
        self._columns: list[str] = []
        self._rows: list[list[str]] = []
        self._first_row = 0
        self._issues: dict[tuple[int, str], tuple[str, bool]] = {}
        self._done = 0
        self._widths: list[int] = []
        self._rest = sliced(self, self._fill_rest, lambda _none: None)

    def show(self, columns: list[str], rows: list[list[str]], *, first_row: int,
             issues: dict[tuple[int, str], tuple[str, bool]] | None = None) -> None:
        """Start showing these rows (numbered from `first_row`); the first few at once, the rest on later turns."""
        table = self.table
        table.clearContents()
        table.setColumnCount(len(columns))
        table.setRowCount(len(rows))
        table.setHorizontalHeaderLabels(columns)
        table.setVerticalHeaderLabels([str(first_row + i) for i in range(len(rows))])
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._columns, self._rows, self._first_row, self._issues = columns, rows, first_row, dict(issues or {})
        measure = table.fontMetrics().horizontalAdvance
        self._widths = [measure(name) for name in columns]
        self._done = 0
        self._fill_rows(ROWS_PER_TURN)
        self._rest.start()  # also drops a pass still filling the rows shown before

    def finish(self) -> None:
        """Fill every row now."""
        self._rest.finish_now()

    def mark(self, issues: dict[tuple[int, str], tuple[str, bool]]) -> None:
        """Colour the cells with problems (a column of '' marks the whole row) and give them the reason as tooltip."""
        self.finish()
        self._issues = dict(issues)
        rows = {row for row, _ in issues}
        for r in range(len(self._rows)):
            if self._first_row + r in rows:
                for c in range(len(self._columns)):
                    self._paint(self.table.item(r, c), self._first_row + r, self._columns[c])

    def _fill_rest(self) -> Generator[None, None, None]:
        while self._done < len(self._rows):
            self._fill_rows(1)
            yield

    def _fill_rows(self, count: int) -> None:
        columns, widths = self._columns, self._widths
        measure = self.table.fontMetrics().horizontalAdvance
        end = min(self._done + count, len(self._rows))
        for r in range(self._done, end):
            row = self._rows[r]
            for c, column in enumerate(columns):
                value = row[c] if c < len(row) else ""
                item = cell_item(value)
                self._paint(item, self._first_row + r, column)
                self.table.setItem(r, c, item)
                if value:
                    widths[c] = max(widths[c], measure(value))
        self._done = end
        header = self.table.horizontalHeader()
        for c, width in enumerate(widths):  # measured here: Qt's resizeColumnsToContents asks every cell again
            width = min(width + _CELL_PADDING, _MAX_COLUMN_WIDTH)
            if header.sectionSize(c) != width:
                header.resizeSection(c, width)

    def _paint(self, item: QTableWidgetItem, row: int, column: str) -> None:
        found = self._issues.get((row, column)) or self._issues.get((row, ""))
        if found:
            item.setToolTip(found[0])
            item.setBackground(QBrush(ERROR if found[1] else WARN))
            item.setForeground(QBrush(QColor("#000000")))


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
