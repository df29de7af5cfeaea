"""The approvers' workbook as openpyxl reads it back: sheets, tables, formats, drop-downs, formulas, print, safety."""
from __future__ import annotations

import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from app.domain import Commitment, Plan, PlanStatus
from app.export import PlanReport, write_plan_workbook
from app.planning.words.numbers import day
from tests.app.export.conftest import INJECTED_NAME
from tests.app.export.edits import col

SHEETS = ["Summary", "Assignments", "Upskilling", "Hiring", "Team changes", "Uncovered", "Gap matrix", "Gap details",
          "Timeline", "Calendar", "Roster snapshot", "Assumptions"]
LISTS = ["Assignments", "Upskilling", "Hiring", "Team changes", "Uncovered", "Gap details", "Roster snapshot"]


@pytest.fixture
def book(report: PlanReport, tmp_path):
    path = write_plan_workbook(report, tmp_path / "plan.xlsx")
    return openpyxl.load_workbook(path)


@pytest.fixture
def values(report: PlanReport, tmp_path):
    """The same workbook read as a viewer that does not recalculate sees it (the values saved with formulas)."""
    return openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "plan.xlsx"), data_only=True)


def _header(ws, row: int = 4) -> list[str]:
    return [c.value for c in ws[row] if c.value is not None]


def _rows(ws) -> dict[str, dict[str, object]]:
    headers = _header(ws)
    return {r[0]: dict(zip(headers, r, strict=False)) for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}


def _kpis(ws) -> dict[str, object]:
    return {r[0].value: r[1].value for r in ws.iter_rows() if isinstance(r[0].value, str)}


def test_sheets_are_in_order_and_the_manifest_is_hidden(book):
    assert book.sheetnames[:-1] == SHEETS
    assert book.sheetnames[-1] == "_phasegate" and book["_phasegate"].sheet_state == "veryHidden"


def test_decision_sheet_headers(book):
    assert _header(book["Assignments"]) == [
        "Person ID", "Name", "Currently", "Organisation", "Manager", "Cost center", "New initiative", "New role", "FTE",
        "Start", "Moved?", "Internal cost", "Reason", "Approval", "Comment", "Phasegate key"]
    assert _header(book["Upskilling"]) == [
        "Person ID", "Name", "Initiative", "Role", "Skill", "From level", "To level", "Weeks", "Cost",
        "Latest start", "Reason", "Approval", "Comment", "Phasegate key"]
    assert _header(book["Hiring"]) == [
        "Initiative", "Role", "Hire or contract", "FTE", "Heads", "Cost", "Lead time (weeks)", "Latest requisition",
        "Reason", "Approval", "Comment", "Phasegate key"]
    assert _header(book["Uncovered"]) == ["Initiative", "Role", "FTE", "Cause"]


def test_rows_show_the_plan_with_current_work_and_hr_context_of_movers(book):
    chloe = _rows(book["Assignments"])["E205"]
    assert [chloe[h] for h in ("Name", "Currently", "Organisation", "Cost center", "New initiative", "New role")] == [
        "Chloé Martin", "Site reliability engineer on fraud-scoring (0.6 FTE, tentative)", "Data & AI", "CC-410",
        "Claims triage AI", "Site reliability engineer"]
    assert chloe["FTE"] == 0.5 and chloe["Start"] == datetime(2025, 3, 17) and chloe["Moved?"] == "Yes"
    assert chloe["Internal cost"] == 21000
    assert chloe["Approval"] == "Proposed" and chloe["Phasegate key"] == "A:E205|claims-ai|sre"
    hiring = list(book["Hiring"].iter_rows(min_row=5, values_only=True))
    assert [(r[2], r[3], r[4], r[5], r[6]) for r in hiring] == [("Hire", 1, 1, 61500, 12),
                                                                 ("Contract", 0.5, 1, 42250.5, 3)]


def test_released_people_and_backfills_are_named_with_their_manager(book):
    changes = [dict(zip(_header(book["Team changes"]), r, strict=False))
               for r in book["Team changes"].iter_rows(min_row=5, values_only=True)]
    bruno = next(c for c in changes if c["Person ID"] == "E101")
    assert (bruno["Change"], bruno["FTE committed"], bruno["FTE in the plan"], bruno["Name"]) == (
        "released", 0.8, 0, "Bruno Keller")
    # whoever finds the released a new home needs their organisation and cost center, not only their manager
    assert (bruno["Organisation"], bruno["Cost center"], bruno["Committed when"]) == ("Data & AI", "CC-410",
                                                                                      "no dates")
    assert "Manager" in bruno
    chloe = next(c for c in changes if c["Person ID"] == "E205")
    assert chloe["Change"] == "joins" and chloe["Backfill needed"] == \
        "fraud-scoring loses about 0.1 FTE (tentative work displaced)"


def test_the_roster_snapshot_lists_only_the_people_the_plan_touches(report, tmp_path, book):
    ids = [r[0] for r in book["Roster snapshot"].iter_rows(min_row=5, values_only=True)]
    assert sorted(ids) == ["E100", "E205", "E310", "E311"]  # Bruno (released: Team changes) and Eva are not
    assert book["Roster snapshot"]["A1"].value == ("Roster snapshot: the 4 people the plan places or trains (of 6 "
                                                   "in the roster)")
    full = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "full.xlsx", full_roster=True))
    assert len(list(full["Roster snapshot"].iter_rows(min_row=5))) == 6


def test_native_tables_with_filters_frozen_headers_and_print_setup(book):
    expected = {"Assignments": "A4:P8", "Upskilling": "A4:N6", "Hiring": "A4:L6", "Uncovered": "A4:D6",
                "Roster snapshot": "A4:M8", "Team changes": "A4:K9", "Gap details": "A4:H8"}
    for sheet, ref in expected.items():
        ws = book[sheet]
        (table,) = ws.tables.values()
        assert table.ref == ref and table.autoFilter is not None
        assert [c.name for c in table.tableColumns] == _header(ws)
        assert ws.freeze_panes == "A5"
        assert ws.print_title_rows == "$4:$4"
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth in (None, 1)  # 1: the default
        assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert book["Summary"].page_setup.orientation == "portrait"
    assert set(book["Summary"].tables) == {"Readiness"}


def test_every_sheet_has_a_header_footer_and_a_width_on_every_printed_column(book):
    for name in SHEETS:
        ws = book[name]
        assert ws.oddHeader.left.text.startswith("Staffing plan: Claims triage AI"), name
        assert ws.oddHeader.right.text.endswith("Confidential — contains pay"), name
        assert ws.oddFooter.center.text == "Page &P of &N" and ws.oddFooter.right.text == "&A", name
        area = ws.print_area if isinstance(ws.print_area, str) else ws.print_area[0]
        last = openpyxl.utils.column_index_from_string(area.split(":")[-1].lstrip("$").rstrip("0123456789$"))
        widths = {i: d.width for d in ws.column_dimensions.values() for i in range(d.min, d.max + 1) if d.width}
        for index in range(1, last + 1):
            assert widths.get(index, 0) > 3, f"{name}!{openpyxl.utils.get_column_letter(index)} has no width"


def test_the_copy_without_pay_says_so_in_its_header(report, tmp_path):
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "nopay.xlsx", include_pay=False))
    assert all(book[name].oddHeader.right.text == "Pay left out of this copy" for name in SHEETS)


def test_reasons_wrap_and_their_rows_are_tall_enough(book):
    ws = book["Assignments"]
    reason = col(ws, "Reason")
    assert all(ws.cell(r, reason).alignment.wrap_text for r in range(5, 9))
    width = ws.column_dimensions[openpyxl.utils.get_column_letter(reason)].width
    assert 30 <= width <= 40


def test_number_currency_percent_and_date_formats(book):
    ws = book["Upskilling"]
    assert ws["I5"].value == 6000 and ws["I5"].number_format == '"€"#,##0'
    assert ws["J5"].number_format == "d mmm yyyy" and ws["H5"].number_format == "0.0"
    assert book["Assignments"]["I5"].number_format == "0.00"
    summary = book["Summary"]
    readiness = next(r for r in summary.iter_rows() if r[0].value == "MLOps infrastructure absent")
    assert (readiness[1].value, readiness[2].value) == (0.2, 0.8)
    assert readiness[1].number_format == "0%"


def test_column_widths_fit_content_and_are_capped_and_the_key_is_hidden(book):
    ws = book["Assignments"]
    letter = openpyxl.utils.get_column_letter
    assert ws.column_dimensions[letter(col(ws, "Person ID"))].width >= len("Person ID")
    assert ws.column_dimensions[letter(col(ws, "Reason"))].width <= 40
    assert ws.column_dimensions[letter(col(ws, "Phasegate key"))].hidden


def test_approval_drop_down_covers_every_decision_row(book):
    for sheet, last in (("Assignments", 8), ("Upskilling", 6), ("Hiring", 6)):
        ws = book[sheet]
        letter = openpyxl.utils.get_column_letter(col(ws, "Approval"))
        (dv,) = ws.data_validations.dataValidation
        assert dv.type == "list" and dv.formula1 == '"Proposed,Approved,Rejected"'
        assert str(dv.sqref) == f"{letter}5:{letter}{last}"
        assert [c.value for c in ws[letter][4:]] == ["Proposed"] * (last - 4)


def test_totals_are_formulas_that_follow_filters_and_the_approval_column(book):
    ws = book["Assignments"]
    assert ws["I2"].value == "=SUBTOTAL(109,I5:I8)" and ws["L2"].value == "=SUBTOTAL(109,L5:L8)"
    assert ws["I3"].value == '=SUMIFS(I5:I8,N5:N8,"Approved")'
    assert book["Upskilling"]["I2"].value == "=SUBTOTAL(109,I5:I8)".replace("I8", "I6")
    assert [book["Hiring"][f"{c}2"].value for c in "DEF"] == [f"=SUBTOTAL(109,{c}5:{c}6)" for c in "DEF"]
    kpis = _kpis(book["Summary"])
    assert kpis["Uncovered FTE"] == "=SUM('Uncovered'!$C$5:$C$6)"
    assert kpis["Hires (people)"] == '=SUMIF(\'Hiring\'!$C$5:$C$6,"Hire",\'Hiring\'!$E$5:$E$6)'
    assert kpis["Total cost"].startswith("=B") and kpis["Coverage"].startswith("=IF(")
    assert book.calculation.fullCalcOnLoad


def test_formulas_are_saved_with_their_values(values, report):
    plan = report.plan
    kpis = _kpis(values["Summary"])
    assert kpis["Total cost"] == pytest.approx(plan.total_cost)
    assert kpis["Uncovered FTE"] == pytest.approx(plan.uncovered_fte)
    assert kpis["Coverage"] == pytest.approx(plan.coverage)
    assert kpis["Hires (people)"] == 1 and kpis["Contractors (people)"] == 1
    assert values["Assignments"]["I2"].value == pytest.approx(2.5) and values["Assignments"]["I3"].value == 0
    assert values["Hiring"]["F2"].value == pytest.approx(103750.5)
    plan_cost = next(r for r in values["Summary"].iter_rows(values_only=True) if r[0] == "Claims triage AI"
                     and isinstance(r[3], float | int))
    assert plan_cost[3] == pytest.approx(105000 + 18000 + 103750.5) and plan_cost[4] == 0
    assert plan_cost[6] == pytest.approx(250000 - 226750.5)


def test_page_one_states_the_ask(values):
    text = [r[0] for r in values["Summary"].iter_rows(values_only=True) if isinstance(r[0], str)]
    assert "What you are asked to approve" in text
    assert "Decide by 10 Mar 2025: the requisition for MLOps engineer (Claims triage AI) must open then." in text
    assert "Requisitions due in the next two weeks (by 6 Mar 2025)" in text
    assert "Cost over the 26-week horizon (to 21 Aug 2025) against budget" in text
    assert "Permanent hires' run-rate (1 head), a year" in text
    assert "Headcount: people on each initiative before and after the plan" in text
    rows = {r[0]: r for r in values["Summary"].iter_rows(values_only=True) if r[0]}
    assert rows["Permanent hires' run-rate (1 head), a year"][3] == 119600
    assert rows["Assignments (people placed)"][1:5] == (4, 4, 2.5, 105000)
    risks = [r[0] for r in values["Summary"].iter_rows(values_only=True) if r[0] in (
        "Relies on contractors", "Uncovered", "Training with no slack", "Split across initiatives")]
    assert risks == ["Relies on contractors", "Uncovered", "Uncovered"]


def test_page_one_notes_wrap_across_the_page_not_into_the_next_line(book):
    """A one-cell note wraps inside its first column and prints over the heading below it; notes span the table."""
    ws = book["Summary"]
    (row,) = [c.row for c in ws["A"] if c.value == "None: no requisition has to open before then."]
    assert f"A{row}:H{row}" in {str(r) for r in ws.merged_cells.ranges}  # page 1 is eight columns wide


def test_requisitions_due_soon_are_listed_and_highlighted(report, tmp_path):
    report.generated = report.generated.replace(day=28)  # the MLOps requisition (2025-03-10) is now due
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "due.xlsx"))
    rows = [r for r in book["Summary"].iter_rows() if r[0].value == "Claims triage AI / MLOps engineer"]
    assert rows and rows[0][0].fill.fgColor.rgb.endswith("FCE4D6")
    (rule,) = [r for rng in book["Hiring"].conditional_formatting for r in rng.rules]
    assert rule.formula == ['AND($H5<>"",$H5<=DATE(2025,3,14))']


def test_gap_matrix_is_split_by_failure_mode(book):
    ws = book["Gap matrix"]
    sections = [r[0].value for r in ws.iter_rows() if r[0].font.b and r[0].font.sz == 12]
    assert sections == ["MLOps infrastructure absent", "Governance pathway absent", "Data dependency underestimated"]
    mlops = [r for r in ws.iter_rows(values_only=True) if r[0] == "MLOps engineer"]
    assert mlops[0][1] == 2  # model monitoring gap, in the MLOps block
    assert ws.page_setup.fitToWidth in (None, 1) and ws.sheet_properties.pageSetUpPr.fitToPage
    assert all(r.rules[0].type == "colorScale" for r in ws.conditional_formatting)


def test_injected_formulas_are_stored_as_text(book):
    ws = book["Assignments"]
    cell = next(r[1] for r in ws.iter_rows(min_row=5) if r[0].value == "E311")
    assert cell.value == INJECTED_NAME and cell.data_type == "s" and cell.quotePrefix
    title = next(r[2] for r in book["Roster snapshot"].iter_rows(min_row=5) if r[0].value == "E311")
    assert title.value.startswith("+cmd") and title.data_type == "s"
    reason = next(r[_header(ws).index("Reason")] for r in ws.iter_rows(min_row=5) if r[0].value == "E311")
    assert reason.value == "-only change manager in the pool" and reason.data_type == "s"


def test_assumptions_record_policy_templates_solver_input_and_assumed_dates(report, tmp_path):
    report.assumed_go_live = {"claims-ai": "2025-06-30 is assumed: no go-live was set"}
    ws = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "a.xlsx"))["Assumptions"]
    items = {(r[0], r[1]): r[2] for r in ws.iter_rows(min_row=4, values_only=True) if r[0]}
    assert items[("Policy: Claims triage AI", "Hires at most")] == 2
    assert items[("Policy: Claims triage AI", "FTE step of an allocation")] == 0.05  # was 'Fte unit'
    assert items[("Policy: Claims triage AI", "Go-live (assumed)")] == "2025-06-30 is assumed: no go-live was set"
    assert items[("Templates", "Production: Production")] == "version 3"
    assert items[("Solver", "Status")] == "feasible"
    assert items[("Input", "File")] == "workday_export_2025-02.xlsx" and items[("Input", "SHA-256")] == "ab" * 32
    assert items[("Run", "Phasegate version")] == "0.1.0"
    rows = list(ws.iter_rows(values_only=True))
    assert ("cost", 231750.5, 225000, 0.0291, "No", "money over the planning horizon") in rows
    summary = openpyxl.load_workbook(tmp_path / "a.xlsx")["Summary"]
    go_live = next(r for r in summary.iter_rows(values_only=True) if r[0] == "Claims triage AI"
                   and isinstance(r[1], str))
    assert go_live[1] == "30 Jun 2025 (assumed)"


def test_an_empty_plan_still_exports(tmp_path):
    report = PlanReport(plan=Plan(status=PlanStatus.NO_PLAN))
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "empty.xlsx"))
    assert book["Assignments"]["A2"].value == "None in this plan."
    assert not book["Assignments"].tables and not book["Assignments"].data_validations.dataValidation


def test_unwritable_target_is_one_clear_error(report, tmp_path):
    from app.errors import PhasegateError

    with pytest.raises(PhasegateError, match="cannot write the workbook"):
        write_plan_workbook(report, tmp_path / "missing-dir" / "plan.xlsx")


def test_currently_says_when_other_work_starts_or_ends_and_drops_work_that_ended(report, tmp_path):
    """'Currently' of a mover is their work today: a commitment that starts later says from when, one that ended
    before the plan's date is gone."""
    chloe = next(p for p in report.people if p.id == "E205")
    chloe.commitments = [
        Commitment(initiative="fraud-scoring", fte=0.6, role="sre", start=date(2024, 1, 1), end=date(2025, 1, 31)),
        Commitment(initiative="pricing", fte=0.2, start=date(2025, 4, 1), end=date(2025, 9, 30)),
        Commitment(initiative="billing", fte=0.2, end=date(2025, 12, 31))]
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "dated.xlsx"))
    assert _rows(book["Assignments"])["E205"]["Currently"] == (
        "Site Reliability Engineer on pricing (0.2 FTE, 1 Apr 2025 to 30 Sep 2025); billing (0.2 FTE, to 31 Dec 2025)")


def test_page_one_gives_the_full_time_run_rate_when_the_plan_hires_more_heads_than_fte(report, tmp_path):
    """Two permanent heads for a 0.4 FTE on-call rota draw two salaries unless hired part time: finance sees both."""
    report.plan.hires[0].heads, report.plan.hires[0].fte = 2, 0.4
    report.plan.hires[0].annual_cost = 119600 * 0.4
    values = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "rota.xlsx"), data_only=True)
    rows = {r[0]: r for r in values["Summary"].iter_rows(values_only=True) if r[0]}
    assert rows["Hires' run-rate a year, at the plan's 0.4 FTE"][3] == pytest.approx(47840)
    assert rows["… if the 2 heads are hired full time"][3] == pytest.approx(239200)
    assert any(str(k).startswith("The plan hires 2 heads for 0.4 FTE") for k in rows)


def test_readiness_is_defined_as_the_gap_report_defines_it(values):
    """The workbook's readiness is the gap report's figure: a share of required FTE weighted by criticality, not of
    skills (`phasegate gaps` says so; the workbook said 'share of required skills covered')."""
    text = [r[0] for r in values["Summary"].iter_rows(values_only=True) if isinstance(r[0], str)]
    assert "Readiness by failure mode (criticality-weighted share of required FTE covered)" in text


def test_work_that_ends_before_the_gate_anyway_is_not_called_a_release(report, tmp_path):
    """Bruno's pilot work ends on 30 April, before the production gate of 30 June: the plan not placing him after it
    releases nobody, and page 1 does not count him among the released."""
    bruno = next(p for p in report.people if p.id == "E101")
    bruno.commitments = [Commitment(initiative="claims-ai", fte=0.8, role="ml_engineer", end=date(2025, 4, 30))]
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "rolls.xlsx"), data_only=True)
    changes = [dict(zip(_header(book["Team changes"]), r, strict=False))
               for r in book["Team changes"].iter_rows(min_row=5, values_only=True)]
    row = next(c for c in changes if c["Person ID"] == "E101")
    assert (row["Change"], row["Committed when"]) == ("rolls off before the gate", "to 30 Apr 2025")
    summary = [r for r in book["Summary"].iter_rows(values_only=True) if r[0] == "Claims triage AI"]
    headcount = next(r for r in summary if isinstance(r[1], int))
    assert headcount[3:5] == (0, 1)  # Released, Rolling off
    notes = [r[0] for r in book["Summary"].iter_rows(values_only=True) if isinstance(r[0], str)]
    assert any(n.startswith("0 people released from a team the plan no longer uses them on; 1 more person rolls "
                            "off before the gate anyway, as the roster dates say") for n in notes)


def test_headers_over_numbers_are_right_aligned_like_the_numbers(book):
    """A right-aligned number under a left-aligned header sits at the start of the next column's header: on Gap
    details '3 … 5 … 0' read as 'Best available 3, Gap 5'. Headers over numbers align with them."""
    ws = book["Gap details"]
    heads = {c.value: c.alignment.horizontal for c in ws[4] if c.value}
    assert heads["Required level"] == heads["Best available"] == heads["Gap"] == "right"
    assert heads["Role"] in (None, "general", "left")
    hiring = {c.value: c.alignment.horizontal for c in book["Hiring"][4] if c.value}
    assert hiring["FTE"] == hiring["Cost"] == hiring["Latest requisition"] == "right"
    assert hiring["Reason"] in (None, "general", "left")


def test_dates_counted_back_from_an_assumed_go_live_say_so(report, tmp_path):
    """With no go-live set the CLI plans to the horizon's end; every latest requisition and training start of that
    initiative is counted back from that assumed day, so the approver is told it is no agreed deadline."""
    report.assumed_go_live = {"claims-ai": "2025-06-30 is assumed: no go-live was set"}
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "assumed.xlsx"))
    hiring = _rows_by(book["Hiring"], "Role")
    assert hiring["MLOps engineer"]["Reason"].endswith(
        "; the latest requisition counts back from an assumed go-live (30 Jun 2025: none was set)")
    upskilling = _rows_by(book["Upskilling"], "Skill")
    assert upskilling["Model monitoring"]["Reason"].endswith(
        "; the latest start counts back from an assumed go-live (30 Jun 2025: none was set)")
    text = [r[0] for r in book["Summary"].iter_rows(values_only=True) if isinstance(r[0], str)]
    assert ("Decide by 10 Mar 2025: the requisition for MLOps engineer (Claims triage AI) must open then (counted back from "
            "an assumed go-live).") in text
    steps = [r for r in book["Calendar"].iter_rows(values_only=True) if r[1] == "Open the hire requisition (latest)"]
    assert steps and all(r[5].endswith("from an assumed go-live") for r in steps)


def _rows_by(ws, header: str) -> dict[str, dict[str, object]]:
    headers = _header(ws)
    return {r[headers.index(header)]: dict(zip(headers, r, strict=False))
            for r in ws.iter_rows(min_row=5, values_only=True) if r[0]}


def test_page_one_says_when_the_roster_holds_no_skills(report, tmp_path):
    """A roster imported without skills (HRDataset v14: names, salaries, departments) lets the plan place nobody;
    page 1 says why before anyone reads '0 people placed, 17 hires' as a finding about the people."""
    for p in report.people:
        p.skills = {}
    values = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "noskills.xlsx"), data_only=True)
    risks = [r for r in values["Summary"].iter_rows(values_only=True) if r[0] == "Roster without skills"]
    assert len(risks) == 1 and risks[0][1] == "all 6 people"
    assert risks[0][3].startswith("no skill level was read from the roster, so nobody in it can be matched to a role")


def test_the_readiness_chart_lists_the_modes_in_the_table_s_order(report, tmp_path):
    """A bar chart draws its first category at the bottom: the chart read upside down against the table beside it.
    Its category axis is reversed (top to bottom as the table), the percentage axis kept below."""
    path = write_plan_workbook(report, tmp_path / "chart.xlsx")
    with zipfile.ZipFile(path) as z:
        xml = z.read(next(n for n in z.namelist() if n.startswith("xl/charts/chart"))).decode()
    category_axis = xml[xml.index("<c:catAx>"):xml.index("</c:catAx>")]
    assert '<c:orientation val="maxMin"/>' in category_axis
    assert '<c:crosses val="max"/>' in xml


def test_team_today_counts_who_works_on_it_on_the_plan_s_date(report, tmp_path):
    """Page 1's 'Team today' is today's team: someone whose work there starts next month joins, and someone whose
    work there ended last month is gone already."""
    ana, bruno = (next(p for p in report.people if p.id == pid) for pid in ("E100", "E101"))
    ana.commitments = [Commitment(initiative="claims-ai", fte=1.0, role="data_scientist", start=date(2025, 3, 1))]
    bruno.commitments = [Commitment(initiative="claims-ai", fte=0.8, end=date(2025, 1, 31))]
    values = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "today.xlsx"), data_only=True)
    row = next(r for r in values["Summary"].iter_rows(values_only=True)
               if r[0] == "Claims triage AI" and isinstance(r[1], int))
    assert row[1:3] == (0, 4)  # Team today, Joining: Ana (from 1 March) joins with the three movers


def test_page_one_without_pay_says_which_go_live_is_set_assumed_or_missing(report, tmp_path):
    """Without pay page 1 lists each initiative's go-live: its date, '… (assumed)' beside the CLI's assumed end of
    horizon, 'not set' when there is none (it said 'set' then); the 'Decide by' line wraps across the page."""
    first = report.initiatives[0]
    second = first.model_copy(update={"id": "kyc", "name": "KYC assistant", "go_live": None})
    report.initiatives = [first, second]
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "np.xlsx", include_pay=False))
    rows = _go_live_rows(book["Summary"])
    assert rows["KYC assistant"][1] == "not set"
    assert rows[first.name][1].date() == first.go_live
    report.assumed_go_live = {first.id: f"{first.go_live.isoformat()} is assumed: no go-live was set"}
    ws = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "np2.xlsx", include_pay=False))["Summary"]
    rows = _go_live_rows(ws)
    assert rows[first.name][1] == f"{day(first.go_live)} (assumed)"
    decide = next(c for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("Decide by"))
    assert any(decide.coordinate in str(m) and m.max_col > 1 for m in ws.merged_cells.ranges)
    assert decide.alignment.wrap_text


def _go_live_rows(ws) -> dict[str, tuple]:
    """Page 1's 'Initiatives and go-live' rows by initiative name."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(k for k, r in enumerate(rows) if r[0] == "Initiatives and go-live") + 2
    end = next(k for k in range(start, len(rows)) if rows[k][1] is None)
    return {r[0]: r for r in rows[start:end]}


def test_an_initiative_is_named_by_its_name_on_every_sheet_not_by_its_id(report, tmp_path):
    """An initiative renamed in the window keeps its id (made from the roster's label): the approver reads its
    name in every column and sentence; only the hidden keys and the 'Role ID' column carry the id."""
    ini = report.initiatives[0]
    assert ini.id != ini.name
    for person in report.people:  # the roster's commitments name the initiative by its id (its old label)
        for c in person.commitments:
            c.initiative = ini.id
    for include_pay in (True, False):
        book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / f"n{include_pay}.xlsx",
                                                          include_pay=include_pay))
        found = []
        for ws in book:
            if ws.sheet_state != "visible":
                continue
            skip = {c.column for row in ws.iter_rows(max_row=6) for c in row
                    if c.value in ("Phasegate key", "Role ID")}
            found += [f"{ws.title}!{c.coordinate}: {c.value}" for row in ws.iter_rows() for c in row
                      if isinstance(c.value, str) and ini.id in c.value and c.column not in skip
                      and not c.value.startswith("=")]
        assert not found, found[:5]
        assert any(isinstance(c.value, str) and ini.name in c.value for c in book["Assignments"]["G"])
