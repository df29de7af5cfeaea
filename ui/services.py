"""What every screen needs from the window: the document, dialogs, workers, settings and the status line."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

from ui.commands import EditRejected
from ui.document import ProjectDocument
from ui.interaction import Interaction
from ui.undo import Command, push
from ui.workers import Workers


@dataclass
class Services:
    """Shared services handed to each screen (so screens never reach into the main window)."""

    doc: ProjectDocument
    interaction: Interaction
    workers: Workers
    settings: QSettings
    status: Callable[[str], None] = field(default=lambda _text: None)
    navigate: Callable[[str], None] = field(default=lambda _name: None)

    def edit(self, make: Callable[[], Command], *, title: str, then: str = "") -> bool:
        """Build an edit (which validates) and push it on the undo stack, its text on the status line (plus `then`);
        a refused edit is shown as one line under `title` instead. True when pushed."""
        try:
            command = make()
        except EditRejected as exc:
            self.interaction.show_error(title=title, message=str(exc))
            return False
        push(self.doc.undo_stack, command)
        self.status(f"{command.text}{then}")
        return True
