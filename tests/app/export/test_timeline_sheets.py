"""The workbook's Timeline and Calendar sheets on a report whose figures are worked out by hand.

Report day Mon 1 Feb 2027; Claims goes to production on Mon 1 Mar 2027 (its operations gate Tue 1 Jun 2027), so an
assignment to it runs 1 Mar – 31 May. Working days: March 23, April 22, May 21; 5–16 April is 10 of April's.
"""
from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from app.domain import (
    Absence,
    Assignment,
    Commitment,
    Hire,
    Initiative,
    Person,
    Phase,
    Plan,
    PlanStatus,
    Training,
)
from app.export import build_plan_report, write_plan_workbook
from tests.libreoffice import convert

DAY = date(2027, 2, 1)


@pytest.fixture
def workbook(tmp_path):
    claims = Initiative(id="claims", name="Claims Triage", current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION,
                        roadmap={Phase.PRODUCTION: date(2027, 3, 1), Phase.OPERATIONS: date(2027, 6, 1)})
    people = [
        # on the pilot at 0.5 until the plan gives her a full production role
        Person(id="E1", name="Ana Duarte", organisation="Data & AI",
               commitments=[Commitment(initiative="claims", fte=0.5)]),
        # 60 % elsewhere until the end of March, moved in for 0.5 from go-live: over-booked in March
        Person(id="E2", name="Bruno Keller", organisation="Data & AI",
               commitments=[Commitment(initiative="fraud", fte=0.6, end=date(2027, 3, 31))]),
        # not in the plan: two weeks' holiday in April
        Person(id="E3", name="Chloé Martin", organisation="Platform",
               absences=(Absence(start=date(2027, 4, 5), end=date(2027, 4, 16), kind="Holiday"),)),
    ]
    plan = Plan(status=PlanStatus.FEASIBLE, assignments=[
        Assignment(person_id="E1", person_name="Ana Duarte", initiative="claims", role="data_scientist", fte=1.0),
        Assignment(person_id="E2", person_name="Bruno Keller", initiative="claims", role="ml_engineer", fte=0.5)],
        trainings=[Training(person_id="E2", person_name="Bruno Keller", initiative="claims", role="ml_engineer",
                            skill="ml_pipelines", skill_name="ML pipelines", from_level=2, to_level=3, weeks=3,
                            cost=4500, latest_start=date(2027, 2, 8))],
        hires=[Hire(initiative="claims", role="mlops_engineer", role_name="MLOps engineer", kind="hire", fte=1.0,
                    heads=1, cost=52_000, lead_time_weeks=4, latest_requisition=date(2027, 2, 1))])
    report = build_plan_report(plan=plan, people=people, initiatives=[claims], generated=DAY)
    write_plan_workbook(report, tmp_path / "everyone.xlsx", include_pay=False, full_roster=True)
    return write_plan_workbook(report, tmp_path / "plan.xlsx", include_pay=False)


def _rows(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_booked_fte_per_month_with_the_plan_in_its_window(workbook) -> None:
    ws = openpyxl.load_workbook(workbook)["Timeline"]
    rows = _rows(ws)
    header = next(r for r in rows if r[0] == "Person ID")
    assert header[:7] == ["Person ID", "Name", "Organisation", "Contract FTE", "2027-02", "2027-03", "2027-04"]
    by_id = {r[0]: r for r in rows if r[0] in ("E1", "E2", "E3")}
    assert by_id["E1"][4:8] == [0.5, 1.0, 1.0, 1.0]  # the plan's 1.0 replaces her 0.5 on Claims from go-live
    assert by_id["E1"][8] == 0.5  # June: the target window is over, her own commitment again
    assert by_id["E2"][4:8] == [0.6, 1.1, 0.5, 0.5]
    assert "E3" not in by_id  # the plan does not touch her: listed with the whole roster only
    everyone = {r[0]: r for r in _rows(openpyxl.load_workbook(workbook.with_name("everyone.xlsx"))["Timeline"])}
    assert everyone["E3"][4:7] == [0, 0, round(10 / 22, 3)]
    gates = next(r for r in rows if r[0] == "Gates")
    assert gates[1] == "Claims Triage" and gates[5] == "Production 01 Mar" and gates[8] == "Operations 01 Jun"
    rules = [r.formula[0] for rng in ws.conditional_formatting for r in rng.rules]
    first = rows.index(next(r for r in rows if r[0] == "E1")) + 1
    assert rules == [f"E{first}>$D{first}+0.001", f"E{first}>=$D{first}-0.001", f"E{first}>0.001"]


def test_the_calendar_lists_the_dated_steps_in_order(workbook) -> None:
    rows = _rows(openpyxl.load_workbook(workbook)["Calendar"])
    steps = [(r[0].date().isoformat(), r[1], r[4] or "") for r in rows if hasattr(r[0], "date")]
    assert steps == [
        ("2027-02-01", "Open the hire requisition (latest)", "1 head"),
        ("2027-02-08", "Training starts (latest)", "Bruno Keller"),
        ("2027-03-01", "Hire arrives (if requested on the latest day)", "1 head"),
        ("2027-03-01", "Production gate", ""),
        ("2027-03-31", "Rolls off", "Bruno Keller"),
        ("2027-06-01", "Operations gate", ""),
    ]


def test_libreoffice_reads_both_sheets(workbook, tmp_path) -> None:
    convert(workbook, "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1", tmp_path)
    timeline = (tmp_path / "plan-Timeline.csv").read_text("utf-8")
    assert "Timeline: booked FTE per person and month with this plan" in timeline
    assert "Production 01 Mar" in timeline and "Bruno Keller" in timeline
    calendar = (tmp_path / "plan-Calendar.csv").read_text("utf-8")
    assert "Open the hire requisition (latest)" in calendar
    assert any(shown in calendar for shown in ("8 Feb 2027", "02/08/2027", "2027-02-08"))  # as LibreOffice writes it


def _far_workbook(tmp_path, initiatives, name):
    """Ann on Fraud (production from Mon 4 Sep 2028), Bea half on Ledger (production from Mon 4 Jun 2029); with no
    later gate each window runs four weeks past its go-live."""
    people = [Person(id="E1", name="Ann Archer", organisation="Data & AI"),
              Person(id="E2", name="Bea Berg", organisation="Data & AI")]
    plan = Plan(status=PlanStatus.FEASIBLE, assignments=[
        Assignment(person_id="E1", person_name="Ann Archer", initiative="fraud", role="data_scientist", fte=1.0),
        Assignment(person_id="E2", person_name="Bea Berg", initiative="ledger", role="ml_engineer", fte=0.5)])
    report = build_plan_report(plan=plan, people=people, initiatives=initiatives, generated=DAY)
    return openpyxl.load_workbook(write_plan_workbook(report, tmp_path / name, include_pay=False))["Timeline"]


FRAUD = Initiative(id="fraud", name="Fraud Radar", current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION,
                   roadmap={Phase.PRODUCTION: date(2028, 9, 4)})
LEDGER = Initiative(id="ledger", name="Ledger Bot", current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION,
                    roadmap={Phase.PRODUCTION: date(2029, 6, 4)})


def test_the_months_reach_the_last_window_and_what_lies_beyond_is_said_in_words(tmp_path) -> None:
    ws = _far_workbook(tmp_path, [FRAUD, LEDGER], "far.xlsx")
    rows = _rows(ws)
    header = next(r for r in rows if r[0] == "Person ID")
    assert header[:6] == ["Person ID", "Name", "Organisation", "Contract FTE", "Beyond this sheet", "2027-02"]
    assert header[5:] == [f"{2027 + (1 + k) // 12}-{(1 + k) % 12 + 1:02d}" for k in range(24)]  # capped at 2 years
    assert ("Months shown: Feb 2027 to Jan 2029 (24), the most this sheet shows; the plan's target phase windows run "
            "to 02 Jul 2029, so time booked after Jan 2029 is named in the 'Beyond this sheet' column.") in rows[2]
    by_id = {r[0]: r for r in rows if r[0] in ("E1", "E2")}
    september = header.index("2028-09")
    # Ann from Mon 4 September 2028: 20 of its 21 working days; nothing before
    assert by_id["E1"][september - 1:september + 1] == [0, round(20 / 21, 3)]
    assert by_id["E1"][4] is None
    # Bea's half-time on Ledger starts past the last month: said, not left to read as free
    assert by_id["E2"][4] == "booked from Jun 2029, beyond this sheet"
    assert set(by_id["E2"][5:]) == {0}
    gates = {r[1]: r for r in rows if r[0] == "Gates"}
    assert gates["Ledger Bot"][4] == "Production 04 Jun 2029, beyond this sheet"
    assert gates["Fraud Radar"][september] == "Production 04 Sep"
    # printed a year per page across, the people's columns on each
    assert ws.print_title_cols == "$A:$E"
    assert [b.id for b in ws.col_breaks.brk] == [5 + 12]
    assert ws.page_setup.scale and not ws.sheet_properties.pageSetUpPr.fitToPage


def test_a_window_past_a_year_extends_the_months_to_its_end(tmp_path) -> None:
    rows = _rows(_far_workbook(tmp_path, [FRAUD], "fraud.xlsx"))
    header = next(r for r in rows if r[0] == "Person ID")
    assert header[4] == "2027-02" and header[-1] == "2028-10" and len(header) == 4 + 21
    assert ("Months shown: Feb 2027 to Oct 2028 (21), to the end of the last target phase window (02 Oct 2028)."
            in rows[2])
    assert "Beyond this sheet" not in header  # nothing lies past the sheet: no such column
    ann = next(r for r in rows if r[0] == "E1")
    assert ann[header.index("2028-09")] == round(20 / 21, 3)


def test_an_assumed_go_live_is_marked_on_the_timeline_and_the_calendar(tmp_path) -> None:
    """The CLI plans an initiative without a go-live to its horizon's end: that gate is no agreed date."""
    claims = Initiative(id="claims", name="Claims Triage", current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION,
                        roadmap={Phase.PRODUCTION: date(2027, 3, 1)})
    people = [Person(id="E1", name="Ana Duarte", commitments=[Commitment(initiative="claims", fte=0.5)])]
    plan = Plan(status=PlanStatus.FEASIBLE, assignments=[
        Assignment(person_id="E1", person_name="Ana Duarte", initiative="claims", role="data_scientist", fte=1.0)])
    report = build_plan_report(plan=plan, people=people, initiatives=[claims], generated=DAY)
    report.assumed_go_live = {"claims": "2027-03-01 is assumed: no go-live was set"}
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "plan.xlsx"))
    gates = next(r for r in _rows(book["Timeline"]) if r[0] == "Gates")
    assert "Production 01 Mar (assumed)" in gates
    steps = [r[1] for r in _rows(book["Calendar"]) if hasattr(r[0], "date")]
    assert "Production gate (assumed: no go-live was set)" in steps


def test_a_role_is_named_as_each_initiative_s_target_phase_names_it(tmp_path) -> None:
    """The same role id is 'MLOps engineer' in production and 'MLOps engineer (on-call rotation)' in operations: a
    training for the production initiative says the production name on every sheet."""
    claims = Initiative(id="claims", name="Claims Triage", current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION,
                        roadmap={Phase.PRODUCTION: date(2027, 3, 1)})
    people = [Person(id="E1", name="Ana Duarte")]
    plan = Plan(status=PlanStatus.FEASIBLE, assignments=[
        Assignment(person_id="E1", person_name="Ana Duarte", initiative="claims", role="mlops_engineer",
                   role_name="MLOps engineer", fte=1.0)],
        trainings=[Training(person_id="E1", person_name="Ana Duarte", initiative="claims", role="mlops_engineer",
                            skill="kubernetes", skill_name="Kubernetes", from_level=2, to_level=3, weeks=3, cost=4500,
                            latest_start=date(2027, 2, 8))])
    report = build_plan_report(plan=plan, people=people, initiatives=[claims], generated=DAY)
    report.role_names["mlops_engineer"] = "MLOps engineer (on-call rotation)"  # the operations template's name
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "plan.xlsx"))
    upskilling = list(book["Upskilling"].iter_rows(min_row=5, values_only=True))
    assert upskilling[0][3] == "MLOps engineer"
    training = next(r for r in _rows(book["Calendar"]) if r[1] == "Training starts (latest)")
    assert training[3] == "MLOps engineer"
