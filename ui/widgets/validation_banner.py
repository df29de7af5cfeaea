"""A banner above the plan tables: 'checking…', 'the plan keeps every rule', or the rules it breaks."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

MAX_LINES = 6
#: state → (background, border, text colour)
_STYLES = {
    "ok": ("#e8f5e9", "#66bb6a", "#1b5e20"),
    "problems": ("#ffebee", "#e53935", "#b71c1c"),
    "checking": ("#fffde7", "#fbc02d", "#5d4037"),
    "failed": ("#ffebee", "#e53935", "#b71c1c"),
}


class ValidationBanner(QFrame):
    """Shows the validator's verdict on the plan in business words; hidden when there is no plan."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Plan check")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label)
        self.state = "hidden"
        self.problems: list[str] = []
        self.hide()

    def _show(self, state: str, text: str) -> None:
        self.state = state
        back, border, ink = _STYLES[state]
        self.setStyleSheet(f"ValidationBanner {{ background: {back}; border: 1px solid {border}; border-radius: 4px; }}"
                           f" QLabel {{ color: {ink}; background: transparent; }}")
        self.label.setText(text)
        self.setToolTip("\n".join(self.problems))
        self.show()

    def clear(self) -> None:
        """No plan: nothing to say."""
        self.state, self.problems = "hidden", []
        self.hide()

    def checking(self, *, keep_problems: bool = True) -> None:
        """The validator is running on the newest plan.

        While a broken plan is edited by hand its problems stay on screen until the new verdict arrives (no
        flicker); a plan that replaced it (a solve, another scenario) never shows the old plan's problems.
        """
        if self.state != "problems" or not keep_problems:
            self.problems = []
            self._show("checking", "Checking the plan against every rule…")

    def show_problems(self, problems: list[str], *, edited: bool, stale: bool = False) -> None:
        """The validator's verdict: green when the plan holds, red with each broken rule otherwise."""
        self.problems = list(problems)
        if not problems:
            how = "Edited by hand and still" if edited else "The plan"
            self._show("ok", f"✔ {how} keeps every rule (free FTE, roles, budgets, pins, exclusions, lead times).")
            return
        lines = [html.escape(p) for p in problems[:MAX_LINES]]
        more = len(problems) - MAX_LINES
        if more > 0:
            lines.append(f"… and {more} more (hover for the full list)")
        head = f"⚠ This plan breaks {len(problems)} rule{'s' if len(problems) > 1 else ''}"
        tail = (" — undo the edit (Ctrl+Z) or re-solve." if edited else
                " — it was solved before the latest change: press Solve to re-plan." if stale else ".")
        self._show("problems", f"<b>{head}{tail}</b><br>" + "<br>".join(f"• {line}" for line in lines))

    def failed(self, message: str) -> None:
        """The validator itself could not run."""
        self.problems = []
        self._show("failed", f"Could not check the plan: {html.escape(message)}")
