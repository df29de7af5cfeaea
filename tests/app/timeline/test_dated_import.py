"""Dated commitments and leave from a long-format file, a second sheet, text dates and both Excel date systems.

Every row is imported, skipped or rejected with its sheet, row, column and reason; nothing is silently fixed.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.domain import Commitment, CommitmentStatus, Person
from app.errors import NotImportableError
from app.timeline.dated_import import import_dated


def _roster() -> list[Person]:
    return [Person(id="E1", name="Ann Archer", email="ann@example.org",
                   commitments=[Commitment(initiative="Claims", fte=0.5)]),
            Person(id="E2", name="Bo Berg", fte=0.8),
            Person(id="E3", name="Cy Cole"), Person(id="E4", name="Cy Cole")]


def _csv(tmp_path: Path, text: str, name: str = "assignments.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def _issues(items) -> list[tuple[int | None, str | None, str]]:
    return [(i.row, i.column, i.reason) for i in items]


def test_a_long_format_file_every_row_accounted_for(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Resource export from the staffing tool\n"
                "Employee ID;Resource;Project;Allocation %;Start;Roll-off date;Status;Billable\n"
                "E1;Ann Archer;Claims;50%;2027-01-04;2027-03-31;Confirmed;yes\n"
                "E1;Ann Archer;Churn;60%;15/03/2027;30/06/2027;Tentative;no\n"
                "E2;Bo Berg;Claims;0,5;2027-02-01;;Confirmed;yes\n"
                "E9;Zed Zorn;Claims;50%;2027-02-01;2027-03-01;Confirmed;yes\n"
                "E2;Bo Berg;Churn;40%;2027-05-01;2027-04-01;Confirmed;yes\n"
                ";Cy Cole;Claims;20%;2027-01-04;2027-02-26;Confirmed;yes\n"
                "E2;Bo Berg;Churn;40%;2027-13-45;2027-06-01;Confirmed;yes\n"
                "E2;Bo Berg;Churn;;2027-05-03;2027-06-01;Confirmed;yes\n"
                "E2;Bo Berg;Pricing;30%;2027-05-03;2027-06-01;Cancelled;yes\n"
                "E1;Ann Archer;Claims;50%;2027-01-04;2027-03-31;Confirmed;yes\n"
                "\n"
                "Total;;;;;;;\n")
    result = import_dated(_roster(), commitments=[path])
    [sheet] = result.sheets
    assert (sheet.kind, sheet.header_row, sheet.unused_columns) == ("commitments", 2, ["Billable"])
    assert sheet.columns["Roll-off date"] == "end" and sheet.columns["Resource"] == "name"
    assert sheet.counts.model_dump() == {"data_rows": 11, "imported": 3, "rejected": 5, "skipped": 3,
                                         "blank_rows": 1, "warnings": 1}
    assert _issues(sheet.rejected) == [
        (6, "Employee ID", "no one in the roster has employee id 'E9'; row not imported"),
        (7, "Roll-off date", "ends (2027-04-01) before it starts (2027-05-01); row not imported"),
        (8, "Resource", "2 people in the roster are named 'Cy Cole' (E3, E4); give the employee id; row not imported"),
        (9, "Start", "'2027-13-45' is not a real date (month must be in 1..12); row not imported"),
        (10, "Allocation %", "no allocation given (FTE, % or hours per week); row not imported"),
    ]
    assert _issues(sheet.skipped) == [(11, "Status", "status 'Cancelled': not imported"),
                                      (12, None, "the same as row 3; not imported twice"),
                                      (14, None, "looks like a totals/summary row; not imported")]
    ann, bo = result.people[0], result.people[1]
    assert [(c.initiative, c.fte, c.start, c.end, c.status) for c in ann.commitments] == [
        ("Claims", 0.5, date(2027, 1, 4), date(2027, 3, 31), CommitmentStatus.CONFIRMED),
        ("Churn", 0.6, date(2027, 3, 15), date(2027, 6, 30), CommitmentStatus.TENTATIVE)]
    assert [(c.initiative, c.fte, c.start, c.end) for c in bo.commitments] == [("Claims", 0.5, date(2027, 2, 1), None)]
    assert result.notes == ["E1: the roster's undated 50% on 'Claims' is replaced by the dated commitments"]
    # Ann's two commitments overlap from 15 to 31 March at 110 % of her contract: reported, left as given
    assert _issues(sheet.warnings) == [
        (3, None, "E1 is committed 110% with row 4 from 2027-03-15 to 2027-03-31, more than the contracted 100% "
                  "(left as given)")]


def test_hours_per_week_and_an_email_find_the_person(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Email,Project,Hours per week,From,Until\nANN@example.org,Claims,16,2027-01-04,2027-01-29\n")
    [ann] = [p for p in import_dated(_roster(), commitments=[path]).people if p.id == "E1"]
    assert [(c.initiative, c.fte) for c in ann.commitments] == [("Claims", 0.4)]


def test_leave_as_share_fte_or_whole_days_and_its_status(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Employee ID,Leave type,From,To,% off,Status\n"
                          "E1,Holiday,2027-07-05,2027-07-16,,Approved\n"
                          "E2,Parental leave,2027-03-01,2027-08-31,50%,Approved\n"
                          "E2,Holiday,2027-09-06,2027-09-10,,Requested\n"
                          "E3,Holiday,2027-09-06,,,Approved\n"
                          "E1,Sick,2027-02-01,2027-02-03,,Rejected\n", "leave.csv")
    result = import_dated(_roster(), absences=[path])
    [sheet] = result.sheets
    assert sheet.kind == "absences" and sheet.counts.imported == 3
    assert _issues(sheet.rejected) == [(5, "To", "leave needs an end date (for leave with no known end, mark the "
                                              "person not available); row not imported")]
    assert _issues(sheet.skipped) == [(6, "Status", "status 'Rejected': not imported")]
    ann, bo = result.people[0], result.people[1]
    assert [(a.kind, a.start, a.end, a.share, a.fte) for a in ann.absences] == [
        ("Holiday", date(2027, 7, 5), date(2027, 7, 16), None, None)]
    assert [(a.kind, a.share, a.status) for a in bo.absences] == [
        ("Parental leave", 0.5, CommitmentStatus.CONFIRMED), ("Holiday", None, CommitmentStatus.TENTATIVE)]


@pytest.mark.parametrize("epoch", ["1900", "1904"])
def test_both_excel_date_systems_and_text_dates_on_a_second_roster_sheet(tmp_path: Path, epoch: str) -> None:
    wb = openpyxl.Workbook()
    if epoch == "1904":
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    roster = wb.active
    roster.title = "People"
    roster.append(["Employee ID", "Name"])
    roster.append(["E1", "Ann Archer"])
    sheet = wb.create_sheet("Assignments")
    sheet.append(["Employee ID", "Project", "FTE", "Start date", "End date", "Status"])
    sheet.append(["E1", "Claims", 0.5, date(2027, 1, 4), date(2027, 3, 31), "Confirmed"])  # date cells
    serial = (date(2027, 6, 30) - (date(1904, 1, 1) if epoch == "1904" else date(1899, 12, 30))).days
    sheet.append(["E2", "Churn", "40%", "1 Apr 2027", serial, "Proposed"])  # text date, a bare serial number
    notes = wb.create_sheet("Notes")
    notes.append(["Exported by HR on request"])
    path = tmp_path / "roster.xlsx"
    wb.save(path)
    result = import_dated(_roster(), roster=path, roster_sheet="People")
    [read] = result.sheets
    assert (read.sheet, read.kind, read.counts.imported, read.rejected) == ("Assignments", "commitments", 2, [])
    assert "sheet 'Notes' holds neither dated commitments nor leave; not read" in result.notes
    bo = result.people[1]
    assert [(c.initiative, c.fte, c.start, c.end, c.status) for c in bo.commitments] == [
        ("Churn", 0.4, date(2027, 4, 1), date(2027, 6, 30), CommitmentStatus.TENTATIVE)]
    assert (result.people[0].commitments[0].start, result.people[0].commitments[0].end) == (
        date(2027, 1, 4), date(2027, 3, 31))


def test_a_file_without_dated_rows_is_refused_in_one_line(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Employee ID,Name,Skill\nE1,Ann,Python\n")
    with pytest.raises(NotImportableError) as info:
        import_dated(_roster(), commitments=[path])
    assert info.value.one_line().startswith("assignments.csv: no sheet holds dated commitments: it needs a person")
    assert info.value.exit_code == 1
