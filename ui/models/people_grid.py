"""The shape the people heatmaps share: one row per person, columns derived from the roster and recomputed lazily."""
from __future__ import annotations

from collections.abc import Generator
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.document import ProjectDocument
from ui.models.later import sliced

READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # combined once (enum arithmetic is Python)
#: Rosters below this size recompute their columns at once after an edit (a pass takes a few milliseconds).
SYNC_ROWS = 5_000


def drain(generator: Generator[None, None, Any]) -> Any:
    """Run a sliced pass to its end at once and return its result."""
    try:
        while True:
            next(generator)
    except StopIteration as stop:
        return stop.value

Index = QModelIndex | QPersistentModelIndex


class PeopleGridModel(QAbstractTableModel):
    """Rows are the project's people; subclasses name the columns (`_compute_columns`) and the cells (`data`)."""

    def __init__(self, doc: ProjectDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._set_columns(drain(self._columns_pass()))
        self._columns_timer = sliced(self, self._columns_pass, self._on_columns)
        doc.project_replaced.connect(self._on_replaced)
        doc.person_changed.connect(self._on_person_changed)
        doc.scenario_changed.connect(self._on_marks)
        doc.person_inserted.connect(lambda _row: self.reload())
        doc.person_removed.connect(lambda _row: self.reload())

    def _columns_pass(self) -> Generator[None, None, list[str]]:
        """The columns, found by a pass over everyone that yields every `later.STEP` people."""
        raise NotImplementedError

    def _set_columns(self, columns: list[str]) -> None:
        raise NotImplementedError

    def _on_person_changed(self, row: int) -> None:
        raise NotImplementedError

    def _on_replaced(self) -> None:
        """New people: rows follow at once; the columns (a pass over everyone) in slices on the next turns."""
        self.beginResetModel()
        self.endResetModel()
        self._columns_timer.start()

    def _on_columns(self, columns: list[str]) -> None:
        self.beginResetModel()
        self._set_columns(columns)
        self.endResetModel()

    def _on_marks(self) -> None:
        if self.doc.people:  # the row names say who is pinned or excluded
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.doc.people) - 1)

    def reload(self) -> None:
        """Recompute the columns after a structural change (at once for a small roster, else in slices)."""
        if len(self.doc.people) < SYNC_ROWS:
            self._columns_timer.start()
            self._columns_timer.finish_now()
        else:
            self._columns_timer.start()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of people."""
        return 0 if parent.isValid() else len(self.doc.people)

    def person_header(self, section: int) -> str | None:
        """The name heading row `section` (with 'pinned' or 'excluded' in the active scenario), or None."""
        if not 0 <= section < len(self.doc.people):
            return None
        person = self.doc.people[section]
        mark = self.doc.marks().get(person.id)
        return f"{person.name} · {mark}" if mark else person.name

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Read-only, selectable cells."""
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags
