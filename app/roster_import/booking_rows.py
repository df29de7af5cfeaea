"""A file of bookings — one row per person, initiative and day (or week, month) — is no roster: its rows would be
summed into one assignment of 200 %, 500 % … It is found before any row is read, and said, not imported."""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime

from app.errors import NotImportableError
from app.roster_import.cell_values import ValueProblem, as_text, is_blank, parse_date
from app.roster_import.models import ColumnMapping

#: Targets a column of days may have been given without changing what the file is (an assignment's own start and
#: end, both mapped, make a file of dated assignments instead, which the importer reads).
_PERIOD_TARGETS = {"extra", "ignore", "start_date", "leaving_date", "initiative_start", "initiative_end"}
_MONTH = re.compile(r"^\s*(?:\d{4}[-/.](?:0?[1-9]|1[0-2])|(?:0?[1-9]|1[0-2])[-/.]\d{4})\s*$")
#: At least this share of a person's repeated initiative rows must fall on other days for the file to be bookings.
_SHARE = 0.5


def _period(value: object, date1904: bool) -> object | None:
    """The day (or 'YYYY-MM' month) a cell names, or None."""
    if isinstance(value, datetime | date):
        return value
    text = as_text(value).strip()
    if _MONTH.match(text):
        return text
    if not text or not any(c.isdigit() for c in text) or len(text) > 30:
        return None
    try:
        return parse_date(value, date1904=date1904)[0]
    except (ValueProblem, ValueError, TypeError, OverflowError):
        return None


def booking_column(mapping: ColumnMapping, names: list[str], data: list[list], person_rows: list[int], *,
                   first_row: int, date1904: bool = False) -> str | None:
    """A one-row-per-person-and-day file's answer: the message saying what the file is; None for a roster.

    Bookings: rows repeat a person on the same initiative, a column of single days (or months) tells those rows
    apart, and no assignment start *and* end column is mapped. Without an initiative column a person's rows are
    merged into one person (long_layout), nothing is added up, and the file is read."""
    targets = [mapping.target_of(n) for n in names]
    if "initiative_start" in targets and "initiative_end" in targets:
        return None
    key_cols = [j for j, t in enumerate(targets) if t == "id"] or [
        j for j, t in enumerate(targets) if t in ("name", "first_name", "last_name")]
    init_j = next((j for j, t in enumerate(targets) if t == "initiative"), None)
    if not key_cols or init_j is None or len(person_rows) < 3:  # without initiatives the rows merge: no sums
        return None
    sample = person_rows[:5000]
    groups: dict[tuple, list[int]] = defaultdict(list)
    for k in sample:
        row = data[k]
        who = tuple(as_text(row[j]).strip().casefold() if j < len(row) else "" for j in key_cols)
        if not any(who):
            continue
        what = as_text(row[init_j]).strip() if init_j < len(row) else ""
        groups[(who, what)].append(k)
    repeated = [rows for rows in groups.values() if len(rows) > 1]
    if not repeated or sum(len(r) for r in repeated) < len(sample) * 0.3:
        return None
    for j, target in enumerate(targets):
        if target not in _PERIOD_TARGETS:
            continue
        cells = [data[k][j] if j < len(data[k]) else None for k in sample]
        filled = [c for c in cells if not is_blank(c)]
        if len(filled) < len(sample) * 0.8:
            continue
        periods = {k: _period(data[k][j], date1904) for k in sample if j < len(data[k])}
        if sum(1 for v in periods.values() if v is not None) < len(filled) * 0.9:
            continue
        apart = [rows for rows in repeated if len({periods.get(k) for k in rows}) > 1]
        if len(apart) < len(repeated) * _SHARE:
            continue
        people = len({who for who, _ in groups})
        days = sorted({str(v)[:10] for v in periods.values() if v is not None})
        rows_of = apart[0]
        return (f"this file holds one row per person and day or period, not one row per person: column "
                f"'{names[j]}' tells apart {sum(len(r) for r in apart)} rows of the same people on the same initiative "
                f"(rows {', '.join(str(first_row + k + 1) for k in rows_of[:3])} are one person; {people} people on "
                f"{len(sample)} rows, {days[0]} … {days[-1]}). Read as a roster, each person's rows would be added "
                "up into one assignment (200 %, 300 % …). Import the roster of people (one row each) instead; "
                "bookings with dates belong in a commitments file, one row per assignment with its start and end "
                "(phasegate availability --commitments)")
    return None


def refuse_bookings(mapping: ColumnMapping, names: list[str], data: list[list], person_rows: list[int], *,
                    first_row: int, date1904: bool, file: str, sheet: str) -> None:
    """Raises NotImportableError (exit 1) saying what the file is when its rows are bookings, not people."""
    said = booking_column(mapping, names, data, person_rows, first_row=first_row, date1904=date1904)
    if said:
        raise NotImportableError(said, file=file, sheet=sheet)
