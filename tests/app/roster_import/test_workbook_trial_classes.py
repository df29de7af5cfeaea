"""Classes of problem found by trying public HR data rebuilt as real workbooks (xlsx, ods), each as a small synthetic file.

A resource plan (one row per person and assignment, project cells merged over their people, plain Start/End dates),
Japanese HR columns that hold national ids, insurance numbers, home addresses and monthly pay, a Cyrillic
competency matrix, a monthly pay header, and the currency the monthly-pay question assumes: what a careful human
concludes is asserted here (people, assignments, columns, the words of the question, the exit code, the mapping file).
"""
from __future__ import annotations

import json
from datetime import date, datetime

import openpyxl
import pytest

from app.cli import main
from app.roster_import import UnsureColumnsError, import_roster

from .conftest import write_text, write_xlsx


def _targets(result) -> dict[str, str]:
    return {column: t.target for column, t in result.mapping.columns.items()}


def _resource_plan(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Q4"
    ws.append(["Resource allocation - Q4"])
    ws.append([])
    ws.append(["Project Name", "Delivery Lead", "Resource Name", "Resource Type", "Start Date", "End Date",
               "Percentage Allocation"])
    d = datetime
    rows = [
        ["Churn Radar", "Lena Ott", "Sam Dhar", "Perm", d(2021, 10, 1), d(2021, 10, 15), 0.6],
        ["Claims Bot", "Lena Ott", "Sam Dhar", "Perm", d(2021, 10, 16), d(2021, 10, 18), 0.4],
        ["", "", "Sam Dhar", "Perm", d(2021, 10, 19), d(2021, 10, 21), 0.1],  # merged with the row above
        ["Fraud Lens", "Ravi Rao", "Ida Kell", "Perm", d(2021, 10, 1), d(2021, 12, 31), 0.3],
        ["Fraud Lens", "Ravi Rao", "Ida Kell", "Perm", d(2021, 10, 1), d(2021, 12, 31), 0.2],  # same dates: summed
        ["Data Vault", "Asha Rani", "Ida Kell", "Perm", d(2021, 7, 1), d(2021, 9, 30), 0.9],  # another period
        ["Customer Master", "Asha Rani", None, None, None, None, None],  # a project nobody is on yet
        ["Churn Radar", "Lena Ott", "Ola Berg", "Vendor", d(2021, 11, 1), d(2021, 12, 31), 0.5],
        ["Claims Bot", "Lena Ott", "Ola Berg", "Vendor", d(2021, 11, 1), d(2021, 12, 31), 0.5],
    ]
    for row in rows:
        ws.append(row)
    ws.merge_cells("A5:A6")
    ws.merge_cells("B5:B6")
    wb.save(path)
    return path


def test_a_resource_plan_is_read_as_assignments_not_as_skills_and_nobody_becomes_a_leaver(tmp_path, capsys):
    path = _resource_plan(tmp_path / "plan.xlsx")
    saved = tmp_path / "plan.mapping.json"
    assert main(["check", str(path), "--save-mapping", str(saved)]) == 0  # nothing asked: the headers say it
    out = capsys.readouterr().out
    targets = json.loads(saved.read_text())["columns"]
    assert {c: targets[c]["target"] for c in ("Project Name", "Percentage Allocation", "Start Date", "End Date")} \
        == {"Project Name": "initiative", "Percentage Allocation": "initiative_fte",
            "Start Date": "initiative_start", "End Date": "initiative_end"}
    assert "names the initiative 'Customer Master' but no person" in out
    assert "cells merged over several rows (columns 'Project Name', 'Delivery Lead'; rows 5–6)" in out
    assert "add up to" not in out  # assignments in different periods do not add up


def test_a_resource_plan_keeps_every_period_and_sums_one_assignment_split_over_two_rows(tmp_path, catalogue):
    result = import_roster(_resource_plan(tmp_path / "plan.xlsx"), catalogue=catalogue)
    sam, ida, ola = result.people
    assert all(p.available and p.leaving_date is None and p.start_date is None for p in result.people)
    assert [(c.initiative, c.fte) for c in ola.commitments] == [("Churn Radar", 0.5), ("Claims Bot", 0.5)]
    assert [(c.initiative, c.fte, c.start, c.end) for c in sam.commitments] == [
        ("Churn Radar", 0.6, date(2021, 10, 1), date(2021, 10, 15)),
        ("Claims Bot", 0.4, date(2021, 10, 16), date(2021, 10, 18)),
        ("Claims Bot", 0.1, date(2021, 10, 19), date(2021, 10, 21))]  # the merged project, its second period
    assert [(c.initiative, c.fte) for c in ida.commitments] == [("Fraud Lens", 0.5), ("Data Vault", 0.9)]
    (summed,) = [w for w in result.warnings if "again for this person" in w.reason]
    assert summed.row == 8 and "20% added to 30%, 50% in all" in summed.reason
    assert not result.rejected and [s.row for s in result.skipped] == [10]
    (lead,) = [w for w in result.warnings if w.column == "Delivery Lead"]  # a kept column that differs is said
    assert lead.row == 9 and "row 7 says 'Ravi Rao'; the first row's value is kept" in lead.reason
    assert ida.extra["Delivery Lead"] == "Ravi Rao"


def test_japanese_national_ids_insurance_numbers_addresses_and_monthly_pay_are_left_out(tmp_path, catalogue):
    rows = [["社員番号", "氏名", "部署名", "ステータス", "標準報酬月額", "マイナンバー", "健康保険被保険者番号",
             "郵便番号", "町名・番地", "権限"],
            ["EMP001", "山田 太郎", "営業部", "在籍", "300000", "1234567890123", "12345678", "100-0001", "千代田1-1-1",
             "一般社員"],
            ["EMP002", "佐藤 花子", "総務部", "休職", "280000", "2345678901234", "23456789", "150-0001", "渋谷2-2-2",
             "管理者"],
            ["EMP003", "田中 美咲", "人事部", "未入社", "250000", "4567890123456", "45678901", "250-0003", "中区4-4-4",
             "一般社員"]]
    result = import_roster(write_xlsx(tmp_path / "shain.xlsx", rows, title="社員データ"), catalogue=catalogue)
    targets = _targets(result)
    assert targets["部署名"] == "organisation"
    left_out = {"標準報酬月額", "マイナンバー", "健康保険被保険者番号", "郵便番号", "町名・番地"}
    assert set(result.ignored_columns) == left_out
    assert "pay data" in result.ignored_columns["標準報酬月額"]
    assert all("personal data" in result.ignored_columns[c] for c in left_out - {"標準報酬月額"})
    assert all(set(p.extra) == {"権限"} and p.cost_rate is None for p in result.people)
    assert [(p.organisation, p.available) for p in result.people] == [("営業部", True), ("総務部", False),
                                                                       ("人事部", False)]


def test_a_monthly_salary_header_is_pay_left_out_never_kept(tmp_path, catalogue):
    text = "Name,Monthly Salary,Sueldo mensual\nAnn,5200,4100\nBo,6100,3900\n"
    result = import_roster(write_text(tmp_path / "monthly.csv", text), catalogue=catalogue)
    assert set(result.ignored_columns) == {"Monthly Salary", "Sueldo mensual"}
    assert all(not p.extra and p.cost_rate is None for p in result.people)


def test_the_monthly_pay_question_says_which_currency_it_assumed(tmp_path, catalogue):
    path = write_text(tmp_path / "pay.csv", "Name,Salary\nAnn,4800\nBo,6000\nCy,9000\n")
    with pytest.raises(UnsureColumnsError) as asked:
        import_roster(path, catalogue=catalogue)
    reason = asked.value.mapping.columns["Salary"].reason
    assert "could be monthly pay" in reason and "euros, pounds or dollars" in reason
    assert "the file does not say its currency" in reason


def test_a_cyrillic_competency_matrix_keeps_each_skill_apart_and_finds_the_name_column(tmp_path, catalogue):
    rows = [["Матрица компетенций"], [None, "Компетенции"],
            ["Участник", "Информационная безопасность", "Экономика и презентация", "Управление проектами",
             "Python", "О себе"],
            ["Денис", 2, 3, 4, 5, "Frontend, React"], ["Максим Сазонов", 1, None, 2, None, None],
            ["Саломе", None, 5, None, 3, None]]
    result = import_roster(write_xlsx(tmp_path / "ru.xlsx", rows, merges=("B2:E2",)), catalogue=catalogue)
    assert _targets(result)["Участник"] == "name" and _targets(result)["О себе"] == "extra"
    assert [p.name for p in result.people] == ["Денис", "Максим Сазонов", "Саломе"]
    new = {s.name: s.id for s in result.new_skills}
    assert set(new) == {"Информационная безопасность", "Экономика и презентация", "Управление проектами"}
    assert len(set(new.values())) == 3  # three skills, never folded into one
    denis = result.people[0]
    assert len(denis.skills) == 4 and denis.skills["python"].level == 5
    assert denis.skills[new["Управление проектами"]].source_value == "4"


def test_a_staff_count_line_under_the_register_is_no_person(tmp_path, catalogue):
    rows = [["Registre du personnel"], ["EmployeID", "Nom", "Poste", "DateDépart", "Statut"],
            [1, "Nguyen", "Comptable", None, "Actif"], [2, "Wilson", "Comptable", datetime(2023, 1, 8), "Sorti"],
            [3, "Ward", "Data Analyst", None, "Actif"], ["Effectif actif", 2], ["Zusammen", 3]]
    result = import_roster(write_xlsx(tmp_path / "registre.xlsx", rows), catalogue=catalogue)
    assert [p.name for p in result.people] == ["Nguyen", "Wilson", "Ward"]
    assert [p.available for p in result.people] == [True, False, True]
    assert [(s.row, s.reason) for s in result.skipped] == [
        (6, "looks like a totals/summary row; not imported"),
        (7, "a nearly empty row whose name is a number ('3'): a count or total line, not a person")]


def test_a_workbook_whose_chosen_sheet_has_no_skills_names_its_other_sheets(tmp_path, catalogue):
    wb = openpyxl.Workbook()
    people = wb.active
    people.title = "Employees"
    for row in (["employee_id", "first_name", "last_name", "employment_status"], [1001, "Dana", "Carr", "Active"],
                [1002, "Stef", "Dobs", "On Leave"]):
        people.append(row)
    matrix = wb.create_sheet("Skills matrix")
    for row in (["employee_id", "Python", "SQL"], [1001, "Expert", "Beginner"], [1002, None, "Advanced"]):
        matrix.append(row)
    wb.save(tmp_path / "staffing.xlsx")
    result = import_roster(tmp_path / "staffing.xlsx", catalogue=catalogue, sheet="Employees")
    (note,) = [w for w in result.warnings if "no skills were read" in w.reason]
    assert "this workbook has other sheets ('Skills matrix'): pick the one with skills" in note.reason
    assert [p.available for p in result.people] == [True, False]
    skills = import_roster(tmp_path / "staffing.xlsx", catalogue=catalogue, sheet="Skills matrix")
    assert {k: v.level for k, v in skills.people[0].skills.items()} == {"python": 5, "sql": 2}


def test_a_question_never_offers_first_a_column_whose_header_names_another_field(tmp_path, catalogue):
    rows = ["Emp ID;Worker;Operation;Project;Eff"]
    codes = iter(range(11, 40))
    rows += [f"OP{p};Operator {p};{op};{next(codes)};{2 + (p + k) % 2}" for p in range(4)
             for k, op in enumerate(["Pressing", "Hemming", "Packing"])]
    path = write_text(tmp_path / "ops.csv", "\n".join(rows) + "\n")
    with pytest.raises(UnsureColumnsError) as asked:
        import_roster(path, catalogue=catalogue)
    columns = asked.value.mapping.columns
    assert (columns["Operation"].target, columns["Eff"].target) == ("skill_name", "skill_level")
    assert columns["Project"].target != "skill_level"  # project codes (11, 12 …) are no levels, whatever they vary


def test_people_left_unrated_in_a_skills_matrix_are_counted_in_a_warning(tmp_path, catalogue):
    rows = [["Name", "Python", "SQL"], ["Денис", 2, 5], ["Максим Сазонов", None, None], ["Саломе", None, None]]
    result = import_roster(write_xlsx(tmp_path / "m.xlsx", rows), catalogue=catalogue)
    assert [len(p.skills) for p in result.people] == [2, 0, 0]
    (note,) = [w for w in result.warnings if "no level in any skill column" in w.reason]
    assert note.reason.startswith("2 of 3 people have no level in any skill column (rows 3, 4)")


def test_a_column_that_differs_per_skill_row_of_a_long_file_is_left_out_with_the_reason(tmp_path, catalogue):
    # years per skill are about each skill row, not the person: keeping the first row's '0' as the person's
    # years (with a warning per row) stored a wrong fact; the column is left out, said once, no row warnings
    rows = ["employee_id,skill_name,proficiency_level,years_of_experience"]
    rows += [f"{1000 + p},{skill},Advanced,{p + k}" for p in range(3) for k, skill in
             enumerate(["Python", "SQL", "Kubernetes"])]
    result = import_roster(write_text(tmp_path / "long.csv", "\n".join(rows) + "\n"), catalogue=catalogue)
    assert not [w for w in result.warnings if w.column == "years_of_experience"]
    column = result.mapping.columns["years_of_experience"]
    assert column.target == "ignore"
    assert column.reason.startswith("one row per person and skill; the value changes from row to row for the same "
                                    "person ('0', '1', '2' …)")
    assert all("years_of_experience" not in p.extra for p in result.people)
    assert [len(p.skills) for p in result.people] == [3, 3, 3]
