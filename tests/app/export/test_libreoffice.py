"""The exported workbook opened by a real client: LibreOffice converts it, recalculates it and saves it back."""
from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest

from app.export import read_decisions, write_plan_workbook
from tests.app.export.conftest import INJECTED_NAME, sample_report
from tests.libreoffice import convert as _convert
from tests.libreoffice import tool as _tool

pytestmark = pytest.mark.libreoffice
#: All sheets, one CSV each (LibreOffice ≥ 7.2), UTF-8, raw values rather than formatted text.
CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1'


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The sample workbook converted once per format: PDF, one CSV per sheet, and re-saved as .xlsx."""
    root = tmp_path_factory.mktemp("lo")
    report = sample_report()
    book = write_plan_workbook(report, root / "plan.xlsx")
    (root / "pdf").mkdir()
    _convert(book, "pdf", root / "pdf")
    (root / "csv").mkdir()
    _convert(book, CSV_FILTER, root / "csv")
    (root / "xlsx").mkdir()
    _convert(book, "xlsx:Calc MS Excel 2007 XML", root / "xlsx")
    return root, report


def _sheet(root: Path, name: str) -> list[list[str]]:
    with open(root / "csv" / f"plan-{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _totals(root: Path, name: str) -> dict[str, str]:
    """The totals row of a list sheet by header."""
    rows = _sheet(root, name)
    header = next(r for r in rows if "Phasegate key" in r or "Cause" in r)
    return dict(zip(header, rows[rows.index(header) - 2], strict=False))  # title, totals, approved, header


def _number(text: str) -> float:
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


def test_pdf_renders_every_sheet_without_hash_cells(converted):
    root, _ = converted
    pdf = root / "pdf" / "plan.pdf"
    assert pdf.stat().st_size > 10_000
    text = subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout
    for heading in ("Staffing plan: Claims triage AI", "Assignments: 4 assignments", "Upskilling: 2 training steps",
                    "Hiring: 2 hires/contracts", "Gap matrix", "Roster snapshot", "Assumptions behind this plan"):
        assert heading in text
    assert "###" not in text
    subprocess.run([_tool("pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(root / "page")],
                   check=True, timeout=60)
    assert len(list(root.glob("page-*.png"))) == 2


def test_recalculated_totals_equal_the_plan(converted):
    root, report = converted
    plan = report.plan
    kpis = {r[0]: r[1] for r in _sheet(root, "Summary") if len(r) > 1 and r[0]}
    assert _number(kpis["Total cost"]) == pytest.approx(plan.total_cost)
    assert _number(kpis["Uncovered FTE"]) == pytest.approx(plan.uncovered_fte)
    assert _number(kpis["Coverage"]) == pytest.approx(plan.coverage, abs=1e-4)
    assert _number(kpis["FTE moved or assigned (Assignments)"]) == pytest.approx(sum(a.fte for a in plan.assignments))
    assert (_number(kpis["Hires (people)"]), _number(kpis["Contractors (people)"])) == (1, 1)
    assignments = _totals(root, "Assignments")
    assert _number(assignments["FTE"]) == pytest.approx(2.5)
    assert _number(assignments["Internal cost"]) == pytest.approx(sum(a.cost for a in plan.assignments))
    upskilling = _totals(root, "Upskilling")
    assert _number(upskilling["Cost"]) == pytest.approx(sum(t.cost for t in plan.trainings))
    hiring = _totals(root, "Hiring")
    assert _number(hiring["FTE"]) == pytest.approx(1.5)
    assert _number(hiring["Heads"]) == 2
    assert _number(hiring["Cost"]) == pytest.approx(sum(h.cost for h in plan.hires))


def test_libreoffice_does_not_evaluate_injected_text(converted):
    root, _ = converted
    row = next(r for r in _sheet(root, "Assignments") if r and r[0] == "E311")
    assert row[1] == INJECTED_NAME
    title = next(r for r in _sheet(root, "Roster snapshot") if r and r[0] == "E311")[2]
    assert title == "+cmd|' /C calc'!A0"


def test_a_workbook_resaved_by_libreoffice_reads_back(converted):
    root, report = converted
    resaved = root / "xlsx" / "plan.xlsx"
    result = read_decisions(resaved)
    assert not (result.problems or result.deleted or result.pins)
    assert result.unchanged == 8
    assert read_decisions(resaved, report_or_plan=report).unchanged == 8
