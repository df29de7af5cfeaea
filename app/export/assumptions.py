"""The Assumptions sheet: policy per initiative, templates and versions, solver proof, input file and hash."""
from __future__ import annotations

import re

from app.domain.initiatives import Policy
from app.export.report import PlanReport
from app.export.tables import Column, Table
from app.export.xlsx import SheetWriter
from app.planning.words import Words

#: Policy fields that are money: left out of a pay-free export.
PAY_POLICY_FIELDS = frozenset({"displacement_cost", "training_cost_per_week", "default_internal_annual_cost"})
PAY_WORDS = re.compile(r"cost|budget|salary|salaries|rate|pay|price", re.IGNORECASE)


def _label(field: str) -> str:
    return field.replace("_", " ").capitalize()


def _show(value: object) -> object:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value is None:
        return "none"
    return value


def assumption_rows(report: PlanReport, *, include_pay: bool) -> list[list[object]]:
    """[section, item, value, kind] rows: everything the plan assumed, pay fields dropped on request."""
    rows: list[list[object]] = []
    for init in report.initiatives:
        policy = report.policy_for(init.id)
        section = f"Policy: {init.id}"
        for name in Policy.model_fields:
            if name in PAY_POLICY_FIELDS and not include_pay:
                continue
            kind = "money" if name in PAY_POLICY_FIELDS else "text"
            rows.append([section, _label(name), _show(getattr(policy, name)), kind])
        if include_pay and init.budget is not None:
            rows.append([section, "Budget", init.budget, "money"])
    for t in report.templates:
        rows.append(["Templates", f"{t.phase.label}: {t.name}", f"version {t.version}", "text"])
    plan, words = report.plan, Words(include_pay, report.currency)
    rows.append(["Solver", "Status", plan.status.value, "text"])
    rows.append(["Solver", "What was proven", words.status(plan), "text"])
    if words.message(plan):
        rows.append(["Solver", "Message", words.message(plan), "text"])
    rows.append(["Solver", "Solve time (seconds)", round(plan.solve_seconds, 2), "text"])
    for key, value in sorted(plan.settings.items()):
        if include_pay or not PAY_WORDS.search(key):
            rows.append(["Solver settings", key, _show(value), "text"])
    rows += [
        ["Run", "Plan date", report.generated, "date"],
        ["Run", "Plan created", plan.created.replace(microsecond=0).isoformat(sep=" "), "text"],
        ["Input", "File", report.source_file or "not recorded", "text"],
        ["Input", "SHA-256", report.source_sha256 or "not recorded", "text"],
        ["Input", "People in roster", len(report.people), "int"],
        ["Run", "Phasegate version", report.phasegate_version, "text"],
    ]
    return rows


def _meaning(report: PlanReport, level: str) -> str:
    plan = report.plan
    if level == "uncovered":
        return f"{plan.uncovered_fte:g} FTE uncovered; Value is a weighted score (criticality × priority)"
    if level == "disruption":
        return f"{plan.people_moved} people moved; Value is a disruption score"
    return "money over the planning horizon" if level == "cost" else ""


def objective_rows(report: PlanReport, *, include_pay: bool) -> list[list[object]]:
    """[level, value, bound, gap, proven, in user terms] per objective level; the cost level only with pay data."""
    return [[lvl.name, lvl.value, lvl.bound, lvl.gap, "Yes" if lvl.proven else "No", _meaning(report, lvl.name)]
            for lvl in report.plan.objective if include_pay or lvl.name != "cost"]


def write_assumptions(writer: SheetWriter, report: PlanReport, *, include_pay: bool) -> None:
    """Writes the Assumptions sheet."""
    cols = [Column("Section", max_width=24), Column("Item", max_width=36), Column("Value", max_width=66)]
    rows = assumption_rows(report, include_pay=include_pay)
    writer.widths((cols, [r[:3] for r in rows]))
    writer.print_setup(title_rows="3:3", freeze="A4")
    writer.title("Assumptions behind this plan")
    writer.append([writer.cell("Policy, templates, solver proof and the input file this plan was computed from.")])
    header_row = writer.header([c.header for c in cols])
    for section, item, value, kind in rows:
        writer.append([writer.cell(section), writer.cell(item), writer.cell(value, kind=kind)])
    table = Table("Assumptions", "Assumptions", cols, [r[:3] for r in rows])
    writer.add_table(table, header_row=header_row, last_row=writer.row, style="TableStyleLight9")
    writer.append()
    writer.section("Objective levels (lexicographic: uncovered first, then cost, then disruption)" if include_pay
                   else "Objective levels (lexicographic; the money level is left out of this pay-free copy)")
    levels = Table("Assumptions", "ObjectiveLevels",
                   [Column("Level"), Column("Value", "int"), Column("Bound", "int"), Column("Gap", "percent"),
                    Column("Proven"), Column("In user terms")], objective_rows(report, include_pay=include_pay))
    header_row = writer.header([c.header for c in levels.columns])
    for level, value, bound, gap, proven, meaning in levels.rows:
        writer.append([writer.cell(level), writer.cell(value, fmt="#,##0.00"), writer.cell(bound, fmt="#,##0.00"),
                       writer.cell(gap, kind="percent"), writer.cell(proven), writer.cell(meaning)])
    writer.add_table(levels, header_row=header_row, last_row=writer.row, style="TableStyleLight9")
