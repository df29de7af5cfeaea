"""Rows of a dated sheet turned into commitments or leave, each row imported, skipped or rejected with its reason.

Cells are read with the roster importer's normalisers (dates in either Excel date system or as text, FTE as
0.5 / 50 % / hours per week, status words). People are found by employee id, then e-mail, then a name only one
person in the roster has.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from app.domain.people import Absence, Commitment, CommitmentStatus, Person
from app.roster_import.cell_values import (
    ValueProblem,
    as_text,
    detect_date_order,
    is_blank,
    parse_commitment_status,
    parse_date,
    parse_fte,
    parse_hours,
    parse_number,
)
from app.roster_import.data_rows import is_totals_row
from app.roster_import.models import RowIssue, Severity
from app.roster_import.read_file import RawSheet
from app.timeline.dated_import.columns import DatedColumns, Kind

_CANCELLED = frozenset({"cancelled", "canceled", "rejected", "declined", "withdrawn", "void", "deleted"})
_LEAVE_TENTATIVE = frozenset({"requested", "pending", "submitted", "awaiting approval", "planned", "draft"})
_LEAVE_CONFIRMED = frozenset({"approved", "confirmed", "booked", "taken", "scheduled", "granted", "accepted"})


@dataclass
class DatedRow:
    """One imported row: whose it is, what it is, and where it came from."""

    person_id: str
    item: Commitment | Absence
    row: int


@dataclass
class RowsRead:
    """Everything read from one dated sheet."""

    kind: Kind
    sheet: str
    header_row: int
    columns: dict[str, str]
    unused_columns: list[str]
    items: list[DatedRow] = field(default_factory=list)
    rejected: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    skipped: list[RowIssue] = field(default_factory=list)
    data_rows: int = 0
    blank_rows: int = 0


class PersonFinder:
    """Roster people by employee id, e-mail, or a name only one of them has."""

    def __init__(self, people: Sequence[Person]) -> None:
        self.by_id = {p.id.casefold(): p for p in people}
        self.by_email = {p.email.casefold(): p for p in people if p.email}
        self.by_name: dict[str, list[Person]] = {}
        for p in people:
            self.by_name.setdefault(" ".join(p.name.casefold().split()), []).append(p)

    def find(self, *, pid: str, email: str, name: str) -> tuple[Person | None, str | None]:
        """The person, or None and the reason (unknown, or a name two people share)."""
        if pid:
            found = self.by_id.get(pid.casefold())
            return (found, None) if found else (None, f"no one in the roster has employee id '{pid}'")
        if email:
            found = self.by_email.get(email.casefold())
            if found:
                return found, None
        if name:
            same = self.by_name.get(" ".join(name.casefold().split()), [])
            if len(same) == 1:
                return same[0], None
            if len(same) > 1:
                ids = ", ".join(p.id for p in same[:4])
                return None, f"{len(same)} people in the roster are named '{name}' ({ids}); give the employee id"
            return None, f"no one in the roster is named '{name}'"
        return None, f"no one in the roster has e-mail '{email}'" if email else "no person given"


class _Reader:
    def __init__(self, sheet: RawSheet, cols: DatedColumns, kind: Kind, finder: PersonFinder, *,
                 week_hours: float, date_order: str) -> None:
        self.sheet, self.cols, self.kind, self.finder = sheet, cols, kind, finder
        self.week_hours = week_hours
        data = sheet.rows[cols.header_index + 1:]
        self.orders = {}
        for f in ("start", "end"):
            j = cols.fields.get(f)
            if j is not None and date_order == "auto":
                self.orders[f] = detect_date_order([r[j] for r in data if j < len(r)]) or "auto"
            else:
                self.orders[f] = date_order
        self.out = RowsRead(kind=kind, sheet=sheet.name, header_row=sheet.row_number(cols.header_index),
                            columns={cols.names[j]: f for f, j in cols.fields.items()},
                            unused_columns=list(cols.unused))

    def issue(self, bucket: list[RowIssue], rn: int, field_name: str | None, reason: str, severity: Severity,
              value: object = None) -> None:
        column = self.cols.names[self.cols.fields[field_name]] if field_name in self.cols.fields else None
        bucket.append(RowIssue(sheet=self.sheet.name, row=rn, column=column,
                               value=None if value is None else as_text(value)[:60], reason=reason,
                               severity=severity))

    def cell(self, row: list, field_name: str) -> object:
        j = self.cols.fields.get(field_name)
        if j is None or j >= len(row):
            return None
        value = row[j]
        return None if is_blank(value) or value == "" else value

    def text(self, row: list, field_name: str) -> str:
        value = self.cell(row, field_name)
        return "" if value is None else as_text(value)

    def date_of(self, row: list, rn: int, field_name: str) -> tuple[date | None, bool]:
        """(the date or None when blank, ok); a bad date rejects the row."""
        value = self.cell(row, field_name)
        if value is None:
            return None, True
        try:
            day, warning = parse_date(value, date1904=self.sheet.date1904, order=self.orders[field_name])
        except ValueProblem as exc:
            self.issue(self.out.rejected, rn, field_name, f"{exc}; row not imported", Severity.ERROR, value)
            return None, False
        if warning:
            self.issue(self.out.warnings, rn, field_name, warning, Severity.WARNING, value)
        return day, True

    def amount(self, row: list, rn: int) -> tuple[float | None, bool, bool]:
        """(FTE or None when not given, ok, given as hours)."""
        for field_name, hours in (("allocation", False), ("hours", True)):
            value = self.cell(row, field_name)
            if value is None:
                continue
            try:
                text = str(value).strip().rstrip("%").strip() if isinstance(value, str) else value
                if parse_number(text, decimal_comma=self.sheet.decimal_comma) == 0:
                    self.issue(self.out.skipped, rn, field_name, "0 % allocated: nothing promised; not imported",
                               Severity.SKIPPED, value)
                    return None, False, hours
                parse = parse_hours if hours else parse_fte
                return parse(value, decimal_comma=self.sheet.decimal_comma, week_hours=self.week_hours), True, hours
            except ValueProblem as exc:
                self.issue(self.out.rejected, rn, field_name, f"{exc}; row not imported", Severity.ERROR, value)
                return None, False, hours
        return None, True, False

    def status(self, row: list, rn: int) -> tuple[CommitmentStatus | None, bool]:
        """(status, keep the row); cancelled rows are skipped, unknown words warned about and read as confirmed."""
        value = self.cell(row, "status")
        if value is None:
            return CommitmentStatus.CONFIRMED, True
        word = " ".join(as_text(value).lower().split())
        if word in _CANCELLED:
            self.issue(self.out.skipped, rn, "status", f"status '{as_text(value)}': not imported", Severity.SKIPPED,
                       value)
            return None, False
        if self.kind == "absences":
            if word in _LEAVE_TENTATIVE:
                return CommitmentStatus.TENTATIVE, True
            if word in _LEAVE_CONFIRMED:
                return CommitmentStatus.CONFIRMED, True
        try:
            return parse_commitment_status(value), True
        except ValueProblem as exc:
            self.issue(self.out.warnings, rn, "status", f"{exc}; read as confirmed", Severity.WARNING, value)
            return CommitmentStatus.CONFIRMED, True

    def row(self, i: int, row: list) -> None:
        rn = self.sheet.row_number(i)
        if all(is_blank(c) or c == "" for c in row):
            self.out.blank_rows += 1
            return
        self.out.data_rows += 1
        if is_totals_row(row):
            self.issue(self.out.skipped, rn, None, "looks like a totals/summary row; not imported", Severity.SKIPPED)
            return
        person, why = self.finder.find(pid=self.text(row, "id"), email=self.text(row, "email"),
                                       name=self.text(row, "name"))
        if person is None:
            where = next((f for f in ("id", "email", "name") if self.text(row, f)), "id")
            self.issue(self.out.rejected, rn, where, f"{why}; row not imported", Severity.ERROR,
                       self.cell(row, where))
            return
        start, ok_start = self.date_of(row, rn, "start")
        end, ok_end = self.date_of(row, rn, "end")
        if not (ok_start and ok_end):
            return
        if start is not None and end is not None and end < start:
            self.issue(self.out.rejected, rn, "end", f"ends ({end.isoformat()}) before it starts ({start.isoformat()}); "
                       "row not imported", Severity.ERROR, self.cell(row, "end"))
            return
        status, keep = self.status(row, rn)
        if not keep:
            return
        fte, ok, _hours = self.amount(row, rn)
        if not ok:
            return
        item = self._commitment(row, rn, person, start, end, fte, status) if self.kind == "commitments" else \
            self._absence(row, rn, start, end, fte, status)
        if item is not None:
            self.out.items.append(DatedRow(person_id=person.id, item=item, row=rn))

    def _commitment(self, row, rn, person: Person, start, end, fte, status) -> Commitment | None:
        initiative = self.text(row, "initiative")
        if not initiative:
            self.issue(self.out.rejected, rn, "initiative", "no initiative given; row not imported", Severity.ERROR)
            return None
        if fte is None:
            self.issue(self.out.rejected, rn, "allocation" if "allocation" in self.cols.fields else "hours",
                       "no allocation given (FTE, % or hours per week); row not imported", Severity.ERROR)
            return None
        if fte > person.fte + 1e-9:
            self.issue(self.out.warnings, rn, "allocation" if "allocation" in self.cols.fields else "hours",
                       f"allocation {fte:.0%} is more than the person's FTE {person.fte:.0%}", Severity.WARNING)
        role = "_".join(re.findall(r"[a-z0-9]+", self.text(row, "role").lower())) or None  # as template ids read
        return Commitment(initiative=initiative, fte=fte, status=status, role=role, start=start, end=end)

    def _absence(self, row, rn, start, end, fte, status) -> Absence | None:
        for field_name, day in (("start", start), ("end", end)):
            if day is None:
                self.issue(self.out.rejected, rn, field_name, f"leave needs a{'n end' if field_name == 'end' else ' start'}"
                           " date (for leave with no known end, mark the person not available); row not imported",
                           Severity.ERROR)
                return None
        kind = self.text(row, "kind") or "leave"
        if fte is None:
            return Absence(start=start, end=end, kind=kind, status=status)
        # hours per week and an "FTE off" column are FTE; a percentage or share column is a share of the contract
        j = self.cols.fields.get("allocation")
        value = self.cell(row, "allocation")
        as_fte = value is None or "fte" in self.cols.names[j].lower() or (isinstance(value, str) and
                                                                          "h" in value.lower())
        if not as_fte and fte <= 1.0:
            return Absence(start=start, end=end, share=fte, kind=kind, status=status)
        return Absence(start=start, end=end, fte=fte, kind=kind, status=status)


def read_rows(sheet: RawSheet, cols: DatedColumns, kind: Kind, people: Sequence[Person], *,
              week_hours: float = 40.0, date_order: str = "auto") -> RowsRead:
    """Every data row below the header: imported, skipped or rejected."""
    reader = _Reader(sheet, cols, kind, PersonFinder(people), week_hours=week_hours, date_order=date_order)
    for i in range(cols.header_index + 1, len(sheet.rows)):
        reader.row(i, sheet.rows[i])
    return reader.out
