"""Timeline grid: a thin read-only model over a TimelineGrid (people × periods, then the plan's arrivals) and the
delegate painting its cells as stacked bars (commitments, plan, tentative, leave, free; over-allocation in red) or as
a utilisation heatmap, with the plan's trainings as a strip on the trainee's cells and arrivals as bars from the day
they arrive."""
from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.planning.words.numbers import day as day_text
from app.timeline.calendar import Granularity
from app.timeline.plan_view import Arrival, TrainingSpan

Index = QModelIndex | QPersistentModelIndex
#: Role carrying a cell's figures (a dict) for the delegate.
FiguresRole = Qt.ItemDataRole.UserRole + 2
FIXED_COLUMNS = ("Group", "Person")
#: Fill per figure, in stacking order (then free space, then the red over-allocation).
COLOURS = {"confirmed": "#5b9bd5", "planned": "#70ad47", "tentative": "#bdd7ee", "leave": "#a6a6a6"}
OVER = "#e53935"
#: A planned training on the trainee's row; a planned hire or contractor from the day they arrive.
TRAINING, ARRIVAL = "#ed7d31", "#8e7cc3"
SELECTED = "#fff2cc"
#: Role carrying, for a person's cell, the parts of the period (0–1, 0–1) a planned training covers.
TrainingRole = Qt.ItemDataRole.UserRole + 3
NAMES = {"confirmed": "confirmed", "planned": "this plan", "tentative": "tentative", "leave": "leave"}
_FIGURES = ("contracted", "present", "confirmed", "planned", "tentative", "leave", "free", "over")


def _fte(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".") or "0"


def utilisation_colour(share: float) -> QColor:
    """White (nothing booked) through green (full) to red (over the contract)."""
    if share > 1.005:
        return QColor("#f8696b")
    if share <= 0.005:
        return QColor("#ffffff")
    light = QColor("#e2f0d9")
    full = QColor("#63be7b")
    t = min(1.0, share)
    return QColor(int(light.red() + (full.red() - light.red()) * t), int(light.green() + (full.green() - light.green()) * t),
                  int(light.blue() + (full.blue() - light.blue()) * t))


def stack_figures(grid) -> np.ndarray:
    """People × periods × figures (in `_FIGURES` order), so a cell's figures are one read.

    Filled a figure and a block of people at a time: one np.stack of 20,000 people held the GIL for tens of ms.
    """
    n, periods = grid.contracted.shape
    out = np.empty((n, periods, len(_FIGURES)), dtype=np.float32)
    for k, name in enumerate(_FIGURES):
        figure = getattr(grid, name)
        for lo in range(0, n, 4096):
            out[lo:lo + 4096, :, k] = figure[lo:lo + 4096]
    return out


class TimelineModel(QAbstractTableModel):
    """Rows: people (grouped); columns: group, person, then one per period. Cells carry their figures."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid = None
        self._stack = np.zeros((0, 0, len(_FIGURES)))
        self.order: list[int] = []
        self.groups: list[str] = []
        self.by = Granularity.MONTH
        self.trainings: dict[int, list[TrainingSpan]] = {}
        self.placed: dict[int, list] = {}  # person index → the plan's Placements (ui.screens.timeline_compute)
        self.arrivals: list[Arrival] = []
        self._arrival_fte = np.zeros((0, 0))

    def set_grid(self, grid, *, order: list[int], groups: list[str], by: Granularity,
                 stack: np.ndarray | None = None, trainings: dict[int, list[TrainingSpan]] | None = None,
                 arrivals: list[Arrival] | None = None, arrival_fte: np.ndarray | None = None,
                 placed: dict[int, list] | None = None) -> None:
        """Show a TimelineGrid: rows in `order` (indexes into grid.people, or `-(k + 1)` for arrival k), `groups`
        the label per shown row; `stack` is `stack_figures(grid)` when a worker made it already (at 20,000 people it
        is 8 million numbers); `trainings` per person index, `arrival_fte` arrivals × periods."""
        self.beginResetModel()
        self.grid, self.order, self.groups, self.by = grid, list(order), list(groups), Granularity(by)
        self._stack = stack if stack is not None else stack_figures(grid)
        self.trainings, self.arrivals = dict(trainings or {}), list(arrivals or [])
        self.placed = dict(placed or {})
        self._arrival_fte = arrival_fte if arrival_fte is not None else np.zeros((0, len(grid.periods)))
        self.endResetModel()

    def row_of(self, person_id: str) -> int:
        """The row showing a person, or -1."""
        people = self.grid.people if self.grid is not None else []
        return next((r for r, k in enumerate(self.order) if k >= 0 and people[k].id == person_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        """People shown."""
        return 0 if parent.isValid() or self.grid is None else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        """Group, person, then the periods."""
        return 0 if parent.isValid() or self.grid is None else len(FIXED_COLUMNS) + len(self.grid.periods)

    def figures(self, row: int, t: int) -> dict[str, float]:
        """One person's figures in one period (read from arrays stacked once per grid: a paint reads many cells)."""
        values = self._stack[self.order[row], t].tolist()
        return dict(zip(_FIGURES, values, strict=True))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text (free FTE), the figures (FiguresRole), a tooltip in words, or the Person (UserRole)."""
        if not index.isValid() or self.grid is None or index.row() >= len(self.order):
            return None
        row, col = index.row(), index.column()
        if col == 0 and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.groups[row]  # the tooltip: a name longer than the column is read in full
        if self.order[row] < 0:
            return self._arrival_data(-self.order[row] - 1, col, role)
        person = self.grid.people[self.order[row]]
        if role == Qt.ItemDataRole.UserRole:
            return person
        if col == 0:
            return None
        if col == 1:
            if role == Qt.ItemDataRole.DisplayRole:
                return person.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{person.name} ({person.id}), {_fte(person.fte)} FTE"
            return None
        t = col - len(FIXED_COLUMNS)
        if role == Qt.ItemDataRole.DisplayRole:
            return _fte(self.figures(row, t)["free"])
        if role == FiguresRole:
            return self.figures(row, t)
        if role == TrainingRole:
            return [self._part(s.first, s.last, t) for s in self.trainings.get(self.order[row], [])
                    if s.first <= self.grid.periods[t].end and s.last >= self.grid.periods[t].start]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, t)
        return None

    def _part(self, first, last, t: int) -> tuple[float, float]:
        """The part (0–1, 0–1) of period `t` that days `first` to `last` cover."""
        period = self.grid.periods[t]
        days = (period.end - period.start).days + 1
        return (max(0, (first - period.start).days) / days, min(days, (last - period.start).days + 1) / days)

    def _arrival_data(self, k: int, col: int, role: int) -> Any:
        """An arrival row: the role and who arrives, then its FTE from the day it arrives."""
        a = self.arrivals[k]
        if role == Qt.ItemDataRole.UserRole:
            return a
        tip = (f"{a.initiative}: {a.role}, {a.heads} ({a.noun}), in post from {day_text(a.day)} if requested by "
               f"{day_text(a.requisition)} ({a.lead_time_weeks} weeks lead time)")
        if col == 1:
            return {Qt.ItemDataRole.DisplayRole: f"+ {a.role} ({a.noun}, {a.heads})",
                    Qt.ItemDataRole.ToolTipRole: tip}.get(role)
        if col == 0:
            return None
        t = col - len(FIXED_COLUMNS)
        fte = float(self._arrival_fte[k, t])
        period = self.grid.periods[t]
        if role == Qt.ItemDataRole.DisplayRole:
            return _fte(fte) if fte > 0.0005 else ""
        if role == FiguresRole:
            return {"arrival": fte, "from": self._part(a.day, period.end, t)[0] if a.day >= period.start else 0.0,
                    "arrives": period.start <= a.day <= period.end}
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip if fte > 0.0005 else None
        return None

    def tooltip(self, row: int, t: int) -> str:
        """'Ana Ruiz, Mar 2027: 1 FTE contracted; confirmed 0.5 (Claims until 31 Mar); leave 0.2 (Holiday …)…'."""
        f, person, period = self.figures(row, t), self.grid.people[self.order[row]], self.grid.periods[t]
        lines = [f"{person.name}, {day_text(period.start)} to {day_text(period.end)}",
                 f"contracted {_fte(f['contracted'])} FTE"]
        for key in ("confirmed", "planned", "tentative", "leave"):
            if f[key] > 0.0005:
                lines.append(f"{NAMES[key]} {_fte(f[key])} FTE")
        for c in person.commitments:
            if (c.start is None or c.start <= period.end) and (c.end is None or c.end >= period.start):
                span = f" until {day_text(c.end)}" if c.end else ""
                span = (f" from {day_text(c.start)}" if c.start and c.start > period.start else "") + span
                lines.append(f"  · {c.initiative} {_fte(c.fte)} {c.status.value}{span}")
        for a in person.absences:
            if a.start <= period.end and a.end >= period.start:
                lines.append(f"  · {a.kind} {day_text(a.start)} to {day_text(a.end)}")
        for p in self.placed.get(self.order[row], []):
            if p.first <= period.end and p.last >= period.start:
                lines.append(f"  · this plan: {p.what} {_fte(p.fte)} FTE, {day_text(p.first)} – {day_text(p.last)} "
                             f"(then {p.ends})")
        for s in self.trainings.get(self.order[row], []):
            if s.first <= period.end and s.last >= period.start:
                lines.append(f"  · training {s.what} from {day_text(s.first)} (latest start) to "
                             f"{day_text(s.last)} (this plan)")
        lines.append(f"free {_fte(f['free'])} FTE" + (f"; over-allocated by {_fte(f['over'])} FTE" if f["over"] > 0.0005
                                                      else ""))
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Period labels (◆ where a gate falls) with the gates in the tooltip."""
        if orientation != Qt.Orientation.Horizontal or self.grid is None:
            return None
        if section < len(FIXED_COLUMNS):
            return FIXED_COLUMNS[section] if role == Qt.ItemDataRole.DisplayRole else None
        t = section - len(FIXED_COLUMNS)
        if t >= len(self.grid.periods):
            return None
        period, gates = self.grid.periods[t], self.grid.gates[t]
        if role == Qt.ItemDataRole.DisplayRole:
            # a week as every day in the window is written: '7 Dec', never '07 Dec'
            label = {Granularity.WEEK: f"{period.start.day} {period.start:%b}", Granularity.MONTH: f"{period.start:%b %Y}",
                     Granularity.QUARTER: f"Q{(period.start.month - 1) // 3 + 1} {period.start:%Y}"}[self.by]
            return f"◆ {label}" if gates else label
        if role == Qt.ItemDataRole.ToolTipRole:
            head = f"{day_text(period.start)} to {day_text(period.end)}, {period.working_days} working days"
            return "\n".join([head, *(f"{name}: {phase.label} gate {day_text(day)}" for name, phase, day in gates)])
        return None

    def gate_offsets(self, t: int) -> list[float]:
        """Where in period `t` its gates fall (0 = first day, 1 = last)."""
        period = self.grid.periods[t]
        span = max(1, (period.end - period.start).days)
        return [(day - period.start).days / span for _, _, day in self.grid.gates[t]]


class TimelineDelegate(QStyledItemDelegate):
    """Paints a period cell as stacked bars against the contract (`heatmap=False`) or as a utilisation colour."""

    def __init__(self, model: TimelineModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.model = model
        self.heatmap = False

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: D401
        """Bars or heat, then the gate lines of the period."""
        if index.column() < len(FIXED_COLUMNS):
            super().paint(painter, option, index)
            return
        f = index.data(FiguresRole)
        if f is None:
            return
        rect: QRect = option.rect.adjusted(1, 2, -1, -2)
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:  # a light mark: the bars stay readable
            painter.fillRect(option.rect, QColor(SELECTED))
        if "arrival" in f:
            self._paint_arrival(painter, rect, f)
        elif self.heatmap:
            contract = max(f["contracted"], 1e-9)
            share = (f["confirmed"] + f["planned"] + f["tentative"] + f["leave"]) / contract if f["contracted"] else 0
            painter.fillRect(rect, utilisation_colour(share))
            painter.setPen(QColor("#000000"))
            text = f"{share:.0%}" if f["contracted"] > 0.0005 else "–"
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
        else:
            scale = max(f["contracted"], f["confirmed"] + f["planned"] + f["tentative"] + f["leave"], 1e-9)
            x = float(rect.left())
            for key in ("confirmed", "planned", "tentative", "leave"):
                width = rect.width() * f[key] / scale
                if width > 0.2:
                    painter.fillRect(QRect(int(x), rect.top(), max(1, round(width)), rect.height()), QColor(COLOURS[key]))
                x += width
            painter.setPen(QPen(QColor(OVER), 2) if f["over"] > 0.0005 else QPen(QColor("#c0c0c0"), 1))
            painter.drawRect(rect)
        for first, last in index.data(TrainingRole) or ():
            left = rect.left() + round(first * rect.width())
            painter.fillRect(QRect(left, rect.bottom() - 3, max(2, round((last - first) * rect.width())), 4),
                             QColor(TRAINING))
        for offset in self.model.gate_offsets(index.column() - len(FIXED_COLUMNS)):
            x = option.rect.left() + round(offset * (option.rect.width() - 1))
            painter.setPen(QPen(QColor("#1f4e79"), 2, Qt.PenStyle.DashLine))
            painter.drawLine(x, option.rect.top(), x, option.rect.bottom())
        painter.restore()

    @staticmethod
    def _paint_arrival(painter: QPainter, rect: QRect, f: dict) -> None:
        """From the day the hire or contractor arrives: a bar, and a ▲ where they arrive."""
        if f["arrival"] <= 0.0005:
            return
        left = rect.left() + round(f["from"] * rect.width())
        painter.fillRect(QRect(left, rect.top() + 3, rect.right() - left + 1, rect.height() - 6), QColor(ARRIVAL))
        if f["arrives"]:
            painter.setPen(QColor("#000000"))
            painter.drawText(QRect(left - 6, rect.top(), 12, rect.height()), int(Qt.AlignmentFlag.AlignCenter), "▲")
