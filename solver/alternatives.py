"""Diverse plans at the same (proven) coverage, for side-by-side comparison."""
from __future__ import annotations

import time
from typing import Literal

from solver.flow import flow_start
from solver.model import build, cost_terms, coverage_terms, expression
from solver.plan import hint_values, read_values
from solver.prepare import prepare
from solver.quick import best_quick_plan
from solver.schema import Config, Instance, Solution
from solver.search import run_level
from solver.solve import PartResult, _merge

Kind = Literal["lowest_cost", "fewest_hires", "most_internal_growth"]


def alternatives(
    instance: Instance,
    *,
    kinds: tuple[Kind, ...] = ("lowest_cost", "fewest_hires", "most_internal_growth"),
    config: Config | None = None,
) -> dict[str, Solution]:
    """One plan per kind, all at the best coverage: cheapest; fewest hires and contractors; most upskilling."""
    config = config or Config()
    per_kind = config.time_limit_s / max(1, len(kinds) + 1)
    prep = prepare(instance)
    m = build(prep)
    hint, _, _ = best_quick_plan(prep, flow_start(prep), config)
    hint_values(m, hint)
    coverage = coverage_terms(m, config.bus_factor_penalty)
    m.cp.minimize(expression(coverage))
    first = run_level(m.cp, level="coverage", config=config, time_limit=per_kind)
    out: dict[str, Solution] = {}
    if first.values is None:
        return {k: Solution(status="infeasible" if first.status == "infeasible" else "no_plan") for k in kinds}
    base = read_values(m, first.values)
    if first.proven:
        m.cp.add(expression(coverage) <= first.value)
    for kind in kinds:
        started = time.perf_counter()
        km = build(prep)
        km.cp.add(expression(coverage_terms(km, config.bus_factor_penalty)) <= first.value)
        hint_values(km, base)
        runs = {"coverage": first}
        focus = _focus(km, kind)
        plan = base
        focus_proven = True
        if focus:
            km.cp.minimize(expression(focus))
            run = run_level(km.cp, level="cost", config=config, time_limit=per_kind / 2)
            focus_proven = run.proven
            if run.values is not None:
                plan = read_values(km, run.values)
                if run.proven:
                    km.cp.add(expression(focus) <= run.value)
                    hint_values(km, plan)
        km.cp.minimize(expression(cost_terms(km)))
        run = run_level(km.cp, level="cost", config=config, time_limit=per_kind / (2 if focus else 1))
        if run.values is not None:
            plan = read_values(km, run.values)
            if focus_proven and first.proven:
                runs["cost"] = run  # otherwise the cost level is reported as not proven
        sol = _merge(instance, [PartResult(prep=prep, plan=plan, runs=runs)], config)
        sol.message = _LABELS[kind]
        sol.elapsed_s = round(time.perf_counter() - started, 3)
        out[kind] = sol
    return out


_LABELS = {
    "lowest_cost": "Lowest cost at the best coverage.",
    "fewest_hires": "Fewest hires and contractors at the best coverage, then lowest cost.",
    "most_internal_growth": "Most upskilling of current staff at the best coverage, then lowest cost.",
}


def _focus(m, kind: Kind):
    if kind == "fewest_hires":
        return [(1, h) for h in [*m.hire_heads.values(), *m.contract_heads.values()]]
    if kind == "most_internal_growth":
        return [(-1, t) for t in m.train.values()]
    return []
