"""A big project at the supported scale: how long the GUI thread waits while a worker opens, saves or plans it.

    python -m benchmarks.bench_worker_freeze                           # 20,000 and 100,000 people, 5 repeats
    python -m benchmarks.bench_worker_freeze --baseline /tmp/old-tree  # the same runs of another checkout, alternated

Each run is a fresh process: a `QCoreApplication` whose 10 ms `QTimer` records the longest wait between two ticks
(*longest freeze*: what a window would feel) while the app's own `ui.workers.Worker` runs `open_project`,
`save_project` or `plan_scenario` (10 initiatives to production, 5 s limit) on a seeded project
(`benchmarks.bench_ui_load._project`), or a job whose survivors would make Python's cyclic collector walk the whole
heap (what `ui.workers` pauses the collector for while jobs run). With `--baseline` the same probe runs
against that checkout's `app` and `ui` too, old and new in turn, so both see the same machine load. The targets
are the supported scale's: at 20,000 people no freeze over 50 ms (median), at 100,000 none over 0.5 s. Results go
to benchmarks/results/worker_freeze.md; nothing here is a test assertion.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "worker_freeze.md"
HERE = Path(__file__).resolve().parents[1]
TARGET_MS = {20_000: 50, 100_000: 500}
STEPS = (("open", "Open the file (`open_project`)"), ("save", "Save it again (`save_project`)"),
         ("plan", "Plan 10 initiatives, 5 s limit (`plan_scenario`)"),
         ("heap", "A job making 500,000 survivors beside 1.2 M long-lived objects (the cyclic GC's worst case)"))
PLANNED = 10
PLAN_LIMIT_S = 5.0


def probe(step: str, path: str) -> dict:
    """In this process: the job on a Worker, a 10 ms heartbeat on the main thread; seconds and longest gap (s)."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from app.project import open_project, save_project
    from ui.workers import Worker

    app = QCoreApplication.instance() or QCoreApplication([])
    project = open_project(path) if step in ("save", "plan") else None
    if step == "plan":  # the window imports the core's heavy modules at start-up, on its 'preload' worker
        import importlib

        from ui.screens.plan import CORE_MODULES
        for name in CORE_MODULES:
            importlib.import_module(name)
    heap = [[i, str(i)] for i in range(1_200_000)] if step == "heap" else []  # what a big project keeps alive
    jobs = {"open": lambda _p, _c: open_project(path),
            "save": lambda _p, _c: save_project(project, Path(path).with_name("saved-again.phasegate")),
            "plan": lambda _p, _c: _plan(project),
            "heap": lambda _p, _c: len([[i] for i in range(500_000)]) + len(heap)}
    job = jobs[step]
    ticks = [time.perf_counter()]
    beat = QTimer()
    beat.setInterval(10)
    beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    worker = Worker("bench")
    kept: list[object] = []  # the window keeps what a job returns (the opened project): freeing it is not measured
    worker.finished.connect(lambda result: (kept.append(result), app.quit()))
    worker.failed.connect(lambda message, _details: (print(message, file=sys.stderr), app.exit(1)))
    beat.start()
    start = time.perf_counter()
    QTimer.singleShot(0, lambda: worker.start(job))
    if app.exec() != 0:
        raise SystemExit("the job failed")
    seconds = time.perf_counter() - start
    ticks.append(time.perf_counter())
    return {"seconds": seconds, "freeze": max(b - a for a, b in zip(ticks, ticks[1:], strict=False))}


def _plan(project) -> object:
    """The first PLANNED initiatives taken from pilot to production, planned with the bundled templates."""
    from datetime import date

    from app.domain.roles import Phase
    from app.planning.service import plan_scenario
    from app.templates import load_phase_templates

    for ini in project.portfolio.initiatives[:PLANNED]:
        ini.current_phase, ini.target_phase = Phase.PILOT, Phase.PRODUCTION
    return plan_scenario(project, templates=load_phase_templates(use_library=False), time_limit=PLAN_LIMIT_S,
                         today=date(2026, 11, 2))


def _child(tree: Path, step: str, path: Path) -> dict:
    """One probe in a fresh process, importing `app` and `ui` from `tree`."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--probe", step, str(path)], cwd=tree,
                         env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{step} in {tree} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def write(size: int, path: str) -> None:
    """In this process: the seeded project of `size` people saved to `path` by this checkout's `save_project`."""
    from app.project import save_project
    from benchmarks.bench_ui_load import _project

    save_project(_project(size), path)


def _files(folder: Path, sizes: list[int], tree: Path) -> dict[int, Path]:
    """The seeded projects, written by `tree` (the oldest checkout: newer ones read older files)."""
    files = {}
    for size in sizes:
        files[size] = folder / f"people-{size}.phasegate"
        subprocess.run([sys.executable, "-m", "benchmarks.bench_worker_freeze", "--write", str(size),
                        str(files[size])], cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)}, check=True)
        print(f"{size:,} people: {files[size].stat().st_size / 1e6:.0f} MB", flush=True)
    return files


def _row(label: str, runs: list[dict], target: int) -> str:
    freeze = [1000 * r["freeze"] for r in runs]
    seconds = [r["seconds"] for r in runs]
    median = statistics.median(freeze)
    return (f"| {label} | {statistics.median(seconds):.2f} | {min(seconds):.2f}–{max(seconds):.2f} | {median:.0f} | "
            f"{min(freeze):.0f}–{max(freeze):.0f} | {'yes' if median <= target else 'no'} |")


def main(argv: list[str] | None = None) -> int:
    """Alternates the probes of each tree, size and step `repeats` times and writes the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--steps", nargs="+", choices=[s for s, _ in STEPS], default=[s for s, _ in STEPS])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="another checkout to measure the same way (old vs new)")
    parser.add_argument("--baseline-label", default="before")
    parser.add_argument("--label", default="now")
    parser.add_argument("--no-write", action="store_true", help="print only; leave the results file alone")
    parser.add_argument("--probe", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--write", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        print(json.dumps(probe(*args.probe)))
        return 0
    if args.write:
        write(int(args.write[0]), args.write[1])
        return 0
    trees = [(args.label, HERE)] + ([(args.baseline_label, args.baseline.resolve())] if args.baseline else [])
    loads: list[float] = []
    runs: dict[tuple[str, int, str], list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="phasegate-bench-") as scratch:
        files = _files(Path(scratch), args.sizes, trees[-1][1])
        for i in range(args.repeats):
            for size in args.sizes:
                for step in args.steps:
                    for name, tree in trees:
                        loads.append(os.getloadavg()[0])
                        got = _child(tree, step, files[size])
                        runs.setdefault((name, size, step), []).append(got)
                        print(f"run {i + 1} {size:,} {step} {name}: {got['seconds']:.2f} s, freeze "
                              f"{1000 * got['freeze']:.0f} ms", flush=True)
    from benchmarks.machine import cpu_name

    lines = ["# A big project: how long the GUI thread waits while a worker opens, saves or plans it", "",
             "A 10 ms `QTimer` on the main thread of a `QCoreApplication` records the longest wait between two ticks "
             "(*longest freeze*) while `ui.workers.Worker` runs the job; *seconds* is from the start until the "
             "result is back on the main thread. Seeded project (`benchmarks.bench_ui_load._project`: 3–10 skills a "
             f"person, 32 initiatives), each run a fresh process, median of {args.repeats} runs (min–max beside it)."
             + (" Both checkouts were run in turn on the same files." if args.baseline else ""), ""]
    for size in args.sizes:
        target = TARGET_MS.get(size, 50)
        lines += [f"## {size:,} people (target: longest freeze ≤ {target} ms)", "",
                  "| step | seconds, median | range | longest freeze, median (ms) | range (ms) | "
                  f"≤ {target} ms |", "|---|---:|---:|---:|---:|:---:|"]
        for step, label in STEPS:
            for name, _tree in trees if step in args.steps else ():
                lines.append(_row(f"{label}, {name}" if args.baseline else label, runs[(name, size, step)], target))
        lines.append("")
    lines += [f"Machine: {cpu_name()}, {os.cpu_count()} CPUs; CPython {sys.version.split()[0]}; 1-minute load average "
              f"during the runs {min(loads):.1f}–{max(loads):.1f} (shared with other work). Command: "
              f"`.venv/bin/python -m benchmarks.bench_worker_freeze{' --baseline OLD_CHECKOUT' if args.baseline else ''}`."]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
