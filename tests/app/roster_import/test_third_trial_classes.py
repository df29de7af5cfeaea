"""Classes of problem found on a third round of public HR files (German, French, Portuguese rosters, long skill
files, a capacity sheet without a header), each rebuilt as a small synthetic file: what a careful human concludes
is asserted (people, columns, values, and the words the user reads)."""
from __future__ import annotations

import pytest

from app.errors import NotImportableError
from app.roster_import import import_roster, inspect_file

from .conftest import write_text, write_xlsx


def _targets(result) -> dict[str, str]:
    return {column: t.target for column, t in result.mapping.columns.items()}


def test_a_csv_whose_every_line_is_one_quoted_cell_is_read_from_inside_the_quotes(tmp_path, catalogue):
    text = '"ID;Name;Hours"\n"1;Ann Archer;39"\n"2;Bo Birch;20"\n"3;Cy Cole;80"\n'
    result = import_roster(write_text(tmp_path / "quoted.csv", text), catalogue=catalogue)
    assert _targets(result) == {"ID": "id", "Name": "name", "Hours": "weekly_hours"}
    assert [(p.id, p.name, p.fte) for p in result.people] == [("1", "Ann Archer", 0.975), ("2", "Bo Birch", 0.5),
                                                             ("3", "Cy Cole", 2.0)]
    said = [w.one_line() for w in result.warnings]
    assert any("each line of the file is one quoted cell" in s and "';'" in s for s in said)
    assert any("row 4" in s and "over 100 %" in s for s in said)  # 80 hours a week is flagged, not trusted


def test_a_one_column_list_of_quoted_names_with_commas_is_not_split(tmp_path, catalogue):
    text = 'Name\n"Archer, Ann"\n"Birch, Bo"\n"Cole, Cy"\n'
    result = import_roster(write_text(tmp_path / "names.csv", text), catalogue=catalogue)
    assert [p.name for p in result.people] == ["Ann Archer", "Bo Birch", "Cy Cole"]
    assert not any("quoted cell" in w.reason for w in result.warnings)


def test_a_file_without_a_header_row_stops_and_says_so_instead_of_taking_a_person_for_the_header(tmp_path,
                                                                                                catalogue):
    lines = [f"Person{k:02d};" + ";".join(["0,5"] * 6 + ["0"] * 2) + f";{k + 2}" for k in range(1, 11)]
    path = write_text(tmp_path / "capacity.csv", "\r\n".join(lines))
    with pytest.raises(NotImportableError) as caught:
        import_roster(path, catalogue=catalogue)
    assert caught.value.exit_code == 1
    message = str(caught.value)
    assert "no header row found" in message and "row 1: 'Person01', '0,5'" in message
    assert "no header row found" in inspect_file(path, catalogue=catalogue).warnings[0]


def test_a_header_of_years_beside_a_name_column_is_still_a_header(tmp_path, catalogue):
    rows = [["Name", 2024, 2025, 2026], ["Ann Archer", 1, 0.5, 0.5], ["Bo Birch", 1, 1, 1]]
    result = import_roster(write_xlsx(tmp_path / "years.xlsx", rows), catalogue=catalogue)
    assert [p.name for p in result.people] == ["Ann Archer", "Bo Birch"]
