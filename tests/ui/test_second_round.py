"""The approvers' second round in the window: a workbook marked with an approved contract, a rejected hire and a
rejected training besides a pin and an exclusion; what Apply's undo text, the Plan screen's summary, its 'Pins and
decisions' list and its Hires table say, withdrawing one decision, and the approvals kept over save and reopen."""
from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from app.export import write_plan_workbook
from tests.app.export.edits import col
from tests.ui.solved_sample import solved_sample
from ui.screens.export import plan_report

FIRST = 5  # the first data row of a list sheet


def _rows(ws, header: str, value: str) -> list[int]:
    at = col(ws, header)
    return [r for r in range(FIRST, ws.max_row + 1) if ws.cell(r, at).value == value]


def _mark(path, out) -> dict:
    """As approvers do: approve one assignment, reject another person, reject a hire (with a comment), approve a
    contract of another role, reject a training (with a comment)."""
    wb = openpyxl.load_workbook(path)
    people, hiring, skills = wb["Assignments"], wb["Hiring"], wb["Upskilling"]
    hire = _rows(hiring, "Hire or contract", "Hire")[0]
    hired_role = hiring.cell(hire, col(hiring, "Role")).value
    contract = next(r for r in _rows(hiring, "Hire or contract", "Contract")
                    if hiring.cell(r, col(hiring, "Role")).value != hired_role)
    hiring.cell(hire, col(hiring, "Approval"), "Rejected")
    hiring.cell(hire, col(hiring, "Comment"), "no headcount this year")
    hiring.cell(contract, col(hiring, "Approval"), "Approved")
    skills.cell(FIRST, col(skills, "Approval"), "Rejected")
    skills.cell(FIRST, col(skills, "Comment"), "course full")
    trainee = skills.cell(FIRST, col(skills, "Person ID")).value
    rows = [r for r in range(FIRST, people.max_row + 1) if people.cell(r, 1).value not in (None, trainee)]
    people.cell(rows[0], col(people, "Approval"), "Approved")
    people.cell(rows[1], col(people, "Approval"), "Rejected")
    wb.save(out)
    return {"hired_role": hired_role, "hire_initiative": hiring.cell(hire, 1).value,
            "contract_role": hiring.cell(contract, col(hiring, "Role")).value,
            "contract_initiative": hiring.cell(contract, 1).value,
            "trainee": skills.cell(FIRST, col(skills, "Name")).value}


@pytest.fixture
def marked(window, tmp_path):
    """The window on the solved sample and its exported plan as the approvers marked it."""
    window.doc.replace(solved_sample())
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(plan_report(window.doc.project), path)
    facts = _mark(path, tmp_path / "marked.xlsx")
    return tmp_path / "marked.xlsx", facts


def _apply(qtbot, window, interaction, path) -> None:
    interaction.open_files.append(str(path))
    window.actions_by_name["read_decisions"].trigger()
    dialog = window.screens["export"].decisions_dialog
    qtbot.waitUntil(lambda: dialog.decisions is not None, timeout=60_000)
    assert dialog.apply()


def _panel(window) -> list[tuple[str, ...]]:
    """The 'Pins and decisions' list as shown: kind, person, initiative, role, comment."""
    model = window.screens["plan"].pins_panel.model
    shown = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    return [(row[0], row[1], row[2], row[3], row[6]) for row in shown]


def test_the_second_round_shows_every_decision_and_keeps_the_approvals(qtbot, window, interaction, marked, tmp_path):
    path, facts = marked
    _apply(qtbot, window, interaction, path)
    undo = window.actions_by_name["undo"].text()
    assert undo.endswith("1 rejected hire or contract, 1 rejected training, 1 approved hire, contract or training)")
    plan = window.screens["plan"]
    assert plan.tabs.tabText(plan.tabs.indexOf(plan.pins_panel)) == "Pins and decisions"
    assert ("approvers rejected 1 hire or contract and 1 training, approved 1 contract (kept while the plan needs it)"
            in plan.headline.text())
    shown = _panel(window)
    assert [row[0] for row in shown] == ["Approved by approver", "Excluded", "Rejected hire", "Rejected training",
                                         "Approved contract"]
    assert shown[2][2:] == (facts["hire_initiative"], facts["hired_role"], "no headcount this year")
    assert shown[3][1] == facts["trainee"] and shown[3][4] == "course full"
    assert shown[4][2:4] == (facts["contract_initiative"], facts["contract_role"])
    view = plan.pins_panel.view  # 'Approved contract' is whole, not 'Approved contr…' (as wide as the longest)
    assert view.columnWidth(0) > QFontMetrics(view.font()).horizontalAdvance("Approved contract")
    summary = plan.pins_panel.summary.text()
    assert summary == "1 approved by approver, 1 excluded · approvers' 2 rejections and 1 approval in scenario “Baseline”"

    window.doc.undo_stack.undo()  # Apply is one edit: every row goes
    assert _panel(window) == [] and "approvers" not in plan.headline.text()
    window.doc.undo_stack.redo()

    with qtbot.waitSignal(plan.worker.finished, timeout=120_000):
        assert plan.solve()
    hires = plan.tables.hires
    approvers = next(c for c in range(hires.columnCount()) if hires.headerData(c, Qt.Orientation.Horizontal) == "Approvers")
    marks = {(hires.index(r, 0).data(), hires.index(r, 1).data(), hires.index(r, 2).data()):
             hires.index(r, approvers).data() for r in range(hires.rowCount())}
    assert marks[(facts["contract_initiative"], facts["contract_role"], "Contractor")] == "approved"
    assert sorted(marks.values()).count("approved") == 1
    assert (facts["hire_initiative"], facts["hired_role"], "Hire") not in marks  # the rejected hire is gone

    saved = tmp_path / "round2.phasegate"
    interaction.save_files.append(str(saved))
    assert window.save_as()
    window.open_path(str(saved))
    qtbot.waitUntil(lambda: window.doc.path == saved, timeout=20_000)
    assert [row[0] for row in _panel(window)][-1] == "Approved contract"  # kept by the scenario over save/reopen


def test_the_export_screen_says_what_becomes_of_approved_hires(window):
    words = window.screens["export"].after_words.text()
    assert "approved hires, contracts and trainings are kept while the plan needs them" in words


def test_an_approvers_decision_is_withdrawn_from_the_list_and_undone(qtbot, window, interaction, marked):
    path, facts = marked
    _apply(qtbot, window, interaction, path)
    panel = window.screens["plan"].pins_panel
    rejected_hire = [row[0] for row in _panel(window)].index("Rejected hire")
    assert panel.remove_selected(rejected_hire)
    assert window.actions_by_name["undo"].text() == (
        f"&Undo Withdraw the rejection of hiring for {facts['hired_role']} on {facts['hire_initiative']}")
    assert window.doc.project.scenario().sourcing_limits == []
    assert "Rejected hire" not in [row[0] for row in _panel(window)]
    window.doc.undo_stack.undo()
    assert [row[0] for row in _panel(window)][2] == "Rejected hire"


def test_a_contract_row_says_hiring_for_its_role_was_rejected(window):
    """After approvers rejected a hire, the re-plan contracts the role: the row's 'Approvers' cell was blank, so the
    costlier contract read as the plan's own whim. It says what approvers decided on the role's other route."""
    from app.domain import SourcingLimit

    project = solved_sample()
    sc = project.scenario()
    contract = next(h for h in sc.plan.hires if h.kind == "contract")
    hire = next(h for h in sc.plan.hires if h.kind == "hire")
    sc.sourcing_limits = [SourcingLimit(initiative=contract.initiative, role=contract.role, kind="hire"),
                          SourcingLimit(initiative=hire.initiative, role=hire.role, kind="hire", max_fte=0.5)]
    window.doc.replace(project)
    hires = window.screens["plan"].tables.hires
    heads = [hires.headerData(c, Qt.Orientation.Horizontal) for c in range(hires.columnCount())]
    rows = [{h: hires.index(r, c).data() for c, h in enumerate(heads)} for r in range(hires.rowCount())]
    names = project.portfolio.names()
    said = {(r["Initiative"], r["Role"], r["Kind"]): r["Approvers"] for r in rows}
    assert said[(names[contract.initiative], contract.role_name, "Contractor")] == "hiring rejected"
    assert said[(names[hire.initiative], hire.role_name, "Hire")] == "hiring limited to 0.5 FTE"
