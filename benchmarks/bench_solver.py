"""Greedy vs HiGHS vs Phasegate's CP-SAT solver on every benchmark instance, side by side, median of repeats.

    python -m benchmarks.bench_solver [--quick] [--repeats 5] [--big-repeats 2] [--only NAME ...]

Writes benchmarks/results/solver.md and solver.json (a --quick run writes nothing unless --out is given).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.greedy import solve_greedy
from benchmarks.highs_solve import solve_highs
from benchmarks.solver_instances import SPECS, Spec, generate
from benchmarks.solver_report import machine_info, render_markdown, solver_source, targets
from solver.schema import Config, Instance, ProgressEvent, Solution
from solver.validate import validate

RESULTS = Path(__file__).parent / "results"
HIGHS_LIMIT_S = 30.0
QUICK = ("200x40-loose", "200x40-tight")
METHODS = ("greedy", "highs", "phasegate")


def phasegate_limit(spec: Spec) -> float:
    """Phasegate's time limit: 10 s on the largest size and the portfolio, 30 s elsewhere."""
    return 10.0 if spec.portfolio or spec.people >= 6000 else 30.0


def is_big(spec: Spec) -> bool:
    """Instances that take long enough per run to get fewer repeats."""
    return spec.portfolio or spec.people >= 3000


def _solver_entry() -> Callable[..., Solution]:
    import solver

    fn = getattr(solver, "solve", None)
    if callable(fn):
        return fn
    from solver.solve import solve

    return solve


def run_once(method: str, inst: Instance, spec: Spec) -> dict:
    """One run of one method: quality, timings per level, validator verdict."""
    config = Config(time_limit_s=phasegate_limit(spec), explain=False)
    solve = _solver_entry()  # imported before the clock starts: CP-SAT's first import (it loads pandas) is no solve time
    started = time.perf_counter()
    first: list[float] = []
    if method == "greedy":
        sol = solve_greedy(inst, config=config)
        first.append(time.perf_counter() - started)
    elif method == "highs":
        sol = solve_highs(inst, config=config, time_limit_s=HIGHS_LIMIT_S)
        if "first_plan_s" in sol.stats:
            first.append(sol.stats["first_plan_s"])
    else:

        def progress(event: ProgressEvent) -> None:
            if not first:
                first.append(time.perf_counter() - started)

        sol = solve(inst, config=config, progress=progress)
    wall = time.perf_counter() - started
    violations = validate(inst, sol, config=config) if sol.status in ("optimal", "feasible") else None
    has_plan = sol.status in ("optimal", "feasible")
    uncovered_units = sum(u.units for u in sol.uncovered) if has_plan else None
    levels = {
        lv.name: {
            "value": lv.value, "bound": lv.bound, "gap": lv.gap, "proven": lv.proven, "status": lv.status,
            "time_to_proof_s": lv.time_to_proof_s, "wall_s": lv.wall_s,
        }
        for lv in sol.levels
    }
    return {
        "status": sol.status,
        "message": sol.message,
        "has_plan": has_plan,
        "uncovered_units": uncovered_units,
        "uncovered_fte": round(uncovered_units * inst.unit, 2) if has_plan else None,
        "cost": sol.total_cost if has_plan else None,
        "levels": levels,
        "first_plan_s": round(first[0], 4) if first else None,
        "build_s": sol.stats.get("setup_s") if method == "highs" else None,
        "proven_all_s": round(wall, 4) if sol.status == "optimal" else None,
        "wall_s": round(wall, 4),
        "validator_ok": violations is not None and not violations,
        "violations": [f"{v.rule} {v.case} {v.subject} {v.numbers}" for v in (violations or [])][:5],
    }


def _median(values: list) -> float | None:
    present = [v for v in values if v is not None]
    return round(statistics.median(present), 4) if present else None


def summarise(runs: list[dict]) -> dict:
    """The median of the timings over repeats; quality from the median-time run (the methods are seeded)."""
    by_wall = sorted(runs, key=lambda r: r["wall_s"])
    mid = by_wall[(len(by_wall) - 1) // 2]
    out = {k: mid[k] for k in ("status", "message", "has_plan", "uncovered_units", "uncovered_fte", "cost", "levels",
                               "violations")}
    out["validator_ok"] = all(r["validator_ok"] for r in runs)
    out["repeats"] = len(runs)
    for key in ("first_plan_s", "build_s", "proven_all_s", "wall_s"):
        out[key] = _median([r[key] for r in runs])
    for name, lv in out["levels"].items():
        lv["time_to_proof_s"] = _median([r["levels"].get(name, {}).get("time_to_proof_s") for r in runs])
    out["proofs"] = f"{sum(r['proven_all_s'] is not None for r in runs)}/{len(runs)}"
    return out


def bench(
    specs: list[Spec], *, repeats: int, big_repeats: int, log=print, on_record: Callable[[list[dict]], None] | None = None
) -> list[dict]:
    """Every method on every spec, `repeats` times (`big_repeats` on the big ones); one record per spec."""
    records: list[dict] = []
    for spec in specs:
        started = time.perf_counter()
        inst = generate(spec)
        gen_s = time.perf_counter() - started
        n = min(repeats, big_repeats) if is_big(spec) else repeats
        record = {
            "instance": spec.name, "people": spec.people, "demands": spec.demands,
            "initiatives": spec.initiatives, "portfolio": spec.portfolio, "budget": spec.budget,
            "seed": spec.seed, "options": len(inst.options), "repeats": n, "generate_s": round(gen_s, 2),
            "phasegate_limit_s": phasegate_limit(spec), "highs_limit_s": HIGHS_LIMIT_S, "methods": {},
        }
        for method in METHODS:
            runs = [run_once(method, inst, spec) for _ in range(n)]
            record["methods"][method] = summarise(runs)
            s = record["methods"][method]
            log(f"{spec.name:22} {method:9} short {s['uncovered_fte']} FTE  cost {s['cost']}  "
                f"first {s['first_plan_s']}s  proven {s['proven_all_s']}s  valid {s['validator_ok']}  "
                f"(x{n})")
        records.append(record)
        if on_record is not None:
            on_record(records)
    return records


def render_from_json(path: Path) -> int:
    """Rewrites solver.md next to a results JSON from its numbers (no solving)."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        records, meta = payload["instances"], payload["meta"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"error: {path}: not a solver results file ({exc})", file=sys.stderr)
        return 2
    verdicts = targets(records)
    payload["targets"] = verdicts
    path.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    path.with_suffix(".md").write_text(render_markdown(records, meta, verdicts), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Runs the benchmark and writes the results files."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_solver", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="Small sizes only, 1 repeat, no results files.")
    ap.add_argument("--repeats", type=int, default=5, help="Runs per method and instance (median reported).")
    ap.add_argument("--big-repeats", type=int, default=2,
                    help="Cap on repeats for 3,000+ people and the portfolio (each run may take 30 s).")
    ap.add_argument("--only", nargs="*", default=None, help="Instance names to run (default: all).")
    ap.add_argument("--out", type=Path, default=None, help="Results directory (default benchmarks/results).")
    ap.add_argument("--render", type=Path, default=None, metavar="JSON",
                    help="Only rewrite solver.md beside this solver.json (e.g. after adding meta.notes); no run.")
    args = ap.parse_args(argv)
    if args.render is not None:
        return render_from_json(args.render)
    names = set(args.only) if args.only else (set(QUICK) if args.quick else None)
    specs = [s for s in SPECS if names is None or s.name in names]
    if not specs:
        print(f"error: no instance named {', '.join(sorted(names or []))}", file=sys.stderr)
        return 2
    repeats = 1 if args.quick else max(1, args.repeats)
    load_start = os.getloadavg()
    source = solver_source()
    started = time.time()
    out = args.out if args.out is not None else (None if args.quick else RESULTS)
    command = "python -m benchmarks.bench_solver " + " ".join(argv if argv is not None else sys.argv[1:])

    def report(records: list[dict], *, final: bool) -> str:
        meta = machine_info()
        meta.update({
            "command": command.strip(), "complete": final, "solver_source": source,
            "date": time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(started)),
            "duration_s": round(time.time() - started, 1),
            "load_start": [round(v, 2) for v in load_start],
            "load_end": [round(v, 2) for v in os.getloadavg()],
            "repeats": repeats, "big_repeats": min(repeats, max(1, args.big_repeats)),
        })
        verdicts = targets(records)
        md = render_markdown(records, meta, verdicts)
        if out is not None:
            # Written after every instance, so an interrupted run still leaves its numbers (marked partial).
            out.mkdir(parents=True, exist_ok=True)
            (out / "solver.md").write_text(md, encoding="utf-8")
            payload = {"meta": meta, "targets": verdicts, "instances": records}
            (out / "solver.json").write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        return md

    records = bench(specs, repeats=repeats, big_repeats=max(1, args.big_repeats),
                    on_record=lambda done: report(done, final=False))
    print(report(records, final=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
