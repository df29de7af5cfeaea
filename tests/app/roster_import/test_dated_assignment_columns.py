"""Dated assignment columns in the roster sheet itself: start and roll-off dates of the current assignment."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from app.roster_import import import_roster
from app.templates import load_catalogue


def test_assignment_start_and_roll_off_columns_date_the_commitment(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("Employee ID;Name;Project;Allocation %;Assignment start;Roll-off date\n"
                    "E1;Ann Archer;Claims;50%;01/02/2027;30/04/2027\n"
                    "E2;Bo Berg;Churn;100%;;31/03/2027\n"
                    "E3;Cy Cole;Claims;40%;01/05/2027;30/04/2027\n"
                    "E4;Di Dahl;Churn;60%;soon;15/06/2027\n", "utf-8")
    result = import_roster(path, catalogue=load_catalogue())
    assert result.mapping.target_of("Assignment start") == "initiative_start"
    assert result.mapping.target_of("Roll-off date") == "initiative_end"
    people = {p.id: p for p in result.people}
    assert [(c.initiative, c.fte, c.start, c.end) for c in people["E1"].commitments] == [
        ("Claims", 0.5, date(2027, 2, 1), date(2027, 4, 30))]
    assert [(c.start, c.end) for c in people["E2"].commitments] == [(None, date(2027, 3, 31))]
    assert people["E3"].commitments == []  # ends before it starts: reported, not recorded, the person kept
    assert [(c.start, c.end) for c in people["E4"].commitments] == [(None, date(2027, 6, 15))]
    warnings = {(w.row, w.column): w.reason for w in result.warnings}
    assert warnings[(4, "Roll-off date")] == ("the assignment to 'Claims' ends (2027-04-30) before it starts "
                                              "(2027-05-01); not recorded")
    assert warnings[(5, "Assignment start")].endswith("; the assignment to 'Churn' is recorded without this date")
