"""The roster-proxy benchmark runs its whole code path on a small roster and reports every step for both proxies."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def test_both_proxies_are_timed_on_every_step():
    from benchmarks.bench_roster_proxy import measure

    result = measure(300, 1)
    assert list(result) == ["sort by name", "sort by free FTE", "back to HR's order", "search (one match)",
                            "clear the search"]
    assert all(set(by) == {"QSortFilterProxyModel", "RosterOrderProxy"} for by in result.values())
    assert all(lo <= median <= hi for by in result.values() for median, lo, hi in by.values())
