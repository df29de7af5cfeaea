"""CSV (one file per table, UTF-8 with BOM for Excel) and JSON exports of a plan, for other tools."""
from __future__ import annotations

import csv
import json
import os
from datetime import date, datetime
from pathlib import Path

from app.errors import PhasegateError
from app.export.assumptions import PAY_POLICY_FIELDS, PAY_WORDS
from app.export.report import PlanReport
from app.export.safe import clean_text, csv_safe
from app.export.tables import all_tables, initiatives_table
from app.planning.words import Words

#: CSV file name per exported table.
CSV_FILES = {"Initiatives": "initiatives.csv", "Assignments": "assignments.csv", "Upskilling": "upskilling.csv",
             "TeamChanges": "team_changes.csv",
             "Hiring": "hiring.csv", "Uncovered": "uncovered.csv", "GapDetail": "gap_matrix.csv",
             "Roster": "roster_snapshot.csv", "Readiness": "readiness.csv", "DecidedEarlier": "decided_earlier.csv"}
JSON_FORMAT = "phasegate-plan"
JSON_FORMAT_VERSION = 1


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.10g}"
    if isinstance(value, str):
        return csv_safe(clean_text(value))
    return value


def _replace(path: Path, write) -> None:
    tmp = path.with_name(path.name + ".part")
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PhasegateError(f"cannot write: {exc.strerror or exc}", file=str(path)) from exc


def write_plan_csv(report: PlanReport, directory: str | Path, *, include_pay: bool = True,
                   full_roster: bool = False) -> list[Path]:
    """Writes one CSV per table into `directory` (created if needed); returns the files written. The roster
    snapshot holds the people the plan touches unless `full_roster`."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PhasegateError(f"cannot create the folder: {exc.strerror or exc}", file=str(directory)) from exc
    report = report.for_audience(include_pay=include_pay)
    inits = initiatives_table(report)
    tables = [inits if include_pay else inits.without_pay(),
              *all_tables(report, include_pay=include_pay, full_roster=full_roster)]
    written = []
    for table in tables:
        if table.name == "DecidedEarlier" and not table.rows:  # only a scenario with earlier decisions has one
            continue
        path = directory / CSV_FILES[table.name]

        def write(target: Path, table=table) -> None:
            with open(target, "w", encoding="utf-8-sig", newline="") as handle:
                out = csv.writer(handle)
                out.writerow([c.header for c in table.columns])
                out.writerows([_csv_value(v) for v in row] for row in table.rows)

        _replace(path, write)
        written.append(path)
    return written


def _without_pay_plan(plan: dict) -> dict:
    for row in plan["assignments"] + plan["trainings"] + plan["hires"]:
        row.pop("cost", None)
        row.pop("annual_cost", None)
    plan.pop("total_cost", None)
    plan["objective"] = [lvl for lvl in plan["objective"] if lvl["name"] != "cost"]
    plan["settings"] = {k: v for k, v in plan["settings"].items() if not PAY_WORDS.search(k)}
    return plan


def plan_json(report: PlanReport, *, include_pay: bool = True) -> dict:
    """The plan and its report metadata as JSON-ready data (no roster: people stay in the workbook)."""
    report = report.for_audience(include_pay=include_pay)
    plan = report.plan.model_dump(mode="json")
    initiatives = [i.model_dump(mode="json") for i in report.initiatives]
    policies = {k: p.model_dump(mode="json") for k, p in report.policies.items()}
    if not include_pay:
        plan = _without_pay_plan(plan)
        for init in initiatives:
            init.pop("budget", None)
            for name in PAY_POLICY_FIELDS:
                init["policy"].pop(name, None)
        for policy in policies.values():
            for name in PAY_POLICY_FIELDS:
                policy.pop(name, None)
    return {
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "phasegate_version": report.phasegate_version,
        "title": report.title,
        "generated": report.generated.isoformat(),
        "include_pay": include_pay,
        "currency": report.currency if include_pay else None,
        "input": {"file": report.source_file, "sha256": report.source_sha256, "people": len(report.people)},
        "initiatives": initiatives,
        "policies": policies,
        "templates": [t.model_dump(mode="json") for t in report.templates],
        "readiness": {"before": {m.value: v for m, v in report.readiness_before.items()},
                      "after": {m.value: v for m, v in report.readiness_after.items()}},
        "gap_matrix": [c.model_dump(mode="json") for c in report.gap_matrix],
        "kpis": {"coverage": report.plan.coverage, "required_fte": report.plan.required_fte,
                 "covered_fte": report.plan.covered_fte, "uncovered_fte": report.plan.uncovered_fte,
                 "people_moved": report.plan.people_moved,
                 "hires": report.plan.hired_heads, "contracts": report.plan.contracted_heads},
        "status_detail": Words(include_pay, report.currency).status(report.plan),
        "plan": plan,
    }


def write_plan_json(report: PlanReport, path: str | Path, *, include_pay: bool = True) -> Path:
    """Writes the plan and report metadata as UTF-8 JSON; returns the path."""
    path = Path(path)
    data = plan_json(report, include_pay=include_pay)

    def write(target: Path) -> None:
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    _replace(path, write)
    return path
