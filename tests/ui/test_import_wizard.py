"""The import wizard takes a messy HR export through every step, off the GUI thread, and can be undone."""
from __future__ import annotations

from pathlib import Path

import pytest

MESSY = (
    "\ufeffWorkforce report — generated 2025-03-01;;;;;\n"
    ";;;;;\n"
    "Employee ID;Worker;Business Title;FTE;Python;Kubernetes;Badge colour\n"
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
    wizard.next()
    assert wizard.currentPage() is wizard.sheet_page
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
    assert "3 people imported, 1 rows rejected" in wizard.preview_page.status.text()
    rejected_row = next(r for r in range(wizard.preview_page.table.rowCount())
                        if wizard.preview_page.table.verticalHeaderItem(r).text() == "6")
    assert wizard.preview_page.table.item(rejected_row, 1).toolTip()  # the cause is on the highlighted cell
    wizard.next()
    summary = wizard.summary_page.text.toPlainText()
    assert "3 people imported" in summary and "row 6" in summary
    wizard.accept()
    assert [p.name for p in window.doc.people] == ["Ana Duarte", "Ben Okafor", "Chloé Martin"]
    assert window.doc.people[0].fte == 0.8
    assert window.doc.project.source.file_name == "workday_export.csv"
    assert window.isWindowModified()
    window.actions_by_name["undo"].trigger()
    assert window.doc.people == []


def test_mapping_is_remembered_for_the_same_headers(qtbot, window, messy_csv):
    wizard = _open_wizard(window, messy_csv)
    wizard.next()
    wizard.next()
    wizard.mapping_page.set_target("Badge colour", "ignore")
    wizard.next()
    wizard.reject()
    again = _open_wizard(window, messy_csv)
    again.next()
    again.next()
    assert again.mapping_page.mapping().target_of("Badge colour") == "ignore"
    assert "saved last time" in again.mapping_page.saved_note.text()
    again.reject()


def test_unreadable_file_stays_on_first_page_with_one_line(window, tmp_path):
    bad = tmp_path / "roster.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    wizard = _open_wizard(window, bad)
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    error = wizard.file_page.error.text()
    assert "roster.xlsx" in error and "\n" not in error
    wizard.reject()
