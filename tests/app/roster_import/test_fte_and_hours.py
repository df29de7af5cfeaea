"""A file that gives both an FTE and weekly hours: a row where the two disagree is warned about, by row."""
from __future__ import annotations

from app.roster_import import import_roster

from .conftest import write_text


def _said(result) -> list[tuple[int | None, str | None, str]]:
    return [(w.row, w.column, w.reason) for w in result.warnings if "disagree" in w.reason]


def test_half_time_on_a_forty_hour_week_is_warned_naming_the_row(tmp_path, catalogue):
    text = "Employee ID,Name,FTE,Scheduled Weekly Hours\nE1,Ana Ruiz,0.5,40\nE2,Ben Ode,1,40\nE3,Cy Cole,0.8,32\n"
    result = import_roster(write_text(tmp_path / "both.csv", text), catalogue=catalogue)
    assert _said(result) == [(2, "Scheduled Weekly Hours", "FTE 50% but 40 hours a week, which is 100% of this "
                              "file's 40-hour week: the two disagree; the FTE column is used, please check")]
    assert [p.fte for p in result.people] == [0.5, 1.0, 0.8]  # was: 0.5 taken in silence


def test_a_file_of_35_hour_weeks_agrees_with_itself(tmp_path, catalogue):
    text = ("Employee ID,Name,FTE,Weekly hours\nE1,Ana Ruiz,100%,35\nE2,Ben Ode,50%,17.5\nE3,Cy Cole,80%,28\n"
            "E4,Di Dunn,100%,17.5\n")
    result = import_roster(write_text(tmp_path / "fr.csv", text), catalogue=catalogue)
    assert [r for r, _, _ in _said(result)] == [5]  # only Di: full time on half of the file's 35-hour week
    assert "of this file's 35-hour week" in _said(result)[0][2]
