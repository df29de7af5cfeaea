"""A roster with no skill data: `check`, `gaps` and `plan` say that nobody can be matched, before any result."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main

NO_SKILLS = "no skills were read from this sheet: nobody can be matched to a role"


@pytest.fixture()
def hr_extract(tmp_path: Path) -> Path:
    """An HR extract with people, titles and hours but no skill column at all (like most HRIS exports)."""
    path = tmp_path / "hr_extract.csv"
    rows = ["Employee ID,Employee Name,Job Title,Department,Scheduled Weekly Hours"]
    rows += [f"E{k:03d},Person {chr(65 + k % 26)}{k},Analyst,Finance,40" for k in range(12)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_check_warns_that_no_skills_were_read(hr_extract: Path, capsys) -> None:
    assert main(["check", str(hr_extract)]) == 0
    out = capsys.readouterr().out
    assert "12 people imported" in out
    assert NO_SKILLS in out


def test_gaps_and_plan_warn_before_their_result(hr_extract: Path, capsys) -> None:
    assert main(["gaps", str(hr_extract), "--to", "production"]) == 0
    assert f"warning: {NO_SKILLS}" in capsys.readouterr().err
    assert main(["plan", str(hr_extract), "--to", "production", "--time-limit", "5"]) == 0
    err = capsys.readouterr().err
    assert f"warning: {NO_SKILLS}" in err
    assert "plan will hire or contract every role" in err


def test_a_roster_with_skills_gets_no_such_warning(tmp_path: Path, capsys) -> None:
    path = tmp_path / "skills.csv"
    path.write_text("Employee ID,Name,Python (1-5),Kubernetes (1-5)\nE1,Ana Ruiz,4,3\nE2,Bo Chen,2,4\n", encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert NO_SKILLS not in capsys.readouterr().out


def test_planning_a_project_whose_roster_has_no_skills_warns_too(hr_extract: Path, tmp_path: Path, capsys) -> None:
    project = tmp_path / "hr.phasegate"
    assert main(["new", str(hr_extract), "-o", str(project)]) == 0
    capsys.readouterr()
    assert main(["plan", str(project), "--to", "production", "--time-limit", "3"]) == 0
    err = capsys.readouterr().err
    assert "warning: the project's roster holds no skills (12 people): nobody can be matched to a role" in err
