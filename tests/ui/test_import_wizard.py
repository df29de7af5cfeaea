"""The import wizard takes a messy HR export through every step, off the GUI thread, and can be undone."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.wizard_steps import import_to_preview, next_after_reading

MESSY = (
    "\ufeffWorkforce report — generated 2025-03-01;;;;;\n"
    ";;;;;\n"
    "Employee ID;Worker;Business Title;FTE;Python (1-5);Kubernetes (1-5);Badge colour\n"
    "E1;Ana Duarte;Data Scientist;0,8;4;1;blue\n"
    "E2;Ben Okafor;ML Engineer;100%;3;3;red\n"
    "E3;;Ghost row;1;2;2;green\n"
    "E4;Chloé Martin;Process Lead;0,5;;;amber\n"
)


@pytest.fixture
def messy_csv(tmp_path: Path) -> Path:
    path = tmp_path / "workday_export.csv"
    path.write_text(MESSY, encoding="utf-8")
    return path


def _open_wizard(window, path: Path):
    window.import_roster(str(path))
    wizard = window.screens["roster"].wizard
    assert wizard.isVisible()
    return wizard


def test_messy_roster_through_every_step(qtbot, window, messy_csv):
    wizard = _open_wizard(window, messy_csv)
    next_after_reading(qtbot, wizard)
    assert wizard.info.header_row == 3  # title rows above the header are skipped
    assert wizard.sheet_page.preview.verticalHeaderItem(0).text() == "4"
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    assert wizard.mapping_page.mapping().target_of("Worker") == "name"
    wizard.mapping_page.set_target("Badge colour", "ignore")
    wizard.next()
    assert wizard.currentPage() is wizard.skills_page
    with qtbot.waitSignal(wizard.worker.finished, timeout=10_000):
        wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    result = wizard.result
    assert result.counts.imported == 3 and result.counts.rejected == 1
    assert "3 people imported, 1 row rejected" in wizard.preview_page.status.text()
    rejected_row = next(r for r in range(wizard.preview_page.table.rowCount())
                        if wizard.preview_page.table.verticalHeaderItem(r).text() == "6")
    assert wizard.preview_page.table.item(rejected_row, 1).toolTip()  # the cause is on the highlighted cell
    wizard.next()
    summary = wizard.summary_page.text.toPlainText()
    assert "3 people imported" in summary and "row 6" in summary
    steps = window.doc.undo_stack.count()
    with qtbot.waitSignal(wizard.imported, timeout=5_000):
        wizard.accept()
        assert not wizard.isVisible()  # the wizard closes at once; the roster follows on the next turn
        wizard.accept()  # a second Finish (a double click) adds nothing
    qtbot.wait(20)
    assert window.doc.undo_stack.count() == steps + 1
    assert [p.name for p in window.doc.people] == ["Ana Duarte", "Ben Okafor", "Chloé Martin"]
    assert window.doc.people[0].fte == 0.8
    assert window.doc.project.source.file_name == "workday_export.csv"
    assert window.isWindowModified()
    window.actions_by_name["undo"].trigger()
    assert window.doc.people == []


def test_mapping_is_remembered_for_the_same_headers(qtbot, window, messy_csv):
    wizard = _open_wizard(window, messy_csv)
    next_after_reading(qtbot, wizard)
    wizard.next()
    wizard.mapping_page.set_target("Badge colour", "ignore")
    wizard.next()
    wizard.reject()
    again = _open_wizard(window, messy_csv)
    next_after_reading(qtbot, again)
    again.next()
    assert again.mapping_page.mapping().target_of("Badge colour") == "ignore"
    assert "saved last time" in again.mapping_page.saved_note.text()
    again.reject()


def test_mapping_combo_boxes_follow_a_few_rows_per_turn_and_keep_every_choice(qtbot, window, messy_csv):
    from PySide6.QtWidgets import QTableWidget

    from ui.wizard.mapping import ROWS_PER_TURN

    wizard = _open_wizard(window, messy_csv)
    next_after_reading(qtbot, wizard)
    wizard.next()
    page, table = wizard.mapping_page, wizard.mapping_page.table
    last = table.rowCount() - 1
    assert last >= ROWS_PER_TURN  # the messy file has more columns than one turn makes
    assert QTableWidget.cellWidget(table, last, 1) is None  # not made yet: the page showed without waiting for it
    page.set_target("Badge colour", "ignore")  # the last column, chosen before its combo box exists
    qtbot.waitUntil(lambda: QTableWidget.cellWidget(table, last, 1) is not None, timeout=2_000)
    assert table.cellWidget(last, 1).currentData() == "ignore"
    assert table.cellWidget(last, 1).currentText() == "Leave out"  # business words, not the internal name
    header = table.horizontalHeader()  # the reason column stretches over what the others leave
    qtbot.waitUntil(lambda: sum(map(header.sectionSize, range(table.columnCount()))) >= table.viewport().width() - 1,
                    timeout=2_000)
    combo = table.cellWidget(2, 1)
    combo.setCurrentIndex(combo.findData("extra"))  # Business Title, as the user would pick it
    mapping = page.mapping()
    assert mapping.target_of("Badge colour") == "ignore" and mapping.target_of("Business Title") == "extra"
    assert mapping.target_of("Worker") == "name"
    wizard.reject()


def test_preview_rows_arrive_a_few_per_turn_numbered_and_wide_enough(qtbot, window, tmp_path):
    from ui.wizard.common import ROWS_PER_TURN

    path = tmp_path / "long.csv"
    path.write_text("Employee ID;Worker;FTE\n" + "".join(f"E{i};Person number {i};1\n" for i in range(12)),
                    encoding="utf-8")
    wizard = _open_wizard(window, path)
    next_after_reading(qtbot, wizard)
    table = wizard.sheet_page.preview
    assert table.rowCount() == 12 > ROWS_PER_TURN
    assert table.verticalHeaderItem(11).text() == "13"  # numbered as the spreadsheet shows them, at once
    qtbot.waitUntil(lambda: table.item(11, 1) is not None, timeout=2_000)
    assert table.item(11, 1).text() == "Person number 11"
    assert table.columnWidth(1) > table.fontMetrics().horizontalAdvance("Person number 11")
    wizard.reject()


def test_summary_of_many_rejected_rows_arrives_in_pieces_and_lists_every_row(qtbot, window, tmp_path):
    from PySide6.QtGui import QTextDocument

    from ui.wizard.results import ITEMS_PER_PIECE, summary_html

    rejected = 2 * ITEMS_PER_PIECE + 7
    path = tmp_path / "rejects.csv"
    path.write_text("Employee ID;Worker;FTE\nE0;Ana Duarte;1\n" + "".join(f"E{i};;1\n" for i in range(1, rejected + 1)),
                    encoding="utf-8")
    wizard = _open_wizard(window, path)
    import_to_preview(qtbot, wizard)
    assert wizard.result.counts.rejected == rejected
    wizard.next()
    page = wizard.summary_page
    shown = page.text.toPlainText()
    assert "1 people imported" in shown and shown.count("missing name") < rejected  # the first piece at once
    whole = QTextDocument()
    whole.setHtml(summary_html(wizard.result))
    # every piece arrives, and the text is the same as in one go, in the same order
    qtbot.waitUntil(lambda: page.text.toPlainText() == whole.toPlainText(), timeout=5_000)
    assert page.text.toPlainText().count("missing name") == rejected
    assert f"row {rejected + 2}, column 'Worker'" in page.text.toPlainText()
    wizard.reject()



@pytest.mark.parametrize("page", ["mapping", "preview", "summary"])
def test_closing_the_wizard_while_a_page_still_fills_leaves_nothing_queued(qtbot, window, tmp_path, page):
    from PySide6.QtWidgets import QTableWidget

    from ui.models import later
    from ui.wizard.results import ITEMS_PER_PIECE

    rejected = 2 * ITEMS_PER_PIECE + 7  # rows without a name: more summary pieces than the first
    notes = ";" * 8  # eight more columns: more combo boxes than the mapping page makes at once
    path = tmp_path / "wide.csv"
    path.write_text("Employee ID;Worker;FTE" + "".join(f";Note {k}" for k in range(8)) + "\n"
                    + f"E0;Ana Duarte;1{notes}\n" + "".join(f"E{i};;1{notes}\n" for i in range(1, rejected + 1)),
                    encoding="utf-8")
    wizard = _open_wizard(window, path)
    next_after_reading(qtbot, wizard)
    wizard.next()
    if page == "mapping":
        table = wizard.mapping_page.table
        assert QTableWidget.cellWidget(table, table.rowCount() - 1, 1) is None  # still to come
    else:
        wizard.next()
        if page == "preview":
            wizard.next()  # the import starts; the preview rows arrive meanwhile
            table = wizard.preview_page.table
            assert table.rowCount() == 20 and table.item(19, 0) is None  # still to come
        else:
            with qtbot.waitSignal(wizard.worker.finished, timeout=10_000):
                wizard.next()
            wizard.next()
            assert wizard.summary_page.text.toPlainText().count("missing name") < rejected  # still to come
    with qtbot.waitSignal(wizard.destroyed, timeout=5_000):
        wizard.reject()  # the wizard closes and is deleted with its page half filled
    qtbot.waitUntil(lambda: later.pending() == 0, timeout=5_000)
    assert window.doc.people == []  # nothing was imported
    again = _open_wizard(window, path)  # a new wizard fills the same pages to the end
    next_after_reading(qtbot, again)
    again.next()
    table = again.mapping_page.table
    qtbot.waitUntil(lambda: QTableWidget.cellWidget(table, table.rowCount() - 1, 1) is not None, timeout=2_000)
    again.reject()

def test_unreadable_file_stays_on_first_page_with_one_line(qtbot, window, tmp_path):
    bad = tmp_path / "roster.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    wizard = _open_wizard(window, bad)
    wizard.next()
    qtbot.waitUntil(lambda: bool(wizard.file_page.error.text()), timeout=10_000)
    assert wizard.currentPage() is wizard.file_page
    error = wizard.file_page.error.text()
    assert "roster.xlsx" in error and "\n" not in error
    wizard.reject()


def test_reading_shows_a_busy_row_keeps_next_disabled_and_can_be_cancelled(qtbot, window, messy_csv):
    wizard = _open_wizard(window, messy_csv)
    page = wizard.file_page
    wizard.next()
    assert page.busy.active and page.busy.isVisible()  # at once, before the worker has answered
    assert "workday_export.csv" in page.busy.label.text()
    assert not page.isComplete()  # a second Next cannot start a second reading
    page.busy.cancel_button.click()
    assert not page.busy.active and page.isComplete()
    assert page.error.text() == "Reading cancelled; nothing was changed."
    qtbot.wait(200)  # the abandoned reading's answer arrives and is ignored
    assert wizard.currentPage() is page
    next_after_reading(qtbot, wizard)  # Next again reads the file and goes on
    assert wizard.info.header_row == 3 and not page.error.text()
    wizard.reject()


def test_changing_the_header_row_reads_the_sheet_again_in_the_background(qtbot, window, messy_csv):
    wizard = _open_wizard(window, messy_csv)
    next_after_reading(qtbot, wizard)
    page = wizard.sheet_page
    page.header_row.setValue(4)
    assert page.busy.active and not page.isComplete()
    qtbot.waitUntil(lambda: not page.busy.active, timeout=10_000)
    assert wizard.info.header_row == 4 and page.isComplete()
    assert wizard.info.columns[1] == "Ana Duarte"  # the first person's row taken as the header, as asked
    assert page.preview.verticalHeaderItem(0).text() == "5"
    wizard.reject()


def test_closing_the_wizard_while_reading_leaves_nothing_running(qtbot, window, messy_csv):
    wizard = _open_wizard(window, messy_csv)
    wizard.next()
    wizard.reject()
    qtbot.waitUntil(lambda: not window.workers.busy(), timeout=10_000)
    again = _open_wizard(window, messy_csv)  # a new wizard reads the same file normally
    next_after_reading(qtbot, again)
    assert again.info.header_row == 3
    again.reject()


def test_unsure_columns_are_marked_and_need_one_click_each(qtbot, window, tmp_path):
    """One row per operator and operation: the skill columns cannot be decided from the headers; the page asks."""
    import os

    rows = "".join(f"OP{p};Operator {p};{op};{70 + p + k}\n" for p in range(4)
                   for k, op in enumerate(["Pressing", "Hemming", "Packing"]))
    path = tmp_path / "operators.csv"
    path.write_text("Emp ID;Worker;Operation;Eff\n" + rows + "Total;;;\n", encoding="utf-8")
    wizard = _open_wizard(window, path)
    next_after_reading(qtbot, wizard)
    wizard.next()
    page = wizard.mapping_page
    assert page.unsure() == ["Operation", "Eff"] and not page.isComplete()
    assert "2 columns need your decision" in page.asking.text()
    table = page.table
    operation = wizard.info.columns.index("Operation")
    assert table.cellWidget(operation, 1).currentText() == "Skill name (one row per skill)"
    assert "one row per person and skill" in table.item(operation, 3).text()  # the reason, in words
    if os.environ.get("PHASEGATE_SHOTS"):
        wizard.resize(1100, 560)
        qtbot.wait(50)
        wizard.grab().save(os.path.join(os.environ["PHASEGATE_SHOTS"], "import-mapping-unsure.png"))
    wizard.next()
    assert wizard.currentPage() is page  # Next waits for the decisions
    table.cellWidget(operation, 4).click()  # Accept: one click
    assert page.unsure() == ["Eff"] and table.item(operation, 4).text() == "accepted"
    page.accept("Eff")
    assert page.isComplete()
    mapping = page.mapping()
    assert mapping.columns["Operation"].confidence == 1.0 and mapping.target_of("Eff") == "skill_level"
    wizard.next()
    with qtbot.waitSignal(wizard.worker.finished, timeout=10_000):
        wizard.next()
    assert wizard.result.counts.imported == 4 and wizard.result.counts.merged == 8
    assert wizard.result.counts.skipped == 1
    wizard.next()
    text = wizard.summary_page.text
    qtbot.waitUntil(lambda: "Columns used" in text.toPlainText(), timeout=2_000)  # the rest follows in slices
    assert "Operation → Skill name (one row per skill)" in text.toPlainText()
    blocks = {}
    block = text.document().begin()
    while block.isValid():
        blocks[block.text()] = block.textList() is not None
        block = block.next()
    assert blocks["Skipped on purpose"] is False and blocks["Warnings"] is False  # headings, not list items
    if os.environ.get("PHASEGATE_SHOTS"):
        wizard.grab().save(os.path.join(os.environ["PHASEGATE_SHOTS"], "import-summary.png"))
    wizard.reject()


def test_an_import_a_closed_wizard_left_running_does_not_land_in_the_next_wizard(qtbot, window, messy_csv):
    wizard = _open_wizard(window, messy_csv)
    next_after_reading(qtbot, wizard)
    worker = wizard.worker  # shared by every wizard the window opens
    with qtbot.waitSignal(wizard.destroyed, timeout=5_000):
        wizard.reject()
    fresh = _open_wizard(window, messy_csv)  # still reading its file: it has started no import
    worker.finished.emit(object())  # the import the closed wizard had started ends now
    worker.failed.emit("an old import failed", "")
    assert fresh.result is None and fresh.isVisible()
    assert "old import" not in fresh.preview_page.status.text()
    next_after_reading(qtbot, fresh)
    assert fresh.info is not None and fresh.result is None
    with qtbot.waitSignal(fresh.destroyed, timeout=5_000):
        fresh.reject()


def test_a_column_no_field_matches_says_no_match_not_a_confidence(qtbot, window, messy_csv):
    """'Badge colour' kept as an extra field showed 'Confidence 100%' beside 'no field matches this header'."""
    from ui.wizard.mapping import CONFIDENCE

    wizard = _open_wizard(window, messy_csv)
    next_after_reading(qtbot, wizard)
    wizard.next()
    page = wizard.mapping_page
    row = {c: r for r, c in enumerate(wizard.info.columns)}
    assert page.mapping().target_of("Badge colour") == "extra"
    assert page.table.item(row["Badge colour"], CONFIDENCE).text() == "no match"
    assert "No field matches this column" in page.table.item(row["Badge colour"], CONFIDENCE).toolTip()
    assert page.table.item(row["Worker"], CONFIDENCE).text().endswith("%")
    page.set_target("Badge colour", "ignore")
    assert page.table.item(row["Badge colour"], CONFIDENCE).text() == "your choice"
    wizard.reject()


def test_the_preview_says_where_warnings_below_its_rows_are(qtbot, window, tmp_path):
    """'10 warnings' over a preview of the first 20 rows with no amber cell: nothing to hover, nothing said."""
    rows = ["Employee ID,Name,FTE"] + [f"E{i},Person {i},1" for i in range(1, 31)] + ["E31,Person 31,150%"]
    path = tmp_path / "late_warning.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    wizard = _open_wizard(window, path)
    import_to_preview(qtbot, wizard)
    result = wizard.result
    late = [w for w in result.warnings if w.row is not None and w.row > 21]
    assert late and late[0].row == 32  # the header is row 1
    assert wizard.preview_page.status.text().endswith(
        f"The preview shows the first {len(wizard.info.preview)} rows; 1 problem is on a row below them: the next "
        "step lists every one with its row.")
    wizard.reject()
