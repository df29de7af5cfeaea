"""The workbook's Timeline sheet (person × month booked FTE, coloured against the contract, gates marked) and its
Calendar sheet (requisitions, training starts, gates, roll-offs and leave in date order)."""
from __future__ import annotations

import math

from app.export.report import PlanReport
from app.export.sheet import SheetWriter, col_name
from app.export.tables import Column, Table
from app.timeline.plan_view import MIN_MONTHS, plan_calendar, plan_timeline

TIMELINE_SHEET, CALENDAR_SHEET = "Timeline", "Calendar"
OVER, FULL, PART, GATE = "#F8696B", "#A9D08E", "#FFEB84", "#BDD7EE"
_FIXED = 4  # Person ID, Name, Organisation, Contract FTE
BEYOND = "Beyond this sheet"
_PRINTABLE_POINTS = (11.69 - 0.8) * 72  # A4 landscape less the 0.4 in margins
#: Pixels per character of column width: Calibri's is about 7, DejaVu Sans (LibreOffice's stand-in where Calibri
#: and Carlito are missing) over 9; sized for the wider so a year never spills onto a second page.
_CHAR_PX = 10


def write_timeline(w: SheetWriter, report: PlanReport, *, texts: tuple[str, str], only: set[str] | None = None
                   ) -> None:
    """Person × month booked FTE with this plan: red above the contract, green when full, yellow when partly free.

    The months cover the plan's windows (see `plan_timeline`); when one runs past the last month, a column says
    where the plan's time lies beyond the sheet, in words, rather than leave an empty row to be read as free.
    `only`: the ids of the people to list (the roster snapshot's); everyone when None.
    """
    people = [p for p in report.people if only is None or p.id in only]
    view = plan_timeline(people, report.initiatives, report.plan, today=report.generated)
    heads = [p.label for p in view.periods]
    later = {p.id: f"booked from {day:%b %Y}, beyond this sheet" for p in view.people
             if (day := view.beyond.get(p.id)) is not None}
    gates_later = {name: "; ".join(f"{phase} {day:%d %b %Y}" for phase, day in marks) + ", beyond this sheet"
                   for name, marks in view.gates_beyond.items() if marks}
    extra = [Column(BEYOND, "wrap", max_width=22)] if later or gates_later else []
    fixed = _FIXED + len(extra)
    rows = [[p.id, p.name, p.organisation or "", fte, *([later.get(p.id, "")] if extra else []),
             *view.booked[i].tolist()] for i, (p, fte) in enumerate(zip(view.people, view.contract, strict=True))]
    cols = [Column("Person ID", max_width=14), Column("Name", max_width=28), Column("Organisation", max_width=24),
            Column("Contract FTE", "fte"), *extra, *[Column(h, "fte", max_width=10) for h in heads]]
    table = Table(TIMELINE_SHEET, "Timeline", cols, rows)
    header_row = 4 + len(view.gates) + 2  # title, note, months, blank, a row per initiative's gates, blank, header
    w.widths((cols, rows))
    w.print_setup(header=texts[0], footer=texts[1], title_rows=header_row, freeze=(header_row, fixed))
    if len(heads) > MIN_MONTHS:  # a year per page across, the people's columns repeated on each
        _year_per_page(w, fixed, len(heads))
    # the notes wrap inside the columns every printed page repeats when the months run over more than one
    page = fixed if len(heads) > MIN_MONTHS else fixed + len(heads)
    w.title("Timeline: booked FTE per person and month with this plan")
    w.note("Confirmed commitments and leave from the roster, with the plan's assignments in their initiative's target "
           "phase window (replacing the time that initiative held there). Red: more than the contract; green: fully "
           "booked; yellow: partly free.", span=page)
    w.note(_months_said(view), span=page)
    w.append()
    assumed = _assumed_marks(report)
    for name, marks in view.gates.items():
        marks = [assumed.get((name, m), m) for m in marks]
        row = w.append(["Gates", name], bold=True)
        if name in gates_later:
            w.put(row, _FIXED + 1, gates_later[name], kind="wrap", bold=True)
            w.fit_height(row, {_FIXED + 1: gates_later[name]})
        for k, mark in enumerate(marks):
            if mark:
                w.put(row, fixed + 1 + k, mark, bold=True, fill=GATE)
    w.append()
    w.header([c.header for c in cols])
    first, last = w.data_rows(table)
    w.add_table(table, header_row=header_row, last_row=last, style="Table Style Light 1")
    if last >= first and heads:
        corner, contract = f"{col_name(fixed + 1)}{first}", f"${col_name(_FIXED)}{first}"
        for criteria, fill in ((f"={corner}>{contract}+0.001", OVER), (f"={corner}>={contract}-0.001", FULL),
                               (f"={corner}>0.001", PART)):
            w.ws.conditional_format(first - 1, fixed, last - 1, fixed + len(heads) - 1, {
                "type": "formula", "criteria": criteria, "format": w.formats.get(fill=fill), "stop_if_true": True})
    w.print_columns(fixed + len(heads), max(last, header_row))


#: Calendar steps whose date counts back from (or up to) the go-live: latest requisitions, training starts, arrivals.
_COUNTED_BACK = ("(latest)", "(if requested on the latest day)")


def _role(report: PlanReport, initiative: str, role: str) -> str:
    """A calendar row's role as the initiative's target phase names it (a role id the report does not know reads
    with spaces)."""
    if not role:
        return ""
    name = report.role_name_in(initiative, role)
    return name.replace("_", " ") if name == role else name


def _assumed_marks(report: PlanReport) -> dict[tuple[str, str], str]:
    """(initiative name, gate mark) → the mark saying its date was assumed ('Production 05 Jun (assumed)')."""
    out = {}
    for ini in report.initiatives:
        if ini.id in report.assumed_go_live and ini.go_live:
            mark = f"{ini.target_phase.label} {ini.go_live:%d %b}"
            out[(ini.name, mark)] = f"{mark} (assumed)"
    return out


def _year_per_page(w: SheetWriter, fixed: int, months: int) -> None:
    """Print a year of months per page, the people's columns on each: a scale that fits them (fit-to-page would
    ignore the page breaks) and a break before every twelfth month."""
    chars = sum(w.width_of.get(c, 9) or 9 for c in range(1, fixed + MIN_MONTHS + 1))
    points = (chars * _CHAR_PX + 5 * (fixed + MIN_MONTHS)) * 0.75  # 5 px of padding a column
    w.ws.set_print_scale(max(10, min(100, math.floor(_PRINTABLE_POINTS / points * 100))))
    w.ws.repeat_columns(0, fixed - 1)
    w.ws.set_v_pagebreaks([fixed + k for k in range(MIN_MONTHS, months, MIN_MONTHS)])


def _months_said(view) -> str:
    """Which months the sheet shows, and why there, with the cap when the plan's windows run past it."""
    first, last = view.periods[0].start, view.periods[-1].end
    shown = f"Months shown: {first:%b %Y} to {last:%b %Y} ({len(view.periods)})"
    if view.until > last:
        return (f"{shown}, the most this sheet shows; the plan's target phase windows run to {view.until:%d %b %Y}, "
                f"so time booked after {last:%b %Y} is named in the '{BEYOND}' column.")
    if len(view.periods) > MIN_MONTHS:
        return f"{shown}, to the end of the last target phase window ({view.until:%d %b %Y})."
    return f"{shown}: a year; every target phase window ends by {view.until:%d %b %Y}."


def write_calendar(w: SheetWriter, report: PlanReport, *, texts: tuple[str, str]) -> None:
    """The plan's dated steps and the roster's dated events from the report's date on, a year ahead."""
    entries = plan_calendar(report.people, report.initiatives, report.plan, today=report.generated)
    ids = {i.name: i.id for i in report.initiatives}
    assumed = {(i.name, f"{i.target_phase.label} gate", i.go_live) for i in report.initiatives
               if i.id in report.assumed_go_live}
    cols = [Column("Date", "date"), Column("What", max_width=44), Column("Initiative", max_width=28),
            Column("Role", max_width=28), Column("Who", max_width=28), Column("Detail", max_width=40)]
    counted = {i.name for i in report.initiatives if i.id in report.assumed_go_live}
    rows = [[e.day, f"{e.what} (assumed: no go-live was set)" if (e.initiative, e.what, e.day) in assumed else e.what,
             e.initiative, _role(report, ids.get(e.initiative, e.initiative), e.role), e.who,
             f"{e.detail}{'; ' if e.detail else ''}from an assumed go-live"
             if e.initiative in counted and e.what.endswith(_COUNTED_BACK) else e.detail]
            for e in entries]
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
