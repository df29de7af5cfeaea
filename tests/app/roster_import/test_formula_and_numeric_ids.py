"""Row outcomes that once depended on the import's speed machinery: numbers among text ids, formula scans."""
from __future__ import annotations

from app.domain.people import Person
from app.roster_import import import_roster
from tests.app.roster_import.conftest import write_xlsx


def test_large_import_with_numeric_ids_in_a_later_block_matches_row_by_row_rules(tmp_path, catalogue):
    rows = [["Employee ID", "Name", "FTE", "Python"]]
    rows += [[f"E{i}", f"Person {i}", "100%", 1 + i % 5] for i in range(2500)]
    rows[2001][0] = 2001  # a number among text ids, past the first blocks
    rows[2100][1] = "Total"  # a totals-looking name late in the sheet
    result = import_roster(write_xlsx(tmp_path / "r.xlsx", rows), catalogue=catalogue)
    ids = [p.id for p in result.people]
    assert "2001" in ids and len(ids) == len(set(ids))
    assert result.counts.imported + result.counts.rejected + result.counts.skipped == 2500
    assert [p.source.row for p in result.people] == sorted(p.source.row for p in result.people)
    assert all(p.source.file == "r.xlsx" and p.source.sheet == "Sheet1" for p in result.people)
    person = result.people[0]
    assert Person.model_validate(person.model_dump()) == person


def test_formula_scan_reports_formulas_without_values_and_can_be_stopped(tmp_path, catalogue):
    import threading
    from pathlib import Path

    from app.roster_import.read_file import formulas_without_values, open_workbook

    rows = [["Employee ID", "Name", "FTE", "Python (1-5)"], ["E1", "Ann", "=0.5*2", 3], ["E2", "Bob", "100%", None]]
    path = write_xlsx(tmp_path / "f.xlsx", rows)  # openpyxl saves formulas without a cached value
    result = import_roster(path, catalogue=catalogue)
    assert any("formula cell(s) have no saved value (C2)" in w.reason for w in result.warnings)
    book = open_workbook(Path(path))
    stopped = threading.Event()
    stopped.set()
    assert formulas_without_values(book, "Sheet1", stop=stopped) == ([], 0)
    assert formulas_without_values(book, "Sheet1") == (["C2"], 1)
