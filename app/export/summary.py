"""The Summary sheet: page 1 states the ask; page 2 the key figures as formulas, readiness and its chart."""
from __future__ import annotations

from app.export.ask import Ask
from app.export.page_one import WIDTHS, write_the_ask
from app.export.report import PlanReport
from app.export.sheet import SheetWriter, data_range
from app.export.tables import FTE, HEADS, HIRE_OR_CONTRACT, Table
from app.planning.words import Words
from app.planning.words.numbers import day

#: Rows the readiness chart takes below its table (nothing is written there).
CHART_ROWS = 18
#: The key figures that add up to the total cost.
COST_PARTS = ("Internal staffing cost (Assignments)", "Upskilling cost", "Hiring and contract cost",
              "Other: displaced tentative work")


def kpi_rows(report: PlanReport, tables: dict[str, Table], *, include_pay: bool
             ) -> list[tuple[str, str, str | None, object]]:
    """(label, kind, formula or None, value) per key figure; formulas point at the decision sheets."""
    plan = report.plan
    assigned, hiring = tables["Assignments"], tables["Hiring"]

    def total(table: Table, header: str) -> str | None:
        rng = data_range(table, header)
        return f"=SUM({rng})" if rng else None

    def heads(word: str) -> str | None:
        kinds, counts = data_range(hiring, HIRE_OR_CONTRACT), data_range(hiring, HEADS)
        return f'=SUMIF({kinds},"{word}",{counts})' if kinds and counts else None

    rows: list[tuple[str, str, str | None, object]] = [
        ("Required FTE", "fte", None, plan.required_fte),
        ("Covered FTE", "fte", None, plan.covered_fte),
        ("Coverage", "percent", "COVERAGE", plan.coverage),
        ("FTE moved or assigned (Assignments)", "fte", total(assigned, FTE), sum(a.fte for a in plan.assignments)),
        ("People moved", "int", None, plan.people_moved),
        ("Hires (people)", "int", heads("Hire"), plan.hired_heads),
        ("Contractors (people)", "int", heads("Contract"), plan.contracted_heads),
        ("Hired or contracted FTE", "fte", total(hiring, FTE), sum(h.fte for h in plan.hires)),
        ("Uncovered FTE", "fte", total(tables["Uncovered"], FTE), plan.uncovered_fte),
    ]
    if include_pay:
        internal = sum(a.cost or 0 for a in plan.assignments)
        training, hire = sum(t.cost for t in plan.trainings), sum(h.cost for h in plan.hires)
        rows += [
            ("Internal staffing cost (Assignments)", "money", total(assigned, "Internal cost"), internal),
            ("Upskilling cost", "money", total(tables["Upskilling"], "Cost"), training),
            ("Hiring and contract cost", "money", total(hiring, "Cost"), hire),
            ("Other: displaced tentative work", "money", None, round(plan.total_cost - internal - training - hire, 2)),
            ("Total cost", "money", "TOTAL", plan.total_cost),
        ]
    rows.append(("Plan status", "text", None, plan.status.value))
    rows.append(("What was proven", "wrap", None, Words(include_pay, report.currency).status(plan)))
    return rows


def write_summary(w: SheetWriter, report: PlanReport, ask: Ask, tables: dict[str, Table], *, include_pay: bool,
                  texts: tuple[str, str]) -> None:
    """Writes the Summary sheet: the ask on page 1, then key figures, readiness and its chart."""
    for i, width in enumerate(WIDTHS):
        w.ws.set_column(i, i, width)
        w.width_of[i + 1] = width
    w.print_setup(header=texts[0], footer=texts[1], tab_color="#1F4E79", portrait=True)
    w.title(report.title, span=len(WIDTHS))
    pay = "Confidential — contains pay." if include_pay else "Pay left out of this copy."
    w.note(f"Plan of {day(report.generated)} by Phasegate {report.phasegate_version}; status: "
           f"{Words(include_pay, report.currency).status(report.plan)}. {pay} "
           f"{'Counts and costs' if include_pay else 'Counts'} that mention approvals are formulas over the "
           "Approval columns.", span=len(WIDTHS))
    write_the_ask(w, report, ask, tables, include_pay=include_pay)
    w.ws.set_h_pagebreaks([w.row])
    _key_figures(w, report, tables, include_pay=include_pay)
    _readiness(w, report, tables)
    w.print_columns(len(WIDTHS), w.row)


def _key_figures(w: SheetWriter, report: PlanReport, tables: dict[str, Table], *, include_pay: bool) -> None:
    w.append()
    w.section("Key figures")
    w.header(["Key figure", "Value"])
    rows = kpi_rows(report, tables, include_pay=include_pay)
    first = w.row + 1
    where = {label: first + i for i, (label, _, _, _) in enumerate(rows)}
    for label, kind, formula, value in rows:
        r = w.append([label])
        if formula == "COVERAGE":
            req, cov = where["Required FTE"], where["Covered FTE"]
            w.formula(r, 2, f"=IF(B{req}>0,B{cov}/B{req},1)", value, kind=kind, bold=True)
        elif formula == "TOTAL":
            parts = [where[k] for k in COST_PARTS]
            w.formula(r, 2, "=" + "+".join(f"B{p}" for p in parts), value, kind=kind, bold=True)
        elif formula:
            w.formula(r, 2, formula, value, kind=kind)
        elif kind == "wrap":
            w.ws.merge_range(r - 1, 1, r - 1, len(WIDTHS) - 1, value, w.formats.get("wrap"))
            w.fit_merged(r, [(2, len(WIDTHS), value)])
        else:
            w.put(r, 2, value, kind=kind)


def _readiness(w: SheetWriter, report: PlanReport, tables: dict[str, Table]) -> None:
    readiness = tables["Readiness"]
    w.append()
    w.section("Readiness by failure mode (criticality-weighted share of required FTE covered)")
    header_row = w.header([c.header for c in readiness.columns])
    first, last = w.data_rows(readiness)
    w.add_table(readiness, header_row=header_row, last_row=last, style="Table Style Light 9")
    if not readiness.rows:
        return
    chart = w.workbook.add_chart({"type": "bar"})
    for col, colour in ((1, "#A5A5A5"), (2, "#2E75B6")):
        chart.add_series({"name": ["Summary", header_row - 1, col], "values": ["Summary", first - 1, col, last - 1,
                                                                            col],
                          "categories": ["Summary", first - 1, 0, last - 1, 0], "fill": {"color": colour}})
    chart.set_title({"name": "Readiness before and after the plan"})
    chart.set_x_axis({"min": 0, "max": 1, "num_format": "0%"})
    chart.set_y_axis({"reverse": True, "crossing": "max"})  # first category on top, as in the table; % axis below
    chart.set_legend({"position": "bottom"})
    w.append()
    w.ws.insert_chart(w.row, 0, chart, {"x_scale": 1.45, "y_scale": 1.1, "object_position": 1})
    w.row += CHART_ROWS
