"""Row order, messages and outcomes: clean rows, warned rows, duplicates and rejections, in the order of the sheet."""
from __future__ import annotations

from datetime import date

import pytest

from app.domain.people import Person
from app.roster_import import ImportCancelled, import_roster
from tests.app.roster_import.conftest import write_text, write_xlsx

HEADER = ["Employee ID", "Name", "Job Title", "FTE", "Hire Date", "Annual Cost", "Current Initiative",
          "Allocation %", "Badge colour", "Python", "SQL"]


def _rows() -> list[list]:
    return [
        ["Workers report"], [],
        HEADER,
        ["E1", "Ann", "Analyst", "100%", date(2020, 1, 6), 90000, "Churn Predictor", "50%", "red", 4, 2],  # clean
        ["E2", "Bob", " Engineer ", "120%", date(2021, 3, 1), 80000, None, None, None, 3, None],  # FTE warning
        ["E1", "Ann Again", "Analyst", "100%", None, None, None, None, None, 5, None],  # duplicate of a clean row
        ["E3", "Cyd", None, "0%", None, None, None, None, None, None, None],  # impossible FTE: rejected
        ["E3", "Cyd", None, "50%", None, None, "Churn Predictor", "100%", None, 2, 1],  # over-allocation warning
        ["E3", "Cyd Two", None, "50%", None, None, None, None, None, None, None],  # duplicate of a warned row
        ["E4", "=Dee", None, "100%", None, None, None, None, "blue", None, 5],  # formula name: warned, kept
        [None, None, None, None, None, None, None, None, None, None, None],
        ["E5", "Eve", "Lead", "80%", date(2019, 5, 2), 120000, None, None, None, 1, 1],  # clean
        ["Total", None, None, None, None, None, None, None, None, None, None],
    ]


def test_people_keep_row_order_and_every_row_has_an_outcome(tmp_path, catalogue):
    result = import_roster(write_xlsx(tmp_path / "r.xlsx", _rows(), text_cells=("B10",)), catalogue=catalogue)
    assert [(p.id, p.name, p.source.row) for p in result.people] == [
        ("E1", "Ann", 4), ("E2", "Bob", 5), ("E3", "Cyd", 8), ("E4", "=Dee", 10), ("E5", "Eve", 12)]
    rejected = {(i.row, i.reason) for i in result.rejected}
    assert (6, "duplicate employee id; first seen on row 4; row not imported") in rejected
    assert (9, "duplicate employee id; first seen on row 8; row not imported") in rejected
    assert any(row == 7 and "row not imported" in reason for row, reason in rejected)
    assert [i.row for i in result.skipped] == [13]
    assert result.counts.blank_rows == 1
    assert (result.counts.imported + result.counts.merged + result.counts.rejected + result.counts.skipped
            == result.counts.data_rows)
    warned = {i.row for i in result.warnings if i.row}
    assert {5, 8, 10} <= warned and not warned & {4, 12}


def test_column_wise_people_equal_fully_validated_models(tmp_path, catalogue):
    result = import_roster(write_xlsx(tmp_path / "r.xlsx", _rows(), text_cells=("B10",)), catalogue=catalogue)
    for person in result.people:
        assert Person.model_validate(person.model_dump()) == person
    ann, bob, _, _, eve = result.people
    assert (ann.title, ann.fte, ann.start_date, ann.cost_rate) == ("Analyst", 1.0, date(2020, 1, 6), 90000.0)
    assert ann.extra == {"Badge colour": "red"} and eve.extra == {}
    assert [(c.initiative, c.fte, c.status.value) for c in ann.commitments] == [("Churn Predictor", 0.5, "confirmed")]
    assert {k: v.level for k, v in ann.skills.items()} == {"python": 4, "sql": 2}
    assert bob.title == "Engineer" and bob.fte == 1.2
    # people do not share mutable parts: editing one leaves the others alone
    ann.extra["Badge colour"] = "green"
    ann.commitments.clear()
    eve.skills.pop("python")
    assert result.people[4].skills.keys() == {"sql"} and "python" in result.people[0].skills
    assert all(p.extra.get("Badge colour") != "green" for p in result.people[1:])
    ann.title = "Senior Analyst"  # pydantic's own attribute handling still works on these objects
    assert "title" in ann.model_fields_set and ann.model_dump()["title"] == "Senior Analyst"


def test_numeric_ids_and_names_take_the_same_path_as_text(tmp_path, catalogue):
    rows = [["Employee ID", "Name", "FTE", "Python (1-5)"], [1001, "Ann", 1, 3], [1002.0, "Bob", 0.5, 4], [1001, "Cy", 1, 1]]
    result = import_roster(write_xlsx(tmp_path / "r.xlsx", rows), catalogue=catalogue)
    assert [(p.id, p.fte) for p in result.people] == [("1001", 1.0), ("1002", 0.5)]
    assert [i.row for i in result.rejected] == [4]


def test_csv_with_the_same_rows_gives_the_same_people(tmp_path, catalogue):
    text = ("Employee ID;Name;FTE;Current Initiative;Allocation %;Python\n"
            "E1;Ann;0,8;Churn;50%;4\nE2;n/a;1;;;3\nE3;Cy;1;;;\nE1;Ann;1;;;5\n")
    result = import_roster(write_text(tmp_path / "r.csv", text), catalogue=catalogue)
    assert [(p.id, p.fte, [c.fte for c in p.commitments]) for p in result.people] == [("E1", 0.8, [0.5]),
                                                                                     ("E3", 1.0, [])]
    assert sorted(i.row for i in result.rejected) == [3, 5]


def _unique_rows(n: int) -> list[list]:
    rows: list[list] = [["Employee ID", "Name", "FTE", "Current Initiative", "Allocation %", "Python"]]
    for i in range(n):
        fte = "150%" if i % 7 == 3 else "0%" if i % 11 == 5 else "100%"  # warned, rejected, clean
        rows.append([f"E{i}", f"Person {i}", fte, "Churn" if i % 2 else None, "50%" if i % 2 else None, 1 + i % 5])
    return rows


def test_unique_ids_mixed_rows_keep_row_order(tmp_path, catalogue):
    result = import_roster(write_xlsx(tmp_path / "r.xlsx", _unique_rows(60)), catalogue=catalogue)
    rejected = [i for i in range(60) if i % 11 == 5 and i % 7 != 3]
    expected = [i for i in range(60) if i not in rejected]
    assert [p.id for p in result.people] == [f"E{i}" for i in expected]
    assert [p.source.row for p in result.people] == [i + 2 for i in expected]
    assert [i.row for i in result.rejected] == [i + 2 for i in rejected]
    over = [p for p in result.people if p.fte > 1.0]
    assert over and all(int(p.id[1:]) % 7 == 3 for p in over)
    assert all(len(p.commitments) == int(p.id[1:]) % 2 for p in result.people)


def test_unique_ids_path_reports_progress_and_cancels(tmp_path, catalogue):
    path = write_xlsx(tmp_path / "r.xlsx", _unique_rows(30))
    seen: list[float] = []
    import_roster(path, catalogue=catalogue, progress=lambda fraction, message: seen.append(fraction))
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 4
    calls: list[int] = []

    def cancel_later() -> bool:
        calls.append(1)
        return len(calls) > 1  # let the reading start, cancel while the rows are checked

    with pytest.raises(ImportCancelled):
        import_roster(path, catalogue=catalogue, cancel=cancel_later)


def test_both_paths_write_the_same_messages(tmp_path, catalogue):
    rows = [["Employee ID", "Name", "FTE", "Current Initiative", "Allocation %", "Python (1-5)"],
            ["E1", "Ann", "50%", "Churn", "100%", 3],  # allocation over FTE: warned, imported
            ["E2", "Bob", "100%", "Churn", "40%", 4],
            ["E3", "Cy", "150%", "Churn", "160%", 1],  # two warnings
            ["E4", "Di", "abc", None, None, 1]]  # rejected
    unique = import_roster(write_xlsx(tmp_path / "u.xlsx", rows), catalogue=catalogue)
    in_order = import_roster(write_xlsx(tmp_path / "d.xlsx", [*rows, ["E2", "Bob again", "100%", None, None, 1]]),
                             catalogue=catalogue)

    def messages(result):
        return [(i.row, i.column, i.value, i.reason) for i in [*result.warnings, *result.rejected] if i.row != 6]

    assert messages(unique) == messages(in_order)
    assert (2, "Allocation %", "100%", "allocation 100% is more than the person's FTE 50%") in messages(unique)
    def dumped(result):
        return [p.model_dump(exclude={"source": {"file"}}) for p in result.people]

    assert dumped(unique) == dumped(in_order)


def test_rows_across_several_bulk_slices_keep_order_and_parts_on_both_paths(tmp_path, catalogue):
    SLICE = 2048  # rows per progress slice of the old column-wise build; kept as a size

    n = 2 * SLICE + 37  # the column-wise build works a slice at a time: three slices, the last one short
    rows = _unique_rows(n)
    unique = import_roster(write_xlsx(tmp_path / "u.xlsx", rows), catalogue=catalogue)
    in_order = import_roster(write_xlsx(tmp_path / "d.xlsx", [*rows, ["E1", "Again", "100%", None, None, 1]]),
                             catalogue=catalogue)
    rejected = [i for i in range(n) if i % 11 == 5 and i % 7 != 3]
    expected = [i for i in range(n) if i not in set(rejected)]
    for result in (unique, in_order):
        assert [p.id for p in result.people] == [f"E{i}" for i in expected]
        assert [p.source.row for p in result.people] == [i + 2 for i in expected]
        assert all(len(p.commitments) == int(p.id[1:]) % 2 and len(p.skills) == 1 for p in result.people)
    assert [i.row for i in in_order.rejected] == [*(i + 2 for i in rejected), n + 2]  # the duplicate too
    assert ([p.model_dump(exclude={"source": {"file"}}) for p in unique.people]
            == [p.model_dump(exclude={"source": {"file"}}) for p in in_order.people])
