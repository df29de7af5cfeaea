"""The approvers' workbook as openpyxl reads it back: sheets, tables, formats, drop-downs, formulas, safety."""
from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest

from app.domain import Plan, PlanStatus
from app.export import PlanReport, write_plan_workbook
from tests.app.export.conftest import INJECTED_NAME

SHEETS = ["Summary", "Assignments", "Upskilling", "Hiring", "Uncovered", "Gap matrix", "Timeline", "Calendar",
          "Roster snapshot", "Assumptions"]


@pytest.fixture
def book(report: PlanReport, tmp_path):
    path = write_plan_workbook(report, tmp_path / "plan.xlsx")
    return openpyxl.load_workbook(path)


def _header(ws, row: int = 3) -> list[str]:
    return [c.value for c in ws[row] if c.value is not None]


def _column(ws, header: str, row: int = 3) -> str:
    return next(c.column_letter for c in ws[row] if c.value == header)


def test_sheets_are_in_order_and_the_manifest_is_hidden(book):
    assert book.sheetnames[:-1] == SHEETS
    assert book.sheetnames[-1] == "_phasegate" and book["_phasegate"].sheet_state == "veryHidden"


def test_decision_sheet_headers(book):
    assert _header(book["Assignments"]) == [
        "Person ID", "Name", "Current role", "Current initiative", "Organisation", "Manager", "Cost center",
        "New initiative", "New role", "FTE", "Start", "Moved?", "Internal cost", "Reason", "Approval", "Comment",
        "Phasegate key"]
    assert _header(book["Upskilling"]) == [
        "Person ID", "Name", "Initiative", "Role", "Skill", "From level", "To level", "Weeks", "Cost",
        "Latest start", "Reason", "Approval", "Comment", "Phasegate key"]
    assert _header(book["Hiring"]) == [
        "Initiative", "Role", "Hire or contract", "FTE", "Heads", "Cost", "Lead time (weeks)", "Latest requisition",
        "Reason", "Approval", "Comment", "Phasegate key"]
    assert _header(book["Uncovered"]) == ["Initiative", "Role", "FTE", "Cause"]


def test_rows_show_the_plan_with_current_work_of_movers(book):
    ws = book["Assignments"]
    headers = _header(ws)
    rows = {r[0]: dict(zip(headers, r, strict=False)) for r in ws.iter_rows(min_row=4, values_only=True)}
    chloe = rows["E205"]
    assert [chloe[h] for h in ("Name", "Current role", "Current initiative", "Organisation", "Cost center",
                               "New initiative", "New role")] == [
        "Chloé Martin", "Site reliability engineer", "fraud-scoring (0.6 FTE, tentative)", "Data & AI", "CC-410",
        "claims-ai", "Site reliability engineer"]
    assert chloe["FTE"] == 0.5 and chloe["Start"] == datetime(2025, 3, 17) and chloe["Moved?"] == "Yes"
    assert chloe["Internal cost"] == 21000
    assert chloe["Approval"] == "Proposed" and chloe["Phasegate key"] == "A:E205|claims-ai|sre"
    hiring = list(book["Hiring"].iter_rows(min_row=4, values_only=True))
    assert [(r[2], r[3], r[4], r[5], r[6]) for r in hiring] == [("Hire", 1, 1, 61500, 12),
                                                                 ("Contract", 0.5, 1, 42250.5, 3)]


def test_native_tables_with_filters_and_frozen_headers(book):
    expected = {"Assignments": "A3:Q7", "Upskilling": "A3:N5", "Hiring": "A3:L5", "Uncovered": "A3:D5",
                "Roster snapshot": "A3:M9"}
    for sheet, ref in expected.items():
        ws = book[sheet]
        (table,) = ws.tables.values()
        assert table.ref == ref and table.autoFilter is not None and table.autoFilter.ref == ref
        assert [c.name for c in table.tableColumns] == _header(ws)
        assert ws.freeze_panes == "A4"
        assert ws.print_title_rows == "$3:$3"
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert set(book["Summary"].tables) == {"Initiatives", "Readiness"}
    assert set(book["Gap matrix"].tables) == {"GapMatrix", "GapDetail"}


def test_number_currency_percent_and_date_formats(book):
    ws = book["Upskilling"]
    assert ws["I4"].value == 6000 and ws["I4"].number_format == '"€"#,##0'
    assert ws["J4"].number_format == "yyyy-mm-dd" and ws["H4"].number_format == "0.0"
    assert book["Assignments"]["J4"].number_format == "0.00"
    summary = book["Summary"]
    readiness = next(r for r in summary.iter_rows() if r[0].value == "MLOps infrastructure absent")
    assert (readiness[1].value, readiness[2].value) == (0.2, 0.8)
    assert readiness[1].number_format == "0%"


def test_column_widths_fit_content_and_are_capped_and_the_key_is_hidden(book):
    ws = book["Assignments"]
    assert ws.column_dimensions[_column(ws, "Name")].width >= len("Chloé Martin")
    assert ws.column_dimensions[_column(ws, "Reason")].width <= 61
    assert ws.column_dimensions[_column(ws, "Phasegate key")].hidden


def test_approval_drop_down_covers_every_decision_row(book):
    for sheet, col, last in (("Assignments", "O", 7), ("Upskilling", "L", 5), ("Hiring", "J", 5)):
        (dv,) = book[sheet].data_validations.dataValidation
        assert dv.type == "list" and dv.formula1 == '"Proposed,Approved,Rejected"'
        assert str(dv.sqref) == f"{col}4:{col}{last}"
        assert [c.value for c in book[sheet][col][3:]] == ["Proposed"] * (last - 3)


def test_totals_are_formulas(book):
    assert book["Assignments"]["J2"].value == "=SUBTOTAL(109,J4:J7)"
    assert book["Assignments"]["M2"].value == "=SUBTOTAL(109,M4:M7)"
    assert book["Upskilling"]["I2"].value == "=SUBTOTAL(109,I4:I5)"
    assert [book["Hiring"][f"{c}2"].value for c in "DEF"] == [f"=SUBTOTAL(109,{c}4:{c}5)" for c in "DEF"]
    kpis = {r[0].value: r[1].value for r in book["Summary"].iter_rows() if r[0].value}
    assert kpis["Uncovered FTE"] == "=SUM('Uncovered'!$C$4:$C$5)"
    assert kpis["Hires (people)"] == '=SUMIF(\'Hiring\'!$C$4:$C$5,"Hire",\'Hiring\'!$E$4:$E$5)'
    assert kpis["Total cost"].startswith("=B") and kpis["Coverage"].startswith("=IF(")
    assert book.calculation.fullCalcOnLoad


def test_gap_matrix_has_a_colour_scale(book):
    ws = book["Gap matrix"]
    assert _header(ws) == ["Role", "Failure modes", "Model monitoring", "Data contracts", "AI/model risk management"]
    (rng,) = list(ws.conditional_formatting)
    assert str(rng.sqref) == "C4:E6" and rng.rules[0].type == "colorScale"
    mlops = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "MLOps engineer")
    assert mlops[2:5] == (2, 0, None)


def test_injected_formulas_are_stored_as_text(book):
    ws = book["Assignments"]
    cell = next(r[1] for r in ws.iter_rows(min_row=4) if r[0].value == "E311")
    assert cell.value == INJECTED_NAME and cell.data_type == "s" and cell.quotePrefix
    title = next(r[2] for r in book["Roster snapshot"].iter_rows(min_row=4) if r[0].value == "E311")
    assert title.value.startswith("+cmd") and title.data_type == "s"
    reason = next(r[_header(ws).index("Reason")] for r in ws.iter_rows(min_row=4) if r[0].value == "E311")
    assert reason.value == "-only change manager in the pool" and reason.data_type == "s"


def test_assumptions_record_policy_templates_solver_and_input(book):
    ws = book["Assumptions"]
    items = {(r[0], r[1]): r[2] for r in ws.iter_rows(min_row=4, values_only=True) if r[0]}
    assert items[("Policy: claims-ai", "Max hires")] == 2
    assert items[("Templates", "Production: Production")] == "version 3"
    assert items[("Solver", "Status")] == "feasible"
    assert items[("Input", "File")] == "workday_export_2025-02.xlsx" and items[("Input", "SHA-256")] == "ab" * 32
    assert items[("Run", "Phasegate version")] == "0.1.0"
    rows = list(ws.iter_rows(values_only=True))
    assert ("cost", 231750.5, 225000, 0.0291, "No", "money over the planning horizon") in rows
    assert ("uncovered", 75, 75, 0, "Yes", "0.75 FTE uncovered; Value is a weighted score (criticality × priority)"
            ) in rows
    assert ("disruption", 3, 3, 0, "Yes", "3 people moved; Value is a disruption score") in rows


def test_an_empty_plan_still_exports(tmp_path):
    report = PlanReport(plan=Plan(status=PlanStatus.NO_PLAN))
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "empty.xlsx"))
    assert book["Assignments"]["A2"].value == "None in this plan."
    assert not book["Assignments"].tables and not book["Assignments"].data_validations.dataValidation


def test_unwritable_target_is_one_clear_error(report, tmp_path):
    from app.errors import PhasegateError

    with pytest.raises(PhasegateError, match="cannot write the workbook"):
        write_plan_workbook(report, tmp_path / "missing-dir" / "plan.xlsx")
