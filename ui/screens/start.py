"""Start screen: recent projects, the sample project, a new project from a roster, and a drop zone."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.services import Services


class StartScreen(QWidget):
    """Open a recent project, the sample project, or start from an HR roster."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        heading = QLabel("<h1>Phasegate</h1><p>Staff each AI initiative for its next phase: import the roster as HR "
                         "sent it, read the skill gaps by failure mode, and plan who moves, who trains and who "
                         "is hired.</p>")
        heading.setWordWrap(True)
        layout.addWidget(heading)

        buttons = QHBoxLayout()
        self.sample_button = self._button("Open sample project", "Open the bundled sample project (two initiatives)",
                                          lambda: self._window_call("open_sample"))
        self.new_button = self._button("New project from roster…", "Start a project from an HR roster file (Ctrl+N)",
                                       lambda: self._window_call("new_from_roster"))
        self.open_button = self._button("Open project…", "Open a saved project (Ctrl+O)",
                                        lambda: self._window_call("open_dialog"))
        for b in (self.sample_button, self.new_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        layout.addWidget(QLabel("<b>Recent projects</b>"))
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent projects")
        self.recent.setToolTip("Double-click to open")
        self.recent.itemActivated.connect(self._on_recent_activated)
        layout.addWidget(self.recent, 1)

        self.drop_zone = QLabel("Drop an HR roster (xlsx, xls, ods, csv) or a project file anywhere on this window")
        self.drop_zone.setAccessibleName("Drop zone")
        self.drop_zone.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_zone.setFrameShape(QFrame.Shape.StyledPanel)
        self.drop_zone.setMinimumHeight(120)
        self.drop_zone.setStyleSheet("QLabel { border: 2px dashed palette(mid); border-radius: 8px; }")
        layout.addWidget(self.drop_zone)
        self.refresh_recent()

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(slot)
        return button

    def _window_call(self, name: str) -> None:
        getattr(self.window(), name)()

    def refresh_recent(self) -> None:
        """Fill the recent-projects list from the settings."""
        self.recent.clear()
        value = self.services.settings.value("recent_files", [])
        items = [value] if isinstance(value, str) else list(value or [])
        for path in items:
            if not path:
                continue
            item = QListWidgetItem(f"{Path(path).name}    —    {Path(path).parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        if self.recent.count() == 0:
            placeholder = QListWidgetItem("No recent projects yet — open the sample project to look around.")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(placeholder)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Refresh the recent list each time the screen is shown."""
        self.refresh_recent()
        super().showEvent(event)

    def _on_recent_activated(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.window().open_path(path)
