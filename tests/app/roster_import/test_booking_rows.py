"""A file of bookings (one row per person, initiative and day) is said for what it is, not summed into 200 %."""
from __future__ import annotations

import pytest

from app.cli import main
from app.errors import NotImportableError
from app.roster_import import import_roster

from .conftest import write_text

BOOKINGS = ("employee_id,name,project_name,date,start_time,end_time,status\n"
            "E1,Lucas Almeida,Factory Line Upgrade,2026-10-05,08:00,17:00,allocated\n"
            "E1,Lucas Almeida,Factory Line Upgrade,2026-10-06,08:00,17:00,allocated\n"
            "E1,Lucas Almeida,Factory Line Upgrade,2026-10-07,08:00,12:00,allocated\n"
            "E2,Mariana Costa,Robot Cell,2026-10-07,08:00,17:00,allocated\n"
            "E2,Mariana Costa,Robot Cell,2026-10-08,08:00,17:00,allocated\n"
            "E3,Rui Lima,Robot Cell,2026-10-08,13:00,17:00,allocated\n")


def test_one_row_per_person_and_day_is_refused_with_what_the_file_is(tmp_path, catalogue, capsys):
    path = write_text(tmp_path / "allocations.csv", BOOKINGS)
    with pytest.raises(NotImportableError) as caught:  # was: 3 people, Lucas at 300 % on Factory Line Upgrade
        import_roster(path, catalogue=catalogue)
    said = str(caught.value)
    assert "one row per person and day or period, not one row per person: column 'date'" in said
    assert "rows 2, 3, 4 are one person; 3 people on 6 rows, 2026-10-05 … 2026-10-08" in said
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("error: allocations.csv, sheet 'allocations': this file holds one row")


def test_bookings_known_only_by_email_are_said_before_their_columns_are_asked(tmp_path, catalogue):
    text = BOOKINGS.replace("employee_id,name,", "employee_email,").replace("E1,Lucas Almeida,", "l@x.org,") \
        .replace("E2,Mariana Costa,", "m@x.org,").replace("E3,Rui Lima,", "r@x.org,")
    with pytest.raises(NotImportableError, match="one row per person and day"):  # not: 'use the emails as ids?'
        import_roster(write_text(tmp_path / "by_email.csv", text), catalogue=catalogue)


def test_dated_assignments_and_monthly_rows_without_initiatives_are_still_read(tmp_path, catalogue):
    plan = ("Employee ID,Name,Project,Allocation %,Start,End\n"
            "E1,Ana Ruiz,Claims AI,50%,2026-01-01,2026-03-31\nE1,Ana Ruiz,Claims AI,80%,2026-04-01,2026-06-30\n"
            "E2,Ben Ode,Claims AI,100%,2026-01-01,2026-06-30\n")
    result = import_roster(write_text(tmp_path / "plan.csv", plan), catalogue=catalogue)  # start and end: not refused
    ana = result.people[0]
    # was: row 3 rejected as a duplicate employee id, Ana's second quarter on Claims AI lost
    assert [(c.fte, str(c.start), str(c.end)) for c in ana.commitments] == [(0.5, "2026-01-01", "2026-03-31"),
                                                                             (0.8, "2026-04-01", "2026-06-30")]
    assert not result.rejected and any(w.row == 3 and "the same initiative in another period" in w.reason
                                       for w in result.warnings)
    copy = plan.replace("E1,Ana Ruiz,Claims AI,80%,2026-04-01,2026-06-30", "E1,Ana Ruiz,Claims AI,50%,2026-01-01,"
                        "2026-03-31")
    again = import_roster(write_text(tmp_path / "copy.csv", copy), catalogue=catalogue)
    assert [r.row for r in again.rejected] == [3]  # the same period twice is a copy of the row: still refused
    months = "Employee ID,Name,Month,Overtime\nE1,Ana Ruiz,2026-01,6\nE1,Ana Ruiz,2026-02,2\nE2,Ben Ode,2026-01,0\n"
    result = import_roster(write_text(tmp_path / "months.csv", months), catalogue=catalogue)
    assert [p.name for p in result.people] == ["Ana Ruiz", "Ben Ode"]  # merged, nothing added up
