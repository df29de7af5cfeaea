"""`phasegate plan` and `phasegate schema`: human text, JSON valid against the schema, exit codes, inputs."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from app.cli import main
from app.project.io import save_project
from app.project.sample import SAMPLE_ROSTER, load_sample_project

ROSTER = str(SAMPLE_ROSTER)
FAST = ["--time-limit", "2"]


def _schema(capsys, name: str) -> dict:
    assert main(["schema", name]) == 0
    return json.loads(capsys.readouterr().out)


def test_plan_prints_a_readable_plan_and_valid_json(tmp_path: Path, capsys) -> None:
    out_json = tmp_path / "plan.json"
    code = main(["plan", ROSTER, "--initiative", "claims triage assistant", "--to", "production",
                 "--go-live-weeks", "12", "--max-hires", "2", "--json", str(out_json), *FAST])
    text = capsys.readouterr().out
    assert code == 0
    assert "Claims Triage Assistant: Pilot → Production" in text
    assert text.count("Status: ") == 1 and "Assignments (" in text and "      " in text
    data = json.loads(out_json.read_text("utf-8"))
    jsonschema.validate(data, _schema(capsys, "plan"))
    assert data["status"] in ("optimal", "feasible")
    assert set(data["objective"]) == set(data["bounds"]) == {"uncovered", "cost", "disruption"}
    assert data["assignments"] and all(a["reason"] and a["person_id"] and a["fte"] > 0 for a in data["assignments"])
    assert sum(1 for h in data["hires"] if h["kind"] == "hire") <= 2
    assert all(u["cause"] for u in data["uncovered"])
    assert data["initiatives"] == ["Claims Triage Assistant"]


def test_no_pay_hides_every_amount(capsys) -> None:
    code = main(["plan", ROSTER, "--initiative", "Churn Predictor", "--to", "operations", "--no-pay",
                 "--json", "-", *FAST])
    out = capsys.readouterr().out
    assert code == 0 and "€" not in out
    data = json.loads(out[out.index("{\n"):])
    assert data["kpis"]["total_cost"] is None and data["objective"]["cost"] is None
    assert all(h["cost"] is None for h in data["hires"]) and all(t["cost"] is None for t in data["trainings"])


@pytest.mark.parametrize(("args", "message"), [
    (["--initiative", "Claims Triag Assistant", "--to", "production"], "did you mean"),
    (["--initiative", "Churn Predictor"], "--to is required"),
    (["--to", "production"], "--initiative is required"),
    (["--initiative", "Churn Predictor", "--to", "prod"], "unknown phase 'prod'"),
    (["--initiative", "Churn Predictor", "--to", "operations", "--go-live", "next friday"], "is not a date"),
    (["--initiative", "Churn Predictor", "--to", "pilot", "--from", "operations"], "comes before"),
])
def test_usage_errors_are_one_line_exit_2(capsys, args: list[str], message: str) -> None:
    assert main(["plan", ROSTER, *args, *FAST]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]  # a 'rejected rows' warning may come first
    assert err.startswith("error: ") and message in err and "\n" not in err and "Traceback" not in err


def test_missing_roster_is_exit_2(capsys, tmp_path: Path) -> None:
    assert main(["plan", str(tmp_path / "nope.xlsx"), "--to", "pilot"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "nope.xlsx" in err and len(err.strip().splitlines()) == 1


def test_project_file_plans_its_portfolio(tmp_path: Path, capsys) -> None:
    path = save_project(load_sample_project(), tmp_path / "northwind.phasegate")
    assert main(["plan", str(path), "--json", "-", "--time-limit", "3"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out[out.index("{\n"):])
    assert sorted(data["initiatives"]) == ["Churn Predictor", "Claims Triage Assistant", "Contract Analyzer",
                                           "Demand Forecasting"]


def test_portfolio_file(tmp_path: Path, capsys) -> None:
    file = tmp_path / "portfolio.yaml"
    file.write_text("version: 1\nbudget: 900000\ninitiatives:\n"
                    "  - {id: Churn Predictor, current_phase: production, target_phase: operations, go_live_weeks: 8}\n"
                    "  - {id: Contract Analyzer, current_phase: poc, target_phase: pilot, go_live_weeks: 10,"
                    " policy: {allow_contractors: false}}\n", "utf-8")
    assert main(["plan", ROSTER, "--portfolio", str(file), "--json", "-", *FAST]) == 0
    out = capsys.readouterr().out
    data = json.loads(out[out.index("{\n"):])
    assert data["initiatives"] == ["Churn Predictor", "Contract Analyzer"]
    assert not any(h["kind"] == "contract" and h["initiative"] == "Contract Analyzer" for h in data["hires"])
    assert data["kpis"]["total_cost"] <= 900000


def test_roster_without_initiative_column_is_one_team(tmp_path: Path, capsys) -> None:
    roster = tmp_path / "team.csv"
    roster.write_text("Employee ID,Name,FTE,Machine learning,Python,Statistics,Domain expertise\n"
                      "A1,Ana Ruiz,1,4,4,4,2\nB2,Ben Ode,1,3,5,3,1\nC3,Cy Lu,0.5,1,3,1,5\n", "utf-8")
    assert main(["plan", str(roster), "--to", "pilot", "--json", "-", *FAST]) == 0
    out = capsys.readouterr().out
    data = json.loads(out[out.index("{\n"):])
    assert data["initiatives"] == ["Team"]
    assert {a["person_id"] for a in data["assignments"]} >= {"A1", "B2"}
    assert all(not a["moved"] for a in data["assignments"])  # everyone is on the team already


def test_xlsx_export(tmp_path: Path, capsys) -> None:
    book = tmp_path / "plan.xlsx"
    assert main(["plan", ROSTER, "--initiative", "Contract Analyzer", "--to", "pilot", "--xlsx", str(book),
                 *FAST]) == 0
    assert book.stat().st_size > 5000 and book.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("name", ["plan", "check", "gaps", "project", "portfolio", "templates"])
def test_every_schema_is_valid_json_schema(capsys, name: str) -> None:
    schema = _schema(capsys, name)
    for one in (schema.values() if name == "templates" else [schema]):
        jsonschema.Draft202012Validator.check_schema(one)


def test_project_schema_accepts_a_saved_project(tmp_path: Path, capsys) -> None:
    path = save_project(load_sample_project(), tmp_path / "p.phasegate")
    jsonschema.validate(json.loads(path.read_text("utf-8")), _schema(capsys, "project"))


def test_replan_around_decisions_workbook(tmp_path: Path, capsys) -> None:
    book = tmp_path / "plan.xlsx"
    args = ["plan", ROSTER, "--initiative", "Contract Analyzer", "--to", "pilot", *FAST]
    assert main([*args, "--xlsx", str(book)]) == 0
    capsys.readouterr()
    assert main([*args, "--decisions", str(book)]) == 0
    captured = capsys.readouterr()
    assert "note: " in captured.err and "Status: " in captured.out
