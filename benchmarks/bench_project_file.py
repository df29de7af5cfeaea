"""Project files at the supported scale: how long the GUI thread waits while a worker opens or saves one.

    python -m benchmarks.bench_project_file                           # 20,000 and 100,000 people, 5 repeats
    python -m benchmarks.bench_project_file --baseline /tmp/old-tree  # the same runs of another checkout, alternated

Each run is a fresh process: a `QCoreApplication` whose 10 ms `QTimer` records the longest wait between two ticks
(*longest freeze*: what a window would feel) while the app's own `ui.workers.Worker` runs `open_project` or
`save_project` on a seeded project (`benchmarks.bench_ui_load._project`). With `--baseline` the same probe runs
against that checkout's `app` and `ui` too, old and new in turn, so both see the same machine load. The targets
are the supported scale's: at 20,000 people no freeze over 50 ms (median), at 100,000 none over 0.5 s. Results go
to benchmarks/results/project_files.md; nothing here is a test assertion.
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

RESULTS = Path(__file__).parent / "results" / "project_files.md"
HERE = Path(__file__).resolve().parents[1]
TARGET_MS = {20_000: 50, 100_000: 500}
STEPS = (("open", "Open the file (`open_project`)"), ("save", "Save it again (`save_project`)"))


def probe(step: str, path: str) -> dict:
    """In this process: the job on a Worker, a 10 ms heartbeat on the main thread; seconds and longest gap (s)."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from app.project import open_project, save_project
    from ui.workers import Worker

    app = QCoreApplication.instance() or QCoreApplication([])
    project = open_project(path) if step == "save" else None
    target = str(Path(path).with_name("saved-again.phasegate"))
    job = (lambda _p, _c: open_project(path)) if step == "open" else (lambda _p, _c: save_project(project, target))
    ticks, gaps = [time.perf_counter()], [0.0]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - ticks[-1])
        ticks.append(now)

    beat = QTimer()
    beat.setInterval(10)
    beat.timeout.connect(tick)
    worker = Worker("bench")
    worker.finished.connect(lambda _result: app.quit())
    worker.failed.connect(lambda message, _details: (print(message, file=sys.stderr), app.exit(1)))
    beat.start()
    start = time.perf_counter()
    QTimer.singleShot(0, lambda: worker.start(job))
    if app.exec() != 0:
        raise SystemExit("the job failed")
    seconds = time.perf_counter() - start
    tick()
    return {"seconds": seconds, "freeze": max(gaps)}


def _child(tree: Path, step: str, path: Path) -> dict:
    """One probe in a fresh process, importing `app` and `ui` from `tree`."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--probe", step, str(path)], cwd=tree,
                         env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _files(folder: Path, sizes: list[int]) -> dict[int, Path]:
    from app.project import save_project
    from benchmarks.bench_ui_load import _project

    files = {}
    for size in sizes:
        files[size] = save_project(_project(size), folder / f"people-{size}.phasegate")
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
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="another checkout to measure the same way (old vs new)")
    parser.add_argument("--baseline-label", default="before")
    parser.add_argument("--label", default="now")
    parser.add_argument("--no-write", action="store_true", help="print only; leave the results file alone")
    parser.add_argument("--probe", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        print(json.dumps(probe(*args.probe)))
        return 0
    trees = [(args.label, HERE)] + ([(args.baseline_label, args.baseline.resolve())] if args.baseline else [])
    loads: list[float] = []
    runs: dict[tuple[str, int, str], list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="phasegate-bench-") as scratch:
        files = _files(Path(scratch), args.sizes)
        for i in range(args.repeats):
            for size in args.sizes:
                for step, _label in STEPS:
                    for name, tree in trees:
                        loads.append(os.getloadavg()[0])
                        got = _child(tree, step, files[size])
                        runs.setdefault((name, size, step), []).append(got)
                        print(f"run {i + 1} {size:,} {step} {name}: {got['seconds']:.2f} s, freeze "
                              f"{1000 * got['freeze']:.0f} ms", flush=True)
    from benchmarks.machine import cpu_name

    lines = ["# Project files: how long the GUI thread waits while a worker opens or saves one", "",
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
            for name, _tree in trees:
                lines.append(_row(f"{label}, {name}" if args.baseline else label, runs[(name, size, step)], target))
        lines.append("")
    lines += [f"Machine: {cpu_name()}, {os.cpu_count()} CPUs; CPython {sys.version.split()[0]}; 1-minute load average "
              f"during the runs {min(loads):.1f}–{max(loads):.1f} (shared with other work). Command: "
              f"`.venv/bin/python -m benchmarks.bench_project_file{' --baseline OLD_CHECKOUT' if args.baseline else ''}`."]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
