"""The second round: a workbook re-planned from the approvers' decisions shows what they already decided."""
from __future__ import annotations

from pathlib import Path

import openpyxl

from app.cli import main
from tests.app.export.edits import cell, col, set_cell, sheet_rows
from tests.own_roster import write_roster

FAST = ["--time-limit", "3"]


def _round_one(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A project from a roster that is not the sample, planned and exported: (project, round 1, round 2's path)."""
    roster = write_roster(tmp_path / "acme.csv")
    project = tmp_path / "acme.phasegate"
    assert main(["new", str(roster), "-o", str(project)]) == 0
    first, second = tmp_path / "round1.xlsx", tmp_path / "round2.xlsx"
    assert main(["plan", str(project), "--xlsx", str(first), *FAST]) == 0
    return project, first, second


def test_round_two_shows_approvals_as_approved_and_lists_the_rejections_it_kept(tmp_path: Path, capsys):
    project, first, second = _round_one(tmp_path)
    book = openpyxl.load_workbook(first)
    placed = sheet_rows(book["Assignments"])
    approved, rejected = placed[0], next(r for r in placed[1:] if r["Person ID"] != placed[0]["Person ID"])
    set_cell(book["Assignments"], approved["Person ID"], "Approval", "Approved")
    set_cell(book["Assignments"], approved["Person ID"], "Comment", "keep her there")
    set_cell(book["Assignments"], rejected["Person ID"], "Approval", "Rejected")
    set_cell(book["Assignments"], rejected["Person ID"], "Comment", "stays where she is")
    hiring = book["Hiring"]
    hire = next(r for r in sheet_rows(hiring) if r["Hire or contract"] == "Hire")
    set_cell(hiring, hire["Phasegate key"], "Approval", "Rejected", key_header="Phasegate key")
    yes = next(r for r in sheet_rows(hiring) if (r["Initiative"], r["Role"]) != (hire["Initiative"], hire["Role"]))
    set_cell(hiring, yes["Phasegate key"], "Approval", "Approved", key_header="Phasegate key")
    book.save(first)
    capsys.readouterr()

    assert main(["plan", str(project), "--decisions", str(first), "--xlsx", str(second), *FAST]) == 0
    book = openpyxl.load_workbook(second)
    assert cell(book["Assignments"], approved["Person ID"], "Approval").value == "Approved"
    assert rejected["Person ID"] not in [r["Person ID"] for r in sheet_rows(book["Assignments"])
                                          if r["New initiative"] == rejected["New initiative"]]
    assert book.sheetnames.index("Decided earlier") == book.sheetnames.index("Hiring") + 1
    earlier = {(r["Decision"], r["What"]): r for r in sheet_rows(book["Decided earlier"])}
    kept = {what: r["Respected by this plan?"] for (_, what), r in earlier.items()}
    mine = f"{rejected['Name']} on {rejected['New initiative']}"
    assert earlier[("Rejected", mine)]["Reason given"] == "stays where she is" and kept[mine] == "Yes"
    route = f"Hiring for {hire['Role']} on {hire['Initiative']}"
    assert kept[route] == "Yes"
    (mine_approved,) = [r for (d, w), r in earlier.items()
                        if d == "Approved" and w.startswith(f"{approved['Name']} as {approved['New role']}")]
    assert mine_approved["Reason given"] == "keep her there"  # the approver's comment travels with the pin
    approved_route = (f"{'Hiring' if yes['Hire or contract'] == 'Hire' else 'Contracting'} for {yes['Role']} on "
                      f"{yes['Initiative']} at {yes['FTE']:g} FTE")
    assert earlier[("Approved", approved_route)]["Respected by this plan?"] == "Yes"
    same = [r for r in sheet_rows(book["Hiring"]) if (r["Initiative"], r["Role"], r["Hire or contract"]) ==
            (yes["Initiative"], yes["Role"], yes["Hire or contract"])]
    assert same and all(r["Approval"] == "Approved" for r in same if r["FTE"] <= yes["FTE"])
    again = [r for r in sheet_rows(book["Hiring"]) if (r["Initiative"], r["Role"]) == (hire["Initiative"], hire["Role"])]
    assert again and all(r["Hire or contract"] == "Contract" for r in again)  # the roster has no such person
    assert all("hiring for this role was rejected earlier" in r["Reason"] for r in again)


def test_totals_of_what_was_approved_earlier_are_saved_with_their_values(tmp_path: Path, capsys):
    """Viewers that do not recalculate (LibreOffice by default, previews) show a formula's saved value: the rows
    pre-approved in the second round must count there, not 0."""
    project, first, second = _round_one(tmp_path)
    book = openpyxl.load_workbook(first)
    approved = sheet_rows(book["Assignments"])[0]
    set_cell(book["Assignments"], approved["Person ID"], "Approval", "Approved")
    book.save(first)
    assert main(["plan", str(project), "--decisions", str(first), "--xlsx", str(second), *FAST]) == 0
    values = openpyxl.load_workbook(second, data_only=True)
    sheet = values["Assignments"]
    fte_col = col(sheet, "FTE")
    assert sheet.cell(3, 1).value == "Approved so far" and sheet.cell(3, fte_col).value == approved["FTE"]
    page = {r[0]: r for r in values["Summary"].iter_rows(values_only=True) if r[0]}
    assert page["Assignments (people placed)"][5] == 1  # Rows, People, FTE, Cost, then Approved so far
