"""Timeline grid: a thin read-only model over a TimelineGrid (people × periods) and the delegate painting its cells
as stacked bars (commitments, plan, tentative, leave, free; over-allocation in red) or as a utilisation heatmap."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from app.timeline.calendar import Granularity

Index = QModelIndex | QPersistentModelIndex
#: Role carrying a cell's figures (a dict) for the delegate.
FiguresRole = Qt.ItemDataRole.UserRole + 2
FIXED_COLUMNS = ("Group", "Person")
#: Fill per figure, in stacking order (then free space, then the red over-allocation).
COLOURS = {"confirmed": "#5b9bd5", "planned": "#70ad47", "tentative": "#bdd7ee", "leave": "#a6a6a6"}
OVER = "#e53935"
NAMES = {"confirmed": "confirmed", "planned": "this plan", "tentative": "tentative", "leave": "leave"}


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


class TimelineModel(QAbstractTableModel):
    """Rows: people (grouped); columns: group, person, then one per period. Cells carry their figures."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid = None
        self.order: list[int] = []
        self.groups: list[str] = []
        self.by = Granularity.MONTH

    def set_grid(self, grid, *, order: list[int], groups: list[str], by: Granularity) -> None:
        """Show a TimelineGrid: rows in `order` (indexes into grid.people), `groups` the label per shown row."""
        self.beginResetModel()
        self.grid, self.order, self.groups, self.by = grid, list(order), list(groups), Granularity(by)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        """People shown."""
        return 0 if parent.isValid() or self.grid is None else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        """Group, person, then the periods."""
        return 0 if parent.isValid() or self.grid is None else len(FIXED_COLUMNS) + len(self.grid.periods)

    def figures(self, row: int, t: int) -> dict[str, float]:
        """One person's figures in one period."""
        g, i = self.grid, self.order[row]
        return {"contracted": float(g.contracted[i, t]), "present": float(g.present[i, t]),
                "confirmed": float(g.confirmed[i, t]), "planned": float(g.planned[i, t]),
                "tentative": float(g.tentative[i, t]), "leave": float(g.leave[i, t]), "free": float(g.free[i, t]),
                "over": float(g.over[i, t])}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text (free FTE), the figures (FiguresRole), a tooltip in words, or the Person (UserRole)."""
        if not index.isValid() or self.grid is None or index.row() >= len(self.order):
            return None
        row, col = index.row(), index.column()
        person = self.grid.people[self.order[row]]
        if role == Qt.ItemDataRole.UserRole:
            return person
        if col == 0:
            return self.groups[row] if role == Qt.ItemDataRole.DisplayRole else None
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
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, t)
        return None

    def tooltip(self, row: int, t: int) -> str:
        """'Ana Ruiz, Mar 2027: 1 FTE contracted; confirmed 0.5 (Claims until 31 Mar); leave 0.2 (Holiday …)…'."""
        f, person, period = self.figures(row, t), self.grid.people[self.order[row]], self.grid.periods[t]
        lines = [f"{person.name}, {period.start.isoformat()} to {period.end.isoformat()}",
                 f"contracted {_fte(f['contracted'])} FTE"]
        for key in ("confirmed", "planned", "tentative", "leave"):
            if f[key] > 0.0005:
                lines.append(f"{NAMES[key]} {_fte(f[key])} FTE")
        for c in person.commitments:
            if (c.start is None or c.start <= period.end) and (c.end is None or c.end >= period.start):
                span = f" until {c.end.isoformat()}" if c.end else ""
                span = (f" from {c.start.isoformat()}" if c.start and c.start > period.start else "") + span
                lines.append(f"  · {c.initiative} {_fte(c.fte)} {c.status.value}{span}")
        for a in person.absences:
            if a.start <= period.end and a.end >= period.start:
                lines.append(f"  · {a.kind} {a.start.isoformat()} to {a.end.isoformat()}")
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
            label = {Granularity.WEEK: f"{period.start:%d %b}", Granularity.MONTH: f"{period.start:%b %Y}",
                     Granularity.QUARTER: f"Q{(period.start.month - 1) // 3 + 1} {period.start:%Y}"}[self.by]
            return f"◆ {label}" if gates else label
        if role == Qt.ItemDataRole.ToolTipRole:
            head = f"{period.start.isoformat()} to {period.end.isoformat()}, {period.working_days} working days"
            return "\n".join([head, *(f"{name}: {phase.label} gate {day.isoformat()}" for name, phase, day in gates)])
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
        if self.heatmap:
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
        for offset in self.model.gate_offsets(index.column() - len(FIXED_COLUMNS)):
            x = option.rect.left() + round(offset * (option.rect.width() - 1))
            painter.setPen(QPen(QColor("#1f4e79"), 2, Qt.PenStyle.DashLine))
            painter.drawLine(x, option.rect.top(), x, option.rect.bottom())
        painter.restore()
