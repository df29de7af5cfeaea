"""Time to proven optimum, Phasegate vs HiGHS: the issue's "≤ 0.25 × HiGHS's on 1,000×150" target, measured.

    python -m benchmarks.bench_proof_time [--highs-limit 1200] [--ratio 0.25] [--repeats 3] [--only NAME ...]

HiGHS solves first, once, with a long limit; Phasegate then gets `ratio` × HiGHS's time to proof (or × HiGHS's
limit when HiGHS does not prove). Writes benchmarks/results/proof_time.md and proof_time.json after every step.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_solver import _solver_entry
from benchmarks.highs_solve import LEVELS, solve_highs
from benchmarks.solver_instances import SPECS, generate
from benchmarks.solver_report import machine_info, solver_source
from solver.schema import Config, Instance, ProgressEvent, Solution
from solver.validate import validate

RESULTS = Path(__file__).parent / "results"
DEFAULT_ONLY = ("1000x150-loose", "1000x150-tight")


def _load() -> list[float]:
    return [round(v, 2) for v in os.getloadavg()]


def _levels(sol: Solution) -> dict:
    return {
        lv.name: {"status": lv.status, "value": lv.value, "bound": lv.bound, "gap": lv.gap, "proven": lv.proven,
                  "time_to_proof_s": lv.time_to_proof_s, "wall_s": round(lv.wall_s, 4)}
        for lv in sol.levels
    }


def _result(inst: Instance, sol: Solution, config: Config, *, wall: float, load: list[float]) -> dict:
    has_plan = sol.status in ("optimal", "feasible")
    violations = validate(inst, sol, config=config) if has_plan else None
    return {
        "status": sol.status, "levels": _levels(sol), "wall_s": round(wall, 3),
        "uncovered_fte": round(sum(u.units for u in sol.uncovered) * inst.unit, 2) if has_plan else None,
        "cost": sol.total_cost if has_plan else None,
        "validator_ok": violations is not None and not violations, "load_before": load,
    }


def run_highs(inst: Instance, *, limit_s: float) -> dict:
    """HiGHS as bench_solver runs it (same model, level by level, MIP start from greedy), once."""
    config = Config(time_limit_s=limit_s, explain=False)
    load = _load()
    started = time.perf_counter()
    sol = solve_highs(inst, config=config, time_limit_s=limit_s)
    out = _result(inst, sol, config, wall=time.perf_counter() - started, load=load)
    out["limit_s"] = limit_s
    out["build_s"] = sol.stats.get("setup_s")
    # HiGHS's own solving time (its Python model build excluded): the stricter reference for Phasegate.
    out["solve_s"] = round(sum(lv["wall_s"] for lv in out["levels"].values()), 3)
    out["proof_s"] = out["solve_s"] if sol.status == "optimal" else None
    return out


def run_phasegate(inst: Instance, *, limit_s: float) -> dict:
    """Phasegate with default settings except explain=False (as bench_solver), everything timed."""
    config = Config(time_limit_s=limit_s, explain=False)
    trajectory: list[list] = []

    def progress(event: ProgressEvent) -> None:
        # Kept about once a second per level: enough to see how the gap closes with time.
        last = trajectory[-1] if trajectory else None
        if last is None or last[1] != event.level or event.elapsed_s - last[0] >= 1.0:
            trajectory.append([round(event.elapsed_s, 2), event.level, event.objective, event.bound])

    load = _load()
    started = time.perf_counter()
    sol = _solver_entry()(inst, config=config, progress=progress)
    wall = time.perf_counter() - started
    out = _result(inst, sol, config, wall=wall, load=load)
    out["trajectory"] = trajectory
    out["limit_s"] = round(limit_s, 3)
    out["proof_s"] = round(wall, 3) if sol.status == "optimal" else None
    return out


def reference_s(highs: dict) -> tuple[float, bool]:
    """HiGHS's time to proof, or its limit when it did not prove; and whether it proved."""
    if highs["proof_s"] is not None:
        return highs["proof_s"], True
    return highs["limit_s"], False


def ours_limit(highs: dict, *, ratio: float) -> float:
    """Phasegate's time limit: `ratio` × HiGHS's time to proof (or × its limit when it did not prove)."""
    ref, _ = reference_s(highs)
    return max(0.05, ratio * ref)


def median_run(runs: list[dict]) -> dict:
    """The median run by time to proof (an unproven run counts as slower than every proven one)."""
    ranked = sorted(runs, key=lambda r: (r["proof_s"] is None, r["proof_s"] or 0.0, r["wall_s"]))
    return ranked[(len(ranked) - 1) // 2]


def _gaps(levels: dict) -> str:
    parts = []
    for name in LEVELS:
        lv = levels.get(name)
        if lv is not None and not lv["proven"]:
            parts.append(f"{name} {lv['status']} gap {100 * lv['gap']:.1f}%")
    return ", ".join(parts) or "all proven"


def verdict(highs: dict, ours: list[dict], *, ratio: float) -> dict:
    """MET when Phasegate's median run proved every level within `ratio` × HiGHS's proof time (or limit)."""
    ref, highs_proved = reference_s(highs)
    budget = ratio * ref
    mid = median_run(ours)
    proved = [r["proof_s"] for r in ours if r["proof_s"] is not None]
    n = f"{len(proved)}/{len(ours)} runs proved"
    theirs = f"HiGHS proved in {ref:.2f} s" if highs_proved else f"HiGHS > {ref:.0f} s ({_gaps(highs['levels'])})"
    if mid["proof_s"] is not None and mid["proof_s"] <= budget:
        med = statistics.median(proved)
        return {"verdict": "met", "detail": f"{theirs}; Phasegate proved in {med:.2f} s (median, {n}) "
                                           f"<= {ratio:g} x {ref:.2f} = {budget:.2f} s"}
    if mid["proof_s"] is not None:
        return {"verdict": "not met", "detail": f"{theirs}; Phasegate proved in {mid['proof_s']:.2f} s "
                                               f"(median, {n}) > {ratio:g} x {ref:.2f} = {budget:.2f} s"}
    who = "neither proved" if not highs_proved else "Phasegate did not prove"
    return {"verdict": "not met", "detail": f"{who}: {theirs}; Phasegate at {mid['limit_s']:.2f} s "
                                           f"({_gaps(mid['levels'])}; {n})"}


def level_cell(lv: dict | None) -> str:
    """A level as the table shows it: the proof time when proven, else its status and final gap."""
    if lv is None:
        return "–"
    if lv["proven"]:
        return f"proven {lv['time_to_proof_s']:.2f} s"
    return f"{lv['status']}, gap {100 * lv['gap']:.2f}%"


def bench(names: list[str], *, highs_limit: float, ratio: float, repeats: int, log: Callable[[str], None] = print,
          on_record: Callable[[list[dict]], None] | None = None, reuse: dict[str, dict] | None = None) -> list[dict]:
    """HiGHS once (or its earlier run from `reuse`), then Phasegate `repeats` times at ratio × HiGHS's time."""
    records: list[dict] = []
    for name in names:
        spec = next(s for s in SPECS if s.name == name)
        inst = generate(spec)
        record = {"instance": name, "seed": spec.seed, "options": len(inst.options), "ratio": ratio,
                  "highs": None, "phasegate": [], "verdict": None}
        records.append(record)
        record["highs"] = (reuse or {}).get(name) or run_highs(inst, limit_s=highs_limit)
        h = record["highs"]
        log(f"{name:16} highs      status {h['status']}  proof {h['proof_s']}  solve {h['solve_s']} s  "
            f"{_gaps(h['levels'])}")
        if on_record is not None:
            on_record(records)
        limit = ours_limit(h, ratio=ratio)
        for k in range(repeats):
            run = run_phasegate(inst, limit_s=limit)
            record["phasegate"].append(run)
            log(f"{name:16} phasegate  run {k + 1}/{repeats} limit {limit:.2f} s  status {run['status']}  "
                f"proof {run['proof_s']}  {_gaps(run['levels'])}")
            record["verdict"] = verdict(h, record["phasegate"], ratio=ratio)
            if on_record is not None:
                on_record(records)
    return records


def gap_over_time(run: dict, *, shares: tuple[float, ...] = (0.1, 0.25, 0.5, 1.0)) -> str:
    """The level and gap Phasegate had reached at a few shares of its time limit."""
    parts = []
    for share in shares:
        t = share * run["limit_s"]
        seen = [e for e in run["trajectory"] if e[0] <= t]
        if seen:
            at, level, objective, bound = seen[-1]
            gap = abs(objective - bound) / max(1.0, abs(objective))
            parts.append(f"{level} {100 * gap:.2f}% at {t:.0f} s")
    return ", ".join(parts) or "no progress event"


def _row(label: str, run: dict, extra: str) -> str:
    cells = " | ".join(level_cell(run["levels"].get(n)) for n in LEVELS)
    proof = f"{run['proof_s']:.2f}" if run["proof_s"] is not None else "–"
    return (f"| {label} | {run['limit_s']:g} | {cells} | {proof} | {run['wall_s']:.2f} | {run['uncovered_fte']} | "
            f"{run['cost']:,} | {'yes' if run['validator_ok'] else 'NO'} | {run['load_before'][0]} | {extra} |")


def render_markdown(records: list[dict], meta: dict) -> str:
    """The results page: verdict per instance, per-level proof times or gaps, and how the run was made."""
    lines = [
        "# Time to proven optimum: Phasegate vs HiGHS", "",
        f"Date: {meta['date']} · duration {meta['duration_s']} s · "
        f"{'complete' if meta['complete'] else '**PARTIAL — run still going or interrupted**'} · "
        f"command: `{meta['command']}`", "",
        f"Machine: {meta['cpu']}, {meta['cores']} cores, {meta['memory']}; Python {meta['python']}, "
        f"OR-Tools {meta['ortools']}, highspy {meta['highspy']}. Repository HEAD {meta['head']}; solver code: "
        f"{meta['solver_source']}.",
        f"Load average (1/5/15 min) at start {meta['load_start']}, at end {meta['load_end']} (2 cores shared with "
        "other engineers' work; column *load* is the 1-min load just before each run).", "",
        f"Method: HiGHS runs once per instance with a {meta['highs_limit_s']:g} s limit — the same model, level by "
        "level, each level fixed only once proven, MIP start from the greedy plan (`benchmarks/highs_solve.py`, as "
        "`bench_solver`). One run only because each can take the whole limit. Its time is its own solving time "
        "(the Python model build, column *build*, is not counted: the stricter reference for Phasegate). "
        f"Phasegate then runs {meta['repeats']} time(s) with default settings except `explain=False`, with a time "
        f"limit of {meta['ratio']:g} × HiGHS's time to proof (or × HiGHS's limit when HiGHS did not prove), "
        "everything included; its median run decides. MET = Phasegate proved every level within that limit.", "",
        "## Verdicts", "",
    ]
    for r in records:
        v = r["verdict"]
        lines.append(f"- **{r['instance']}**: " + (f"**{v['verdict'].upper()}** — {v['detail']}" if v else
                                                   "not finished"))
    lines += ["", "## Runs", "",
              "Per level: *proven t* = seconds that level's proof took, else its status and final gap. "
              "*all proven* = seconds until every level was proven (HiGHS: solving time).", "",
              "| instance · method | limit (s) | coverage | cost level | disruption | all proven (s) | wall (s) | "
              "short (FTE) | cost | valid | load | notes |",
              "|---|---:|---|---|---|---:|---:|---:|---:|---|---:|---|"]
    for r in records:
        h = r["highs"]
        if h is not None:
            reused = f"; reused from the {h['reused_from']}" if h.get("reused_from") else ""
            lines.append(_row(f"{r['instance']} · HiGHS", h,
                              f"build {h['build_s']} s, solve {h['solve_s']} s{reused}"))
        for k, run in enumerate(r["phasegate"], 1):
            lines.append(_row(f"{r['instance']} · Phasegate #{k}", run, ""))
    closing = [f"- {r['instance']} · Phasegate #1: {gap_over_time(r['phasegate'][0])}" for r in records
               if r["phasegate"] and r["phasegate"][0].get("trajectory")]
    if closing:
        lines += ["", "How Phasegate's gap closed (its progress events; the gap of the level being solved):", "",
                  *closing]
    lines += ["", "Instances: `benchmarks/solver_instances.py` (seeded). Reproduce: "
              f"`.venv/bin/{meta['command']}`; a plumbing check: `... --highs-limit 120 --repeats 1 --out /tmp/x`.", ""]
    if meta.get("notes"):
        lines += ["## Notes", "", *[f"- {n}" for n in meta["notes"]], ""]
    return "\n".join(lines)


def _head() -> str:
    root = Path(__file__).resolve().parent.parent
    try:
        return subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%h %ad", "--date=iso"],
                              capture_output=True, text=True, timeout=10, check=False).stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def reused_highs(path: Path, *, highs_limit: float) -> dict[str, dict]:
    """The HiGHS runs of an earlier results file made with the same limit, each marked with where it came from."""
    payload = json.loads(path.read_text(encoding="utf-8"))
    meta = payload["meta"]
    out = {}
    for r in payload["instances"]:
        h = r.get("highs")
        if h is not None and h["limit_s"] == highs_limit:
            h["reused_from"] = f"run of {meta['date']} (solver {meta['solver_source'][:15]}, HEAD {meta['head']})"
            out[r["instance"]] = h
    return out


def render_from_json(path: Path) -> int:
    """Rewrites proof_time.md next to a results JSON from its numbers (no solving)."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        md = render_markdown(payload["instances"], payload["meta"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"error: {path}: not a proof_time results file ({exc})", file=sys.stderr)
        return 2
    path.with_suffix(".md").write_text(md, encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Runs the measurement and writes proof_time.md / proof_time.json after every step."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_proof_time", description=__doc__.splitlines()[0])
    ap.add_argument("--highs-limit", type=float, default=1200.0, help="HiGHS's time limit per instance (s).")
    ap.add_argument("--ratio", type=float, default=0.25, help="Phasegate's limit as a share of HiGHS's time.")
    ap.add_argument("--repeats", type=int, default=3, help="Phasegate runs per instance (median decides).")
    ap.add_argument("--only", nargs="*", default=list(DEFAULT_ONLY), help="Instance names (default: 1000x150).")
    ap.add_argument("--out", type=Path, default=RESULTS, help="Results directory (default benchmarks/results).")
    ap.add_argument("--render", type=Path, default=None, metavar="JSON",
                    help="Only rewrite proof_time.md beside this proof_time.json (e.g. after adding meta.notes).")
    ap.add_argument("--highs-from", type=Path, default=None, metavar="JSON",
                    help="Reuse the HiGHS runs (same --highs-limit) of an earlier proof_time.json instead of re-running.")
    args = ap.parse_args(argv)
    if args.render is not None:
        return render_from_json(args.render)
    known = {s.name for s in SPECS}
    unknown = [n for n in args.only if n not in known]
    if unknown or args.highs_limit <= 0 or not 0 < args.ratio <= 1 or args.repeats < 1:
        print(f"error: bad arguments (unknown instance {', '.join(unknown)})" if unknown else
              "error: --highs-limit must be > 0, --ratio in (0, 1], --repeats >= 1", file=sys.stderr)
        return 2
    started, load_start, source, head = time.time(), _load(), solver_source(), _head()
    command = "python -m benchmarks.bench_proof_time " + " ".join(argv if argv is not None else sys.argv[1:])

    def write(records: list[dict], *, final: bool) -> str:
        meta = machine_info()
        meta.update({
            "command": command.strip(), "complete": final, "solver_source": source, "head": head,
            "date": time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(started)),
            "duration_s": round(time.time() - started, 1), "load_start": load_start, "load_end": _load(),
            "highs_limit_s": args.highs_limit, "ratio": args.ratio, "repeats": args.repeats,
        })
        md = render_markdown(records, meta)
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "proof_time.md").write_text(md, encoding="utf-8")
        payload = {"meta": meta, "instances": records}
        (args.out / "proof_time.json").write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        return md

    reuse = None
    if args.highs_from is not None:
        try:
            reuse = reused_highs(args.highs_from, highs_limit=args.highs_limit)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            print(f"error: {args.highs_from}: no HiGHS runs to reuse ({exc})", file=sys.stderr)
            return 2
    records = bench(args.only, highs_limit=args.highs_limit, ratio=args.ratio, repeats=args.repeats, reuse=reuse,
                    log=lambda s: print(s, flush=True), on_record=lambda done: write(done, final=False))
    print(write(records, final=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
