"""The round trip: approvers edit the exported workbook; read_decisions turns it into pins, exclusions, hints."""
from __future__ import annotations

import json

import openpyxl
import pytest

from app.cli import main
from app.domain import Exclusion, Pin
from app.errors import UnreadableFileError
from app.export import read_decisions, write_plan_workbook
from app.export.decisions import parse_fte


def _row_of(ws, person_id: str) -> int:
    return next(c.row for c in ws["A"] if c.value == person_id)


def _resort_descending(ws, first: int = 4) -> None:
    """Re-sorts the data rows by person id, descending, as an approver clicking the filter button would."""
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=first)]
    rows.sort(key=lambda r: str(r[0]), reverse=True)
    for i, values in enumerate(rows, start=first):
        for j, value in enumerate(values, start=1):
            ws.cell(row=i, column=j, value=value)


@pytest.fixture
def edited(report, tmp_path):
    """An exported workbook edited like approvers do; returns (path, report)."""
    path = write_plan_workbook(report, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Assignments"]
    ws.cell(_row_of(ws, "E100"), 11, "Approved")
    ws.cell(_row_of(ws, "E205"), 11, "Rejected")
    ws.cell(_row_of(ws, "E205"), 12, "Chloé stays on fraud-scoring")
    ws.cell(_row_of(ws, "E310"), 7, 0.8)  # FTE edited, still Proposed
    ws.cell(_row_of(ws, "E311"), 7, "lots")  # garbage in an FTE cell
    _resort_descending(ws)
    ws.insert_cols(3)  # an approver's own column
    ws.cell(3, 3, "Notes from HR")
    ws.cell(20, 1, "Check with finance")  # a stray note below the table
    hiring = wb["Hiring"]
    hiring["J5"] = "Rejected"  # the contract
    hiring["J4"] = "approved "  # the hire, typed by hand
    skills = wb["Upskilling"]
    skills.delete_rows(5)  # Dev Patel's training row deleted
    skills["L4"] = "Maybe"
    skills["M4"] = "ask the academy"
    wb.save(path)
    return path, report


def test_round_trip_gives_exact_pins_exclusions_and_hints(edited):
    path, report = edited
    result = read_decisions(path, report_or_plan=report)
    assert sorted(result.pins, key=lambda p: p.person_id) == [Pin(person_id="E100", initiative="claims-ai", role="data_scientist", fte=0.6),
                           Pin(person_id="E310", initiative="claims-ai", role="data_engineer", fte=0.8)]
    assert result.exclusions == [Exclusion(person_id="E205", initiative="claims-ai",
                                           reason="Chloé stays on fraud-scoring")]
    hints = {(h.subject, h.decision, h.role) for h in result.policy_hints}
    assert hints == {("hire", "approved", "mlops_engineer"), ("contract", "rejected", "ai_risk_officer")}
    rejected = next(h for h in result.policy_hints if h.decision == "rejected")
    assert rejected.text == "no contractor for role ai_risk_officer in claims-ai"
    assert [(d.sheet, d.key) for d in result.deleted] == [("Upskilling", "T:E310|data_contracts|claims-ai|data_engineer")]


def test_round_trip_reports_every_cell_it_could_not_use(edited):
    path, report = edited
    result = read_decisions(path, report_or_plan=report)
    problems = {(p.sheet, p.column, p.value): p for p in result.problems}
    fte = problems[("Assignments", "FTE", "lots")]
    assert fte.row == _row_of(openpyxl.load_workbook(path)["Assignments"], "E311")
    assert "not a number; kept the plan's 0.4" in fte.reason
    assert ("Assignments", None, "Check with finance") in problems
    assert "Proposed, Approved or Rejected" in problems[("Upskilling", "Approval", "Maybe")].reason
    assert len(result.problems) == 3
    actions = sorted((c.sheet, c.action) for c in result.changes)
    assert actions == [("Assignments", "approved"), ("Assignments", "fte_edited"), ("Assignments", "rejected"),
                       ("Hiring", "approved"), ("Hiring", "rejected"), ("Upskilling", "commented")]
    assert result.unchanged == 0


def test_the_manifest_alone_is_enough(edited):
    path, report = edited
    with_plan = read_decisions(path, report_or_plan=report.plan)
    without = read_decisions(path)
    assert without.pins == with_plan.pins and without.exclusions == with_plan.exclusions
    assert without.deleted == with_plan.deleted and without.problems == with_plan.problems


def test_untouched_workbook_changes_nothing(report, tmp_path):
    result = read_decisions(write_plan_workbook(report, tmp_path / "p.xlsx"))
    assert not (result.pins or result.exclusions or result.policy_hints or result.problems or result.deleted)
    assert result.unchanged == 8


def test_rows_from_another_plan_and_duplicates_are_reported(report, tmp_path):
    path = write_plan_workbook(report, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Assignments"]
    ws["M4"] = "A:E999|other|role"
    ws["M6"] = ws["M5"].value
    wb.save(path)
    reasons = [p.reason for p in read_decisions(path).problems]
    assert any("not in this plan" in r for r in reasons) and any("same decision as row 5" in r for r in reasons)


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
    assert main(["decisions", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 pin(s), 1 exclusion(s), 2 policy hint(s), 1 deleted row(s), 3 problem(s)" in out
    assert "column 'FTE' ('lots')" in out
    assert main(["decisions", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["exclusions"][0]["person_id"] == "E205"


def test_cli_unreadable_file_is_one_error_line_exit_2(tmp_path, capsys):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert main(["decisions", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: x.xlsx:")
