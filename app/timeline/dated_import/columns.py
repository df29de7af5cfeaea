"""Which column of a dated sheet is which: the names Runn, Float, Kantata, MS Project and HR leave exports use.

A dated sheet has one row per person × initiative × date range (commitments) or per person × date range (leave).
The header is the row among the first 30 that names the most known columns; a sheet is a commitments sheet when it
has a person and an initiative column and a date, a leave sheet when it has a person and both dates but no
initiative.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from app.domain.skills import normalise_key
from app.roster_import.cell_values import as_text

Kind = Literal["commitments", "absences"]

SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("employee id", "employee #", "employee number", "employee no", "emp id", "emp no", "worker id", "person id",
           "staff id", "staff number", "personnel number", "resource id", "user id", "id", "eeid"),
    "name": ("name", "worker", "employee", "employee name", "full name", "person", "person name", "resource",
             "resource name", "staff name", "team member", "assignee", "people"),
    "email": ("email", "e mail", "work email", "email address", "resource email"),
    "initiative": ("project", "initiative", "project name", "initiative name", "assignment", "programme", "program",
                   "engagement", "client project", "project title", "workstream"),
    "allocation": ("allocation %", "allocation", "allocation percent", "% allocated", "allocated fte", "fte",
                   "allocation fte", "percent allocated", "% allocation", "assignment %", "load %", "utilisation %",
                   "utilization %", "capacity %", "% of time", "time %", "share", "% off", "percent off", "fte off",
                   "percentage", "% absent", "absence %"),
    "hours": ("hours per week", "hours/week", "hours / week", "weekly hours", "hrs per week", "h/week", "hours per day",
              "hours/day", "hours off per week", "hours"),
    "start": ("start", "start date", "from", "from date", "begin", "begins", "assignment start", "allocation start",
              "leave start", "absence start", "first day", "date from", "valid from", "starts"),
    "end": ("end", "end date", "to", "to date", "until", "roll off date", "roll-off date", "rolloff date", "roll off",
            "roll-off", "finish", "finish date", "assignment end", "allocation end", "leave end", "absence end",
            "last day", "date to", "valid to", "ends"),
    "status": ("status", "assignment status", "allocation status", "booking status", "approval status", "state",
               "commitment status", "leave status", "request status"),
    "role": ("role", "project role", "assignment role", "role on project"),
    "kind": ("leave type", "absence type", "type", "reason", "category", "time off type", "absence reason",
             "leave reason"),
}
_KEY_TO_TARGET: dict[str, str] = {normalise_key(s): t for t, names in SYNONYMS.items() for s in names}
SCAN_ROWS = 30


def target_of(header: str) -> str | None:
    """The field a header names (after folding case and punctuation), or None."""
    return _KEY_TO_TARGET.get(normalise_key(header))


@dataclass
class DatedColumns:
    """Where the header is (0-based index into the sheet's rows) and the column index of each field found."""

    header_index: int
    names: list[str]
    fields: dict[str, int] = field(default_factory=dict)
    unused: list[str] = field(default_factory=list)  # headers of columns no field takes (reported)

    def kind(self) -> Kind | None:
        """'commitments', 'absences', or None when the columns fit neither."""
        person = any(f in self.fields for f in ("id", "name", "email"))
        if not person:
            return None
        if "initiative" in self.fields and ("start" in self.fields or "end" in self.fields):
            return "commitments"
        if "initiative" not in self.fields and "start" in self.fields and "end" in self.fields:
            return "absences"
        return None


def _columns(names: list[str], index: int) -> DatedColumns:
    out = DatedColumns(header_index=index, names=names)
    for j, name in enumerate(names):
        target = target_of(name) if name else None
        if target is not None and target not in out.fields:
            out.fields[target] = j
        elif name:
            out.unused.append(name)
    return out


def find_columns(rows: list[list]) -> DatedColumns | None:
    """The header among the first rows that names the most known columns (at least a person and a date)."""
    best: DatedColumns | None = None
    for i, row in enumerate(rows[:SCAN_ROWS]):
        names = [as_text(c) for c in row]
        found = _columns(names, i)
        if found.kind() is None:
            continue
        if best is None or len(found.fields) > len(best.fields):
            best = found
    return best
