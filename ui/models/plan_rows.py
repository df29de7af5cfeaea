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
                 on_edit: Callable[[int, float], str], pinned: Callable[[Any], bool] | None = None) -> None:
        self.pinned = pinned or (lambda a: a.pinned)
        super().__init__(fields, parent)
        self.fte_column = fte_column
        self.editable_columns = frozenset({fte_column})
        self.on_edit = on_edit
        self.row_problems: dict[int, list[str]] = {}
        self.last_error = ""

    def set_row_problems(self, problems: dict[int, list[str]]) -> None:
        """Tint the rows a broken rule names (tooltip: the rules), clearing the others."""
        changed = set(problems) | set(self.row_problems)
        self.row_problems = {r: list(p) for r, p in problems.items()}
        self.restyle_rows(sorted(changed))

    def row_style(self, row: int) -> tuple[QColor | None, str | None]:
        """Broken rules tint the row red (tooltip: the rules); a pinned row is yellow."""
        problems = self.row_problems.get(row)
        if problems:
            return BROKEN, "\n".join(problems)
        return (PINNED if self.pinned(self.records[row]) else None), None

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
