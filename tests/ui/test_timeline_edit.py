"""Changing a commitment's dates on the Timeline: dragging its bar under the grid (QTest mouse events), the
'Change dates…' dialog from the keyboard, the refusal of an end before the start, undo, and what a plan makes of it."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from app.domain.people import Commitment
from app.planning.words.numbers import day as day_text
from ui.models.timeline import FIXED_COLUMNS, FiguresRole
from ui.timeline_commands import SetCommitmentDates

INES = "NW01042"  # Ines Larkspur, on the Platform Migration full-time through the winter


def _shown(qtbot, window, project):
    window.resize(1500, 950)
    window.show()
    qtbot.waitExposed(window)
    window.doc.replace(project)
    window.go_to("timeline")
    screen = window.screens["timeline"]
    _settled(qtbot, screen)
    return screen


def _settled(qtbot, screen):
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0 and not screen.worker.is_running() and not screen.stale,
                    timeout=60_000)


def _cell(screen, person_id, day):
    """Ines's figures and tooltip in the period holding `day`, as the grid shows them."""
    model = screen.model
    t = next(k for k, p in enumerate(model.grid.periods) if p.start <= day <= p.end)
    index = model.index(model.row_of(person_id), len(FIXED_COLUMNS) + t)
    return index.data(FiguresRole), index.data(Qt.ItemDataRole.ToolTipRole)


def _drag(lane, row, *, from_x, to_x):
    y = int(lane.bar_rect(row).center().y())
    QTest.mousePress(lane, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(int(from_x), y))
    QTest.mouseMove(lane, QPoint(int((from_x + to_x) / 2), y))
    QTest.mouseMove(lane, QPoint(int(to_x), y))
    QTest.mouseRelease(lane, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(int(to_x), y))


def test_dragging_a_commitments_end_moves_it_and_undo_puts_it_back(qtbot, window, sample_project):
    screen = _shown(qtbot, window, sample_project.model_copy(deep=True))
    before = window.doc.people[window.doc.row_of(INES)].commitments[0]
    assert before.initiative == "Platform Migration" and before.end is not None
    periods = screen.model.grid.periods
    ends_in = next(k for k, p in enumerate(periods) if p.start <= before.end <= p.end)
    assert ends_in >= 3
    _, tip = _cell(screen, INES, periods[ends_in - 1].start)
    assert f"Platform Migration 1 confirmed until {day_text(before.end)}" in tip
    assert screen.select_person(INES)
    lane = screen.lane
    assert lane.bars[0].label == "Platform Migration 1 confirmed"
    # the bar's right end lies in the period it ends in; drop it two periods earlier: it ends on that period's last day
    target = ends_in - 2
    _drag(lane, 0, from_x=lane.bar_rect(0).right() - 1, to_x=lane.column(target)[0] + 5)
    after = window.doc.people[window.doc.row_of(INES)].commitments[0]
    assert (after.start, after.end) == (before.start, periods[target].end)
    assert window.doc.undo_stack.undoText() == (f"Move Ines's Platform Migration commitment to run from "
                                                f"{day_text(before.start)} to {day_text(periods[target].end)}")
    _settled(qtbot, screen)  # recomputed on the worker
    figures, tip = _cell(screen, INES, periods[target + 1].start)
    assert "Platform Migration" not in tip and figures["confirmed"] == 0 and figures["free"] == 1
    figures, tip = _cell(screen, INES, periods[target].start)
    assert f"Platform Migration 1 confirmed until {day_text(periods[target].end)}" in tip
    assert lane.person.id == INES and lane.bars[0].end == periods[target].end  # still selected, new dates

    window.doc.undo_stack.undo()
    assert window.doc.people[window.doc.row_of(INES)].commitments[0] == before
    _settled(qtbot, screen)
    figures, tip = _cell(screen, INES, periods[target + 1].start)
    assert f"Platform Migration 1 confirmed until {day_text(before.end)}" in tip and figures["confirmed"] == 1


def test_dragging_the_whole_bar_moves_both_dates_by_whole_periods(qtbot, window, sample_project):
    screen = _shown(qtbot, window, sample_project.model_copy(deep=True))
    before = window.doc.people[window.doc.row_of(INES)].commitments[0]
    assert screen.select_person(INES)
    lane = screen.lane
    rect = lane.bar_rect(0)
    start_in = lane.period_at(rect.center().x())
    _drag(lane, 0, from_x=rect.center().x(), to_x=lane.column(start_in + 1)[0] + 20)
    after = window.doc.people[window.doc.row_of(INES)].commitments[0]
    assert after.start.month == before.start.month % 12 + 1 and after.start.day == before.start.day
    assert after.end > before.end and (after.end - before.end).days in range(28, 32)


def test_an_end_before_the_start_is_refused_in_words(qtbot, window, sample_project, interaction):
    screen = _shown(qtbot, window, sample_project.model_copy(deep=True))
    before = window.doc.people[window.doc.row_of(INES)].commitments[0]
    assert screen.select_person(INES)
    lane = screen.lane
    steps = window.doc.undo_stack.count()
    last = len(screen.model.grid.periods) - 1
    _drag(lane, 0, from_x=lane.bar_rect(0).left() + 1, to_x=lane.column(last)[0] + 5)  # the start, past the end
    assert window.doc.people[window.doc.row_of(INES)].commitments[0] == before
    assert window.doc.undo_stack.count() == steps
    title, message, _ = interaction.errors[-1]
    assert title == "Change dates"
    assert message == (f"Ines's Platform Migration commitment cannot end on {day_text(before.end)}, before it starts "
                       f"on {day_text(screen.model.grid.periods[last].start)}")


def test_change_dates_from_the_keyboard(qtbot, window, sample_project):
    screen = _shown(qtbot, window, sample_project.model_copy(deep=True))
    before = window.doc.people[window.doc.row_of(INES)].commitments[0]
    assert screen.select_person(INES)
    screen.lane.setFocus()
    QTest.keyClick(screen.lane, Qt.Key.Key_Return)
    dialog = screen.dates_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.start_edit.text() == day_text(before.start)  # '2 Mar 2026' as everywhere else, not '2026-03-02'
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.end_edit.setDate(before.start.replace(day=1))  # before the start: refused in the dialog itself
    assert not ok.isEnabled()
    assert dialog.problem.text() == (f"It cannot end on {day_text(before.start.replace(day=1))}, before it starts "
                                     f"on {day_text(before.start)}.")
    dialog.has_end.setChecked(False)  # until further notice
    assert ok.isEnabled() and dialog.problem.text() == ""
    QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
    after = window.doc.people[window.doc.row_of(INES)].commitments[0]
    assert (after.start, after.end) == (before.start, None)
    assert window.doc.undo_stack.undoText().endswith(f"to run from {day_text(before.start)}")


def test_the_plan_goes_out_of_date_only_when_the_dates_reach_its_window():
    from tests.ui.solved_sample import solved_sample
    from ui.document import ProjectDocument

    project = solved_sample()
    person = next(p for p in project.roster.people if p.id == INES)
    later = Commitment(initiative="Platform Migration", fte=0.5, start=date(2031, 1, 6), end=date(2031, 3, 28))
    person.commitments.append(later)
    doc = ProjectDocument()
    doc.replace(project)
    assert not doc.is_stale()
    index = len(person.commitments) - 1
    far = SetCommitmentDates(doc, person_id=INES, index=index, start=later.start, end=date(2031, 6, 30))
    far.do()  # years after every window the plan looked at: the plan would come out the same
    assert not doc.is_stale()
    near = SetCommitmentDates(doc, person_id=INES, index=index, start=date.today(), end=date(2031, 6, 30))
    near.do()  # now it holds half her time from today: the plan is out of date
    assert doc.is_stale()
    near.undo()
    assert not doc.is_stale()
    far.undo()
    assert doc.people[doc.row_of(INES)].commitments[index] == later and not doc.is_stale()


def test_right_click_offers_change_dates(qtbot, window, sample_project):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu

    screen = _shown(qtbot, window, sample_project.model_copy(deep=True))
    before = window.doc.people[window.doc.row_of(INES)].commitments[0]
    assert screen.select_person(INES)
    lane = screen.lane
    at = lane.bar_rect(0).center().toPoint()
    QApplication.sendEvent(lane, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, lane.mapToGlobal(at)))
    menu = lane.findChild(QMenu)
    assert [a.text() for a in menu.actions()] == ["Change dates…"]
    menu.actions()[0].trigger()
    menu.close()
    dialog = screen.dates_dialog
    assert dialog.values() == (before.start, before.end)
    dialog.has_start.setChecked(False)  # already running
    dialog.accept()
    after = window.doc.people[window.doc.row_of(INES)].commitments[0]
    assert (after.start, after.end) == (None, before.end)
