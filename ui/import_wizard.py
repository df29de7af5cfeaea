"""The roster import wizard: file → sheet and header row → column mapping → skills → preview → summary.

Reading the file (its sheets, header and a preview: ~0.4 s for 20,000 rows) and importing it both run on workers,
so the window keeps drawing; the pages live in `ui.wizard`.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget, QWizard

from app.errors import PhasegateError
from app.project import RosterSource
from ui.commands import ReplaceRoster
from ui.services import Services
from ui.undo import push
from ui.widgets.import_options import SkillsPage
from ui.wizard.common import fill_preview, mapping_key
from ui.wizard.file_pages import FilePage, SheetPage
from ui.wizard.mapping import MappingPage
from ui.wizard.results import PreviewPage, SummaryPage, summary_html
from ui.workers import JobCancelled

__all__ = ["ImportWizard", "fill_preview", "mapping_key", "summary_html"]

#: Delay between Finish's steps: a timer (not a posted call) lets the event loop serve due timers and paints between.
_TURN_MS = 1
#: What a page is told when the reading it asked for was cancelled.
READING_CANCELLED = "Reading cancelled; nothing was changed."


class ImportWizard(QWizard):
    """Guides a roster file into the project; reading runs on the 'inspect' worker, the import on 'import'."""

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
        self._finishing = False  # Finish was pressed: the roster is being replaced, a turn at a time
        # the import worker is shared: an import a closed wizard left behind may still report; only ours counts
        self._importing = False
        self.worker = services.workers.get("import")
        self.inspector = services.workers.get("inspect")
        # (request token, page callback) of the reading whose answer is awaited; a newer request replaces it
        self._request: tuple[object, Callable[[str], None]] | None = None
        self._queued: Any = None  # a job waiting for the inspector (it was still busy with an abandoned reading)
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
        self.inspector.finished.connect(self._on_inspected)
        self.inspector.failed.connect(self._on_inspect_failed)
        self.inspector.cancelled.connect(self._start_queued)
        self.rejected.connect(self.worker.cancel)
        self.rejected.connect(self.cancel_inspection)

    def _catalogue(self):
        from ui.template_cache import default_catalogue

        return self.services.doc.project.catalogue or default_catalogue()

    # -- reading the file (sheets, header row, columns, suggested mapping, preview) on the 'inspect' worker ---------
    def inspect(self, path: str, *, on_done: Callable[[str], None], sheet: str | None = None,
                header_row: int | None = None) -> None:
        """Read the file on a worker; then `self.info` is updated and `on_done('')` runs, or `on_done(error line)`."""
        from app.roster_import import inspect_file

        token = object()
        self._request = (token, on_done)
        catalogue, options = self._catalogue(), self.import_options

        def job(_progress, cancel):
            try:
                info = inspect_file(Path(path), catalogue=catalogue, sheet=sheet, header_row=header_row,
                                    options=options)
            except PhasegateError as exc:
                return token, path, None, exc.one_line()
            if cancel():
                raise JobCancelled()
            return token, path, info, ""

        self._queued = job
        self._start_queued()

    def inspecting(self) -> bool:
        """True while a reading of the file is awaited."""
        return self._request is not None

    def cancel_inspection(self) -> None:
        """Stop waiting for the reading under way; the page that asked is told it was cancelled."""
        request, self._request, self._queued = self._request, None, None
        if request is not None:
            self.inspector.cancel()
            request[1](READING_CANCELLED)

    def _start_queued(self) -> None:
        if self._queued is not None and self.inspector.start(self._queued):
            self._queued = None

    def _on_inspected(self, answer: object) -> None:
        token, path, info, error = answer if isinstance(answer, tuple) and len(answer) == 4 else (None,) * 4
        request = self._request
        if request is not None and token is request[0]:  # else: an abandoned reading, or another wizard's
            self._request = None
            if info is not None:
                self.path, self.info, self.mapping = path, info, info.mapping
            request[1](error)
        self._start_queued()

    def _on_inspect_failed(self, message: str, details: str) -> None:
        request = self._request
        if request is not None and self._queued is None:  # else the failure is an abandoned reading's
            self._request = None
            request[1](message)
            if details:
                self.services.interaction.show_error(title="Cannot read the file", message=message, details=details)
        self._start_queued()

    # -- the import itself on the 'import' worker ------------------------------------------------------------------
    def start_import(self) -> None:
        """Run import_roster on the worker with the choices made so far."""
        from app.roster_import import import_roster

        path, catalogue, info, mapping, options = (Path(self.path), self._catalogue(), self.info, self.mapping,
                                                   self.import_options)
        if options is not None:
            options = options.model_copy(update={"cooperative": True})  # rows read one by one: the window keeps going

        def job(progress, cancel):
            return import_roster(path, catalogue=catalogue, sheet=info.sheet, header_row=info.header_row,
                                 mapping=mapping, options=options, progress=progress, cancel=cancel)

        self._importing = self.worker.start(job)
        if not self._importing:
            self.preview_page.on_done("Another import is still running; wait for it or cancel it.")

    def _ours(self) -> bool:
        """True once for the import this wizard started (not one a closed wizard left on the shared worker)."""
        ours, self._importing = self._importing, False
        return ours

    def _on_finished(self, result: object) -> None:
        if self._ours():
            self.result = result
            self.preview_page.on_done()

    def _on_failed(self, message: str, details: str) -> None:
        if not self._ours():
            return
        self.preview_page.on_done(message)
        if details:
            self.services.interaction.show_error(title="Import failed", message=message, details=details)

    def _on_cancelled(self) -> None:
        if self._ours():
            self.preview_page.on_done("Import cancelled; nothing was changed.")

    def accept(self) -> None:
        """Finish: the wizard hides at once; the roster is replaced (one undoable step) on a later turn of the loop.

        Hiding uncovers the main window, which repaints; replacing 20,000 people resets every screen's model; the
        roster screen then paints them. In one turn the three froze the window 110-130 ms (20,000 rows, loaded
        machine); each now has a turn of its own (replacing ~25 ms, showing the roster screen ~35 ms, its paint).
        """
        if self._finishing:
            return  # a second Finish while the first is under way
        if self.result is None:
            super().accept()
            return
        self._finishing = True
        self.hide()
        QTimer.singleShot(_TURN_MS, self, self._replace_roster)

    def _replace_roster(self) -> None:
        result = self.result
        source = RosterSource(file_name=Path(result.source_file or self.path).name, sha256=result.sha256,
                              sheet=result.sheet, header_row=result.header_row,
                              mapping=result.mapping.model_dump(mode="json"))
        push(self.services.doc.undo_stack, ReplaceRoster(self.services.doc, people=result.people, source=source,
                                                         new_skills=result.new_skills))
        self.services.status(f"Imported {len(result.people)} people from {source.file_name}")
        QTimer.singleShot(_TURN_MS, self, self._announce)

    def _announce(self) -> None:
        self.imported.emit(self.result)  # the roster screen shows itself: its first paint in a turn of its own
        super().accept()
