"""People × skills heatmap: a read-only model of canonical levels 0–5 and a delegate painting them as colour."""
from __future__ import annotations

from collections.abc import Generator
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QStaticText
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.domain import LEVEL_LABELS, Person
from ui.document import ProjectDocument
from ui.models.later import STEP
from ui.models.people_grid import PeopleGridModel

Index = QModelIndex | QPersistentModelIndex

#: Level 1..5 fills, light to dark; chosen so the number stays readable on both light and dark palettes.
LEVEL_COLOURS = ("#e3f2fd", "#90caf9", "#42a5f5", "#1e88e5", "#0d47a1")
CENTRE = int(Qt.AlignmentFlag.AlignCenter)
SELECTED = QStyle.StateFlag.State_Selected.value  # tested on the int: Flag arithmetic is Python code
LEVEL_TEXT = tuple(str(level) for level in range(6))
#: Role carrying the raw number a delegate paints (int level, or float for FTE heatmaps).
ValueRole = Qt.ItemDataRole.UserRole + 1


def level_colour(level: int) -> QColor | None:
    """Fill colour of a level (None for 0, painted as the view background)."""
    return QColor(LEVEL_COLOURS[min(level, 5) - 1]) if level > 0 else None


def readable_text(fill: QColor) -> QColor:
    """Black or white, whichever reads better on `fill`."""
    luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF()
    return QColor("#000000") if luminance > 0.5 else QColor("#ffffff")


def skills_held(people: list[Person]) -> Generator[None, None, set[str]]:
    """A pass over everyone, yielding every `later.STEP` people, that returns the skills someone holds above 0."""
    seen: set[str] = set()
    for i, person in enumerate(people):
        if i % STEP == 0:
            yield
        for sid, entry in person.skills.items():
            if entry.level > 0:
                seen.add(sid)
    return seen


class SkillHeatmapModel(PeopleGridModel):
    """Rows are people, columns the skills anyone has; cells are levels 0–5 (UserRole: the Person)."""

    def __init__(self, doc: ProjectDocument, parent: Any = None) -> None:
        self.skill_ids: list[str] = []
        super().__init__(doc, parent)

    def _columns_pass(self) -> Generator[None, None, list[str]]:
        seen = yield from skills_held(self.doc.people)
        catalogue = self.doc.project.catalogue
        if catalogue is not None:
            order = {s.id: (s.category, s.name) for s in catalogue.skills}
            return sorted(seen, key=lambda sid: order.get(sid, ("~", sid)))
        return sorted(seen)

    def _set_columns(self, columns: list[str]) -> None:
        self.skill_ids = columns

    def skill_name(self, skill_id: str) -> str:
        """Display name of a skill."""
        catalogue = self.doc.project.catalogue
        return catalogue.name_of(skill_id) if catalogue is not None else skill_id

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of skills shown."""
        return 0 if parent.isValid() else len(self.skill_ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The level as text, number (ValueRole), tooltip with evidence, or the Person (UserRole)."""
        if not index.isValid() or index.row() >= len(self.doc.people) or index.column() >= len(self.skill_ids):
            return None
        person: Person = self.doc.people[index.row()]
        skill_id = self.skill_ids[index.column()]
        entry = person.skills.get(skill_id)
        level = entry.level if entry else 0
        if role == Qt.ItemDataRole.DisplayRole:
            return str(level) if level else ""  # blank: no skill
        if role == ValueRole:
            return level
        if role == Qt.ItemDataRole.UserRole:
            return person
        if role == Qt.ItemDataRole.ToolTipRole:
            text = f"{person.name} — {self.skill_name(skill_id)}: {level} ({LEVEL_LABELS[level]})"
            if entry is not None:
                text += f", {entry.evidence.value}"
                if entry.source_value:
                    text += f", source '{entry.source_value}'"
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Skill names across the top, people's names down the side."""
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.skill_ids):
            return self.skill_name(self.skill_ids[section])
        if orientation == Qt.Orientation.Vertical:
            return self.person_header(section)
        return None

    def _on_person_changed(self, row: int) -> None:
        if any(sid not in self.skill_ids for sid, s in self.doc.people[row].skills.items() if s.level > 0):
            self.reload()
            return
        if self.skill_ids:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.skill_ids) - 1),
                                  [Qt.ItemDataRole.DisplayRole, ValueRole, Qt.ItemDataRole.ToolTipRole])


class LevelDelegate(QStyledItemDelegate):
    """Paints a 0–5 level as a coloured cell with the number on top, readable on light and dark palettes."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        # built once: a heatmap paints hundreds of cells per frame, each a call into Python that must stay short
        self._fills = [level_colour(level) for level in range(1, 6)]
        self._pens = [readable_text(fill) for fill in self._fills]
        self._texts = [QStaticText(text) for text in LEVEL_TEXT]  # laid out once, not per cell like drawText
        self._offsets: list[tuple[int, int]] = []

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Fill by level, then the number in black or white."""
        level = index.data(ValueRole)
        if not isinstance(level, int):
            super().paint(painter, option, index)
            return
        painter.save()
        rect: QRect = option.rect.adjusted(1, 1, -1, -1)
        if level > 0:
            painter.fillRect(rect, self._fills[min(level, 5) - 1])
            painter.setPen(self._pens[min(level, 5) - 1])
        else:  # no skill: a blank cell, so the levels people do hold stand out
            painter.fillRect(rect, option.palette.base())
        if 1 <= level <= 5:
            if not self._offsets:
                metrics = option.fontMetrics
                self._offsets = [(metrics.horizontalAdvance(t) // 2, metrics.height() // 2) for t in LEVEL_TEXT]
            dx, dy = self._offsets[level]
            centre = rect.center()
            painter.drawStaticText(centre.x() - dx + 1, centre.y() - dy + 1, self._texts[level])
        elif level:
            painter.drawText(rect, CENTRE, str(level))
        if option.state.value & SELECTED:
            painter.setPen(option.palette.highlight().color())
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.restore()
