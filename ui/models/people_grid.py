"""The shape the people heatmaps share: one row per person, columns derived from the roster and recomputed lazily."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.document import ProjectDocument
from ui.models.later import later

Index = QModelIndex | QPersistentModelIndex


class PeopleGridModel(QAbstractTableModel):
    """Rows are the project's people; subclasses name the columns (`_compute_columns`) and the cells (`data`)."""

    def __init__(self, doc: ProjectDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._compute_columns()
        self._columns_timer = later(self, self.reload)
        doc.project_replaced.connect(self._on_replaced)
        doc.person_changed.connect(self._on_person_changed)
        doc.person_inserted.connect(lambda _row: self.reload())
        doc.person_removed.connect(lambda _row: self.reload())

    def _compute_columns(self) -> None:
        raise NotImplementedError

    def _on_person_changed(self, row: int) -> None:
        raise NotImplementedError

    def _on_replaced(self) -> None:
        """New people: rows follow at once; the columns (a pass over everyone) on the next event-loop turn."""
        self.beginResetModel()
        self.endResetModel()
        self._columns_timer.start()

    def reload(self) -> None:
        """Recompute the columns after a structural change."""
        self.beginResetModel()
        self._compute_columns()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of people."""
        return 0 if parent.isValid() else len(self.doc.people)

    def person_header(self, section: int) -> str | None:
        """The name heading row `section`, or None outside the roster."""
        return self.doc.people[section].name if 0 <= section < len(self.doc.people) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Read-only, selectable cells."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
