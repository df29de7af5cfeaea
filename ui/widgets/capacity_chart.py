"""Capacity against demand per period, drawn with QPainter: capacity as bars, demand as a stepped line, the shortfall
shaded red."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

CAPACITY, DEMAND, SHORT = QColor("#5b9bd5"), QColor("#ed7d31"), QColor(229, 57, 53, 90)


class CapacityChart(QWidget):
    """One series: capacity (bars) and demand (a step line) per period label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.capacity: list[float] = []
        self.demand: list[float] = []
        self.title = ""
        #: Said where the chart would be when there is no series: why, and what to do next.
        self.empty_text = "Computing the timeline…"
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Capacity against demand")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Wide and low."""
        return QSize(600, 220)

    def set_series(self, title: str, labels: list[str], capacity: list[float], demand: list[float]) -> None:
        """Show one series and say it in the tooltip (period: capacity / demand, short by)."""
        self.title, self.labels, self.capacity, self.demand = title, list(labels), list(capacity), list(demand)
        lines = [title] + [f"{lab}: capacity {c:.1f} FTE, demand {d:.1f} FTE"
                           + (f", short {d - c:.1f}" if d > c + 0.05 else "")
                           for lab, c, d in zip(labels, capacity, demand, strict=True)]
        self.setToolTip("\n".join(lines))
        self.setAccessibleDescription("; ".join(lines))
        self.update()

    def set_empty(self, text: str) -> None:
        """No series to draw: say `text` (why, and what to do next) in its place."""
        self.title, self.labels, self.capacity, self.demand, self.empty_text = "", [], [], [], text
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Axes, bars, the demand steps and the legend."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        line = metrics.height()
        painter.setPen(self.palette().windowText().color())
        painter.drawText(QRectF(0, 0, self.width(), line), int(Qt.AlignmentFlag.AlignLeft), self.title)
        if not self.labels:
            painter.drawText(QRectF(self.rect()).adjusted(12, 0, -12, 0),
                             int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.empty_text)
            return
        top, left, bottom = line * 2 + 4, metrics.horizontalAdvance("000.0") + 8, line + 6
        plot = QRectF(left, top, self.width() - left - 8, self.height() - top - bottom)
        peak = max(1.0, *self.capacity, *self.demand) * 1.1
        y = lambda v: plot.bottom() - plot.height() * v / peak  # noqa: E731 - a local scale
        step = plot.width() / len(self.labels)
        painter.setPen(QPen(QColor("#bfbfbf"), 1))
        for frac in (0.0, 0.5, 1.0):
            value = peak / 1.1 * frac
            painter.drawLine(QPointF(plot.left(), y(value)), QPointF(plot.right(), y(value)))
            painter.drawText(QRectF(0, y(value) - line / 2, left - 4, line), int(Qt.AlignmentFlag.AlignRight),
                             f"{value:.1f}")
        every = max(1, int(len(self.labels) * metrics.horizontalAdvance("Mmm 0000") / max(1.0, plot.width())) + 1)
        path = QPainterPath()
        for k, (label, cap, need) in enumerate(zip(self.labels, self.capacity, self.demand, strict=True)):
            x0 = plot.left() + k * step
            painter.fillRect(QRectF(x0 + step * 0.15, y(cap), step * 0.7, plot.bottom() - y(cap)), CAPACITY)
            if need > cap:
                painter.fillRect(QRectF(x0 + step * 0.15, y(need), step * 0.7, y(cap) - y(need)), SHORT)
            if k == 0:
                path.moveTo(x0, y(need))
            else:
                path.lineTo(x0, y(need))
            path.lineTo(x0 + step, y(need))
            if k % every == 0:
                painter.setPen(self.palette().windowText().color())
                painter.drawText(QRectF(x0, plot.bottom() + 2, step * every, line), int(Qt.AlignmentFlag.AlignLeft),
                                 label)
        painter.setPen(QPen(DEMAND, 2))
        painter.drawPath(path)
        legend = [("capacity (FTE)", CAPACITY), ("demand (FTE)", DEMAND), ("short", SHORT)]
        x = float(left)
        for text, colour in legend:
            painter.fillRect(QRectF(x, line + 4, 12, line - 4), colour)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(QRectF(x + 16, line + 2, 200, line), int(Qt.AlignmentFlag.AlignLeft), text)
            x += 16 + metrics.horizontalAdvance(text) + 16
        painter.end()
