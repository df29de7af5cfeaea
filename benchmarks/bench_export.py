"""Export speed: a seeded 10,000-person plan (3,000 assignments, 500 trainings, 200 hires), median of 5 runs."""
from __future__ import annotations

import csv
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import xlsxwriter

from app.domain import (
    Assignment,
    Commitment,
    FailureMode,
    Hire,
    Initiative,
    ObjectiveLevel,
    Person,
    Plan,
    PlanStatus,
    SkillLevel,
    Training,
    Uncovered,
)
from app.export import (
    GapCell,
    PlanReport,
    build_plan_report,
    read_decisions,
    write_plan_csv,
    write_plan_json,
    write_plan_workbook,
)
from app.export.tables import all_tables

RESULTS = Path(__file__).parent / "results" / "export.md"
SKILLS = [f"skill_{i:02d}" for i in range(40)]
ROLES = [f"role_{i:02d}" for i in range(25)]
REPEATS = 5


def make_report(*, people: int = 10_000, assignments: int = 3_000, trainings: int = 500, hires: int = 200,
                seed: int = 11) -> PlanReport:
    """A seeded plan report of realistic shape and text lengths."""
    rng = random.Random(seed)
    inits = [Initiative(id=f"ini-{i}", name=f"Initiative {i}", go_live=date(2025, 6, 30)) for i in range(8)]
    roster = []
    for i in range(people):
        skills = {s: SkillLevel(level=rng.randint(1, 5)) for s in rng.sample(SKILLS, rng.randint(3, 9))}
        commitments = [Commitment(initiative=rng.choice(inits).id, fte=rng.choice([0.2, 0.5, 0.8]),
                                  role=rng.choice(ROLES))] if rng.random() < 0.6 else []
        roster.append(Person(id=f"E{i:05d}", name=f"Person {i} Lastname", title=f"Engineer grade {i % 7}",
                             organisation=f"Org {i % 40}", location=f"City {i % 12}", cost_center=f"CC{i % 90}",
                             manager=f"Manager {i % 300}", cost_rate=rng.randint(60, 160) * 1000.0,
                             skills=skills, commitments=commitments))
    start = date(2025, 3, 3)
    picked = rng.sample(roster, assignments)
    plan = Plan(
        status=PlanStatus.OPTIMAL,
        assignments=[Assignment(person_id=p.id, person_name=p.name, initiative=rng.choice(inits).id,
                                role=rng.choice(ROLES), fte=rng.choice([0.2, 0.4, 0.5, 1.0]),
                                start=start + timedelta(days=rng.randint(0, 60)), moved=rng.random() < 0.7,
                                reason="best match for the role's required skills with free time; runner-up "
                                       "Person 12 Lastname costs €1.2k more", cost=rng.randint(5, 60) * 1000.0)
                     for p in picked],
        trainings=[Training(person_id=p.id, person_name=p.name, initiative=rng.choice(inits).id,
                            role=rng.choice(ROLES), skill=rng.choice(SKILLS), from_level=2, to_level=3,
                            weeks=rng.choice([2, 4, 8]), cost=rng.choice([3000.0, 6000.0, 12000.0]),
                            latest_start=start, reason="adjacent skill") for p in picked[:trainings]],
        hires=[Hire(initiative=rng.choice(inits).id, role=rng.choice(ROLES), kind=rng.choice(["hire", "contract"]),
                    fte=1.0, cost=rng.randint(40, 90) * 1000.0, lead_time_weeks=12, latest_requisition=start,
                    annual_cost=rng.randint(90, 160) * 1000.0,
                    reason="no one in the pool") for _ in range(hires)],
        uncovered=[Uncovered(initiative=rng.choice(inits).id, role=rng.choice(ROLES), fte=0.5, cause="budget")
                   for _ in range(50)],
        objective=[ObjectiveLevel(name="uncovered", value=25, bound=25, gap=0, proven=True)],
        total_cost=9_000_000.0, required_fte=2000.0, covered_fte=1975.0, people_moved=2100,
    )
    gaps = [GapCell(role=r, skill=s, required_level=4, best_level_available=rng.randint(1, 5), gap=0,
                    failure_modes=[rng.choice(list(FailureMode))]) for r in ROLES for s in rng.sample(SKILLS, 6)]
    for cell in gaps:
        cell.gap = max(0, cell.required_level - cell.best_level_available)
    readiness = {m: rng.random() for m in FailureMode}
    return build_plan_report(plan=plan, people=roster, initiatives=inits, gap_matrix=gaps,
                             readiness_before=readiness, readiness_after=readiness, generated=date(2025, 2, 1))


def median_seconds(func, repeats: int = REPEATS) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of `repeats` calls (CPU shows the cost on a shared, loaded machine)."""
    wall, cpu = [], []
    for _ in range(repeats):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        func()
        wall.append(time.perf_counter() - begin)
        cpu.append(time.process_time() - begin_cpu)
    return statistics.median(wall), statistics.median(cpu)


#: All sheets, one CSV each, UTF-8, raw values (the filter the LibreOffice tests use).
LO_CSV = 'csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1'


def libreoffice_check(book: Path, outdir: Path) -> str:
    """Converts the workbook with LibreOffice to PDF and CSV (as the tests do) and says what came out."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        return "LibreOffice not installed: conversion not checked."
    found = []
    for target, sub in (("pdf", "pdf"), (LO_CSV, "csv")):
        (outdir / sub).mkdir(parents=True)
        profile = Path(tempfile.mkdtemp(prefix="lo-bench-"))
        begin = time.perf_counter()
        done = subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                               target, "--outdir", str(outdir / sub), str(book)],
                              capture_output=True, text=True, timeout=900, check=False)
        shutil.rmtree(profile, ignore_errors=True)
        if done.returncode != 0:
            return f"LibreOffice failed to convert to {sub}: {done.stderr.strip()[:200]}"
        found.append((sub, time.perf_counter() - begin))
    pdf = next((outdir / "pdf").glob("*.pdf"))
    roster = next((outdir / "csv").glob("*Roster snapshot.csv"))
    with open(roster, encoding="utf-8", newline="") as handle:
        people = sum(1 for row in csv.reader(handle) if row and row[0].startswith("E"))
    summary = next((outdir / "csv").glob("*-Summary.csv")).read_text(encoding="utf-8")
    total = next((row[1] for row in csv.reader(summary.splitlines()) if row and row[0] == "Total cost"), "?")
    return (f"LibreOffice {'; '.join(f'{sub} in {secs:.0f} s' for sub, secs in found)}: PDF "
            f"{pdf.stat().st_size / 1024:,.0f} KiB, roster CSV with {people:,} people, recalculated Total cost "
            f"{total}.")


#: The child that times one writer: it loads the report from JSON with its own code and writes it once (warm-up)
#: then once timed, and prints "wall cpu". Run with the working directory set to the tree to measure.
CHILD = """
import gc, json, sys, time
from pathlib import Path
from app.export import PlanReport, write_plan_workbook
report = PlanReport.model_validate_json(Path(sys.argv[1]).read_text(encoding="utf-8"))
options = json.loads(sys.argv[3])
paused = options.pop("paused_gc", False)
write_plan_workbook(report, sys.argv[2], **options)
if paused:
    gc.disable()
begin, begin_cpu = time.perf_counter(), time.process_time()
write_plan_workbook(report, sys.argv[2], **options)
print(time.perf_counter() - begin, time.process_time() - begin_cpu)
"""
#: What each timed writer is asked for. The window's export job runs with the cyclic collector paused (ui.workers
#: pauses it while any job runs); the CLI (`plan --xlsx`) runs with Python's defaults.
CASES = (
    ("with pay, roster of the people the plan touches (default)", {}),
    ("with pay, full_roster=True (all 10,000)", {"full_roster": True}),
    ("include_pay=False, full_roster=True", {"include_pay": False, "full_roster": True}),
    ("with pay, default roster, collector paused as in the window", {"paused_gc": True}),
    ("with pay, full_roster=True, collector paused", {"full_roster": True, "paused_gc": True}),
)


def cell_count(book: Path) -> int:
    """Cells stored in a workbook (every sheet's `<c>` elements): what the writer's time grows with."""
    with zipfile.ZipFile(book) as package:
        return sum(package.read(name).count(b"<c ") for name in package.namelist()
                   if name.startswith("xl/worksheets/sheet"))


def baseline_tree(revision: str, into: Path) -> Path:
    """The source tree of `revision` (git archive), to run the writer of that commit beside this one's."""
    root = Path(__file__).resolve().parent.parent
    archive = subprocess.run(["git", "-C", str(root), "archive", revision, "app", "role_templates"],
                             capture_output=True, check=True).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def side_by_side(report_json: Path, out: Path, trees: dict[str, tuple[Path, dict]], repeats: int
                 ) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) per writer, the writers run in turn (A B C A B C …) in fresh processes."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
    for _ in range(repeats):
        for name, (tree, options) in trees.items():
            done = subprocess.run([sys.executable, "-c", CHILD, str(report_json), str(out / f"{len(times[name])}.xlsx"),
                                   json.dumps(options)], cwd=tree, capture_output=True, text=True, check=True)
            wall, cpu = (float(x) for x in done.stdout.split())
            times[name].append((wall, cpu))
    return {name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
            for name, runs in times.items()}


def main(argv: list[str] | None = None) -> int:
    """Measures every export of the 10,000-person plan and writes benchmarks/results/export.md.

    `--baseline REV` also times the workbook writer of commit REV on the same report, in turn with this one's.
    """
    args = argv if argv is not None else sys.argv[1:]
    baseline = args[args.index("--baseline") + 1] if "--baseline" in args else None
    load_start = os.getloadavg()[0]
    report = make_report()
    here = Path(__file__).resolve().parent.parent
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        report_json = out / "report.json"
        report_json.write_text(report.model_dump_json(), encoding="utf-8")
        trees: dict[str, tuple[Path, dict]] = {}
        old = baseline_tree(baseline, out / "baseline") if baseline else None
        for label, options in CASES:
            if old is not None:
                trees[f"before ({baseline[:7]}): {label}"] = (old, options)
            trees[f"**{'after: ' if old is not None else ''}{label}**"] = (here, options)
        (out / "runs").mkdir()
        for name, (wall, cpu) in side_by_side(report_json, out / "runs", trees, REPEATS).items():
            rows.append((name, wall, cpu))
        book = out / "plan.xlsx"
        cases = [
            ("of which: building the tables' rows (all_tables, full roster)",
             lambda: all_tables(report, full_roster=True)),
            ("write_plan_csv (9 files)", lambda: write_plan_csv(report, out / "csv")),
            ("write_plan_json", lambda: write_plan_json(report, out / "plan.json")),
        ]
        for name, func in cases:
            rows.append((name, *median_seconds(func)))
        write_plan_workbook(report, out / "default.xlsx")
        cells_default = cell_count(out / "default.xlsx")
        write_plan_workbook(report, book, full_roster=True)
        cells_full = cell_count(book)
        wb = openpyxl.load_workbook(book)
        wb["Assignments"]["N5"] = "Approved"
        wb.save(out / "edited.xlsx")
        rows.append(("read_decisions (3,700 decision rows, manifest)",
                     *median_seconds(lambda: read_decisions(out / "edited.xlsx"))))
        size_kb = book.stat().st_size / 1024
        load_end = os.getloadavg()[0]
        checked = ("LibreOffice check skipped (--no-libreoffice)." if "--no-libreoffice" in args
                   else libreoffice_check(book, out / "lo"))
    lines = ["# Export speed", "",
             "Seeded report (seed 11): 10,000-person roster, 3,000 assignments, 500 trainings, 200 hires, 50 "
             "uncovered, 25 × 6 gap cells. Workbook writers: each run in a fresh process that loads the same report "
             "(JSON), writes once to warm up and once timed; the writers take turns (A B C … A B C), 5 rounds, "
             "median. Other rows: median of 5 in this process. Target: workbook ≤ 2 s. \"Collector paused\": the "
             "cyclic garbage collector is off for the timed write, as in the window, whose jobs run with it paused "
             "(ui.workers); the other rows run with Python's defaults, as the CLI does.", "",
             f"Load average at start {load_start:.1f}, at end {load_end:.1f}, on {os.cpu_count()} CPUs "
             "(machine shared: wall time includes waiting for a CPU; CPU time is the cost).", "",
             "| operation | median wall (s) | median CPU (s) |", "|---|---:|---:|"]
    lines += [f"| {name} | {wall:.2f} | {cpu:.2f} |" for name, wall, cpu in rows]
    lines += ["", f"Cells written: {cells_default:,} (default), {cells_full:,} (full roster). Workbook size (full "
              f"roster): {size_kb:,.0f} KiB. XlsxWriter {xlsxwriter.__version__}; "
              f"Python {sys.version.split()[0]}.", "",
              f"Validity of the 10,000-person workbook (full roster): {checked}", "",
              "Command: `.venv/bin/python -m benchmarks.bench_export [--baseline REV] [--no-libreoffice]` "
              "(`--baseline` times that commit's writer in turn with this one)."]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
