"""Record tables (plan, scenarios, gaps) keep their cells in Qt's items: painting calls no Python, long lists fill in
slices, and idle-time calls wait for the repaint they follow."""
from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QTableView

from ui.models import records
from ui.models.plan_rows import BROKEN, PINNED, AssignmentTableModel
from ui.models.records import FIRST_ROWS, Field, RecordTableModel, attr
from ui.workers import when_idle

REASON = "Ana Larkspur: ML pipelines (CI/CD for ML) 4 ≥ 3, Model monitoring 4 ≥ 3; moves in from the wider pool"


@dataclass(frozen=True)
class Row:
    """A stand-in for a plan row."""

    person_name: str
    fte: float
    reason: str = REASON
    pinned: bool = False


def _rows(n: int) -> list[Row]:
    return [Row(f"Person {i}", round(0.1 * (i % 10 + 1), 2), pinned=i == 1) for i in range(n)]


def _model() -> RecordTableModel:
    return RecordTableModel([attr("Person", "person_name"), attr("FTE", "fte", "Share of a full week"),
                             attr("Reason", "reason")], tint=lambda r: QColor("#ffcdd2") if r.fte > 0.9 else None)


def test_cells_show_text_tooltips_alignment_tint_and_the_record(qtmodeltester):
    model = _model()
    rows = _rows(12)
    model.set_records(rows)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 12 and model.columnCount() == 3
    assert [model.index(3, c).data() for c in range(3)] == ["Person 3", "0.40", REASON]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "FTE"
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Share of a full week"
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None  # rows are not numbered
    assert model.index(3, 2).data(Qt.ItemDataRole.ToolTipRole) == REASON  # long text: the whole of it on hover
    assert model.index(3, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(3, 1).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.index(3, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.index(9, 0).data(Qt.ItemDataRole.BackgroundRole) == QColor("#ffcdd2")  # fte 1.0
    assert model.index(9, 2).data(Qt.ItemDataRole.ForegroundRole) == QColor("#000000")
    assert model.index(3, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert all(model.index(5, c).data(Qt.ItemDataRole.UserRole) is rows[5] for c in range(3))
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    model.set_records([])
    assert model.rowCount() == 0


def test_a_long_list_fills_in_slices_and_ends_complete(qtbot):
    model = _model()
    rows = _rows(FIRST_ROWS * 3 + 7)
    model.set_records(rows)
    assert model.rowCount() == FIRST_ROWS and model.filling()  # a screenful at once, the rest in later turns
    qtbot.waitUntil(lambda: not model.filling(), timeout=10_000)
    assert model.rowCount() == len(rows)
    assert model.index(len(rows) - 1, 0).data() == f"Person {len(rows) - 1}"
    model.set_records(rows[:3])  # replaced while nothing is pending: exactly the new rows
    assert model.rowCount() == 3
    model.set_records(rows)
    model.finish_filling()
    assert model.rowCount() == len(rows) and not model.filling()


def test_painting_a_record_table_calls_no_python(qtbot):
    model = _model()
    model.set_records(_rows(30))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    view.viewport().repaint()  # the first paint may set up caches
    calls: list[str] = []

    def profile(frame, event, _arg):
        if event == "call":
            calls.append(f"{frame.f_code.co_filename}:{frame.f_code.co_name}")

    sys.setprofile(profile)
    try:
        view.viewport().repaint()
    finally:
        sys.setprofile(None)
    # every painted cell asked the model for its roles; none of those questions reached Python
    assert [c for c in calls if c.startswith(records.__file__) or "data" in c.lower()] == []


def test_assignment_rows_tint_broken_and_pinned_and_only_fte_is_editable():
    model = AssignmentTableModel([attr("Person", "person_name"), attr("FTE", "fte"), Field("Why", lambda r: r.reason)],
                                 fte_column=1, on_edit=lambda _row, _fte: "")
    model.set_records(_rows(4))
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) == PINNED
    assert model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    model.set_row_problems({2: ["Person 2 is over-allocated"]})
    assert model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole) == BROKEN
    assert model.index(2, 1).data(Qt.ItemDataRole.ToolTipRole) == "Person 2 is over-allocated"
    model.set_row_problems({})
    assert model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(2, 2).data(Qt.ItemDataRole.ToolTipRole) == REASON  # back to the cell's own long text
    assert model.index(2, 1).data(Qt.ItemDataRole.ToolTipRole) is None


class _Painted(QLabel):
    """A label that notes each paint."""

    def __init__(self, log: list[str]) -> None:
        super().__init__("short")
        self.log = log

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Note the paint, then paint."""
        self.log.append("paint")
        super().paintEvent(event)


def test_an_idle_call_waits_for_the_repaint_the_change_before_it_asked_for(qtbot):
    log: list[str] = []
    label = _Painted(log)
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    qtbot.wait(50)
    log.clear()
    label.setText("a much longer text\nover two lines")  # a relayout and a repaint are now posted
    when_idle(lambda: log.append("idle"))
    qtbot.waitUntil(lambda: "idle" in log, timeout=2_000)  # also in a loop with nothing else to do
    assert log.index("paint") < log.index("idle")


def test_an_idle_call_of_a_deleted_owner_is_dropped(qtbot):
    called: list[str] = []
    owner = QObject()
    when_idle(lambda: called.append("owner gone"), owner=owner)
    when_idle(lambda: called.append("kept"))
    owner.deleteLater()
    qtbot.waitUntil(lambda: called == ["kept"], timeout=2_000)
    qtbot.wait(20)
    assert called == ["kept"]


def test_refilling_leaves_no_python_items_behind():
    import gc

    from PySide6.QtGui import QStandardItem

    def items() -> int:
        return sum(1 for o in gc.get_objects() if isinstance(o, QStandardItem))

    model = _model()
    model.set_records(_rows(40))
    before = items()
    for _ in range(20):  # a plan replaced twenty times (edits, undo, re-solves)
        model.set_records(_rows(40))
    assert items() == before  # the cells are Qt's own; no wrapper per cell kept alive with the model
