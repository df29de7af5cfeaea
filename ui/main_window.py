"""The main window: navigation over the screens, menus, toolbar, shortcuts, drag-and-drop and settings."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from app import __version__
from app.errors import ProjectFileError
from app.project import Project, recover
from app.project.sample import load_sample_project
from ui.autosave import Autosaver, offer_recovery
from ui.commands import NEW_PROJECT
from ui.document import ProjectDocument, with_templates
from ui.interaction import Interaction, SaveChoice
from ui.main_menus import build_actions
from ui.project_io import (
    PROJECT_FILTER,
    ROSTER_FILTER,
    is_project_file,
    is_spreadsheet,
    open_project,
    save_project,
)
from ui.screens import SCREENS
from ui.services import Services
from ui.snapshot import project_snapshot
from ui.workers import Workers, run_and_wait

MAX_RECENT = 8


@contextlib.contextmanager
def _busy_cursor() -> Iterator[None]:
    """The wait cursor while a project is read and shown (a 100,000-person project takes a few seconds)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class MainWindow(QMainWindow):
    """Phasegate's window: one project, seven screens, every action on a menu, a toolbar button and a shortcut."""

    recent_changed = Signal()

    def __init__(self, *, interaction: Interaction | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.settings = settings or QSettings()
        self.interaction = interaction or Interaction(self, settings=self.settings)
        self.doc = ProjectDocument(parent=self)
        self.workers = Workers(self)
        self.services = Services(doc=self.doc, interaction=self.interaction, workers=self.workers,
                                 settings=self.settings, status=self.show_status, navigate=self.go_to)
        self._build_screens()
        self.actions_by_name = build_actions(self)
        self._progress_said: dict[str, tuple[str, str]] = {}  # job kind → (status before its progress, its last line)
        self._build_status_bar()
        self.doc.modified_changed.connect(self.setWindowModified)
        self.doc.project_replaced.connect(self._update_title)
        self.doc.portfolio_changed.connect(self._update_title)
        self.workers.job_started.connect(lambda _kind: self.job_started())
        self.workers.job_progress.connect(lambda kind, f, m: self.job_progress(f, m, kind=kind))
        self.workers.job_ended.connect(lambda kind: self.job_ended(kind))
        self.autosaver = Autosaver(self.doc, self.workers, parent=self)
        self._update_title()
        self.resize(1400, 900)
        self._restore_state()

    # -- construction --------------------------------------------------------------------------------------------
    def _build_screens(self) -> None:
        self.nav = QListWidget()
        self.nav.setAccessibleName("Screens")
        self.nav.setToolTip("Switch screen (Ctrl+1 … Ctrl+8)")
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName("Current screen")
        self.screens: dict[str, object] = {}
        for key, label, cls in SCREENS:
            screen = cls(self.services)
            self.screens[key] = screen
            self.stack.addWidget(screen)
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(getattr(cls, "__doc__", "") or label)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        self.status_label = QLabel("Ready")
        self.status_label.setAccessibleName("Status")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress of the running job")
        self.progress.setMaximumWidth(220)
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)

    # -- status and jobs -----------------------------------------------------------------------------------------
    def show_status(self, text: str) -> None:
        """One line in the status bar."""
        self.status_label.setText(text)

    def job_started(self) -> None:
        """Show the progress bar and enable Cancel while a job runs."""
        self.progress.setValue(0)
        self.progress.show()
        self.actions_by_name["cancel"].setEnabled(True)

    def job_progress(self, fraction: float, message: str, *, kind: str = "") -> None:
        """Reflect a job's progress in the status bar."""
        self.progress.setValue(int(fraction * 1000))
        if message:
            before = self._progress_said.get(kind, (self.status_label.text(), ""))[0]
            self._progress_said[kind] = (before, message)
            self.show_status(message)

    def job_ended(self, kind: str = "") -> None:
        """Hide the progress bar when no job is left running; a job's last progress line ('Laying out 79 people
        over time…') gives the status line back to what it said before, unless something said more since."""
        before, said = self._progress_said.pop(kind, ("", None))
        if said is not None and self.status_label.text() == said:
            self.show_status(before)
        if not self.workers.busy():
            self.progress.hide()
            self.actions_by_name["cancel"].setEnabled(False)

    def cancel_jobs(self) -> None:
        """Cancel every running job (Esc)."""
        for kind in self.workers.busy():
            self.workers.get(kind).cancel()
        if self.workers.busy():
            self.show_status("Cancelling…")

    # -- navigation ----------------------------------------------------------------------------------------------
    def go_to(self, key: str) -> None:
        """Show a screen by key ('start', 'roster', …)."""
        keys = [k for k, _l, _c in SCREENS]
        if key in keys:
            self.nav.setCurrentRow(keys.index(key))

    def current_screen(self) -> str:
        """Key of the screen on show."""
        return SCREENS[self.stack.currentIndex()][0]

    def _update_title(self) -> None:
        # the application's display name ("Phasegate") is added by the platform after the title: not here again
        self.setWindowTitle(f"{self.doc.display_name()}[*]")
        self.setWindowModified(self.doc.is_modified())

    # -- files ---------------------------------------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """Ask to save unsaved changes; False when the user cancels."""
        if not self.doc.is_modified():
            return True
        choice = self.interaction.ask_save(title="Unsaved changes",
                                           text=f"Save changes to “{self.doc.display_name()}” first?")
        if choice == SaveChoice.SAVE:
            return self.save()
        return choice == SaveChoice.DISCARD

    def open_sample(self) -> None:
        """Open the bundled sample project."""
        if not self.confirm_discard():
            return
        try:  # read and imported on a worker, the window painting meanwhile (the roster import takes a second)
            project = self._read_or_raise(lambda _p, _c: with_templates(load_sample_project()))
        except ProjectFileError as exc:
            self.interaction.show_error(title="Cannot open the sample project", message=exc.one_line())
            return
        with _busy_cursor():
            self.doc.replace(project)
        self.show_status("Opened the sample project")
        self.go_to("roster")

    def recover_if_needed(self) -> bool:
        """Offer to reopen work autosaved by a session that crashed; True when a project was recovered.

        The autosave is read on the 'open' worker as Open reads a file (a 20,000-person autosave took seconds on
        the GUI thread at start-up): busy cursor, progress bar, the window painting, clicks and keys held.
        """
        project = offer_recovery(self.interaction, exclude_session=self.autosaver.session_id,
                                 read=lambda entry: self._read_or_raise(lambda _p, _c: with_templates(recover(entry))))
        if project is None:
            return False
        with _busy_cursor():
            self.doc.replace(project)
        self.doc.mark_modified()
        self.show_status("Recovered unsaved work from the last session")
        return True

    def _read_or_raise(self, job) -> Project:
        with _busy_cursor():
            ok, outcome = run_and_wait(self.workers.get("open"), job)
        if not ok:
            raise ProjectFileError(str(outcome))
        return outcome

    def open_dialog(self) -> None:
        """Ask for a project or roster file and open it."""
        path = self.interaction.choose_open_file(title="Open project or roster",
                                                 filters=f"{PROJECT_FILTER};;{ROSTER_FILTER}")
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> None:
        """Open a project file, or start the import wizard on a spreadsheet."""
        if is_spreadsheet(path) and not is_project_file(path):
            self.import_roster(path)
            return
        if not self.confirm_discard():
            return
        with _busy_cursor():  # read on a worker, the window painting meanwhile (clicks and keys wait)
            ok, project = run_and_wait(self.workers.get("open"), lambda _p, _c: with_templates(open_project(path)))
            if ok:
                self.doc.replace(project, path=Path(path))
        if not ok:
            self.interaction.show_error(title="Cannot open the project", message=str(project))
            return
        self.add_recent(path)
        self.show_status(f"Opened {Path(path).name}")
        QTimer.singleShot(0, lambda: self.go_to("roster"))  # its first paint in a turn of its own, after the reset

    def save(self) -> bool:
        """Save to the current file (asks for one the first time); True when saved."""
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        """Save under a new file name; True when saved."""
        path = self.interaction.choose_save_file(title="Save project", filters=PROJECT_FILTER,
                                                 directory=str(self.doc.path) if self.doc.path else
                                                 f"{self.doc.display_name()}.phasegate")
        return bool(path) and self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        # written on a worker from a snapshot (a 20,000-person file took seconds on the GUI thread); clicks and keys
        # wait meanwhile, so the file holds exactly what "saved" will mean
        snapshot = project_snapshot(self.doc.project)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            ok, outcome = run_and_wait(self.workers.get("save"), lambda _p, _c: save_project(snapshot, path))
        finally:
            QApplication.restoreOverrideCursor()
        if not ok:
            self.interaction.show_error(title="Cannot save the project", message=str(outcome))
            return False
        self.doc.mark_saved(path)
        self.add_recent(str(path))
        self.show_status(f"Saved {path.name}")
        return True

    def new_from_roster(self) -> None:
        """Start a new project from a roster file (through the import wizard)."""
        if not self.confirm_discard():
            return
        try:  # the default templates are read on a worker (their YAML took 0.3-0.5 s on the GUI thread)
            project = self._read_or_raise(lambda _p, _c: with_templates(Project(name=NEW_PROJECT)))
        except ProjectFileError as exc:
            self.interaction.show_error(title="Cannot start a new project", message=exc.one_line())
            return
        # a project with nothing unsaved comes back when the wizard is cancelled (it was closed for good, leaving an
        # empty "New project" to reopen it from)
        previous = (self.doc.project, self.doc.path) if not self.doc.is_modified() and (
            self.doc.path is not None or self.doc.people) else None
        with _busy_cursor():
            self.doc.replace(project)
        self.show_status("New project: choose the roster file to import")
        self.import_roster()
        wizard = self.screens["roster"].wizard
        if previous is not None and wizard is not None:
            wizard.rejected.connect(lambda: self._back_to(previous, project))

    def _back_to(self, previous: tuple, new: Project) -> None:
        """The new project's import was cancelled: reopen the project that was open before (if nothing else was)."""
        if self.doc.project is not new or self.doc.people or self.doc.is_modified():
            return
        project, path = previous
        with _busy_cursor():
            self.doc.replace(project, path=path)
        self.show_status(f"New project cancelled: back to “{self.doc.display_name()}”")

    def import_roster(self, path: str | None = None) -> None:
        """Open the import wizard (optionally on a file already chosen or dropped)."""
        self.screens["roster"].open_import_wizard(path if isinstance(path, str) else None)

    # -- recent files --------------------------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        """Recently opened project files, newest first."""
        value = self.settings.value("recent_files", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [p for p in items if p]

    def add_recent(self, path: str) -> None:
        """Put a file at the top of the recent list."""
        path = str(Path(path).resolve())
        items = [path, *[p for p in self.recent_files() if p != path]][:MAX_RECENT]
        self.settings.setValue("recent_files", items)
        self.settings.setValue("last_dir", str(Path(path).parent))
        self.recent_changed.emit()

    # -- window events -------------------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        """Accept a dropped spreadsheet or project file anywhere on the window."""
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and (is_spreadsheet(urls[0].toLocalFile())
                                               or is_project_file(urls[0].toLocalFile())):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        """Open the dropped file."""
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.open_path(urls[0].toLocalFile())

    def show_help(self) -> None:
        """Help and glossary, beside the window (F1)."""
        from ui.help import HelpDialog

        if getattr(self, "help_dialog", None) is None:
            self.help_dialog = HelpDialog(self)
        self.help_dialog.show()
        self.help_dialog.raise_()

    def about(self) -> None:
        """The About box with the version."""
        QMessageBox.about(self, "About Phasegate",
                          f"<b>Phasegate {__version__}</b><p>Staff AI initiatives for the next phase: roster import, "
                          "phase role templates, skill gaps by failure mode and optimal staffing plans.</p>")

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Ask about unsaved changes, stop running jobs cleanly, remember the window layout."""
        if not self.confirm_discard():
            event.ignore()
            return
        self.workers.shutdown()
        self.autosaver.discard()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        event.accept()
