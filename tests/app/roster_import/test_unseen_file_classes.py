"""Classes of problem found on public HR files nobody on the project had seen, each rebuilt as a small synthetic file.

Monthly rows per person, skill codes in long files, skills listed without levels, JSON objects of skills, headers
carrying a group prefix, age and pay columns, two columns naming one field, a plural header, a repeated name with no
id: what a careful human concludes is asserted here (people, columns, levels, and the words the user reads).
"""
from __future__ import annotations

from datetime import date

import pytest

from app.roster_import import ColumnMapping, UnsureColumnsError, import_roster

from .conftest import write_text


def _targets(result) -> dict[str, str]:
    return {column: t.target for column, t in result.mapping.columns.items()}


def test_age_and_an_abbreviated_birth_date_are_personal_data_left_out(tmp_path, catalogue):
    text = ("EmployeeID,Name,Age,GEBDAT,Âge,Idade,FTE Percentage\n"
            "101,Ann Archer,42,20.03.64,42,42,80%\n102,Bo Birch,35,01.12.75,35,35,100%\n")
    result = import_roster(write_text(tmp_path / "ages.csv", text), catalogue=catalogue)
    assert set(result.ignored_columns) == {"Age", "GEBDAT", "Âge", "Idade"}
    assert all("personal data" in reason for reason in result.ignored_columns.values())
    assert [p.fte for p in result.people] == [0.8, 1.0]  # 'Percentage' holds no 'age'
    assert all(not p.extra for p in result.people)


def test_pay_the_importer_cannot_use_as_the_cost_is_left_out_never_kept(tmp_path, catalogue):
    text = ("id,nombre,salario,Salario_bruto,evaluacion\n"
            "1,Carlos,427.51,1.5,2\n2,María,553.49,6.5,5\n3,José,1049.54,10.0,1\n")
    result = import_roster(write_text(tmp_path / "empleados.csv", text), catalogue=catalogue)
    assert _targets(result)["salario"] == _targets(result)["Salario_bruto"] == "ignore"
    assert "pay data" in result.ignored_columns["salario"] and "too small for a yearly cost" in \
        result.ignored_columns["salario"]
    assert all(p.cost_rate is None and set(p.extra) == {"evaluacion"} for p in result.people)
    two = "Name,Salary,Base Salary\nAnn,95000,90000\nBo,80000,75000\n"  # one cost column; the other pay is not kept
    result = import_roster(write_text(tmp_path / "two.csv", two), catalogue=catalogue)
    assert (_targets(result)["Salary"], _targets(result)["Base Salary"]) == ("salary", "ignore")
    assert all(not p.extra for p in result.people)


def test_of_two_columns_naming_one_field_the_usual_name_wins_and_a_plural_header_still_names_it(tmp_path,
                                                                                               catalogue):
    text = ("employee_id,employee_name,unit,department,roles,fte\n"
            "E001,Ivanov,Process,Engineering,Engineer,0.9\nE002,Petrov,Mechanical,Engineering,Planner,1.0\n")
    result = import_roster(write_text(tmp_path / "units.csv", text), catalogue=catalogue)
    targets = _targets(result)
    assert (targets["department"], targets["unit"], targets["roles"]) == ("organisation", "extra", "title")
    assert "column 'department'" in result.mapping.columns["unit"].reason
    assert "plural" in result.mapping.columns["roles"].reason
    ivanov = result.people[0]
    assert (ivanov.organisation, ivanov.title, ivanov.extra) == ("Engineering", "Engineer", {"unit": "Process"})


def test_one_row_per_person_and_month_is_one_person_each_and_the_monthly_values_are_left_out(tmp_path, catalogue):
    rows = ["name,period,hours,uuid,hire_date,dismissal_date"]
    people = [("Артём Волков", "55f0ced3", "2023-08-15", "2024-10-23"), ("Полина Васильева", "b36c1b5c",
                                                                        "2023-06-25", ""),
              ("Иван Зайцев", "f640255b", "2023-01-31", "")]
    for name, uuid, hired, left in people:
        rows += [f"{name},2024-{m:02d}-01,{140 + 3 * m},{uuid},{hired},{left}" for m in range(1, 5)]
    rows.append("Иван Зайцев,2024-05-01,150,f640255b,2023-02-01,")  # the same person, another hire date
    result = import_roster(write_text(tmp_path / "monthly.csv", "\n".join(rows) + "\n"), catalogue=catalogue)
    assert [p.id for p in result.people] == ["55f0ced3", "b36c1b5c", "f640255b"]
    assert not result.rejected and result.counts.merged == 10
    assert result.mapping.repeated_rows is True
    targets = _targets(result)
    assert (targets["uuid"], targets["dismissal_date"]) == ("id", "leaving_date")
    assert targets["period"] == targets["hours"] == "ignore"
    assert "changes from row to row for the same person" in result.ignored_columns["hours"]
    artem = result.people[0]
    assert not artem.available and artem.leaving_date == date(2024, 10, 23)
    assert all(not p.extra for p in result.people)
    clash = [w for w in result.warnings if w.column == "hire_date"]
    assert len(clash) == 1 and clash[0].row == 14 and "row 10 says '2023-01-31'" in clash[0].reason
    # a mapping that says the rows do not repeat gets duplicates rejected, each with its reason
    mapping = result.mapping.model_copy(update={"repeated_rows": False})
    strict = import_roster(tmp_path / "monthly.csv", catalogue=catalogue, mapping=mapping)
    assert len(strict.people) == 3 and len(strict.rejected) == 10
    assert all("duplicate employee id" in r.reason for r in strict.rejected)


def test_a_long_file_of_skill_codes_without_names_gives_each_person_their_coded_skills(tmp_path, catalogue):
    text = ("employee_id,skill_id,proficiency,source\n"
            "EMP001,SK011,3,synthetic-self-assessment\nEMP001,SK006,0,synthetic-self-assessment\n"
            "EMP001,SK001,5,synthetic-self-assessment\nEMP002,SK011,4,synthetic-self-assessment\n"
            "EMP002,SK009,2,synthetic-self-assessment\n")
    result = import_roster(write_text(tmp_path / "codes.csv", text), catalogue=catalogue)
    assert result.layout == "long" and result.scale == "0-5" and not result.rejected
    assert [p.id for p in result.people] == ["EMP001", "EMP002"] and result.counts.merged == 3
    levels = {p.id: {result_skill: s.level for result_skill, s in p.skills.items()} for p in result.people}
    assert levels == {"EMP001": {"sk011": 3, "sk001": 5}, "EMP002": {"sk011": 4, "sk009": 2}}  # 0 = none
    assert {s.name for s in result.new_skills} == {"SK011", "SK001", "SK009"}


def test_a_long_file_without_a_level_column_records_each_listed_skill_at_the_documented_level(tmp_path,
                                                                                            catalogue):
    text = "employee_id,skill\nE001,Python\nE001,Design\nE002,SQL\n"
    result = import_roster(write_text(tmp_path / "listed.csv", text), catalogue=catalogue)
    assert result.layout == "long"
    e1, e2 = result.people
    assert {k: v.level for k, v in e1.skills.items()} == {"python": 3, "design": 3}
    assert e2.skills["sql"].source_scale == "listed"
    assert any("3 skill(s) were listed without a level and recorded at level 3" in w.reason
               for w in result.warnings)


def test_skills_written_as_json_objects_are_read_by_their_values(tmp_path, catalogue):
    text = ('Name,Skill Matrix Reuslts\n'
            'Adrian Dirassar,"{""Python"": 10, ""M&A (Skill 120)"": 7, ""Mining (Skill 126)"": 3}"\n'
            'Alan Sless,"{""SQL"": 9, ""Collections (Skill 18)"": 6}"\n')
    result = import_roster(write_text(tmp_path / "json.csv", text), catalogue=catalogue)
    assert _targets(result)["Skill Matrix Reuslts"] == "skills_list" and result.scale == "0-10"
    adrian, alan = result.people
    assert adrian.skills["python"].level == 5 and alan.skills["sql"].level == 5
    assert {s.name for s in result.new_skills} == {"M&A (Skill 120)", "Mining (Skill 126)", "Collections (Skill 18)"}
    unnamed = ('Name,Tags\nAnn,"[""remote"", ""parttime""]"\nBo,"[""onsite"", ""fulltime""]"\n')
    with pytest.raises(UnsureColumnsError) as asked:  # the values alone say 'a list', not 'skills': asked
        import_roster(write_text(tmp_path / "tags.csv", unnamed), catalogue=catalogue)
    assert asked.value.mapping.unsure() == ["Tags"]


def test_headers_with_a_group_prefix_read_the_group_as_a_category(tmp_path, catalogue):
    header = ('ID-ID,ID-name,skills-Python,skills-Complex Problem Solving,skills-Negotiation,tech_skills-Linux,'
              'tech_skills-Microsoft Excel,tech_skills-SAP software,tasks-Inspect machinery,'
              'tasks-Maintain production records,"tasks-Supervise, train, or mentor junior team members",'
              'tools-Lathes,tools-Milling machines,tools-Levels')
    text = (header + "\n0,Giuseppe Rizzo,1,0,1,1,1,0,1,0,1,1,0,1\n1,Andrea Fontana,0,1,0,1,0,1,0,1,0,0,1,0\n"
            "2,Paolo Verdi,1,1,1,0,0,1,1,1,1,1,1,1\n")
    path = write_text(tmp_path / "onet.csv", text)
    with pytest.raises(UnsureColumnsError) as asked:  # tasks and tools rated 0/1 look like skills: asked, not taken
        import_roster(path, catalogue=catalogue)
    unsure = asked.value.mapping.unsure()
    assert unsure and all(c.startswith(("tasks-", "tools-")) for c in unsure)
    assert "'tools' heading does not say skills: is this a skill?" in asked.value.mapping.columns["tools-Lathes"].reason
    result = import_roster(path, catalogue=catalogue, mapping=asked.value.mapping)  # accepted as suggested
    targets = _targets(result)
    assert (targets["ID-ID"], targets["ID-name"]) == ("id", "name")
    assert all(t == "skill" for c, t in targets.items() if not c.startswith("ID-"))
    assert result.scale == "binary"
    giuseppe = result.people[0]
    assert (giuseppe.id, giuseppe.name) == ("0", "Giuseppe Rizzo")
    assert giuseppe.skills["python"].level == 3  # a 1 is 'has the skill', at the documented level
    assert {s.name for s in result.new_skills} >= {"Linux", "Microsoft Excel", "Levels"}  # named without the group
    assert "like the other skill columns there" in asked.value.mapping.columns["tools-Levels"].reason
    assert {s.category for s in result.new_skills if s.name == "Linux"} == {"tech skills"}
    ordinary = "E-mail,Full-time,Name\nann@x.org,yes,Ann\nbo@x.org,no,Bo\n"  # hyphens inside words are no groups
    result = import_roster(write_text(tmp_path / "plain.csv", ordinary), catalogue=catalogue)
    assert _targets(result)["E-mail"] == "email" and result.people[0].email == "ann@x.org"


def test_a_repeated_name_without_an_id_column_is_kept_apart_and_an_exact_copy_is_skipped(tmp_path, catalogue):
    text = ("Nome,Idade,Cargo\nTiago,32,Analista\nRafael,25,Gerente\nTiago,15,Estagiario\nIres,65,Diretora\n"
            "José,69,Consultor\nTiago,32,Analista\nRonaldo,42,Analista\n")
    result = import_roster(write_text(tmp_path / "nomes.csv", text), catalogue=catalogue)
    assert [(p.id, p.name, p.title) for p in result.people][:3] == [
        ("Tiago", "Tiago", "Analista"), ("Rafael", "Rafael", "Gerente"), ("Tiago (row 4)", "Tiago", "Estagiario")]
    assert len(result.people) == 6
    assert not result.rejected
    (apart,) = [w for w in result.warnings if w.row == 4]
    assert "same name as row 2 with other values" in apart.reason and "id 'Tiago (row 4)'" in apart.reason
    (copy,) = result.skipped
    assert copy.row == 7 and "the same values as row 2 in every column" in copy.reason


def test_bamboohr_employee_number_beside_an_employee_id_keeps_both(tmp_path, catalogue):
    text = ("Employee #,Employee ID,First Name,Last Name,Job Title\n"
            "101,E-7781,Ann,Archer,PM\n102,E-7782,Bo,Birch,Analyst\n")
    result = import_roster(write_text(tmp_path / "bamboo.csv", text), catalogue=catalogue)
    targets = _targets(result)
    assert sorted([targets["Employee #"], targets["Employee ID"]]) == ["extra", "id"]
    kept = "Employee #" if targets["Employee #"] == "extra" else "Employee ID"
    assert "Employee id is column" in result.mapping.columns[kept].reason
    assert all(kept in p.extra for p in result.people)  # the other number stays with each person
    assert ColumnMapping.model_validate(result.mapping.model_dump()).columns[kept].target == "extra"


def test_part_timers_without_an_fte_column_are_named_in_the_full_time_warning(tmp_path, catalogue):
    text = ("employee_id,full_name,contract_type,status\nEMP001,Laura Hartmann,Full-time,Active\n"
            "EMP002,Sarah Hofmann,Part-time,Active\nEMP003,Simon Neumann,Teilzeit,Active\n")
    result = import_roster(write_text(tmp_path / "contracts.csv", text), catalogue=catalogue)
    (note,) = [w.reason for w in result.warnings if "no FTE" in w.reason]
    assert "though 2 of them are marked part-time" in note
    assert all(p.fte == 1.0 for p in result.people) and result.people[1].extra == {"contract_type": "Part-time"}


def test_a_one_to_seven_responsibility_scale_without_zeros_maps_onto_the_canonical_levels(tmp_path, catalogue):
    text = "Employee ID,Name,Python,SQL,Kubernetes\nE1,Ann,7,4,1\nE2,Bo,2,5,6\nE3,Cy,3,,\n"
    result = import_roster(write_text(tmp_path / "sfia.csv", text), catalogue=catalogue)
    assert result.scale == "1-7"
    ann, bo, cy = result.people
    assert {k: v.level for k, v in ann.skills.items()} == {"python": 5, "sql": 3, "kubernetes": 1}
    assert {k: v.level for k, v in bo.skills.items()} == {"python": 2, "sql": 4, "kubernetes": 5}
    assert cy.skills["python"].source_scale == "1-7" and cy.skills["python"].source_value == "3"


def test_salaries_that_could_be_monthly_are_asked_about_and_manager_ids_written_as_floats_are_people(tmp_path,
                                                                                                    catalogue):
    text = ("employee_id,first_name,last_name,salary,commission_pct,manager_id\n"
            "100,Steven,King,24000.0,,\n101,Neena,Kochhar,17000.0,,100.0\n102,Lex,De Haan,4800.0,,100.0\n"
            "103,Alexander,Hunold,9000.0,,102.0\n104,Bruce,Ernst,6000.0,0.2,103.0\n")
    path = write_text(tmp_path / "oracle.csv", text)
    with pytest.raises(UnsureColumnsError) as asked:
        import_roster(path, catalogue=catalogue)
    mapping = asked.value.mapping
    assert mapping.unsure() == ["salary"]
    salary = mapping.columns["salary"]
    assert salary.target == "salary" and "could be monthly pay" in salary.reason
    assert [c.target for c in salary.candidates] == ["ignore"]  # pay is used or left out, never kept
    assert mapping.columns["manager_id"].target == "manager" and not mapping.columns["manager_id"].unsure
    decided = mapping.model_copy(update={"columns": {**mapping.columns, "salary": salary.model_copy(
        update={"target": "ignore"})}})
    result = import_roster(path, catalogue=catalogue, mapping=decided)
    assert [p.manager for p in result.people] == [None, "100", "100", "102", "103"]
    assert all(p.cost_rate is None and not p.extra for p in result.people)
    yearly = "Name,Salary\nAnn,95000\nBo,61000\n"  # yearly amounts are used without a question
    assert [p.cost_rate for p in import_roster(write_text(tmp_path / "y.csv", yearly), catalogue=catalogue).people] \
        == [95000, 61000]


def test_one_row_per_person_and_assignment_keeps_every_assignment(tmp_path, catalogue):
    text = ("Employee ID,Name,FTE,Project,Allocation %\nE1,Ann Archer,1,Churn Predictor,50%\n"
            "E1,Ann Archer,1,Fraud Radar,70%\nE2,Bo Birch,0.5,Churn Predictor,50%\nE2,Bo Birch,0.5,Claims Bot,\n"
            "E3,Cy Chen,1,Claims Bot,100%\n")
    result = import_roster(write_text(tmp_path / "assignments.csv", text), catalogue=catalogue)
    assert not result.rejected and result.counts.merged == 2 and result.mapping.repeated_rows is True
    ann, bo, cy = result.people
    assert [(c.initiative, c.fte) for c in ann.commitments] == [("Churn Predictor", 0.5), ("Fraud Radar", 0.7)]
    assert [(c.initiative, c.fte) for c in bo.commitments] == [("Churn Predictor", 0.5), ("Claims Bot", 0.5)]
    over = [w for w in result.warnings if "add up to" in w.reason]
    assert [(w.row, w.reason) for w in over] == [
        (3, "with this row the person's assignments add up to 120%, more than their FTE 100%"),
        (5, "with this row the person's assignments add up to 100%, more than their FTE 50%")]
