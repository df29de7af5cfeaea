"""`phasegate gaps` and `phasegate templates`: outputs a delivery lead reads, JSON, and exit codes."""
from __future__ import annotations

import json

import pytest
import yaml

from app.cli import main
from app.sample_data import __file__ as sample_init
from role_templates import DATA_DIR

SAMPLE = str(__import__("pathlib").Path(sample_init).parent / "northwind_roster.xlsx")


@pytest.fixture(autouse=True)
def _empty_library(tmp_path, monkeypatch):
    monkeypatch.setenv("PHASEGATE_LIBRARY", str(tmp_path / "library"))


def test_gaps_text_shows_readiness_and_roles(capsys):
    assert main(["gaps", SAMPLE, "--initiative", "Churn Predictor", "--to", "production"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Churn Predictor: Pilot → Production\n")
    assert "Readiness by failure mode" in out
    for label in ("MLOps infrastructure absent", "Governance pathway absent", "Operational integration failure",
                  "Data dependency underestimated", "Team composition mismatch"):
        assert label in out
    assert "Roles with gaps (most critical first)" in out
    assert "  MLOps engineer [new, ops-critical, criticality 10]" in out


def test_gaps_json_matches_the_report_model(capsys):
    assert main(["gaps", SAMPLE, "--initiative", "churn predictor", "--to", "production", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["initiative"] == "Churn Predictor"
    assert (data["from_phase"], data["to_phase"]) == ("pilot", "production")
    assert set(data["readiness"]) == {"mlops", "governance", "operational_integration", "data_dependency",
                                      "team_composition"}
    assert len(data["roles"]) == 14


def test_gaps_unknown_initiative_suggests_one(capsys):
    assert main(["gaps", SAMPLE, "--initiative", "Churn Predicter", "--to", "production"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("error: --initiative: no one in the roster works on 'Churn Predicter' "
                          "(did you mean 'Churn Predictor'?)")


def test_gaps_bad_phase_is_a_usage_error(capsys):
    assert main(["gaps", SAMPLE, "--initiative", "Churn Predictor", "--to", "prod"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: --to: unknown phase 'prod'; choose one of: poc, pilot, production, operations")


def test_gaps_missing_roster_file(capsys, tmp_path):
    code = main(["gaps", str(tmp_path / "none.xlsx"), "--initiative", "X", "--to", "production"])
    assert code == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_templates_list(capsys):
    assert main(["templates", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Phase", "Name", "Roles", "FTE", "Extends", "Source"]
    assert lines[3].split()[:4] == ["production", "Production", "14", "14.7"]


def test_templates_show_and_json(capsys):
    assert main(["templates", "show", "operations"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Operations: 9 roles, 5.5 FTE")
    assert "MLOps engineer (on-call rotation) [mlops_engineer]  2 × 0.5 FTE, mid, criticality 10, ops-critical" in out
    assert main(["templates", "show", "poc", "--json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)["roles"]][0] == "data_scientist"


def test_templates_validate_bundled_folder(capsys):
    assert main(["templates", "validate", str(DATA_DIR)]) == 0
    assert capsys.readouterr().out.strip().endswith("All template files are valid.")


def test_templates_validate_broken_file(capsys, tmp_path):
    data = yaml.safe_load((DATA_DIR / "phases" / "production.yaml").read_text())
    next(r for r in data["roles"] if r["id"] == "mlops_engineer")["required"][0]["min_level"] = 0
    path = tmp_path / "production.yaml"
    path.write_text(yaml.safe_dump(data))
    assert main(["templates", "validate", str(path), "--json"]) == 1  # readable but invalid
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is False
    assert result["files"][0]["error"] == (
        f"{path}, role 'mlops_engineer', field 'required[0].min_level': must be between 1 and 5, not 0")


def test_templates_broken_library_warns_but_lists(capsys, tmp_path):
    library = tmp_path / "lib"
    (library / "phases").mkdir(parents=True)
    (library / "phases" / "pilot.yaml").write_text("phase: pilot\nroles: [oops\n")
    assert main(["templates", "list", "--library", str(library)]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith(f"warning: {library / 'phases' / 'pilot.yaml'}, line ")
    assert "(using the default Pilot template)" in captured.err
    assert "pilot" in captured.out
