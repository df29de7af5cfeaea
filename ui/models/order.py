"""The pure part of the roster's sort and search: rows of a snapshot filtered and ordered in plain Python lists.

No Qt here, so it runs the same on the GUI thread (small rosters) and on a worker (big ones).
"""
from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: Rows between two looks at the cancel flag while search texts are built.
CHECK_EVERY = 5_000

#: Rows sorted in one C call: `list.sort` never hands the GIL over, so a 100,000-row sort in one call stopped the
#: GUI thread ~100 ms; sorted in runs of this size and merged in Python, it hands the GIL over between steps.
SORT_RUN = 8_000
#: The sort key of a blank cell (`keys_of` gives it to cells with nothing in them): such rows go last in either
#: direction, never first in a descending sort.
BLANK = (1, "")


class OrderCancelled(Exception):
    """A newer sort or search replaced this one before it was done."""


@dataclass
class OrderRequest:
    """What to compute: a search (lower-case, '' for none), a sort (column, descending) or None, and the caches."""

    items: list
    needle: str
    sort: tuple[int, bool] | None
    texts: list[str | None]  # search text per row, None where not built yet (a copy: the caller's is not touched)
    keys: tuple[int, list] | None  # (column, sort key per row) when still valid
    text_of: Callable[[Any], str]
    keys_of: Callable[[list, int], list]
    keep: Callable[[Any], bool] | None = None  # a row filter besides the search (e.g. a skill at a level)


class Same:
    """The inverse of `range(n)` (row i shows row i) without building a dict of n entries on the GUI thread."""

    __slots__ = ("n",)

    def __init__(self, n: int) -> None:
        self.n = n

    def get(self, row: int, default: int | None = None) -> int | None:
        """The proxy row of a source row (the same), or `default` outside the rows."""
        return row if 0 <= row < self.n else default


@dataclass
class Order:
    """The outcome: proxy row -> source row, its inverse, and the caches filled on the way."""

    rows: list[int] | range  # a range when nothing is searched or sorted
    where: dict[int, int] | Same
    texts: list[str | None]
    keys: tuple[int, list] | None


def compute_order(request: OrderRequest, *, cancelled: Callable[[], bool] = lambda: False) -> Order:
    """Filter the rows whose search text holds the needle, then sort them by the column's keys (stable)."""
    items, texts, keys = request.items, request.texts, request.keys
    if not request.needle and request.keep is None and request.sort is None:
        return Order(rows=range(len(items)), where=Same(len(items)), texts=texts, keys=keys)
    rows = list(range(len(items)))
    if request.needle:
        text_of = request.text_of
        for start in range(0, len(items), CHECK_EVERY):
            if cancelled():
                raise OrderCancelled()
            for row in range(start, min(start + CHECK_EVERY, len(items))):
                if texts[row] is None:
                    texts[row] = text_of(items[row])
        needle = request.needle
        rows = [r for r in rows if needle in texts[r]]
    if request.keep is not None:
        keep = request.keep
        rows = [r for r in rows if keep(items[r])]
    if request.sort is not None and rows:
        column, descending = request.sort
        if keys is None or keys[0] != column:
            if cancelled():
                raise OrderCancelled()
            keys = (column, request.keys_of(items, column))
        rows = sort_rows(rows, keys[1], descending=descending)
        if descending and keys[1] and isinstance(keys[1][0], tuple):
            column_keys = keys[1]
            rows = [r for r in rows if column_keys[r] != BLANK] + [r for r in rows if column_keys[r] == BLANK]
    if cancelled():
        raise OrderCancelled()
    return Order(rows=rows, where={source_row: i for i, source_row in enumerate(rows)}, texts=texts, keys=keys)


def sort_rows(rows: list[int], keys: list, *, descending: bool) -> list[int]:
    """`sorted(rows, key=keys.__getitem__, reverse=descending)` (stable) in short runs merged in Python."""
    key = keys.__getitem__
    if len(rows) <= SORT_RUN:
        return sorted(rows, key=key, reverse=descending)
    runs = [sorted(rows[i:i + SORT_RUN], key=key, reverse=descending) for i in range(0, len(rows), SORT_RUN)]
    return list(heapq.merge(*runs, key=key, reverse=descending))  # ties keep the runs' order: stable like sorted()
