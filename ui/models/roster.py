"""RosterTableModel: a thin Qt adapter over the roster's list[Person]; edits go through the undo stack."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QModelRoleDataSpan, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain import Person
from ui.commands import EditRejected, SetPersonField
from ui.document import ProjectDocument
from ui.models.commitments import commitment_span as _span
from ui.models.commitments import over_committed_words
from ui.models.order import BLANK
from ui.undo import push
from ui.widgets.tables import MEASURED_ROWS

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
OVER = QColor("#c62828")


@dataclass(frozen=True)
class Column:
    """One roster column: header, Person field and whether the user may edit it."""

    header: str
    field: str
    editable: bool = False
    tooltip: str = ""
    width: int = 100  # starting width in pixels; never measured over the rows (a roster may have 100,000)


COLUMNS: tuple[Column, ...] = (
    Column("ID", "id", tooltip="Employee id as HR writes it", width=80),
    Column("Name", "name", editable=True, width=150),
    Column("Title", "title", editable=True, width=160),
    Column("Organisation", "organisation", editable=True, width=150),
    Column("Location", "location", editable=True, width=95),
    Column("FTE", "fte", editable=True, tooltip="Contracted FTE (1.0 = full time)", width=50),
    Column("Free FTE", "free_fte", tooltip="FTE not promised to any initiative today (commitments that have ended "
           "or not started yet leave it free)", width=70),
    Column("Initiatives", "initiatives", tooltip="Current commitments", width=190),
    Column("Skills", "skill_count", tooltip="Number of skills with a level above 0", width=50),
    Column("Available", "available", editable=True, tooltip="Unticked when on leave, leaving or excluded by HR"),
    Column("In this scenario", "scenario", tooltip="Pinned (by you or approved by an approver) or excluded in "
                                                   "the active scenario (Plan screen → Pins and decisions)", width=110),
)


def _column_flags(column: Column) -> Qt.ItemFlag:
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if column.editable:
        flags |= Qt.ItemFlag.ItemIsUserCheckable if column.field == "available" else Qt.ItemFlag.ItemIsEditable
    return flags


_FLAGS = tuple(_column_flags(c) for c in COLUMNS)  # enum arithmetic is Python code: done once, here


def _value(person: Person, field: str, marks: dict[str, str] | None = None,
           names: dict[str, str] | None = None) -> Any:
    if field == "scenario":
        return (marks or {}).get(person.id, "")
    if field == "free_fte":  # nobody not available has time to give: a leaver showed 'Free FTE 1.00'
        # not clamped at zero: an over-committed person reads how far over they are (-0.20), not 0.00
        return round(person.fte - person.committed_fte(on=date.today()), 4) if person.available else None
    if field == "initiatives":  # by the initiative's name: a renamed one showed the name it was imported with
        names = names or {}
        return ", ".join(f"{names.get(c.initiative, c.initiative)} {c.fte:g}{_span(c)}" for c in person.commitments)
    if field == "skill_count":
        return sum(1 for s in person.skills.values() if s.level > 0)
    return getattr(person, field)


def _key(value: Any) -> tuple:
    """Sort key: blanks last, text without case, numbers as numbers."""
    if value is None or value == "":
        return BLANK
    if isinstance(value, str):
        return (0, value.casefold())
    return (0, value)


def _cell(person: Person, column: Column, value: Any, role: int) -> Any:
    """What a cell shows for one role, given its value (one of `_answers`)."""
    return _answers(person, column, value).get(int(role))


_DISPLAY, _EDIT, _CHECK = (int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                                               Qt.ItemDataRole.CheckStateRole))
_ALIGN, _TIP, _FORE, _USER = (int(r) for r in (Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole,
                                               Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.UserRole))
_CHECKED, _UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


def _answers(person: Person, column: Column, value: Any) -> dict[int, Any]:
    """Every role a cell answers, at once (what a painted cell asks for): the person, text, edit value, check state,
    alignment, and the over-commitment tooltip and colour."""
    if column.field == "available":
        return {_USER: person, _CHECK: _CHECKED if value else _UNCHECKED, _DISPLAY: "Yes" if value else "No"}
    if value is None:
        answers = {_USER: person, _DISPLAY: "", _EDIT: ""}
        if column.field == "free_fte":
            answers[_DISPLAY] = "—"
            answers[_TIP] = "Not available (left, on leave or excluded by HR): no plan uses this person"
    elif isinstance(value, float):
        answers = {_USER: person, _DISPLAY: f"{value:.2f}", _EDIT: value, _ALIGN: RIGHT}
    elif isinstance(value, int):
        answers = {_USER: person, _DISPLAY: value, _EDIT: value, _ALIGN: RIGHT}
    else:
        answers = {_USER: person, _DISPLAY: value, _EDIT: value}
    if column.field in ("fte", "free_fte") and person.over_committed():
        answers[_TIP] = over_committed_words(person)
        if column.field == "free_fte":
            answers[_FORE] = OVER
    return answers


class RosterTableModel(QAbstractTableModel):
    """People as rows, person fields as columns; Qt.UserRole returns the Person; setData pushes an undo command."""

    def __init__(self, doc: ProjectDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.last_error = ""
        #: skill id -> name, for the search (replaced, never changed in place: a worker may be reading it)
        self.skill_names: dict[str, str] = self._names()
        #: initiative id -> name (replaced, never changed in place: a worker may be reading it)
        self.initiative_names: dict[str, str] = self._initiative_names()
        self._initiatives_column = next(i for i, c in enumerate(COLUMNS) if c.field == "initiatives")
        doc.portfolio_changed.connect(self._on_portfolio_changed)
        #: person id -> 'pinned' / 'excluded' in the active scenario (replaced, never changed in place)
        self.marks: dict[str, str] = {}
        self._marks_column = next(i for i, c in enumerate(COLUMNS) if c.field == "scenario")
        doc.scenario_changed.connect(self.update_marks)
        doc.project_replaced.connect(self.update_marks)
        self.update_marks()
        doc.project_replaced.connect(self._on_reset)
        doc.person_changed.connect(self._on_person_changed)
        doc.person_about_to_be_inserted.connect(lambda row: self.beginInsertRows(QModelIndex(), row, row))
        doc.person_inserted.connect(lambda _row: self.endInsertRows())
        doc.person_about_to_be_removed.connect(lambda row: self.beginRemoveRows(QModelIndex(), row, row))
        doc.person_removed.connect(lambda _row: self.endRemoveRows())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of people (0 under any valid parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self.doc.people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, edit value, check state, alignment, tooltip or the Person (UserRole)."""
        if not index.isValid() or not (0 <= index.row() < len(self.doc.people)):
            return None
        person = self.doc.people[index.row()]
        column = COLUMNS[index.column()]
        return _cell(person, column, _value(person, column.field, self.marks, self.initiative_names), role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan) -> None:  # noqa: N802, N803 - Qt names
        """Every role a delegate asks for in one call (one trip into Python per painted cell, not seven)."""
        valid = index.isValid() and 0 <= index.row() < len(self.doc.people)
        self.fill(index.row() if valid else -1, index.column(), roleDataSpan)

    def fill(self, row: int, column: int, span: QModelRoleDataSpan) -> None:
        """Answer every role of `span` for one cell (row -1: none); the proxy calls this with the source row."""
        person = self.doc.people[row] if 0 <= row < len(self.doc.people) else None
        col = COLUMNS[column] if person is not None and 0 <= column < len(COLUMNS) else None
        # one dict per cell, not one `_cell` per role: a painted screenful is ~250 cells of 7 roles each
        answers = (_answers(person, col, _value(person, col.field, self.marks, self.initiative_names))
                   if col is not None else {})
        for i in range(span.size()):
            item = span[i]
            answer = answers.get(item.role())
            if answer is None:
                item.clearData()
            else:
                item.setData(answer)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column headers (with tooltips) and 1-based row numbers."""
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].header
            if role == Qt.ItemDataRole.ToolTipRole:
                return COLUMNS[section].tooltip or None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable everywhere; editable (or checkable) on the editable columns."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self.column_flags(index.column())

    @staticmethod
    def column_flags(column: int) -> Qt.ItemFlag:
        """The flags of every cell of a column (the same on every row), combined once, not per painted cell."""
        return _FLAGS[column] if 0 <= column < len(_FLAGS) else Qt.ItemFlag.NoItemFlags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Push an undoable edit; False (and `last_error` set) when the value breaks a rule."""
        if not index.isValid() or not (self.flags(index) & (Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)):
            return False
        column = COLUMNS[index.column()]
        if column.field == "available":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        elif role != Qt.ItemDataRole.EditRole:
            return False
        if column.field == "fte" and isinstance(value, str):
            try:
                value = float(value.replace(",", ".").rstrip("%")) / (100 if value.endswith("%") else 1)
            except ValueError:
                self.last_error = f"FTE must be a number, not '{value}'"
                return False
        if isinstance(value, str):
            value = value.strip() or None if column.field != "name" else value
        if _value(self.doc.people[index.row()], column.field) == value:
            return True
        try:
            command = SetPersonField(self.doc, row=index.row(), field=column.field, value=value)
        except EditRejected as exc:
            self.last_error = f"{column.header}: {exc}"
            return False
        self.last_error = ""
        push(self.doc.undo_stack, command)
        return True

    def sort_keys(self, column: int) -> list:
        """One sort key per row for a column (blanks last), computed in one pass for fast sorting."""
        return self.keys_of(self.doc.people, column)

    def search_text(self, row: int) -> str:
        """The row's words a search looks in (id, name, title, organisation, location, initiatives), lower-case."""
        return self.text_of(self.doc.people[row])

    def snapshot(self) -> list[Person]:
        """The rows as they are now (a copy of the list, the people shared), for ordering on a worker."""
        return list(self.doc.people)

    def keys_of(self, people: list[Person], column: int) -> list:
        """Sort keys of a column for these people (no Qt: safe on a worker)."""
        field, marks, names = COLUMNS[column].field, self.marks, self.initiative_names
        values = [_value(p, field, marks, names) for p in people]
        kinds = {type(v) for v in values}
        if kinds == {str} and "" not in values:
            return [v.casefold() for v in values]
        if kinds <= {int, float} or kinds == {bool}:
            return values  # plain numbers compare fastest as they are
        return [_key(v) for v in values]

    def text_of(self, p: Person) -> str:
        """A person's search text, lower-case: id, name, title, organisation, location, initiatives and the names of
        the skills they hold (no Qt: safe on a worker)."""
        names, initiative_names = self.skill_names, self.initiative_names
        initiatives = "\x1f".join(initiative_names.get(c.initiative, c.initiative) for c in p.commitments)
        skills = "\x1f".join(names.get(k, k) for k, v in p.skills.items() if v.level > 0)
        return f"{p.id}\x1f{p.name}\x1f{p.title or ''}\x1f{p.organisation or ''}\x1f{p.location or ''}\x1f" \
               f"{initiatives}\x1f{skills}".casefold()

    @staticmethod
    def skill_filter(skill_id: str, level: int):
        """A row filter: people holding `skill_id` at `level` or above (no Qt: safe on a worker)."""
        def keep(p: Person) -> bool:
            entry = p.skills.get(skill_id)
            return entry is not None and entry.level >= level
        return keep

    def _on_person_changed(self, row: int) -> None:
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole,
                 Qt.ItemDataRole.UserRole]
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1), roles)

    def _on_reset(self) -> None:
        self.beginResetModel()
        self.skill_names = self._names()
        self.initiative_names = self._initiative_names()
        self.endResetModel()

    def _on_portfolio_changed(self) -> None:
        names = self._initiative_names()
        if names != self.initiative_names:  # renamed, added or deleted: the Initiatives column follows
            self.initiative_names = names
            self._repaint_column(self._initiatives_column)

    def _repaint_column(self, column: int) -> None:
        if self.doc.people:
            self.dataChanged.emit(self.index(0, column), self.index(len(self.doc.people) - 1, column),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])

    def _initiative_names(self) -> dict[str, str]:
        return self.doc.project.portfolio.names()

    def sample_texts(self, rows: int = MEASURED_ROWS) -> list[list[str]]:
        """What the first `rows` rows show, column by column, worked out in Python (no call through Qt per cell)."""
        people = self.doc.people[:rows]
        out = []
        for column in COLUMNS:
            texts = []
            for person in people:
                shown = _answers(person, column, _value(person, column.field, self.marks,
                                                        self.initiative_names)).get(_DISPLAY, "")
                texts.append(str(shown))
            out.append(texts)
        return out

    def update_marks(self) -> None:
        """Read who the active scenario pins or excludes, and repaint that column."""
        marks = self.doc.marks()
        if marks != self.marks:
            self.marks = marks
            self._repaint_column(self._marks_column)

    def _names(self) -> dict[str, str]:
        catalogue = self.doc.project.catalogue
        return {s.id: s.name for s in catalogue.skills} if catalogue is not None else {}
