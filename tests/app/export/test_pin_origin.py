"""Who fixed a pin: the delivery lead's own pin goes to the approvers as Proposed ('pinned by the delivery lead'),
an approver's approval comes back Approved, and a returned workbook keeps each where it belongs."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from app.cli import main
from app.domain import Pin
from app.export.keys import assignment_keys
from app.export.scenario_decisions import read_for_scenario
from app.planning.edits import pin_assignment, references
from app.planning.service import plan_scenario
from app.project.io import open_project, save_project
from app.templates import load_phase_templates
from tests.app.export.edits import cell, header_row, set_cell, sheet_rows
from tests.own_roster import write_roster

FAST = ["--time-limit", "3"]


def _row(rows: list[dict[str, object]], a) -> dict[str, object]:
    """The Assignments row of one plan assignment (a person may hold the same role on two initiatives)."""
    key = assignment_keys([a])[0]
    return next(r for r in rows if r["Phasegate key"] == key)


def _summary_texts(book) -> list[str]:
    return [str(c.value) for row in book["Summary"].iter_rows() for c in row if isinstance(c.value, str)]


def _approved_so_far(ws, header: str) -> object:
    """The 'Approved so far' total under a column (row 3 of a decision sheet), as saved with the workbook."""
    at = next(c.column for c in ws[header_row(ws)] if c.value == header)
    assert ws.cell(3, 1).value == "Approved so far"
    return ws.cell(3, at).value


def _read_back(project, workbook: Path, templates) -> None:
    """What the window's Apply does: the workbook's decisions set on the active scenario."""
    sc = project.scenario()
    decisions = read_for_scenario(workbook, project=project, scenario=sc, templates=templates)
    assert decisions.complete, decisions.problem_lines()
    for name, items in decisions.scenario_lists(sc).items():
        setattr(sc, name, items)


@pytest.fixture(scope="module")
def lead_pinned(tmp_path_factory):
    """A project (not the sample) whose lead pinned one assignment, exported for the approvers: (dir, project file,
    the pinned assignment, another person's assignment, the first workbook)."""
    tmp = tmp_path_factory.mktemp("pins")
    roster = write_roster(tmp / "acme.csv")
    path = tmp / "acme.phasegate"
    assert main(["new", str(roster), "-o", str(path)]) == 0
    templates = load_phase_templates(use_library=False)
    project = open_project(path)
    plan = plan_scenario(project, templates=templates, time_limit=3)
    mine = plan.assignments[0]
    other = next(a for a in plan.assignments if a.person_id != mine.person_id)
    pin_assignment(project, person_id=mine.person_id, initiative=mine.initiative, role=mine.role, fte=mine.fte)
    save_project(project, path)
    first = tmp / "round1.xlsx"
    assert main(["plan", str(path), "--xlsx", str(first), *FAST]) == 0
    return tmp, path, mine, other, first


def test_the_leads_own_pin_is_proposed_and_says_who_pinned_it(lead_pinned):
    _tmp, _path, mine, _other, first = lead_pinned
    book = openpyxl.load_workbook(first, data_only=True)  # formulas as saved with their values
    sheet = book["Assignments"]
    row = _row(sheet_rows(sheet), mine)
    assert row["Approval"] == "Proposed"
    assert "; pinned by the delivery lead, not yet approved; " in row["Reason"]
    assert _approved_so_far(sheet, "FTE") == 0  # nothing is approved before an approver says so
    reason = 1 + [c.value for c in sheet[header_row(sheet)]].index("Reason")
    assert sheet.cell(3, reason).value == "Rows pinned by the delivery lead need your approval too."
    earlier = sheet_rows(book["Decided earlier"])
    assert [(r["Decision"], r["What"].split(" as ")[0], r["Reason given"]) for r in earlier] == [
        ("Pinned by lead", row["Name"], None)]
    assert "1 assignment pinned by the delivery lead is Proposed like the others: approve or reject them too." \
        in _summary_texts(book)
    summary = book["Summary"]
    approve = next(r for r in summary.iter_rows(values_only=True) if r[0] == "Assignments (people placed)")
    assert approve[5] == 0  # 'Approved so far' on page 1


def test_a_returned_workbook_keeps_each_pins_origin_through_a_replan(lead_pinned, tmp_path):
    """Round trip: the approver leaves the lead's pin alone and approves another row with a comment; read back,
    saved, re-planned and exported again, the lead's pin is still the lead's and the approval is the approver's."""
    _tmp, original, mine, other, first = lead_pinned
    path = tmp_path / "acme.phasegate"
    shutil.copy(original, path)
    returned = tmp_path / "returned.xlsx"
    book = openpyxl.load_workbook(first)
    key = assignment_keys([other])[0]
    set_cell(book["Assignments"], key, "Approval", "Approved", key_header="Phasegate key")
    set_cell(book["Assignments"], key, "Comment", "agreed with finance", key_header="Phasegate key")
    book.save(returned)

    templates = load_phase_templates(use_library=False)
    project = open_project(path)
    _read_back(project, returned, templates)
    save_project(project, path)
    pins = {p.person_id: p for p in open_project(path).scenario().pins}
    assert (pins[mine.person_id].source, pins[mine.person_id].comment) == ("lead", "")
    assert (pins[other.person_id].source, pins[other.person_id].comment) == ("approver", "agreed with finance")

    second = tmp_path / "round2.xlsx"
    assert main(["plan", str(path), "--xlsx", str(second), *FAST]) == 0
    book = openpyxl.load_workbook(second, data_only=True)
    rows = {a.person_id: _row(sheet_rows(book["Assignments"]), a) for a in (mine, other)}
    assert rows[mine.person_id]["Approval"] == "Proposed"
    assert "pinned by the delivery lead, not yet approved" in rows[mine.person_id]["Reason"]
    assert rows[other.person_id]["Approval"] == "Approved"
    assert "pinned by the delivery lead" not in rows[other.person_id]["Reason"]
    assert "; approved by an approver; " in rows[other.person_id]["Reason"]
    assert _approved_so_far(book["Assignments"], "FTE") == other.fte
    earlier = {r["What"].split(" as ")[0]: (r["Decision"], r["Reason given"]) for r in sheet_rows(book["Decided earlier"])}
    assert earlier == {rows[mine.person_id]["Name"]: ("Pinned by lead", None),
                       rows[other.person_id]["Name"]: ("Approved", "agreed with finance")}
    said = _summary_texts(book)
    assert ("1 assignment pinned by the delivery lead is Proposed like the others: approve or reject them too; "
            "1 assignment approved in an earlier round is already Approved (sheet 'Decided earlier').") in said

    # round two: the approver approves the lead's pin — now it is theirs; on a copy, rejecting it drops it
    approve, reject = tmp_path / "approve.xlsx", tmp_path / "reject.xlsx"
    for target, word in ((approve, "Approved"), (reject, "Rejected")):
        book = openpyxl.load_workbook(second)
        key = assignment_keys([mine])[0]
        set_cell(book["Assignments"], key, "Approval", word, key_header="Phasegate key")
        book.save(target)
    project = open_project(path)
    _read_back(project, approve, templates)
    pins = {p.person_id: p for p in project.scenario().pins}
    assert pins[mine.person_id].source == "approver" and pins[other.person_id].source == "approver"
    project = open_project(path)
    _read_back(project, reject, templates)
    sc = project.scenario()
    assert mine.person_id not in {p.person_id for p in sc.pins}
    assert (mine.person_id, mine.initiative) in {(e.person_id, e.initiative) for e in sc.exclusions}
    plan = plan_scenario(project, templates=templates, time_limit=3)
    assert not any((a.person_id, a.initiative) == (mine.person_id, mine.initiative) for a in plan.assignments)


def test_an_old_project_file_opens_with_pins_read_by_who_could_have_made_them(lead_pinned, tmp_path):
    """Files saved before pins recorded their origin: a pin with an approver's comment (only reading a workbook
    back gives one) is the approver's; any other is the lead's, never claimed as approved."""
    _tmp, original, mine, other, _first = lead_pinned
    data = json.loads(Path(original).read_text("utf-8"))
    scenario = data["scenarios"][0]
    scenario["pins"] = [{"person_id": mine.person_id, "initiative": mine.initiative, "role": mine.role,
                         "fte": mine.fte, "comment": ""},
                        {"person_id": other.person_id, "initiative": other.initiative, "role": other.role,
                         "fte": other.fte, "comment": "keep him there"}]
    old = tmp_path / "old.phasegate"
    old.write_text(json.dumps(data), "utf-8")
    pins = {p.person_id: p.source for p in open_project(old).scenario().pins}
    assert pins == {mine.person_id: "lead", other.person_id: "approver"}
    workbook = tmp_path / "old.xlsx"
    assert main(["plan", str(old), "--xlsx", str(workbook), *FAST]) == 0
    decisions = {r["Decision"] for r in sheet_rows(openpyxl.load_workbook(workbook)["Decided earlier"])}
    assert decisions == {"Pinned by lead", "Approved"}


def test_the_lead_pinning_again_keeps_an_approval_at_its_fte_and_asks_again_at_another(lead_pinned):
    _tmp, original, mine, _other, _first = lead_pinned
    project = open_project(original)
    sc = project.scenario()
    sc.pins = [Pin(person_id=mine.person_id, initiative=mine.initiative, role=mine.role, fte=mine.fte,
                   comment="fine", source="approver")]
    pin_assignment(project, person_id=mine.person_id, initiative=mine.initiative, role=mine.role, fte=mine.fte)
    assert [(p.source, p.comment) for p in sc.pins] == [("approver", "fine")]
    (ref,) = references(project)
    assert "approved by an approver as" in ref.words()
    pin_assignment(project, person_id=mine.person_id, initiative=mine.initiative, role=mine.role, fte=0.1)
    assert [(p.source, p.fte) for p in sc.pins] == [("lead", 0.1)]
    (ref,) = references(project)
    assert " pinned to " in ref.words() and ref.words().endswith("at 0.1 FTE")


def test_an_approver_editing_the_fte_of_the_leads_pin_makes_it_theirs(lead_pinned, tmp_path):
    _tmp, original, mine, _other, first = lead_pinned
    book = openpyxl.load_workbook(first)
    key = assignment_keys([mine])[0]
    set_cell(book["Assignments"], key, "FTE", 0.1, key_header="Phasegate key")
    edited = tmp_path / "fte.xlsx"
    book.save(edited)
    project = open_project(original)
    _read_back(project, edited, load_phase_templates(use_library=False))
    (pin,) = [p for p in project.scenario().pins if p.person_id == mine.person_id]
    assert (pin.source, pin.fte) == ("approver", 0.1)
    assert cell(book["Assignments"], key, "Approval", key_header="Phasegate key").value == "Proposed"
