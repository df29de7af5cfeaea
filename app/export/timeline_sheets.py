"""The workbook's Timeline sheet (person × month booked FTE, coloured against the contract, gates marked) and its
Calendar sheet (requisitions, training starts, gates, roll-offs and leave in date order)."""
from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from app.export.report import PlanReport
from app.export.tables import Column, Table
from app.export.xlsx import BOLD, SheetWriter
from app.timeline.plan_view import plan_calendar, plan_timeline

TIMELINE_SHEET, CALENDAR_SHEET = "Timeline", "Calendar"
_OVER = PatternFill("solid", fgColor="F8696B")
_FULL = PatternFill("solid", fgColor="A9D08E")
_PART = PatternFill("solid", fgColor="FFEB84")
_GATE = PatternFill("solid", fgColor="BDD7EE")
_GATE_FONT = Font(bold=True, color="1F4E79")
_FIXED = ("Person ID", "Name", "Organisation", "Contract FTE")


def write_timeline(writer: SheetWriter, report: PlanReport, *, months: int = 12) -> None:
    """Person × month booked FTE with this plan, red above the contract, green when full, yellow when partly free."""
    view = plan_timeline(report.people, report.initiatives, report.plan, today=report.generated, months=months)
    heads = [p.label for p in view.periods]
    rows = [[p.id, p.name, p.organisation or "", fte, *view.booked[i].tolist()]
            for i, (p, fte) in enumerate(zip(view.people, view.contract, strict=True))]
    cols = [Column("Person ID", max_width=14), Column("Name", max_width=28), Column("Organisation", max_width=24),
            Column("Contract FTE", "fte"), *[Column(h, "fte", max_width=9) for h in heads]]
    table = Table(TIMELINE_SHEET, "Timeline", cols, rows)
    gate_rows = list(view.gates.items())
    writer.widths((cols, rows))
    first_data = 4 + len(gate_rows) + 2  # title, note, blank, gates…, blank, header
    writer.print_setup(title_rows=f"{first_data - 1}:{first_data - 1}", freeze=f"E{first_data}")
    writer.title("Timeline: booked FTE per person and month with this plan")
    writer.append([writer.cell("Confirmed commitments and leave from the roster, with the plan's assignments in their "
                               "initiative's target phase window (replacing the time that initiative held there). "
                               "Red: more than the contract; green: fully booked; yellow: partly free.")])
    writer.append()
    for name, marks in gate_rows:
        writer.append([writer.cell("Gates", font=BOLD), writer.cell(name, font=BOLD), None, None,
                       *[writer.cell(m, font=_GATE_FONT, fill=_GATE) if m else None for m in marks]])
    writer.append()
    header_row = writer.header([c.header for c in cols])
    first, last = writer.data_rows(table, last=True)
    writer.add_table(table, header_row=header_row, last_row=last, style="TableStyleLight1")
    if last >= first and heads:
        area = f"E{first}:{get_column_letter(4 + len(heads))}{last}"
        cf = writer.ws.conditional_formatting
        cf.add(area, FormulaRule(formula=[f"E{first}>$D{first}+0.001"], fill=_OVER, stopIfTrue=True))
        cf.add(area, FormulaRule(formula=[f"E{first}>=$D{first}-0.001"], fill=_FULL, stopIfTrue=True))
        cf.add(area, FormulaRule(formula=[f"E{first}>0.001"], fill=_PART, stopIfTrue=True))


def write_calendar(writer: SheetWriter, report: PlanReport) -> None:
    """The plan's dated steps and the roster's dated events from the report's date on, a year ahead."""
    entries = plan_calendar(report.people, report.initiatives, report.plan, today=report.generated,
                            role_name=lambda rid: report.role_names.get(rid) or rid.replace("_", " "))
    cols = [Column("Date", "date"), Column("What", max_width=44), Column("Initiative", max_width=28),
            Column("Role", max_width=28), Column("Who", max_width=28), Column("Detail", max_width=40)]
    rows = [[e.day, e.what, e.initiative, e.role, e.who, e.detail] for e in entries]
    table = Table(CALENDAR_SHEET, "Calendar", cols, rows)
    writer.widths((cols, rows))
    writer.print_setup(title_rows="3:3", freeze="A4")
    writer.title(f"Calendar: {len(rows)} dated step{'s' if len(rows) != 1 else ''} from "
                 f"{report.generated.isoformat()}")
    writer.append([writer.cell("Latest dates for requisitions and training starts keep the plan on time; gates, "
                               "roll-offs, new work and leave come from the roadmaps and the roster.")])
    header_row = writer.header([c.header for c in cols])
    _, last = writer.data_rows(table, last=True)
    writer.add_table(table, header_row=header_row, last_row=last)
