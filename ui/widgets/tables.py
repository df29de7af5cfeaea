"""Table view settings that keep very long tables (100,000 rows) as cheap to show as one screenful."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QTableView

#: Rows measured when sizing columns to contents. Not 0 ("visible rows"): Qt measures every row of a hidden view then.
MEASURED_ROWS = 60


#: Row labels measured at each end of a long table when the row header's width is worked out.
SAMPLED_LABELS = 50


class HintCachingHeader(QHeaderView):
    """A header whose size hint is measured once per change of its model's labels (layouts ask several times per
    paint, and every measure calls from C++ into Python); `WATCHED` names the model signals that mean a change."""

    WATCHED: tuple[str, ...] = ("modelReset", "layoutChanged", "headerDataChanged")

    def __init__(self, orientation: Qt.Orientation, parent=None) -> None:
        super().__init__(orientation, parent)
        self._hint: QSize | None = None
        self._watched = None
        self.sectionCountChanged.connect(self._forget_hint)

    def setModel(self, model) -> None:  # noqa: N802 - Qt override
        """Follow the model's changes (the hint is measured again after one)."""
        old, self._watched = self._watched, model
        if old is not None and shiboken6.isValid(old):
            for name in self.WATCHED:
                getattr(old, name).disconnect(self._forget_hint)
        super().setModel(model)
        if model is not None:
            for name in self.WATCHED:
                getattr(model, name).connect(self._forget_hint)
        self._forget_hint()

    def _forget_hint(self, *_args) -> None:
        self._hint = None

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """A new font or style changes the labels' sizes."""
        self._hint = None
        super().changeEvent(event)


class SampledRowHeader(HintCachingHeader):
    """A row header whose width comes from the labels of the first and last rows, read straight from the model.

    Qt's own measure asks the model for eight roles of 200 labels, each a call from C++ into Python (1,600 calls
    after every sort or reset of a 100,000-row table, each of which may wait for the GIL behind a worker).
    """

    WATCHED = (*HintCachingHeader.WATCHED, "rowsInserted", "rowsRemoved")

    def __init__(self, parent: QTableView) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Wide enough for the longest label among the first and last rows."""
        if self._hint is None:
            self._hint = self._measure()
        return QSize(self._hint)

    def _measure(self) -> QSize:
        model, count = self.model(), self.count()
        if model is None or count == 0:
            return QSize(0, self.defaultSectionSize())
        sections = range(count) if count <= 2 * SAMPLED_LABELS else [
            *range(SAMPLED_LABELS), *range(count - SAMPLED_LABELS, count)]
        bold = QFont(self.font())
        bold.setBold(True)  # as Qt measures: room for a highlighted (bold) section
        metrics = QFontMetrics(bold)
        labels = (str(model.headerData(i, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole) or "")
                  for i in sections)
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.text = max(labels, key=metrics.horizontalAdvance)
        option.fontMetrics = metrics
        size = self.style().sizeFromContents(QStyle.ContentsType.CT_HeaderSection, option, QSize(), self)
        return QSize(size.width(), self.defaultSectionSize())


def uniform_rows(view: QTableView, *, height: int = 24) -> None:
    """Fixed row heights; sizing columns to contents measures a few dozen rows, never the whole model."""
    view.setVerticalHeader(SampledRowHeader(view))
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(height)
    rows.setResizeContentsPrecision(MEASURED_ROWS)
    view.horizontalHeader().setResizeContentsPrecision(MEASURED_ROWS)



def fit_to_sample(view: QTableView, headers: list[str], texts: list[list[str]], *, narrowest: int = 40,
                  widest: int = 320) -> None:
    """Size each column to its header and the longest of its sample `texts` (one list per column, a few rows'
    worth: never every row of a roster of 100,000), between `narrowest` and `widest` pixels; longer texts elide."""
    metrics, header = QFontMetrics(view.font()), QFontMetrics(view.horizontalHeader().font())
    for column, (title, column_texts) in enumerate(zip(headers, texts, strict=True)):
        longest = max((metrics.horizontalAdvance(t) for t in column_texts), default=0)
        view.setColumnWidth(column, max(narrowest, min(widest, max(longest + 16, header.horizontalAdvance(title) + 24))))
