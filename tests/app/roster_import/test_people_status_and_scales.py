"""Leavers, 'Last, First' names, allocations of 0 %, other languages' headers, legends and yes/no skill matrices."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.roster_import import ColumnMapping, ImportOptions, import_roster

from .conftest import write_text, write_xlsx


def test_leavers_are_people_who_are_not_available_or_skipped_when_chosen(tmp_path, catalogue):
    soon = (date.today() + timedelta(days=30)).isoformat()
    text = ("Employee ID,Name,Employment Status,Termination Date\n"
            "E1,\"Archer, Ann\",Active,\n"
            f"E2,\"Birch, Bo\",Voluntarily Terminated,2021-03-31\n"
            f"E3,\"Cole, Cy\",Active,{soon}\n"
            "E4,\"Dunn, Dee\",On leave,\n")
    path = write_text(tmp_path / "r.csv", text)
    result = import_roster(path, catalogue=catalogue)
    assert not result.rejected
    by_id = {p.id: p for p in result.people}
    assert [p.name for p in result.people] == ["Ann Archer", "Bo Birch", "Cy Cole", "Dee Dunn"]
    assert by_id["E1"].extra["Name"] == "Archer, Ann"  # the name as written is kept
    assert not by_id["E2"].available and by_id["E2"].leaving_date == date(2021, 3, 31)
    assert by_id["E2"].employment_status == "Voluntarily Terminated"
    assert by_id["E3"].available and by_id["E3"].leaving_date is not None  # leaving later: here until then
    assert not by_id["E4"].available and by_id["E4"].leaving_date is None  # away, not gone
    skipped = import_roster(path, catalogue=catalogue, options=ImportOptions(leavers="skip"))
    assert [p.id for p in skipped.people] == ["E1", "E3", "E4"]
    assert skipped.skipped[0].row == 3 and "has left" in skipped.skipped[0].reason


def test_a_zero_allocation_records_no_assignment_and_says_so(tmp_path, catalogue):
    rows = [["Employee ID", "Name", "FTE", "Current Initiative", "Allocation %"],
            ["E1", "Ann", "100%", "Churn", "0%"], ["E2", "Bo", "100%", "Churn", "50%"]]
    result = import_roster(write_xlsx(tmp_path / "r.xlsx", rows), catalogue=catalogue)
    ann, bo = result.people
    assert ann.commitments == [] and [c.fte for c in bo.commitments] == [0.5]
    said = [w.reason for w in result.warnings if w.row == 2]
    assert said == ["allocation to 'Churn' is 0 %: no time on it, so no assignment is recorded"]
    assert not any("FTE is zero" in w.reason or "unavailable" in w.reason for w in result.warnings)


def test_german_headers_and_a_yes_no_skill_matrix_recorded_at_the_documented_level(tmp_path, catalogue):
    rows = [["Personalnummer", "Vorname", "Nachname", "Abteilung", "Eintrittsdatum", "Python", "SQL", "Kubernetes"],
            ["P1", "Anna", "Schmidt", "Data", "01.03.2020", 1, 0, 1],
            ["P2", "Bernd", "Müller", "IT", "15.07.2018", 0, 1, 0]]
    result = import_roster(write_xlsx(tmp_path / "de.xlsx", rows), catalogue=catalogue)
    anna, bernd = result.people
    assert (anna.id, anna.name, anna.organisation, anna.start_date) == ("P1", "Anna Schmidt", "Data", date(2020, 3, 1))
    assert result.scale == "binary"
    assert {k: v.level for k, v in anna.skills.items()} == {"python": 3, "kubernetes": 3}  # 1 = has it: level 3
    assert any("only 0 and 1" in w.reason and "level 3" in w.reason for w in result.warnings)
    mapping = result.mapping.model_copy(update={"binary_level": 4})
    again = import_roster(tmp_path / "de.xlsx", catalogue=catalogue, mapping=mapping)
    assert again.people[1].skills["sql"].level == 4


def test_zeros_mean_a_scale_that_starts_at_zero_and_a_legend_says_which(tmp_path, catalogue):
    rows = [["Team skills"], ["0 = none", "1 = basic", "2 = working", "3 = expert"], [],
            ["Name", "Python", "SQL"], ["Ann", 0, 3], ["Bo", 2, 1]]
    result = import_roster(write_xlsx(tmp_path / "legend.xlsx", rows), catalogue=catalogue)
    assert result.header_row == 4 and result.scale == "0-3"
    ann, bo = result.people
    assert ann.skills["sql"].level == 5 and "python" not in ann.skills
    assert any("legend" in w.reason for w in result.warnings)
    sevens = [["Name", "Python", "SQL"], ["Ann", 0, 7], ["Bo", 6, 1]]  # a 0 present: not the 1-7 scale
    assert import_roster(write_xlsx(tmp_path / "z.xlsx", sevens), catalogue=catalogue).scale == "0-10"


def test_a_partial_mapping_decides_only_the_columns_it_names(tmp_path, catalogue):
    rows = [["Who", "Code", "Python", "Badge"], ["Ann Archer", "X1", 3, "red"]]
    path = write_xlsx(tmp_path / "home.xlsx", rows)
    mapping = ColumnMapping.model_validate({"columns": {"Code": {"target": "id"}}, "scale": "1-5"})
    result = import_roster(path, catalogue=catalogue, mapping=mapping)
    person = result.people[0]
    assert (person.id, person.skills["python"].level, person.extra) == ("X1", 3, {"Who": "Ann Archer",
                                                                                  "Badge": "red"})
    assert result.mapping.columns["Code"].reason == "your choice"
    assert result.mapping.columns["Python"].target == "skill"  # still decided from its header and values


def test_a_matrix_of_ticks_is_a_yes_no_skill_matrix(tmp_path, catalogue):
    rows = [["Name", "Python", "SQL", "Kubernetes"], ["Ann", "x", None, "x"], ["Bo", None, "x", None]]
    result = import_roster(write_xlsx(tmp_path / "ticks.xlsx", rows), catalogue=catalogue)
    assert result.layout == "matrix" and result.scale == "binary"
    ann, bo = result.people
    assert {k: v.level for k, v in ann.skills.items()} == {"python": 3, "kubernetes": 3}
    assert set(bo.skills) == {"sql"} and not result.rejected



@pytest.mark.parametrize(("header", "left_word"), [
    (["Personalnummer", "Name", "Abteilung", "Eintrittsdatum", "Beschäftigungsstatus", "Wochenstunden"],
     "Ausgeschieden"),
    (["Matricule", "Nom complet", "Service", "Date d'embauche", "Statut", "Heures hebdomadaires"], "Démission"),
    (["Número de empleado", "Nombre completo", "Departamento", "Fecha de alta", "Estado", "Horas semanales"], "Baja"),
    (["Personeelsnummer", "Naam", "Afdeling", "Datum in dienst", "Dienstverband status", "Uren per week"],
     "Uit dienst"),
    (["Matrícula", "Nome completo", "Departamento", "Data de admissão", "Situação", "Horas semanais"], "Desligado"),
    (["社員番号", "氏名", "部署", "入社日", "在籍状況", "週所定労働時間"], "退職"),
])
def test_headers_in_six_languages_map_to_the_same_fields(tmp_path, catalogue, header, left_word):
    rows = [header, ["A1", "Ana Silva", "Data", "2020-03-01", "Active", 40],
            ["A2", "Ben Roy", "IT", "2019-07-15", left_word, 20]]
    result = import_roster(write_xlsx(tmp_path / "r.xlsx", rows), catalogue=catalogue)
    targets = [result.mapping.columns[h].target for h in header]
    assert targets == ["id", "name", "organisation", "start_date", "employment_status", "weekly_hours"]
    ana, ben = result.people
    assert (ana.id, ana.name, ana.organisation, ana.start_date, ana.fte) == ("A1", "Ana Silva", "Data",
                                                                              date(2020, 3, 1), 1.0)
    assert ben.fte == 0.5 and not ben.available and ben.employment_status == left_word


def test_a_legend_written_one_level_per_row_gives_the_scale(tmp_path, catalogue):
    rows = [["Skills matrix"], ["Level 1: aware"], ["Level 2: can do with help"], ["Level 3: can do alone"],
            ["Level 4: can teach"], [], ["Name", "Python", "SQL"], ["Ann", 1, 2], ["Bo", 2, 2]]
    result = import_roster(write_xlsx(tmp_path / "legend.xlsx", rows), catalogue=catalogue)
    assert result.header_row == 7 and result.scale == "1-4"  # the values alone (1-2) would have said 1-5
    assert result.people[0].skills["python"].level == 2 and result.people[1].skills["sql"].level == 3
