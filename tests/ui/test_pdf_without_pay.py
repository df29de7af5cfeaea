"""The one-page PDF summary without pay holds no money, for the sample portfolio and for a single initiative."""
from __future__ import annotations

import subprocess

import pytest

from app.planning import plan_report, plan_scenario
from app.planning.words import Words
from app.templates import load_phase_templates
from tests.app.export.payscan import PayScan
from tests.ui.solved_sample import solved_sample
from ui.pdf_summary import summary_html, write_summary_pdf


@pytest.mark.parametrize("single", [False, True], ids=["portfolio", "single"])
def test_pdf_summary_without_pay(qapp, tmp_path, single) -> None:
    project = solved_sample()
    templates = load_phase_templates(use_library=False)
    if single:
        project.scenario().initiative_ids = [project.portfolio.initiatives[0].id]
        plan_scenario(project, templates=templates, time_limit=2.0)
    plan = project.scenario().plan
    report = plan_report(project, templates=templates)
    seen = PayScan(report)
    seen.text("with pay", summary_html(report, scenario="Baseline"))
    assert seen.findings  # the same page with pay shows amounts: the scan below would see a leak
    path = write_summary_pdf(report, tmp_path / "nopay.pdf", scenario="Baseline", include_pay=False)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert " ".join(Words(include_pay=False).status(plan).split()[:4]) in " ".join(text.split())
    scan = PayScan(report)
    scan.lines("pdf", text)
    assert not scan.findings and scan.checked > 20, scan.findings
