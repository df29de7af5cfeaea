"""`phasegate plan PROJECT` on a project of several initiatives: the go-live warning leads somewhere, and a flag that
sets one initiative's plan is refused in words instead of being ignored (found walking a new lead's own roster)."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from tests.own_roster import write_roster

FAST = ["--time-limit", "2"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    out = tmp_path / "acme.phasegate"
    assert main(["new", str(write_roster(tmp_path / "acme.csv")), "-o", str(out)]) == 0
    return out


def test_a_project_without_go_lives_is_told_where_to_set_them(project, capsys):
    """The warning said 'pass --go-live to set it'; passed, --go-live was ignored and the warning came again."""
    capsys.readouterr()
    assert main(["plan", str(project), *FAST]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "no go-live for" in line]
    assert len(warnings) == 2 and not any("pass --go-live to set it" in w for w in warnings)
    assert warnings[0].endswith('set it on the Initiatives screen, or plan it alone: --initiative "Fraud Radar" '
                                "--go-live DATE")


@pytest.mark.parametrize("flags", [["--go-live", "2027-06-30"], ["--budget", "500000", "--hiring-freeze"]])
def test_one_initiatives_flags_on_a_project_of_several_are_refused_in_words(project, capsys, flags):
    capsys.readouterr()
    assert main(["plan", str(project), *flags, *FAST]) == 2
    err = capsys.readouterr().err.strip()
    given = " and ".join(f for f in flags if f.startswith("--"))
    assert err.startswith(f"error: {given} set")
    assert "add --initiative NAME (the project plans Fraud Radar, Invoice Reader)" in err
    assert len(err.splitlines()) == 1


def test_go_live_with_the_initiative_named_still_sets_it(project, capsys):
    capsys.readouterr()
    assert main(["plan", str(project), "--initiative", "Fraud Radar", "--go-live", "2027-06-30", *FAST]) == 0
    out, err = capsys.readouterr()
    assert "Fraud Radar: Pilot → Production, go-live 30 Jun 2027" in out and "no go-live" not in err
