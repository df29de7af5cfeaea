"""Without pay, no output holds money: every line, field and cell of the sample portfolio's and of a single
initiative's plan — CLI text and JSON, the alternatives side by side, the workbook, the CSV and JSON exports, every
sentence of the plan, the validator's words — is scanned (tests/app/export/payscan.py) for currency amounts and
for every pay figure the plan was made from, the facts behind its reasons included. The LibreOffice re-save of the
workbook is scanned in tests/app/export/test_pay_scan.py."""
from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.domain.plans import Plan
from app.export import PlanReport, write_plan_csv, write_plan_json, write_plan_workbook
from app.planning import plan_report, plan_scenario, validate_plan
from app.planning.words import Words
from app.project.io import save_project
from app.project.model import Project
from app.project.sample import SAMPLE_ROSTER, load_sample_project
from app.templates import load_phase_templates
from tests.app.export.payscan import PayScan

TODAY = date(2026, 11, 2)
SINGLE = "Claims Triage Assistant"


@dataclass
class Case:
    """One plan and everything written from it without pay."""

    project: Project
    plan: Plan
    report: PlanReport
    cli_text: str
    cli_json: dict
    workbook: Path
    cli_workbook: Path
    csv: Path
    json_file: Path


def _cli(args: list[str]) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    assert code == 0, err.getvalue()
    return out.getvalue()


def _case(tmp: Path, project: Project, cli_args: list[str]) -> Case:
    templates = load_phase_templates(use_library=False)
    plan = plan_scenario(project, templates=templates, time_limit=4, today=TODAY)
    report = plan_report(project, plan=plan, templates=templates)
    text = _cli([*cli_args, "--no-pay", "--alternatives", "--time-limit", "3", "--json", str(tmp / "cli.json"),
                 "--xlsx", str(tmp / "cli.xlsx")])
    assert write_plan_csv(report, tmp / "csv", include_pay=False)
    return Case(project=project, plan=plan, report=report, cli_text=text,
                cli_json=json.loads((tmp / "cli.json").read_text("utf-8")),
                workbook=write_plan_workbook(report, tmp / "plan.xlsx", include_pay=False),
                cli_workbook=tmp / "cli.xlsx", csv=tmp / "csv",
                json_file=write_plan_json(report, tmp / "plan.json", include_pay=False))


@pytest.fixture(scope="module", params=["portfolio", "single"])
def case(request, tmp_path_factory) -> Case:
    """The sample portfolio (a saved project, planned by the CLI too) or one of its initiatives from the roster."""
    tmp = tmp_path_factory.mktemp(request.param)
    project = load_sample_project(today=TODAY)
    if request.param == "portfolio":
        project.portfolio.budget = 3_000_000
        path = save_project(project, tmp / "northwind.phasegate")
        return _case(tmp, project, ["plan", str(path)])
    project.scenario().initiative_ids = [SINGLE]
    return _case(tmp, project, ["plan", str(SAMPLE_ROSTER), "--initiative", SINGLE, "--to", "production"])


def _leaves(data: object, where: str) -> list[tuple[str, object]]:
    """Every value of a JSON document with its path (the keys of `plan --json` are its schema, not pay)."""
    if isinstance(data, dict):
        return [leaf for k, v in data.items() for leaf in _leaves(v, f"{where}.{k}")]
    if isinstance(data, list):
        return [leaf for i, v in enumerate(data) for leaf in _leaves(v, f"{where}[{i}]")]
    return [(where, data)]


def _clean(scan: PayScan, at_least: int) -> None:
    assert not scan.findings, "\n".join(scan.findings[:20])
    assert scan.checked >= at_least


def test_the_plan_has_pay_to_hide(case) -> None:
    """The scan would find something: with pay the same words hold amounts."""
    words, scan = Words(), PayScan(case.report)
    for a in case.plan.assignments:
        scan.text(f"assignment {a.person_id}", words.assignment(a))
    scan.text("message", words.message(case.plan))
    assert any("currency amount" in f for f in scan.findings), scan.findings


def test_cli_text_and_json(case) -> None:
    scan = PayScan(case.report)
    scan.lines("stdout", case.cli_text)
    for where, value in _leaves(case.cli_json, "plan.json"):
        scan.value(where, value)
    assert "Alternatives at the best coverage, side by side" in case.cli_text
    assert case.cli_json["assignments"] and all(a["reason"] for a in case.cli_json["assignments"])
    _clean(scan, 300)


def test_workbooks(case) -> None:
    scan = PayScan(case.report)
    scan.xlsx(case.workbook)
    scan.xlsx(case.cli_workbook)
    _clean(scan, 1000)


def test_csv_and_json_exports(case) -> None:
    scan = PayScan(case.report)
    scan.csv_files(sorted(case.csv.glob("*.csv")))
    scan.json_file(case.json_file)
    data = json.loads(case.json_file.read_text("utf-8"))
    assert all(row["reason"] for row in data["plan"]["assignments"])
    assert all(row["why"] is None for row in data["plan"]["assignments"])  # the facts behind the words stay home
    _clean(scan, 500)


def test_every_sentence_of_the_plan(case) -> None:
    words, scan, plan = Words(include_pay=False), PayScan(case.report), case.plan
    texts = [("status", words.status(plan)), ("message", words.message(plan))]
    texts += [(f"level {lv.name}", words.level(plan, lv)) for lv in plan.objective]
    texts += [(f"assignment {a.person_id}", words.assignment(a)) for a in plan.assignments]
    texts += [(f"training {t.person_id}", words.training(t)) for t in plan.trainings]
    texts += [(f"hire {h.role}", words.hire(h)) for h in plan.hires]
    texts += [(f"uncovered {u.role}", words.uncovered(u)) for u in plan.uncovered]
    for where, text in texts:
        scan.text(where, text)
    _clean(scan, len(texts))


def test_validator_words_without_pay(case) -> None:
    case.project.portfolio.initiatives[0].budget = 1000
    case.project.portfolio.budget = 1000
    problems = validate_plan(case.project, case.plan, today=TODAY, include_pay=False,
                             templates=load_phase_templates(use_library=False))
    assert any("more than" in p and "budget" in p for p in problems), problems
    scan = PayScan(case.report)
    for i, problem in enumerate(problems):
        scan.text(f"problem {i}", problem)
    _clean(scan, len(problems))
