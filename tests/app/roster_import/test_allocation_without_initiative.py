"""A share of time with no initiative column ('allocation_percentage' alone): time booked on work the roster does not
name, so the person is that much less free — never read as fully free, never an initiative of its own."""
from __future__ import annotations

import json

import pytest

from app.cli import main
from app.domain.people import OTHER_WORK
from app.domain.skills import SkillCatalogue
from app.roster_import import ColumnMapping, import_roster

from .conftest import write_text


def _import(tmp_path, text: str, name: str = "r.csv"):
    return import_roster(write_text(tmp_path / name, text), catalogue=SkillCatalogue(skills=[]))


@pytest.mark.parametrize("header", ["allocation_percentage", "Allocation %", "Booked %", "% allocated"])
def test_a_header_that_says_allocated_or_booked_books_the_time_without_asking(tmp_path, capsys, header):
    path = write_text(tmp_path / "r.csv", f"Employee ID,Name,FTE,{header}\nA1,Ana Ruiz,1,80\nB2,Ben Ode,1,0\n")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{header} → Share of time booked on other work (no initiative named)" in out
    result = import_roster(path, catalogue=SkillCatalogue(skills=[]))
    ana, ben = result.people
    assert [(c.initiative, c.fte) for c in ana.commitments] == [(OTHER_WORK, 0.8)]
    assert ana.free_fte() == 0.2
    assert ben.commitments == [] and ben.free_fte() == 1.0  # 0 % books nothing


def test_percentages_and_shares_of_one_read_alike_as_a_share_of_the_persons_own_time(tmp_path) -> None:
    percent = _import(tmp_path, "Name,FTE,Allocation %\nAna Ruiz,1,80\nBen Ode,0.5,50\nCy Lu,0.5,100\n", "p.csv")
    share = _import(tmp_path, "Name,FTE,Allocation %\nAna Ruiz,1,0.8\nBen Ode,0.5,0.5\nCy Lu,0.5,1\n", "s.csv")
    written = _import(tmp_path, "Name,FTE,Allocation %\nAna Ruiz,1,80%\nBen Ode,0.5,50%\nCy Lu,0.5,100%\n", "w.csv")
    for result in (percent, share, written):
        # Ben works half time and half of that is booked: a quarter of full time is left
        assert [p.free_fte() for p in result.people] == [0.2, 0.25, 0.0]
        assert [c.fte for p in result.people for c in p.commitments] == [0.8, 0.25, 0.5]
        assert [w.reason for w in result.warnings if w.column] == ["read as a share of the person's own time: 50% of their "
                                                       "0.50 FTE books 0.25 FTE on other work (so for every "
                                                       "part-time person in this column)"]


def test_a_header_naming_fte_books_the_fte_as_written(tmp_path) -> None:
    result = _import(tmp_path, "Name,FTE,Booked FTE\nAna Ruiz,1,0.8\nBen Ode,0.5,0.5\nCy Lu,0.5,0.75\n")
    assert [p.free_fte() for p in result.people] == [0.2, 0.0, 0.0]
    assert [w.reason for w in result.warnings if w.column] == ["booked 0.75 FTE on other work, more than the person's FTE 0.50"]


def test_more_than_the_person_has_is_booked_with_a_warning(tmp_path) -> None:
    result = _import(tmp_path, "Name,FTE,Allocation %\nAna Ruiz,1,120\nBen Ode,1,abc\n")
    ana, ben = result.people
    assert ana.free_fte() == 0.0 and ana.over_committed()
    reasons = {w.row: w.reason for w in result.warnings}
    assert reasons[2] == "booked 120% of the person's time on other work: more than all of it"
    assert reasons[3].endswith("; no time booked on other work is recorded (the person is read as free)")
    assert ben.commitments == []


@pytest.mark.parametrize("header", ["Utilisation", "Billable %", "utilization"])
def test_utilisation_or_billable_may_be_a_target_so_it_is_asked(tmp_path, capsys, header) -> None:
    path = write_text(tmp_path / "r.csv", f"Employee ID,Name,FTE,{header}\nA1,Ana Ruiz,1,80\nB2,Ben Ode,1,60\n")
    saved = tmp_path / "m.json"
    assert main(["check", str(path), "--save-mapping", str(saved)]) == 1
    out = capsys.readouterr().out
    assert f"'{header}': Share of time booked on other work (no initiative named) (60%)" in out
    assert "may be a target, not time booked: is it the share of time already booked on other work" in out
    column = json.loads(saved.read_text())["columns"][header]
    assert column["target"] == "committed_elsewhere" and column["confidence"] == 0.6
    # the user keeps the suggestion: the mapping file decides, and the time is booked
    assert main(["check", str(path), "--mapping", str(saved)]) == 0
    result = import_roster(path, catalogue=SkillCatalogue(skills=[]), mapping=ColumnMapping.load(saved))
    assert [p.free_fte() for p in result.people] == [0.2, 0.4]


def test_beside_an_initiative_column_the_share_is_that_initiatives_and_a_booked_total_is_kept(tmp_path) -> None:
    result = _import(tmp_path, "Name,FTE,Project,Allocation %,Booked %\nAna Ruiz,1,Fraud Radar,50,90\n")
    assert result.mapping.columns["Allocation %"].target == "initiative_fte"
    booked = result.mapping.columns["Booked %"]
    assert booked.target == "extra" and "would count that time twice" in booked.reason
    (ana,) = result.people
    assert [(c.initiative, c.fte) for c in ana.commitments] == [("Fraud Radar", 0.5)]


def test_an_assignment_state_without_an_initiative_is_still_kept(tmp_path) -> None:
    result = _import(tmp_path, "Name,FTE,Allocation %,Assignment status\nAna Ruiz,1,80,Tentative\n")
    status = result.mapping.columns["Assignment status"]
    assert status.target == "extra" and "no initiative (project) column to tie it to" in status.reason
    assert [(c.initiative, c.status.value) for c in result.people[0].commitments] == [(OTHER_WORK, "confirmed")]
