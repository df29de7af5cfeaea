"""Finds the optional desktop app through the `phasegate.gui` entry points, so the core never imports `ui`."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from importlib.metadata import entry_points

from app.errors import PhasegateError

GROUP = "phasegate.gui"


class GuiUnavailableError(PhasegateError):
    """The desktop app is not installed (or Qt cannot start); the headless commands still work."""

    exit_code = 2


def has_display(environ: dict[str, str] | None = None) -> bool:
    """True when Qt can open a window: a display on Linux, an explicit QT_QPA_PLATFORM, or any other OS."""
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def gui_entry(name: str) -> Callable[..., int]:
    """The desktop app's entry `name` ('run' or 'self_test'), or a clear error when it is not installed."""
    if name == "run" and not has_display():
        raise GuiUnavailableError(
            "no display to open the window on (DISPLAY is not set); run it in a desktop session, "
            "or try 'phasegate demo --headless'"
        )
    found = [ep for ep in entry_points(group=GROUP) if ep.name == name]
    if not found:
        raise GuiUnavailableError(
            "the desktop app is not installed in this environment; run 'make run' or use 'phasegate demo --headless'"
        )
    try:
        return found[0].load()
    except ImportError as exc:
        raise GuiUnavailableError(
            f"the desktop app cannot start ({exc}); install Qt's system libraries with 'make system-deps'"
        ) from exc
