"""Horizontal bar charts drawn with QPainter: single bars (readiness %) and paired bars (required vs available)."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass(frozen=True)
class Bar:
    """One row of a chart: a label, one or two values and the text shown at the bar's end."""

    label: str
    value: float
    second: float | None = None
    text: str = ""


def readiness_colour(percent: float) -> QColor:
    """Red below 50 %, amber below 80 %, green from 80 %."""
    return QColor("#e53935") if percent < 50 else QColor("#fb8c00") if percent < 80 else QColor("#43a047")


class BarChart(QWidget):
    """Labelled horizontal bars; with `second` values each row shows two bars (e.g. required and available).

    With `labels_above` each label gets its own full-width line (wrapped, never cut) above its bars.
    """

    ROW = 26

    def __init__(self, *, title: str = "", maximum: float | None = None, legend: tuple[str, str] | None = None,
                 colour_by_value: bool = False, labels_above: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels_above = labels_above
        self.title = title
        self.maximum = maximum
        self.legend = legend
        self.colour_by_value = colour_by_value
        self.bars: list[Bar] = []
        self.empty_text = "Nothing to show yet."
        self.setAccessibleName(title or "Bar chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_bars(self, bars: list[Bar]) -> None:
        """Replace the data and repaint."""
        self.bars = list(bars)
        self.setAccessibleDescription("; ".join(f"{b.label}: {b.text or b.value}" for b in self.bars))
        self.setToolTip("\n".join(f"{b.label}: {b.text or b.value}" for b in self.bars))
        self.updateGeometry()
        self.update()

    def _label_height(self, label: str, width: float) -> int:
        if not self.labels_above:
            return 0
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        return self.fontMetrics().boundingRect(QRect(0, 0, max(40, int(width)), 2000), flags, label).height()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Tall enough for every row (and every wrapped label at the current width)."""
        rows = max(1, len(self.bars)) * (self.ROW * (2 if self._paired() else 1) + 6)
        width = (self.width() or 420) - 8
        rows += sum(self._label_height(b.label, width) for b in self.bars)
        return QSize(420, rows + 40 + (20 if self.legend else 0))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Wrapped labels change height with the width: ask the layout again."""
        super().resizeEvent(event)
        if self.labels_above:
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As tall as the size hint: bars are never squeezed out."""
        return QSize(260, self.sizeHint().height())

    def _paired(self) -> bool:
        return any(b.second is not None for b in self.bars)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Draw title, legend and bars in the palette's text colour."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_colour = pal.windowText().color()
        painter.setPen(text_colour)
        y = 4.0
        if self.title:
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(QRectF(4, y, self.width() - 8, 20), Qt.AlignmentFlag.AlignLeft, self.title)
            font.setBold(False)
            painter.setFont(font)
            y += 24
        first, second = QColor("#1e88e5"), QColor("#9e9e9e")
        if self.legend and self._paired():
            for i, (name, colour) in enumerate(zip(self.legend, (first, second), strict=True)):
                x = 4 + i * 160
                painter.fillRect(QRectF(x, y + 4, 12, 12), colour)
                painter.drawText(QRectF(x + 18, y, 140, 20), Qt.AlignmentFlag.AlignVCenter, name)
            y += 22
        if not self.bars:
            painter.drawText(QRectF(4, y, self.width() - 8, 24), Qt.AlignmentFlag.AlignLeft, self.empty_text)
            return
        widest = max(painter.fontMetrics().horizontalAdvance(b.label) for b in self.bars) + 12.0
        label_w = 4.0 if self.labels_above else min(widest, self.width() * 0.42)
        text_w = max(painter.fontMetrics().horizontalAdvance(b.text or f"{b.value:g}") for b in self.bars) + 10.0
        bar_w = max(20.0, self.width() - label_w - text_w - 12)
        top = self.maximum or max(max(b.value, b.second or 0) for b in self.bars) or 1.0
        row_h = self.ROW * (2 if self._paired() else 1)
        for bar in self.bars:
            painter.setPen(text_colour)
            if self.labels_above:
                height = self._label_height(bar.label, self.width() - 8)
                painter.drawText(QRectF(4, y, self.width() - 8, height),
                                 int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), bar.label)
                y += height
            else:
                label = painter.fontMetrics().elidedText(bar.label, Qt.TextElideMode.ElideRight, int(label_w - 8))
                painter.drawText(QRectF(4, y, label_w - 8, row_h), Qt.AlignmentFlag.AlignVCenter, label)
            colour = readiness_colour(bar.value) if self.colour_by_value else first
            painter.fillRect(QRectF(label_w, y + 3, bar_w, self.ROW - 6), pal.alternateBase().color())
            painter.fillRect(QRectF(label_w, y + 3, bar_w * min(bar.value, top) / top, self.ROW - 6), colour)
            if bar.second is not None:
                painter.fillRect(QRectF(label_w, y + self.ROW + 3, bar_w * min(bar.second, top) / top,
                                        self.ROW - 6), second)
            painter.drawText(QRectF(label_w + bar_w + 6, y, text_w, row_h), Qt.AlignmentFlag.AlignVCenter,
                             bar.text or f"{bar.value:g}")
            y += row_h + 6
