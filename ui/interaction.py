"""Every question the app asks the user goes through one injected Interaction, so tests patch dialogs here."""
from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

#: The settings key of the folder the last file dialog chose in (every file dialog starts there).
LAST_DIR = "last_dir"


class SaveChoice(StrEnum):
    """The answer to 'save changes before closing?'."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Interaction:
    """Dialogs shown by the app (git-cola style); replace the instance in tests with a recording stub."""

    def __init__(self, parent: QWidget | None = None, *, settings: QSettings | None = None) -> None:
        self.parent = parent
        self.settings = settings

    def start_in(self, directory: str = "") -> str:
        """Where a file dialog opens: a full path as given; a bare file name (or nothing) in the last folder used."""
        last = str(self.settings.value(LAST_DIR, "") or "") if self.settings is not None else ""
        if not last or (directory and Path(directory).parent != Path(".")):
            return directory
        return str(Path(last) / directory) if directory else last

    def remember(self, path: str | None, *, folder: bool = False) -> str | None:
        """Keep the folder of a chosen path for the next dialog; returns the path."""
        if path and self.settings is not None:
            self.settings.setValue(LAST_DIR, str(Path(path) if folder else Path(path).parent))
        return path

    def confirm(self, *, title: str, text: str, ok_text: str = "OK") -> bool:
        """Ask a yes/no question; True when the user accepts."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.parent)
        ok = box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is ok

    def ask_text(self, *, title: str, label: str, text: str = "") -> str | None:
        """Ask for one line of text; None when cancelled."""
        answer, ok = QInputDialog.getText(self.parent, title, label, text=text)
        return answer if ok else None

    def choose(self, *, title: str, text: str, choices: list[str]) -> str | None:
        """Ask which of a few actions to take (buttons labelled with `choices`); None when closed."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.parent)
        buttons = [box.addButton(c, QMessageBox.ButtonRole.AcceptRole) for c in choices]
        box.exec()
        clicked = box.clickedButton()
        return next((c for c, b in zip(choices, buttons, strict=True) if b is clicked), None)

    def ask_save(self, *, title: str, text: str) -> SaveChoice:
        """Ask whether to save unsaved changes: save, discard or cancel."""
        answer = QMessageBox.question(
            self.parent, title, text,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return SaveChoice.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return SaveChoice.DISCARD
        return SaveChoice.CANCEL

    def choose_open_file(self, *, title: str, filters: str, directory: str = "") -> str | None:
        """Pick an existing file; None when cancelled."""
        path, _ = QFileDialog.getOpenFileName(self.parent, title, self.start_in(directory), filters)
        return self.remember(path or None)

    def choose_save_file(self, *, title: str, filters: str, directory: str = "") -> str | None:
        """Pick a file to write; None when cancelled."""
        path, _ = QFileDialog.getSaveFileName(self.parent, title, self.start_in(directory), filters)
        return self.remember(path or None)

    def choose_directory(self, *, title: str, directory: str = "") -> str | None:
        """Pick a folder (for exports that write several files); None when cancelled."""
        return self.remember(QFileDialog.getExistingDirectory(self.parent, title, self.start_in(directory)) or None,
                             folder=True)

    def show_error(self, *, title: str, message: str, details: str = "") -> None:
        """Show a one-line error with optional details (a traceback or list of rows) behind 'Show Details'."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self.parent)
        if details:
            box.setDetailedText(details)
        box.exec()

    def show_info(self, *, title: str, message: str) -> None:
        """Show an information message."""
        QMessageBox.information(self.parent, title, message)

    def open_location(self, path: str) -> None:
        """Open a file or folder in the desktop's own program for it (the spreadsheet app, the file manager)."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))
