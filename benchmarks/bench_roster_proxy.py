"""Sort and search the People table: Qt's own QSortFilterProxyModel against ui.models.roster_order.RosterOrderProxy.

    python -m benchmarks.bench_roster_proxy                     # 5,000 and 20,000 people, median of 3 in one process
    python -m benchmarks.bench_roster_proxy --people 20000 --repeats 1 --no-write

Both proxies sit on the same RosterTableModel in the same process and are timed alternately, on the GUI thread (the
RosterOrderProxy hands big rosters to a worker in the window; here it runs on the GUI thread, its worst case).
The question it answers: can Qt's standard proxy replace the custom one at the supported scale (no GUI-thread block
over 50 ms at 20,000 people)? Results go to benchmarks/results/roster_proxy.md. Nothing here is a test assertion.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.machine import cpu_name

RESULTS = Path(__file__).parent / "results" / "roster_proxy.md"
NAME, FREE_FTE = 1, 6  # columns of ui.models.roster.COLUMNS
TARGET_MS = 50  # the supported scale: no GUI-thread block over 50 ms at 20,000 people


def _median_ms(setup: Callable[[], object], step: Callable[[], object], repeats: int) -> tuple[float, float, float]:
    """Median, min and max milliseconds of `step`, each time after an untimed `setup` (so no repeat is a no-op)."""
    times = []
    for _ in range(repeats):
        setup()
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


def measure(people: int, repeats: int) -> dict[str, dict[str, tuple[float, float, float]]]:
    """Median (min, max) milliseconds of each step for both proxies on a seeded roster of `people`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtWidgets import QApplication

    from benchmarks.bench_ui_load import _project
    from ui.document import ProjectDocument
    from ui.models.roster import RosterTableModel
    from ui.models.roster_order import RosterOrderProxy

    QApplication.instance() or QApplication([])
    doc = ProjectDocument(_project(people))
    model = RosterTableModel(doc)
    qt = QSortFilterProxyModel()
    qt.setSourceModel(model)
    qt.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    qt.setFilterKeyColumn(-1)  # every column, as the roster's search does
    ours = RosterOrderProxy()
    ours.setSourceModel(model)
    needle = f"person {people // 2}"

    def neutral(p) -> None:  # the roster's own order, no search
        p.setFilterFixedString("")
        p.sort(-1, Qt.SortOrder.AscendingOrder)

    steps = {  # step: (untimed state before it, the timed step)
        "sort by name": (neutral, lambda p: p.sort(NAME, Qt.SortOrder.DescendingOrder)),
        "sort by free FTE": (neutral, lambda p: p.sort(FREE_FTE, Qt.SortOrder.AscendingOrder)),
        "back to HR's order": (lambda p: (neutral(p), p.sort(NAME, Qt.SortOrder.AscendingOrder)),
                               lambda p: p.sort(-1, Qt.SortOrder.AscendingOrder)),
        "search (one match)": (neutral, lambda p: p.setFilterFixedString(needle)),
        "clear the search": (lambda p: (neutral(p), p.setFilterFixedString(needle)),
                             lambda p: p.setFilterFixedString("")),
    }
    out: dict[str, dict[str, tuple[float, float, float]]] = {}
    for step, (before, do) in steps.items():
        for name, proxy in (("QSortFilterProxyModel", qt), ("RosterOrderProxy", ours)):
            out.setdefault(step, {})[name] = _median_ms(lambda p=proxy, b=before: b(p), lambda p=proxy, d=do: d(p),
                                                        repeats)
    return out


def main(argv: list[str] | None = None) -> int:
    """Measures both proxies at each size and writes the table to benchmarks/results/roster_proxy.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[5_000, 20_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only; leave the results file alone")
    args = parser.parse_args(argv)
    loads = [os.getloadavg()[0]]
    lines = ["# The People table's sort and search: Qt's proxy or the custom one", "",
             "Both proxies over the same `RosterTableModel`, in one process, timed alternately on the GUI thread "
             f"(median of {args.repeats}, min–max beside it, milliseconds; seeded roster of "
             "`benchmarks.bench_gaps.make_roster`). QSortFilterProxyModel asks the Python model for a cell's data "
             "on every comparison and every filtered cell; RosterOrderProxy reads one sort key or search text per "
             "row and orders a list of row numbers (and, in the window, does that on a worker from 5,000 people).", ""]
    worst: dict[int, float] = {}
    for people in args.people:
        result = measure(people, args.repeats)
        worst[people] = max(by["QSortFilterProxyModel"][0] for by in result.values())
        loads.append(os.getloadavg()[0])
        lines += [f"## {people:,} people", "", "| step | QSortFilterProxyModel | RosterOrderProxy (GUI thread) |",
                  "|---|---:|---:|"]
        for step, by in result.items():
            cells = [f"{m:,.0f} ({lo:,.0f}–{hi:,.0f})" for m, lo, hi in (by["QSortFilterProxyModel"],
                                                                          by["RosterOrderProxy"])]
            lines.append(f"| {step} | {cells[0]} | {cells[1]} |")
        lines.append("")
    largest = max(worst)
    holds = worst[largest] <= TARGET_MS
    lines += [f"Verdict: the slowest step of Qt's standard proxy at {largest:,} people is {worst[largest]:,.0f} ms "
              f"against the {TARGET_MS} ms target: it {'can' if holds else 'cannot'} replace RosterOrderProxy "
              "at this scale.", "",
              f"Machine: {cpu_name()}, {os.cpu_count()} cores, Python {platform.python_version()}; 1-minute load "
              f"average {min(loads):.1f}–{max(loads):.1f} (shared with other work). Command: "
              "`.venv/bin/python -m benchmarks.bench_roster_proxy`."]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
