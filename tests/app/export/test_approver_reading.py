"""The workbook as an approver reads it: figures that add up, managers by name, no blank where a date is missing for
a reason (found walking a non-sample roster through the window and reading the export in LibreOffice)."""
from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from app.domain import Commitment
from app.export import PlanReport, write_plan_workbook


def _sheet_rows(ws, header_row: int = 4) -> list[dict[str, object]]:
    heads = [c.value for c in ws[header_row]]
    return [dict(zip(heads, r, strict=False)) for r in ws.iter_rows(min_row=header_row + 1, values_only=True)
            if r[0] is not None]


def _headcount(book) -> list[dict[str, object]]:
    """Page 1's headcount table, as a reader finds it: the rows under its 'Initiative, Team today, …' header."""
    rows = list(book["Summary"].iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r[:2] == ("Initiative", "Team today"))
    heads = [h for h in rows[at] if h]
    out = []
    for r in rows[at + 1:]:
        if not isinstance(r[1], int):
            break
        out.append(dict(zip(heads, r, strict=False)))
    return out


@pytest.mark.parametrize("bruno_ends", [None, date(2025, 4, 30)])
def test_each_headcount_row_adds_up_to_the_team_after(report: PlanReport, tmp_path, bruno_ends):
    """Team today + joining − released − rolling off + hires + contractors = team after. Someone whose work ends
    before the gate was counted in neither 'Released' nor any column, so a Mortgage row read 10 + 0 − 4 + 13 + 0 and
    said 14 (five roll-offs were only in the note below)."""
    bruno = next(p for p in report.people if p.id == "E101")
    bruno.commitments = [Commitment(initiative="claims-ai", fte=0.8, role="ml_engineer", end=bruno_ends)]
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "plan.xlsx"), data_only=True)
    (row,) = _headcount(book)
    assert (row["Released"], row["Rolling off"]) == ((1, 0) if bruno_ends is None else (0, 1))
    assert row["Team today"] + row["Joining"] - row["Released"] - row["Rolling off"] + row["Hires"] + \
        row["Contractors"] == row["Team after"]


def test_a_manager_given_as_an_employee_id_is_named(report: PlanReport, tmp_path):
    """HR exports give the manager as an employee id ('E-20450'): the approver reading Assignments, Team changes or
    the roster snapshot saw only the id. The manager is named when the id is someone in the roster, kept as given
    otherwise."""
    people = {p.id: p for p in report.people}
    people["E205"].manager = "E100"  # Ana Duarte's employee id
    people["E101"].manager = "E100"
    people["E310"].manager = "Head of Data"  # a manager column holding words stays as it is
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "plan.xlsx"))
    assignments = {r["Person ID"]: r["Manager"] for r in _sheet_rows(book["Assignments"])}
    assert assignments["E205"] == "Ana Duarte (E100)"
    assert assignments["E310"] == "Head of Data"
    changes = {r["Person ID"]: r["Manager"] for r in _sheet_rows(book["Team changes"])}
    assert changes["E101"] == "Ana Duarte (E100)"  # released from the pilot team: HR calls the manager
    roster = {r["Person ID"]: r["Manager"] for r in _sheet_rows(book["Roster snapshot"])}
    assert roster["E205"] == "Ana Duarte (E100)"


def test_dates_missing_for_want_of_a_go_live_say_so(report: PlanReport, tmp_path):
    """An initiative with no go-live has no latest requisition or training start: the cells said nothing (read as
    'no deadline' or as a lost value) while the window says 'no go-live set'."""
    report.initiatives[0].go_live = None
    for h in report.plan.hires:
        h.latest_requisition = None
    for t in report.plan.trainings:
        t.latest_start = None
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "plan.xlsx"))
    assert {r["Latest requisition"] for r in _sheet_rows(book["Hiring"])} == {"no go-live set"}
    assert {r["Latest start"] for r in _sheet_rows(book["Upskilling"])} == {"no go-live set"}


def test_a_missing_date_with_a_go_live_set_stays_blank(report: PlanReport, tmp_path):
    """Only the want of a go-live is worded: a hire without a date on an initiative with one is not called that."""
    report.plan.hires[0].latest_requisition = None
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "plan.xlsx"))
    dates = [r["Latest requisition"] for r in _sheet_rows(book["Hiring"])]
    assert dates[0] is None and "no go-live set" not in dates
