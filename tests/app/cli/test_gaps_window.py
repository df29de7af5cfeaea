"""`phasegate gaps` without --by counts free time over the window the optimiser plans for, and says which.

Claims goes to production on Mon 2027-03-01 and to operations on Thu 2027-07-01: its production window runs from
2027-03-01 to 2027-06-30. Three people fully match the MLOps engineer role: Ben is busy elsewhere until Fri
2027-02-26, Cy is booked elsewhere from 2027-04-01 (in the dated file), Di's roster row rolls off Fraud on 2027-02-26.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main

SKILLS = "ML pipelines,Model monitoring,Model registry,Containers,Kubernetes"


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    roster, dated = tmp_path / "roster.csv", tmp_path / "commitments.csv"
    roster.write_text(f"Employee ID,Name,Title,FTE,Current initiative,Allocation %,Roll-off date,{SKILLS}\n"
                      "E1,Ann Archer,Data scientist,100%,Claims,100%,,2,1,1,1,1\n"
                      "E2,Ben Berg,MLOps engineer,100%,,,,4,3,3,3,3\n"
                      "E3,Cy Cole,MLOps engineer,100%,,,,4,4,3,3,3\n"
                      "E4,Di Dunn,MLOps engineer,100%,Fraud,100%,2027-02-26,5,3,3,3,3\n", "utf-8")
    dated.write_text("Employee ID;Project;Allocation %;Start;End;Status\n"
                     "E2;Other;100%;;2027-02-26;Confirmed\n"
                     "E3;Other;100%;2027-04-01;;Confirmed\n", "utf-8")
    return ["gaps", str(roster), "--initiative", "Claims", "--to", "production", "--commitments", str(dated),
            "--start", "2027-01-04"]


GATES = ["--gate", "production=2027-03-01", "--gate", "operations=2027-07-01"]


def _mlops(out: str) -> list[str]:
    block = out.split("  MLOps engineer [")[1].split("\n\n")[0]
    return [line.strip() for line in block.splitlines() if "match:" in line]


def test_free_time_over_the_production_window_and_the_window_said(files, capsys) -> None:
    assert main([*files, *GATES]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1] == (
        "Capacity over 1 Mar 2027 – 30 Jun 2027, the production window of Claims; each person's free time is the "
        "least they have in any week of it, as the optimiser counts it.")
    assert "Team over the window: 1 person, 1 FTE." in out
    # Ben and Di are free from the gate on; Cy's booking from April takes her out (counted as running now, the
    # roster's roll-off date was ignored and the dated file was not read: Ben and Cy were listed instead)
    assert _mlops(out) == ["full match: Ben Berg (1 FTE available, elsewhere)",
                           "full match: Di Dunn (1 FTE available, elsewhere)"]


def test_the_json_carries_the_window(files, capsys) -> None:
    assert main([*files, *GATES, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    window = report["capacity_window"]
    assert (window["first"], window["last"], window["phase"], window["gate"], window["until_gate"]) == (
        "2027-03-01", "2027-06-30", "production", "2027-03-01", "operations")
    mlops = next(r for r in report["roles"] if r["role"] == "mlops_engineer")
    assert [(c["person_id"], c["available_fte"]) for c in mlops["full_matches"]] == [("E2", 1.0), ("E4", 1.0)]
    assert mlops["pool_people"] == 2
    assert main(["schema", "gaps"]) == 0
    assert "capacity_window" in json.loads(capsys.readouterr().out)["properties"]


def test_without_a_roadmap_it_counts_from_now_and_says_so(files, capsys) -> None:
    assert main(files) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith(
        "Capacity from now, 4 Jan 2027 – 5 Jul 2027 (to the end of the 26-week planning horizon): Claims has no "
        "production gate on its roadmap;")
    assert _mlops(out) == []  # each of them is busy for part of that half-year
    assert "pool: 0 qualified people elsewhere" in out.split("  MLOps engineer [")[1].split("\n\n")[0]


SAMPLE_DIR = Path(__file__).resolve().parents[3] / "app" / "sample_data"


def test_the_roadmap_comes_from_a_portfolio_file(capsys) -> None:
    # the sample portfolio counts its gates from --start: production 14 weeks on, operations 40
    assert main(["gaps", str(SAMPLE_DIR / "northwind_roster.xlsx"), "--initiative", "Claims Triage Assistant", "--to",
                 "production", "--portfolio", str(SAMPLE_DIR / "northwind_initiatives.yaml"), "--start",
                 "2026-11-02"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith(
        "Capacity over 8 Feb 2027 – 8 Aug 2027, the production window of Claims Triage Assistant;")


def test_gates_out_of_order_are_refused_in_one_line(files, capsys) -> None:
    assert main([*files, "--gate", "production=2027-03-01", "--gate", "pilot=2028-01-01"]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "error: --gate: the production gate (2027-03-01) comes before the pilot gate (2028-01-01)")


def test_the_bench_forecast_reads_the_portfolio_file(capsys) -> None:
    assert main(["availability", str(SAMPLE_DIR / "northwind_roster.xlsx"), "--commitments",
                 str(SAMPLE_DIR / "northwind_assignments.csv"), "--portfolio",
                 str(SAMPLE_DIR / "northwind_initiatives.yaml"), "--from", "2026-11-02", "--json"]) == 0
    bench = json.loads(capsys.readouterr().out)["bench"]
    assert any(b["could_fill"] for b in bench)  # open roles of the portfolio that someone rolling off could fill
