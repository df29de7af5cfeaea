"""The time grid: working days from a start to an end, cut into atoms that every week and month is a union of.

Capacity is measured in FTE over working days (Monday to Friday; public holidays are not known here). An *atom* is
a run of working days inside one week and one calendar month, so a week that straddles two months is two atoms.
Every figure is first computed per atom (where the non-linear steps happen: free time never below zero, leave
taken from the time a person is present) and a week, month or quarter is then the working-day-weighted mean of its
atoms. Weekly and monthly views therefore always agree with each other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

import numpy as np


class Granularity(StrEnum):
    """How periods are cut for display and output."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"


@dataclass(frozen=True)
class Period:
    """One displayed period: its first and last calendar day (inclusive) and its working days."""

    start: date
    end: date
    working_days: int

    @property
    def label(self) -> str:
        """'2027-03' for a month, 'w/c 2027-03-01' for a week, '2027 Q1' for a quarter."""
        if self.start.day == 1 and self.end == _month_end(self.start):
            return f"{self.start:%Y-%m}"
        if self.start.day == 1 and self.start.month in (1, 4, 7, 10) and (self.end - self.start).days > 80:
            return f"{self.start.year} Q{(self.start.month - 1) // 3 + 1}"
        return f"w/c {self.start.isoformat()}"


def _month_end(day: date) -> date:
    first_next = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def _quarter_end(day: date) -> date:
    start = _quarter_start(day)
    return _month_end(date(start.year, start.month + 2, 1))


def snap(start: date, end: date, by: Granularity | str) -> tuple[date, date]:
    """The range widened to whole periods: Monday to Sunday, first to last of the month or quarter."""
    by = Granularity(by)
    if by is Granularity.WEEK:
        return _monday(start), _monday(end) + timedelta(days=6)
    if by is Granularity.MONTH:
        return start.replace(day=1), _month_end(end)
    return _quarter_start(start), _quarter_end(end)


@dataclass
class Grid:
    """Working days from `start` to `end` (inclusive), their atoms, and the periods shown."""

    start: date
    end: date
    by: Granularity
    days: np.ndarray = field(repr=False)  # ordinals of the working days, ascending
    atom_starts: np.ndarray = field(repr=False)  # index into `days` of each atom's first day
    atom_days: np.ndarray = field(repr=False)  # working days per atom
    periods: list[Period] = field(default_factory=list)
    period_of_atom: np.ndarray = field(default=None, repr=False)  # period index of each atom

    @property
    def n_atoms(self) -> int:
        """How many atoms the grid holds."""
        return len(self.atom_starts)

    def day_index(self, ordinals: np.ndarray, *, after: bool = False) -> np.ndarray:
        """Index of the first working day on or after each ordinal (`after`: strictly after)."""
        return np.searchsorted(self.days, ordinals, side="right" if after else "left")

    def to_periods(self, per_atom: np.ndarray) -> np.ndarray:
        """Values per atom (last axis) as working-day-weighted means per period."""
        weights = np.zeros((self.n_atoms, len(self.periods)))
        weights[np.arange(self.n_atoms), self.period_of_atom] = self.atom_days
        weights /= np.array([p.working_days for p in self.periods], dtype=np.float64)
        return per_atom @ weights

    def atoms_in(self, first: date, last: date) -> np.ndarray:
        """Indices of the atoms holding any working day from `first` to `last` (inclusive)."""
        a = self.day_index(np.array([first.toordinal()]))[0]
        b = self.day_index(np.array([last.toordinal()]), after=True)[0]
        if b <= a:
            return np.zeros(0, dtype=np.int64)
        lo = np.searchsorted(self.atom_starts, a, side="right") - 1
        hi = np.searchsorted(self.atom_starts, b, side="left")
        return np.arange(max(lo, 0), hi)


def make_grid(start: date, end: date, *, by: Granularity | str = Granularity.WEEK) -> Grid:
    """The grid from `start` to `end`, widened to whole periods of `by`."""
    by = Granularity(by)
    if end < start:
        raise ValueError(f"the end {end.isoformat()} comes before the start {start.isoformat()}")
    first, last = snap(start, end, by)
    span = np.arange(first.toordinal(), last.toordinal() + 1)
    weekday = (span + 6) % 7  # date.fromordinal(1) is a Monday: ordinal % 7 == 1 on Mondays
    days = span[weekday < 5]
    as_dates = [date.fromordinal(int(d)) for d in days]
    months = np.array([d.year * 12 + d.month for d in as_dates])
    weeks = (days - 1) // 7  # ordinal 1 is a Monday, so this changes on every Monday
    cut = np.flatnonzero((np.diff(months) != 0) | (np.diff(weeks) != 0)) + 1
    atom_starts = np.concatenate([[0], cut]).astype(np.int64)
    atom_days = np.diff(np.concatenate([atom_starts, [len(days)]])).astype(np.float64)
    periods: list[Period] = []
    period_of_atom = np.zeros(len(atom_starts), dtype=np.int64)
    key_of = {Granularity.WEEK: lambda d: _monday(d), Granularity.MONTH: lambda d: d.replace(day=1),
              Granularity.QUARTER: _quarter_start}[by]
    end_of = {Granularity.WEEK: lambda d: d + timedelta(days=6), Granularity.MONTH: _month_end,
              Granularity.QUARTER: lambda d: _quarter_end(d)}[by]
    current = None
    for k, s in enumerate(atom_starts.tolist()):
        key = key_of(as_dates[s])
        if key != current:
            periods.append(Period(key, end_of(key), 0))
            current = key
        period_of_atom[k] = len(periods) - 1
    counts = np.bincount(period_of_atom, weights=atom_days, minlength=len(periods))
    periods = [Period(p.start, p.end, int(n)) for p, n in zip(periods, counts, strict=True)]
    return Grid(start=first, end=last, by=by, days=days, atom_starts=atom_starts, atom_days=atom_days,
                periods=periods, period_of_atom=period_of_atom)
