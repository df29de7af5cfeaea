"""Header detection, HRIS column names, skill layouts and scales, row outcomes."""
from __future__ import annotations

from datetime import date

from app.domain.people import CommitmentStatus, Evidence
from app.roster_import import ColumnMapping, import_roster

from .conftest import write_text, write_xlsx


def test_workday_titles_and_category_row(tmp_path, catalogue):
    rows = [["All Workers — skills report"], ["Run 2026-11-02 by HR"], [],
            [None, None, None, None, "Skills (1-5)", None],
            ["Employee ID", "Worker", "Business Title", "Supervisory Organization", "Python", "ML Ops monitoring"],
            ["W1", "Ann Archer", "Data Scientist", "Data Science", 5, 2],
            ["W2", "Bo Birch", "MLOps Engineer", "Platform", "Expert", None],
            [], ["Total", 2]]
    result = import_roster(write_xlsx(tmp_path / "wd.xlsx", rows, merges=("E4:F4",)), catalogue=catalogue)
    assert result.header_row == 5
    assert [p.id for p in result.people] == ["W1", "W2"]
    assert result.people[0].title == "Data Scientist" and result.people[0].organisation == "Data Science"
    assert result.people[0].source.row == 6
    assert result.scale == "1-5"
    assert result.people[0].skills["model_monitoring"].level == 2
    assert result.people[1].skills["python"].source_scale == "words"
    assert result.skipped[0].row == 9 and "totals" in result.skipped[0].reason
    assert result.counts.blank_rows == 1
    assert any("ML Ops monitoring" in m and "Model monitoring" in m for m in result.skill_matches)


def test_successfactors_two_header_rows(tmp_path, catalogue):
    rows = [["STATUS", "USERID", "FIRSTNAME", "LASTNAME", "TITLE", "DEPARTMENT"],
            ["Status", "User ID", "First Name", "Last Name", "Title", "Department"],
            ["active", "sf1", "Ann", "Archer", "Analyst", "Claims"],
            ["inactive", "sf2", "Bo", "Birch", "Engineer", "IT"]]
    result = import_roster(write_xlsx(tmp_path / "sf.xlsx", rows), catalogue=catalogue)
    assert result.header_row == 2
    assert [(p.id, p.name, p.available) for p in result.people] == [("sf1", "Ann Archer", True),
                                                                     ("sf2", "Bo Birch", False)]


def test_bamboohr_names(tmp_path, catalogue):
    rows = [["Employee #", "First Name", "Last Name", "Job Title", "Department", "Division", "Hire Date"],
            ["101", "Ann", "Archer", "PM", "Delivery", "EMEA", "31/12/2020"]]
    result = import_roster(write_xlsx(tmp_path / "bb.xlsx", rows), catalogue=catalogue)
    person = result.people[0]
    assert (person.id, person.name, person.title, person.organisation) == ("101", "Ann Archer", "PM", "Delivery")
    assert person.start_date == date(2020, 12, 31)
    assert person.extra == {"Division": "EMEA"}
    assert result.unmapped_columns == ["Division"]


def test_list_layout(tmp_path, catalogue):
    text = 'ID,Name,Skills\nE1,Ann Archer,"Python (Expert); SQL: 3, dbt=2"\nE2,Bo Birch,"k8s (Advanced) | Rust: 4"\n'
    result = import_roster(write_text(tmp_path / "l.csv", text), catalogue=catalogue,
                           mapping=ColumnMapping(scale="1-5"))
    assert result.layout == "list"
    ann, bo = result.people
    assert {k: v.level for k, v in ann.skills.items()} == {"python": 5, "sql": 3, "data_modelling": 2}
    assert bo.skills["kubernetes"].level == 4
    assert [s.name for s in result.new_skills] == ["Rust"]


def test_long_layout_with_evidence(tmp_path, catalogue):
    rows = [["Employee ID", "Name", "Skill", "Proficiency", "Evidence"],
            ["E1", "Ann Archer", "Python", 4, "certified"],
            ["E1", "Ann Archer", "SQL", 2, "self"],
            ["E2", "Bo Birch", "Change management", 3, "manager"]]
    result = import_roster(write_xlsx(tmp_path / "long.xlsx", rows), catalogue=catalogue,
                           mapping=ColumnMapping(scale="1-5"))
    assert result.layout == "long"
    ann, bo = result.people
    assert ann.skills["python"].evidence == Evidence.CERTIFIED and ann.skills["sql"].level == 2
    assert bo.skills["change_management"].evidence == Evidence.MANAGER
    assert not result.rejected


def test_zero_to_four_scale_maps_onto_canonical(tmp_path, catalogue):
    rows = [["ID", "Name", "Python (0-4)", "SQL (0-4)"], ["E1", "A", 0, 4], ["E2", "B", 1, 2]]
    result = import_roster(write_xlsx(tmp_path / "s.xlsx", rows), catalogue=catalogue)
    assert result.scale == "0-4"
    a, b = result.people
    assert a.skills["sql"].level == 5 and "python" not in a.skills
    assert b.skills["python"].level == 2 and b.skills["python"].source_value == "1"


def test_fte_hours_assignment_and_rejections(tmp_path, catalogue):
    rows = [["Employee ID", "Worker", "FTE", "Scheduled Weekly Hours", "Current Initiative", "Allocation %",
             "Assignment status", "Annual Salary"],
            ["E1", "Ann", "50%", None, "Churn Predictor", "40%", "Tentative", "$120,000"],
            ["E2", "Bo", None, 30, None, None, None, None],
            ["E3", "Cy", "120%", None, None, None, None, None],
            ["E4", "Di", "250%", None, None, None, None, None],
            ["E5", "Ed", "-1", None, None, None, None, None]]
    result = import_roster(write_xlsx(tmp_path / "f.xlsx", rows), catalogue=catalogue)
    by_id = {p.id: p for p in result.people}
    assert by_id["E1"].fte == 0.5 and by_id["E1"].cost_rate == 120000
    commitment = by_id["E1"].commitments[0]
    assert (commitment.initiative, commitment.fte, commitment.status) == ("Churn Predictor", 0.4,
                                                                          CommitmentStatus.TENTATIVE)
    assert by_id["E2"].fte == 0.75
    assert by_id["E3"].fte == 1.2 and any(w.row == 4 and "over 100" in w.reason for w in result.warnings)
    assert sorted(r.row for r in result.rejected) == [5, 6]
    assert all(r.column == "FTE" for r in result.rejected)
    assert result.counts.data_rows == (result.counts.imported + result.counts.merged + result.counts.rejected
                                   + result.counts.skipped)


def test_mapping_round_trip_and_reuse(tmp_path, catalogue):
    rows = [["Who", "Code", "Py"], ["Ann Archer", "X1", 3]]
    path = write_xlsx(tmp_path / "home.xlsx", rows)
    mapping = ColumnMapping.model_validate({"columns": {"Who": {"target": "name"}, "Code": {"target": "id"},
                                                        "Py": {"target": "skill", "skill_id": "python"}},
                                             "scale": "1-5"})
    saved = tmp_path / "m.json"
    mapping.save(saved)
    loaded = ColumnMapping.load(saved)
    assert loaded == mapping
    result = import_roster(path, catalogue=catalogue, mapping=loaded, header_row=1)
    assert result.people[0].id == "X1" and result.people[0].skills["python"].level == 3


def test_override_sheet_and_header_row(tmp_path, catalogue):
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    wb.active.append(["nothing here"])
    ws = wb.create_sheet("People")
    ws.append(["Name", "ID"])
    ws.append(["Ann Archer", "E1"])
    path = tmp_path / "two.xlsx"
    wb.save(path)
    assert import_roster(path, catalogue=catalogue).sheet == "People"
    result = import_roster(path, catalogue=catalogue, sheet="People", header_row=1)
    assert result.people[0].id == "E1"


def test_bundled_sample_tells_the_demo_story(catalogue):
    from app.sample_data import sample_roster_path
    from app.templates import load_catalogue

    result = import_roster(sample_roster_path(), catalogue=load_catalogue())
    assert 75 <= len(result.people) <= 85
    assert len(result.rejected) == 2 and len(result.skipped) == 1
    assert {"Badge colour", "Parking spot"} <= set(result.unmapped_columns)
    initiatives = {c.initiative for p in result.people for c in p.commitments}
    assert initiatives == {"Claims Triage Assistant", "Churn Predictor", "Contract Analyzer", "Demand Forecasting"}
    mlops = [p for p in result.people if p.level("model_monitoring") >= 3]
    assert 1 <= len(mlops) <= 4
