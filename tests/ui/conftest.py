"""UI test fixtures: isolated settings, a scripted Interaction, a leak check and ready-made windows."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QPA_FONTDIR", "/usr/share/fonts/truetype/dejavu")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.interaction import Interaction, SaveChoice  # noqa: E402


@dataclass
class ScriptedInteraction(Interaction):
    """Answers dialogs from queues and records every question, so no real dialog ever opens in a test."""

    confirms: list[bool] = field(default_factory=list)
    save_choices: list[SaveChoice] = field(default_factory=list)
    open_files: list[str | None] = field(default_factory=list)
    save_files: list[str | None] = field(default_factory=list)
    errors: list[tuple[str, str, str]] = field(default_factory=list)
    infos: list[tuple[str, str]] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    directories: list[str | None] = field(default_factory=list)
    texts: list[str | None] = field(default_factory=list)
    choices: list[str | None] = field(default_factory=list)
    opened: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(None)

    def confirm(self, *, title: str, text: str, ok_text: str = "OK") -> bool:
        """Next scripted answer (True when none is scripted)."""
        self.asked.append(f"confirm: {text}")
        return self.confirms.pop(0) if self.confirms else True

    def ask_text(self, *, title: str, label: str, text: str = "") -> str | None:
        """Next scripted text (None, as Cancel, when none is scripted)."""
        self.asked.append(f"text: {title}")
        return self.texts.pop(0) if self.texts else None

    def choose(self, *, title: str, text: str, choices: list[str]) -> str | None:
        """Next scripted choice (the first choice when none is scripted)."""
        self.asked.append(f"choose: {text}")
        return self.choices.pop(0) if self.choices else choices[0]

    def open_location(self, path: str) -> None:
        """Record the file or folder the app would open in the desktop's own program."""
        self.opened.append(path)

    def ask_save(self, *, title: str, text: str) -> SaveChoice:
        """Next scripted answer (discard when none is scripted)."""
        self.asked.append(f"save?: {text}")
        return self.save_choices.pop(0) if self.save_choices else SaveChoice.DISCARD

    def choose_open_file(self, *, title: str, filters: str, directory: str = "") -> str | None:
        """Next scripted path."""
        self.asked.append(f"open: {title}")
        return self.open_files.pop(0) if self.open_files else None

    def choose_save_file(self, *, title: str, filters: str, directory: str = "") -> str | None:
        """Next scripted path."""
        self.asked.append(f"save as: {title}")
        return self.save_files.pop(0) if self.save_files else None

    def choose_directory(self, *, title: str, directory: str = "") -> str | None:
        """Next scripted folder (from `directories`)."""
        self.asked.append(f"folder: {title}")
        return self.directories.pop(0) if self.directories else None

    def show_error(self, *, title: str, message: str, details: str = "") -> None:
        """Record the error instead of showing it."""
        self.errors.append((title, message, details))

    def show_info(self, *, title: str, message: str) -> None:
        """Record the message instead of showing it."""
        self.infos.append((title, message))


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp):
    """Fail the test when it leaves a visible top-level widget behind (not registered with qtbot, not closed)."""
    before = set(map(id, QApplication.topLevelWidgets()))
    yield
    QApplication.processEvents()
    leaked = [w for w in QApplication.topLevelWidgets() if id(w) not in before and w.isVisible()]
    names = [f"{type(w).__name__} '{w.windowTitle()}'" for w in leaked]
    for widget in leaked:
        widget.close()
    for widget in QApplication.topLevelWidgets():
        if id(widget) not in before:
            widget.deleteLater()
    QApplication.processEvents()
    assert not names, f"test leaked top-level widgets: {names}"


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch) -> Path:
    """Autosave and recovery files go to a temporary folder."""
    folder = tmp_path / "state"
    monkeypatch.setenv("PHASEGATE_STATE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def empty_template_library(tmp_path: Path, monkeypatch) -> Path:
    """The org template library is an empty temporary folder, never the developer's own."""
    folder = tmp_path / "library"
    monkeypatch.setenv("PHASEGATE_LIBRARY", str(folder))
    return folder


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Settings in a temporary ini file, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def interaction() -> ScriptedInteraction:
    """The scripted dialogs."""
    return ScriptedInteraction()


@pytest.fixture(scope="session")
def sample_project():
    """The sample project, built once (tests take deep copies)."""
    from app.project.sample import load_sample_project

    return load_sample_project()


@pytest.fixture
def window(qtbot, interaction, settings):
    """A main window with scripted dialogs and temporary settings."""
    from ui.main_window import MainWindow

    win = MainWindow(interaction=interaction, settings=settings)
    qtbot.addWidget(win)
    win.services.settings.setValue("solve/time_limit", 2.0)
    return win


@pytest.fixture
def sample_window(window, sample_project):
    """A main window on a fresh copy of the sample project."""
    window.doc.replace(sample_project.model_copy(deep=True))
    return window
