"""The Summary sheet: initiatives, key figures as formulas over the decision sheets, readiness table and chart."""
from __future__ import annotations

from openpyxl.chart import BarChart, Reference

from app.export.report import PlanReport
from app.export.tables import FTE, HEADS, Column, Table
from app.export.xlsx import BOLD, SheetWriter, data_range
from app.planning.words import Words

KPI = "Summary"


def initiatives_table(report: PlanReport) -> Table:
    """The initiatives in the plan, with phases and go-live."""
    cols = [Column("Initiative", max_width=22), Column("Name", max_width=34), Column("Current phase", max_width=16),
            Column("Target phase", max_width=16), Column("Go-live", "date"), Column("Priority", "int"),
            Column("Budget", "money", pay=True)]
    rows = [[i.id, i.name, i.current_phase.label, i.target_phase.label, i.go_live, i.priority, i.budget]
            for i in report.initiatives]
    return Table("Summary", "Initiatives", cols, rows)


def _sum(rng: str | None) -> str:
    return f"=SUM({rng})" if rng else "=0"


def _sumif(rng: str | None, text: str, heads: str | None) -> str:
    return f'=SUMIF({rng},"{text}",{heads})' if rng and heads else "=0"


def kpi_rows(report: PlanReport, tables: dict[str, Table], *, include_pay: bool) -> list[tuple[str, str, object]]:
    """(label, kind, value-or-formula) per key figure; formulas point at the decision sheets."""
    plan = report.plan
    assigned, hiring = tables["Assignments"], tables["Hiring"]
    rows: list[tuple[str, str, object]] = [
        ("Required FTE", "fte", plan.required_fte),
        ("Covered FTE", "fte", plan.covered_fte),
        ("Coverage", "percent", "COVERAGE"),
        ("FTE moved or assigned (Assignments)", "fte", _sum(data_range(assigned, FTE))),
        ("People moved", "int", plan.people_moved),
        ("Hires (people)", "int", _sumif(data_range(hiring, "Hire or contract"), "Hire", data_range(hiring, HEADS))),
        ("Contractors (people)", "int", _sumif(data_range(hiring, "Hire or contract"), "Contract",
                                                 data_range(hiring, HEADS))),
        ("Hired or contracted FTE", "fte", _sum(data_range(hiring, FTE))),
        ("Uncovered FTE", "fte", _sum(data_range(tables["Uncovered"], FTE))),
    ]
    if include_pay:
        training_cost = sum(t.cost for t in plan.trainings)
        hire_cost = sum(h.cost for h in plan.hires)
        rows += [
            ("Upskilling cost", "money", _sum(data_range(tables["Upskilling"], "Cost"))),
            ("Hiring and contract cost", "money", _sum(data_range(hiring, "Cost"))),
            ("Internal staffing and other cost", "money", round(plan.total_cost - training_cost - hire_cost, 2)),
            ("Total cost", "money", "TOTAL"),
        ]
    rows.append(("Plan status", "text", plan.status.value))
    rows.append(("What was proven", "text", Words(include_pay, report.currency).status(plan)))
    return rows


def write_summary(writer: SheetWriter, report: PlanReport, *, tables: dict[str, Table], include_pay: bool) -> None:
    """Writes the Summary sheet."""
    inits = initiatives_table(report)
    if not include_pay:
        inits = inits.without_pay()
    labels = [Column("Key figure", max_width=40), Column("Value", max_width=20)]
    writer.widths((inits.columns, inits.rows), (labels, [[k[0], None] for k in kpi_rows(report, tables,
                                                                                       include_pay=include_pay)]),
                  (tables["Readiness"].columns, tables["Readiness"].rows))
    writer.print_setup(tab_color="1F4E79")
    writer.title(report.title)
    writer.append([writer.cell(f"Generated {report.generated.isoformat()} by Phasegate {report.phasegate_version}. "
                               "Totals are formulas: they follow the decision sheets.")])
    writer.append()
    writer.section("Initiatives")
    header_row = writer.header([c.header for c in inits.columns])
    _, last = writer.data_rows(inits)
    writer.add_table(inits, header_row=header_row, last_row=last)
    writer.append()

    writer.section("Key figures")
    writer.header(["Key figure", "Value"])
    rows = kpi_rows(report, tables, include_pay=include_pay)
    first = writer.row + 1
    where = {label: first + i for i, (label, _, _) in enumerate(rows)}
    for label, kind, value in rows:
        if value == "COVERAGE":
            req, cov = where["Required FTE"], where["Covered FTE"]
            value = writer.formula(f"=IF(B{req}>0,B{cov}/B{req},1)", kind=kind, font=BOLD)
        elif value == "TOTAL":
            parts = [where[k] for k in ("Upskilling cost", "Hiring and contract cost",
                                        "Internal staffing and other cost")]
            value = writer.formula("=" + "+".join(f"B{r}" for r in parts), kind=kind, font=BOLD)
        elif isinstance(value, str) and value.startswith("="):
            value = writer.formula(value, kind=kind)
        else:
            value = writer.cell(value, kind=kind)
        writer.append([writer.cell(label), value])
    writer.append()

    readiness = tables["Readiness"]
    writer.section("Readiness by failure mode (share of required skills covered)")
    header_row = writer.header([c.header for c in readiness.columns])
    first, last = writer.data_rows(readiness)
    writer.add_table(readiness, header_row=header_row, last_row=last, style="TableStyleLight9")
    if readiness.rows:
        chart = BarChart()
        chart.type = "bar"
        chart.title = "Readiness before and after the plan"
        chart.y_axis.number_format = "0%"
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
        chart.x_axis.delete = chart.y_axis.delete = False
        chart.height, chart.width = 7.5, 16
        data = Reference(writer.ws, min_col=2, max_col=3, min_row=header_row, max_row=last)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(writer.ws, min_col=1, min_row=first, max_row=last))
        writer.ws.add_chart(chart, f"E{where['Required FTE'] - 1}")
