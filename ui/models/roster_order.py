"""Sort and search over a large roster without a Python call per comparison: orders are built in plain Python lists.

QSortFilterProxyModel calls the model's `data()` for every comparison and every cell it filters: with 100,000 people
that is millions of calls from C++ into Python (seconds per click). This proxy asks the source model once per row
for a sort key or a search text, sorts a list of row numbers and maps rows through it.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class RosterOrderProxy(QAbstractProxyModel):
    """Rows of a flat source model, filtered by a search text and sorted by one column, kept in Python lists.

    The source must offer `sort_keys(column) -> list` and `search_text(row) -> str` (lower-case).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[int] = []  # proxy row -> source row
        self._where: dict[int, int] = {}  # source row -> proxy row
        self._texts: list[str | None] = []  # search text per source row, built on first search
        self._needle = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._keys: tuple[int, list] | None = None  # (column, sort key per source row), dropped on any change
        self._resetting = False

    # -- wiring ---------------------------------------------------------------------------------------------------
    def setSourceModel(self, model: Any) -> None:  # noqa: N802 - Qt override
        """Attach the source and follow its changes."""
        self.beginResetModel()
        super().setSourceModel(model)
        model.dataChanged.connect(self._on_data_changed)
        model.headerDataChanged.connect(self.headerDataChanged)
        for about in (model.modelAboutToBeReset, model.rowsAboutToBeInserted, model.rowsAboutToBeRemoved,
                      model.layoutAboutToBeChanged):
            about.connect(self._begin_reset)
        for done in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            done.connect(self._end_reset)
        self._rebuild(drop_texts=True)
        self.endResetModel()

    def _begin_reset(self, *_args: Any) -> None:
        if not self._resetting:
            self._resetting = True
            self.beginResetModel()

    def _end_reset(self, *_args: Any) -> None:
        if self._resetting:
            self._rebuild(drop_texts=True)
            self._resetting = False
            self.endResetModel()

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int] = ()) -> None:  # noqa: B006
        self._keys = None
        for row in range(top.row(), bottom.row() + 1):
            if row < len(self._texts):
                self._texts[row] = None
            where = self._where.get(row)
            if where is not None:
                self.dataChanged.emit(self.index(where, top.column()), self.index(where, bottom.column()), roles)

    # -- ordering -------------------------------------------------------------------------------------------------
    def _rebuild(self, *, drop_texts: bool = False) -> None:
        source = self.sourceModel()
        count = source.rowCount() if source is not None else 0
        if drop_texts or len(self._texts) != count:
            self._texts = [None] * count
            self._keys = None
        rows = list(range(count))
        if self._needle:
            texts = self._texts
            for row in rows:
                if texts[row] is None:
                    texts[row] = source.search_text(row)
            needle = self._needle
            rows = [r for r in rows if needle in texts[r]]
        if self._sort is not None and rows:
            column, order = self._sort
            if self._keys is None or self._keys[0] != column:
                self._keys = (column, source.sort_keys(column))
            keys = self._keys[1]
            rows.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = rows
        self._where = {source_row: i for i, source_row in enumerate(rows)}

    def setFilterFixedString(self, text: str) -> None:  # noqa: N802 - QSortFilterProxyModel's name, kept for callers
        """Show only rows whose text contains `text` (case-insensitive); empty shows all."""
        needle = text.strip().casefold()
        if needle == self._needle:
            return
        self.beginResetModel()
        self._needle = needle
        self._rebuild()
        self.endResetModel()

    def filter_text(self) -> str:
        """The search in force (lower-case)."""
        return self._needle

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (-1: the roster's order); a view with sorting enabled calls this; selection follows."""
        if self.sourceModel() is None:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        sources = [self.mapToSource(i) for i in persistent]
        self._sort = (column, order) if column >= 0 else None  # -1: the roster's own order
        self._rebuild()
        self.changePersistentIndexList(persistent, [self.mapFromSource(s) for s in sources])
        self.layoutChanged.emit()

    # -- the proxy contract ---------------------------------------------------------------------------------------
    def mapToSource(self, proxy_index: Index) -> QModelIndex:  # noqa: N802 - Qt override
        """The source cell behind a proxy cell."""
        source = self.sourceModel()
        if source is None or not proxy_index.isValid() or not 0 <= proxy_index.row() < len(self._rows):
            return QModelIndex()
        return source.index(self._rows[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:  # noqa: N802 - Qt override
        """The proxy cell showing a source cell (invalid when filtered out)."""
        if not source_index.isValid():
            return QModelIndex()
        where = self._where.get(source_index.row())
        return QModelIndex() if where is None else self.index(where, source_index.column())

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """A proxy cell (flat table)."""
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, _index: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """Flat table: no parents."""
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Rows shown after the search."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The source's columns."""
        source = self.sourceModel()
        return 0 if parent.isValid() or source is None else source.columnCount()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column headers from the source; row headers are the people's row numbers in the imported roster."""
        source = self.sourceModel()
        if source is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._rows):
                return None
            section = self._rows[section]
        return source.headerData(section, orientation, role)
