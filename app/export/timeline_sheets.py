"""The workbook's Timeline sheet (person × month booked FTE, coloured against the contract, gates marked) and its
Calendar sheet (requisitions, training starts, gates, roll-offs and leave in date order)."""
from __future__ import annotations

from app.export.report import PlanReport
from app.export.sheet import SheetWriter, col_name
from app.export.tables import Column, Table
from app.timeline.plan_view import plan_calendar, plan_timeline

TIMELINE_SHEET, CALENDAR_SHEET = "Timeline", "Calendar"
OVER, FULL, PART, GATE = "#F8696B", "#A9D08E", "#FFEB84", "#BDD7EE"
_FIXED = 4  # Person ID, Name, Organisation, Contract FTE


def write_timeline(w: SheetWriter, report: PlanReport, *, texts: tuple[str, str], months: int = 12,
                   only: set[str] | None = None) -> None:
    """Person × month booked FTE with this plan: red above the contract, green when full, yellow when partly free.

    `only`: the ids of the people to list (the roster snapshot's); everyone when None.
    """
    people = [p for p in report.people if only is None or p.id in only]
    view = plan_timeline(people, report.initiatives, report.plan, today=report.generated, months=months)
    heads = [p.label for p in view.periods]
    rows = [[p.id, p.name, p.organisation or "", fte, *view.booked[i].tolist()]
            for i, (p, fte) in enumerate(zip(view.people, view.contract, strict=True))]
    cols = [Column("Person ID", max_width=14), Column("Name", max_width=28), Column("Organisation", max_width=24),
            Column("Contract FTE", "fte"), *[Column(h, "fte", max_width=10) for h in heads]]
    table = Table(TIMELINE_SHEET, "Timeline", cols, rows)
    header_row = 3 + len(view.gates) + 2  # title, note, blank, a row per initiative's gates, blank, header
    w.widths((cols, rows))
    w.print_setup(header=texts[0], footer=texts[1], title_rows=header_row, freeze=(header_row, _FIXED))
    w.title("Timeline: booked FTE per person and month with this plan")
    w.note("Confirmed commitments and leave from the roster, with the plan's assignments in their initiative's target "
           "phase window (replacing the time that initiative held there). Red: more than the contract; green: fully "
           "booked; yellow: partly free.", span=_FIXED + len(heads))
    w.append()
    for name, marks in view.gates.items():
        row = w.append(["Gates", name], bold=True)
        for k, mark in enumerate(marks):
            if mark:
                w.put(row, _FIXED + 1 + k, mark, bold=True, fill=GATE)
    w.append()
    w.header([c.header for c in cols])
    first, last = w.data_rows(table)
    w.add_table(table, header_row=header_row, last_row=last, style="Table Style Light 1")
    if last >= first and heads:
        corner, contract = f"{col_name(_FIXED + 1)}{first}", f"${col_name(_FIXED)}{first}"
        for criteria, fill in ((f"={corner}>{contract}+0.001", OVER), (f"={corner}>={contract}-0.001", FULL),
                               (f"={corner}>0.001", PART)):
            w.ws.conditional_format(first - 1, _FIXED, last - 1, _FIXED + len(heads) - 1, {
                "type": "formula", "criteria": criteria, "format": w.formats.get(fill=fill), "stop_if_true": True})
    w.print_columns(_FIXED + len(heads), max(last, header_row))


def write_calendar(w: SheetWriter, report: PlanReport, *, texts: tuple[str, str]) -> None:
    """The plan's dated steps and the roster's dated events from the report's date on, a year ahead."""
    entries = plan_calendar(report.people, report.initiatives, report.plan, today=report.generated,
                            role_name=lambda rid: report.role_names.get(rid) or rid.replace("_", " "))
    cols = [Column("Date", "date"), Column("What", max_width=44), Column("Initiative", max_width=28),
            Column("Role", max_width=28), Column("Who", max_width=28), Column("Detail", max_width=40)]
    rows = [[e.day, e.what, e.initiative, e.role, e.who, e.detail] for e in entries]
    table = Table(CALENDAR_SHEET, "Calendar", cols, rows)
    w.widths((cols, rows))
    w.print_setup(header=texts[0], footer=texts[1], title_rows=3, freeze=(3, 0))
    w.title(f"Calendar: {len(rows)} dated step{'s' if len(rows) != 1 else ''} from {report.generated.isoformat()}")
    w.note("Latest dates for requisitions and training starts keep the plan on time; gates, roll-offs, new work and "
           "leave come from the roadmaps and the roster.", span=len(cols))
    header_row = w.header([c.header for c in cols])
    _, last = w.data_rows(table)
    w.add_table(table, header_row=header_row, last_row=last)
    w.print_columns(len(cols), max(last, header_row))
