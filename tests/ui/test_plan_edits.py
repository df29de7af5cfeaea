"""Hand edits of a plan are undo commands, checked at once by the validator; broken rules show in a banner."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from tests.ui.solved_sample import solved_sample
from ui.models.plan_rows import BROKEN


@pytest.fixture
def plan_window(qtbot, window):
    """The main window on the solved sample, showing the Plan screen once the first check has arrived."""
    screen = window.screens["plan"]
    with qtbot.waitSignal(screen.checker.checked, timeout=15_000):
        window.doc.replace(solved_sample())
    window.go_to("plan")
    return window


def _select(screen, row: int) -> None:
    screen.assignment_view.selectionModel().select(
        screen.assignments.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)


def test_fte_edit_breaks_a_rule_then_undo_restores_and_rechecks(qtbot, plan_window):
    win = plan_window
    screen = win.screens["plan"]
    original = win.doc.project.scenario().plan
    assert screen.banner.state == "ok" and screen.banner.isVisibleTo(screen)  # the solver's plan passes
    assert "keeps every rule" in screen.banner.label.text()
    row = 2
    person = screen.assignments.records[row]
    fte_cell = screen.assignments.index(row, 3)
    assert screen.assignments.flags(fte_cell) & Qt.ItemFlag.ItemIsEditable

    with qtbot.waitSignal(screen.checker.checked, timeout=15_000):
        assert screen.assignments.setData(fte_cell, "150%")
    plan = win.doc.project.scenario().plan
    assert plan.assignments[row].fte == 1.5 and plan.settings["edited_by_hand"]
    assert win.doc.undo_stack.undoText() == f"Set {person.person_name} on {person.role_name} to 1.5 FTE"
    assert screen.banner.state == "problems"
    assert any(person.person_name in p for p in screen.banner.problems)
    assert "breaks" in screen.banner.label.text() and person.person_name in screen.banner.label.text()
    assert screen.assignments.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) == BROKEN
    assert person.person_name in screen.assignments.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "edited by hand" in screen.headline.text()

    with qtbot.waitSignal(screen.checker.checked, timeout=15_000):
        win.actions_by_name["undo"].trigger()
    assert win.doc.project.scenario().plan is original
    assert screen.banner.state == "ok" and screen.banner.problems == []
    assert screen.assignments.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) != BROKEN


def test_move_to_a_role_the_person_cannot_fill_is_flagged(qtbot, plan_window, interaction):
    win = plan_window
    screen = win.screens["plan"]
    row = next(i for i, a in enumerate(screen.assignments.records) if a.role == "data_scientist")
    person = screen.assignments.records[row]
    target = next((i, r) for i, r, _label in screen.role_choices()
                  if i == person.initiative and r not in ("data_scientist",) and "engineer" in r)
    _select(screen, row)
    with qtbot.waitSignal(screen.checker.checked, timeout=15_000):
        assert screen.move_selected(initiative=target[0], role=target[1])
    moved = win.doc.project.scenario().plan.assignments[row]
    assert (moved.initiative, moved.role) == target and not moved.pinned
    reason = screen.assignments.index(row, screen.assignments.columnCount() - 1).data()
    assert reason == f"{person.person_name}: moved by hand from {person.role_name} on {person.initiative}"
    assert win.doc.undo_stack.undoText().startswith(f"Move {person.person_name} to ")
    assert any("not qualified" in p and person.person_name in p for p in screen.banner.problems)
    assert screen.assignments.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) == BROKEN

    with qtbot.waitSignal(screen.checker.checked, timeout=15_000):
        win.doc.undo_stack.undo()
    assert win.doc.project.scenario().plan.assignments[row] == person
    assert screen.banner.state == "ok"
    assert interaction.errors == []


def test_bad_fte_is_refused_and_remove_is_undoable(qtbot, plan_window):
    win = plan_window
    screen = win.screens["plan"]
    before = win.doc.project.scenario().plan
    cell = screen.assignments.index(0, 3)
    assert not screen.assignments.setData(cell, "lots")
    assert "FTE must be a number" in screen.assignments.last_error
    assert not screen.assignments.setData(cell, "0")
    assert "greater than 0" in screen.assignments.last_error
    assert win.doc.project.scenario().plan is before and win.doc.undo_stack.count() == 0

    count = screen.assignments.rowCount()
    gone = screen.assignments.records[0]
    _select(screen, 0)
    with qtbot.waitSignal(screen.checker.checked, timeout=15_000):
        assert screen.remove_selected()
    assert screen.assignments.rowCount() == count - 1
    assert gone not in win.doc.project.scenario().plan.assignments
    assert win.doc.undo_stack.undoText().startswith(f"Remove {gone.person_name} from ")
    assert screen.banner.state in ("ok", "problems")  # a check ran on the edited plan
    win.doc.undo_stack.undo()
    assert screen.assignments.rowCount() == count and screen.assignments.records[0] == gone


def test_a_check_counts_as_busy_from_the_request_and_the_banner_says_so_at_once(qtbot, plan_window):
    screen = plan_window.screens["plan"]
    checker = screen.checker
    with qtbot.waitSignal(checker.checked, timeout=15_000):
        checker.request()
        # the snapshot and the worker wait for later turns; callers waiting on busy() must not think it is done
        assert checker.busy() and screen.banner.state == "checking"
    assert not checker.busy() and screen.banner.state == "ok"


def test_the_move_dialog_starts_on_the_persons_own_role(qtbot, plan_window):
    """It showed the list's first role ('Data scientist — Demand Forecasting'): OK moved the person there."""
    from ui.widgets.move_dialog import MoveDialog

    screen = plan_window.screens["plan"]
    choices = screen.role_choices()
    person = next(a for a in screen.assignments.records if (a.initiative, a.role) != choices[0][:2])
    dialog = MoveDialog(None, person=person.person_name, choices=choices, current=(person.initiative, person.role),
                        fte=person.fte)
    qtbot.addWidget(dialog)
    assert dialog.answer() == (person.initiative, person.role, round(person.fte, 2))
    assert dialog.role.currentText().startswith(f"{person.role_name} — ")
