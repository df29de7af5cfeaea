"""Changing a commitment's dates on the timeline: where a dragged edge lands (snapped to the zoom's periods) and
whether the change touches a plan's window (else the plan stays as good as it was).

Dates are a commitment's first and last day; `None` is an open end (already running / until further notice).
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum

from app.planning.words.numbers import day
from app.timeline.calendar import Period

_DAY = timedelta(days=1)


class Edge(StrEnum):
    """What part of a bar is dragged."""

    START = "start"
    END = "end"
    WHOLE = "whole"


def _shift_months(day: date, months: int) -> date:
    """The same day of the month `months` later; a month's last day stays its month's last day."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = date(year + (month0 == 11), (month0 + 1) % 12 + 1, 1) - _DAY
    if (day + _DAY).day == 1:
        return last
    return min(date(year, month0 + 1, 1) + timedelta(days=day.day - 1), last)


def shift(day: date, periods: int, period: Period) -> date:
    """`day` moved by `periods` periods of the kind `period` is (a week, a month or a quarter)."""
    length = (period.end - period.start).days + 1
    if length <= 7:
        return day + timedelta(weeks=periods)
    return _shift_months(day, periods * (3 if length > 31 else 1))


def dragged(start: date | None, end: date | None, *, edge: Edge, periods: Sequence[Period], from_t: int,
            to_t: int) -> tuple[date | None, date | None]:
    """The dates after dragging `edge` from period `from_t` to period `to_t`.

    An end dropped in a period ends on that period's last day; a start begins on its first day; a whole bar moves by
    the periods crossed (an open end stays open). The result may put the end before the start: the caller refuses it.
    """
    target = periods[to_t]
    if edge is Edge.END:
        return start, target.end
    if edge is Edge.START:
        return target.start, end
    steps = to_t - from_t
    if steps == 0:
        return start, end
    unit = periods[from_t]
    return (None if start is None else shift(start, steps, unit)), (None if end is None else shift(end, steps, unit))


def _days(start: date | None, end: date | None, first: date, last: date) -> tuple[int, int] | None:
    """The commitment's days inside [first, last] as ordinals (first, last), None when none."""
    lo = max(start or first, first)
    hi = min(end or last, last)
    return (lo.toordinal(), hi.toordinal()) if lo <= hi else None


def touches(before: tuple[date | None, date | None], after: tuple[date | None, date | None], *, first: date,
            last: date) -> bool:
    """True when moving a commitment from `before` to `after` (start, end) changes which days of [first, last] it
    holds."""
    return _days(*before, first, last) != _days(*after, first, last)


def words(start: date | None, end: date | None) -> str:
    """'from 4 Jan 2027 to 30 Apr 2027', 'until 30 Apr 2027', 'from 4 Jan 2027', or 'with no dates'."""
    if start and end:
        return f"from {day(start)} to {day(end)}"
    if end:
        return f"until {day(end)}"
    return f"from {day(start)}" if start else "with no dates"
