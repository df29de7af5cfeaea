"""The wizard's first two steps, which read the file: choose it, then the sheet and header row (read on a worker)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWizardPage,
)

from ui.project_io import ROSTER_FILTER
from ui.widgets.import_options import ImportOptionsGroup
from ui.wizard.common import BusyRow, SlicedPreview

if TYPE_CHECKING:
    from ui.import_wizard import ImportWizard


class FilePage(QWizardPage):
    """Step 1: choose the roster file; Next reads its sheets, header and a preview in the background."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Choose the roster file")
        self.setSubTitle("Any HRIS export or home-made skills matrix: xlsx, xlsm, xls, ods, csv or tsv.")
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName("Roster file path")
        self.path_edit.setToolTip("The file as HR sent it; nothing is changed in it")
        browse = QPushButton("Browse…")
        browse.setAccessibleName("Browse for a roster file")
        browse.setToolTip("Choose the roster file")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.busy = BusyRow(what="Reading the file")
        self.busy.cancel_clicked.connect(self.cancel)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._read: str | None = None  # the path whose inspection is in `wizard.info`
        self.path_edit.textChanged.connect(self.completeChanged)

    def _browse(self) -> None:
        path = self.w.services.interaction.choose_open_file(title="Import roster", filters=ROSTER_FILTER)
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        """Next is enabled once a file name is given and no reading is under way."""
        return bool(self.path_edit.text().strip()) and not self.busy.active

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """Go on once the file was read; else start reading it on a worker (Next is pressed again when it is done)."""
        path = self.path_edit.text().strip()
        if self._read == path and self.w.info is not None:
            return True
        self.error.clear()
        self._read = None
        self.busy.start(f"Reading {Path(path).name}…")
        self.completeChanged.emit()
        self.w.inspect(path, on_done=lambda error: self._on_read(path, error))
        return False

    def _on_read(self, path: str, error: str) -> None:
        self.busy.stop()
        self.completeChanged.emit()
        if error:
            self.error.setText(error)
            return
        self._read = path
        if self.w.currentPage() is self:
            self.w.next()

    def cancel(self) -> None:
        """Stop waiting for the file (the wizard stays on this page; nothing was changed)."""
        if self.busy.active:
            self.w.cancel_inspection()


class SheetPage(QWizardPage):
    """Step 2: the sheet and the header row (auto-detected, adjustable), with the raw preview."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Sheet and header row")
        self.setSubTitle("Phasegate found the sheet and the header row below; change them if they are wrong.")
        self.sheet = QComboBox()
        self.sheet.setAccessibleName("Sheet")
        self.sheet.setToolTip("The sheet that holds the people")
        self.header_row = QSpinBox()
        self.header_row.setRange(1, 1000)
        self.header_row.setAccessibleName("Header row")
        self.header_row.setToolTip("Row number (as the spreadsheet shows it) of the column headers")
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.busy = BusyRow(what="Reading the sheet")
        self.busy.cancel_clicked.connect(self.w.cancel_inspection)
        self.preview = QTableWidget()
        self.preview.setAccessibleName("File preview")
        self.preview_rows = SlicedPreview(self.preview)
        self.options_group = ImportOptionsGroup()
        self.options_group.load(wizard.services.settings)
        form = QFormLayout()
        form.addRow("Sheet", self.sheet)
        form.addRow("Header row", self.header_row)
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.info, 1)
        left.addWidget(self.busy)
        top.addLayout(left, 1)
        top.addWidget(self.options_group)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.preview, 1)
        self._loading = False
        self.sheet.currentTextChanged.connect(self._on_changed)
        self.header_row.valueChanged.connect(self._on_changed)
        self.options_group.changed.connect(self._on_options_changed)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        """Show what the inspection found."""
        self._loading = True
        info = self.w.info
        self.sheet.clear()
        self.sheet.addItems(info.sheets)
        self.sheet.setCurrentText(info.sheet)
        self.header_row.setValue(info.header_row)
        self._loading = False
        self._show()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        """Not while the sheet is being read again: the next steps need what it finds."""
        return not self.busy.active

    def _show(self) -> None:
        info = self.w.info
        text = f"Format {info.format}; {len(info.columns)} columns; header on row {info.header_row}"
        if info.header_rows > 1:
            text += f" (two header rows: {info.header_row - 1}–{info.header_row})"
        if info.warnings:
            text += "<br>" + "<br>".join(info.warnings)
        self.info.setText(text)
        self.preview_rows.show(info.columns, info.preview, first_row=info.header_row + 1)

    def _on_options_changed(self) -> None:
        before, self.w.import_options = self.w.import_options, self.options_group.options()
        if before.column_match_threshold != self.w.import_options.column_match_threshold:  # the column suggestions depend on it: inspect again
            self._on_changed()

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """Keep the reading options for the import and for next time."""
        self.w.import_options = self.options_group.options()
        self.options_group.save(self.w.services.settings)
        return True

    def _on_changed(self, *_args: Any) -> None:
        if self._loading:
            return
        sheet = self.sheet.currentText()
        header = self.header_row.value() if sheet == self.w.info.sheet else None
        self.busy.start(f"Reading sheet {sheet}…")
        self.completeChanged.emit()
        path = self.w.info.file if Path(self.w.info.file).exists() else self.w.path
        self.w.inspect(path, sheet=sheet, header_row=header, on_done=self._on_read)

    def _on_read(self, error: str) -> None:
        self.busy.stop()
        self.completeChanged.emit()
        self._loading = True  # what is shown is what was read: back to the last sheet read when this one failed
        self.sheet.setCurrentText(self.w.info.sheet)
        self.header_row.setValue(self.w.info.header_row)
        self._loading = False
        self._show()
        if error:
            self.info.setText(f"<span style='color:#c62828'>{error}</span><br>{self.info.text()}")
