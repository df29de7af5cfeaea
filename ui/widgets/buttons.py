"""One way to make a push button: its label, a tooltip saying what it does, an accessible name, and its action."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton


def button(text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
    """A button labelled `text` ('…' when it asks more) that calls `slot()` when clicked."""
    made = QPushButton(text)
    made.setToolTip(tip)
    made.setAccessibleName(text.rstrip("…"))
    made.clicked.connect(lambda _=False: slot())
    return made
