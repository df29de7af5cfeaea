"""Diverse plans at the same coverage, for side-by-side comparison: the level loop with a focus between coverage
and cost (fewest hired and contracted heads, most trainings)."""
from __future__ import annotations

import time
from dataclasses import replace
from typing import Literal

from solver import stages
from solver.assemble import assemble
from solver.incumbent import Budget, Incumbent
from solver.prepare import prepare
from solver.schema import Config, Instance, Solution
from solver.search import Search
from solver.strategy import Strategy, run_levels

Kind = Literal["lowest_cost", "fewest_hires", "most_internal_growth"]

_LABELS = {
    "lowest_cost": "Lowest cost at the best coverage.",
    "fewest_hires": "Fewest hires and contractors at the best coverage, then lowest cost.",
    "most_internal_growth": "Most upskilling of current staff at the best coverage, then lowest cost.",
}


def alternatives(
    instance: Instance,
    *,
    kinds: tuple[Kind, ...] = ("lowest_cost", "fewest_hires", "most_internal_growth"),
    config: Config | None = None,
) -> dict[str, Solution]:
    """One plan per kind, all at the best coverage found: cheapest; fewest hires and contractors; most upskilling.
    The coverage level runs once; each kind then runs its focus (half its time) and cost on a model of its own,
    with the coverage held."""
    config = config or Config()
    per_kind = config.time_limit_s / max(1, len(kinds) + 1)
    started = time.perf_counter()
    search = Search()
    first = Strategy([stages.relaxed_start, stages.greedy_plan], {"coverage": [search]}, hold=True)
    base = run_levels(Incumbent(prep=prepare(instance), config=config), first,
                      Budget(deadline=started + per_kind, started=started))
    if base.conflicts is not None or "coverage" not in base.runs:
        status = "infeasible" if base.conflicts is not None else "no_plan"
        return {k: Solution(status=status) for k in kinds}
    out: dict[str, Solution] = {}
    for kind in kinds:
        began = time.perf_counter()
        focus = () if kind == "lowest_cost" else (kind,)
        search = Search(shares=dict.fromkeys(focus, 0.5))
        levels = {level: [search] for level in (*focus, "cost")}
        inc = run_levels(replace(base, runs=dict(base.runs), bounds=dict(base.bounds)),
                         Strategy([], levels, hold=True),
                         Budget(deadline=began + per_kind, started=began))
        sol = assemble(instance, [inc], config)
        sol.message = _LABELS[kind]
        sol.elapsed_s = round(time.perf_counter() - began, 3)
        out[kind] = sol
    return out
