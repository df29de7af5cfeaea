"""CSV (one file per table, BOM, injection-safe) and JSON exports, and the report helper."""
from __future__ import annotations

import csv
import hashlib
import json
from datetime import date

from app.domain import FailureMode
from app.export import PlanReport, build_plan_report, write_plan_csv, write_plan_json
from tests.app.export.conftest import INJECTED_NAME, sample_people, sample_plan


def _read(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_one_csv_per_table_with_bom(report: PlanReport, tmp_path):
    files = write_plan_csv(report, tmp_path / "out")
    assert sorted(p.name for p in files) == sorted([
        "initiatives.csv", "assignments.csv", "upskilling.csv", "hiring.csv", "uncovered.csv", "gap_matrix.csv",
        "roster_snapshot.csv", "readiness.csv", "team_changes.csv"])
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in files)
    hiring = _read(tmp_path / "out" / "hiring.csv")
    assert hiring[0][:7] == ["Initiative", "Role", "Hire or contract", "FTE", "Heads", "Cost", "Lead time (weeks)"]
    assert hiring[2][:8] == ["Claims triage AI", "AI risk officer", "Contract", "0.5", "1", "42250.5", "3", "2025-05-12"]
    roster = _read(tmp_path / "out" / "roster_snapshot.csv")
    assert len(roster) == 1 + len(report.people) - 2  # Bruno (released) and Eva Nowak are not placed or trained
    write_plan_csv(report, tmp_path / "all", full_roster=True)
    assert len(_read(tmp_path / "all" / "roster_snapshot.csv")) == 1 + len(report.people)
    changes = _read(tmp_path / "out" / "team_changes.csv")
    change = changes[0].index("Change")
    assert sorted((r[0], r[change]) for r in changes[1:]) == [("E100", "partly released"), ("E101", "released"), ("E205", "joins"), ("E310", "joins"),
                                                          ("E311", "joins")]
    readiness = _read(tmp_path / "out" / "readiness.csv")
    assert readiness[1] == ["MLOps infrastructure absent", "0.2", "0.8"]


def test_csv_text_that_looks_like_a_formula_is_defused(report, tmp_path):
    write_plan_csv(report, tmp_path)
    rows = _read(tmp_path / "assignments.csv")
    row = next(r for r in rows if r[0] == "E311")
    assert row[1] == "'" + INJECTED_NAME
    assert row[rows[0].index("Reason")] == "'-only change manager in the pool"
    assert next(r for r in rows if r[0] == "E100")[1] == "Ana Duarte"


def test_json_holds_the_plan_and_metadata_but_no_roster(report, tmp_path):
    data = json.loads(write_plan_json(report, tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert data["format"] == "phasegate-plan" and data["format_version"] == 1
    assert data["input"] == {"file": "workday_export_2025-02.xlsx", "sha256": "ab" * 32, "people": 6}
    assert data["plan"]["total_cost"] == 231750.5 and len(data["plan"]["assignments"]) == 4
    assert data["readiness"]["after"]["mlops"] == 0.8
    assert data["kpis"]["hires"] == 1 and data["kpis"]["contracts"] == 1
    assert data["kpis"]["uncovered_fte"] == 0.75
    assert "people" not in data and "Lyon" not in json.dumps(data)


def test_build_plan_report_hashes_the_input_and_names_roles(tmp_path):
    source = tmp_path / "roster.csv"
    source.write_bytes(b"id,name\n1,Ana\n")
    report = build_plan_report(plan=sample_plan(), people=sample_people(), initiatives=[], source_file=source,
                               readiness_after={FailureMode.MLOPS: 0.5}, generated=date(2025, 1, 2))
    assert report.source_file == "roster.csv"
    assert report.source_sha256 == hashlib.sha256(b"id,name\n1,Ana\n").hexdigest()
    assert report.role_names["sre"] == "Site reliability engineer"
    assert report.title == "Staffing plan: portfolio"
