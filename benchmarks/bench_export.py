"""Export speed: a seeded 10,000-person plan (3,000 assignments, 500 trainings, 200 hires), median of 5 runs."""
from __future__ import annotations

import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl

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
from app.export.xlsx import number_formats

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
                                reason="best match for the role's required skills with free time")
                     for p in picked],
        trainings=[Training(person_id=p.id, person_name=p.name, initiative=rng.choice(inits).id,
                            role=rng.choice(ROLES), skill=rng.choice(SKILLS), from_level=2, to_level=3,
                            weeks=rng.choice([2, 4, 8]), cost=rng.choice([3000.0, 6000.0, 12000.0]),
                            latest_start=start, reason="adjacent skill") for p in picked[:trainings]],
        hires=[Hire(initiative=rng.choice(inits).id, role=rng.choice(ROLES), kind=rng.choice(["hire", "contract"]),
                    fte=1.0, cost=rng.randint(40, 90) * 1000.0, lead_time_weeks=12, latest_requisition=start,
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


def xlsxwriter_tables(report: PlanReport, path: Path) -> None:
    """The same tables, formats, drop-downs and native tables written with XlsxWriter, for comparison only."""
    import xlsxwriter

    formats = number_formats(report.currency)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    styles = {kind: wb.add_format({"num_format": fmt}) for kind, fmt in formats.items()}
    for table in all_tables(report):
        ws = wb.add_worksheet(table.name)
        ws.freeze_panes(3, 0)
        ws.write_row(2, 0, [c.header for c in table.columns])
        for r, row in enumerate(table.rows, start=3):
            for c, (value, col) in enumerate(zip(row, table.columns, strict=True)):
                if value is None:
                    continue
                if isinstance(value, str):
                    ws.write_string(r, c, value)
                elif isinstance(value, date):
                    ws.write_datetime(r, c, datetime.combine(value, datetime.min.time()), styles["date"])
                else:
                    ws.write_number(r, c, value, styles.get(col.kind))
        if table.rows:
            ws.add_table(2, 0, 2 + len(table.rows), len(table.columns) - 1,
                         {"columns": [{"header": c.header} for c in table.columns], "autofilter": True})
    wb.close()


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


def main(argv: list[str] | None = None) -> int:
    """Measures every export of the 10,000-person plan and writes benchmarks/results/export.md."""
    args = argv if argv is not None else sys.argv[1:]
    load_start = os.getloadavg()[0]
    report = make_report()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        book = out / "plan.xlsx"
        cases = [
            ("before: write_plan_workbook, every row through openpyxl (with pay)",
             lambda: write_plan_workbook(report, out / "old.xlsx", fast_rows=False)),
            ("**after: write_plan_workbook, data rows streamed (with pay)**", lambda: write_plan_workbook(report, book)),
            ("before: write_plan_workbook, every row through openpyxl (include_pay=False)",
             lambda: write_plan_workbook(report, out / "old-nopay.xlsx", include_pay=False, fast_rows=False)),
            ("**after: write_plan_workbook, data rows streamed (include_pay=False)**",
             lambda: write_plan_workbook(report, out / "nopay.xlsx", include_pay=False)),
            ("of which: building the tables' rows (all_tables)", lambda: all_tables(report)),
            ("write_plan_csv (8 files)", lambda: write_plan_csv(report, out / "csv")),
            ("write_plan_json", lambda: write_plan_json(report, out / "plan.json")),
            ("XlsxWriter, same rows and formats (comparison; its constant_memory mode drops the tables)", lambda: xlsxwriter_tables(report, out / "xw.xlsx")),
        ]
        for name, func in cases:
            rows.append((name, *median_seconds(func)))
        wb = openpyxl.load_workbook(book)
        wb["Assignments"]["K4"] = "Approved"
        wb.save(out / "edited.xlsx")
        rows.append(("read_decisions (3,700 decision rows, manifest)",
                     *median_seconds(lambda: read_decisions(out / "edited.xlsx"))))
        size_kb = book.stat().st_size / 1024
        old_kb = (out / "old.xlsx").stat().st_size / 1024
        load_end = os.getloadavg()[0]
        checked = ("LibreOffice check skipped (--no-libreoffice)." if "--no-libreoffice" in args
                   else libreoffice_check(book, out / "lo"))
    lines = ["# Export speed", "",
             "Seeded report (seed 11): 10,000-person roster snapshot, 3,000 assignments, 500 trainings, 200 hires, "
             "50 uncovered, 25 × 6 gap cells. Median of 5 runs each, all in one run. Target: workbook ≤ 2 s.", "",
             f"Load average at start {load_start:.1f}, at end {load_end:.1f}, on {os.cpu_count()} CPUs "
             "(machine shared: wall time includes waiting for a CPU; CPU time is the cost).", "",
             "| operation | median wall (s) | median CPU (s) |", "|---|---:|---:|"]
    lines += [f"| {name} | {wall:.2f} | {cpu:.2f} |" for name, wall, cpu in rows]
    lines += ["", f"Workbook size: {size_kb:,.0f} KiB streamed, {old_kb:,.0f} KiB through openpyxl. "
              f"openpyxl {openpyxl.__version__} (write-only mode, lxml); Python {sys.version.split()[0]}.", "",
              f"Validity of the streamed 10,000-person workbook: {checked}", "",
              "Command: `.venv/bin/python -m benchmarks.bench_export` (add `--no-libreoffice` to skip the "
              "conversion check)."]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
