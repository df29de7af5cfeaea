"""The roster import wizard: file → sheet and header row → column mapping → skills → preview → summary."""
from __future__ import annotations

import hashlib
import inspect
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.errors import PhasegateError
from app.project import RosterSource
from ui.commands import ReplaceRoster
from ui.project_io import ROSTER_FILTER
from ui.services import Services
from ui.undo import push
from ui.widgets.import_options import ImportOptionsGroup, SkillsPage

WARN = QColor("#ffe082")
ERROR = QColor("#ef9a9a")


def call_with_supported(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a core function with only the keyword arguments it accepts (the importer grows options over time)."""
    params = inspect.signature(fn).parameters
    if not any(p.kind == p.VAR_KEYWORD for p in params.values()):
        kwargs = {k: v for k, v in kwargs.items() if k in params}
    return fn(*args, **kwargs)


def mapping_key(columns: list[str]) -> str:
    """Settings key of a saved mapping: the same header set finds the same mapping next time."""
    return "mappings/" + hashlib.sha1("\x1f".join(columns).encode("utf-8")).hexdigest()[:16]


def _item(text: str, *, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if tip:
        item.setToolTip(tip)
    return item


class FilePage(QWizardPage):
    """Step 1: choose the roster file."""

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
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(self.completeChanged)

    def _browse(self) -> None:
        path = self.w.services.interaction.choose_open_file(title="Import roster", filters=ROSTER_FILTER)
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        """Next is enabled once a file name is given."""
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """Read the file's sheets, header and a preview; stay here with a one-line error when it cannot be read."""
        self.error.clear()
        try:
            self.w.inspect(self.path_edit.text().strip())
        except PhasegateError as exc:
            self.error.setText(exc.one_line())
            return False
        return True


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
        self.preview = QTableWidget()
        self.preview.setAccessibleName("File preview")
        self.options_group = ImportOptionsGroup()
        self.options_group.load(wizard.services.settings)
        form = QFormLayout()
        form.addRow("Sheet", self.sheet)
        form.addRow("Header row", self.header_row)
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.info, 1)
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

    def _show(self) -> None:
        info = self.w.info
        text = f"Format {info.format}; {len(info.columns)} columns; header on row {info.header_row}"
        if info.header_rows > 1:
            text += f" (two header rows: {info.header_row - 1}–{info.header_row})"
        if info.warnings:
            text += "<br>" + "<br>".join(info.warnings)
        self.info.setText(text)
        fill_preview(self.preview, info.columns, info.preview, first_row=info.header_row + 1)

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
        try:
            self.w.inspect(self.w.info.file if Path(self.w.info.file).exists() else self.w.path,
                           sheet=sheet, header_row=header)
        except PhasegateError as exc:
            self.info.setText(f"<span style='color:#c62828'>{exc.one_line()}</span>")
            return
        self._loading = True
        self.header_row.setValue(self.w.info.header_row)
        self._loading = False
        self._show()


def fill_preview(table: QTableWidget, columns: list[str], rows: list[list[str]], *, first_row: int,
                 issues: dict[tuple[int, str], tuple[str, bool]] | None = None) -> None:
    """Show preview rows with their spreadsheet row numbers; cells with problems coloured (red error, amber warning)."""
    table.clear()
    table.setColumnCount(len(columns))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels(columns)
    table.setVerticalHeaderLabels([str(first_row + i) for i in range(len(rows))])
    issues = issues or {}
    for r, row in enumerate(rows):
        row_issue = issues.get((first_row + r, ""))
        for c, column in enumerate(columns):
            value = row[c] if c < len(row) else ""
            found = issues.get((first_row + r, column)) or row_issue
            item = _item(value, tip=found[0] if found else "")
            if found:
                item.setBackground(QBrush(ERROR if found[1] else WARN))
                item.setForeground(QBrush(QColor("#000000")))
            table.setItem(r, c, item)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()


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


class PreviewPage(QWizardPage):
    """Step 5: the import runs in the background; the preview marks every cell with a problem."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Preview")
        self.setSubTitle("Red cells reject their row; amber cells are imported with a warning. Hover for the reason.")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName("Import progress")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton("Cancel import")
        self.cancel_button.setAccessibleName("Cancel import")
        self.cancel_button.setToolTip("Stop reading the file (Esc)")
        self.cancel_button.clicked.connect(lambda: self.w.worker.cancel())
        self.table = QTableWidget()
        self.table.setAccessibleName("Preview with problems")
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        """Start the import in the worker."""
        self.w.result = None
        self.progress.setValue(0)
        self.status.setText("Reading the file…")
        self.cancel_button.setEnabled(True)
        self.w.start_import()
        self.completeChanged.emit()

    def on_progress(self, fraction: float, message: str) -> None:
        """Progress from the worker."""
        self.progress.setValue(int(fraction * 1000))
        self.status.setText(message)

    def on_done(self, error: str = "") -> None:
        """Show the outcome: highlighted preview or the error."""
        self.cancel_button.setEnabled(False)
        if error:
            self.status.setText(f"<span style='color:#c62828'>{error}</span>")
        else:
            result = self.w.result
            self.progress.setValue(1000)
            c = result.counts
            self.status.setText(f"{c.imported} people imported, {c.rejected} rows rejected, {c.warnings} warnings.")
            info = self.w.info
            shown = range(info.header_row + 1, info.header_row + 1 + len(info.preview))  # a big import has 10,000s
            issues: dict[tuple[int, str], tuple[str, bool]] = {}
            for issue in result.warnings:
                if issue.row in shown:
                    issues[(issue.row, issue.column or "")] = (issue.reason, False)
            for issue in result.rejected:
                if issue.row in shown:
                    issues[(issue.row, issue.column or "")] = (issue.reason, True)
            fill_preview(self.table, info.columns, info.preview, first_row=info.header_row + 1, issues=issues)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        """Next only once the import has produced a result."""
        return self.w.result is not None


class SummaryPage(QWizardPage):
    """Step 6: what was imported, every rejected row with its reason, and the columns kept as extra."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Summary")
        self.setSubTitle("Finish replaces the project's roster (undo with Ctrl+Z).")
        self.text = QTextBrowser()
        self.text.setAccessibleName("Import summary")
        QVBoxLayout(self).addWidget(self.text)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        """Render the summary."""
        self.text.setHtml(summary_html(self.w.result))


def summary_html(result: Any) -> str:
    """The summary page's text for an ImportResult."""
    import html

    c = result.counts
    parts = [f"<h3>{c.imported} people imported</h3>",
             f"<p>{c.data_rows} data rows read from {html.escape(result.source_file or '')}"
             f"{' sheet ' + html.escape(result.sheet) if result.sheet else ''}: {c.imported} imported, "
             f"{c.rejected} rejected, {c.skipped} skipped on purpose, {c.blank_rows} blank.</p>",
             f"<p>Skill layout: {result.layout}; scale: {result.scale or 'not applicable'}; "
             f"{len(result.skills_found)} skills found, {len(result.new_skills)} new.</p>"]
    if result.rejected:
        parts.append("<h4>Rejected rows</h4><ul>" + "".join(
            f"<li>{html.escape(i.one_line())}</li>" for i in result.rejected) + "</ul>")
    if result.skipped:
        parts.append("<h4>Skipped on purpose</h4><ul>" + "".join(
            f"<li>{html.escape(i.one_line())}</li>" for i in result.skipped) + "</ul>")
    if result.warnings:
        parts.append("<h4>Warnings</h4><ul>" + "".join(
            f"<li>{html.escape(i.one_line())}</li>" for i in result.warnings[:200]) + "</ul>")
        if len(result.warnings) > 200:
            parts.append(f"<p>… and {len(result.warnings) - 200} more warnings.</p>")
    if result.unmapped_columns:
        parts.append("<h4>Columns kept with each person</h4><p>"
                     + ", ".join(html.escape(c) for c in result.unmapped_columns) + "</p>")
    if result.skill_matches:
        parts.append("<h4>Skill names matched</h4><ul>" + "".join(
            f"<li>{html.escape(s)}</li>" for s in result.skill_matches) + "</ul>")
    return "".join(parts)


class ImportWizard(QWizard):
    """Guides a roster file into the project; the import itself runs on the 'import' worker."""

    imported = Signal(object)

    def __init__(self, services: Services, *, path: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Import roster")
        self.setAccessibleName("Import roster wizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(1000, 680)
        self.path = path or ""
        self.info: Any = None
        self.mapping: Any = None
        self.import_options: Any = None
        self.result: Any = None
        self.worker = services.workers.get("import")
        self.file_page, self.sheet_page = FilePage(self), SheetPage(self)
        self.mapping_page, self.skills_page = MappingPage(self), SkillsPage(self)
        self.preview_page, self.summary_page = PreviewPage(self), SummaryPage(self)
        for page in (self.file_page, self.sheet_page, self.mapping_page, self.skills_page, self.preview_page,
                     self.summary_page):
            self.addPage(page)
        self.file_page.path_edit.setText(self.path)
        self.import_options = self.sheet_page.options_group.options()
        self.worker.progress.connect(self.preview_page.on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        self.rejected.connect(self.worker.cancel)

    def _catalogue(self):
        from ui.core import default_catalogue

        return self.services.doc.project.catalogue or default_catalogue()

    def inspect(self, path: str, *, sheet: str | None = None, header_row: int | None = None) -> None:
        """Read the file's sheets, header row, columns, suggested mapping and preview (fast: no full import)."""
        from app.roster_import import inspect_file

        self.path = path
        self.info = call_with_supported(inspect_file, Path(path), catalogue=self._catalogue(), sheet=sheet,
                                        header_row=header_row, options=self.import_options)
        self.mapping = self.info.mapping

    def start_import(self) -> None:
        """Run import_roster on the worker with the choices made so far."""
        from app.roster_import import import_roster

        path, catalogue, info, mapping, options = (Path(self.path), self._catalogue(), self.info, self.mapping,
                                                   self.import_options)
        if options is not None and "cooperative" in type(options).model_fields:
            options = options.model_copy(update={"cooperative": True})  # rows read one by one: the window keeps going

        def job(progress, cancel):
            return call_with_supported(import_roster, path, catalogue=catalogue, sheet=info.sheet,
                                       header_row=info.header_row, mapping=mapping, options=options,
                                       progress=progress, cancel=cancel)

        if not self.worker.start(job):
            self.preview_page.on_done("Another import is still running; wait for it or cancel it.")

    def _on_finished(self, result: object) -> None:
        self.result = result
        self.preview_page.on_done()

    def _on_failed(self, message: str, details: str) -> None:
        self.preview_page.on_done(message)
        if details:
            self.services.interaction.show_error(title="Import failed", message=message, details=details)

    def _on_cancelled(self) -> None:
        self.preview_page.on_done("Import cancelled; nothing was changed.")

    def accept(self) -> None:
        """Finish: replace the roster (one undoable step) and record the source and new skills."""
        result = self.result
        if result is not None:
            source = RosterSource(file_name=Path(result.source_file or self.path).name, sha256=result.sha256,
                                  sheet=result.sheet, header_row=result.header_row,
                                  mapping=result.mapping.model_dump(mode="json"))
            push(self.services.doc.undo_stack, ReplaceRoster(self.services.doc, people=result.people,
                                                             source=source, new_skills=result.new_skills))
            self.services.status(f"Imported {len(result.people)} people from {source.file_name}")
            self.imported.emit(result)
        super().accept()
