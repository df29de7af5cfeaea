"""ImportOptions(cooperative=True) reads the sheet row by row and imports exactly what the whole-sheet read does."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from app.roster_import import ImportOptions, import_roster
from app.roster_import.read_file import open_workbook, read_sheet
from tests.app.roster_import.conftest import write_xlsx


def _offset_roster(path: Path) -> Path:
    """A Workday-style sheet whose used area starts at C3, with a title, a gap row and a rejected row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Workers"
    ws["C3"] = "Workforce report"
    header = ["Employee ID", "Worker", "FTE", "Hire Date", "Python", "SQL"]
    data = [["E1", "Ana Duarte", 0.8, dt.date(2021, 3, 1), 4, 2],
            ["E2", "Ben Okafor", "100%", dt.date(2019, 7, 15), 3, None],
            ["E3", "", 1, None, 2, 2],
            ["E4", "Chloé Martin", 0.5, dt.date(2023, 1, 9), None, 5]]
    for r, row in enumerate([header, *data], start=5):
        for c, value in enumerate(row, start=3):
            ws.cell(row=r, column=c, value=value)
    wb.save(path)
    return path


def test_row_by_row_read_gives_the_same_rows_as_the_whole_sheet_read(tmp_path):
    book = open_workbook(_offset_roster(tmp_path / "offset.xlsx"))
    whole = read_sheet(book, "Workers", max_rows=1000, max_columns=100)
    cooperative = read_sheet(book, "Workers", max_rows=1000, max_columns=100, cooperative=True)
    assert cooperative.rows == whole.rows
    assert (cooperative.first_row, cooperative.first_col) == (whole.first_row, whole.first_col) == (2, 2)
    assert whole.rows[0][0] == "Workforce report" and whole.rows[3][1] == "Ana Duarte"


def test_cooperative_import_imports_and_rejects_the_same_rows(tmp_path, catalogue):
    path = _offset_roster(tmp_path / "offset.xlsx")
    plain = import_roster(path, catalogue=catalogue)
    cooperative = import_roster(path, catalogue=catalogue, options=ImportOptions(cooperative=True))
    assert [p.model_dump() for p in cooperative.people] == [p.model_dump() for p in plain.people]
    assert [p.name for p in plain.people] == ["Ana Duarte", "Ben Okafor", "Chloé Martin"]
    assert [(r.row, r.reason) for r in cooperative.rejected] == [(r.row, r.reason) for r in plain.rejected]
    assert plain.rejected and plain.rejected[0].row == 8  # the spreadsheet row of the nameless E3
    assert cooperative.counts == plain.counts


def test_cooperative_import_scans_for_formulas_without_values_after_the_rows(tmp_path, catalogue):
    import threading

    rows = [["Employee ID", "Name", "FTE", "Python (1-5)"], ["E1", "Ann", "=0.5*2", 3], ["E2", "Bob", "100%", None]]
    path = write_xlsx(tmp_path / "f.xlsx", rows)  # openpyxl saves formulas without a cached value
    before = {t.name for t in threading.enumerate()}
    result = import_roster(path, catalogue=catalogue, options=ImportOptions(cooperative=True))
    assert any("formula cell(s) have no saved value (C2)" in w.reason for w in result.warnings)
    plain = import_roster(path, catalogue=catalogue)
    assert [w.reason for w in result.warnings] == [w.reason for w in plain.warnings]
    assert {t.name for t in threading.enumerate()} <= before  # no side thread left behind
