"""The round trip: read approvers' decisions back from an exported workbook into pins, exclusions and hints."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Literal

from openpyxl import load_workbook
from pydantic import BaseModel, Field

from app.domain.plans import Exclusion, Pin, Plan
from app.errors import UnreadableFileError
from app.export.manifest import MANIFEST_SHEET, DecisionEntry, decision_entries, read_manifest
from app.export.report import PlanReport
from app.export.tables import APPROVAL, COMMENT, FTE, KEY

DECISION_SHEETS = ("Assignments", "Upskilling", "Hiring")
#: How far down a sheet the header row is looked for (approvers sometimes insert rows above it).
HEADER_SEARCH_ROWS = 25
_PREFIX_SHEET = {"A": "Assignments", "T": "Upskilling", "H": "Hiring"}
_APPROVALS = {"proposed": "Proposed", "approved": "Approved", "rejected": "Rejected", "": "Proposed"}
_MAX_FTE = {"Assignments": 2.0, "Hiring": 50.0}


class DecisionChange(BaseModel):
    """One change the reader understood (an approval, a rejection, an FTE edit, a comment)."""

    sheet: str
    row: int
    key: str
    action: Literal["approved", "rejected", "fte_edited", "commented"]
    text: str


class CellProblem(BaseModel):
    """A cell or row the reader could not use, and why."""

    sheet: str
    row: int | None = None
    column: str | None = None
    value: str = ""
    reason: str

    def one_line(self) -> str:
        """`sheet 'Assignments', row 5, column 'FTE' ('abc'): reason`."""
        where = [f"sheet '{self.sheet}'"]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        shown = f" ({self.value!r})" if self.value else ""
        return f"{', '.join(where)}{shown}: {self.reason}"


class DeletedRow(BaseModel):
    """A decision row that was exported but is no longer in the workbook."""

    sheet: str
    key: str
    label: str


class PolicyHint(BaseModel):
    """A decision on a hire, a contract or a training, for the planner to turn into policy."""

    subject: Literal["hire", "contract", "training"]
    decision: Literal["approved", "rejected", "fte_changed"]
    initiative: str = ""
    role: str = ""
    person_id: str | None = None
    skill: str | None = None
    fte: float | None = None
    comment: str = ""
    text: str


class DecisionResult(BaseModel):
    """Everything read back from a workbook: pins, exclusions, hints, and each change or problem by cell."""

    file: str
    pins: list[Pin] = Field(default_factory=list)
    exclusions: list[Exclusion] = Field(default_factory=list)
    policy_hints: list[PolicyHint] = Field(default_factory=list)
    changes: list[DecisionChange] = Field(default_factory=list)
    problems: list[CellProblem] = Field(default_factory=list)
    deleted: list[DeletedRow] = Field(default_factory=list)
    unchanged: int = Field(default=0, description="Rows still Proposed with nothing edited and no problem.")

    def summary_lines(self) -> list[str]:
        """What was understood and what was not, one line each, for the CLI and the app."""
        lines = [f"{self.file}: {len(self.pins)} pin(s), {len(self.exclusions)} exclusion(s), "
                 f"{len(self.policy_hints)} policy hint(s), {len(self.deleted)} deleted row(s), "
                 f"{len(self.problems)} problem(s), {self.unchanged} row(s) unchanged"]
        lines += [f"  {c.sheet} row {c.row}: {c.text}" for c in self.changes]
        lines += [f"  deleted from {d.sheet}: {d.label}" for d in self.deleted]
        lines += [f"  problem: {p.one_line()}" for p in self.problems]
        return lines


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def parse_fte(value: object) -> float | None:
    """An FTE cell as a number: 0.5, '0,5', '50%' → 0.5; None when it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = _text(value).replace(",", ".").replace(" ", "")
    scale = 1.0
    if text.endswith("%"):
        text, scale = text[:-1], 0.01
    if not re.fullmatch(r"[0-9]*\.?[0-9]+", text):
        return None
    return round(float(text) * scale, 6)


def _open_rows(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's rows as value tuples; any failure becomes one UnreadableFileError line."""
    if not path.is_file():
        raise UnreadableFileError("file not found", file=str(path))
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFileError("password-protected or old .xls file; save it as .xlsx without a password",
                                  file=path.name)
    if not zipfile.is_zipfile(path):
        raise UnreadableFileError("not an Excel workbook (.xlsx)", file=path.name)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            wanted = (*DECISION_SHEETS, MANIFEST_SHEET)  # the roster snapshot is large and not needed
            return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] if ws.title in wanted else []
                    for ws in wb.worksheets}
        finally:
            wb.close()
    except Exception as exc:  # openpyxl raises many types for damaged files; the user needs one line
        raise UnreadableFileError(f"the workbook cannot be read ({type(exc).__name__})", file=path.name) from exc


def _find_header(rows: list[tuple]) -> tuple[int, dict[str, int]] | None:
    for i, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {_text(v).casefold(): j for j, v in enumerate(values) if _text(v)}
        if KEY.casefold() in names:
            return i, names
    return None


class _Reader:
    """Walks the decision sheets, filling a DecisionResult."""

    def __init__(self, result: DecisionResult, entries: dict[str, DecisionEntry]) -> None:
        self.result = result
        self.entries = entries
        self.seen: dict[str, int] = {}

    def problem(self, sheet: str, row: int | None, column: str | None, value: object, reason: str) -> None:
        self.result.problems.append(CellProblem(sheet=sheet, row=row, column=column, value=_text(value)[:80],
                                                reason=reason))

    def sheet(self, name: str, rows: list[tuple]) -> None:
        found = _find_header(rows)
        if found is None:
            self.problem(name, None, KEY, "", "no 'Phasegate key' column, so its rows cannot be matched to the "
                                              "plan (was the hidden column deleted?)")
            return
        header_index, columns = found
        col = {h: columns.get(h.casefold()) for h in (APPROVAL, COMMENT, FTE, KEY)}
        for h in (APPROVAL,):
            if col[h] is None:
                self.problem(name, header_index + 1, h, "", "column missing; every row is read as Proposed")
        for offset, values in enumerate(rows[header_index + 1:], start=header_index + 2):
            def get(header: str, values=values) -> object:
                j = col[header]
                return values[j] if j is not None and j < len(values) else None

            if not any(_text(v) for v in values):
                continue
            key = _text(get(KEY))
            if not key:
                first = next((v for v in values if _text(v)), "")
                self.problem(name, offset, None, first, "row has no Phasegate key (added by hand?); ignored")
                continue
            entry = self.entries.get(key)
            if entry is None:
                self.problem(name, offset, KEY, key, "key is not in this plan (exported from another plan?); ignored")
                continue
            if key in self.seen:
                self.problem(name, offset, KEY, key, f"same decision as row {self.seen[key]}; this copy is ignored")
                continue
            self.seen[key] = offset
            self.row(name, offset, entry, get)

    def row(self, sheet: str, row: int, entry: DecisionEntry, get) -> None:
        problems_before = len(self.result.problems)
        raw = get(APPROVAL)
        approval = _APPROVALS.get(_text(raw).casefold())
        if approval is None:
            self.problem(sheet, row, APPROVAL, raw, "not Proposed, Approved or Rejected; read as Proposed")
            approval = "Proposed"
        comment = _text(get(COMMENT))
        fte = self.fte(sheet, row, entry, get(FTE)) if sheet in _MAX_FTE else None
        edited = fte is not None and entry.fte is not None and abs(fte - entry.fte) > 1e-6
        if sheet == "Assignments":
            self.assignment(row, entry, approval, fte if fte is not None else entry.fte, edited, comment)
        else:
            self.hint(sheet, row, entry, approval, fte if fte is not None else entry.fte, edited, comment)
        if comment and approval == "Proposed" and not edited:
            self.change(sheet, row, entry, "commented", f"comment on {entry.label}: {comment}")
        if approval == "Proposed" and not edited and not comment and len(self.result.problems) == problems_before:
            self.result.unchanged += 1

    def fte(self, sheet: str, row: int, entry: DecisionEntry, raw: object) -> float | None:
        if raw is None or _text(raw) == "":
            self.problem(sheet, row, FTE, "", f"FTE is empty; kept the plan's {entry.fte:g}")
            return None
        value = parse_fte(raw)
        if value is None:
            self.problem(sheet, row, FTE, raw, f"not a number; kept the plan's {entry.fte:g}")
            return None
        if not 0 < value <= _MAX_FTE[sheet]:
            self.problem(sheet, row, FTE, raw, f"FTE must be above 0 and at most {_MAX_FTE[sheet]:g} (reject the "
                                               f"row to drop it); kept the plan's {entry.fte:g}")
            return None
        return value

    def change(self, sheet: str, row: int, entry: DecisionEntry, action: str, text: str) -> None:
        self.result.changes.append(DecisionChange(sheet=sheet, row=row, key=entry.key, action=action, text=text))

    def assignment(self, row: int, entry: DecisionEntry, approval: str, fte: float | None, edited: bool,
                   comment: str) -> None:
        sheet = "Assignments"
        note = f" ({comment})" if comment else ""
        if approval == "Rejected":
            self.result.exclusions.append(Exclusion(person_id=entry.person_id, initiative=entry.initiative,
                                                    reason=comment or "rejected by an approver"))
            ignored = "; the FTE edit is ignored" if edited else ""
            self.change(sheet, row, entry, "rejected", f"rejected {entry.label}: exclude {entry.person_id} from "
                                                       f"{entry.initiative}{ignored}{note}")
            return
        if approval == "Approved" or edited:
            self.result.pins.append(Pin(person_id=entry.person_id, initiative=entry.initiative, role=entry.role,
                                        fte=fte))
            if edited:
                self.change(sheet, row, entry, "fte_edited", f"FTE changed to {fte:g} for {entry.label}"
                                                             f"{' (approved)' if approval == 'Approved' else ''}"
                                                             f"{note}")
            else:
                self.change(sheet, row, entry, "approved", f"approved {entry.label}{note}")

    def hint(self, sheet: str, row: int, entry: DecisionEntry, approval: str, fte: float | None, edited: bool,
             comment: str) -> None:
        subject = "training" if sheet == "Upskilling" else entry.hire_kind
        if subject not in ("hire", "contract", "training"):
            subject = "hire"
        decision = {"Approved": "approved", "Rejected": "rejected"}.get(approval, "fte_changed" if edited else None)
        if decision is None:
            return
        if decision == "rejected":
            what = (f"no upskilling of {entry.person_id} in {entry.skill}" if subject == "training" else
                    f"no {'contractor' if subject == 'contract' else 'hire'} for role {entry.role} in "
                    f"{entry.initiative}")
        elif decision == "fte_changed":
            what = f"{subject} for role {entry.role} in {entry.initiative} at {fte:g} FTE instead of {entry.fte:g}"
        else:
            what = f"approved: {entry.label}" + (f", FTE changed to {fte:g}" if edited else "")
        self.result.policy_hints.append(PolicyHint(
            subject=subject, decision=decision, initiative=entry.initiative, role=entry.role,
            person_id=entry.person_id or None, skill=entry.skill or None,
            fte=fte if subject != "training" else None, comment=comment, text=what))
        action = "fte_edited" if decision == "fte_changed" else decision
        self.change(sheet, row, entry, action, what + (f" ({comment})" if comment else ""))


def read_decisions(path: str | Path, *, report_or_plan: PlanReport | Plan | None = None) -> DecisionResult:
    """Reads an exported workbook back: approvals → pins, rejections → exclusions/hints, every cell accounted."""
    path = Path(path)
    sheets = _open_rows(path)
    if report_or_plan is not None:
        plan = report_or_plan.plan if isinstance(report_or_plan, PlanReport) else report_or_plan
        entries = decision_entries(plan)
    else:
        entries = read_manifest(sheets.get(MANIFEST_SHEET, []))
        if not entries and not any(name in sheets for name in DECISION_SHEETS):
            raise UnreadableFileError("not a Phasegate plan workbook (no decision sheets)", file=path.name)
    result = DecisionResult(file=path.name)
    reader = _Reader(result, entries)
    present = set()
    for name in DECISION_SHEETS:
        if name in sheets:
            present.add(name)
            reader.sheet(name, sheets[name])
        elif any(e.sheet == name for e in entries.values()):
            reader.problem(name, None, None, "", "sheet is missing, so its decisions were not read")
    for key, entry in entries.items():
        if key not in reader.seen and entry.sheet in present:
            result.deleted.append(DeletedRow(sheet=entry.sheet, key=key, label=entry.label))
    return result
