"""Roster import speed: 100,000 rows × 25 columns, raw python-calamine vs Phasegate's full import vs openpyxl.

Run: `.venv/bin/python -m benchmarks.bench_import` (writes benchmarks/results/import.md). Each measurement runs in
its own subprocess so peak memory (ru_maxrss) is per measurement; times exclude interpreter start-up and imports.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent
OUT_DIR = ROOT / "out"
RESULTS = ROOT / "results" / "import.md"
SEED = 7
ROWS = 100_000
SKILLS = ["Python", "Machine Learning", "SQL", "Data engineering", "MLOps", "Kubernetes", "Docker", "SRE",
          "Model risk", "Change management", "Project management", "Domain knowledge"]
HEADER = ["Employee ID", "Worker", "Business Title", "Supervisory Organization", "Location", "Cost Center", "Manager",
          "Email", "FTE", "Hire Date", "Annual Cost", "Current Initiative", "Allocation %", *SKILLS]
COMMAND = ".venv/bin/python -m benchmarks.bench_import"


def make_roster(path: Path, *, rows: int = ROWS, seed: int = SEED) -> Path:
    """A seeded Workday-style roster: two title rows, 25 columns, realistic blanks, FTE as %, levels 1–5."""
    import openpyxl

    rng = random.Random(seed)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Workers")
    ws.append(["All workers with skills (benchmark)"])
    ws.append([])
    ws.append(HEADER)
    titles = ["Data Scientist", "Data Engineer", "Software Engineer", "Analyst", "MLOps Engineer", "Manager"]
    orgs = [f"Org {i}" for i in range(40)]
    places = ["Berlin", "Lisbon", "Leeds", "Austin", "Remote"]
    for i in range(rows):
        initiative = rng.choice(["Claims Triage", "Churn", "Contracts", "Forecasting"]) if rng.random() < 0.4 else None
        ws.append([f"E{i:06d}", f"Person {i:06d}", rng.choice(titles), rng.choice(orgs), rng.choice(places),
                   f"CC-{rng.randint(100, 999)}", f"Person {rng.randrange(rows):06d}", f"p{i}@example.org",
                   rng.choice(["100%", "80%", "50%", "100%"]), date(2010, 1, 1) + timedelta(days=rng.randint(0, 5000)),
                   rng.randrange(50_000, 160_000, 100), initiative,
                   rng.choice(["20%", "50%", "100%"]) if initiative else None,
                   *[rng.randint(1, 5) if rng.random() < 0.6 else None for _ in SKILLS]])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _measure(kind: str, path: str) -> dict:
    """One timed operation in this process; returns seconds and peak RSS."""
    if kind == "calamine":
        from python_calamine import CalamineWorkbook

        start = time.perf_counter()
        rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
        seconds = time.perf_counter() - start
        count = len(rows)
    elif kind == "phasegate":
        from app.roster_import import import_roster
        from app.templates import load_catalogue

        catalogue = load_catalogue()
        start = time.perf_counter()
        result = import_roster(path, catalogue=catalogue)
        seconds = time.perf_counter() - start
        count = len(result.people)
        assert count == ROWS, (count, result.counts)
    elif kind == "openpyxl":
        import openpyxl

        start = time.perf_counter()
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
        seconds = time.perf_counter() - start
    else:  # baseline: interpreter and imports only
        import app.roster_import  # noqa: F401

        seconds, count = 0.0, 0
    return {"kind": kind, "seconds": seconds, "rows": count,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _run(kind: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "benchmarks.bench_import", "--measure", kind, str(path)],
                         check=True, capture_output=True, text=True, cwd=ROOT.parent)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _machine() -> str:
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), cpu)
    except OSError:
        pass
    from importlib import metadata

    libs = ", ".join(f"{n} {metadata.version(n)}" for n in ("python-calamine", "openpyxl", "pydantic"))
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}; {libs}"


def main(argv: list[str] | None = None) -> int:
    """Generates the roster once, measures each reader in fresh subprocesses, writes the results page."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "PATH"))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--openpyxl-repeats", type=int, default=2, help="openpyxl is slow; it is only a reference")
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(_measure(*args.measure)))
        return 0
    path = OUT_DIR / f"roster_{ROWS}_seed{SEED}.xlsx"
    if not path.exists():
        print(f"generating {path} …", flush=True)
        make_roster(path)
    baseline = _run("baseline", path)
    samples: dict[str, list[dict]] = {"calamine": [], "phasegate": [], "openpyxl": []}
    for rep in range(args.repeats):
        for kind in ("calamine", "phasegate"):  # interleaved, so machine noise hits both alike
            samples[kind].append(_run(kind, path))
        if rep < args.openpyxl_repeats:
            samples["openpyxl"].append(_run("openpyxl", path))
        print(f"repetition {rep + 1}: " + ", ".join(f"{k} {v[-1]['seconds']:.2f}s" for k, v in samples.items() if v),
              flush=True)
    med = {k: statistics.median(s["seconds"] for s in v) for k, v in samples.items() if v}
    mem = {k: max(s["peak_mib"] for s in v) for k, v in samples.items() if v}
    ratio = med["phasegate"] / med["calamine"]
    verdict = "met" if ratio <= 1.3 else "NOT met"
    lines = [
        "# Roster import benchmark", "",
        f"Roster: {ROWS:,} rows × {len(HEADER)} columns (Workday-style, two title rows, 40 % on an initiative, "
        f"60 % of skill cells filled), seed {SEED}, file size {path.stat().st_size / 2**20:.1f} MiB.", "",
        "| Reader | Median seconds | Runs | Peak memory (MiB, incl. {:.0f} MiB interpreter + imports) |".format(
            baseline["peak_mib"]),
        "|---|---|---|---|",
        f"| (a) python-calamine `to_python()` (raw read) | {med['calamine']:.2f} | {len(samples['calamine'])} | "
        f"{mem['calamine']:.0f} |",
        f"| (b) Phasegate `import_roster` (read, map, validate, build people) | {med['phasegate']:.2f} | "
        f"{len(samples['phasegate'])} | {mem['phasegate']:.0f} |",
        f"| openpyxl read-only (reference) | {med['openpyxl']:.2f} | {len(samples['openpyxl'])} | "
        f"{mem['openpyxl']:.0f} |", "",
        f"**(b) / (a) = {ratio:.2f}** — target ≤ 1.3: **{verdict}**.", "",
        f"Machine: {_machine()}. The machine is shared with other work, so absolute times vary between runs; the "
        "ratio is measured with (a) and (b) interleaved in the same run.", "",
        f"Reproduce: `{COMMAND}` (generates `benchmarks/out/` once, ~1 min).", "",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
