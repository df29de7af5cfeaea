"""The pool heatmap: people × initiatives with committed FTE, over-allocation in red."""
from __future__ import annotations

from collections.abc import Generator
from typing import Any

from PySide6.QtCore import QModelIndex, QModelRoleDataSpan, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain import Person
from ui.document import ProjectDocument
from ui.models.commitments import over_committed_words
from ui.models.later import roster_slices
from ui.models.people_grid import PeopleGridModel

Index = QModelIndex | QPersistentModelIndex
OVER_HEX = "#e53935"
OVER = QColor(OVER_HEX)
WHITE, BLACK = QColor("#ffffff"), QColor("#000000")
CENTRE = int(Qt.AlignmentFlag.AlignCenter)
SHADE_HEX = ("#e3f2fd", "#bbdefb", "#90caf9", "#64b5f6", "#42a5f5")
SHADES = tuple(QColor(c) for c in SHADE_HEX)


def fte_colour(fte: float) -> QColor | None:
    """Blue shade growing with FTE (None for 0)."""
    if fte <= 0:
        return None
    return SHADES[min(4, int(fte * 5))]


class PoolModel(PeopleGridModel):
    """Rows are people, columns every initiative plus Total; a Total above the person's FTE is red."""

    def __init__(self, doc: ProjectDocument, parent: Any = None) -> None:
        self.initiatives: list[str] = []
        super().__init__(doc, parent)
        doc.portfolio_changed.connect(self.reload)

    def _columns_pass(self) -> Generator[None, None, list[str]]:
        names = dict.fromkeys(i.id for i in self.doc.project.portfolio.initiatives)
        for part in roster_slices(self.doc.people):  # the core's Roster.initiatives(), a slice per step
            names.update(dict.fromkeys(part.initiatives()))
            yield
        return list(names)

    def _set_columns(self, columns: list[str]) -> None:
        self.initiatives = columns

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
        # the most promised at once: dated commitments that never overlap do not add up
        return person.peak_committed(None if column == len(self.initiatives) else self.initiatives[column])[0]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """FTE text, colour (red when over-allocated), tooltip or the Person (UserRole)."""
        if not self._valid(index):
            return None
        return self._answer(self.doc.people[index.row()], index.column(), self._fte(index.row(), index.column()),
                            role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan) -> None:  # noqa: N802, N803 - Qt names
        """Every role of a painted cell in one call, the FTE summed once (one trip into Python, not seven)."""
        valid = self._valid(index)
        person = self.doc.people[index.row()] if valid else None
        fte = self._fte(index.row(), index.column()) if valid else 0.0
        for i in range(roleDataSpan.size()):
            item = roleDataSpan[i]
            answer = self._answer(person, index.column(), fte, item.role()) if person is not None else None
            if answer is None:
                item.clearData()
            else:
                item.setData(answer)

    def _valid(self, index: Index) -> bool:
        return index.isValid() and index.row() < len(self.doc.people) and index.column() < len(self.initiatives) + 1

    def _answer(self, person: Person, column: int, fte: float, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{fte:.2f}" if fte else ""
        if role == Qt.ItemDataRole.EditRole:
            return fte
        if role == Qt.ItemDataRole.UserRole:
            return person
        if role not in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole):
            return CENTRE if role == Qt.ItemDataRole.TextAlignmentRole else None
        over = person.over_committed()
        if role == Qt.ItemDataRole.BackgroundRole:
            if over and (column == len(self.initiatives) or fte > 0):
                return OVER
            return fte_colour(fte)
        if role == Qt.ItemDataRole.ForegroundRole and fte > 0:
            return WHITE if over else BLACK
        if role == Qt.ItemDataRole.ToolTipRole and over:
            return f"{person.name}: {over_committed_words(person)}"
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
