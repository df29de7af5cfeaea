"""plan_report(): the sample project's exported plan carries the gap analysis's readiness and gap matrix."""
from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from app.cli import main
from app.domain import FAILURE_MODE_LABELS, FailureMode, Phase
from app.errors import UsageError
from app.export import write_plan_workbook
from app.gaps import analyse_gaps, readiness_after
from app.planning import plan_report, plan_scenario
from app.planning.report import project_templates
from app.project.model import Scenario
from app.project.sample import SAMPLE_ROSTER, load_sample_project
from app.templates import load_phase_templates
from app.timeline.window_gaps import over_window

TODAY = date(2026, 11, 2)
CLAIMS = "Claims Triage Assistant"


@pytest.fixture(scope="module")
def planned():
    """The Northwind sample with its portfolio plan (short solve), and the templates used."""
    project = load_sample_project(today=TODAY)
    templates = load_phase_templates(use_library=False)
    plan_scenario(project, templates=templates, time_limit=3, today=TODAY)
    return project, templates


def _window_gaps(project, ini, templates):
    """The gap analysis as the workbook runs it: free time over the initiative's target phase window."""
    people, window = over_window(project.roster.people, ini, today=TODAY)
    return analyse_gaps(people, initiative=ini.id, to_phase=ini.target_phase, from_phase=ini.current_phase,
                        templates=templates, window=window)


def _summary_readiness(path) -> dict[FailureMode, tuple[float, float]]:
    by_label = {label: mode for mode, label in FAILURE_MODE_LABELS.items()}
    ws = openpyxl.load_workbook(path)["Summary"]
    return {by_label[r[0]]: (r[1], r[2]) for r in ws.iter_rows(values_only=True) if r[0] in by_label}


def _gap_details(path) -> list[tuple]:
    ws = openpyxl.load_workbook(path)["Gap details"]
    (ref,) = [t.ref for t in ws.tables.values() if t.name == "GapDetail"]
    return [tuple(c.value for c in row) for row in ws[ref][1:]]


def test_one_initiative_shows_the_gap_analysis_readiness_before_and_after(planned, tmp_path):
    project, templates = planned
    plan = project.scenario().plan
    project.scenarios.append(Scenario(name="Claims only", initiative_ids=[CLAIMS], plan=plan))
    claims = project.initiative(CLAIMS)
    gaps = _window_gaps(project, claims, templates)
    after = readiness_after(plan, report=gaps)

    report = plan_report(project, scenario="Claims only", templates=templates, today=TODAY)
    shown = _summary_readiness(write_plan_workbook(report, tmp_path / "claims.xlsx"))

    assert shown == {m: (pytest.approx(gaps.readiness[m] / 100), pytest.approx(after[m] / 100)) for m in FailureMode}
    assert any(after[m] > gaps.readiness[m] for m in FailureMode)  # the plan improves something
    details = _gap_details(tmp_path / "claims.xlsx")
    assert len(details) == len(gaps.matrix) > 0
    # production 14 weeks after TODAY, operations 40: the optimiser's window, said on the sheet
    top = [c.value for row in openpyxl.load_workbook(tmp_path / "claims.xlsx")["Gap matrix"].iter_rows(max_row=6)
           for c in row if isinstance(c.value, str)]
    assert ("Capacity over 8 Feb 2027 – 8 Aug 2027, the production window of Claims Triage Assistant: the pool is "
            "who has free time throughout it, as the plan counts.") in top
    names = {r.name for r in gaps.roles}
    assert {row[0] for row in details} <= names
    for row in details:
        assert row[5] == max(0, row[3] - row[4])  # gap = required − best available
    assert report.title == f"Staffing plan: {claims.name} (Claims only)"


def test_portfolio_readiness_is_the_fte_weighted_mean_and_roles_name_their_initiative(planned, tmp_path):
    project, templates = planned
    plan = project.scenario().plan
    sums = {m: [0.0, 0.0, 0.0] for m in FailureMode}  # Σ w·before, Σ w·after, Σ w
    cells = 0
    for ini in project.portfolio.initiatives:
        gaps = _window_gaps(project, ini, templates)
        after = readiness_after(plan, report=gaps)
        cells += len(gaps.matrix)
        for m in FailureMode:
            w = sum(r.required_fte for r in gaps.roles if m in r.failure_modes)
            sums[m][0] += w * gaps.readiness[m]
            sums[m][1] += w * after[m]
            sums[m][2] += w
    expected = {m: (b / w / 100, a / w / 100) if w else (1.0, 1.0) for m, (b, a, w) in sums.items()}

    report = plan_report(project, templates=templates, today=TODAY)
    path = write_plan_workbook(report, tmp_path / "portfolio.xlsx")

    shown = _summary_readiness(path)
    assert shown == {m: (pytest.approx(b, abs=1e-4), pytest.approx(a, abs=1e-4)) for m, (b, a) in expected.items()}
    details = _gap_details(path)
    assert len(details) == cells > 0
    assert all(row[0].endswith(")") and "/" in row[6] for row in details)  # "Role (Initiative)", "initiative/role"
    matrix = openpyxl.load_workbook(path)["Gap matrix"]
    blocks = [r[0].value for r in matrix.iter_rows() if r[0].font.b and r[0].font.sz == 12]
    assert blocks and all(b.split(" (skills")[0] in FAILURE_MODE_LABELS.values() for b in blocks)
    widest = max(len([c for c in r if c.value is not None]) for r in matrix.iter_rows(min_row=4))
    assert widest <= 9  # a role and at most 8 skills per block: readable on paper


def test_input_file_and_templates_come_from_the_project(planned):
    project, templates = planned
    report = plan_report(project, templates=templates)
    assert report.source_file == SAMPLE_ROSTER.name and report.source_sha256 == project.source.sha256
    assert len(report.source_sha256) == 64
    assert {t.phase for t in report.templates} == {i.target_phase for i in project.portfolio.initiatives}
    assert report.skill_names and report.people == project.roster.people


def test_without_gaps_the_report_has_no_readiness_or_matrix(planned):
    project, templates = planned
    report = plan_report(project, templates=templates, include_gaps=False)
    assert report.readiness_before == {} and report.readiness_after == {} and report.gap_matrix == []
    assert report.plan == project.scenario().plan


def test_a_scenario_without_a_plan_is_one_clear_error(planned):
    project, templates = planned
    project.scenarios.append(Scenario(name="Draft"))
    with pytest.raises(UsageError, match="scenario 'Draft' has no plan yet"):
        plan_report(project, scenario="Draft", templates=templates)
    with pytest.raises(UsageError, match="no scenario named 'Nope'"):
        plan_report(project, scenario="Nope", templates=templates)


def test_project_templates_win_and_missing_phases_come_from_the_library(planned):
    project, templates = planned
    own = templates.phases[Phase.PILOT].model_copy(update={"name": "Our pilot", "version": "7"})
    partial = load_phase_templates(use_library=False)
    del partial.phases[Phase.OPERATIONS]
    copy = project.model_copy(update={"templates": {Phase.PILOT: own}})
    merged = project_templates(copy, partial)
    assert merged.phases[Phase.PILOT].name == "Our pilot"
    assert set(merged.phases) == set(Phase)


def test_cli_workbook_carries_readiness_and_gaps(tmp_path, capsys):
    book = tmp_path / "plan.xlsx"
    assert main(["plan", str(SAMPLE_ROSTER), "--initiative", "Contract Analyzer", "--to", "pilot", "--xlsx",
                 str(book), "--time-limit", "2"]) == 0
    shown = _summary_readiness(book)
    assert set(shown) == set(FailureMode) and all(0 <= b <= 1 and 0 <= a <= 1 for b, a in shown.values())
    assert _gap_details(book)
    ws = openpyxl.load_workbook(book)["Assumptions"]
    items = {(r[0], r[1]): r[2] for r in ws.iter_rows(values_only=True) if r[0]}
    assert items[("Input", "File")] == SAMPLE_ROSTER.name and len(items[("Input", "SHA-256")]) == 64
    # no go-live was given: the CLI planned to the end of the horizon, and the workbook says the date is assumed
    assert "no go-live for Contract Analyzer" in capsys.readouterr().err
    assumed = items[("Policy: Contract Analyzer", "Go-live (assumed)")]
    assert assumed.endswith("is assumed: no go-live was set, so the plan runs to the end of its 26-week horizon")
    summary = [r for r in openpyxl.load_workbook(book)["Summary"].iter_rows(values_only=True)
               if r[0] == "Contract Analyzer"]
    assert any(isinstance(r[1], str) and r[1].endswith("(assumed)") for r in summary)
