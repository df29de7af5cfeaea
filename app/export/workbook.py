"""The approvers' workbook: decision sheets with Approval drop-downs, totals as live formulas, and the context."""
from __future__ import annotations

import io
import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter

from app.errors import PhasegateError
from app.export.assumptions import write_assumptions
from app.export.manifest import MANIFEST_SHEET, manifest_rows
from app.export.report import PlanReport
from app.export.sheetxml import splice_rows
from app.export.summary import write_summary
from app.export.tables import APPROVAL, Column, Table, all_tables
from app.export.timeline_sheets import CALENDAR_SHEET, TIMELINE_SHEET, write_calendar, write_timeline
from app.export.xlsx import BOLD, FIRST_ROW, HEADER_ROW, SheetWriter

SHEET_ORDER = ("Summary", "Assignments", "Upskilling", "Hiring", "Uncovered", "Gap matrix", TIMELINE_SHEET,
               CALENDAR_SHEET, "Roster snapshot", "Assumptions")
_NOUNS = {"Assignments": "assignment", "Upskilling": "training step", "Hiring": "hire or contract",
          "Uncovered": "uncovered requirement", "Roster snapshot": "person"}
_HINTS = {"Assignments": "Approval: Approved or Rejected. FTE may be edited.",
          "Upskilling": "Approval: Approved or Rejected, with a comment.",
          "Hiring": "Approval: Approved or Rejected. FTE may be edited."}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s" if not noun.endswith("contract") else f"{n} hires/contracts"


def _write_list_sheet(writer: SheetWriter, table: Table) -> None:
    """A sheet holding one table: title, live totals, frozen filterable header, formats and print settings."""
    noun = _NOUNS.get(table.sheet, "row")
    writer.widths((table.columns, table.rows))
    writer.print_setup(title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"A{FIRST_ROW}",
                       tab_color="2E75B6" if table.decision else None)
    writer.title(f"{table.sheet}: {_count(len(table.rows), noun)}")
    last = HEADER_ROW + len(table.rows)
    has_totals = any(c.total for c in table.columns)
    lead = "Total (visible rows)" if has_totals else "As imported; filter with the header buttons."
    totals: list[object] = [writer.cell(lead if table.rows else "None in this plan.", font=BOLD)]
    for i, col in enumerate(table.columns[1:], 2):
        if col.total and table.rows:
            letter = get_column_letter(i)
            totals.append(writer.formula(f"=SUBTOTAL(109,{letter}{FIRST_ROW}:{letter}{last})", kind=col.kind,
                                         font=BOLD))
        else:
            totals.append(writer.cell(_HINTS.get(table.sheet)) if col.header == "Reason" else None)
    writer.append(totals)
    writer.header([c.header for c in table.columns])
    first, last = writer.data_rows(table, last=True)
    writer.add_table(table, header_row=HEADER_ROW, last_row=last)
    printed = [i for i, c in enumerate(table.columns, 1) if c.kind != "key"]
    writer.ws.print_area = f"A1:{get_column_letter(printed[-1])}{max(last, HEADER_ROW)}"
    if table.decision:
        writer.approval_dropdown(table.index(APPROVAL) + 1, first, last)


def _write_gap_sheet(writer: SheetWriter, detail: Table) -> None:
    """Role × skill gaps with a green-to-red colour scale, then the same gaps in long form."""
    at = {c.header: i for i, c in enumerate(detail.columns)}
    role, role_id, skill, skill_id = at["Role"], at["Role ID"], at["Skill"], at["Skill ID"]
    roles = list(dict.fromkeys((r[role], r[role_id]) for r in detail.rows))
    skills = list(dict.fromkeys((r[skill], r[skill_id]) for r in detail.rows))
    headers = _unique(["Role", "Failure modes", *[s[0] for s in skills]])
    gap_of = {(r[role_id], r[skill_id]): r[at["Gap"]] for r in detail.rows}
    modes_of: dict[str, dict[str, None]] = {}
    for r in detail.rows:
        modes_of.setdefault(r[role_id], {}).update(dict.fromkeys(filter(None, r[at["Failure modes"]].split("; "))))
    matrix_rows = [[name, "; ".join(modes_of.get(rid, {})), *[gap_of.get((rid, sid)) for _, sid in skills]]
                   for name, rid in roles]
    cols = [Column("Role", max_width=30), Column("Failure modes", max_width=44),
            *[Column(h, "int", max_width=16) for h in headers[2:]]]
    matrix = Table("Gap matrix", "GapMatrix", cols, matrix_rows)
    writer.widths((cols, matrix_rows), (detail.columns, detail.rows))
    writer.print_setup(title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"C{FIRST_ROW}")
    writer.title("Gap matrix: required level minus the best level in the pool (0 = covered)")
    writer.append([writer.cell("Blank = the role does not need that skill. Details below the matrix.")])
    writer.header(headers)
    first, last = writer.data_rows(matrix)
    writer.add_table(matrix, header_row=HEADER_ROW, last_row=last, style="TableStyleLight1")
    if roles and skills:
        area = f"C{first}:{get_column_letter(2 + len(skills))}{last}"
        writer.ws.conditional_formatting.add(area, ColorScaleRule(
            start_type="num", start_value=0, start_color="63BE7B", mid_type="num", mid_value=1,
            mid_color="FFEB84", end_type="num", end_value=3, end_color="F8696B"))
    writer.append()
    writer.section("Details")
    header_row = writer.header([c.header for c in detail.columns])
    _, last = writer.data_rows(detail)
    writer.add_table(detail, header_row=header_row, last_row=last)


def _write_manifest(writer: SheetWriter, report: PlanReport, *, include_pay: bool) -> None:
    """The hidden sheet the round trip reads: each decision row's key, subject and exported FTE."""
    writer.ws.sheet_state = "veryHidden"
    header, *rows = manifest_rows(report, include_pay=include_pay)
    writer.append(header)
    writer.data_rows(Table(MANIFEST_SHEET, "Manifest", [Column(h) for h in header], rows), last=True)


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out


def write_plan_workbook(report: PlanReport, path: str | Path, *, include_pay: bool = True,
                        fast_rows: bool = True) -> Path:
    """Writes the approvers' workbook (.xlsx) and returns its path; pay data left out when include_pay is False.

    `fast_rows=False` writes every data row through openpyxl instead of streaming SpreadsheetML; the workbook is
    the same (a test compares them cell by cell) and the benchmark measures both.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise PhasegateError("cannot write the workbook: the folder does not exist", file=str(path))
    report = report.for_audience(include_pay=include_pay)
    tables = {t.name if t.name == "Readiness" else t.sheet: t for t in all_tables(report, include_pay=include_pay)}
    wb = Workbook(write_only=True)
    wb.calculation.fullCalcOnLoad = True
    wb.properties.title = report.title[:200]
    wb.properties.creator = f"Phasegate {report.phasegate_version}"
    sheets = {name: wb.create_sheet(name) for name in (*SHEET_ORDER, MANIFEST_SHEET)}
    writers = {name: SheetWriter(ws, currency=report.currency, fast=fast_rows) for name, ws in sheets.items()}
    write_summary(writers["Summary"], report, tables=tables, include_pay=include_pay)
    for name in ("Assignments", "Upskilling", "Hiring", "Uncovered", "Roster snapshot"):
        _write_list_sheet(writers[name], tables[name])
    _write_gap_sheet(writers["Gap matrix"], tables["Gap matrix"])
    write_timeline(writers[TIMELINE_SHEET], report)
    write_calendar(writers[CALENDAR_SHEET], report)
    write_assumptions(writers["Assumptions"], report, include_pay=include_pay)
    _write_manifest(writers[MANIFEST_SHEET], report, include_pay=include_pay)
    tmp = path.with_name(path.name + ".part")
    try:
        if fast_rows:
            skeleton = io.BytesIO()
            wb.save(skeleton)
            streams = {w.ws.path.lstrip("/"): w.streamed for w in writers.values() if w.streamed is not None}
            splice_rows(skeleton, tmp, streams)
        else:
            wb.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PhasegateError(f"cannot write the workbook: {exc.strerror or exc}", file=str(path)) from exc
    return path

