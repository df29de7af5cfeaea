"""The round trip as approvers abuse it, through LibreOffice: each edit ends applied or reported with exit 1.

The sample portfolio is planned by the CLI and exported; each case below edits a copy the way an approver would,
LibreOffice opens and re-saves every copy (one run for all), and `phasegate plan … --decisions` reads the re-saved
file. Either the decision is honoured by the re-plan (checked on its JSON), or the re-plan stops with the problem in
words and exit 1 (and `--accept-partial` lets it go on).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from app.cli import main
from app.project.sample import SAMPLE_INITIATIVES, SAMPLE_ROSTER
from tests.app.export.edits import cell, col, row_of, set_cell
from tests.libreoffice import TIMEOUT, tool

pytestmark = pytest.mark.libreoffice
FIRST = 5  # the first data row of a list sheet
PLAN = ["plan", str(SAMPLE_ROSTER), "--portfolio", str(SAMPLE_INITIATIVES), "--time-limit", "2"]


def _first(ws, header: str, value: str) -> int:
    at = col(ws, header)
    return next(r for r in range(FIRST, ws.max_row + 1) if ws.cell(r, at).value == value)


def _key(ws, row: int) -> str:
    return ws.cell(row, col(ws, "Phasegate key")).value


def honoured(wb) -> dict:
    """Reject a contract and a training, approve an assignment, rename the Hiring sheet."""
    hiring, skills, people = wb["Hiring"], wb["Upskilling"], wb["Assignments"]
    contract = _first(hiring, "Hire or contract", "Contract")
    hiring.cell(contract, col(hiring, "Approval"), "Rejected")
    training = FIRST
    skills.cell(training, col(skills, "Approval"), "Rejected")
    trainee = skills.cell(training, 1).value
    approved = next(r for r in range(FIRST, people.max_row + 1) if people.cell(r, 1).value != trainee)
    people.cell(approved, col(people, "Approval"), "Approved")
    hiring.title = "Hires (finance)"
    return {"contract": _key(hiring, contract).split(":", 1)[1].split("|"),
            "training": _key(skills, training).split(":", 1)[1].split("|")[:2],
            "pinned": _key(people, approved).split(":", 1)[1].split("|")}


def deleted_row(wb) -> None:
    """An approver deletes a proposal they dislike instead of rejecting it."""
    wb["Assignments"].delete_rows(FIRST)


def changed_person(wb) -> None:
    """An approver types another person's id over the proposed one and approves."""
    ws = wb["Assignments"]
    ws.cell(FIRST, col(ws, "Approval"), "Approved")
    ws.cell(FIRST, 1, ws.cell(FIRST + 1, 1).value)


def changed_name(wb) -> None:
    ws = wb["Assignments"]
    ws.cell(FIRST, col(ws, "Approval"), "Approved")
    ws.cell(FIRST, col(ws, "Name"), "Somebody Else")


def changed_role(wb) -> None:
    ws = wb["Upskilling"]
    ws.cell(FIRST, col(ws, "Approval"), "Approved")
    ws.cell(FIRST, col(ws, "Role"), "Delivery manager")


def changed_cost(wb) -> None:
    ws = wb["Hiring"]
    ws.cell(FIRST, col(ws, "Cost"), 1)


def hire_to_contract(wb) -> None:
    ws = wb["Hiring"]
    row = _first(ws, "Hire or contract", "Hire")
    ws.cell(row, col(ws, "Hire or contract"), "Contract")


def duplicated_row(wb) -> None:
    ws = wb["Assignments"]
    ws.insert_rows(FIRST + 1)
    for c in range(1, ws.max_column + 1):
        ws.cell(FIRST + 1, c, ws.cell(FIRST, c).value)
    ws.cell(FIRST + 1, col(ws, "Approval"), "Rejected")


def copied_sheet(wb) -> None:
    wb.copy_worksheet(wb["Upskilling"]).title = "Upskilling (copy)"


def manifest_unhidden(wb) -> None:
    wb["_phasegate"].sheet_state = "visible"


def manifest_edited(wb) -> None:
    ws = wb["_phasegate"]
    ws.sheet_state = "visible"
    fte = [c.value for c in ws[1]].index("fte") + 1
    ws.cell(4, fte, 0.05)  # the manifest: header, the plan's row, then one row per decision row


def over_capacity(wb) -> dict:
    ws = wb["Assignments"]
    ws.cell(FIRST, col(ws, "Approval"), "Approved")
    ws.cell(FIRST, col(ws, "FTE"), 1.9)
    return {"name": ws.cell(FIRST, col(ws, "Name")).value, "role": ws.cell(FIRST, col(ws, "New role")).value}


CASES: dict[str, Callable] = {f.__name__: f for f in (
    honoured, deleted_row, changed_person, changed_name, changed_role, changed_cost, hire_to_contract,
    duplicated_row, copied_sheet, manifest_unhidden, manifest_edited, over_capacity)}


@pytest.fixture(scope="module")
def resaved(tmp_path_factory):
    """The exported sample plan, one edited copy per case, every copy re-saved by LibreOffice in one run."""
    root = tmp_path_factory.mktemp("abuse")
    base = root / "plan.xlsx"
    assert main([*PLAN, "--xlsx", str(base)]) == 0
    edited, facts = root / "edited", {}
    edited.mkdir()
    for name, edit in CASES.items():
        wb = openpyxl.load_workbook(base)
        facts[name] = edit(wb)
        wb.save(edited / f"{name}.xlsx")
    out = root / "resaved"
    profile = Path(f"/tmp/lo-{uuid.uuid4().hex}")
    try:
        done = subprocess.run(
            [tool("libreoffice", "soffice"), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
             "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), *sorted(str(p) for p in edited.glob("*.xlsx"))],
            capture_output=True, text=True, timeout=TIMEOUT, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert done.returncode == 0, done.stderr
    return out, facts, root


def _replan(resaved, name: str, capsys, *extra: str) -> tuple[int, str, Path]:
    out, _, root = resaved
    result = root / f"{name}-replan.json"
    code = main([*PLAN, "--decisions", str(out / f"{name}.xlsx"), "--json", str(result), *extra])
    return code, capsys.readouterr().err, result


def test_rejected_contract_and_training_are_honoured_and_the_renamed_sheet_read(resaved, capsys):
    _, facts, _ = resaved
    code, err, result = _replan(resaved, "honoured", capsys)
    assert code == 0, err
    assert "sheet 'Hiring' was renamed 'Hires (finance)'" in err
    plan = json.loads(result.read_text())
    initiative, role, kind = facts["honoured"]["contract"]
    assert kind == "contract"
    assert not [h for h in plan["hires"] if (h["initiative"], h["role"], h["kind"]) == (initiative, role, kind)]
    person, skill = facts["honoured"]["training"]
    assert not [t for t in plan["trainings"] if (t["person_id"], t["skill"]) == (person, skill)]
    pid, ini, role = facts["honoured"]["pinned"]
    assert [a["pinned"] for a in plan["assignments"] if (a["person_id"], a["initiative"], a["role"]) == (pid, ini,
                                                                                                       role)] == [True]


@pytest.mark.parametrize(("case", "words"), [
    ("deleted_row", "deleted from Assignments"),
    ("changed_person", "column 'Person ID'"),
    ("changed_name", "column 'Name' ('Somebody Else'): changed from"),
    ("changed_role", "column 'Role' ('Delivery manager'): changed from"),
    ("changed_cost", "an edited cost is not applied"),
    ("hire_to_contract", "cannot turn one into the other"),
    ("duplicated_row", "same decision as row 5; this copy is ignored"),
    ("copied_sheet", "sheet 'Upskilling (copy)': this sheet also holds decision rows"),
    ("manifest_edited", "sheet '_phasegate', row 4"),
])
def test_each_abuse_stops_the_replan_in_words(resaved, capsys, case, words):
    code, err, result = _replan(resaved, case, capsys)
    assert code == 1, err
    assert words in err
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "could not be applied as the approvers meant" in lines[0] and "--accept-partial" in lines[0]
    assert not result.exists()


def test_accept_partial_replans_with_what_could_be_read(resaved, capsys):
    code, err, result = _replan(resaved, "deleted_row", capsys, "--accept-partial")
    assert code == 0, err
    assert result.exists()


def test_an_unhidden_key_sheet_changes_nothing(resaved, capsys):
    code, err, _ = _replan(resaved, "manifest_unhidden", capsys)
    assert code == 0, err
    assert "0 problems" in err


def test_over_capacity_approval_is_said_in_words(resaved, capsys):
    _, facts, _ = resaved
    code, err, result = _replan(resaved, "over_capacity", capsys)
    assert code == 1
    assert f"{facts['over_capacity']['name']} (" in err and "is approved for 1.9 FTE" in err
    assert f"/ {facts['over_capacity']['role']} 1.9 FTE" in err
    assert "pin(person" not in err and not result.exists()


def test_accept_partial_replans_without_the_approval_beyond_the_persons_time(resaved, capsys):
    _, facts, _ = resaved
    code, err, result = _replan(resaved, "over_capacity", capsys, "--accept-partial")
    assert code == 0, err
    assert "is approved for 1.9 FTE" in err and "re-planning without the 1 approved assignment beyond" in err
    plan = json.loads(result.read_text())
    assert not [a for a in plan["assignments"] if a["fte"] == 1.9]


def test_the_key_sheet_survives_libreoffice_and_holds_no_pay_in_the_copy_without_it(resaved, tmp_path):
    out, _, _ = resaved
    wb = openpyxl.load_workbook(out / "manifest_unhidden.xlsx")
    headers = [c.value for c in wb["_phasegate"][1]]
    assert "cost" in headers  # the with-pay copy
    assert main([*PLAN, "--no-pay", "--xlsx", str(tmp_path / "nopay.xlsx")]) == 0
    nopay = openpyxl.load_workbook(tmp_path / "nopay.xlsx")["_phasegate"]
    assert "cost" not in [c.value for c in nopay[1]]


def test_helpers_find_rows_by_subject(resaved):
    out, _, _ = resaved
    ws = openpyxl.load_workbook(out / "manifest_unhidden.xlsx")["Assignments"]
    first = ws.cell(FIRST, 1).value
    assert row_of(ws, first) == FIRST and cell(ws, first, "Person ID").value == first
    set_cell(ws, first, "Comment", "x")
    assert cell(ws, first, "Comment").value == "x"
