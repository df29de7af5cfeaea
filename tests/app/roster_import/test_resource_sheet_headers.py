"""Resource sheets as delivery teams keep them: short headers ('Staff', 'Lead', 'Proj'), 'Contracted FTE', 'Fully
Loaded Annual Cost', '% on initiative', plain 'Start'/'End', and one row per person and assignment. Reported by the
walk of one's own data: columns kept as extras without asking, and a person's second assignment rejected as a
duplicate id."""
from __future__ import annotations

import json

from app.cli import main
from app.roster_import import ColumnMapping, import_roster

from .conftest import write_text

SHEET = ("Staff,Lead,Proj,% on initiative,Contracted FTE,Fully Loaded Annual Cost,Start,End,Python,SQL\n"
         "Ana Ruiz,Ben Ode,Claims AI,50%,1.0,98000,2026-01-01,2026-12-31,4,3\n"
         "Ben Ode,,Claims AI,100%,1.0,120000,2025-05-01,2027-03-31,2,5\n"
         "Cara Lind,Ben Ode,Fraud Radar,80%,0.8,87000,2026-02-01,2026-09-30,3,2\n"
         "Dev Nair,Ben Ode,Fraud Radar,60%,1.0,91000,2026-03-01,2027-01-31,5,4\n")


def test_short_headers_are_asked_with_what_they_may_stand_for_and_the_rest_is_named(tmp_path, catalogue, capsys):
    path = write_text(tmp_path / "resources.csv", SHEET)
    saved = tmp_path / "m.json"
    assert main(["check", str(path), "--save-mapping", str(saved)]) == 1
    out = capsys.readouterr().out
    # was: 'Lead' and 'Proj' kept as extra fields at 100 % with "no field matches this header"
    assert "'Lead': Manager (60%): no header names the manager; the values are people in this file" in out
    assert "'Proj': Current initiative (70%): the header may be short for 'project'" in out
    columns = json.loads(saved.read_text())["columns"]
    assert {c: columns[c]["target"] for c in ("% on initiative", "Contracted FTE", "Fully Loaded Annual Cost",
                                              "Start", "End")} == {
        "% on initiative": "initiative_fte", "Contracted FTE": "fte", "Fully Loaded Annual Cost": "cost_rate",
        "Start": "initiative_start", "End": "initiative_end"}
    result = import_roster(path, catalogue=catalogue, mapping=ColumnMapping.load(saved))  # the suggestions taken
    ana, ben, cara, _ = result.people
    assert ana.manager == "Ben Ode" and ben.manager is None
    assert [(c.initiative, c.fte, c.end.isoformat()) for c in cara.commitments] == [("Fraud Radar", 0.8,
                                                                                     "2026-09-30")]
    assert cara.fte == 0.8 and ana.cost_rate == 98000 and cara.available


def test_a_known_word_or_a_word_of_two_fields_is_not_taken_for_a_short_header(tmp_path, catalogue):
    text = "Employee ID,Name,Pro,Staff,Python (1-5)\nE1,Ana Ruiz,x,y,3\nE2,Ben Ode,z,w,4\n"
    result = import_roster(write_text(tmp_path / "r.csv", text), catalogue=catalogue)
    assert result.mapping.columns["Pro"].target == "extra"  # 3 letters that begin many fields' names: no guess
    assert result.mapping.columns["Staff"].target == "extra"


def test_a_second_row_of_a_person_on_another_initiative_is_their_second_assignment(tmp_path, catalogue):
    text = ("Employee ID,Name,Project,Allocation %,Python\n"
            "E1,Ana Ruiz,Claims AI,50%,4\nE1,Ana Ruiz,Fraud Radar,50%,4\nE2,Ben Ode,Claims AI,100%,2\n"
            "E2,Ben Ode,Claims AI,100%,2\nE3,Cara Lind,Fraud Radar,80%,3\nE3,Dev Nair,Claims AI,60%,5\n")
    result = import_roster(write_text(tmp_path / "plan.csv", text), catalogue=catalogue)
    ana = result.people[0]
    # was: row 3 rejected as a duplicate employee id, and Ana's time on Fraud Radar lost
    assert [(c.initiative, c.fte) for c in ana.commitments] == [("Claims AI", 0.5), ("Fraud Radar", 0.5)]
    assert any(w.row == 3 and "read as a second assignment" in w.reason for w in result.warnings)
    rejected = {r.row: r.reason for r in result.rejected}
    assert rejected[5].startswith("duplicate employee id")  # the same initiative twice is a copy, still refused
    assert "different name" in rejected[7] or rejected[7].startswith("duplicate employee id")
    assert [p.id for p in result.people] == ["E1", "E2", "E3"]


def test_a_skill_column_found_by_an_alias_says_so_not_that_it_is_the_skills_name(tmp_path, catalogue):
    text = "Employee ID,Name,K8s,Python\nE1,Ana Ruiz,3,4\nE2,Ben Ode,2,5\n"
    result = import_roster(write_text(tmp_path / "r.csv", text), catalogue=catalogue)
    k8s, python = result.mapping.columns["K8s"], result.mapping.columns["Python"]
    assert k8s.skill_id == "kubernetes" and python.skill_id == "python"
    # was: "the header is the skill Kubernetes (its name)"
    assert "(a name the catalogue lists for it ('K8s'))" in k8s.reason
    assert "(its name)" in python.reason


def test_without_ids_a_namesake_with_the_same_details_on_another_project_is_one_person(tmp_path, catalogue):
    text = ("Staff,Title,Proj,Alloc,Python\nAna Ruiz,Analyst,Claims AI,50%,4\nAna Ruiz,Analyst,Fraud Radar,50%,4\n"
            "Ben Ode,Engineer,Claims AI,100%,2\nBen Ode,Manager,Fraud Radar,20%,2\nCara Lind,Analyst,Fraud Radar,80%,3\n")
    mapping = ColumnMapping.model_validate({"columns": {"Staff": {"target": "name"}, "Proj": {"target": "initiative"},
                                                        "Alloc": {"target": "initiative_fte"}}, "scale": "1-5"})
    result = import_roster(write_text(tmp_path / "names.csv", text), catalogue=catalogue, mapping=mapping)
    ana = result.people[0]
    assert [(c.initiative, c.fte) for c in ana.commitments] == [("Claims AI", 0.5), ("Fraud Radar", 0.5)]
    assert any(w.row == 3 and w.reason.startswith("the same name and job title as row 2 on another initiative")
               and "add an employee id column" in w.reason for w in result.warnings)
    # another title: a namesake, still told apart as another person
    assert [p.id for p in result.people] == ["Ana Ruiz", "Ben Ode", "Ben Ode (row 5)", "Cara Lind"]


def test_names_beside_an_id_column_are_asked_and_so_is_the_manager_column(tmp_path, catalogue, capsys):
    path = write_text(tmp_path / "ids.csv", "Emp ID,Staff,Lead,Python\nE1,Ana Ruiz,Ben Ode,4\nE2,Ben Ode,,2\n"
                                            "E3,Cara Lind,Ben Ode,3\nE4,Dev Nair,Ben Ode,5\n")
    assert main(["check", str(path), "--save-mapping", str(tmp_path / "m.json")]) == 1
    out = capsys.readouterr().out
    # was: 'Staff' kept as an extra field and people shown by their ids
    assert "'Staff': Name (50%): no header names the people; the values look like names" in out
    assert "'Lead': Manager (60%)" in out


def test_every_second_assignment_beyond_the_first_three_is_counted(tmp_path, catalogue):
    rows = ["Employee ID,Name,Project,Allocation %"] + [f"S{k},Single {k},Claims AI,100%" for k in range(12)]
    for k in range(5):  # most people on one row: no one-row-per-assignment file, yet five are on two projects
        rows += [f"E{k},Person {k},Claims AI,50%", f"E{k},Person {k},Fraud Radar,50%"]
    result = import_roster(write_text(tmp_path / "plan.csv", "\n".join(rows) + "\n"), catalogue=catalogue)
    pairs = [p for p in result.people if p.id.startswith("E")]
    assert len(result.people) == 17 and all(len(p.commitments) == 2 for p in pairs)
    named = [w.row for w in result.warnings if w.reason.startswith("the same person as row")]
    assert named == [15, 17, 19]
    assert any(w.reason == "5 rows in all were read as a person's second assignment (also rows 21, 23)"
               for w in result.warnings)
