"""Table view settings that keep very long tables (100,000 rows) as cheap to show as one screenful."""
from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

#: Rows measured when sizing columns to contents. Not 0 ("visible rows"): Qt measures every row of a hidden view then.
MEASURED_ROWS = 60


def uniform_rows(view: QTableView, *, height: int = 24) -> None:
    """Fixed row heights; sizing columns to contents measures a few dozen rows, never the whole model."""
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(height)
    rows.setResizeContentsPrecision(MEASURED_ROWS)
    view.horizontalHeader().setResizeContentsPrecision(MEASURED_ROWS)
