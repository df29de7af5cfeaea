"""CP-SAT on a neighbourhood of a plan (the options a small model keeps, started from the plan), and the LP-guided
coverage rounds: where budgets bind, a model holding only the money LP's, the plan's and the flow's options finds the
coverage the greedy's order misses."""
from __future__ import annotations

import heapq
import time
from dataclasses import dataclass

from solver.build import build
from solver.cpsat import run_level
from solver.model import cost_terms, coverage_terms, expression, fix_outside, hint_plan, read_plan
from solver.objective import open_weight
from solver.prepare import Prepared, restrict
from solver.schema import Config
from solver.staffing import Staffing, supplied, to_full, to_small

#: A neighbourhood search given less time than this is not started.
MIN_SEARCH_S = 0.05


def candidate_set(full: Prepared, plan: Staffing, extra: set[int], *, per_demand: int,
                  every_option_of: set[str] = frozenset()) -> set[int]:
    """Option indexes of `full` kept: the plan's, `extra`, pins and locked people's, each demand's `per_demand`
    cheapest, and every option of the demands in `every_option_of`."""
    keep = set(plan.alloc) | extra
    locked = {pid for pid, p in full.people.items() if p.locked}
    if full.pinned or locked:
        keep |= {i for i, key in enumerate(full.keys) if key in full.pinned or key[0] in locked}
    for did, idx in full.by_demand.items():
        keep.update(idx if did in every_option_of else cheapest(full, idx, per_demand))
    return keep


def cheapest(prep: Prepared, options: list[int], count: int) -> list[int]:
    """The `count` cheapest of some option indexes (trainings spread over the units they unlock), index on ties."""
    if len(options) <= count:
        return options
    costs = prep.unit_costs
    return heapq.nsmallest(count, options, key=lambda i: (costs[i], i))


def short_demands(prep: Prepared, plan: Staffing) -> set[str]:
    """Demands the plan leaves with uncovered units or without two people when operations-critical."""
    return {did for did, w in open_weight(prep.demands.values(), *supplied(prep, plan), bus_penalty=1).items() if w}


@dataclass
class Found:
    """What a neighbourhood search found: a plan over every option (None when none), its value, whether it is
    optimal within the neighbourhood, and the seconds the small model took to build."""

    plan: Staffing | None
    value: int = 0
    proven: bool = False
    build_s: float = 0.0


def improve(
    prep: Prepared, plan: Staffing, keep: set[int], *, config: Config, until: float,
    coverage_at_most: int | None = None, free: set[str] | None = None,
) -> Found:
    """The best plan CP-SAT finds by `until` on the options `keep` and the plan's, started from `plan`: the best
    covering one, or with `coverage_at_most` the cheapest at that coverage. With `free`, only those demands may
    change: every other allocation, hire and contract stays as in `plan`."""
    began = time.perf_counter()
    if free is None and (until - began <= MIN_SEARCH_S or len(keep) >= len(prep.options)):
        return Found(None)  # no time, or the neighbourhood is the whole model (the full search does better)
    small, order = restrict(prep, keep | set(plan.alloc))
    sm = build(small)
    start = to_small(plan, order)
    hint_plan(sm, start)
    if free is not None:
        fix_outside(sm, start, free)
    coverage = expression(coverage_terms(sm, config.bus_factor_penalty))
    if coverage_at_most is None:
        sm.cp.minimize(coverage)
    else:
        sm.cp.add(coverage <= coverage_at_most)
        sm.cp.minimize(expression(cost_terms(sm)))
    built = time.perf_counter() - began
    run, values = run_level(sm.cp, level="coverage" if coverage_at_most is None else "cost", config=config,
                            time_limit=until - time.perf_counter())
    if values is None:
        return Found(None, build_s=built)
    return Found(to_full(read_plan(sm, values), order), run.value, run.proven, built)


#: Coverage rounds: about this many share the time given, none shorter than MIN_ROUND_S; the first neighbourhoods
#: keep no cheapest options beyond the LP's, the plan's and the flow's, the widened one each demand's WIDE_CHEAPEST.
ROUNDS = 2
MIN_ROUND_S = 1.0
WIDE_CHEAPEST = 2


def coverage_rounds(
    prep: Prepared, plan: Staffing, value: int, support: set[int], *, config: Config, until: float, floor: int,
    near: set[int] = frozenset(),
) -> tuple[Staffing, int]:
    """Better coverage by rounds of `improve` around the LP's support: each round restarts CP-SAT from the plan the
    last one found; when a round brings nothing, the neighbourhood widens once to every option of the demands still
    short (and the options `near` the LP's choice) and each demand's cheapest, then the rounds stop."""
    wide = improved = False
    while value > floor and until - time.perf_counter() > MIN_ROUND_S:
        short = short_demands(prep, plan)
        keep = candidate_set(prep, plan, support, per_demand=WIDE_CHEAPEST if wide else 0,
                             every_option_of=short if wide else frozenset())
        keep |= {i for i in near if prep.options[i].demand in short}
        left = until - time.perf_counter()
        found = improve(prep, plan, keep, config=config,
                        until=time.perf_counter() + min(left, max(MIN_ROUND_S, left / ROUNDS)))
        if found.plan is not None and found.value < value:
            plan, value, improved = found.plan, found.value, True
        elif wide or not improved:
            break
        else:
            wide = True
    return plan, value
