"""A horizontal header that writes its labels bottom-to-top, so heatmap columns can be as narrow as one number."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QTableView, QWidget

from ui.widgets.tables import HintCachingHeader

#: Width of a heatmap column: room for "5" or "0.6" and a margin.
COMPACT_WIDTH = 34
#: Longest header drawn before the label is elided (the full name stays in the tooltip).
MAX_LABEL = 230


class RotatedHeaderView(HintCachingHeader):
    """Horizontal header with labels rotated 90°; sections keep a fixed compact width; tooltips carry full names."""

    def __init__(self, parent: QWidget | None = None, *, section_width: int = COMPACT_WIDTH,
                 max_label: int = MAX_LABEL) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.max_label = max_label
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setDefaultSectionSize(section_width)
        self.setMinimumSectionSize(section_width)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setHighlightSections(True)

    def _label(self, section: int) -> str:
        model = self.model()
        text = model.headerData(section, self.orientation(), Qt.ItemDataRole.DisplayRole) if model else None
        return "" if text is None else str(text)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Tall enough for the longest label (capped at `max_label` pixels)."""
        if self._hint is None:
            hint = super().sizeHint()
            metrics = self.fontMetrics()
            count = self.count()
            # sample at most 500 sections so a very wide model does not measure every label
            sections = range(count) if count <= 500 else range(0, count, max(1, count // 500))
            longest = max((metrics.horizontalAdvance(self._label(i)) for i in sections), default=0)
            self._hint = QSize(hint.width(), min(longest, self.max_label) + 14)
        return QSize(self._hint)

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:  # noqa: N802 - Qt override
        """Draw the section frame as usual, then the label rotated to read bottom-to-top."""
        if not rect.isValid():
            return
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logical_index
        option.text = ""
        selection = self.selectionModel()
        if selection is not None and self.highlightSections() and selection.isColumnSelected(logical_index,
                                                                                              self.rootIndex()):
            option.state |= QStyle.StateFlag.State_On
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        label = self.fontMetrics().elidedText(self._label(logical_index), Qt.TextElideMode.ElideRight,
                                              rect.height() - 10)
        painter.translate(rect.left() + rect.width() / 2, rect.bottom() - 5)
        painter.rotate(-90)
        height = self.fontMetrics().height()
        painter.setPen(self.palette().buttonText().color())
        painter.drawText(QRect(0, -height // 2, rect.height() - 10, height),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), label)
        painter.restore()


def use_rotated_header(view: QTableView, *, section_width: int = COMPACT_WIDTH,
                       max_label: int = MAX_LABEL) -> RotatedHeaderView:
    """Give a table view the compact rotated header (the caller keeps row heights uniform)."""
    header = RotatedHeaderView(view, section_width=section_width, max_label=max_label)
    view.setHorizontalHeader(header)
    return header
