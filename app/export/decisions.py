"""The round trip: read approvers' decisions back from an exported workbook, every cell applied or reported.

Rows are matched to the plan by their hidden key, columns by header, sheets by name or (renamed, moved) by the
keys they hold. What a row decides comes from the plan given, else from the hidden manifest (checked row by row),
else from the key alone. Anything an approver did that cannot be applied as meant is a problem in words.
"""
from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path

from app.domain.plans import Plan
from app.errors import PhasegateError, UnreadableFileError
from app.export.decision_result import (
    Approval,
    CellProblem,
    DecisionChange,
    DecisionResult,
    DeletedRow,
)
from app.export.decision_rows import RowReader, parse_fte
from app.export.keys import PREFIX_SHEET
from app.export.manifest import (
    MANIFEST_SHEET,
    DecisionEntry,
    cell_text,
    decision_entries,
    entry_from_key,
    plan_id,
    read_manifest,
)
from app.export.report import PlanReport
from app.export.tables import KEY

__all__ = ["Approval", "CellProblem", "DecisionChange", "DecisionResult", "DecisionsCancelled", "DeletedRow",
           "parse_fte", "read_decisions"]

DECISION_SHEETS = ("Assignments", "Upskilling", "Hiring")
#: Identity columns whose text comes from the report (display names), not from the plan alone.
NAMED_BY_THE_REPORT = frozenset({"Name", "New role", "Role", "Skill"})
#: How far down a sheet the header row is looked for (approvers sometimes insert rows above it).
HEADER_SEARCH_ROWS = 25
#: Rows read between two checks of the Cancel button.
CANCEL_EVERY = 2000


class DecisionsCancelled(PhasegateError):
    """The user cancelled reading the workbook. Exit code 130 (like Ctrl-C)."""

    exit_code = 130


def _rows(rows: Iterator[tuple], cancel: Callable[[], bool] | None, file: str) -> list[tuple]:
    """The rest of a sheet's rows, checking `cancel` every few thousand."""
    out: list[tuple] = []
    for values in rows:
        out.append(values)
        if cancel is not None and len(out) % CANCEL_EVERY == 0 and cancel():
            raise DecisionsCancelled("reading the decisions was cancelled", file=file)
    return out


class _Sheet:
    """A sheet that holds a 'Phasegate key' header: where the header is, its columns, and its rows."""

    def __init__(self, name: str, header_index: int, columns: dict[str, int], rows: list[tuple]) -> None:
        self.name, self.header_index, self.columns, self.rows = name, header_index, columns, rows

    def prefixes(self) -> set[str]:
        """The key prefixes its rows carry ('A', 'T', 'H')."""
        at = self.columns[KEY.casefold()]
        return {cell_text(r[at]).split(":", 1)[0] for r in self.rows[self.header_index + 1:]
                if at < len(r) and ":" in cell_text(r[at])}


def _header(rows: list[tuple]) -> tuple[int, dict[str, int]] | None:
    for i, values in enumerate(rows):
        names = {cell_text(v).casefold(): j for j, v in enumerate(values) if cell_text(v)}
        if KEY.casefold() in names:
            return i, names
    return None


def _read_sheets(path: Path, cancel: Callable[[], bool] | None = None
                 ) -> tuple[dict[str, _Sheet], dict[str, list[tuple]]]:
    """Sheets holding a key column (read whole) and the manifest's rows; the others are read no further than
    their first rows. Any failure becomes one UnreadableFileError line; `cancel` is checked as rows are read."""
    if not path.is_file():
        raise UnreadableFileError("file not found", file=str(path))
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFileError("password-protected or old .xls file; save it as .xlsx without a password",
                                  file=path.name)
    if not zipfile.is_zipfile(path):
        raise UnreadableFileError("not an Excel workbook (.xlsx)", file=path.name)
    from openpyxl import load_workbook  # here, so writing an export never imports the reader (0.2-0.4 s)

    keyed: dict[str, _Sheet] = {}
    other: dict[str, list[tuple]] = {}
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            for ws in wb.worksheets:
                if cancel is not None and cancel():
                    raise DecisionsCancelled("reading the decisions was cancelled", file=path.name)
                rows: Iterator[tuple] = (tuple(r) for r in ws.iter_rows(values_only=True))
                top = list(islice(rows, HEADER_SEARCH_ROWS))
                found = _header(top)
                if found is not None:
                    keyed[ws.title] = _Sheet(ws.title, *found, top + _rows(rows, cancel, path.name))
                elif ws.title == MANIFEST_SHEET:
                    other[ws.title] = top + _rows(rows, cancel, path.name)
                else:
                    other[ws.title] = top
        finally:
            wb.close()
    except DecisionsCancelled:
        raise
    except Exception as exc:  # openpyxl raises many types for damaged files; the user needs one line
        raise UnreadableFileError(f"the workbook cannot be read ({type(exc).__name__})", file=path.name) from exc
    return keyed, other


def _entries(result: DecisionResult, other: dict[str, list[tuple]], given: Plan | PlanReport | None,
             keyed: dict[str, _Sheet], project_plan: Plan | None) -> dict[str, DecisionEntry]:
    """The exported decision rows by key: from the plan given, else the manifest rows that pass their check."""
    manifest = read_manifest(other.get(MANIFEST_SHEET, []))
    if given is None and project_plan is not None and manifest.plan_id == plan_id(project_plan):
        result.notes.append("the workbook was exported from the project's current plan; rows are read against it")
        given = project_plan
    if given is not None:
        plan = given.plan if isinstance(given, PlanReport) else given
        if manifest.plan_id and manifest.plan_id != plan_id(plan):
            result.problems.append(CellProblem(
                sheet=MANIFEST_SHEET, reason=f"the workbook was exported from the plan of {manifest.plan_id}, not "
                                             f"from the plan given (of {plan_id(plan)}); rows are read against the "
                                             "plan given"))
        entries = decision_entries(given)
        if isinstance(given, Plan):  # a bare plan knows no display names: the export's own cells say what showed
            for key, entry in entries.items():
                exported = manifest.entries.get(key)
                shown = exported.shown if exported is not None else {
                    h: v for h, v in entry.shown.items() if h not in NAMED_BY_THE_REPORT}
                entries[key] = replace(entry, shown=shown)
        return entries
    if not manifest.found:
        if not keyed and not any(name in other for name in DECISION_SHEETS):
            return {}
        result.problems.append(CellProblem(
            sheet=MANIFEST_SHEET, reason="the hidden sheet is missing or its header was changed, so deleted rows and "
                                         "FTE edits cannot be told; each row is read from its key alone"))
        return {}
    entries = dict(manifest.entries)
    for number, key in manifest.edited_rows:
        result.problems.append(CellProblem(
            sheet=MANIFEST_SHEET, row=number, value=key,
            reason="this row of the hidden sheet was edited after export, so it is not trusted; the decision row "
                   "with this key is read from its key alone"))
        entry = entry_from_key(key)
        if entry is not None:
            entries[key] = entry
    return entries


def read_decisions(path: str | Path, *, report_or_plan: PlanReport | Plan | None = None,
                   project_plan: Plan | None = None, cancel: Callable[[], bool] | None = None) -> DecisionResult:
    """Reads an exported workbook back: approvals → pins, rejections → exclusions and limits, the rest reported.

    `report_or_plan`: the plan the workbook was exported from (its rows are read against it). `project_plan`: a
    plan that is used the same way only when the workbook's manifest names it (a re-plan from the project).
    `cancel`: polled while rows are read (DecisionsCancelled when it returns True).
    """
    path = Path(path)
    keyed, other = _read_sheets(path, cancel)
    result = DecisionResult(file=path.name)
    entries = _entries(result, other, report_or_plan, keyed, project_plan)
    if not keyed and not any(name in other for name in DECISION_SHEETS):
        raise UnreadableFileError("not a Phasegate plan workbook (no decision sheets)", file=path.name)
    reader = RowReader(result, entries, key_alone=not entries)
    used: set[str] = set()
    present: set[str] = set()
    for name in DECISION_SHEETS:
        sheet = _find(name, keyed, used, other, result)
        if sheet is None:
            count = sum(1 for e in entries.values() if e.sheet == name)
            if count:
                result.problems.append(CellProblem(sheet=name, reason=f"sheet is missing, so its {count} "
                                                   "decision row(s) were not read"))
            continue
        used.add(sheet.name)
        present.add(name)
        reader.sheet(name, sheet.name, sheet.header_index, sheet.columns, sheet.rows)
    for extra in sorted(set(keyed) - used):
        result.problems.append(CellProblem(sheet=extra, reason="this sheet also holds decision rows (a copy?); it "
                                                               "was not read — keep one sheet per kind of decision"))
    for key, entry in entries.items():
        if key not in reader.seen and entry.sheet in present:
            result.deleted.append(DeletedRow(sheet=entry.sheet, key=key, label=entry.label))
    named = (entry_from_key(key) for key in (*reader.seen, *entries))
    result.initiatives = sorted({e.initiative for e in named if e is not None and e.initiative})
    return result


def _find(name: str, keyed: dict[str, _Sheet], used: set[str], other: dict[str, list[tuple]],
          result: DecisionResult) -> _Sheet | None:
    """The sheet holding one kind of decision rows: by its name, else the one (renamed) whose keys are that kind."""
    if name in keyed:
        return keyed[name]
    if name in other:
        result.problems.append(CellProblem(sheet=name, column=KEY, reason="no 'Phasegate key' column, so its rows "
                                           "cannot be matched to the plan (was the hidden column deleted?)"))
        return None
    prefix = next(p for p, s in PREFIX_SHEET.items() if s == name)
    renamed = [s for title, s in keyed.items() if title not in used and title not in DECISION_SHEETS
               and s.prefixes() == {prefix}]
    if len(renamed) == 1:
        result.notes.append(f"sheet '{name}' was renamed '{renamed[0].name}'; its decisions were read from there")
        return renamed[0]
    return None
