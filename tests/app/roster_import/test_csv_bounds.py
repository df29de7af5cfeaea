"""Oversized or malformed CSV files are refused early, in one line that says where."""
from __future__ import annotations

import pytest

from app.errors import NotImportableError, UnreadableFileError
from app.roster_import import ImportOptions, import_roster
from app.templates import load_catalogue


def test_a_csv_over_the_row_cap_is_refused_without_reading_it_all(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_text("Employee ID,Name,FTE\n" + "".join(f"E{i},Person {i},1\n" for i in range(5_000)), encoding="utf-8")
    parsed: list[int] = []
    import app.roster_import.read_file as readers

    real_reader = readers.csv.reader

    def counting_reader(*args, **kwargs):
        for row in real_reader(*args, **kwargs):
            parsed.append(1)
            yield row

    monkeypatch.setattr(readers.csv, "reader", counting_reader)
    with pytest.raises(UnreadableFileError) as caught:
        import_roster(path, catalogue=load_catalogue(), options=ImportOptions(max_rows=100))
    assert caught.value.one_line() == ("big.csv: the file has more than 100 rows; Phasegate reads at most 100 "
                                       "(split the roster)")
    assert len(parsed) == 101


def test_a_csv_field_over_the_parser_limit_names_its_line(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("Employee ID,Name,FTE\nE1,Ana,1\nE2," + "x" * 200_000 + ",1\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError) as caught:
        import_roster(path, catalogue=load_catalogue())
    line = caught.value.one_line()
    assert line.startswith("huge.csv, row 3: cannot read this text file as CSV (field larger than field limit")


def test_blank_rows_under_the_header_are_no_data(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("Employee ID,Name,FTE\n,,\n,,\n", encoding="utf-8")
    with pytest.raises(NotImportableError) as caught:
        import_roster(path, catalogue=load_catalogue())
    assert caught.value.one_line() == ("blank.csv, sheet 'blank': the sheet has a header but no data rows "
                                       "(only 2 blank rows below it)")
