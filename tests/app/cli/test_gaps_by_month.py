"""`phasegate gaps --by month`: the gap per month along the roadmap, grouped by failure mode; asks for the gate."""
from __future__ import annotations

import json

import jsonschema

from app.cli import main
from app.domain import FailureMode
from app.project.sample import SAMPLE_ROSTER

ARGS = ["gaps", str(SAMPLE_ROSTER), "--initiative", "Claims Triage Assistant", "--to", "production", "--by", "month",
        "--start", "2027-01-04"]


def test_without_the_target_gate_it_asks_for_it(capsys) -> None:
    assert main(ARGS) == 1
    err = capsys.readouterr().err
    assert "error: --by month needs the date of the production gate (the go-live): pass --gate " \
           "production=YYYY-MM-DD" in err


def test_months_follow_the_roadmap_and_the_json_keeps_its_schema(capsys) -> None:
    assert main([*ARGS, "--gate", "production=2027-03-15", "--gate", "operations=2027-06-01", "--end", "2027-07-31",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert main(["schema", "gaps-by-period"]) == 0
    jsonschema.validate(out, json.loads(capsys.readouterr().out))
    assert [(p["start"], p["phase"]) for p in out["periods"]] == [
        ("2027-01-01", "pilot"), ("2027-02-01", "pilot"), ("2027-03-01", "production"), ("2027-04-01", "production"),
        ("2027-05-01", "production"), ("2027-06-01", "operations"), ("2027-07-01", "operations")]
    for p in out["periods"]:
        assert p["gap_fte"] == round(sum(r["gap_fte"] for r in p["roles"]), 4)
        assert set(p["gap_by_mode"]) == {m.value for m in FailureMode}
    assert main([*ARGS, "--gate", "production=2027-03-15", "--end", "2027-04-30"]) == 0
    text = capsys.readouterr().out
    assert "Claims Triage Assistant: gaps month by month (roadmap: Production 15 Mar 2027)" in text
    assert "  2027-03      Production" in text and "Gap FTE by failure mode" in text
