"""Ablation of the solver's stages: Phasegate alone on the big seeded instances, official time limits, with one
piece taken out, one JSON line per instance. Run base and variants interleaved in one sequence (the machine's load
drifts), several times each, and compare against the spread of the base runs (docs/solver.md, "Ablation").

    python -m benchmarks.ablate_solver base            # then nolp, norounds, nostart, norepair, base again, ...
    python -m benchmarks.ablate_solver norounds 1000x150-tight >> ablation.jsonl
"""
from __future__ import annotations

import json
import sys
import time

import solver.greedy as greedy
from benchmarks.bench_solver import phasegate_limit
from benchmarks.solver_instances import generate, spec
from solver import stages
from solver.flow import FlowResult
from solver.schema import Config
from solver.solve import solve
from solver.validate import validate

BIG = ["1000x150-loose", "1000x150-tight", "3000x300-loose", "3000x300-tight", "6000x600-loose", "6000x600-tight",
       "portfolio20-loose", "portfolio20-tight"]


def _skip(inc, budget, **_):
    return inc


def take_out(variant: str) -> None:
    """Monkeypatches the stages a variant leaves out: the money LP and its rounds, the rounds alone, the flow's
    rounded start for the greedy, the greedy's two repairs."""
    if variant.startswith("nolp"):
        stages.money_lp = stages.lp_guided_rounds = _skip
    if variant.startswith("norounds"):
        stages.lp_guided_rounds = _skip
    if variant.startswith("nostart"):
        first = stages.first_plan
        stages.first_plan = lambda prep, flow, config, **kw: first(prep, FlowResult(), config, **kw)
    if variant.startswith("norepair"):
        greedy._shift = lambda prep, led, plan, demand, need, forced, rank: need
        greedy._top_up = lambda prep, led, plan, demand, need, forced: need


def main(variant: str, names: list[str]) -> None:
    take_out(variant)
    for name in names or BIG:
        sp = spec(name)
        inst = generate(sp)
        config = Config(time_limit_s=phasegate_limit(sp), explain=False)
        began = time.perf_counter()
        sol = solve(inst, config=config)
        wall = time.perf_counter() - began
        levels = {lv.name: (lv.value, lv.bound, lv.proven) for lv in sol.levels}
        print(json.dumps({
            "variant": variant, "instance": name, "short_fte": round(sum(u.units for u in sol.uncovered) * inst.unit, 2),
            "coverage": levels.get("coverage"), "cost": levels.get("cost"), "wall_s": round(wall, 1),
            "valid": not validate(inst, sol, config=config),
        }), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
