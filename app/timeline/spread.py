"""Dated amounts (FTE from a first to a last day) spread over the grid's atoms as per-atom means, all at once."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from app.timeline.calendar import Grid

#: Stands in for an open start or end (before and after any grid).
OPEN_START = date.min.toordinal()
OPEN_END = date.max.toordinal()
#: Rows summed at a time, so a window's thread gets the GIL between blocks.
_BLOCK = 2048


@dataclass
class Intervals:
    """Amounts over day ranges, gathered row by row before being spread: row, first day, last day, FTE."""

    rows: list[int] = field(default_factory=list)
    first: list[int] = field(default_factory=list)
    last: list[int] = field(default_factory=list)
    values: list[float] = field(default_factory=list)

    def add(self, row: int, first: date | None, last: date | None, value: float) -> None:
        """One amount for `row` from `first` to `last` (inclusive; None = open)."""
        self.rows.append(row)
        self.first.append(OPEN_START if first is None else first.toordinal())
        self.last.append(OPEN_END if last is None else last.toordinal())
        self.values.append(value)


def spread(intervals: Intervals, n_rows: int, grid: Grid) -> np.ndarray:
    """A (n_rows × atoms) array: each row's amounts as the mean over each atom's working days."""
    n_atoms = grid.n_atoms
    out = np.zeros((n_rows, n_atoms + 1), dtype=np.float64)
    if not intervals.rows or n_atoms == 0:
        return out[:, :n_atoms]
    rows = np.asarray(intervals.rows, dtype=np.int64)
    values = np.asarray(intervals.values, dtype=np.float64)
    a = grid.day_index(np.asarray(intervals.first, dtype=np.int64))
    b = grid.day_index(np.asarray(intervals.last, dtype=np.int64), after=True)  # one past the last working day
    keep = b > a
    rows, values, a, b = rows[keep], values[keep], a[keep], b[keep]
    starts = grid.atom_starts
    ends = np.concatenate([starts[1:], [len(grid.days)]])
    ka = np.searchsorted(starts, a, side="right") - 1
    kb = np.searchsorted(starts, b - 1, side="right") - 1
    days = grid.atom_days
    width = n_atoms + 1
    size = n_rows * width
    same = ka == kb
    r, v, ka2, kb2, a2, b2 = rows[~same], values[~same], ka[~same], kb[~same], a[~same], b[~same]
    # bincount sums repeated cells in one pass (np.add.at did the same several times slower, holding the GIL)
    cells = np.concatenate([rows[same] * width + ka[same], r * width + ka2, r * width + kb2])
    amounts = np.concatenate([values[same] * (b[same] - a[same]) / days[ka[same]],  # within one atom, in part
                              v * (ends[ka2] - a2) / days[ka2],  # the first atom, in part
                              v * (b2 - starts[kb2]) / days[kb2]])  # the last atom, in part
    out += np.bincount(cells, weights=amounts, minlength=size).reshape(n_rows, width)
    # the atoms strictly between, whole: +v after the first atom and -v at the last, summed along the row
    inner = np.bincount(np.concatenate([r * width + ka2 + 1, r * width + kb2]),
                        weights=np.concatenate([v, -v]), minlength=size).reshape(n_rows, width)
    for lo in range(0, n_rows, _BLOCK):  # in blocks: one cumsum over 20,000 rows held the GIL ~15 ms
        out[lo:lo + _BLOCK] += np.cumsum(inner[lo:lo + _BLOCK], axis=1)
    return out[:, :n_atoms]
