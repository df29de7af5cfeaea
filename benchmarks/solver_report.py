"""The solver benchmark's verdicts on its targets, the machine it ran on, and the Markdown results page."""
from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from benchmarks.machine import cpu_name


def machine_info() -> dict:
    """CPU, cores, memory and library versions, for the results file."""
    cpu = cpu_name()
    mem = "unknown"
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kb = int(next(ln.split()[1] for ln in fh if ln.startswith("MemTotal")))
            mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory": mem, "platform": platform.platform(),
        "python": platform.python_version(), "ortools": version("ortools"), "highspy": version("highspy"),
    }


def solver_source() -> str:
    """Which solver/ code ran: its last commit, and whether it had uncommitted edits (or a snapshot's label)."""
    import solver

    root = Path(solver.__file__).resolve().parent.parent
    label = root / "SNAPSHOT.txt"
    if label.is_file():
        return label.read_text(encoding="utf-8").strip()

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10,
                                  check=False).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    commit = git("log", "-1", "--format=%h %ad %s", "--date=iso", "--", "solver")
    if not commit:
        return f"{root / 'solver'} (not a git checkout)"
    dirty = git("status", "--porcelain", "--", "solver")
    return f"commit {commit}" + (" + UNCOMMITTED edits" if dirty else "")


def _key(m: dict) -> tuple:
    lv = m["levels"]
    return tuple(lv.get(n, {}).get("value", float("inf")) for n in ("coverage", "cost", "disruption"))


def targets(records: list[dict]) -> list[dict]:
    """Each target with met / not met / not measured and the numbers behind the verdict."""
    out = []
    worse = []
    for r in records:
        pg, gr = r["methods"]["phasegate"], r["methods"]["greedy"]
        if not pg["has_plan"] or not pg["validator_ok"] or _key(pg)[:2] > _key(gr)[:2]:
            worse.append(f"{r['instance']} (phasegate coverage/cost {_key(pg)[:2]} vs greedy {_key(gr)[:2]})")
    out.append({
        "target": "Never worse than greedy on any instance (coverage level, then cost)",
        "verdict": "met" if not worse else "not met",
        "detail": "; ".join(worse) if worse else f"better or equal on all {len(records)} instances",
    })
    missed, possible = [], 0
    for r in records:
        zero = [m for m, s in r["methods"].items() if s["has_plan"] and s["validator_ok"] and s["uncovered_units"] == 0]
        if zero:
            possible += 1
            if r["methods"]["phasegate"]["uncovered_units"] != 0 or not r["methods"]["phasegate"]["validator_ok"]:
                missed.append(f"{r['instance']} ({r['methods']['phasegate']['uncovered_fte']} FTE short; "
                              f"{', '.join(zero)} reached 0)")
    out.append({
        "target": "0 FTE short wherever the instance allows it (some method found a 0-short plan)",
        "verdict": ("met" if not missed else "not met") if possible else "not measured",
        "detail": "; ".join(missed) if missed else (
            f"0 short on all {possible} instances where 0 is reachable" if possible else
            f"no method reached 0 FTE short on any of the {len(records)} instances, so none is known to allow it"),
    })
    out.append(_big(records))
    return out


def _big(records: list[dict]) -> dict:
    rows, ok = [], True
    chosen = [r for r in records if r["instance"].startswith(("6000x600", "portfolio20"))]
    for r in chosen:
        pg = r["methods"]["phasegate"]
        cov, cost = pg["levels"].get("coverage", {}), pg["levels"].get("cost", {})
        good = (pg["has_plan"] and pg["validator_ok"] and cov.get("proven") is True
                and cost.get("gap", 1.0) <= 0.01 and pg["wall_s"] <= 10.0)
        ok &= good
        rows.append(f"{r['instance']}: coverage {'proven' if cov.get('proven') else 'not proven'}, "
                    f"cost gap {cost.get('gap', 1.0):.2%} ({cost.get('status', 'not run')}), wall {pg['wall_s']:.1f} s")
    return {
        "target": "6,000×600 and portfolio: coverage proven optimal and cost gap ≤ 1 % within 10 s",
        "verdict": ("met" if ok else "not met") if chosen else "not measured",
        "detail": "; ".join(rows),
    }


def _s(v) -> str:
    return "–" if v is None else f"{v:.2f}"


def _n(v) -> str:
    return "no plan" if v is None else f"{v:,}"


def _level(m: dict, name: str) -> str:
    lv = m["levels"].get(name)
    if lv is None:
        return "–"
    if lv["proven"]:
        return f"proven {_s(lv['time_to_proof_s'])} s"
    return f"{lv['status']}, gap {lv['gap']:.1%}"


def render_markdown(records: list[dict], meta: dict, verdicts: list[dict]) -> str:
    """The results page: targets, a table per instance and method, machine and command."""
    lines = [
        "# Solver benchmark: greedy vs HiGHS vs Phasegate (CP-SAT)",
        "",
        *([] if meta.get("complete", True) else ["**PARTIAL RUN** — interrupted or still running; "
                                                 "only the instances below were measured.", ""]),
        f"Date: {meta['date']} · duration {meta['duration_s']} s · command: `{meta['command']}`",
        "",
        f"Machine: {meta['cpu']}, {meta['cores']} cores, {meta['memory']}, {meta['platform']}; Python "
        f"{meta['python']}, OR-Tools {meta['ortools']}, highspy {meta['highspy']}.",
        f"Solver code measured: {meta.get('solver_source', 'unknown')}.",
        f"Load average (1/5/15 min) at start {meta['load_start']}, at end {meta['load_end']} — the cores were "
        "shared with other work, so timings are noisy.",
        "",
        f"Repeats: median of {meta['repeats']} runs per method; instances with 3,000+ people and the portfolio "
        f"use {meta['big_repeats']} run(s) each (each run can take the full time limit"
        + ("; fewer runs there so the whole comparison fits in about 35 minutes on the shared machine — their "
           "timings are single measurements, not medians" if meta["big_repeats"] < meta["repeats"] else "")
        + "). Time limits: HiGHS 30 s "
        "of solving (all levels together; building its model in Python comes on top, column *build*); Phasegate "
        "10 s at 6,000×600 and on the portfolio, 30 s elsewhere, everything included. Phasegate runs with default "
        "settings except `explain=False` (the explanation re-solves are not part of the optimisation). HiGHS "
        "starts from the greedy plan (MIP start), as Phasegate starts from its own hint; a level is fixed only "
        "when proven, otherwise the later levels are skipped (same rule as Phasegate).",
        "",
        "Columns: *short* = uncovered FTE; *first plan* = seconds from the call to the first complete plan "
        "(greedy: its whole run; HiGHS: model build + first incumbent; Phasegate: first progress event); "
        "per level: *proven t* = seconds that level's proof took, else its status and relative gap; "
        "*all proven* = wall time when every level was proven, median over the runs that proved (– when none did; "
        "the last column says how many did — the level columns show the median-time run, which may not be one of "
        "them); *valid* = the solver's validator "
        "accepts the plan (every rule, claimed objective values).",
        "",
        "## Targets",
        "",
    ]
    for v in verdicts:
        lines.append(f"- **{v['verdict'].upper()}** — {v['target']}. {v['detail']}.")
    lines += [
        "",
        "## Results",
        "",
        "| instance | options | method | short (FTE) | cost | build (s) | first plan (s) | coverage | cost level "
        "| disruption | all proven (s) | wall (s) | valid | runs (all proven) |",
        "|---|---:|---|---:|---:|---:|---:|---|---|---|---:|---:|---|---:|",
    ]
    for r in records:
        for name, m in r["methods"].items():
            lines.append(
                f"| {r['instance']} | {r['options']:,} | {name} | {_n(m['uncovered_fte'])} | {_n(m['cost'])} "
                f"| {_s(m['build_s'])} | {_s(m['first_plan_s'])} | {_level(m, 'coverage')} | {_level(m, 'cost')} "
                f"| {_level(m, 'disruption')} | {_s(m['proven_all_s'])} | {_s(m['wall_s'])} "
                f"| {'yes' if m['validator_ok'] else 'NO'} | {m['repeats']} ({m.get('proofs', '?')}) |"
            )
    notes = [
        f"- {r['instance']} / {name}: {m['status']}" + (f" — “{m['message']}”" if m["message"] else "")
        + (f"; validator: {'; '.join(m['violations'])}" if m["violations"] else "")
        for r in records for name, m in r["methods"].items()
        if not m["has_plan"] or not m["validator_ok"]
    ]
    if notes:
        lines += ["", "Runs without a valid plan:", "", *notes]
    lines += [
        "",
        "Greedy proves nothing (its levels show the gap to the trivial bound 0). Instances: "
        "`benchmarks/solver_instances.py` (seeded; sizes people×demands, ~20 demands per initiative, each "
        "with its own budget; the portfolio has 20 initiatives under one shared budget and hire cap).",
        "",
        *(["## Notes", "", *[f"- {n}" for n in meta["notes"]], ""] if meta.get("notes") else []),
        "## How to run",
        "",
        "- This benchmark alone (writes this file and `solver.json`): "
        "`.venv/bin/python -m benchmarks.bench_solver --repeats 5 --big-repeats 2`",
        "- Some instances only: `.venv/bin/python -m benchmarks.bench_solver --only 1000x150-loose 1000x150-tight` "
        "(add `--out DIR` to keep this file untouched); a development check: `--quick` (200×40, 1 run, writes "
        "nothing).",
        "- Every benchmark in turn: `make bench` (= `.venv/bin/python -m benchmarks.run_all`); one of them through "
        "the runner: `.venv/bin/python -m benchmarks.run_all solver`; what would run: `... run_all --list`.",
        "",
    ]
    return "\n".join(lines)
