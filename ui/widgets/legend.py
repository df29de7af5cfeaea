"""Legends for the heatmaps: what each colour means, in one line above the table."""
from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.domain import LEVEL_LABELS
from ui.models.heatmap import readable_text


def _swatch(colour: str, text: str, *, ink: str = "#000000") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(f"QLabel {{ background: {colour}; color: {ink}; border: 1px solid #9e9e9e; "
                        "padding: 1px 6px; }")
    return label


class Legend(QWidget):
    """A row of coloured swatches with their meaning, after a title ('Level:')."""

    def __init__(self, title: str, items: list[tuple[str, str, str]], *, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(QLabel(title))
        self.labels = [_swatch(colour, text, ink=ink) for colour, text, ink in items]
        for label in self.labels:
            row.addWidget(label)
        row.addStretch(1)

    def texts(self) -> list[str]:
        """The swatches' words, in order."""
        return [label.text() for label in self.labels]


def level_legend(colours: tuple[str, ...]) -> Legend:
    """The skills heatmap's legend: blank = no skill, then 1–5 with their names."""
    items = [("#ffffff", "blank: none", "#000000")]
    items += [(colours[level - 1], f"{level} {LEVEL_LABELS[level]}", readable_text(QColor(colours[level - 1])).name())
              for level in range(1, 6)]
    return Legend("Level:", items, name="Skill level legend")


def pool_legend(shades: tuple[str, ...], over: str) -> Legend:
    """The pool heatmap's legend: committed FTE in shades of blue, red when promised more than contracted."""
    items = [(shades[0], "up to 0.2 FTE", "#000000"), (shades[2], "about half", "#000000"),
             (shades[4], "full time", "#000000"), (over, "over-committed", "#ffffff")]
    return Legend("Committed FTE:", items, name="Pool legend")
