"""Without pay, no output holds money: every line, field and cell of the sample portfolio's and of a single
initiative's plan — CLI text and JSON, the alternatives side by side, the workbook, the CSV and JSON exports, the
validator's words — is scanned for currency amounts and for every pay figure the plan was made from."""
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
from tests.pay_scan import csv_cells, json_cells, lines, money_in, pay_amounts, scan, workbook_cells

TODAY = date(2026, 11, 2)
SINGLE = "Claims Triage Assistant"


@dataclass
class Case:
    """One plan and everything written from it without pay."""

    project: Project
    plan: Plan
    report: PlanReport
    amounts: set[float]
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
    amounts = pay_amounts(plan, people=project.roster.people, initiatives=project.portfolio.initiatives,
                          budget=project.portfolio.budget)
    text = _cli([*cli_args, "--no-pay", "--alternatives", "--time-limit", "3", "--json", str(tmp / "cli.json"),
                 "--xlsx", str(tmp / "cli.xlsx")])
    assert write_plan_csv(report, tmp / "csv", include_pay=False)
    return Case(project=project, plan=plan, report=report, amounts=amounts, cli_text=text,
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


def test_the_plan_has_pay_to_hide(case) -> None:
    """The scan would find something: with pay the same words hold amounts."""
    words = Words()
    with_pay = [words.assignment(a) for a in case.plan.assignments] + [words.message(case.plan)]
    assert any(money_in(text, case.amounts) for text in with_pay)
    assert any("costs €" in text for text in with_pay)
    assert len(case.amounts) > 20


def test_cli_text_and_json(case) -> None:
    assert scan(lines(case.cli_text, "stdout"), case.amounts) > 30
    assert "Alternatives at the best coverage, side by side" in case.cli_text
    assert scan(json_cells(case.cli_json), case.amounts) > 100
    assert case.cli_json["assignments"] and all(a["reason"] for a in case.cli_json["assignments"])


def test_workbooks(case) -> None:
    assert scan(workbook_cells(case.workbook), case.amounts) > 200
    assert scan(workbook_cells(case.cli_workbook), case.amounts) > 200


def test_csv_and_json_exports(case) -> None:
    assert scan(csv_cells(case.csv), case.amounts) > 200
    data = json.loads(case.json_file.read_text("utf-8"))
    assert scan(json_cells(data), case.amounts) > 100
    assert all(row["reason"] for row in data["plan"]["assignments"])
    assert all(row["why"] is None for row in data["plan"]["assignments"])  # the facts behind the words stay home


def test_every_sentence_of_the_plan(case) -> None:
    words = Words(include_pay=False)
    plan = case.plan
    texts = [("status", words.status(plan)), ("message", words.message(plan))]
    texts += [(f"level {view.name}", text) for view, text in words.levels(plan)]
    texts += [(f"assignment {a.person_id}", words.assignment(a)) for a in plan.assignments]
    texts += [(f"training {t.person_id}", words.training(t)) for t in plan.trainings]
    texts += [(f"hire {h.role}", words.hire(h)) for h in plan.hires]
    texts += [(f"uncovered {u.role}", words.uncovered(u)) for u in plan.uncovered]
    assert scan(texts, case.amounts) == len(texts)


def test_validator_words_without_pay(case) -> None:
    case.project.portfolio.initiatives[0].budget = 1000
    case.project.portfolio.budget = 1000
    problems = validate_plan(case.project, case.plan, today=TODAY, include_pay=False,
                             templates=load_phase_templates(use_library=False))
    assert any("more than" in p and "budget" in p for p in problems), problems
    assert scan(((f"problem {i}", p) for i, p in enumerate(problems)), case.amounts) == len(problems)
