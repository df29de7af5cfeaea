"""`phasegate new ROSTER -o PROJECT` and `phasegate plan PROJECT [--scenario NAME]` on a roster that is not the sample."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.domain import Pin, Policy
from app.project import Scenario, open_project, save_project
from tests.own_roster import person_rows, write_roster

FAST = ["--time-limit", "3"]


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    return write_roster(tmp_path / "acme.csv")


def test_new_writes_a_project_with_one_initiative_per_name_in_the_roster_column(roster, tmp_path, capsys):
    out = tmp_path / "acme.phasegate"
    assert main(["new", str(roster), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    project = open_project(out)
    assert [i.id for i in project.portfolio.initiatives] == ["Fraud Radar", "Invoice Reader"]
    assert len(project.roster.people) == 40 and project.source.file_name == "acme.csv"
    assert [s.name for s in project.scenarios] == ["Baseline"]
    assert project.initiatives_to_review == ["Fraud Radar", "Invoice Reader"]  # the window shows them 'to review'
    team = len(project.roster.team_of("Fraud Radar"))
    assert f"Fraud Radar: Pilot → Production; current team {team} people (from the roster, defaults to review)" in text
    assert f"phasegate plan {out}" in text


def test_new_takes_phases_and_policy_from_a_portfolio_file_and_the_rest_from_the_roster(roster, tmp_path, capsys):
    portfolio = tmp_path / "portfolio.yaml"
    portfolio.write_text("initiatives:\n  - id: Fraud Radar\n    current_phase: poc\n    target_phase: pilot\n"
                         "    go_live: 2027-05-01\n    policy: {hiring_freeze: true}\n", "utf-8")
    out = tmp_path / "acme.phasegate"
    assert main(["new", str(roster), "--portfolio", str(portfolio), "-o", str(out), "--name", "Acme"]) == 0
    text = capsys.readouterr().out
    project = open_project(out)
    fraud, invoice = project.portfolio.initiatives
    assert (fraud.current_phase.value, fraud.target_phase.value, fraud.policy.hiring_freeze) == ("poc", "pilot", True)
    assert (invoice.id, invoice.target_phase.value) == ("Invoice Reader", "production")
    assert project.name == "Acme" and "Fraud Radar: Proof of concept → Pilot, go-live 1 May 2027" in text
    assert "(from the portfolio file)" in text and "Review the phases, go-live and policy of the 1 initiative" in text
    assert project.initiatives_to_review == ["Invoice Reader"]


def test_new_without_an_initiative_column_says_what_to_do(tmp_path, capsys):
    rows = [{k: v for k, v in r.items() if k not in ("Project", "Allocation %")} for r in person_rows(6)]
    roster = tmp_path / "plain.csv"
    header = [k for k in rows[0]]
    roster.write_text("\n".join([",".join(header), *(",".join(r[k] for k in header) for r in rows)]) + "\n", "utf-8")
    out = tmp_path / "plain.phasegate"
    assert main(["new", str(roster), "-o", str(out)]) == 0
    assert "No initiatives: the roster has no initiative (project) column" in capsys.readouterr().out
    assert open_project(out).portfolio.initiatives == []
    assert main(["plan", str(out)]) == 2  # the project's own words, not the roster's '--to is required'
    assert capsys.readouterr().err == (f"error: {out}: the project has no initiatives: add them (the window's "
                                       "Initiatives screen, or 'phasegate new ROSTER --portfolio FILE'), or pass --to "
                                       "PHASE to plan the whole roster as one team\n")
    assert main(["plan", str(out), "--to", "production", "--time-limit", "3"]) == 0


def test_new_refuses_to_overwrite_and_wrong_suffix_in_one_line(roster, tmp_path, capsys):
    out = tmp_path / "acme.phasegate"
    out.write_text("keep me", "utf-8")
    assert main(["new", str(roster), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists; pass --force" in err and out.read_text("utf-8") == "keep me"
    assert main(["new", str(roster), "-o", str(tmp_path / "acme.xlsx")]) == 2
    assert "a project file ends in .phasegate" in capsys.readouterr().err


def test_plan_a_project_by_scenario_with_its_own_policy(roster, tmp_path, capsys):
    out = tmp_path / "acme.phasegate"
    assert main(["new", str(roster), "-o", str(out)]) == 0
    project = open_project(out)
    someone = project.roster.team_of("Fraud Radar")[0]
    project.scenarios.append(Scenario(
        name="Freeze", policy_overrides={i.id: Policy(hiring_freeze=True, allow_contractors=False)
                                         for i in project.portfolio.initiatives},
        pins=[Pin(person_id="GONE01", initiative="Fraud Radar", role="data_engineer")]))
    save_project(project, out)
    capsys.readouterr()

    base_json, freeze_json = tmp_path / "base.json", tmp_path / "freeze.json"
    assert main(["plan", str(out), "--json", str(base_json), *FAST]) == 0
    assert "Staffing plan: Fraud Radar, Invoice Reader (scenario 'Baseline')" in capsys.readouterr().out
    assert main(["plan", str(out), "--scenario", "Freeze", "--json", str(freeze_json), "--xlsx",
                 str(tmp_path / "freeze.xlsx"), *FAST]) == 0
    captured = capsys.readouterr()
    assert "(scenario 'Freeze')" in captured.out and (tmp_path / "freeze.xlsx").stat().st_size > 0
    assert ("warning: pin not applied: employee id GONE01 pinned to Data engineer on Fraud Radar — the person is no "
            "longer in the roster (kept for later)") in captured.err
    base, freeze = (json.loads(p.read_text("utf-8")) for p in (base_json, freeze_json))
    assert [h for h in base["hires"] if h["kind"] == "hire"]
    assert not freeze["hires"]  # no hires and no contractors under the freeze
    assert someone.id  # the roster's own people are planned


def test_plan_names_the_scenarios_when_the_name_is_unknown(roster, tmp_path, capsys):
    out = tmp_path / "acme.phasegate"
    assert main(["new", str(roster), "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["plan", str(out), "--scenario", "Nope", *FAST]) == 2
    assert "no scenario named 'Nope' (the project has: Baseline)" in capsys.readouterr().err
    assert main(["plan", str(roster), "--scenario", "Baseline", "--initiative", "Fraud Radar", "--to",
                 "production", *FAST]) == 2
    assert "--scenario needs a .phasegate project file" in capsys.readouterr().err


def _assignments(path: Path) -> tuple[tuple, list[tuple]]:
    """The Assignments sheet's header row and its (person, initiative, role, FTE) rows."""
    import openpyxl

    rows = list(openpyxl.load_workbook(path, read_only=True)["Assignments"].iter_rows(values_only=True))
    k = next(n for n, r in enumerate(rows) if r[0] == "Person ID")
    head = rows[k]
    cols = [head.index(c) for c in ("Person ID", "New initiative", "New role", "FTE")]
    return head, [tuple(r[c] for c in cols) for r in rows[k + 1:] if r[0]]


def test_both_workbooks_come_from_one_plan_and_only_one_shows_pay(roster, tmp_path, capsys):
    out = tmp_path / "acme.phasegate"
    assert main(["new", str(roster), "-o", str(out)]) == 0
    paid, unpaid = tmp_path / "approvers.xlsx", tmp_path / "circulation.xlsx"
    assert main(["plan", str(out), "--xlsx", str(paid), "--xlsx-without-pay", str(unpaid), *FAST]) == 0
    (head_paid, with_pay), (head_unpaid, without) = _assignments(paid), _assignments(unpaid)
    assert with_pay and with_pay == without  # the same people in the same roles at the same FTE: one solve
    assert "Internal cost" in head_paid and "Internal cost" not in head_unpaid
