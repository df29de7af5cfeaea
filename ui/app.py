"""Starts the desktop app: QApplication identity, palette, icon, then the main window."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from app import __version__

RESOURCES = Path(__file__).resolve().parent / "resources"
ORGANISATION = "Phasegate"
ORGANISATION_DOMAIN = "phasegate.local"


def app_icon() -> QIcon:
    """The Phasegate icon from ui/resources (an empty icon when the files are missing)."""
    icon = QIcon()
    for png in sorted(RESOURCES.glob("phasegate-*.png")):
        icon.addFile(str(png))
    svg = RESOURCES / "phasegate.svg"
    if icon.isNull() and svg.exists():
        icon.addFile(str(svg))
    return icon


def _font_dir_for_offscreen() -> None:
    # The offscreen platform has no fontconfig fallback on some builds; point it at DejaVu so text renders.
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen" and "QT_QPA_FONTDIR" not in os.environ:
        for candidate in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype", "/usr/share/fonts"):
            if Path(candidate).is_dir():
                os.environ["QT_QPA_FONTDIR"] = candidate
                break


def ensure_application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created with Phasegate's identity when there is none yet."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    _font_dir_for_offscreen()
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setOrganizationDomain(ORGANISATION_DOMAIN)
    QCoreApplication.setApplicationName("Phasegate")
    QCoreApplication.setApplicationVersion(__version__)
    application = QApplication(argv if argv is not None else sys.argv[:1])
    configure_application(application)
    return application


def configure_application(application: QApplication) -> None:
    """Names, desktop file, icon and the system colour scheme on an existing QApplication."""
    application.setApplicationName("Phasegate")
    application.setApplicationDisplayName("Phasegate")
    application.setOrganizationName(ORGANISATION)
    application.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("phasegate")
    icon = app_icon()
    if not icon.isNull():
        application.setWindowIcon(icon)
    # Fusion follows the system light/dark colour scheme on every platform and keeps heatmaps readable.
    application.setStyle("Fusion")


def run(path: str | None = None, *, demo: bool = False) -> int:
    """Opens the main window (on a project/roster file, or the sample project with demo=True); returns the exit code."""
    application = ensure_application()
    from ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    recovered = window.recover_if_needed()
    if path and not recovered:
        window.open_path(path)
    elif demo and not recovered:
        window.open_sample()
    return application.exec()
