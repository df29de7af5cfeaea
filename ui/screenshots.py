"""`python -m ui.screenshots OUT_DIR`: render every main screen on the sample project offscreen as PNG files."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SIZE = (1400, 900)


def _wait(signal, timeout_ms: int = 60_000) -> object:
    from PySide6.QtCore import QEventLoop, QTimer

    loop, out = QEventLoop(), []
    signal.connect(lambda *args: (out.extend(args), loop.quit()))
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    return out[0] if out else None


def render(out_dir: str | Path, *, settings_file: str | Path | None = None) -> list[Path]:
    """Open the sample, analyse gaps and solve, then grab each screen; returns the PNG paths written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from ui.app import ensure_application
    from ui.main_window import MainWindow
    from ui.screens import SCREENS

    app = ensure_application()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # the tool's own settings live in a temporary folder, never beside the pictures
    scratch = tempfile.TemporaryDirectory(prefix="phasegate-screenshots-")
    settings_path = settings_file or Path(scratch.name) / "settings.ini"
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue("solve/time_limit", 5.0)
    window = MainWindow(settings=settings)
    window.resize(*SIZE)
    window.show()
    window.open_sample()
    gaps = window.screens["gaps"]
    gaps.initiative.setCurrentIndex(max(0, gaps.initiative.findData("Claims Triage Assistant")))
    gaps.analyse()
    _wait(gaps.worker.finished)
    window.screens["plan"].solve()
    _wait(window.screens["plan"].worker.finished)
    from app.domain.roles import Phase

    templates = window.screens["templates"]
    first = window.doc.project.templates[Phase.PRODUCTION].roles[0].id
    templates.select_path((Phase.PRODUCTION, first, None))
    templates.compare()
    roster = window.screens["roster"]
    roster.table.selectRow(0)
    written = []
    for key, _label, _cls in SCREENS:
        window.go_to(key)
        if key == "roster":
            for tab, suffix in ((0, ""), (1, "-heatmap")):
                roster.tabs.setCurrentIndex(tab)
                app.processEvents()
                path = out / f"{key}{suffix}.png"
                window.grab().save(str(path))
                written.append(path)
            continue
        app.processEvents()
        path = out / f"{key}.png"
        window.grab().save(str(path))
        written.append(path)
    window.doc.undo_stack.setClean()
    window.close()
    window.deleteLater()
    del settings
    scratch.cleanup()
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: write the screenshots into the folder given (default docs/screenshots)."""
    args = list(sys.argv[1:] if argv is None else argv)
    for path in render(args[0] if args else "docs/screenshots"):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
