"""The export sets the heap alive before it aside while writing, and always leaves the collector as it found it."""
from __future__ import annotations

import gc

import openpyxl
import pytest

from app.export import write_plan_workbook


@pytest.fixture
def gc_restored():
    """Puts the collector back as the test found it (enabled or not, nothing frozen by the test)."""
    was, frozen = gc.isenabled(), gc.get_freeze_count()
    yield
    if gc.get_freeze_count() and not frozen:
        gc.unfreeze()
    (gc.enable if was else gc.disable)()


def _cells(path) -> list[tuple]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [row for ws in book.worksheets for row in ws.iter_rows(values_only=True)]
    finally:
        book.close()


def test_nothing_stays_frozen_and_the_workbook_is_the_same(report, tmp_path, gc_restored):
    if gc.get_freeze_count():
        gc.unfreeze()  # an earlier test's window froze what it left alive
    gc.enable()
    write_plan_workbook(report, tmp_path / "a.xlsx")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()  # as the window's jobs run it: nothing is frozen, nothing enabled
    write_plan_workbook(report, tmp_path / "b.xlsx")
    assert not gc.isenabled() and gc.get_freeze_count() == 0
    assert _cells(tmp_path / "a.xlsx") == _cells(tmp_path / "b.xlsx")


def test_a_callers_frozen_objects_stay_frozen(report, tmp_path, gc_restored):
    gc.enable()
    gc.freeze()
    frozen = gc.get_freeze_count()
    write_plan_workbook(report, tmp_path / "a.xlsx")
    assert gc.get_freeze_count() == frozen
