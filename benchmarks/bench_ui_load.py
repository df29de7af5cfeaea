"""Desktop load: a 100,000-person roster in the window — model creation, first paint, sort, filter and peak memory.

    python -m benchmarks.bench_ui_load                 # 100,000 people, median of 3 runs (one process per run)
    python -m benchmarks.bench_ui_load --people 20000 --repeats 1

Each run is a fresh process (so peak RSS is that run's own), offscreen, seeded; results go to
benchmarks/results/ui_load.md. Nothing here is a test assertion: the numbers are for reading and comparing.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "ui_load.md"
SEED = 11
STEPS = (
    ("open", "Open the project (all screens' models rebuilt)"),
    ("paint_people", "First paint of the People table"),
    ("paint_heatmap", "First paint of the skills heatmap"),
    ("sort_name", "Sort the People table by name"),
    ("sort_free", "Sort the People table by free FTE"),
    ("filter", "Type a search (one match)"),
    ("filter_clear", "Clear the search"),
    ("edit", "Edit one FTE cell (undoable)"),
    ("paint_initiatives", "First paint of the Initiatives screen (pool heatmap)"),
)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _project(people: int):
    from app.domain import Initiative, Portfolio, Roster
    from app.domain.roles import Phase
    from app.project import Project
    from app.templates import load_phase_templates
    from benchmarks.bench_gaps import make_roster

    templates = load_phase_templates(use_library=False)
    roster = make_roster(people, seed=SEED, skills=[s.id for s in templates.catalogue.skills])
    initiatives = [Initiative(id="Fraud", current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION)]
    initiatives += [Initiative(id=f"ini{i}") for i in range(31)]
    return Project(name="Load test", roster=Roster(people=roster), catalogue=templates.catalogue,
                   templates=dict(templates.phases), portfolio=Portfolio(initiatives=initiatives))


def run_once(people: int) -> dict:
    """One measurement in this process: seconds per step and peak RSS (MB) before and after."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import ensure_application
    from ui.main_window import MainWindow

    app = ensure_application()
    project = _project(people)
    scratch = tempfile.TemporaryDirectory(prefix="phasegate-bench-")
    settings = QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    roster = window.screens["roster"]
    base_rss = _rss_mb()
    times: dict[str, float] = {}

    freezes: dict[str, float] = {}

    def step(name: str, func, then=None) -> None:
        """Time `func` until its result is shown (a background sort or search included), and the longest freeze."""
        ticks = [time.perf_counter()]
        gaps = [0.0]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - ticks[-1])
            ticks.append(now)

        beat = QTimer()
        beat.setInterval(10)
        beat.timeout.connect(tick)
        beat.start()
        start = time.perf_counter()
        func()
        while roster.proxy.is_ordering():  # a real event loop, as the window would run while the worker sorts
            loop = QEventLoop()
            QTimer.singleShot(5, loop.quit)
            loop.exec()
        if then is not None:
            then()
        QApplication.processEvents()
        times[name] = time.perf_counter() - start
        tick()
        beat.stop()
        freezes[name] = max(gaps)

    step("open", lambda: window.doc.replace(project))
    window.go_to("roster")
    step("paint_people", lambda: (roster.tabs.setCurrentIndex(0), roster.table.viewport().grab()))
    step("paint_heatmap", lambda: (roster.tabs.setCurrentIndex(1), roster.heatmap.viewport().grab()))
    roster.tabs.setCurrentIndex(0)
    step("sort_name", lambda: roster.table.sortByColumn(1, Qt.SortOrder.DescendingOrder),
         lambda: roster.table.viewport().grab())
    step("sort_free", lambda: roster.table.sortByColumn(6, Qt.SortOrder.AscendingOrder),
         lambda: roster.table.viewport().grab())
    step("filter", lambda: roster.apply_search(f"Person {people // 2}"), lambda: roster.table.viewport().grab())
    visible = roster.table.model().rowCount()
    step("filter_clear", lambda: roster.apply_search(""), lambda: roster.table.viewport().grab())
    model = roster.table.model()
    step("edit", lambda: model.setData(model.index(0, 5), 0.5, Qt.ItemDataRole.EditRole))
    step("paint_initiatives", lambda: (window.go_to("initiatives"), window.grab()))
    window.doc.undo_stack.setClean()
    window.close()
    return {"times": times, "freezes": freezes, "rss_base": base_rss, "rss_peak": _rss_mb(), "filter_rows": visible}


def _machine() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, {platform.system()}"


def main(argv: list[str] | None = None) -> int:
    """Runs `repeats` fresh processes and writes the medians to benchmarks/results/ui_load.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="print only; leave the results file alone")
    args = parser.parse_args(argv)
    if args.once:
        print(json.dumps(run_once(args.people)))
        return 0
    runs = []
    for i in range(args.repeats):
        out = subprocess.run([sys.executable, "-m", "benchmarks.bench_ui_load", "--once", "--people", str(args.people)],
                             capture_output=True, text=True, check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"run {i + 1}: " + ", ".join(f"{k} {v:.3f}s" for k, v in runs[-1]["times"].items()), flush=True)
    lines = ["# Desktop load: 100,000-person roster" if args.people == 100_000 else
             f"# Desktop load: {args.people:,}-person roster", "",
             f"Seeded roster (seed {SEED}, `benchmarks.bench_gaps.make_roster`: 3–10 skills each, half committed), "
             f"{args.people:,} people, 32 initiatives; offscreen Qt, window 1400×900; each run a fresh process; "
             f"median of {args.repeats} runs (min–max in brackets). *Until shown*: from the click until the result is "
             "drawn (a big roster is sorted and searched on a worker meanwhile); *longest freeze*: the longest wait "
             "of a 10 ms timer on the GUI thread during that time (what the user feels).", "",
             "| step | until shown, median (s) | range (s) | longest freeze, median (ms) | range (ms) |",
             "|---|---:|---:|---:|---:|"]
    for key, label in STEPS:
        values = [r["times"][key] for r in runs]
        freeze = [1000 * r["freezes"][key] for r in runs]
        lines.append(f"| {label} | {statistics.median(values):.3f} | {min(values):.3f}–{max(values):.3f} | "
                     f"{statistics.median(freeze):.0f} | {min(freeze):.0f}–{max(freeze):.0f} |")
    base = statistics.median(r["rss_base"] for r in runs)
    peak = statistics.median(r["rss_peak"] for r in runs)
    lines += ["", f"Peak resident memory: {peak:,.0f} MB (window with no project: {base:,.0f} MB; the roster "
              f"itself is built before the window and counted in both).",
              f"The search matched {runs[0]['filter_rows']} row(s).", "",
              f"{_machine()}; command: `.venv/bin/python -m benchmarks.bench_ui_load`."]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
