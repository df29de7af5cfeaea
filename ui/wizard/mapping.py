"""The wizard's column-mapping step: where each column goes, suggested with a confidence, remembered per header set."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QTableWidget, QVBoxLayout, QWizardPage

from ui.wizard.common import WARN, mapping_key
from ui.wizard.common import cell_item as _item

if TYPE_CHECKING:
    from ui.import_wizard import ImportWizard


class MappingPage(QWizardPage):
    """Step 3: where each column goes, with the suggestion's confidence; editable and remembered."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Column mapping")
        self.setSubTitle("Suggested from the headers. Low-confidence guesses are highlighted; columns not used are "
                         "kept with each person, never dropped.")
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName("Column mapping")
        self.table.setHorizontalHeaderLabels(["Source column", "Goes to", "Confidence"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.saved_note = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.saved_note)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        """Fill the table from the saved mapping for these headers, else from the suggestion."""
        from app.roster_import.models import ALL_TARGETS, ColumnMapping

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
        targets = sorted(ALL_TARGETS)
        self.table.setRowCount(len(info.columns))
        for r, column in enumerate(info.columns):
            entry = mapping.columns.get(column)
            self.table.setItem(r, 0, _item(column))
            combo = QComboBox()
            combo.setAccessibleName(f"Target of column {column}")
            combo.addItems(targets)
            combo.setCurrentText(entry.target if entry else "extra")
            self.table.setCellWidget(r, 1, combo)
            confidence = entry.confidence if entry else 0.0
            label = f"{confidence:.0%}" + (f" → {entry.skill_id}" if entry and entry.skill_id else "")
            item = _item(label, tip="How sure the suggestion is; 100% = exact synonym or your choice")
            if confidence < 0.8:
                item.setBackground(QBrush(WARN))
                item.setForeground(QBrush(QColor("#000000")))
            self.table.setItem(r, 2, item)
        self.table.resizeColumnsToContents()

    def mapping(self):
        """The mapping as edited (changed rows get confidence 1.0: the user chose them)."""
        from app.roster_import.models import ColumnMapping, ColumnTarget

        info = self.w.info
        columns: dict[str, ColumnTarget] = {}
        for r, column in enumerate(info.columns):
            target = self.table.cellWidget(r, 1).currentText()
            old = info.mapping.columns.get(column)
            if old is not None and old.target == target:
                columns[column] = old
            else:
                columns[column] = ColumnTarget(target=target, confidence=1.0)
        return ColumnMapping(columns=columns, layout=info.mapping.layout, scale=info.mapping.scale)

    def set_target(self, column: str, target: str) -> None:
        """Change where one column goes (as the user would with the combo box)."""
        r = self.w.info.columns.index(column)
        self.table.cellWidget(r, 1).setCurrentText(target)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """Remember the mapping for the next file with the same headers."""
        mapping = self.mapping()
        self.w.mapping = mapping
        self.w.services.settings.setValue(mapping_key(self.w.info.columns), mapping.model_dump_json())
        return True
