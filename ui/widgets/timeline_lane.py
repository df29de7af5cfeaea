"""The selected person's commitments, leave and planned trainings as bars under the Timeline grid, lined up with its
period columns. Drag a commitment's end (or its start, or the whole bar) to change its dates — snapped to the zoom's
periods — or right-click it (or press Enter) for "Change dates…"."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QMenu, QSizePolicy, QTableView, QToolTip, QWidget

from app.domain import Person
from app.domain.people import CommitmentStatus
from app.timeline.calendar import Period
from app.timeline.plan_view import TrainingSpan
from app.timeline.retime import Edge, dragged, words
from ui.models.timeline import COLOURS, TRAINING

ROW, HEAD, GRAB = 20, 22, 6
#: Rows shown at most (the rest are counted in the heading).
MAX_ROWS = 8


def _fte(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".") or "0"


@dataclass(frozen=True)
class LaneBar:
    """One bar: a commitment (`index` into the person's commitments; draggable), leave or a planned training."""

    label: str
    start: date | None
    end: date | None
    colour: str
    index: int | None = None


def bars_of(person: Person, trainings: list[TrainingSpan], placed: list | None = None) -> list[LaneBar]:
    """The person's commitments, then leave, then the plan's assignments and trainings for them."""
    out = [LaneBar(f"{c.initiative} {_fte(c.fte)} {c.status.value}", c.start, c.end,
                   COLOURS["confirmed" if c.status == CommitmentStatus.CONFIRMED else "tentative"], i)
           for i, c in enumerate(person.commitments)]
    out += [LaneBar(f"{a.kind} (leave)", a.start, a.end, COLOURS["leave"]) for a in person.absences]
    out += [LaneBar(f"this plan: {p.what}, {_fte(p.fte)} FTE", p.first, p.last, COLOURS["planned"]) for p in placed or ()]
    out += [LaneBar(f"training {t.what}", t.first, t.last, TRAINING) for t in trainings]
    return out


class CommitmentLane(QWidget):
    """Bars of one person over the table's period columns; dragging a commitment emits `dates_dropped`."""

    dates_dropped = Signal(int, object, object)  # commitment index, new start, new end
    dates_asked = Signal(int)  # commitment index: open the dates dialog

    def __init__(self, table: QTableView, *, first_column: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table, self.first_column = table, first_column
        self.person: Person | None = None
        self.periods: list[Period] = []
        self.bars: list[LaneBar] = []
        self.hidden = 0  # bars beyond MAX_ROWS
        self.unit = "month"
        self.selected = 0
        self._drag: tuple[int, Edge, int] | None = None  # bar row, edge, period pressed
        self.preview: tuple[date | None, date | None] | None = None
        self.setAccessibleName("Commitments of the selected person")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        table.horizontalScrollBar().valueChanged.connect(self.update)
        table.horizontalHeader().sectionResized.connect(self.update)
        self._fit()

    def show_person(self, person: Person | None, periods: list[Period], trainings: list[TrainingSpan], *,
                    unit: str = "month", placed: list | None = None) -> None:
        """Show `person`'s bars over `periods` (`unit` names the period for the heading: week, month, quarter;
        `placed` the plan's assignments of theirs)."""
        self.person, self.periods, self.unit = person, list(periods), unit
        every = bars_of(person, trainings, placed) if person is not None else []
        self.bars, self.hidden = every[:MAX_ROWS], len(every[MAX_ROWS:])
        draggable = [r for r, b in enumerate(self.bars) if b.index is not None]
        self.selected = self.selected if self.selected in draggable else (draggable[0] if draggable else 0)
        self._drag, self.preview = None, None
        self.setAccessibleDescription("; ".join(f"{b.label} {words(b.start, b.end)}" for b in self.bars))
        self._fit()
        self.update()

    def _fit(self) -> None:
        self.setFixedHeight(HEAD + ROW * max(1, len(self.bars)) + 4)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As tall as its rows."""
        return QSize(400, HEAD + ROW * max(1, len(self.bars)) + 4)

    # -- geometry ----------------------------------------------------------------------------------------------------
    def column(self, t: int) -> tuple[float, float]:
        """Left edge and width of period `t`'s column, in this widget's coordinates."""
        header = self.table.horizontalHeader()
        col = self.first_column + t
        at = self.table.viewport().mapToGlobal(QPoint(header.sectionViewportPosition(col), 0))
        return float(self.mapFromGlobal(at).x()), float(header.sectionSize(col))

    def label_width(self) -> float:
        """Width of the labels on the left (the table's fixed columns)."""
        header = self.table.horizontalHeader()
        return float(sum(header.sectionSize(c) for c in range(self.first_column)))

    def x_of(self, day: date | None, *, end: bool) -> float:
        """Where a day begins (or, with `end`, ends) on the lane; open or outside ends go to the edges."""
        if not self.periods:
            return 0.0
        if day is None or day < self.periods[0].start:
            return self.column(0)[0] if not end or day is not None else self._right()
        if day > self.periods[-1].end:
            return self._right()
        t = bisect_right([p.start for p in self.periods], day) - 1
        left, width = self.column(t)
        period = self.periods[t]
        days = (period.end - period.start).days + 1
        return left + width * ((day - period.start).days + (1 if end else 0)) / days

    def _right(self) -> float:
        left, width = self.column(len(self.periods) - 1)
        return left + width

    def period_at(self, x: float) -> int:
        """The period under `x`, the first or last when beyond them."""
        for t in range(len(self.periods)):
            left, width = self.column(t)
            if x < left + width:
                return t
        return len(self.periods) - 1

    def bar_rect(self, row: int, dates: tuple[date | None, date | None] | None = None) -> QRectF:
        """Where bar `row` is drawn (with `dates` in place of its own)."""
        bar = self.bars[row]
        start, end = dates or (bar.start, bar.end)
        left = self.x_of(start, end=False)
        right = self.x_of(end, end=True) if end is not None else self._right()
        return QRectF(left, HEAD + row * ROW + 2, max(2.0, right - left), ROW - 4)

    def hit(self, pos: QPoint) -> tuple[int, Edge] | None:
        """The commitment bar under `pos` and the part of it (an end, the start, or the whole bar)."""
        row = (pos.y() - HEAD) // ROW
        if not 0 <= row < len(self.bars) or self.bars[row].index is None or pos.x() < self.label_width():
            return None
        rect = self.bar_rect(row)
        if abs(pos.x() - rect.right()) <= GRAB:
            return row, Edge.END
        if abs(pos.x() - rect.left()) <= GRAB:
            return row, Edge.START
        return (row, Edge.WHOLE) if rect.left() <= pos.x() <= rect.right() else None

    # -- painting ----------------------------------------------------------------------------------------------------
    def heading(self) -> str:
        """The line above the bars: whose they are and how to move them — or why there is nothing to move."""
        if self.person is None:
            return "Select a person to see their commitments and change their dates."
        name = self.person.name
        if not self.bars:
            return f"{name} has no commitment or leave in the roster and nothing in this plan."
        more = f" ({self.hidden} more not shown)" if self.hidden else ""
        if all(b.index is None for b in self.bars):
            return (f"{name}{more}: this plan's time, trainings and leave, to read; only a commitment from the roster "
                    f"can be dragged, and {name} has none.")
        return (f"{name}{more}: drag a commitment's end, start or whole bar to change its dates "
                f"(snaps to the {self.unit}); right-click or Enter: Change dates…")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Heading, period lines, then one bar per row (the dragged one as a dashed preview with its new dates)."""
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.base())
        text = pal.windowText().color()
        painter.setPen(text)
        painter.drawText(QRectF(6, 0, self.width() - 12, HEAD), Qt.AlignmentFlag.AlignVCenter, self.heading())
        if self.person is None:
            return
        labels = self.label_width()
        painter.setPen(QPen(QColor("#d9d9d9"), 1))
        for t in range(len(self.periods)):
            x = self.column(t)[0]
            if x >= labels:
                painter.drawLine(int(x), HEAD, int(x), self.height())
        for row, bar in enumerate(self.bars):
            y = HEAD + row * ROW
            painter.setPen(text)
            label = painter.fontMetrics().elidedText(bar.label, Qt.TextElideMode.ElideRight, int(labels - 10))
            painter.drawText(QRectF(6, y, labels - 10, ROW), Qt.AlignmentFlag.AlignVCenter, label)
            painter.save()
            painter.setClipRect(QRectF(labels, y, self.width() - labels, ROW))
            rect = self.bar_rect(row)
            moving = self._drag is not None and self._drag[0] == row
            colour = QColor(bar.colour)
            colour.setAlpha(90 if moving else 255)
            painter.fillRect(rect, colour)
            if not moving:
                painter.setPen(text if self._beside(painter, rect, bar) else QColor("#000000"))
                at = rect.adjusted(4, 0, -4, 0) if not self._beside(painter, rect, bar) else QRectF(
                    rect.right() + 4, rect.top(), 400, rect.height())
                painter.drawText(at, Qt.AlignmentFlag.AlignVCenter, words(bar.start, bar.end))
            if row == self.selected and bar.index is not None and self.hasFocus():
                painter.setPen(QPen(pal.highlight().color(), 2))
                painter.drawRect(rect)
            if self._drag is not None and self._drag[0] == row and self.preview is not None:
                self._paint_preview(painter, row)
            painter.restore()

    @staticmethod
    def _beside(painter: QPainter, rect: QRectF, bar: LaneBar) -> bool:
        """True when the bar is too short for its dates, which then go after it."""
        return painter.fontMetrics().horizontalAdvance(words(bar.start, bar.end)) + 8 > rect.width()

    def _paint_preview(self, painter: QPainter, row: int) -> None:
        start, end = self.preview
        wrong = start is not None and end is not None and end < start
        colour = QColor("#e53935") if wrong else QColor("#000000")
        rect = self.bar_rect(row, (start, end) if not wrong else (end, start))
        painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
        painter.drawRect(rect)
        painter.setPen(colour)
        note = "ends before it starts" if wrong else words(start, end)
        painter.drawText(QRectF(rect.left() + 4, rect.top(), 400, rect.height()), Qt.AlignmentFlag.AlignVCenter,
                         note)

    # -- mouse and keys ----------------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """Grab a commitment's end, start or whole bar."""
        found = self.hit(event.position().toPoint()) if event.button() == Qt.MouseButton.LeftButton else None
        if found is None:
            super().mousePressEvent(event)
            return
        self.selected = found[0]
        self._drag = (found[0], found[1], self.period_at(event.position().x()))
        self.preview = (self.bars[found[0]].start, self.bars[found[0]].end)
        self.setFocus()
        self.update()

    def event(self, event: QEvent) -> bool:
        """A bar's tooltip: what it is, its dates, and how to change them."""
        if event.type() == QEvent.Type.ToolTip and self.person is not None:
            row = (event.pos().y() - HEAD) // ROW
            if 0 <= row < len(self.bars) and event.pos().x() >= self.label_width():
                bar = self.bars[row]
                how = ("\nDrag its end, its start or the whole bar; right-click or Enter: Change dates…"
                       if bar.index is not None else "")
                QToolTip.showText(event.globalPos(), f"{bar.label}, {words(bar.start, bar.end)}{how}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """Follow the drag, period by period; elsewhere show which part a press would grab."""
        pos = event.position().toPoint()
        if self._drag is None:
            found = self.hit(pos)
            shape = (Qt.CursorShape.ArrowCursor if found is None else Qt.CursorShape.SizeAllCursor
                     if found[1] is Edge.WHOLE else Qt.CursorShape.SizeHorCursor)
            self.setCursor(shape)
            return
        row, edge, from_t = self._drag
        bar = self.bars[row]
        self.preview = dragged(bar.start, bar.end, edge=edge, periods=self.periods, from_t=from_t,
                               to_t=self.period_at(event.position().x()))
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """Drop: hand the new dates on when they differ (the screen refuses an end before the start, in words)."""
        if self._drag is None:
            super().mouseReleaseEvent(event)
            return
        self.mouseMoveEvent(event)
        row = self._drag[0]
        bar, preview = self.bars[row], self.preview
        self._drag, self.preview = None, None
        self.update()
        if preview is not None and preview != (bar.start, bar.end):
            self.dates_dropped.emit(bar.index, *preview)

    def cancel_drag(self) -> None:
        """Let go of a bar without changing its dates (Escape)."""
        self._drag, self.preview = None, None
        self.update()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        """'Change dates…' for the commitment under the mouse, or the selected one from the keyboard."""
        found = self.hit(event.pos()) if event.reason() == QContextMenuEvent.Reason.Mouse else (
            (self.selected, Edge.WHOLE) if self.bars and self.bars[self.selected].index is not None else None)
        if found is None:
            return
        self.selected = found[0]
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        action = menu.addAction("Change dates…")
        action.triggered.connect(lambda: self.dates_asked.emit(self.bars[self.selected].index))
        menu.popup(event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Up/Down choose a commitment; Enter or F2 asks for its dates; Escape lets go of a dragged bar."""
        draggable = [r for r, b in enumerate(self.bars) if b.index is not None]
        key = event.key()
        if key == Qt.Key.Key_Escape and self._drag is not None:
            self.cancel_drag()
        elif draggable and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            at = draggable.index(self.selected) if self.selected in draggable else 0
            self.selected = draggable[max(0, min(len(draggable) - 1, at + (1 if key == Qt.Key.Key_Down else -1)))]
            self.update()
        elif draggable and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            if self.selected in draggable:
                self.dates_asked.emit(self.bars[self.selected].index)
        else:
            super().keyPressEvent(event)
