"""The Assumptions sheet: policy per initiative, templates and versions, solver proof, input file and hash."""
from __future__ import annotations

import re

from app.domain.initiatives import Policy
from app.export.report import PlanReport
from app.export.sheet import SheetWriter
from app.export.tables import Column, Table
from app.planning.words import Words

#: Policy fields that are money: left out of a pay-free export.
PAY_POLICY_FIELDS = frozenset({"displacement_cost", "training_cost_per_week", "default_internal_annual_cost"})
PAY_WORDS = re.compile(r"cost|budget|salary|salaries|rate|pay|price", re.IGNORECASE)


#: Policy fields and solver settings in words (an unknown one reads as its name with spaces). A setting keeps its
#: name in brackets, so whoever audits the plan can find it in the JSON export.
LABELS = {
    "hiring_freeze": "Hiring freeze", "allow_contractors": "Contractors allowed", "allow_upskilling": "Training allowed",
    "max_hires": "Hires at most", "fte_unit": "FTE step of an allocation", "min_allocation": "Smallest allocation (FTE)",
    "max_roles_per_person": "Roles per person at most", "displace_tentative": "Tentative work may be displaced",
    "displacement_cost": "Cost of displacing tentative work", "pair_newcomers": "Newcomers paired with the team",
    "horizon_weeks": "Planning horizon (weeks)", "training_cost_per_week": "Training cost per week",
    "hire_lead_weeks": "Hire lead time (weeks)", "contract_lead_weeks": "Contractor lead time (weeks)",
    "default_internal_annual_cost": "Yearly internal cost where the roster has none",
    "time_limit_s": "Time limit (seconds)", "build_s": "Time to build the model (seconds)",
    "solve_limit_s": "Time left for the search (seconds)", "explanations": "Explanations",
    "initiatives": "Initiatives planned", "scenario": "Scenario", "today": "Plan date",
    "pruning_considered": "Person × role pairs looked at", "pruning_qualified": "Pairs that already qualify",
    "pruning_trainable_kept": "Pairs that qualify after training, kept",
    "pruning_trainable_dropped": "Pairs that qualify after training, left out",
    "pruning_trainable_people_dropped": "People who qualify after training, left out of at least one role",
    "pruning_far": "Pairs too far to train in time", "pruning_options": "Options in the model",
    "pruning_people_in_model": "People in the model", "pruning_pins_not_applied": "Pins not applied",
    "pruning_trainees_per_role": "Trainees kept per role at most",
}


def _label(field: str) -> str:
    return LABELS.get(field) or field.replace("_", " ").capitalize()


def _setting(key: str) -> str:
    words = LABELS.get(key)
    return f"{words} ({key})" if words else key


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
        section = f"Policy: {init.name}"
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
            rows.append(["Solver settings", _setting(key), _show(value), "text"])
    for init in report.initiatives:
        if init.id in report.assumed_go_live:
            rows.append([f"Policy: {init.name}", "Go-live (assumed)", report.assumed_go_live[init.id], "wrap"])
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


def write_assumptions(w: SheetWriter, report: PlanReport, *, include_pay: bool, texts: tuple[str, str]) -> None:
    """Writes the Assumptions sheet."""
    cols = [Column("Section", max_width=24), Column("Item", max_width=36), Column("Value", "wrap", max_width=70),
            Column("", max_width=12), Column("", max_width=12), Column("", max_width=40)]
    rows = assumption_rows(report, include_pay=include_pay)
    w.widths((cols[:3], [r[:3] for r in rows]))
    for i, width in ((4, 12), (5, 9), (6, 40)):
        w.ws.set_column(i - 1, i - 1, width)
        w.width_of[i] = width
    w.print_setup(header=texts[0], footer=texts[1], title_rows=3, freeze=(3, 0))
    w.title("Assumptions behind this plan")
    w.note("Policy, templates, solver proof and the input file this plan was computed from.", span=3)
    header_row = w.header([c.header for c in cols[:3]])
    for section, item, value, kind in rows:
        value_kind = "wrap" if kind == "text" else kind
        r = w.append([section, item, value], kinds=["wrap", "wrap", value_kind])
        w.fit_height(r, {1: section, 2: item, **({3: value} if value_kind == "wrap" else {})})
    table = Table("Assumptions", "Assumptions", cols[:3], [r[:3] for r in rows])
    w.add_table(table, header_row=header_row, last_row=w.row, style="Table Style Light 9")
    w.append()
    w.section("Objective levels (lexicographic: uncovered first, then cost, then disruption)" if include_pay
              else "Objective levels (lexicographic; the money level is left out of this pay-free copy)")
    levels = Table("Assumptions", "ObjectiveLevels",
                   [Column("Level"), Column("Value", "int"), Column("Bound", "int"), Column("Gap", "percent"),
                    Column("Proven"), Column("In user terms")], objective_rows(report, include_pay=include_pay))
    header_row = w.header([c.header for c in levels.columns])
    for row in levels.rows:
        r = w.append(row, kinds=["text", "int", "int", "percent", "text", "wrap"])
        w.fit_height(r, {6: row[5]})
        for col in (2, 3):
            w.put(r, col, row[col - 1], fmt="#,##0.00")
    w.add_table(levels, header_row=header_row, last_row=w.row, style="Table Style Light 9")
    w.print_columns(6, w.row)
