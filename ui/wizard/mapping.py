"""The wizard's column-mapping step: where each column goes, suggested with a confidence, remembered per header set."""
from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QTableWidget, QVBoxLayout, QWidget, QWizardPage

from ui.models.later import sliced
from ui.wizard.common import WARN, mapping_key
from ui.wizard.common import cell_item as _item

if TYPE_CHECKING:
    from ui.import_wizard import ImportWizard


#: Combo boxes made at once when the page shows: each costs ~0.7 ms (widget, 26 items, placing it in the table); 25
#: columns in one go froze the wizard 20-40 ms, so the first rows show at once and the rest follow in 5 ms slices.
ROWS_PER_TURN = 6


class MappingTable(QTableWidget):
    """The mapping table; its target combo boxes are made a few rows at a time (see ROWS_PER_TURN)."""

    def __init__(self, fill_all: Callable[[], None]) -> None:
        super().__init__(0, 3)
        self._fill_all = fill_all

    def cellWidget(self, row: int, column: int) -> QWidget | None:  # noqa: N802 - Qt override
        """The widget in a cell; a row whose combo box is still to come gets it now (callers see every row)."""
        self._fill_all()
        return super().cellWidget(row, column)


class MappingPage(QWizardPage):
    """Step 3: where each column goes, with the suggestion's confidence; editable and remembered."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self._targets: list[str] = []  # per row, what the column goes to (the combo boxes write here)
        self._filled = 0  # rows that have their combo box
        self._rest = sliced(self, self._combos_pass, lambda _none: None)
        self.setTitle("Column mapping")
        self.setSubTitle("Suggested from the headers. Low-confidence guesses are highlighted; columns not used are "
                         "kept with each person, never dropped.")
        self.table = MappingTable(self._rest.finish_now)
        self.table.setAccessibleName("Column mapping")
        self.table.setHorizontalHeaderLabels(["Source column", "Goes to", "Confidence"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.saved_note = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.saved_note)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        """Fill the table from the saved mapping for these headers, else from the suggestion."""
        from app.roster_import.models import ColumnMapping

        info = self.w.info
        saved = self.w.services.settings.value(mapping_key(info.columns))
        mapping = info.mapping
        self.saved_note.setText("")
        if saved:
            try:
                mapping = ColumnMapping.model_validate_json(saved)
                self.saved_note.setText("Using the mapping you saved last time for these columns.")
            except ValueError:
                mapping = info.mapping
        self.table.clearContents()
        self.table.setRowCount(len(info.columns))
        self._targets, self._filled = [], 0
        for r, column in enumerate(info.columns):
            entry = mapping.columns.get(column)
            self._targets.append(entry.target if entry else "extra")
            self.table.setItem(r, 0, _item(column))
            confidence = entry.confidence if entry else 0.0
            label = f"{confidence:.0%}" + (f" → {entry.skill_id}" if entry and entry.skill_id else "")
            item = _item(label, tip="How sure the suggestion is; 100% = exact synonym or your choice")
            if confidence < 0.8:
                item.setBackground(QBrush(WARN))
                item.setForeground(QBrush(QColor("#000000")))
            self.table.setItem(r, 2, item)
        self._make_combos(ROWS_PER_TURN)
        self._rest.start()  # also drops a pass still making the combo boxes of the columns shown before

    def _combos_pass(self) -> Generator[None, None, None]:
        while self._filled < len(self._targets):
            self._make_combos(1)
            yield

    def _make_combos(self, count: int) -> None:
        """Combo boxes for the next `count` rows; once every row has one, columns 1-2 fit their contents."""
        from app.roster_import.models import ALL_TARGETS

        targets = sorted(ALL_TARGETS)
        columns = self.w.info.columns
        end = min(self._filled + count, len(self._targets))
        for r in range(self._filled, end):
            combo = QComboBox()
            combo.setAccessibleName(f"Target of column {columns[r]}")
            combo.addItems(targets)
            combo.setCurrentText(self._targets[r])
            combo.currentTextChanged.connect(lambda text, r=r: self._targets.__setitem__(r, text))
            QTableWidget.setCellWidget(self.table, r, 1, combo)
        self._filled = end
        if end == len(self._targets):
            for column in (1, 2):  # the source column stretches to the rest
                self.table.resizeColumnToContents(column)

    def mapping(self):
        """The mapping as edited (changed rows get confidence 1.0: the user chose them)."""
        from app.roster_import.models import ColumnMapping, ColumnTarget

        info = self.w.info
        columns: dict[str, ColumnTarget] = {}
        for column, target in zip(info.columns, self._targets, strict=True):
            old = info.mapping.columns.get(column)
            if old is not None and old.target == target:
                columns[column] = old
            else:
                columns[column] = ColumnTarget(target=target, confidence=1.0)
        return ColumnMapping(columns=columns, layout=info.mapping.layout, scale=info.mapping.scale)

    def set_target(self, column: str, target: str) -> None:
        """Change where one column goes (as the user would with the combo box)."""
        r = self.w.info.columns.index(column)
        self._targets[r] = target
        if r < self._filled:
            QTableWidget.cellWidget(self.table, r, 1).setCurrentText(target)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """Remember the mapping for the next file with the same headers."""
        mapping = self.mapping()
        self.w.mapping = mapping
        self.w.services.settings.setValue(mapping_key(self.w.info.columns), mapping.model_dump_json())
        return True
