"""File → Read approvers' decisions…: the sample plan exported, marked by approvers with openpyxl, read back in the
window; what the dialog says, Apply as one undoable edit, and the re-plan that respects the rejections."""
from __future__ import annotations

import openpyxl
import pytest

from app.export import write_plan_workbook
from app.project.sample import SAMPLE_ROSTER
from tests.app.export.edits import col
from tests.ui.solved_sample import solved_sample
from ui.screens.export import plan_report

FIRST = 5  # the first data row of a list sheet


def _first(ws, header: str, value: str) -> int:
    at = col(ws, header)
    return next(r for r in range(FIRST, ws.max_row + 1) if ws.cell(r, at).value == value)


def _key(ws, row: int) -> list[str]:
    return ws.cell(row, col(ws, "Phasegate key")).value.split(":", 1)[1].split("|")


@pytest.fixture
def solved(window):
    """The window on the solved sample, its plan exported (with pay) to a workbook."""
    window.doc.replace(solved_sample())
    return window


@pytest.fixture
def workbook(solved, tmp_path):
    """The exported plan of the window's project (as the approvers receive it)."""
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(plan_report(solved.doc.project), path)
    return path


def _read(qtbot, window, interaction, path):
    """File → Read approvers' decisions… on `path`; the dialog once the worker has read it (or failed to)."""
    interaction.open_files.append(str(path))
    window.actions_by_name["read_decisions"].trigger()
    dialog = window.screens["export"].decisions_dialog
    qtbot.waitUntil(lambda: dialog.decisions is not None or not dialog.error.isHidden(), timeout=60_000)
    return dialog


def _mark(path, out, edit) -> dict:
    wb = openpyxl.load_workbook(path)
    facts = edit(wb)
    wb.save(out)
    return facts


def _approvals(wb) -> dict:
    """Approve one assignment, reject another person, a contract and a training."""
    people, hiring, skills = wb["Assignments"], wb["Hiring"], wb["Upskilling"]
    contract = _first(hiring, "Hire or contract", "Contract")
    hiring.cell(contract, col(hiring, "Approval"), "Rejected")
    skills.cell(FIRST, col(skills, "Approval"), "Rejected")
    trainee = skills.cell(FIRST, col(skills, "Person ID")).value
    rows = [r for r in range(FIRST, people.max_row + 1) if people.cell(r, 1).value not in (None, trainee)]
    people.cell(rows[0], col(people, "Approval"), "Approved")
    people.cell(rows[1], col(people, "Approval"), "Rejected")
    people.cell(rows[1], col(people, "Comment"), "needed on the Fraud desk")
    return {"contract": _key(hiring, contract), "training": _key(skills, FIRST)[:2], "pinned": _key(people, rows[0]),
            "excluded": _key(people, rows[1]),
            "pinned_name": people.cell(rows[0], col(people, "Name")).value,
            "excluded_name": people.cell(rows[1], col(people, "Name")).value}


def test_read_apply_undo_and_replan(qtbot, solved, workbook, interaction, tmp_path):
    window = solved
    marked = tmp_path / "marked.xlsx"
    facts = _mark(workbook, marked, _approvals)
    dialog = _read(qtbot, window, interaction, marked)
    assert interaction.asked[-1] == "open: Read approvers' decisions"
    lines = dialog.lines()
    assert lines[0] == "What the approvers decided"
    assert "1 approved (or FTE-edited) assignment: pinned, the re-plan keeps it" in lines
    assert "1 rejected assignment: that person is excluded from that initiative" in lines
    assert "1 rejected hire or contract: the re-plan does not hire or contract there" in lines
    assert "1 rejected training: the re-plan does not rely on it" in lines
    assert not any(line.startswith("Problems") for line in lines)
    assert any(f"approved {facts['pinned_name']} → " in line for line in lines)
    assert any(f"rejected {facts['excluded_name']} → " in line and "(needed on the Fraud desk)" in line
               for line in lines)
    assert "every decision can be applied as the approvers meant it" in dialog.headline.text()
    assert dialog.apply_button.isEnabled() and not dialog.partial.isVisible()

    doc = window.doc
    before = doc.project.scenario().model_copy()
    assert not doc.is_stale()
    assert dialog.apply()
    sc = doc.project.scenario()
    assert [(p.person_id, p.initiative, p.role) for p in sc.pins] == [tuple(facts["pinned"])]
    assert [(e.person_id, e.initiative) for e in sc.exclusions] == [tuple(facts["excluded"][:2])]
    assert [(s.initiative, s.role, s.kind, s.rejected) for s in sc.sourcing_limits] == [(*facts["contract"], True)]
    assert [(t.person_id, t.skill) for t in sc.rejected_trainings] == [tuple(facts["training"])]
    assert doc.is_stale()  # the existing out-of-date marker
    plan_screen = window.screens["plan"]
    assert "out of date" in plan_screen.headline.text()
    assert "approvers rejected 1 hire or contract and 1 training" in plan_screen.headline.text()
    panel = [(r.kind, r.who) for r in plan_screen.pins_panel.model.records if r.kind != "decision"]
    assert panel == [("pin", facts["pinned_name"]), ("exclusion", facts["excluded_name"])]
    assert [r.label for r in plan_screen.pins_panel.model.records if r.kind == "decision"] == [
        "Rejected contract", "Rejected training"]  # the approvers' other decisions, listed beside them
    assert window.actions_by_name["undo"].text().startswith("&Undo Apply approvers' decisions from marked.xlsx (1 pin")

    doc.undo_stack.undo()  # one Ctrl+Z removes all of it
    sc = doc.project.scenario()
    assert (sc.pins, sc.exclusions, sc.sourcing_limits, sc.rejected_trainings) == (
        before.pins, before.exclusions, before.sourcing_limits, before.rejected_trainings)
    assert plan_screen.pins_panel.model.records == [] and not doc.is_stale()

    doc.undo_stack.redo()
    with qtbot.waitSignal(plan_screen.worker.finished, timeout=120_000):
        assert plan_screen.solve()
    plan = doc.project.scenario().plan
    assert not doc.is_stale()
    assert not [h for h in plan.hires if [h.initiative, h.role, h.kind] == facts["contract"]]
    assert not [t for t in plan.trainings if [t.person_id, t.skill] == facts["training"]]
    assert [a.pinned for a in plan.assignments if [a.person_id, a.initiative, a.role] == facts["pinned"]] == [True]
    assert not [a for a in plan.assignments if [a.person_id, a.initiative] == facts["excluded"][:2]]
    assert plan_screen.decisions_broken() == []
    assert "breaks" not in plan_screen.headline.text()
    assert interaction.errors == []


def _renamed_and_changed(wb) -> dict:
    """Rename the Hiring sheet (read from its new name) and type another person's id over an approved row."""
    wb["Hiring"].title = "Hires (finance)"
    people = wb["Assignments"]
    people.cell(FIRST, col(people, "Approval"), "Approved")
    original = people.cell(FIRST, 1).value
    other = next(people.cell(r, 1).value for r in range(FIRST + 1, people.max_row + 1)
                 if people.cell(r, 1).value not in (None, original))
    people.cell(FIRST, 1, other)
    people.cell(FIRST + 1, col(people, "Approval"), "Approved")
    return {"other": other, "second": _key(people, FIRST + 1)}


def test_a_workbook_read_in_part_is_applied_only_when_asked(qtbot, solved, workbook, interaction, tmp_path):
    window = solved
    marked = tmp_path / "renamed.xlsx"
    facts = _mark(workbook, marked, _renamed_and_changed)
    dialog = _read(qtbot, window, interaction, marked)
    lines = dialog.lines()
    assert "sheet 'Hiring' was renamed 'Hires (finance)'; its decisions were read from there" in lines
    assert "Problems (1)" in lines
    (problem,) = [line for line in lines if line.startswith("problem: ")]
    assert problem.startswith(f"problem: sheet 'Assignments', row {FIRST}, column 'Person ID' ('{facts['other']}'): "
                              "changed from '")
    assert "this row's approval, rejection and FTE were not applied" in problem
    assert "1 problem (listed below): the workbook could not be read completely" in dialog.headline.text()
    assert not dialog.apply_button.isEnabled()
    assert dialog.partial.isVisible() and dialog.partial.text() == "Apply what could be read (1 problem above)"
    dialog.partial.setChecked(True)
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    sc = window.doc.project.scenario()
    assert [[p.person_id, p.initiative, p.role] for p in sc.pins] == [facts["second"]]  # not the changed row
    assert "1 problem left out" in window.doc.undo_stack.undoText()


def test_pay_is_left_out_when_the_export_screen_leaves_it_out(qtbot, solved, workbook, interaction, tmp_path):
    def edited_cost(wb):
        ws = wb["Hiring"]
        ws.cell(FIRST, col(ws, "Cost"), 1)

    marked = tmp_path / "cost.xlsx"
    _mark(workbook, marked, edited_cost)
    solved.screens["export"].without_pay.setChecked(True)
    dialog = _read(qtbot, solved, interaction, marked)
    (problem,) = [line for line in dialog.lines() if line.startswith("problem: ")]
    assert problem == (f"problem: sheet 'Hiring', row {FIRST}, column 'Cost': costs are computed by Phasegate "
                       "(amounts hidden); an edited cost is not applied — set a budget or reject the row instead")
    solved.screens["export"].without_pay.setChecked(False)
    dialog = _read(qtbot, solved, interaction, marked)
    (problem,) = [line for line in dialog.lines() if line.startswith("problem: ")]
    assert "('1'): costs are computed by Phasegate (this row: " in problem
    dialog.reject()


def test_a_file_that_is_not_a_phasegate_workbook_is_one_line(qtbot, solved, workbook, interaction, tmp_path):
    window = solved
    for path, words in ((SAMPLE_ROSTER, "not a Phasegate plan workbook (no decision sheets)"),
                        (tmp_path / "notes.xlsx", "not an Excel workbook (.xlsx)")):
        if path.suffix and not path.exists():
            path.write_text("minutes of the steering committee", encoding="utf-8")
        dialog = _read(qtbot, window, interaction, path)
        assert dialog.error.isVisible() and dialog.error.text() == f"{path.name}: {words}"
        assert "Traceback" not in dialog.error.text() and "\n" not in dialog.error.text()
        assert not dialog.apply_button.isEnabled() and not dialog.apply()
    # another project's workbook: none of its rows names an initiative of this project
    project = window.doc.project
    project.portfolio.initiatives = [i.model_copy(update={"id": f"Other {i.id}"}) for i in
                                     project.portfolio.initiatives]
    project.scenario().plan = None
    dialog = _read(qtbot, window, interaction, workbook)
    assert dialog.error.text().startswith("plan.xlsx: this workbook was exported from another project: its decision "
                                          "rows name initiative(s) ")
    assert not dialog.apply_button.isEnabled()
    assert interaction.errors == [] and window.doc.project.scenario().pins == []
    dialog.reject()


def test_a_plan_that_breaks_a_rejection_says_so(qtbot, solved, workbook, interaction, tmp_path):
    def reject_contract(wb):
        hiring = wb["Hiring"]
        row = _first(hiring, "Hire or contract", "Contract")
        hiring.cell(row, col(hiring, "Approval"), "Rejected")
        return (*_key(hiring, row), hiring.cell(row, col(hiring, "Role")).value)

    marked = tmp_path / "rejected.xlsx"
    initiative, _role, _kind, role = _mark(workbook, marked, reject_contract)  # said by its name, as the sheet shows
    assert _read(qtbot, solved, interaction, marked).apply()
    doc = solved.doc
    # as if the plan on show had been solved with the rejection and could not keep it (the CLI stops, exit 1)
    doc.solved_with[doc.project.active_scenario] = doc.project.plan_inputs()
    doc.plan_changed.emit()
    plan_screen, export = solved.screens["plan"], solved.screens["export"]
    (line,) = plan_screen.decisions_broken()
    assert line.startswith(f"contracting for {role} in {initiative} was rejected, but the plan still contracts ")
    assert "The plan breaks 1 approvers' decision:" in plan_screen.headline.text()
    assert f"It breaks 1 approvers' decision ({line}); the Plan screen lists them." in export.status.text()
