"""The pool heatmap: people × initiatives with committed FTE, over-allocation in red."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ui.document import ProjectDocument
from ui.models.people_grid import PeopleGridModel

Index = QModelIndex | QPersistentModelIndex
OVER = QColor("#e53935")


def fte_colour(fte: float) -> QColor | None:
    """Blue shade growing with FTE (None for 0)."""
    if fte <= 0:
        return None
    shades = ("#e3f2fd", "#bbdefb", "#90caf9", "#64b5f6", "#42a5f5")
    return QColor(shades[min(4, int(fte * 5))])


class PoolModel(PeopleGridModel):
    """Rows are people, columns every initiative plus Total; a Total above the person's FTE is red."""

    def __init__(self, doc: ProjectDocument, parent: Any = None) -> None:
        self.initiatives: list[str] = []
        super().__init__(doc, parent)
        doc.portfolio_changed.connect(self.reload)

    def _compute_columns(self) -> None:
        ids = [i.id for i in self.doc.project.portfolio.initiatives]
        self.initiatives = ids + [i for i in self.doc.project.roster.initiatives() if i not in ids]

    def _on_person_changed(self, row: int) -> None:
        known = set(self.initiatives)
        if any(c.initiative not in known for c in self.doc.people[row].commitments):
            self.reload()  # a new initiative column
            return
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.initiatives)),
                              [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole,
                               Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Initiatives plus the Total column."""
        return 0 if parent.isValid() else len(self.initiatives) + 1

    def _fte(self, row: int, column: int) -> float:
        person = self.doc.people[row]
        if column == len(self.initiatives):
            return round(person.committed_fte(), 4)
        return round(sum(c.fte for c in person.commitments if c.initiative == self.initiatives[column]), 4)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """FTE text, colour (red when over-allocated), tooltip or the Person (UserRole)."""
        if not index.isValid() or index.row() >= len(self.doc.people) or index.column() >= len(self.initiatives) + 1:
            return None
        person = self.doc.people[index.row()]
        fte = self._fte(index.row(), index.column())
        over = person.committed_fte() > person.fte + 1e-9
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{fte:.2f}" if fte else ""
        if role == Qt.ItemDataRole.EditRole:
            return fte
        if role == Qt.ItemDataRole.UserRole:
            return person
        if role == Qt.ItemDataRole.BackgroundRole:
            if over and (index.column() == len(self.initiatives) or fte > 0):
                return OVER
            return fte_colour(fte)
        if role == Qt.ItemDataRole.ForegroundRole and fte > 0:
            return QColor("#ffffff") if over else QColor("#000000")
        if role == Qt.ItemDataRole.ToolTipRole and over:
            return f"{person.name} is over-allocated: {person.committed_fte():.2f} FTE of {person.fte:.2f}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Initiative names across (also as tooltips), people down."""
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section == len(self.initiatives):
                return "Total"
            if 0 <= section < len(self.initiatives):
                found = self.doc.project.initiative(self.initiatives[section])
                return found.name if found else self.initiatives[section]
        else:
            return self.person_header(section)
        return None
