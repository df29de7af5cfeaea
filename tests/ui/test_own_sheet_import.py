"""A delivery lead's own resource sheet with short headers ('Staff', 'Lead', 'Proj', …) through File → New project:
what the wizard asks, what its preview and summary say, and what the People table shows afterwards."""
from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.wizard_steps import next_after_reading
from ui.screens.roster import ID_COLUMN
from ui.wizard.mapping import DECISION, WHY

HEADER = ["Staff", "Lead", "Proj", "% on initiative", "Contracted FTE", "Fully Loaded Annual Cost", "Start", "End",
          "Python", "SQL", "MLOps"]
PEOPLE = ["Ana Ruiz", "Ben Okafor", "Chloe Martin", "Dmitri Volkov", "Esra Yilmaz", "Farah Haddad", "Gil Cohen",
          "Hana Sato", "Ivo Petrov", "Julia Weber", "Kofi Mensah", "Lena Berg"]
PROJECTS = ["Claims Copilot", "Churn Radar", "Doc Extractor"]
TWICE = {"Esra Yilmaz": "Doc Extractor", "Julia Weber": "Churn Radar"}  # on a second project, on a second row


def _rows(*, twice: bool) -> list[dict[str, str]]:
    rows = []
    for i, name in enumerate(PEOPLE):
        project = PROJECTS[i % 3]
        lead = PEOPLE[i % 3] if name != PEOPLE[i % 3] else ""
        row = {"Staff": name, "Lead": lead, "Proj": project, "% on initiative": "50%" if name in TWICE else "80%",
               "Contracted FTE": "1.0", "Fully Loaded Annual Cost": str(100_000 + 1_000 * i), "Start": "2026-01-05",
               "End": "2026-12-18", "Python": str(1 + i % 5), "SQL": str(1 + (i * 2) % 5), "MLOps": ""}
        rows.append(row)
        if twice and name in TWICE:
            rows.append({**row, "Proj": TWICE[name]})
    return rows


def _write(path: Path, *, ids: bool = False) -> Path:
    """The sheet; with `ids`, an 'Emp ID' column and two people on a second project on a second row (without ids
    such rows are two people of one name until the core reads them as one: see the report of 5 Dec 2026)."""
    rows = _rows(twice=ids)
    header = (["Emp ID"] if ids else []) + HEADER
    number = {name: f"E{100 + k}" for k, name in enumerate(PEOPLE)}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows([{"Emp ID": number[r["Staff"]], **r} if ids else r for r in rows])
    return path


def _to_mapping(qtbot, window, path: Path):
    window.new_from_roster()
    wizard = window.screens["roster"].wizard
    wizard.file_page.path_edit.setText(str(path))
    next_after_reading(qtbot, wizard)
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    return wizard


def _finish(qtbot, window, wizard) -> tuple[str, str]:
    """Skills page → preview (the import runs) → summary → Finish; the preview's status and the summary's text."""
    wizard.next()
    with qtbot.waitSignal(wizard.worker.finished, timeout=30_000):
        wizard.next()
    preview = wizard.preview_page.status.text()
    wizard.next()
    text = wizard.summary_page.text
    qtbot.waitUntil(lambda: "Columns used" in text.toPlainText(), timeout=5_000)  # the lists arrive in pieces
    summary = text.toPlainText()
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        wizard.accept()
    qtbot.wait(20)
    return preview, summary


def _cell(window, row: int, column: str) -> str:
    from ui.models.roster import COLUMNS

    roster = window.screens["roster"]
    at = next(k for k, c in enumerate(COLUMNS) if c.header == column)
    return roster.table.model().index(row, at).data(Qt.ItemDataRole.DisplayRole)


def test_short_headers_are_asked_and_a_csv_is_not_called_a_sheet(qtbot, window, tmp_path):
    path = _write(tmp_path / "my_team.csv")
    wizard = _to_mapping(qtbot, window, path)
    page = wizard.mapping_page
    assert page.unsure() == ["Staff", "Lead", "Proj"]
    assert "3 columns need your decision" in page.asking.text()
    columns = wizard.info.columns
    for column, question in (("Staff", "the values look like names"), ("Lead", "their manager?"),
                             ("Proj", "short for 'project'")):
        r = columns.index(column)
        assert question in page.table.item(r, WHY).text()
        assert page.table.cellWidget(r, DECISION).text() == "Accept"
    assert not page.isComplete()
    for column in ("Staff", "Lead", "Proj"):
        page.table.cellWidget(columns.index(column), DECISION).click()
    assert page.isComplete() and page.asking.isHidden()
    assert page.table.item(columns.index("Proj"), DECISION).text() == "accepted"

    _preview, summary = _finish(qtbot, window, wizard)
    assert f"data rows read from my_team.csv: {len(PEOPLE)} people" in summary
    assert "sheet" not in summary  # a CSV file has no sheets: no "sheet my_team", no "sheet 'my_team', row 6"
    assert "Proj → Current initiative" in summary and "Staff → Name" in summary
    initiatives = window.screens["initiatives"].list
    assert [initiatives.item(r).text().split("\n")[0] for r in range(initiatives.count())] == PROJECTS
    # the names stand in for ids: the People table shows them once, under Name
    roster = window.screens["roster"]
    assert roster.table.isColumnHidden(ID_COLUMN)
    assert _cell(window, 0, "Name") == "Ana Ruiz"


def test_a_second_row_on_another_project_is_said_merged_and_shown_as_two_assignments(qtbot, window, tmp_path):
    path = _write(tmp_path / "my_team.csv", ids=True)
    wizard = _to_mapping(qtbot, window, path)
    page = wizard.mapping_page
    page.set_target("Staff", "name")
    page.set_target("Lead", "manager")
    for column in page.unsure():
        page.accept(column)
    preview, summary = _finish(qtbot, window, wizard)
    data_rows, people = len(PEOPLE) + len(TWICE), len(PEOPLE)
    assert preview.startswith(f"{people} people imported (2 more rows of the same people merged into them), "
                              "0 rows rejected")
    assert (f"{data_rows} data rows read from my_team.csv: {people} people, 2 more rows of people read on an "
            "earlier row (merged into them), 0 rejected") in summary
    assert "row 7, column 'Emp ID': the same person as row 6 on another initiative" in summary
    doc = window.doc
    row = next(k for k, p in enumerate(doc.people) if p.name == "Esra Yilmaz")
    roster = window.screens["roster"]
    assert not roster.table.isColumnHidden(ID_COLUMN)  # ids of their own: shown
    shown = _cell(window, row, "Initiatives")
    assert "Churn Radar 0.5" in shown and "Doc Extractor 0.5" in shown


def test_a_new_project_from_a_roster_without_a_project_column_leads_to_adding_an_initiative(qtbot, window, tmp_path):
    """An HR export with no initiative column (the HR dataset's 311 employees): the new project ended on the People
    table with 'Imported 3 people' and nothing to plan, the next step said nowhere; it opens the Initiatives screen
    and says why."""
    path = tmp_path / "hr_export.csv"
    path.write_text("Employee ID,Name,Position,Python (1-5)\nE1,Ana Ruiz,Data Scientist,4\nE2,Ben Okafor,Engineer,3\n"
                    "E3,Chloe Martin,Analyst,2\n", encoding="utf-8")
    window.show()
    window.new_from_roster()
    wizard = window.screens["roster"].wizard
    wizard.file_page.path_edit.setText(str(path))
    next_after_reading(qtbot, wizard)
    wizard.next()
    wizard.next()
    with qtbot.waitSignal(wizard.worker.finished, timeout=20_000):
        wizard.next()
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=5_000):
        wizard.accept()
    qtbot.waitUntil(lambda: window.current_screen() == "initiatives", timeout=5_000)
    assert window.status_label.text() == ("Imported 3 people from hr_export.csv · no initiative (project) column in "
                                          "it: add the initiative to staff on the Initiatives screen")
