"""The main window: navigation over the screens, menus, toolbar, shortcuts, drag-and-drop and settings."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
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
    QToolBar,
    QWidget,
)

from app import __version__
from app.errors import ProjectFileError
from app.project import Project, recover
from app.project.sample import load_sample_project
from ui.autosave import Autosaver, offer_recovery
from ui.document import ProjectDocument, with_templates
from ui.interaction import Interaction, SaveChoice
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
        self._build_actions()
        self._build_status_bar()
        self.doc.modified_changed.connect(self.setWindowModified)
        self.doc.project_replaced.connect(self._update_title)
        self.doc.portfolio_changed.connect(self._update_title)
        self.workers.job_started.connect(lambda _kind: self.job_started())
        self.workers.job_progress.connect(lambda _kind, f, m: self.job_progress(f, m))
        self.workers.job_ended.connect(lambda _kind: self.job_ended())
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

    def _action(self, text: str, slot, *, shortcuts: tuple = (), tip: str = "", name: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name or text.replace("…", "").replace("&", "").lower().replace(" ", "_"))
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        label = text.replace("&", "").replace("…", "")
        keys = ", ".join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts)
        action.setToolTip(f"{tip or label} ({keys})" if keys else tip or label)
        action.setStatusTip(tip or label)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        plan = self.screens["plan"]
        self.actions_by_name: dict[str, QAction] = {}
        defs = [
            ("&New project from roster…", self.new_from_roster, ("Ctrl+N",), "Start a project from an HR roster file"),
            ("&Open…", self.open_dialog, (QKeySequence.StandardKey.Open,), "Open a project or a roster file"),
            ("Open &sample project", self.open_sample, (), "Open the bundled sample project"),
            ("&Save", self.save, (QKeySequence.StandardKey.Save,), "Save the project"),
            ("Save &as…", self.save_as, ("Ctrl+Shift+S",), "Save the project under a new name"),
            ("&Import roster…", self.import_roster, ("Ctrl+I",), "Import an HR roster with the import wizard"),
            ("&Export…", lambda: self.go_to("export"), ("Ctrl+E",), "Export the plan for approvers"),
            ("&Quit", self.close, (QKeySequence.StandardKey.Quit,), "Close Phasegate"),
            ("&Solve", plan.solve, ("Ctrl+R", "F5"), "Plan the active scenario"),
            ("&Cancel", self.cancel_jobs, ("Esc",), "Cancel the running import, analysis or solve"),
            ("&Help and glossary", self.show_help, ("F1",), "The workflow, the failure modes and the words used"),
            ("&About Phasegate", self.about, (), "Version and licence"),
        ]
        for text, slot, keys, tip in defs:
            action = self._action(text, slot, shortcuts=keys, tip=tip)
            self.actions_by_name[action.objectName()] = action
        self.actions_by_name["read_decisions"] = self._action(
            "Read approvers' &decisions…", lambda: self.screens["export"].read_decisions(), name="read_decisions",
            tip="Read a workbook approvers marked and apply their decisions to the active scenario")
        stack = self.doc.undo_stack
        undo = self._action("&Undo", lambda: self._step(stack.undoText(), stack.undo, "Undone"),
                            shortcuts=(QKeySequence.StandardKey.Undo,), tip="Undo the last edit", name="undo")
        redo = self._action("&Redo", lambda: self._step(stack.redoText(), stack.redo, "Redone"),
                            shortcuts=("Ctrl+Shift+Z", QKeySequence.StandardKey.Redo),
                            tip="Redo the last undone edit", name="redo")
        undo.setEnabled(False)
        redo.setEnabled(False)
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        # the menu names the edit ("Undo Set Fraud Radar: budget €300k"); the toolbar keeps a short, fixed label so
        # a long text never pushes Solve and Export into the toolbar's overflow
        for action, label in ((undo, "Undo"), (redo, "Redo")):
            action.setIconText(label)
        stack.undoTextChanged.connect(lambda text: self._name_edit(undo, "Undo", text))
        stack.redoTextChanged.connect(lambda text: self._name_edit(redo, "Redo", text))
        self.actions_by_name.update(undo=undo, redo=redo)
        self.actions_by_name["cancel"].setEnabled(False)
        a = self.actions_by_name

        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for key in ("new_project_from_roster", "open", "open_sample_project"):
            file_menu.addAction(a[key])
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        for key in ("save", "save_as", "import_roster", "export", "read_decisions"):
            file_menu.addAction(a[key])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        view_menu = bar.addMenu("&View")
        for i, (key, label, _cls) in enumerate(SCREENS):
            go = self._action(label, lambda _=False, k=key: self.go_to(k), shortcuts=(f"Ctrl+{i + 1}",),
                              tip=f"Show the {label} screen", name=f"show_{key}")
            view_menu.addAction(go)
        plan_menu = bar.addMenu("&Plan")
        plan_menu.addAction(a["solve"])
        plan_menu.addAction(a["cancel"])
        templates_menu = bar.addMenu("&Templates")
        for action in self.screens["templates"].library.actions():
            templates_menu.addAction(action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(a["help_and_glossary"])
        help_menu.addAction(a["about_phasegate"])

        toolbar = QToolBar("Main toolbar")
        toolbar.setObjectName("main_toolbar")
        toolbar.setAccessibleName("Main toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for key in ("open", "save", "import_roster", None, "undo", "redo", None, "solve", "cancel", None, "export"):
            if key is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(a[key])
        self.addToolBar(toolbar)
        for widget in toolbar.children():
            if hasattr(widget, "defaultAction") and widget.defaultAction() is not None:
                widget.setAccessibleName(widget.defaultAction().text().replace("&", ""))

    def _step(self, text: str, step, done: str) -> None:
        """Undo or redo one edit and say which in the status bar (so no line about the state before stays)."""
        step()
        if text:
            self.show_status(f"{done}: {text}")

    @staticmethod
    def _name_edit(action: QAction, verb: str, text: str) -> None:
        action.setText(f"&{verb} {text}".rstrip())
        action.setIconText(verb)
        action.setToolTip(f"{verb} {text}".rstrip() if text else f"Nothing to {verb.lower()}")

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

    def job_progress(self, fraction: float, message: str) -> None:
        """Reflect a job's progress in the status bar."""
        self.progress.setValue(int(fraction * 1000))
        if message:
            self.show_status(message)

    def job_ended(self) -> None:
        """Hide the progress bar when no job is left running."""
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
            project = self._read_or_raise(lambda _p, _c: with_templates(Project(name="New project")))
        except ProjectFileError as exc:
            self.interaction.show_error(title="Cannot start a new project", message=exc.one_line())
            return
        with _busy_cursor():
            self.doc.replace(project)
        self.show_status("New project: choose the roster file to import")
        self.import_roster()

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

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_files():
            self.recent_menu.addAction(Path(path).name, lambda p=path: self.open_path(p)).setToolTip(path)
        if not self.recent_files():
            self.recent_menu.addAction("No recent projects").setEnabled(False)

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
