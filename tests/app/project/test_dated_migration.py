"""Format 1 → 2: a file from before dated data opens with its go-live as the target gate; dated data round-trips."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from app.domain import Absence, Commitment, CommitmentStatus, Initiative, Person, Phase, Portfolio, Roster
from app.project import SCHEMA_VERSION, Project
from app.project.io import open_project, save_project


def _v1_file(tmp_path: Path) -> Path:
    v1 = {
        "format": "phasegate-project", "schema_version": 1, "app_version": "0.1.0", "name": "Before dates",
        "roster": {"people": [{"id": "E1", "name": "Ana Ruiz", "fte": 1.0, "start_date": "2019-04-01",
                               "commitments": [{"initiative": "claims", "fte": 0.5, "status": "confirmed"}]}]},
        "portfolio": {"initiatives": [
            {"id": "claims", "current_phase": "pilot", "target_phase": "production", "go_live": "2027-03-01"},
            {"id": "churn", "current_phase": "poc", "target_phase": "pilot", "go_live": "2027-01-11"},
            {"id": "ops", "current_phase": "operations", "target_phase": "operations", "go_live": None}]},
        "scenarios": [{"name": "Baseline"}], "active_scenario": "Baseline",
    }
    path = tmp_path / "v1.phasegate"
    path.write_text(json.dumps(v1), "utf-8")
    return path


def test_a_v1_go_live_becomes_the_gate_of_the_target_phase(tmp_path: Path) -> None:
    path = _v1_file(tmp_path)
    before = path.read_bytes()
    project = open_project(path)
    assert project.schema_version == SCHEMA_VERSION == 2
    claims, churn, ops = project.portfolio.initiatives
    assert claims.roadmap == {Phase.PRODUCTION: date(2027, 3, 1)} and claims.go_live == date(2027, 3, 1)
    assert churn.roadmap == {Phase.PILOT: date(2027, 1, 11)} and churn.go_live == date(2027, 1, 11)
    assert ops.roadmap == {} and ops.go_live is None
    person = project.roster.people[0]
    assert (person.commitments[0].start, person.commitments[0].end, person.leaving_date, person.absences) == (
        None, None, None, ())
    assert path.read_bytes() == before  # migrated in memory only

    saved = json.loads(save_project(project, tmp_path / "v2.phasegate").read_text("utf-8"))
    assert saved["schema_version"] == 2
    assert saved["portfolio"]["initiatives"][0]["roadmap"] == {"production": "2027-03-01"}
    assert "go_live" not in saved["portfolio"]["initiatives"][0]


def test_dated_commitments_leave_leaving_dates_and_roadmaps_round_trip(tmp_path: Path) -> None:
    person = Person(id="E7", name="Bram Quillby", fte=0.8, start_date=date(2027, 2, 1), leaving_date=date(2027, 9, 30),
                    commitments=[Commitment(initiative="claims", fte=0.5, start=date(2027, 2, 1), end=date(2027, 4, 30)),
                                 Commitment(initiative="churn", fte=0.2, status=CommitmentStatus.TENTATIVE,
                                            start=date(2027, 5, 1))],
                    absences=(Absence(start=date(2027, 7, 5), end=date(2027, 7, 16), kind="holiday"),
                              Absence(start=date(2027, 8, 2), end=date(2027, 8, 27), share=0.5)))
    ini = Initiative(id="claims", roadmap={"pilot": date(2026, 11, 2), "production": date(2027, 3, 1),
                                           "operations": date(2027, 9, 1)})
    project = Project(roster=Roster(people=[person]), portfolio=Portfolio(initiatives=[ini]))
    back = open_project(save_project(project, tmp_path / "dated.phasegate"))
    assert back.roster.people[0] == person
    assert back.portfolio.initiatives[0].roadmap == ini.roadmap
