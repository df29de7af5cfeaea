"""Finds the optional desktop app through the `phasegate.gui` entry points, so the core never imports `ui`."""
from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points

from app.errors import PhasegateError

GROUP = "phasegate.gui"


class GuiUnavailableError(PhasegateError):
    """The desktop app is not installed (or Qt cannot start); the headless commands still work."""

    exit_code = 2


def gui_entry(name: str) -> Callable[..., int]:
    """The desktop app's entry `name` ('run' or 'self_test'), or a clear error when it is not installed."""
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
