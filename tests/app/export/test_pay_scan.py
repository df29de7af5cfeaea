"""The proof of "without pay": every output of a real plan, as written and as LibreOffice saves and prints it.

The Northwind sample is planned by the solver (its reasons compare named people's costs, its message states the
total), exported with and without pay; the scanner (`payscan.py`) must find pay in the with-pay copy (so it can
fail) and nothing in any without-pay output: the .xlsx as written, the .xlsx after a LibreOffice re-save, each
sheet as LibreOffice's CSV, the PDF LibreOffice prints, the CSV files and the JSON.
"""
from __future__ import annotations

import subprocess
from datetime import date

import pytest

from app.export import write_plan_csv, write_plan_json, write_plan_workbook
from app.planning import plan_report, plan_scenario
from app.planning.words import Words
from app.project.sample import load_sample_project
from app.templates import load_phase_templates
from tests.app.export.payscan import PayScan
from tests.libreoffice import convert, tool

pytestmark = pytest.mark.libreoffice
TODAY = date(2026, 11, 2)
#: Every sheet as CSV (LibreOffice ≥ 7.2), UTF-8, formatted text as shown (so currency formats would show).
CSV_ALL_SHEETS = 'csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,true,false,false,-1'


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The sample portfolio planned once, exported with and without pay, and run through LibreOffice."""
    root = tmp_path_factory.mktemp("payscan")
    project = load_sample_project(today=TODAY)
    templates = load_phase_templates(use_library=False)
    plan_scenario(project, templates=templates, time_limit=3, today=TODAY)
    report = plan_report(project, templates=templates)
    out = {}
    for pay, name in ((True, "with_pay"), (False, "no_pay")):
        folder = root / name
        folder.mkdir()
        book = write_plan_workbook(report, folder / "plan.xlsx", include_pay=pay)
        for target, sub in (("pdf", "pdf"), (CSV_ALL_SHEETS, "lo_csv"), ("xlsx:Calc MS Excel 2007 XML", "resaved")):
            (folder / sub).mkdir()
            convert(book, target, folder / sub)
        out[name] = {"xlsx": book, "resaved": folder / "resaved" / "plan.xlsx",
                     "lo_csv": sorted((folder / "lo_csv").glob("*.csv")), "pdf": folder / "pdf" / "plan.pdf",
                     "csv": write_plan_csv(report, folder / "csv", include_pay=pay),
                     "json": write_plan_json(report, folder / "plan.json", include_pay=pay)}
    return report, out


def _scan(report, files: dict) -> PayScan:
    scan = PayScan(report)
    scan.xlsx(files["xlsx"])
    scan.xlsx(files["resaved"])
    scan.csv_files(files["lo_csv"])
    scan.csv_files(files["csv"])
    scan.json_file(files["json"])
    text = subprocess.run([tool("pdftotext"), "-layout", str(files["pdf"]), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout
    scan.lines(files["pdf"].name, text)
    return scan


def test_the_plan_behind_the_scan_talks_about_money(exported):
    report, _ = exported
    words = Words()
    reasons = [words.assignment(a) for a in report.plan.assignments] + [words.hire(h) for h in report.plan.hires]
    assert any("€" in r for r in reasons), "the solver's reasons name no amount: the scan would prove nothing"
    assert "€" in words.message(report.plan)


def test_the_with_pay_copy_shows_pay_so_the_scan_can_fail(exported):
    report, out = exported
    scan = _scan(report, out["with_pay"])
    kinds = {f.split(": ", 1)[1].split(" ")[0] for f in scan.findings}
    assert {"pay", "currency"} <= kinds, scan.findings[:5]
    for source in ("plan.xlsx", "plan.json", "plan.pdf", "assignments.csv", "plan-Assignments.csv"):
        assert any(f.startswith(source) for f in scan.findings), f"nothing found in {source}"


def test_no_without_pay_output_holds_an_amount_tied_to_a_person(exported):
    report, out = exported
    scan = _scan(report, out["no_pay"])
    assert scan.checked > 5000
    assert not scan.findings, "\n".join(scan.findings[:20])
