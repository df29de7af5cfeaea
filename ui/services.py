"""What every screen needs from the window: the document, dialogs, workers, settings and the status line."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

from ui.document import ProjectDocument
from ui.interaction import Interaction
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
