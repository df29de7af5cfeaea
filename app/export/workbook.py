"""The approvers' workbook, written by XlsxWriter: page 1 states the ask, decision sheets with Approval drop-downs
and totals that follow them, the context sheets, every page printable with headers and footers."""
from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import xlsxwriter

from app.errors import PhasegateError
from app.export.ask import build_ask
from app.export.assumptions import write_assumptions
from app.export.gapsheet import write_gap_matrix
from app.export.manifest import MANIFEST_SHEET, manifest_rows
from app.export.report import PlanReport
from app.export.sheet import (
    APPROVED_ROW,
    FIRST_ROW,
    HEADER_ROW,
    HIGHLIGHT,
    TOTAL_ROW,
    Formats,
    SheetWriter,
    col_name,
)
from app.export.summary import write_summary
from app.export.tables import APPROVAL, EARLIER_SHEET, Table, all_tables
from app.export.timeline_sheets import CALENDAR_SHEET, TIMELINE_SHEET, write_calendar, write_timeline

SHEET_ORDER = ("Summary", "Assignments", "Upskilling", "Hiring", "Team changes", "Uncovered", "Gap matrix",
               "Gap details", TIMELINE_SHEET, CALENDAR_SHEET, "Roster snapshot", "Assumptions")
_NOUNS = {"Assignments": "assignment", "Upskilling": "training step", "Hiring": "hire or contract",
          "Team changes": "change", "Uncovered": "uncovered requirement", "Roster snapshot": "person",
          "Gap details": "role × skill cell", "Decided earlier": "decision"}
_HINTS = {"Assignments": "Approval: Approved or Rejected. FTE may be edited.",
          "Upskilling": "Approval: Approved or Rejected, with a comment.",
          "Hiring": "Approval: Approved or Rejected. FTE may be lowered."}


def _count(n: int, noun: str) -> str:
    if noun.endswith("contract"):
        return f"{n} hire{'' if n == 1 else 's'}/contract{'' if n == 1 else 's'}"
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _hf(text: str) -> str:
    """Text safe inside an Excel header or footer (& starts a code)."""
    return text.replace("&", "&&")


def page_texts(report: PlanReport, *, include_pay: bool) -> tuple[str, str]:
    """Header (title; confidentiality) and footer (version and date; page of pages; sheet) for every sheet."""
    right = '&"Calibri,Bold"Confidential — contains pay' if include_pay else "Pay left out of this copy"
    title = report.title if len(report.title) <= 120 else report.title[:119] + "…"
    header = f"&L{_hf(title)}&R{right}"
    footer = (f"&LPhasegate {_hf(report.phasegate_version)} · plan of {report.generated.isoformat()}"
              "&CPage &P of &N&R&A")
    return header, footer


def _list_sheet(w: SheetWriter, table: Table, *, texts: tuple[str, str], title: str | None = None,
                highlight: tuple[str, date] | None = None) -> None:
    """A sheet holding one table: title, totals (visible rows, and approved), frozen filterable header."""
    w.widths((table.columns, table.rows))
    w.print_setup(header=texts[0], footer=texts[1], title_rows=HEADER_ROW, freeze=(HEADER_ROW, 0),
                  tab_color="#2E75B6" if table.decision else None)
    noun = _NOUNS.get(table.sheet, "row")
    w.title(title or f"{table.sheet}: {_count(len(table.rows), noun)}")
    last = HEADER_ROW + len(table.rows)
    totals = [i for i, c in enumerate(table.columns, 1) if c.total]
    w.put(TOTAL_ROW, 1, ("Total (visible rows)" if totals else "Filter with the header buttons.")
          if table.rows else "None in this plan.", bold=True)
    reason = next((i for i, c in enumerate(table.columns, 1) if c.header == "Reason"), None)
    if reason and table.sheet in _HINTS:
        w.put(TOTAL_ROW, reason, _HINTS[table.sheet])
        if table.note:  # on its own line: one line fits
            w.put(APPROVED_ROW, reason, table.note)
    if table.decision and table.rows:
        w.put(APPROVED_ROW, 1, "Approved so far", bold=True)
    approval = col_name(table.index(APPROVAL) + 1) if table.decision else None
    for i in totals:
        if not table.rows:
            continue
        kind, letter = table.columns[i - 1].kind, col_name(i)
        rng = f"{letter}{FIRST_ROW}:{letter}{last}"
        total = sum(r[i - 1] or 0 for r in table.rows)
        w.formula(TOTAL_ROW, i, f"=SUBTOTAL(109,{rng})", total, kind=kind, bold=True)
        if approval:
            w.formula(APPROVED_ROW, i, f'=SUMIFS({rng},{approval}{FIRST_ROW}:{approval}{last},"Approved")',
                      table.total(table.columns[i - 1].header, **{APPROVAL: "Approved"}), kind=kind, bold=True)
    w.row = HEADER_ROW - 1
    w.header([c.header for c in table.columns])
    first, last = w.data_rows(table)
    w.add_table(table, header_row=HEADER_ROW, last_row=last)
    printed = [i for i, c in enumerate(table.columns, 1) if c.kind != "key"]
    w.print_columns(printed[-1] if printed else 1, max(last, HEADER_ROW))
    if table.decision:
        w.approval_dropdown(table.index(APPROVAL) + 1, first, last)
    if highlight and last >= first:  # rows due by a date: highlighted as page 1 lists them
        header, due = highlight
        at = col_name(table.index(header) + 1)
        w.ws.conditional_format(first - 1, 0, last - 1, len(table.columns) - 1, {
            "type": "formula", "format": w.formats.get(fill=HIGHLIGHT),
            "criteria": f'=AND(${at}{first}<>"",${at}{first}<=DATE({due.year},{due.month},{due.day}))'})


def _manifest(w: SheetWriter, report: PlanReport, tables: dict[str, Table], *, include_pay: bool) -> None:
    """The hidden sheet the round trip reads: each decision row's key, subject, exported FTE and a check."""
    w.ws.very_hidden()
    rows = manifest_rows(report, include_pay=include_pay, tables=[t for t in tables.values() if t.decision])
    w.rows(["text"] * len(rows[0]), rows)


def write_plan_workbook(report: PlanReport, path: str | Path, *, include_pay: bool = True,
                        full_roster: bool = False) -> Path:
    """Writes the approvers' workbook (.xlsx) and returns its path; pay left out when include_pay is False.

    The roster snapshot lists the people the plan touches (places or trains; 'Team changes' lists the released) unless
    `full_roster`.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise PhasegateError("cannot write the workbook: the folder does not exist", file=str(path))
    report = report.for_audience(include_pay=include_pay)
    ask = build_ask(report)
    tables = {t.name if t.name in ("Readiness", "GapDetail") else t.sheet: t
              for t in all_tables(report, include_pay=include_pay, changes=ask.changes, full_roster=full_roster)}
    tmp = path.with_name(path.name + ".part")
    with _older_objects_aside():
        return _write(report, ask, tables, path, tmp, include_pay=include_pay, full_roster=full_roster)


@contextmanager
def _older_objects_aside() -> Iterator[None]:
    """While the cells are written, the cyclic collector walks only the objects made since.

    XlsxWriter keeps every cell (a namedtuple, which the collector always tracks) until the file is closed, so the
    cells trigger full collections, and each used to walk the whole heap besides: the project, the report and its
    tables, none of which the export can make garbage (0.35 s of 2.2 s at 10,000 people, 0.7 s of 3.9 s with the
    full roster; docs/export.md *Speed*). They are frozen for the write and thawed after; the collector keeps
    running on everything new. Nothing is done when the collector is off (the window's jobs run so) or something
    is frozen already (the window freezes after its jobs, and thawing would undo that).
    """
    if not gc.isenabled() or gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _write(report: PlanReport, ask, tables: dict[str, Table], path: Path, tmp: Path, *, include_pay: bool,
           full_roster: bool) -> Path:
    """Writes the sheets through XlsxWriter into `tmp`, then moves it to `path`."""
    wb = xlsxwriter.Workbook(str(tmp), {"strings_to_numbers": False, "strings_to_formulas": False, "in_memory": True,
                                       "strings_to_urls": False})
    try:
        wb.set_properties({"title": report.title[:200], "author": f"Phasegate {report.phasegate_version}",
                           "comments": "Contains pay data" if include_pay else "Pay data left out"})
        formats = Formats(wb, currency=report.currency)
        order = list(SHEET_ORDER)
        if tables[EARLIER_SHEET].rows:  # after the decision sheets: what approvers decided before this plan
            order.insert(order.index("Hiring") + 1, EARLIER_SHEET)
        writers = {name: SheetWriter(wb, wb.add_worksheet(name), formats) for name in (*order, MANIFEST_SHEET)}
        texts = page_texts(report, include_pay=include_pay)
        write_summary(writers["Summary"], report, ask, tables, include_pay=include_pay, texts=texts)
        for name in ("Assignments", "Upskilling", "Team changes", "Uncovered"):
            _list_sheet(writers[name], tables[name], texts=texts)
        _list_sheet(writers["Hiring"], tables["Hiring"], texts=texts, highlight=("Latest requisition", ask.due_by))
        gap = writers["Gap matrix"]
        gap.print_setup(header=texts[0], footer=texts[1])
        write_gap_matrix(gap, report)
        _list_sheet(writers["Gap details"], tables["GapDetail"], texts=texts, title="Gap details: every role × "
                                                                                   "skill cell of the gap matrix")
        write_timeline(writers[TIMELINE_SHEET], report, texts=texts,
                       only=None if full_roster else {r[0] for r in tables["Roster snapshot"].rows})
        write_calendar(writers[CALENDAR_SHEET], report, texts=texts)
        people = len(tables["Roster snapshot"].rows)
        scope = "everyone in the roster" if full_roster else (f"the {people} people the plan places or trains (of "
                                                               f"{len(report.people)} in the roster)")
        _list_sheet(writers["Roster snapshot"], tables["Roster snapshot"], texts=texts,
                    title=f"Roster snapshot: {scope}")
        if EARLIER_SHEET in writers:
            _list_sheet(writers[EARLIER_SHEET], tables[EARLIER_SHEET], texts=texts)
        write_assumptions(writers["Assumptions"], report, include_pay=include_pay, texts=texts)
        _manifest(writers[MANIFEST_SHEET], report, tables, include_pay=include_pay)
        wb.close()
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PhasegateError(f"cannot write the workbook: {exc.strerror or exc}", file=str(path)) from exc
    finally:
        _break_cycle(wb)
    return path


def _break_cycle(wb: xlsxwriter.Workbook) -> None:
    """Drops a written workbook's contents now. XlsxWriter's sheets hold a bound method of their workbook, a reference
    cycle, so without this every cell of the export (~570,000 objects at 10,000 people) waits for a full collection;
    and when a window job ends, `ui.workers` freezes whatever is alive, which kept each export's cells for good."""
    vars(wb).clear()
