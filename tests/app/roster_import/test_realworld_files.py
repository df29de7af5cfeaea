"""Real HR files nobody on the project wrote (../shared/realworld/): the outcome a careful human would get.

Each test states what a delivery lead who opened the file would expect: how many people, which columns hold the
name, id, status and FTE, which skills at which levels, and every column the importer leaves out, with its reason.
The folder is outside the repository; without it these tests skip and say so.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.roster_import import ImportResult, UnsureColumnsError, import_roster
from app.templates import load_catalogue

REALWORLD = Path(__file__).resolve().parents[3].parent.parent / "shared" / "realworld"
if not REALWORLD.is_dir():
    REALWORLD = Path("/work/shared/realworld")
pytestmark = pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"the real-world HR files are not here ({REALWORLD}); "
                                "they live in ../shared/realworld/ beside the repository")
CATALOGUE = load_catalogue()


def _import(name: str, **kwargs) -> ImportResult:
    return import_roster(REALWORLD / name, catalogue=CATALOGUE, **kwargs)


def _targets(result: ImportResult) -> dict[str, str]:
    return {column: t.target for column, t in result.mapping.columns.items()}


def _every_column_accounted_for(result: ImportResult, header: list[str]) -> None:
    assert list(result.mapping.columns) == header  # every column, in order
    for column, t in result.mapping.columns.items():
        assert t.reason, f"no reason recorded for column {column!r}"
    kept = [c for c, t in result.mapping.columns.items() if t.target == "extra"]
    assert result.unmapped_columns == kept
    assert set(result.ignored_columns) == {c for c, t in result.mapping.columns.items() if t.target == "ignore"}
    c = result.counts
    assert c.imported + c.merged + c.rejected + c.skipped == c.data_rows


def _csv_header(name: str) -> list[str]:
    import csv

    with (REALWORLD / name).open(encoding="utf-8-sig", newline="") as fh:
        return next(csv.reader(fh))


def test_candidates_skill_lists_match_whole_names_only():
    result = _import("candidates_skills_list.csv")
    assert [p.name for p in result.people] == ["Rahul Kumar", "Priya Singh", "Amit Patel", "Neha Sharma",
                                              "Vikram Reddy"]
    targets = _targets(result)
    assert (targets["Name"], targets["Skills"], targets["Location"]) == ("name", "skills_list", "location")
    assert targets["Experience"] == targets["Education"] == "extra"
    by_name = {p.name: set(p.skills) for p in result.people}
    neha, amit, priya = by_name["Neha Sharma"], by_name["Amit Patel"], by_name["Priya Singh"]
    assert "machine_learning" not in neha  # 'ML' is not inside 'HTML'
    assert {"python", "sql", "html", "css", "django"} <= neha
    assert "software_engineering" not in neha | amit  # 'Go' is not inside 'Django'/'MongoDB', 'Java' not 'JavaScript'
    assert {"javascript", "mongodb", "node_js"} <= amit
    assert "software_engineering" in priya  # Priya lists Java itself
    assert "machine_learning" in by_name["Rahul Kumar"]
    assert not [m for m in result.skill_matches if "Machine learning" in m or "Software engineering" in m]
    assert {"HTML", "CSS", "Django", "JavaScript", "MongoDB", "Data Analysis"} <= {s.name for s in result.new_skills}
    _every_column_accounted_for(result, _csv_header("candidates_skills_list.csv"))


def test_hr_dataset_leavers_are_people_not_available_with_their_date():
    result = _import("hrdataset_v14.csv")
    assert result.counts.imported == 310 and not result.rejected
    assert [i.row for i in result.skipped] == [10]  # the one shifted row, with the reason
    assert "shifted" in result.skipped[0].reason
    targets = _targets(result)
    assert targets["Employee_Name"] == "name" and targets["EmpID"] == "id"
    assert targets["EmploymentStatus"] == "employment_status" and targets["DateofTermination"] == "leaving_date"
    assert targets["Termd"] == "left" and targets["DateofHire"] == "start_date"
    assert targets["ManagerName"] == "manager" and targets["ManagerID"] == "extra"
    for trap in ("SpecialProjectsCount", "PerformanceScore", "EmpSatisfaction", "EngagementSurvey", "DaysLateLast30",
                 "Absences", "PositionID", "EmpStatusID", "PerfScoreID", "DeptID"):
        assert targets[trap] == "extra", trap
    assert result.layout == "none" and result.skills_found == []  # HR scores are not skills
    assert all(p.fte == 1.0 for p in result.people)
    left = [p for p in result.people if not p.available]
    assert len(left) == 104 and all(p.leaving_date for p in left)  # Termd = 1; the shifted row is skipped
    assert all("Terminated" in (p.employment_status or "") for p in left)
    wilson = next(p for p in result.people if p.name == "Wilson K Adinolfi")
    assert wilson.extra["Employee_Name"] == "Adinolfi, Wilson  K" and wilson.available
    assert wilson.id == "Wilson K Adinolfi"  # blank EmpID: the name stands in, with a warning
    blank_ids = [w for w in result.warnings if w.column == "EmpID" and "name is used as the id" in w.reason]
    assert [w.row for w in blank_ids] == [2, 3, 4, 5, 6, 24]
    karthikeyan = next(p for p in result.people if p.name.startswith("Karthikeyan"))
    assert not karthikeyan.available and karthikeyan.leaving_date == date(2016, 6, 16)
    assert karthikeyan.employment_status == "Voluntarily Terminated"
    sensitive = {"MarriedID", "MaritalStatusID", "GenderID", "DOB", "Sex", "MaritalDesc", "CitizenDesc",
                 "HispanicLatino", "RaceDesc", "Zip"}  # a home postcode is part of an address
    assert set(result.ignored_columns) == sensitive
    assert all("personal data" in result.ignored_columns[c] for c in sensitive)
    assert not any(set(p.extra) & sensitive for p in result.people)
    _every_column_accounted_for(result, _csv_header("hrdataset_v14.csv"))


def test_ibm_attrition_has_ids_only_and_no_column_is_taken_for_what_it_only_sounds_like():
    result = _import("ibm_hr_attrition.csv")
    assert result.counts.imported == 1470 and not result.rejected and not result.skipped
    targets = _targets(result)
    assert targets["EmployeeNumber"] == "id" and targets["Attrition"] == "left"
    assert targets["Department"] == "organisation" and targets["JobRole"] == "title"
    for trap in ("StandardHours", "YearsWithCurrManager", "YearsSinceLastPromotion", "YearsInCurrentRole",
                 "EmployeeCount", "JobLevel", "Education", "JobSatisfaction", "PerformanceRating"):
        assert targets[trap] == "extra", trap
    assert "hours" in result.mapping.columns["StandardHours"].reason
    assert {"Age", "MaritalStatus", "Gender", "MonthlyIncome", "PercentSalaryHike", "HourlyRate", "DailyRate",
            "MonthlyRate", "StockOptionLevel"} == set(result.ignored_columns)  # age is personal data, like a birth date
    assert all(p.fte == 1.0 and p.name == p.id for p in result.people)  # no name column: shown by their id
    assert any("no name column" in w.reason for w in result.warnings)
    assert sum(not p.available for p in result.people) == 237  # Attrition = Yes
    assert result.layout == "none" and not result.skills_found
    _every_column_accounted_for(result, _csv_header("ibm_hr_attrition.csv"))


def test_operator_matrix_in_long_form_asks_for_the_skill_columns_then_imports_150_operators(tmp_path, capsys):
    with pytest.raises(UnsureColumnsError) as asked:
        _import("insyra_operator_skill_matrix.csv")
    mapping = asked.value.mapping
    assert mapping.unsure() == ["Operation", "Eff"]
    assert asked.value.header_row == 1  # not row 20, a data row holding 'Supervisor' and 'Active'
    sure = {c: t.target for c, t in mapping.columns.items() if not t.unsure}
    assert sure["Operator ID"] == "id" and sure["Operator Name"] == "name" and sure["Status"] == "employment_status"
    assert sure["Designation"] == "title"
    saved = tmp_path / "m.json"
    assert main(["check", str(REALWORLD / "insyra_operator_skill_matrix.csv"), "--save-mapping", str(saved)]) == 1
    out, err = capsys.readouterr()
    assert "'Operation'" in out and "'Eff'" in out and str(saved) in out
    assert err.count("\n") == 1 and "could not be decided ('Operation', 'Eff')" in err
    assert json.loads(saved.read_text())["columns"]["Operation"]["target"] == "skill_name"
    assert main(["check", str(REALWORLD / "insyra_operator_skill_matrix.csv"), "--mapping", str(saved), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["people"] == 150 and out["counts"]["merged"] == 750 and out["layout"] == "long"
    result = _import("insyra_operator_skill_matrix.csv", mapping=mapping)
    assert all(1 <= len(p.skills) <= 6 and p.available for p in result.people)
    assert all(p.skills[s].source_scale == "0-100" for p in result.people for s in p.skills)


def test_python_list_cells_and_ids_only():
    result = _import("xai_employees_pylist.csv")
    assert [p.id for p in result.people] == [f"E{i}" for i in range(1, 13)]
    assert all(p.name == p.id for p in result.people)
    e1 = result.people[0]
    assert set(e1.skills) == {"frontend", "sql", "backend"}  # no brackets, no quotes
    assert "machine_learning" in result.people[1].skills  # 'ml' is the whole name of an alias
    assert {s.name for s in result.new_skills} == {"frontend", "backend", "data"}
    assert [p.id for p in result.people if p.available] == ["E2", "E3", "E10"]
    targets = _targets(result)
    assert targets["rating"] == targets["workload"] == "extra"  # a rating with no skill beside it is not a level
    _every_column_accounted_for(result, _csv_header("xai_employees_pylist.csv"))


def test_skills_matrix_template_reads_its_legend_and_skips_placeholders_summaries_and_footer():
    result = _import("atl_skills_matrix.xlsx")
    assert result.header_row == 7
    assert [p.name for p in result.people] == ["Milton Chandradas", "Madhuri Konidala", "Kumar Sabnis",
                                              "Rupak Ganguly", "Anushri Shendre"]
    assert result.scale == "0-4"  # from the legend (4 = Trainer level … 0 = Not familiar), zeros present
    milton, madhuri = result.people[0], result.people[1]
    assert milton.skills["software_engineering"].level == 4  # Java 3 on 0–4
    assert madhuri.skills["sql"].level == 5 and "nodejs" not in madhuri.skills  # SQL 4; NodeJs 0 = none
    assert "site_reliability" not in milton.skills and result.people[3].skills["site_reliability"].level == 5
    assert {"JavaScript", "NodeJs", "Mobile Development", "Web Development"} == {s.name for s in result.new_skills}
    skipped = {i.row: i.reason for i in result.skipped}
    assert set(skipped) == {*range(13, 24), 26, 28, 29, 30, 31, 32, 33}
    assert "summary" in skipped[22] and "summary" in skipped[23] and "note" in skipped[33]
    assert set(result.ignored_columns) == {"Column 1", "Column 12", "Column 13", "Score"}
    assert "formula" in result.ignored_columns["Score"]
    assert _targets(result)["Availability"] == "extra"  # 'Weekends' is not yes/no
    assert all(p.extra.get("Availability") == "Weekends" for p in result.people)
