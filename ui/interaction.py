"""Every question the app asks the user goes through one injected Interaction, so tests patch dialogs here."""
from __future__ import annotations

from enum import StrEnum

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class SaveChoice(StrEnum):
    """The answer to 'save changes before closing?'."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Interaction:
    """Dialogs shown by the app (git-cola style); replace the instance in tests with a recording stub."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def confirm(self, *, title: str, text: str, ok_text: str = "OK") -> bool:
        """Ask a yes/no question; True when the user accepts."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.parent)
        ok = box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is ok

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
        path, _ = QFileDialog.getOpenFileName(self.parent, title, directory, filters)
        return path or None

    def choose_save_file(self, *, title: str, filters: str, directory: str = "") -> str | None:
        """Pick a file to write; None when cancelled."""
        path, _ = QFileDialog.getSaveFileName(self.parent, title, directory, filters)
        return path or None

    def choose_directory(self, *, title: str, directory: str = "") -> str | None:
        """Pick a folder (for exports that write several files); None when cancelled."""
        return QFileDialog.getExistingDirectory(self.parent, title, directory) or None

    def show_error(self, *, title: str, message: str, details: str = "") -> None:
        """Show a one-line error with optional details (a traceback or list of rows) behind 'Show Details'."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self.parent)
        if details:
            box.setDetailedText(details)
        box.exec()

    def show_info(self, *, title: str, message: str) -> None:
        """Show an information message."""
        QMessageBox.information(self.parent, title, message)
