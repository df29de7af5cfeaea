"""The round trip: approvers edit the exported workbook; read_decisions turns it into decisions or problems."""
from __future__ import annotations

import json

import openpyxl
import pytest

from app.cli import main
from app.domain import Exclusion, Pin, SourcingLimit, TrainingRejection
from app.errors import UnreadableFileError
from app.export import read_decisions, write_plan_workbook
from app.export.decisions import parse_fte
from tests.app.export.edits import cell, col, row_of, set_cell


def _resort_descending(ws, first: int = 5) -> None:
    """Re-sorts the data rows by person id, descending, as an approver clicking the filter button would."""
    rows = [[(c.value, c.data_type) for c in r] for r in ws.iter_rows(min_row=first)]
    rows.sort(key=lambda r: str(r[0][0]), reverse=True)
    for i, values in enumerate(rows, start=first):
        for j, (value, kind) in enumerate(values, start=1):
            target = ws.cell(row=i, column=j, value=value)
            if kind == "s" and value is not None:
                target.data_type = "s"  # text that looks like a formula stays text, as in a spreadsheet program


@pytest.fixture
def edited(report, tmp_path):
    """An exported workbook edited like approvers do; returns (path, report)."""
    path = write_plan_workbook(report, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Assignments"]
    set_cell(ws, "E100", "Approval", "Approved")
    set_cell(ws, "E205", "Approval", "Rejected")
    set_cell(ws, "E205", "Comment", "Chloé stays on fraud-scoring")
    set_cell(ws, "E310", "FTE", 0.8)  # FTE edited, still Proposed
    set_cell(ws, "E311", "FTE", "lots")  # garbage in an FTE cell
    _resort_descending(ws)
    ws.insert_cols(3)  # an approver's own column
    ws.cell(4, 3, "Notes from HR")
    ws.cell(20, 1, "Check with finance")  # a stray note below the table
    hiring = wb["Hiring"]
    set_cell(hiring, "Contract", "Approval", "Rejected", key_header="Hire or contract")
    set_cell(hiring, "Hire", "Approval", "approved ", key_header="Hire or contract")  # typed by hand
    skills = wb["Upskilling"]
    set_cell(skills, "E100", "Approval", "Rejected")
    set_cell(skills, "E100", "Comment", "no budget for the academy")
    wb.save(path)
    return path, report


def test_round_trip_gives_exact_pins_exclusions_and_rejections(edited):
    path, report = edited
    result = read_decisions(path, report_or_plan=report)
    assert sorted(result.pins, key=lambda p: p.person_id) == [
        Pin(person_id="E100", initiative="claims-ai", role="data_scientist", fte=0.6, source="approver"),
        Pin(person_id="E310", initiative="claims-ai", role="data_engineer", fte=0.8,
            comment="Chloé stays on fraud-scoring", source="approver")]
    assert result.exclusions == [Exclusion(person_id="E205", initiative="claims-ai",
                                           reason="Chloé stays on fraud-scoring")]
    assert result.sourcing_limits == [SourcingLimit(initiative="claims-ai", role="ai_risk_officer", kind="contract",
                                                    max_fte=0, reason="rejected by an approver")]
    assert result.rejected_trainings == [TrainingRejection(person_id="E100", skill="model_monitoring",
                                                           reason="no budget for the academy")]
    assert [(a.subject, a.role) for a in result.approvals] == [("hire", "mlops_engineer")]
    problems = [(p.sheet, p.column, p.value) for p in result.problems]
    assert problems == [("Assignments", "FTE", "lots"), ("Assignments", None, "Check with finance")]
    assert not result.deleted and not result.complete


def test_round_trip_reports_every_cell_it_could_not_use(edited):
    path, report = edited
    result = read_decisions(path, report_or_plan=report)
    problems = {(p.sheet, p.column, p.value): p for p in result.problems}
    fte = problems[("Assignments", "FTE", "lots")]
    assert fte.row == row_of(openpyxl.load_workbook(path)["Assignments"], "E311")
    assert "not a number; kept the plan's 0.4" in fte.reason
    actions = sorted((c.sheet, c.action) for c in result.changes)
    assert actions == [("Assignments", "approved"), ("Assignments", "fte_edited"), ("Assignments", "rejected"),
                       ("Hiring", "approved"), ("Hiring", "rejected"), ("Upskilling", "rejected")]
    assert result.unchanged == 1  # Dev Patel's training
    # what the CLI and the window's dialog print: people and roles by name, never an employee id, role or skill id
    rejected = sorted(c.text for c in result.changes if c.action == "rejected")
    assert all(not any(i in text for i in ("E100", "E205", "ai_risk_officer", "model_monitoring", "claims-ai /"))
               for text in rejected), rejected
    assert any(t.endswith(": the re-plan leaves this person out of that initiative (Chloé stays on fraud-scoring)")
               for t in rejected), rejected
    assert any(": the re-plan may not rely on this training (no budget for the academy)" in t for t in rejected)
    assert any(": no contractor for this role in the re-plan" in t for t in rejected), rejected


def test_the_manifest_alone_is_enough(edited):
    path, report = edited
    with_plan = read_decisions(path, report_or_plan=report.plan)
    without = read_decisions(path)
    for field in ("pins", "exclusions", "sourcing_limits", "rejected_trainings", "deleted", "problems"):
        assert getattr(without, field) == getattr(with_plan, field), field


def test_untouched_workbook_changes_nothing(report, tmp_path):
    result = read_decisions(write_plan_workbook(report, tmp_path / "p.xlsx"))
    assert not (result.pins or result.exclusions or result.sourcing_limits or result.rejected_trainings
                or result.approvals or result.problems or result.deleted)
    assert result.unchanged == 8 and result.complete


def test_hire_fte_lowered_is_a_limit_raised_is_a_problem(report, tmp_path):
    path = write_plan_workbook(report, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    hiring = wb["Hiring"]
    set_cell(hiring, "Hire", "FTE", "50%", key_header="Hire or contract")
    set_cell(hiring, "Contract", "FTE", 2, key_header="Hire or contract")
    wb.save(path)
    result = read_decisions(path)
    assert [(s.role, s.kind, s.max_fte) for s in result.sourcing_limits] == [("mlops_engineer", "hire", 0.5)]
    (problem,) = result.problems
    assert problem.column == "FTE" and "more than the plan's 0.5 FTE cannot be forced" in problem.reason


def test_deleted_row_is_reported_and_leaves_the_result_incomplete(report, tmp_path):
    path = write_plan_workbook(report, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    skills = wb["Upskilling"]
    skills.delete_rows(row_of(skills, "E310"))
    wb.save(path)
    result = read_decisions(path)
    assert [(d.sheet, d.key) for d in result.deleted] == [("Upskilling", "T:E310|data_contracts|claims-ai|data_engineer")]
    assert not result.complete
    assert any("comes back in a re-plan; mark it Rejected" in line for line in result.summary_lines())


@pytest.mark.parametrize(("sheet", "who", "header", "value"), [
    ("Assignments", "E100", "Person ID", "E400"),
    ("Assignments", "E100", "Name", "Eva Nowak"),
    ("Assignments", "E100", "New role", "MLOps engineer"),
    ("Upskilling", "E100", "Skill", "Data contracts"),
])
def test_a_changed_identity_is_reported_and_the_row_not_applied(report, tmp_path, sheet, who, header, value):
    path = write_plan_workbook(report, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    set_cell(ws, who, "Approval", "Approved")
    set_cell(ws, who, header, value)
    wb.save(path)
    for result in (read_decisions(path), read_decisions(path, report_or_plan=report)):
        assert not result.pins and not result.approvals
        (problem,) = result.problems
        assert (problem.sheet, problem.column, problem.value) == (sheet, header, value)
        assert "approval, rejection and FTE were not applied" in problem.reason


def test_hire_turned_into_contract_and_an_edited_cost_are_reported(report, tmp_path):
    path = write_plan_workbook(report, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    hiring = wb["Hiring"]
    set_cell(hiring, "Contract", "Cost", 10000, key_header="Hire or contract")
    set_cell(hiring, "Hire", "Approval", "Approved", key_header="Hire or contract")
    set_cell(hiring, "Hire", "Hire or contract", "Contract", key_header="Hire or contract")
    wb.save(path)
    result = read_decisions(path)
    reasons = {p.column: p.reason for p in result.problems}
    assert "cannot turn one into the other" in reasons["Hire or contract"]
    assert "an edited cost is not applied" in reasons["Cost"] and "42,250" in reasons["Cost"]
    assert not result.approvals and not result.sourcing_limits


def test_rows_from_another_plan_and_duplicates_are_reported(report, tmp_path):
    path = write_plan_workbook(report, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Assignments"]
    key = col(ws, "Phasegate key")
    ws.cell(5, key, "A:E999|other|role")
    ws.cell(7, key, ws.cell(6, key).value)
    wb.save(path)
    result = read_decisions(path)
    reasons = [p.reason for p in result.problems]
    assert any("not in this plan" in r for r in reasons) and any("same decision as row 6" in r for r in reasons)
    assert len(result.deleted) == 2 and not result.complete  # the rows overwritten are gone


def test_a_renamed_sheet_is_still_read(report, tmp_path):
    path = write_plan_workbook(report, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    set_cell(wb["Hiring"], "Contract", "Approval", "Rejected", key_header="Hire or contract")
    wb["Hiring"].title = "Hires for Q3"
    wb.save(path)
    result = read_decisions(path)
    assert [s.kind for s in result.sourcing_limits] == ["contract"]
    assert result.notes == ["sheet 'Hiring' was renamed 'Hires for Q3'; its decisions were read from there"]
    assert result.complete


def test_a_copied_sheet_and_a_missing_one_are_problems(report, tmp_path):
    path = write_plan_workbook(report, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.copy_worksheet(wb["Upskilling"]).title = "Upskilling (2)"
    del wb["Hiring"]
    wb.save(path)
    result = read_decisions(path)
    reasons = {p.sheet: p.reason for p in result.problems}
    assert "also holds decision rows" in reasons["Upskilling (2)"]
    assert reasons["Hiring"] == "sheet is missing, so its 2 decision row(s) were not read"
    assert not result.complete


def test_an_unhidden_manifest_still_works_and_an_edited_one_is_caught(report, tmp_path):
    path = write_plan_workbook(report, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    manifest = wb["_phasegate"]
    manifest.sheet_state = "visible"
    wb.save(path)
    assert read_decisions(path).complete
    fte_col = [c.value for c in manifest[1]].index("fte") + 1
    row = next(r for r in range(2, manifest.max_row + 1) if manifest.cell(r, 1).value == "A:E310|claims-ai|data_engineer")
    manifest.cell(row, fte_col, 0.8)  # so that an approver's 0.8 would look unchanged
    set_cell(wb["Assignments"], "E310", "FTE", 0.8)
    wb.save(path)
    result = read_decisions(path)
    (problem,) = result.problems
    assert (problem.sheet, problem.row) == ("_phasegate", row) and "edited after export" in problem.reason
    assert result.pins == [] and not result.complete  # the FTE edit is not trusted to be one: reported, not pinned


def test_a_deleted_manifest_reads_rows_from_their_keys(report, tmp_path):
    path = write_plan_workbook(report, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb["_phasegate"]
    set_cell(wb["Assignments"], "E100", "Approval", "Approved")
    wb.save(path)
    result = read_decisions(path)
    assert result.pins == [Pin(person_id="E100", initiative="claims-ai", role="data_scientist", fte=0.6,
                               source="approver")]
    assert [p.sheet for p in result.problems] == ["_phasegate"] and not result.complete


def test_the_project_plan_is_used_when_the_workbook_came_from_it(report, tmp_path):
    path = write_plan_workbook(report, tmp_path / "p.xlsx")
    result = read_decisions(path, project_plan=report.plan)
    assert result.notes == ["the workbook was exported from the project's current plan; rows are read against it"]
    other = report.plan.model_copy(update={"created": report.plan.created.replace(year=2030)})
    assert read_decisions(path, project_plan=other).notes == []


def test_fte_cells_in_the_forms_people_type():
    assert [parse_fte(v) for v in (0.5, "0,5", "50%", " 1 ", "abc", True, "")] == [0.5, 0.5, 0.5, 1.0, None, None,
                                                                                   None]


def test_unreadable_files_are_one_line(tmp_path):
    bad = tmp_path / "notes.xlsx"
    bad.write_text("hello")
    with pytest.raises(UnreadableFileError, match="notes.xlsx: not an Excel workbook"):
        read_decisions(bad)
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(UnreadableFileError, match="password-protected"):
        read_decisions(encrypted)


def test_cli_prints_what_it_understood(edited, capsys):
    path, _ = edited
    assert main(["decisions", str(path)]) == 1  # two cells could not be used
    out = capsys.readouterr().out
    assert ("2 pins, 1 exclusion, 1 rejected hire or contract, 0 FTE limits on hiring, 1 rejected training, "
            "1 approved hire, contract or training, 0 deleted rows, 2 problems") in out
    assert "column 'FTE' ('lots')" in out
    assert main(["decisions", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["exclusions"][0]["person_id"] == "E205" and data["complete"] is False


def test_cli_unreadable_file_is_one_error_line_exit_2(tmp_path, capsys):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert main(["decisions", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: x.xlsx:")


def test_cell_helper_reads_by_header(report, tmp_path):
    ws = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "p.xlsx"))["Assignments"]
    assert cell(ws, "E205", "New role").value == "Site reliability engineer"
