"""Classes of problem found on a third round of public HR files (German, French, Portuguese rosters, long skill
files, a capacity sheet without a header), each rebuilt as a small synthetic file: what a careful human concludes
is asserted (people, columns, values, and the words the user reads)."""
from __future__ import annotations

import pytest

from app.errors import NotImportableError
from app.roster_import import UnsureColumnsError, import_roster, inspect_file

from .conftest import write_text, write_xlsx


def _targets(result) -> dict[str, str]:
    return {column: t.target for column, t in result.mapping.columns.items()}


def test_a_csv_whose_every_line_is_one_quoted_cell_is_read_from_inside_the_quotes(tmp_path, catalogue):
    text = '"ID;Name;Hours"\n"1;Ann Archer;39"\n"2;Bo Birch;20"\n"3;Cy Cole;80"\n'
    result = import_roster(write_text(tmp_path / "quoted.csv", text), catalogue=catalogue)
    assert _targets(result) == {"ID": "id", "Name": "name", "Hours": "weekly_hours"}
    assert [(p.id, p.name, p.fte) for p in result.people] == [("1", "Ann Archer", 0.975), ("2", "Bo Birch", 0.5),
                                                             ("3", "Cy Cole", 2.0)]
    said = [w.one_line() for w in result.warnings]
    assert any("each line of the file is one quoted cell" in s and "';'" in s for s in said)
    assert any("row 4" in s and "over 100 %" in s for s in said)  # 80 hours a week is flagged, not trusted


def test_a_one_column_list_of_quoted_names_with_commas_is_not_split(tmp_path, catalogue):
    text = 'Name\n"Archer, Ann"\n"Birch, Bo"\n"Cole, Cy"\n'
    result = import_roster(write_text(tmp_path / "names.csv", text), catalogue=catalogue)
    assert [p.name for p in result.people] == ["Ann Archer", "Bo Birch", "Cy Cole"]
    assert not any("quoted cell" in w.reason for w in result.warnings)


def test_a_file_without_a_header_row_stops_and_says_so_instead_of_taking_a_person_for_the_header(tmp_path,
                                                                                                catalogue):
    lines = [f"Person{k:02d};" + ";".join(["0,5"] * 6 + ["0"] * 2) + f";{k + 2}" for k in range(1, 11)]
    path = write_text(tmp_path / "capacity.csv", "\r\n".join(lines))
    with pytest.raises(NotImportableError) as caught:
        import_roster(path, catalogue=catalogue)
    assert caught.value.exit_code == 1
    message = str(caught.value)
    assert "no header row found" in message and "row 1: 'Person01', '0,5'" in message
    assert "no header row found" in inspect_file(path, catalogue=catalogue).warnings[0]


def test_a_header_of_years_beside_a_name_column_is_still_a_header(tmp_path, catalogue):
    rows = [["Name", 2024, 2025, 2026], ["Ann Archer", 1, 0.5, 0.5], ["Bo Birch", 1, 1, 1]]
    result = import_roster(write_xlsx(tmp_path / "years.xlsx", rows), catalogue=catalogue)
    assert [p.name for p in result.people] == ["Ann Archer", "Bo Birch"]


def test_hours_a_month_are_converted_when_the_header_says_month_and_asked_when_only_the_values_do(tmp_path,
                                                                                                  catalogue):
    text = "Name,Monthly Hours\nAnn Archer,173.33\nBo Birch,86.67\nCy Cole,\n"
    result = import_roster(write_text(tmp_path / "monthly.csv", text), catalogue=catalogue)
    assert _targets(result)["Monthly Hours"] == "monthly_hours"
    assert [round(p.fte, 2) for p in result.people] == [1.0, 0.5, 1.0]  # a 40-hour week, 52 weeks in 12 months
    text = "Nome,Carga Horária\nAna Lima,220\nBia Costa,180\nCaio Reis,110\n"
    path = write_text(tmp_path / "carga.csv", text)
    with pytest.raises(UnsureColumnsError) as caught:
        import_roster(path, catalogue=catalogue)
    asked = caught.value.mapping.columns["Carga Horária"]
    assert (asked.target, asked.confidence) == ("monthly_hours", 0.6)
    assert "too many for a week: are they the hours a month" in asked.reason
    result = import_roster(path, catalogue=catalogue, mapping=caught.value.mapping)  # the user accepts it
    assert [round(p.fte, 2) for p in result.people] == [1.27, 1.04, 0.63]
    assert sum("over 100 %" in w.reason for w in result.warnings) == 2


def test_a_fortnights_hours_are_not_taken_for_a_month_and_hours_worked_are_named_when_no_fte_is_read(tmp_path,
                                                                                                     catalogue):
    text = "EmployeeNumber,StandardHours\n1,80\n2,80\n3,80\n"
    result = import_roster(write_text(tmp_path / "standard.csv", text), catalogue=catalogue)  # nothing asked
    assert _targets(result)["StandardHours"] == "extra" and [p.fte for p in result.people] == [1.0] * 3
    text = "id,nom,prenom,heures_travaillees\n1,Martin,Alice,160\n2,Dupont,Jean,148\n"
    result = import_roster(write_text(tmp_path / "heures.csv", text), catalogue=catalogue)
    (full_time,) = [w.reason for w in result.warnings if "everyone is taken as full time" in w.reason]
    assert "'heures_travaillees' names working time" in full_time


def test_rates_per_hour_or_day_in_other_languages_are_pay_left_out_never_kept(tmp_path, catalogue):
    text = ("id,nom,taux_horaire,Stundensatz,tarifa por hora,valor hora,Tagessatz,taux d'activité\n"
            "1,Alice Martin,45.0,60,30,25,480,80%\n2,Jean Dupont,35.0,55,28,22,440,100%\n")
    result = import_roster(write_text(tmp_path / "rates.csv", text), catalogue=catalogue)
    pay = ["taux_horaire", "Stundensatz", "tarifa por hora", "valor hora", "Tagessatz"]
    assert {c: _targets(result)[c] for c in pay} == dict.fromkeys(pay, "ignore")
    assert all("pay data" in result.ignored_columns[c] for c in pay)
    assert all(not p.extra for p in result.people) and [p.fte for p in result.people] == [0.8, 1.0]


def test_an_availability_given_as_a_share_of_time_is_asked_as_the_fte_and_a_yes_no_flag_is_not(tmp_path, catalogue):
    for header, values in (("Availability (%)", ("50%", "100%", "20%")), ("Disponibilidad", ("0.5", "1", "0.2"))):
        text = f"Name,{header}\nAnn Archer,{values[0]}\nBo Birch,{values[1]}\nCy Cole,{values[2]}\n"
        path = write_text(tmp_path / "availability.csv", text)
        with pytest.raises(UnsureColumnsError) as caught:
            import_roster(path, catalogue=catalogue)  # was: kept, and everyone planned at full time
        asked = caught.value.mapping.columns[header]
        assert (asked.target, asked.confidence) == ("fte", 0.6) and "shares of time, not yes / no" in asked.reason
        result = import_roster(path, catalogue=catalogue, mapping=caught.value.mapping)  # the user accepts it
        assert [p.fte for p in result.people] == [0.5, 1.0, 0.2]
    text = "Name,Available\nAnn Archer,1\nBo Birch,0\nCy Cole,1\n"
    result = import_roster(write_text(tmp_path / "flag.csv", text), catalogue=catalogue)
    assert _targets(result)["Available"] == "available" and [p.available for p in result.people] == [True, False, True]


def test_levels_that_run_only_one_to_three_ask_where_the_top_of_the_scale_is(tmp_path, catalogue):
    text = "Name,Python,SQL,Kubernetes\nAnn Archer,D1,D3,D2\nBo Birch,D2,D2,\nCy Cole,D3,D1,D1\n"
    path = write_text(tmp_path / "codes.csv", text)
    with pytest.raises(UnsureColumnsError) as caught:  # was: read on a 1–5 scale, D3 = Practitioner, in silence
        import_roster(path, catalogue=catalogue)
    mapping = caught.value.mapping
    assert "the level scale could not be decided" in str(caught.value) and "Skills step" in str(caught.value)
    assert mapping.unsure() == ["Python"] and mapping.scale == "1-5"
    assert "is D3 the top" in mapping.columns["Python"].reason and '"1-3"' in mapping.columns["Python"].reason
    top = import_roster(path, catalogue=catalogue, mapping=mapping.model_copy(update={"scale": "1-3"}))
    assert {s: lv.level for s, lv in top.people[0].skills.items()} == {"python": 2, "sql": 5, "kubernetes": 3}
    middle = import_roster(path, catalogue=catalogue, mapping=mapping)  # the suggestion as written: 1–5
    assert {s: lv.level for s, lv in middle.people[0].skills.items()} == {"python": 1, "sql": 3, "kubernetes": 2}
    five = "Name,Python,SQL\nAnn Archer,1,3\nBo Birch,2,2\nCy Cole,5,1\n"  # a 5 settles it: no question
    assert import_roster(write_text(tmp_path / "five.csv", five), catalogue=catalogue).scale == "1-5"


def test_unknown_0_1_columns_pulled_in_beside_a_few_known_skills_are_all_asked_none_kept_in_silence(tmp_path,
                                                                                                      catalogue):
    unknown = ["Retail", "Siemens", "Estimation", "Labview", "Clients", "Award", "Selling Of", "HVAC"]
    header = ["Staff ID", *unknown[:4], "SQL", *unknown[4:], "Project Planning", "Python"]
    rows = [",".join(header)] + [f"1003{k}," + ",".join(str((k + i) % 2) for i in range(len(header) - 1))
                                 for k in range(4)]
    path = write_text(tmp_path / "staff_skills.csv", "\n".join(rows) + "\n")
    with pytest.raises(UnsureColumnsError) as caught:
        import_roster(path, catalogue=catalogue)
    columns = caught.value.mapping.columns
    # was: 'Award', 'Clients' … applied as skills at 85 % one beside the other, 'Project Planning' kept in silence
    assert {c: (columns[c].target, columns[c].confidence) for c in [*unknown, "Project Planning"]} == dict.fromkeys(
        [*unknown, "Project Planning"], ("skill", 0.6))
    assert "only 2 of the skill columns here are skills the catalogue knows" in columns["Award"].reason
    assert "is this a skill?" in columns["Project Planning"].reason
    assert (columns["SQL"].target, columns["SQL"].confidence) == ("skill", 1.0)


def test_a_few_new_skills_beside_known_ones_are_still_taken_without_asking(tmp_path, catalogue):
    text = "Name,Python,SQL,Airflow,Looker,Kubernetes\nAnn Archer,3,4,2,1,5\nBo Birch,2,2,4,3,1\n"
    result = import_roster(write_text(tmp_path / "matrix.csv", text), catalogue=catalogue)
    assert {c: t for c, t in _targets(result).items() if c != "Name"} == dict.fromkeys(
        ["Python", "SQL", "Airflow", "Looker", "Kubernetes"], "skill")


def test_a_certified_yes_no_column_beside_each_skill_row_says_how_the_level_is_known(tmp_path, catalogue):
    text = ("employee_id,skill_id,proficiency_level,years_experience,certified\n"
            "EMP1,Python,Expert,9,True\nEMP1,SQL,Intermediate,12,False\nEMP2,SQL,Advanced,4,True\n")
    result = import_roster(write_text(tmp_path / "certified.csv", text), catalogue=catalogue)
    assert _targets(result)["certified"] == "evidence"  # was: left out, the value changing from row to row
    one, two = result.people
    assert {s: (lv.level, lv.evidence.value) for s, lv in one.skills.items()} == {
        "python": (5, "certified"), "sql": (3, "unknown")}
    assert two.skills["sql"].evidence.value == "certified"


def test_numbered_skill_and_level_columns_give_each_person_every_skill_with_its_level(tmp_path, catalogue):
    text = ("Employee ID,Name,Skill 1,Level 1,Skill 2,Level 2,Skill 3,Level 3\n"
            "E1,Ann Archer,Python,Expert,SQL,Intermediate,Kubernetes,Beginner\n"
            "E2,Bo Birch,SQL,Advanced,Python,,,\nE3,Cy Cole,Kubernetes,Expert,,,,\n")
    result = import_roster(write_text(tmp_path / "pairs.csv", text), catalogue=catalogue)
    targets = _targets(result)  # was: 'Skill 2' / 'Level 2' read as one skill per row, 'Skill 1' and 3 kept aside
    assert [targets[f"Skill {k}"] for k in (1, 2, 3)] == ["skills_list"] * 3
    assert [targets[f"Level {k}"] for k in (1, 2, 3)] == ["list_level"] * 3
    ann, bo, cy = result.people
    assert {s: (lv.level, lv.source_value) for s, lv in ann.skills.items()} == {
        "python": (5, "Expert"), "sql": (3, "Intermediate"), "kubernetes": (2, "Beginner")}
    assert {s: lv.level for s, lv in bo.skills.items()} == {"sql": 4, "python": 3}  # no level: recorded at 3, said
    assert any("listed without a level" in w.reason for w in result.warnings)
    assert set(cy.skills) == {"kubernetes"} and all(not p.extra for p in result.people)


def test_skill_names_in_the_first_data_row_are_no_second_header_row(tmp_path, catalogue):
    text = ("Employee ID,Name,Primary Skill,Secondary Skill,Tertiary Skill\n"
            "E1,Ann Archer,Python,SQL,Kubernetes\nE2,Bo Birch,SQL,Python,\nE3,Cy Cole,Kubernetes,,\n")
    result = import_roster(write_text(tmp_path / "primary.csv", text), catalogue=catalogue)
    assert result.header_row == 1 and [p.id for p in result.people] == ["E1", "E2", "E3"]  # was: E1 the header
    assert [set(p.skills) for p in result.people] == [{"python", "sql", "kubernetes"}, {"sql", "python"},
                                                      {"kubernetes"}]
    numbers = "Employee ID,Name,Skill1,Proficiency1,Skill2,Proficiency2\nE1,Ann Archer,Python,4,SQL,3\nE2,Bo,SQL,5,,\n"
    result = import_roster(write_text(tmp_path / "numbers.csv", numbers), catalogue=catalogue)
    assert result.header_row == 1 and {s: lv.level for s, lv in result.people[0].skills.items()} == {
        "python": 4, "sql": 3}


def test_hours_written_short_with_their_period_are_hours_a_week_or_a_month(tmp_path, catalogue):
    expected = {"Std Hrs/Wk": ("weekly_hours", [0.5, 1.0]), "Hrs per wk": ("weekly_hours", [0.5, 1.0]),
                "Arbeitsstunden/Woche": ("weekly_hours", [0.5, 1.0]), "Heures/semaine": ("weekly_hours", [0.5, 1.0]),
                "Hrs/Mo": ("monthly_hours", [0.46, 0.92])}
    for header, (target, ftes) in expected.items():
        low, high = (80, 160) if target == "monthly_hours" else (20, 40)
        text = f"Employee,{header}\nAnn Archer,{low}\nBo Birch,{high}\n"
        result = import_roster(write_text(tmp_path / "hours.csv", text), catalogue=catalogue)
        assert _targets(result)[header] == target  # was: kept, everyone planned at full time
        assert [round(p.fte, 2) for p in result.people] == ftes
    text = "Employee,Overtime hours/week\nAnn Archer,5\nBo Birch,0\n"  # overtime is no contract: not read as hours
    result = import_roster(write_text(tmp_path / "overtime.csv", text), catalogue=catalogue)
    assert _targets(result)["Overtime hours/week"] == "extra" and [p.fte for p in result.people] == [1.0, 1.0]


def test_level_words_in_french_german_spanish_and_portuguese_are_levels(tmp_path, catalogue):
    files = {"fr": "Nom,Python,SQL\nAlice Martin,Expert,Débutant\nJean Dupont,Avancé,Intermédiaire\n",
             "de": "Name,Python,SQL\nAnna Schmidt,Experte,Anfänger\nBernd Meier,Fortgeschritten,Grundkenntnisse\n",
             "es": "Nombre,Python,SQL\nAna García,Experto,Básico\nLuis Pérez,Avanzado,Intermedio\n",
             "pt": "Nome,Python,SQL\nAna Lima,Especialista,Iniciante\nBia Costa,Avançado,Intermediário\n"}
    for language, text in files.items():
        result = import_roster(write_text(tmp_path / f"{language}.csv", text), catalogue=catalogue)
        # was: the skill columns kept aside (not level words), nobody with a skill
        assert [{s: lv.level for s, lv in p.skills.items()} for p in result.people] == [
            {"python": 5, "sql": 2}, {"python": 4, "sql": 3 if language != "de" else 2}], language


def test_a_date_column_that_settles_day_first_settles_the_files_other_date_columns(tmp_path, catalogue):
    text = ("ID;Nom complet;Date entrée;Date sortie\nE1;Alice Martin;01/09/2019;\nE2;Jean Dupont;12/01/2012;31/12/2024\n"
            "E3;Léa Bernard;03/04/2023;\n")
    result = import_roster(write_text(tmp_path / "dates.csv", text), catalogue=catalogue)
    assert [str(p.start_date) for p in result.people] == ["2019-09-01", "2012-01-12", "2023-04-03"]
    assert not any("could be day/month" in w.reason for w in result.warnings)  # was: three warnings, read day-first
    text = "ID,Name,Start Date,Leaving Date\nE1,Ann,01/09/2019,\nE2,Bo,02/03/2012,12/31/2024\n"  # month first here
    result = import_roster(write_text(tmp_path / "us.csv", text), catalogue=catalogue)
    assert [str(p.start_date) for p in result.people] == ["2019-01-09", "2012-02-03"]


def test_an_fte_written_with_its_unit_or_as_full_time_is_read_and_part_time_alone_is_reported(tmp_path, catalogue):
    text = "Name,FTE\nAnn Archer,0.8 FTE\nBo Birch,1.0 FTE\nCy Cole,Full-time\nDi Dunn,Part-time\nEd Eng,80 % ETP\n"
    result = import_roster(write_text(tmp_path / "units.csv", text), catalogue=catalogue)
    assert _targets(result)["FTE"] == "fte"  # was: kept, everyone planned at full time
    assert [(p.name, p.fte) for p in result.people] == [("Ann Archer", 0.8), ("Bo Birch", 1.0), ("Cy Cole", 1.0),
                                                        ("Ed Eng", 0.8)]
    (rejected,) = result.rejected
    assert rejected.row == 5 and "says part time but not how much" in rejected.reason


def test_people_known_only_by_their_email_are_asked_to_be_identified_by_it(tmp_path, catalogue):
    text = ("employee_email,project_name,status\nlucas.almeida@example.com,Factory Line Upgrade,allocated\n"
            "mariana.costa@example.com,Robot Cell Installation,allocated\n")
    path = write_text(tmp_path / "emails.csv", text)
    with pytest.raises(UnsureColumnsError) as caught:  # was: 'no name column … and no employee id', nothing to edit
        import_roster(path, catalogue=catalogue)
    asked = caught.value.mapping.columns["employee_email"]
    assert (asked.target, asked.confidence) == ("id", 0.6) and "email addresses tell them apart" in asked.reason
    result = import_roster(path, catalogue=catalogue, mapping=caught.value.mapping)
    assert [p.id for p in result.people] == ["lucas.almeida@example.com", "mariana.costa@example.com"]
