"""Start screen: recent projects, the sample project, a new project from a roster, and a drop zone."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.services import Services
from ui.widgets.buttons import button


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

        self.library_banner = QLabel()
        self.library_banner.setAccessibleName("Template library problems")
        self.library_banner.setWordWrap(True)
        self.library_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.library_banner.setStyleSheet("QLabel { background: #fff3cd; color: #5d4200; border: 1px solid #e0b84c;"
                                          " border-radius: 4px; padding: 8px; }")
        self.library_banner.hide()
        layout.addWidget(self.library_banner)

        buttons = QHBoxLayout()
        self.sample_button = button("Open sample project", "Open the bundled Northwind sample: 79 people, four initiatives",
                                          lambda: self._window_call("open_sample"))
        self.new_button = button("New project from roster…", "Start a project from an HR roster file (Ctrl+N)",
                                       lambda: self._window_call("new_from_roster"))
        self.open_button = button("Open project…", "Open a saved project (Ctrl+O)",
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
        self.library_problems: list[str] = []
        self.library_worker = services.workers.get("templates")
        self.library_worker.finished.connect(self._on_library_checked)
        self.library_worker.failed.connect(lambda message, _details: self.show_library_problems([message]))
        self.check_library()

    def check_library(self) -> bool:
        """Load the org template library in the background when it has files; True when a check started."""
        from app.templates import library_dir

        folder = library_dir()
        try:
            has_files = folder.is_dir() and any(folder.rglob("*.y*ml"))
        except OSError:
            has_files = False
        if not has_files:
            return False

        def job(progress, _cancel):
            from app.templates import load_phase_templates

            progress(0.1, "Reading the template library…")
            return list(load_phase_templates().problems)

        return self.library_worker.start(job)

    def _on_library_checked(self, problems: object) -> None:
        self.show_library_problems(list(problems or []))

    def show_library_problems(self, problems: list[str]) -> None:
        """Show what is wrong in the template library (the defaults are used instead); nothing blocks."""
        self.library_problems = problems
        if not problems:
            self.library_banner.hide()
            return
        items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
        self.library_banner.setText(f"<b>The template library has {len(problems)} problem"
                                    f"{'s' if len(problems) > 1 else ''}</b> — Phasegate uses the default templates "
                                    f"instead of these files until they are fixed:<ul>{items}</ul>")
        self.library_banner.show()
        self.services.status(f"Template library: {len(problems)} problem{'s' if len(problems) > 1 else ''}; "
                             "using the defaults (see the Start screen)")

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
