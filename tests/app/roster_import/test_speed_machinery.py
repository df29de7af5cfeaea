"""The import's speed machinery changes how objects are made, never what the user gets.

Blocked column passes and objects made ahead on a side thread: each is checked against the plain way of doing the
same thing.
"""
from __future__ import annotations

from functools import partial

from app.domain.people import Person
from app.roster_import import import_roster
from app.roster_import.columns import map_columns, transpose
from app.roster_import.prebuild import Prebuilt, estimated_rows
from tests.app.roster_import.conftest import write_xlsx


def test_blocked_transpose_equals_zip_for_rectangular_and_ragged_rows():
    rows = [[r * 10 + c for c in range(7)] for r in range(5000)]
    assert transpose(rows, block=512) == [list(col) for col in zip(*rows, strict=True)]
    ragged = [[1, 2, 3], [4, 5], [6, 7, 8]]
    assert transpose(ragged) == list(zip(*ragged, strict=False))


def test_map_columns_gives_the_whole_column_results_and_none_when_a_later_block_breaks_the_job():
    texts = [f" n{i} " for i in range(3000)]
    mixed = [f" v{i} " for i in range(3000)]
    mixed[2500] = 42.0  # a number in the third block: str.strip cannot take it
    columns = [texts, mixed]
    done = map_columns(columns, {"t": (0, partial(map, str.strip)), "m": (1, partial(map, str.strip)),
                                 "u": (1, partial(map, str))}, block=1024)
    assert done["t"] == [t.strip() for t in texts]
    assert done["m"] is None
    assert done["u"] == [str(v) for v in mixed]


def test_prebuilt_sources_and_shells_cover_rows_made_ahead_and_after(tmp_path):
    pre = Prebuilt(file="r.xlsx", sheet="Workers", limit=5000).start()
    pre.finish()
    rows = [4, 5, 4999, 5000, 5001, 7000]  # the last two were never made ahead
    refs = pre.sources_for(rows)
    assert [(r.file, r.sheet, r.row) for r in refs] == [("r.xlsx", "Workers", n) for n in rows]
    shells = pre.shells(6000)
    assert len(shells) == 6000 and len({id(s) for s in shells}) == 6000
    assert all(type(s) is Person for s in shells)


def test_estimated_rows_is_close_to_the_real_count(tmp_path):
    rows = [["Employee ID", "Name", "Python"]] + [[f"E{i}", f"Person {i}", i % 5] for i in range(20_000)]
    path = write_xlsx(tmp_path / "big.xlsx", rows)
    guess = estimated_rows(path, "xl/worksheets/sheet1.xml")
    assert guess is not None and 0.9 * 20_001 <= guess <= 1.1 * 20_001
    assert estimated_rows(tmp_path / "missing.xlsx", "xl/worksheets/sheet1.xml") is None


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


def test_formula_scan_started_beside_the_parse_still_reports_and_can_be_stopped(tmp_path, catalogue):
    import threading
    from pathlib import Path

    from app.roster_import.readers import formulas_without_values, open_workbook

    rows = [["Employee ID", "Name", "FTE", "Python"], ["E1", "Ann", "=0.5*2", 3], ["E2", "Bob", "100%", None]]
    path = write_xlsx(tmp_path / "f.xlsx", rows)  # openpyxl saves formulas without a cached value
    result = import_roster(path, catalogue=catalogue)
    assert any("formula cell(s) have no saved value (C2)" in w.reason for w in result.warnings)
    book = open_workbook(Path(path))
    stopped = threading.Event()
    stopped.set()
    assert formulas_without_values(book, "Sheet1", stop=stopped) == ([], 0)
    assert formulas_without_values(book, "Sheet1") == (["C2"], 1)


def test_slices_cover_every_row_once_in_order():
    from app.roster_import.fast import slices

    assert slices(0) == []
    assert [list(r) for r in slices(5, 2)] == [[0, 1], [2, 3], [4]]
    parts = slices(10_001)
    assert [i for part in parts for i in part] == list(range(10_001)) and max(map(len, parts)) <= 2048


def test_a_released_builder_leaves_the_people_whole(tmp_path, catalogue):
    from app.roster_import import importer

    released: list[object] = []
    original = importer.RowBuilder.release

    def spy(builder):
        original(builder)
        released.append(builder._c)

    rows = [["Employee ID", "Name", "Job Title", "Python"]] + [[f"E{i}", f"P {i}", "Analyst", 3] for i in range(1500)]
    path = write_xlsx(tmp_path / "r.xlsx", rows)
    importer.RowBuilder.release = spy
    try:
        result = import_roster(path, catalogue=catalogue)
    finally:
        importer.RowBuilder.release = original
    assert released and vars(released[0]) == {}  # the per-column work was dropped once the people were built
    assert len(result.people) == 1500 and result.people[-1].name == "P 1499" and result.people[-1].title == "Analyst"
    assert result.people[0].skills["python"].level == 3


def test_drop_empties_lists_and_dicts_and_leaves_what_others_hold():
    from app.roster_import.fast import drop

    kept = ["a row someone still holds"]
    rows = [[i, str(i)] for i in range(5000)] + [kept]
    index = {i: (i, None) for i in range(3000)}
    drop(rows, index)
    assert rows == [] and index == {}
    assert kept == ["a row someone still holds"]
