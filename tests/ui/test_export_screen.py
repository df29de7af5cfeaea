"""Exports from the window: JSON and CSV through the core writers, pay left out on request, a one-page PDF."""
from __future__ import annotations

import csv
import json
import re
import subprocess
import unicodedata

import openpyxl
import pytest

from app.domain import FAILURE_MODE_LABELS
from app.planning.words import Words
from tests.ui.solved_sample import solved_sample


@pytest.fixture
def export_screen(window):
    """The Export screen of a window on the solved sample."""
    window.doc.replace(solved_sample())
    return window.screens["export"]


def _run(qtbot, screen, kind: str, path=None, **kw) -> str:
    with qtbot.waitSignal(screen.worker.finished, timeout=30_000) as blocker:
        assert screen.export(kind, None if path is None else str(path), **kw)
    return blocker.args[0][1]


def test_json_and_csv_with_and_without_pay(qtbot, export_screen, interaction, tmp_path):
    screen = export_screen
    plan = screen.doc.project.scenario().plan
    _run(qtbot, screen, "json", tmp_path / "plan.json")
    data = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert data["include_pay"] is True and data["plan"]["total_cost"] == plan.total_cost
    assert len(data["plan"]["assignments"]) == len(plan.assignments)
    assert data["kpis"]["coverage"] == plan.coverage

    screen.without_pay.setChecked(True)  # one switch for every format
    _run(qtbot, screen, "json", tmp_path / "nopay.json")
    nopay = json.loads((tmp_path / "nopay.json").read_text(encoding="utf-8"))
    assert nopay["include_pay"] is False and "total_cost" not in nopay["plan"]
    assert all("cost" not in h for h in nopay["plan"]["hires"])

    interaction.directories.append(str(tmp_path / "csv"))
    message = _run(qtbot, screen, "csv")
    files = sorted((tmp_path / "csv").glob("*.csv"))
    assert files and message == (f"Written {len(files)} CSV files into {tmp_path / 'csv'} (scenario “Baseline”, pay "
                                 "left out)")
    assert screen.status.text() == message
    screen.folder_button.click()
    screen.open_button.click()
    assert interaction.opened == [str(tmp_path / "csv")] * 2  # a folder of files opens as the folder
    assert "folder: Export CSV tables into a folder" in interaction.asked
    headers = {f.name: next(csv.reader(f.open(encoding="utf-8-sig"))) for f in files}
    pay = [h for row in headers.values() for h in row
           if ("cost" in h.lower() and h.lower() != "cost center") or "salary" in h.lower()]
    assert pay == []  # "Cost center" is the organisation, not pay

    _run(qtbot, screen, "excel", tmp_path / "nopay.xlsx")
    book = openpyxl.load_workbook(tmp_path / "nopay.xlsx", read_only=True)
    texts = {str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c}
    book.close()
    assert f"{plan.total_cost:,.0f}" not in texts and plan.total_cost not in texts
    assert screen.status.text() == f"Written {tmp_path / 'nopay.xlsx'} (scenario “Baseline”, pay left out)"
    assert interaction.errors == []


def test_the_export_dialog_offers_a_file_named_after_the_project_and_scenario(qtbot, export_screen, interaction,
                                                                              tmp_path):
    """Two scenarios' plans were both offered as '<project>.xlsx', the second overwriting the first."""
    offered = []
    interaction.choose_save_file = lambda *, title, filters, directory="": offered.append(directory) or None
    assert not export_screen.export("excel")
    name = export_screen.doc.display_name()
    assert offered == [f"{name} - Baseline.xlsx"]
    message = _run(qtbot, export_screen, "excel", tmp_path / "plan.xlsx")
    assert message == f"Written {tmp_path / 'plan.xlsx'} (scenario “Baseline”)"


def _pdf_text(path, *options: str) -> str:
    """The PDF's text with ligatures (ﬁ, ﬀ) unfolded."""
    out = subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", out)


def test_pdf_summary_is_one_page_with_kpis_readiness_and_uncovered(qtbot, export_screen, tmp_path):
    from ui.screens.export import plan_report

    screen = export_screen
    project = screen.doc.project
    expected = plan_report(project)
    _run(qtbot, screen, "pdf", tmp_path / "summary.pdf")
    info = subprocess.run(["pdfinfo", str(tmp_path / "summary.pdf")], capture_output=True, text=True, check=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.MULTILINE)
    text = _pdf_text(tmp_path / "summary.pdf", "-layout")
    plan = project.scenario().plan
    for words in ("Key figures", "Coverage", f"{plan.coverage:.0%}", "Total cost", "Readiness by failure mode",
                  "Before the plan", "After the plan", "Top uncovered items", *FAILURE_MODE_LABELS.values()):
        assert words in text, words
    hires = next(line for line in text.splitlines() if "Hires / contractors (people)" in line)
    assert hires.split()[-3:] == [str(plan.hired_heads), "/", str(plan.contracted_heads)]
    status = " ".join(Words().status(plan).split()[:3])
    assert status in " ".join(text.split())
    biggest = max(plan.uncovered, key=lambda u: u.fte)
    assert (biggest.role_name or biggest.role).split()[0] in text
    assert expected.readiness_before and expected.readiness_after
    for mode, label in FAILURE_MODE_LABELS.items():
        row = next(line for line in text.splitlines() if label in line)
        assert re.findall(r"\d+%", row) == [f"{expected.readiness_before[mode]:.0%}",
                                            f"{expected.readiness_after[mode]:.0%}"], row

    _run(qtbot, screen, "pdf", tmp_path / "nopay.pdf", include_pay=False)
    text = _pdf_text(tmp_path / "nopay.pdf")
    assert "Total cost" not in text and "pay left out" in text and "EUR" not in text
    from tests.app.export.payscan import PayScan  # the export's pay scan, on the window's PDF too

    scan = PayScan(expected)
    scan.lines("nopay.pdf", text)
    assert not scan.findings, scan.findings[:5]


def test_status_names_the_plan_exports_will_use(qtbot, export_screen):
    screen = export_screen
    qtbot.waitUntil(lambda: all(b.isEnabled() for b in screen.buttons.values()), timeout=10_000)
    scenario = screen.doc.project.scenario()
    assert screen.status.text() == f"Exports use the plan of scenario “{scenario.name}”: {Words().status(scenario.plan)}."


def test_pdf_summary_names_a_renamed_initiative_by_its_new_name(export_screen):
    """The plan's rows hold initiative ids: renamed after the import, an initiative read under its old name."""
    from ui.pdf_summary import summary_html
    from ui.screens.export import plan_report

    project = export_screen.doc.project
    plan = project.scenario().plan
    renamed = project.initiative(max(plan.uncovered, key=lambda u: u.fte).initiative)
    renamed.name = f"{renamed.name} (renamed)"
    text = summary_html(plan_report(project), scenario="Baseline")
    assert f"<td>{renamed.name}</td>" in text
    assert f"<td>{renamed.id}</td>" not in text
