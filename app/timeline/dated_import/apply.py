"""Dated rows laid onto the roster: duplicates skipped, undated roster commitments replaced, overlaps reported.

A dated commitment to an initiative replaces the roster's undated commitment of the same person to the same
initiative (the dated source says more); the replacement is noted. Commitments of one person that together ask for
more than their contracted FTE on some days are reported with the rows and dates concerned — never trimmed.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from app.domain.people import Absence, Commitment, Person
from app.roster_import.models import RowIssue, Severity
from app.timeline.dated_import.rows import DatedRow, RowsRead

_OPEN = 10**7


def _key(item: Commitment | Absence) -> tuple:
    if isinstance(item, Commitment):
        return ("c", item.initiative.casefold(), item.start, item.end, round(item.fte, 6), item.status)
    return ("a", item.start, item.end, item.share, item.fte, item.kind.casefold(), item.status)


def _drop_duplicates(read: RowsRead) -> None:
    seen: dict[tuple, int] = {}
    kept: list[DatedRow] = []
    for row in read.items:
        key = (row.person_id, _key(row.item))
        if key in seen:
            read.skipped.append(RowIssue(sheet=read.sheet, row=row.row, reason=f"the same as row {seen[key]}; "
                                         "not imported twice", severity=Severity.SKIPPED))
            continue
        seen[key] = row.row
        kept.append(row)
    read.items = kept


def _stretches_over(person: Person, rows: dict[int, int]) -> list[tuple[date | None, date | None, float, list[int]]]:
    """Date ranges where the person's commitments add up to more than their FTE: (first, last, total, rows)."""
    points: set[int] = set()
    spans = []
    for k, c in enumerate(person.commitments):
        a = c.start.toordinal() if c.start else -_OPEN
        b = c.end.toordinal() + 1 if c.end else _OPEN
        spans.append((a, b, c.fte, rows.get(k)))
        points.update((a, b))
    cuts = sorted(points)
    found: list[list] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        live = [(fte, row) for a, b, fte, row in spans if a <= lo and hi <= b]
        total = round(sum(f for f, _ in live), 6)
        if total > person.fte + 1e-9:
            members = sorted({row for _, row in live if row is not None})
            if found and found[-1][1] == lo and found[-1][2] == total and found[-1][3] == members:
                found[-1][1] = hi
            else:
                found.append([lo, hi, total, members])
    return [(None if lo == -_OPEN else date.fromordinal(lo), None if hi == _OPEN else date.fromordinal(hi) -
             timedelta(days=1), total, members) for lo, hi, total, members in found]


def _when(first: date | None, last: date | None) -> str:
    if first is None and last is None:
        return "at all times"
    if first is None:
        return f"until {last.isoformat()}"
    if last is None:
        return f"from {first.isoformat()} on"
    return f"from {first.isoformat()} to {last.isoformat()}"


def apply_dated(people: Sequence[Person], reads: Sequence[RowsRead]) -> tuple[list[Person], list[str]]:
    """The people with the dated rows added (a copy where anything changed) and notes on what was replaced.

    Over-allocation is recorded as a warning on the read that brought the rows.
    """
    for read in reads:
        _drop_duplicates(read)
    commitments: dict[str, list[tuple[Commitment, RowsRead, int]]] = {}
    absences: dict[str, list[Absence]] = {}
    for read in reads:
        for row in read.items:
            if isinstance(row.item, Commitment):
                commitments.setdefault(row.person_id, []).append((row.item, read, row.row))
            else:
                absences.setdefault(row.person_id, []).append(row.item)
    notes: list[str] = []
    out = list(people)
    for i, p in enumerate(people):
        dated = commitments.get(p.id, [])
        leave = absences.get(p.id, [])
        if not dated and not leave:
            continue
        names = {c.initiative.casefold() for c, _, _ in dated}
        kept = []
        for c in p.commitments:
            if c.start is None and c.end is None and c.initiative.casefold() in names:
                notes.append(f"{p.id}: the roster's undated {c.fte:.0%} on '{c.initiative}' is replaced by the "
                             f"dated commitments")
                continue
            kept.append(c)
        rows = {len(kept) + k: rn for k, (_, _, rn) in enumerate(dated)}
        merged = p.model_copy(update={"commitments": kept + [c for c, _, _ in dated],
                                      "absences": (*p.absences, *leave)})
        for first, last, total, members in _stretches_over(merged, rows):
            if not members:
                continue
            read = next(r for c, r, rn in dated if rn == members[0])
            others = f" with row{'s' if len(members) > 2 else ''} {', '.join(map(str, members[1:]))}" \
                if len(members) > 1 else ""
            from_roster = " and the roster's commitments" if any(
                k not in rows for k in range(len(merged.commitments)) if _live(merged.commitments[k], first, last)) \
                else ""
            read.warnings.append(RowIssue(
                sheet=read.sheet, row=members[0], column=None, severity=Severity.WARNING,
                reason=f"{p.id} is committed {total:.0%}{others}{from_roster} {_when(first, last)}, more than the "
                       f"contracted {p.fte:.0%} (left as given)"))
        out[i] = merged
    return out, notes


def _live(c: Commitment, first: date | None, last: date | None) -> bool:
    """True when the commitment runs on some day of the stretch."""
    lo = first or date.min
    hi = last or date.max
    return (c.start is None or c.start <= hi) and (c.end is None or c.end >= lo)
