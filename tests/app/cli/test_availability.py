"""`phasegate availability` against a roster worked out by hand on a calendar, and its published JSON Schema.

Working days: February 2027 has 20, March 23 (15–31 March: 13), April 22 (5–16 April: 10).
"""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from app.cli import main


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {"roster": tmp_path / "roster.csv", "commitments": tmp_path / "commitments.csv",
             "absences": tmp_path / "leave.csv"}
    paths["roster"].write_text("Employee ID,Name,Title,FTE,Hire Date,Python (1-5),MLOps (1-5)\n"
                               "E1,Ann Archer,ML Engineer,100%,2015-01-01,4,3\n"
                               "E2,Bo Berg,Data Engineer,80%,2027-03-15,3,1\n"
                               "E3,Cy Cole,SRE,100%,2018-05-01,2,4\n", "utf-8")
    paths["commitments"].write_text("Employee ID;Project;Allocation %;Start;End;Status\n"
                                    "E1;Claims;50%;2027-02-01;2027-02-28;Confirmed\n"
                                    "E1;Churn;40%;2027-03-15;;Tentative\n"
                                    "E3;Claims;100%;;2027-02-12;Confirmed\n", "utf-8")
    paths["absences"].write_text("Employee ID,Type,From,To,% off\n"
                                 "E2,Holiday,2027-04-05,2027-04-16,\n"
                                 "E3,Parental leave,2027-03-01,2027-03-31,50%\n", "utf-8")
    return paths


def _run(files, capsys, *extra: str) -> dict:
    code = main(["availability", str(files["roster"]), "--commitments", str(files["commitments"]), "--absences",
                 str(files["absences"]), "--from", "2027-02-01", "--to", "2027-04-30", "--by", "month", *extra])
    assert code == 0
    return capsys.readouterr().out


def test_json_matches_the_hand_computed_calendar(files, capsys) -> None:
    report = json.loads(_run(files, capsys, "--json"))
    assert report["periods"] == [{"start": "2027-02-01", "end": "2027-02-28", "working_days": 20},
                                 {"start": "2027-03-01", "end": "2027-03-31", "working_days": 23},
                                 {"start": "2027-04-01", "end": "2027-04-30", "working_days": 22}]
    people = {p["person_id"]: p for p in report["people"]}
    # Ann: half on Claims in February; 40 % tentative on Churn from 15 March (13 of March's 23 days)
    assert people["E1"]["free_fte"] == [0.5, round(1 - 0.4 * 13 / 23, 3), 0.6]
    assert people["E1"]["tentative_fte"] == [0.0, round(0.4 * 13 / 23, 3), 0.4]
    assert people["E1"]["free_if_tentative_drops"] == [0.5, 1.0, 1.0]
    # Bo: 0.8 FTE from 15 March; two weeks' holiday in April
    assert people["E2"]["free_fte"] == [0.0, round(0.8 * 13 / 23, 3), round(0.8 - 0.8 * 10 / 22, 3)]
    assert people["E2"]["leave_fte"] == [0.0, 0.0, round(0.8 * 10 / 22, 3)]
    assert people["E2"]["notes"] == ["joins 2027-03-15"]
    # Cy: on Claims until Fri 12 February (10 of 20 days), half-time parental leave in March
    assert people["E3"]["free_fte"] == [0.5, 0.5, 1.0]
    assert people["E3"]["confirmed_fte"] == [0.5, 0.0, 0.0]
    assert report["total_free_fte"] == [1.0, round(1 - 0.4 * 13 / 23 + 0.8 * 13 / 23 + 0.5, 3),
                                        round(0.6 + 0.8 - 0.8 * 10 / 22 + 1.0, 3)]
    assert report["people_over_allocated"] == [0, 0, 0]
    assert [(b["person_id"], b["rolls_off"], b["initiatives"], b["free_fte_after"]) for b in report["bench"]] == [
        ("E3", "2027-02-12", ["Claims"], 1.0), ("E1", "2027-02-28", ["Claims"], 1.0)]
    assert [s["level"] for s in report["bench"][1]["skills"]] == [4, 3]


def test_json_validates_against_the_published_schema(files, capsys) -> None:
    report = json.loads(_run(files, capsys, "--json"))
    assert main(["schema", "availability"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.validate(report, schema)
    assert {"periods", "people", "bench"} <= set(schema["required"])


def test_skill_filter_and_the_text_grid(files, capsys) -> None:
    text = _run(files, capsys, "--skill", "MLOps:3")
    assert "Free FTE of 2 people holding ML pipelines (CI/CD for ML) ≥ 3, month by month" in text
    assert "Ann Archer (E1)                    0.5   0.77+    0.6+" in text
    assert "Cy Cole (E3)                       0.5     0.5       1" in text
    assert "Bo Berg" not in text.split("Bench:")[0]
    assert "2027-02-12  Cy Cole (E3, SRE): off Claims; 1 FTE free the week after" in text


def test_bad_arguments_are_one_line_usage_errors(files, capsys) -> None:
    assert main(["availability", str(files["roster"]), "--skill", "Quantum knitting"]) == 2
    assert capsys.readouterr().err.startswith("error: --skill: no skill named 'Quantum knitting'")
    assert main(["availability", str(files["roster"]), "--from", "2027-05-01", "--to", "2027-04-01"]) == 2
    assert "--to 2027-04-01 comes before --from 2027-05-01" in capsys.readouterr().err
    assert main(["availability", str(files["roster"]), "--commitments", str(files["roster"])]) == 1
    assert "no sheet holds dated commitments" in capsys.readouterr().err
