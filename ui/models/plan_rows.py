"""The plan's assignments as an editable table: the FTE cell pushes an undo command, broken rules tint the row."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ui.models.records import Field, RecordTableModel

Index = QModelIndex | QPersistentModelIndex
BROKEN = QColor("#ffcdd2")
PINNED = QColor("#fff9c4")


def parse_fte(value: Any) -> float:
    """An FTE typed by a user: 0.5, '0,5' or '50%'; ValueError with the reason otherwise."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().replace(",", ".")
    try:
        return float(text.rstrip("%").strip()) / (100 if text.endswith("%") else 1)
    except ValueError:
        raise ValueError(f"FTE must be a number such as 0.5 or 50%, not '{value}'") from None


class AssignmentTableModel(RecordTableModel):
    """Assignments with an editable FTE column; `on_edit(row, fte)` returns '' or the reason the edit was refused."""

    def __init__(self, fields: Sequence[Field], parent: Any = None, *, fte_column: int,
                 on_edit: Callable[[int, float], str]) -> None:
        super().__init__(fields, parent)
        self.fte_column = fte_column
        self.on_edit = on_edit
        self.row_problems: dict[int, list[str]] = {}
        self.last_error = ""

    def set_row_problems(self, problems: dict[int, list[str]]) -> None:
        """Tint the rows a broken rule names (tooltip: the rules), clearing the others."""
        changed = set(problems) | set(self.row_problems)
        self.row_problems = {r: list(p) for r, p in problems.items()}
        if changed and self.records:
            last = self.columnCount() - 1
            for row in sorted(r for r in changed if r < len(self.records)):
                self.dataChanged.emit(self.index(row, 0), self.index(row, last),
                                      [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])

    def cell(self, row: int, column: int, role: int) -> Any:
        """Like RecordTableModel, plus the broken-rule tint and tooltip and the pinned tint."""
        problems = self.row_problems.get(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            return BROKEN if problems else PINNED if self.records[row].pinned else None
        if role == Qt.ItemDataRole.ForegroundRole and (problems or self.records[row].pinned):
            return QColor("#000000")
        if role == Qt.ItemDataRole.ToolTipRole and problems:
            return "\n".join(problems)
        return super().cell(row, column, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable; the FTE cell is editable."""
        flags = super().flags(index)
        if index.isValid() and index.row() < len(self.records) and index.column() == self.fte_column:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Hand the new FTE to `on_edit` (which pushes an undo command); False with `last_error` when refused."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.fte_column:
            return False
        try:
            fte = parse_fte(value)
        except ValueError as exc:
            self.last_error = str(exc)
            return False
        self.last_error = self.on_edit(index.row(), fte)
        return not self.last_error


def rows_named(problems: Sequence[str], records: Sequence[Any], initiative_names: dict[str, str]) -> dict[int, list[str]]:
    """Which assignment rows each broken rule is about: it names the person, or the role on the initiative."""
    out: dict[int, list[str]] = {}
    for row, a in enumerate(records):
        who = a.person_name or a.person_id
        role = a.role_name or a.role
        where = f"{role} on {initiative_names.get(a.initiative, a.initiative)}"
        hits = [p for p in problems if (who and who in p) or where in p or p.startswith(f"{role} receives ")]
        if hits:
            out[row] = hits
    return out
