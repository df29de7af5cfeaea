"""Pins and exclusions: one pin per person and role, a visible list with unpin / include, markers, out-of-date plans,
and people who left the roster after a re-import (drop or keep for later, never a dead end)."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from app.domain import Pin
from tests.ui.solved_sample import solved_sample
from ui.commands import ReplaceRoster
from ui.screens.roster import DROP_ABSENT, KEEP_ABSENT
from ui.undo import push


def _select(screen, row: int) -> None:
    view = screen.assignment_view
    view.selectionModel().select(screen.assignments.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)


def _column(model, header: str) -> int:
    return next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header)


def test_pin_twice_edits_one_pin_listed_marked_and_undoable(window):
    window.doc.replace(solved_sample())
    screen = window.screens["plan"]
    doc = window.doc
    _select(screen, 0)
    a = screen.selected_assignment()
    assert "out of date" not in screen.headline.text()
    assert screen.pin_selected()
    assert doc.undo_stack.undoText() == (f"Pin {a.person_name} to {a.role_name} on "
                                         f"{doc.project.initiative(a.initiative).name} at {a.fte:g} FTE")
    mark = _column(screen.assignments, "Pin / exclusion")
    assert screen.assignments.index(0, mark).data() == "pinned by you"  # marked at once, not after a re-solve
    assert "out of date" in screen.headline.text() and "1 pinned by you, 0 excluded" in screen.headline.text()
    _select(screen, 0)
    assert screen.pin_selected()  # pinning again changes the pin, never a second one
    assert doc.undo_stack.undoText().startswith(f"Change the pin of {a.person_name} on {a.role_name}")
    assert len(doc.project.scenario().pins) == 1

    panel = screen.pins_panel
    assert panel.model.rowCount() == 1
    assert [panel.model.index(0, c).data() for c in range(4)] == [
        "Pinned by you", a.person_name, doc.project.initiative(a.initiative).name, a.role_name]
    assert panel.model.index(0, 5).data() == "kept by the next solve"
    assert panel.remove_selected(0)
    assert doc.project.scenario().pins == [] and screen.assignments.index(0, mark).data() == ""
    assert doc.undo_stack.undoText().startswith(f"Unpin {a.person_name} from {a.role_name}")
    assert "out of date" not in screen.headline.text()  # back to what the plan was solved on
    doc.undo_stack.undo()
    assert len(doc.project.scenario().pins) == 1 and panel.model.rowCount() == 1

    _select(screen, 0)
    assert screen.exclude_selected()  # excluding the pinned person drops the pin (the core's rule)
    assert doc.project.scenario().pins == [] and screen.assignments.index(0, mark).data() == "excluded"
    assert panel.model.index(0, 0).data() == "Excluded" and panel.remove_selected(0)
    assert doc.project.scenario().exclusions == []


def test_reimport_without_a_pinned_person_asks_drop_or_keep_and_solve_still_works(qtbot, window, interaction):
    window.doc.replace(solved_sample())
    doc = window.doc
    roster = window.screens["roster"]
    plan = window.screens["plan"]
    gone = doc.people[0]
    doc.project.scenario().pins.append(Pin(person_id=gone.id, initiative="Churn Predictor", role="ml_engineer"))
    rest = [p for p in doc.people if p.id != gone.id]

    push(doc.undo_stack, ReplaceRoster(doc, people=rest, source=None, new_skills=[]))
    interaction.choices.append(KEEP_ABSENT)
    assert roster.reconcile_absent()
    assert f"1 pin of people the new roster does not have:\n• {gone.name} (employee id {gone.id}) pinned to ML " \
        "engineer on Churn Predictor" in interaction.asked[-1]  # named as the plan names them
    assert len(doc.project.scenario().pins) == 1  # kept for later
    panel = plan.pins_panel
    assert panel.model.index(0, 1).data() == f"{gone.name} (employee id {gone.id})"
    assert panel.model.index(0, 5).data().startswith("not applied: the person is no longer in the roster")
    assert panel.drop_button.isVisibleTo(panel)
    # the summary does not count it as kept ("1 pinned" read as if the next solve applied it)
    assert "1 pinned by you, 0 excluded (1 not applied: see “Pins and decisions”)" in plan.headline.text()
    with qtbot.waitSignal(plan.worker.finished, timeout=60_000):
        assert plan.solve()  # a pin that cannot apply never stops a solve
    assert doc.project.scenario().plan.assignments and interaction.errors == []

    assert panel.drop_absent()
    assert doc.project.scenario().pins == [] and not panel.drop_button.isVisibleTo(panel)
    doc.undo_stack.undo()
    interaction.choices.append(DROP_ABSENT)
    assert roster.reconcile_absent()
    assert doc.project.scenario().pins == []
    assert doc.undo_stack.undoText() == "Drop the pins and exclusions of 1 person no longer in the roster"


def test_the_window_tells_the_leads_pins_from_approvals(window):
    """'Pinned by you' is the delivery lead's own pin; 'Approved by approver' (with the comment) one read back from a
    workbook — in the assignments' column, the Pins and decisions list and the summary."""
    window.doc.replace(solved_sample())
    screen = window.screens["plan"]
    doc = window.doc
    _select(screen, 0)
    mine = screen.selected_assignment()
    assert screen.pin_selected()
    other = next(a for a in doc.project.scenario().plan.assignments if a.person_id != mine.person_id)
    sc = doc.project.scenario()
    sc.pins = [*sc.pins, Pin(person_id=other.person_id, initiative=other.initiative, role=other.role, fte=other.fte,
                             comment="agreed with finance", source="approver")]
    doc.notify_scenario()

    mark = _column(screen.assignments, "Pin / exclusion")
    rows = {(a.person_id, a.initiative, a.role): r for r, a in enumerate(screen.assignments.records)}
    assert screen.assignments.index(rows[(mine.person_id, mine.initiative, mine.role)], mark).data() == "pinned by you"
    assert screen.assignments.index(rows[(other.person_id, other.initiative, other.role)], mark).data() == \
        "approved by approver (agreed with finance)"
    panel = screen.pins_panel
    comment = _column(panel.model, "Approvers' comment")
    shown = [(panel.model.index(r, 0).data(), panel.model.index(r, 1).data(), panel.model.index(r, comment).data())
             for r in range(panel.model.rowCount())]
    assert shown == [("Pinned by you", mine.person_name, ""),
                     ("Approved by approver", other.person_name, "agreed with finance")]
    assert panel.summary.text().startswith("1 pinned by you, 1 approved by approver, 0 excluded")
    assert "1 pinned by you, 1 approved by approver, 0 excluded" in screen.headline.text()


def test_the_rules_banner_checks_the_plan_again_after_an_exclusion(qtbot, window):
    """Excluding a person the plan places left '✔ The plan keeps every rule' on show until the next solve."""
    window.doc.replace(solved_sample())
    screen = window.screens["plan"]
    qtbot.waitUntil(lambda: not screen.checker.busy(), timeout=30_000)
    assert screen.banner.state == "ok"
    _select(screen, 0)
    a = screen.selected_assignment()
    assert screen.exclude_selected()
    qtbot.waitUntil(lambda: not screen.checker.busy(), timeout=30_000)
    assert screen.banner.state == "problems"
    assert any(f"{a.person_name} is excluded from" in p for p in screen.banner.problems)
    assert "it was solved before the latest change: press Solve to re-plan." in screen.banner.label.text()
    window.doc.undo_stack.undo()  # included again: the plan keeps every rule again
    qtbot.waitUntil(lambda: not screen.checker.busy(), timeout=30_000)
    assert screen.banner.state == "ok" and screen.banner.label.text().startswith("✔ The plan keeps every rule")


def test_a_pinned_person_who_left_is_named_by_the_name_the_plan_holds(qtbot, window, interaction):
    """After a re-import without them, a pinned person read 'employee id NW01037' in the question and the list."""
    window.doc.replace(solved_sample())
    doc = window.doc
    screen = window.screens["plan"]
    _select(screen, 0)
    a = screen.selected_assignment()
    assert screen.pin_selected()
    rest = [p for p in doc.people if p.id != a.person_id]
    push(doc.undo_stack, ReplaceRoster(doc, people=rest, source=None, new_skills=[]))
    interaction.choices.append(KEEP_ABSENT)
    assert window.screens["roster"].reconcile_absent()
    assert f"• {a.person_name} (employee id {a.person_id}) pinned to {a.role_name}" in interaction.asked[-1]
    panel = screen.pins_panel
    assert panel.model.index(0, 1).data() == f"{a.person_name} (employee id {a.person_id})"
    assert panel.model.index(0, 5).data().startswith("not applied: the person is no longer in the roster")


def test_the_rules_banner_checks_the_plan_again_after_a_roster_edit(qtbot, window):
    """Lowering someone's FTE on the Roster below what the plan gives them left '✔ keeps every rule' on show."""
    from ui.commands import SetPersonField

    window.doc.replace(solved_sample())
    doc, screen = window.doc, window.screens["plan"]
    qtbot.waitUntil(lambda: not screen.checker.busy(), timeout=30_000)
    assert screen.banner.state == "ok"
    a = max(doc.project.scenario().plan.assignments, key=lambda a: a.fte)
    push(doc.undo_stack, SetPersonField(doc, row=doc.row_of(a.person_id), field="fte", value=0.1))
    qtbot.waitUntil(lambda: not screen.checker.busy(), timeout=30_000)
    assert screen.banner.state == "problems" and any(a.person_name in p for p in screen.banner.problems)
