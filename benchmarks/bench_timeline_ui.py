"""The Timeline screen's responsiveness: the longest GUI freeze (10 ms heartbeat) per step on a 20,000-person project
with dated commitments, leave, joiners and leavers (benchmarks/bench_timeline.make_roster) and six initiatives with
roadmaps. Each run is a fresh process; median (min–max) of the runs.

    python -m benchmarks.bench_timeline_ui                  # 20,000 people, 3 runs, writes results/timeline_ui.md
    python -m benchmarks.bench_timeline_ui --people 2000 --repeats 1 --no-write
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks.machine import cpu_name

RESULTS = Path(__file__).parent / "results" / "timeline_ui.md"
TARGET_MS = 50
STEPS = (
    ("open", "Open the Timeline screen (months; computed on the worker, the grid shown)"),
    ("weeks", "Zoom to weeks (recomputed, shown)"),
    ("group", "Group by initiative (20,000 rows re-sorted)"),
    ("heatmap", "Switch to the utilisation heatmap"),
    ("scroll", "Scroll to the last person"),
    ("select", "Select a person (their commitments shown under the grid)"),
    ("drag", "Drag a commitment's end one week earlier (one undoable edit; recomputed on the worker, shown)"),
    ("undo", "Undo the drag (recomputed, shown)"),
)


def _project(people: int):
    from app.domain import Initiative, Portfolio, Roster
    from app.domain.roles import Phase
    from app.project import Project
    from app.templates import load_phase_templates
    from benchmarks.bench_timeline import make_roster

    templates = load_phase_templates(use_library=False)
    today = date.today()
    initiatives = [Initiative(id=f"ini{i}", current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION,
                              roadmap={Phase.PRODUCTION: today + timedelta(weeks=6 + 4 * i),
                                       Phase.OPERATIONS: today + timedelta(weeks=30 + 4 * i)}) for i in range(6)]
    return Project(name="Timeline load", roster=Roster(people=make_roster(people, seed=11)),
                   catalogue=templates.catalogue, templates=dict(templates.phases),
                   portfolio=Portfolio(initiatives=initiatives))


def run(people: int) -> dict:
    """One run in this process: seconds until shown and the longest freeze per step."""
    from benchmarks.bench_ui_load import Meter, _window

    project = _project(people)
    window, _scratch = _window()
    screen = window.screens["timeline"]
    meter = Meter()
    window.doc.replace(project)
    Meter.spin(lambda: not window.workers.busy())

    def shown(rows: int | None = None):
        return lambda: not screen.worker.is_running() and screen.model.rowCount() == (rows or people)

    meter.step("open", lambda: window.go_to("timeline"), until=shown())
    periods = screen.model.columnCount()
    meter.step("weeks", lambda: screen.zoom.setCurrentIndex(0),
               until=lambda: shown()() and screen.model.columnCount() != periods)
    meter.step("group", lambda: screen.group.setCurrentIndex(1), until=shown())
    meter.step("heatmap", lambda: screen.view_mode.setCurrentIndex(1))
    meter.step("scroll", lambda: screen.table.scrollToBottom())
    _drag_steps(meter, window, screen)
    window.doc.undo_stack.setClean()
    window.close()
    return {"times": meter.times, "freezes": meter.freezes}


def _drag_steps(meter, window, screen) -> None:
    """Select someone whose commitment ends in the fourth to eighth week shown, drag that end a week earlier with
    mouse events on the lane under the grid, then undo; each until the recomputed timeline is shown."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    periods = screen.model.grid.periods
    person, index = next((p, i) for p in window.doc.people for i, c in enumerate(p.commitments)
                         if c.end is not None and periods[3].start <= c.end <= periods[7].end
                         and (c.start is None or c.start < periods[2].start))
    meter.step("select", lambda: screen.select_person(person.id))
    lane = screen.lane
    row = next(r for r, b in enumerate(lane.bars) if b.index == index)

    def recomputed(before):
        return lambda: screen.result is not before and not screen.worker.is_running() and not screen.stale

    def drag() -> None:
        rect = lane.bar_rect(row)
        y = int(rect.center().y())
        to = lane.period_at(rect.right() - 1) - 1
        QTest.mousePress(lane, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(int(rect.right()) - 1, y))
        QTest.mouseMove(lane, QPoint(int(lane.column(to)[0]) + 5, y))
        QTest.mouseRelease(lane, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                           QPoint(int(lane.column(to)[0]) + 5, y))

    before = screen.result
    meter.step("drag", drag, until=recomputed(before))
    if window.doc.people[window.doc.row_of(person.id)].commitments[index] == person.commitments[index]:
        raise RuntimeError("the drag changed nothing")
    before = screen.result
    meter.step("undo", window.doc.undo_stack.undo, until=recomputed(before))


def main(argv: list[str] | None = None) -> int:
    """Runs the suite in fresh processes and writes benchmarks/results/timeline_ui.md."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_timeline_ui")
    ap.add_argument("--people", type=int, default=20_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(run(args.people)))
        return 0
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    load = os.getloadavg()[0]
    runs = []
    for _ in range(args.repeats):
        done = subprocess.run([sys.executable, "-m", "benchmarks.bench_timeline_ui", "--child", "--people",
                               str(args.people)], capture_output=True, text=True, env=env, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    lines = ["# Timeline screen responsiveness", "",
             f"{args.people:,} people with dated commitments, leave, joiners and leavers; six initiatives with "
             f"roadmaps; offscreen; {len(runs)} runs, each a fresh process; median (min–max). {cpu_name()}, "
             f"{os.cpu_count()} cores shared with other jobs; load average {load:.1f} at the start; "
             f"{time.strftime('%Y-%m-%d')}. Target: no GUI-thread freeze over {TARGET_MS} ms.", "",
             "| step | until shown (s) | longest freeze (ms) | min–max (ms) |", "|---|---:|---:|---:|"]
    for key, words in STEPS:
        secs = [r["times"][key] for r in runs]
        ms = [1000 * r["freezes"][key] for r in runs]
        lines.append(f"| {words} | {statistics.median(secs):.2f} | {statistics.median(ms):.0f} | "
                     f"{min(ms):.0f}–{max(ms):.0f} |")
    lines += ["", f"Command: `.venv/bin/python -m benchmarks.bench_timeline_ui --people {args.people}`."]
    print("\n".join(lines))
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
