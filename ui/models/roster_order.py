"""Sort and search over a large roster without a Python call per comparison, and off the GUI thread when big.

QSortFilterProxyModel calls the model's `data()` for every comparison and every cell it filters: with 100,000 people
that is millions of calls from C++ into Python (seconds per click). This proxy asks for a sort key or a search text
once per row, sorts a list of row numbers and maps rows through it (`ui.models.order`). With a runner (a
`ui.workers.Worker`) and a big roster, that list is built on the worker from a snapshot of the rows and swapped in
when ready (layoutChanged for a sort, a reset for a search): the window keeps drawing meanwhile.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ui.models.order import Order, OrderCancelled, OrderRequest, Same, compute_order

Index = QModelIndex | QPersistentModelIndex

#: Changed rows from which one dataChanged covers every row shown (per-row signals cost a Python call each).
WIDE_CHANGE = 100

#: Rosters from this size are ordered on the runner (below it the GUI thread is quicker than a thread hop).
BACKGROUND_ROWS = 5_000


class RosterOrderProxy(QAbstractProxyModel):
    """Rows of a flat source model, filtered by a search text and sorted by one column, kept in Python lists.

    The source must offer `snapshot() -> list` (the rows' items), and static `keys_of(items, column) -> list` and
    `text_of(item) -> str` (lower-case) that touch no Qt object. When it also offers `fill(row, column, span)` and
    `column_flags(column)`, a painted cell costs one call into Python for its data and one for its flags.
    """

    #: True when a new order starts being computed on the runner, False once it is shown (or abandoned).
    ordering = Signal(bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[int] | range = []  # proxy row -> source row
        self._where: dict[int, int] | Same = {}  # source row -> proxy row
        self._texts: list[str | None] = []  # search text per source row, built on first search
        self._needle = ""  # the search asked for
        self._skill: tuple[str, int] | None = None  # the skill filter asked for: (skill id, least level)
        self._sort: tuple[int, Qt.SortOrder] | None = None  # the sort asked for
        self._shown: tuple | None = (("", None), None)  # ((search, skill filter), sort) the rows reflect
        self._keys: tuple[int, list] | None = None  # (column, sort key per source row), dropped on any change
        self._resetting = False
        self._runner: Any = None
        self._background_rows = BACKGROUND_ROWS
        self._generation = 0  # bumped by every change of the source: an order computed before it is stale
        self._token: object | None = None  # the background order awaited
        self._queued: Any = None
        # the source's column count and per-cell entry points, looked up once: a painted cell asks for its index,
        # data and flags, and each lookup through sourceModel() is one more call into Python per cell
        self._columns = 0
        self._fill: Any = None
        self._column_flags: Any = None

    # -- wiring ---------------------------------------------------------------------------------------------------
    def setSourceModel(self, model: Any) -> None:  # noqa: N802 - Qt override
        """Attach the source and follow its changes."""
        self.beginResetModel()
        super().setSourceModel(model)
        self._fill = getattr(model, "fill", None)
        self._column_flags = getattr(model, "column_flags", None)
        self._columns = model.columnCount()
        model.dataChanged.connect(self._on_data_changed)
        model.headerDataChanged.connect(self.headerDataChanged)
        for about in (model.modelAboutToBeReset, model.rowsAboutToBeInserted, model.rowsAboutToBeRemoved,
                      model.layoutAboutToBeChanged):
            about.connect(self._begin_reset)
        for done in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            done.connect(self._end_reset)
        self._rebuild(drop_texts=True)
        self.endResetModel()

    def set_runner(self, runner: Any, *, background_rows: int = BACKGROUND_ROWS) -> None:
        """Order rosters of `background_rows` or more on this `ui.workers.Worker` instead of the GUI thread."""
        self._runner = runner
        self._background_rows = background_rows
        runner.finished.connect(self._on_ordered)
        runner.failed.connect(self._on_order_failed)
        runner.cancelled.connect(self._on_order_cancelled)

    def is_ordering(self) -> bool:
        """True while a sort or search is being computed in the background."""
        return self._token is not None

    def _begin_reset(self, *_args: Any) -> None:
        if not self._resetting:
            self._resetting = True
            self.beginResetModel()

    def _end_reset(self, *_args: Any) -> None:
        if self._resetting:
            self._generation += 1
            source = self.sourceModel()
            self._columns = source.columnCount() if source is not None else 0
            self._rebuild(drop_texts=True)
            self._resetting = False
            self.endResetModel()

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int] = ()) -> None:  # noqa: B006
        self._keys = None
        self._generation += 1
        if bottom.row() - top.row() > WIDE_CHANGE and self._rows:
            # a whole column changed (a scenario's marks): one signal for every row shown, not one per row
            self._texts[top.row():bottom.row() + 1] = [None] * (bottom.row() + 1 - top.row())
            self.dataChanged.emit(self.index(0, top.column()), self.index(len(self._rows) - 1, bottom.column()),
                                  roles)
        else:
            for row in range(top.row(), bottom.row() + 1):
                if row < len(self._texts):
                    self._texts[row] = None
                where = self._where.get(row)
                if where is not None:
                    self.dataChanged.emit(self.index(where, top.column()), self.index(where, bottom.column()),
                                          roles)
        if self._token is not None:  # the order under way read the old values: compute it again
            self._request()

    # -- ordering -------------------------------------------------------------------------------------------------
    def _order_request(self) -> OrderRequest:
        source = self.sourceModel()
        items = source.snapshot() if source is not None else []
        sort = None if self._sort is None else (self._sort[0], self._sort[1] == Qt.SortOrder.DescendingOrder)
        keep = source.skill_filter(*self._skill) if source is not None and self._skill is not None else None
        return OrderRequest(items=items, needle=self._needle, sort=sort, texts=list(self._texts), keys=self._keys,
                            text_of=source.text_of if source is not None else str, keys_of=source.keys_of
                            if source is not None else (lambda _items, _column: []), keep=keep)

    def _filtering(self) -> bool:
        return bool(self._needle) or self._skill is not None

    def _asked(self) -> tuple:
        """What the rows should reflect: ((search, skill filter), sort)."""
        return (self._needle, self._skill), self._sort

    def _in_background(self) -> bool:
        return self._runner is not None and len(self._texts) >= self._background_rows

    def _rebuild(self, *, drop_texts: bool = False) -> None:
        """Recompute the rows now (small roster), or show a provisional order and ask the runner (big one)."""
        source = self.sourceModel()
        count = source.rowCount() if source is not None else 0
        if drop_texts or len(self._texts) != count:
            self._texts = [None] * count
            self._keys = None
        if self._in_background() and (self._filtering() or self._sort is not None):
            # until the worker answers: nobody for a search (not everybody), the roster's order for a sort
            self._rows = [] if self._filtering() else range(count)
            self._where = {} if self._filtering() else Same(count)
            self._shown = None
            self._request()
            return
        self._drop_pending()
        self._take(compute_order(self._order_request()), self._asked())

    def _drop_pending(self) -> None:
        """Forget an order under way (what is asked now is computed at once)."""
        if self._token is not None:
            self._token, self._queued = None, None
            self._runner.cancel()
            self.ordering.emit(False)

    def _take(self, order: Order, shown: tuple) -> None:
        self._rows, self._where, self._texts, self._keys = order.rows, order.where, order.texts, order.keys
        self._shown = shown

    def _request(self) -> None:
        """Compute the order asked for on the runner; a newer request cancels the one under way."""
        token = object()
        request, generation, shown = self._order_request(), self._generation, self._asked()

        def job(_progress, cancel):
            try:
                return token, generation, shown, compute_order(request, cancelled=cancel)
            except OrderCancelled:
                return token, generation, shown, None

        if self._token is not None:
            self._runner.cancel()
        else:
            self.ordering.emit(True)
        self._token, self._queued = token, job
        self._start_queued()

    def _start_queued(self) -> None:
        if self._queued is not None and self._runner.start(self._queued):
            self._queued = None

    def _on_ordered(self, answer: object) -> None:
        token, generation, shown, order = answer if isinstance(answer, tuple) and len(answer) == 4 else (None,) * 4
        if token is not None and token is self._token and order is not None and generation == self._generation:
            self._token = None
            self._swap_in(order, shown)
            self.ordering.emit(False)
        self._start_queued()

    def _on_order_failed(self, *_args: Any) -> None:
        self._on_order_cancelled()

    def _on_order_cancelled(self) -> None:
        if self._queued is None and self._token is not None:  # stopped by Esc: the rows shown stay
            self._token = None
            self.ordering.emit(False)
        self._start_queued()

    def _swap_in(self, order: Order, shown: tuple) -> None:
        """Show a computed order: a layout change when only the order differs (selection kept), else a reset."""
        if self._shown is not None and self._shown[0] == shown[0]:
            self.layoutAboutToBeChanged.emit()
            persistent = self.persistentIndexList()
            sources = [self.mapToSource(i) for i in persistent]
            self._take(order, shown)
            self.changePersistentIndexList(persistent, [self.mapFromSource(s) for s in sources])
            self.layoutChanged.emit()
        else:
            self.beginResetModel()
            self._take(order, shown)
            self.endResetModel()

    def setFilterFixedString(self, text: str) -> None:  # noqa: N802 - QSortFilterProxyModel's name, kept for callers
        """Show only rows whose text contains `text` (case-insensitive); empty shows all."""
        needle = text.strip().casefold()
        if needle != self._needle:
            self._needle = needle
            self._refilter()

    def set_skill_filter(self, skill_id: str | None, level: int = 1) -> None:
        """Show only people holding `skill_id` at `level` or above (None: everyone), besides the search."""
        wanted = None if skill_id is None else (skill_id, max(1, level))
        if wanted != self._skill:
            self._skill = wanted
            self._refilter()

    def _refilter(self) -> None:
        if self._in_background() and (self._filtering() or self._sort is not None):
            self._request()
            return
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def filter_text(self) -> str:
        """The search in force (lower-case)."""
        return self._needle

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (-1: the roster's order); a view with sorting enabled calls this; selection follows."""
        if self.sourceModel() is None:
            return
        self._sort = (column, order) if column >= 0 else None  # -1: the roster's own order
        if self._in_background() and (self._filtering() or self._sort is not None):
            self._request()
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        sources = [self.mapToSource(i) for i in persistent]
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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The source cell's data, without a trip through C++ per role."""
        source = self.sourceModel()
        if source is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return source.data(source.index(self._rows[index.row()], index.column()), role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan) -> None:  # noqa: N802, N803 - Qt names
        """Every role of a painted cell in one call into Python (each call may wait for the GIL behind a worker)."""
        row = self._rows[index.row()] if index.isValid() and 0 <= index.row() < len(self._rows) else -1
        if self._fill is not None:
            self._fill(row, index.column(), roleDataSpan)
            return
        source = self.sourceModel()
        if source is not None:
            source.multiData(source.index(row, index.column()), roleDataSpan)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """The source cell's flags."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        if self._column_flags is not None:  # the same on every row: no source index to build per painted cell
            return self._column_flags(index.column())
        source = self.sourceModel()
        if source is None:
            return Qt.ItemFlag.NoItemFlags
        return source.flags(source.index(self._rows[index.row()], index.column()))

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """A proxy cell (flat table)."""
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < self._columns):
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
        return 0 if parent.isValid() else self._columns

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
