"""LP-guided neighbourhood search: CP-SAT on a small model around the LP's staffing and the kept plan.

On tight budgets coverage is a knapsack over money: the greedy spends the budget in a fixed order and CP-SAT's
single worker rarely improves on it in the full model (1000x150-tight: 11,290 after 28 s). The money-aware LP
knows which few options a budget-wise plan uses (168 of 9,556 there); a model holding only those, the kept
plan's and each demand's cheapest options solves in a fraction of the time and seeds the full search.
"""
from __future__ import annotations

import heapq
import time

from solver.model import build, cost_terms, coverage_terms, expression
from solver.plan import PlanValues, hint_values, read_values
from solver.prepare import Prepared, restrict
from solver.schema import Config
from solver.search import run_level

#: Each demand's cheapest options kept beside the LP's support and the kept plan's (1000x150-tight, 6 s: 0 -> 10,722,
#: 2 -> 10,935; portfolio20-tight: 0 -> 22,458, 1 or 2 -> no gain over the greedy's 24,800).
CHEAPEST = 0


def neighbourhood(prep: Prepared, plan: PlanValues, extra: set[int], *, cheapest: int = CHEAPEST) -> set[int]:
    """Option indexes of a neighbourhood: the plan's, `extra` (the LP's support, the flow's) and the cheapest."""
    keep = set(plan.alloc) | extra
    costs = prep.unit_costs()
    for idx in prep.by_demand.values():
        keep.update(heapq.nsmallest(cheapest, idx, key=lambda i: (costs[i], i)))
    locked = {pid for pid, p in prep.people.items() if p.locked}
    if prep.pinned or locked:
        keep |= {i for i, key in enumerate(prep.option_keys()) if key in prep.pinned or key[0] in locked}
    return keep


def improve(
    prep: Prepared, plan: PlanValues, keep: set[int], *, level: str, config: Config, time_limit: float,
    coverage_at_most: int | None = None,
) -> tuple[PlanValues, int, bool] | None:
    """The best plan CP-SAT finds in `time_limit` on the options `keep` (starting from `plan`), with its value on
    `level` (coverage, or cost at coverage ≤ `coverage_at_most`) and whether it is optimal within the
    neighbourhood; None when it found nothing."""
    if time_limit <= 0.05 or len(keep) >= len(prep.options):
        return None  # no time, or the neighbourhood is the whole model (the full search does better)
    small, order = restrict(prep, keep | set(plan.alloc))
    back = {i: k for k, i in enumerate(order)}
    sm = build(small)
    hint_values(sm, PlanValues(alloc={back[i]: u for i, u in plan.alloc.items()}, hires=plan.hires,
                               contracts=plan.contracts, displaced=plan.displaced))
    coverage = expression(coverage_terms(sm, config.bus_factor_penalty))
    if level == "coverage":
        sm.cp.minimize(coverage)
    else:
        sm.cp.add(coverage <= coverage_at_most)
        sm.cp.minimize(expression(cost_terms(sm)))
    run = run_level(sm.cp, level="cost" if level == "cost" else "coverage", config=config, time_limit=time_limit)
    if run.values is None:
        return None
    found = read_values(sm, run.values)
    found.alloc = {order[k]: u for k, u in found.alloc.items()}
    return found, run.value, run.proven


def coverage_rounds(
    prep: Prepared, plan: PlanValues, value: int, support: set[int], *, config: Config, until: float, floor: int,
    near: set[int] = frozenset(),
) -> tuple[PlanValues, int]:
    """Better coverage by rounds of `improve` around the LP's support: each round restarts CP-SAT from the plan
    the last one found (1000x150-tight, 4 s rounds: 11,290 -> 10,901 -> 10,698, where one 8 s round stops at
    ~10,800); when a round brings nothing, the neighbourhood widens once to every option of the demands still
    short and each demand's cheapest, then the rounds stop and the full search takes over."""
    from solver.candidates import short_demands

    wide = improved = False
    while value > floor and until - time.perf_counter() > MIN_ROUND_S:
        keep = neighbourhood(prep, plan, support, cheapest=WIDE_CHEAPEST if wide else CHEAPEST)
        short = short_demands(prep, plan)
        keep |= {i for i in near if prep.options[i].demand in short}
        if wide:
            keep |= {i for did in short for i in prep.by_demand[did]}
        left = until - time.perf_counter()
        found = improve(prep, plan, keep, level="coverage", config=config,
                        time_limit=min(left, max(MIN_ROUND_S, left / ROUNDS)))
        if found is not None and found[1] < value:
            plan, value, improved = found[0], found[1], True
        elif wide or not improved:
            break
        else:
            wide = True
    return plan, value


#: Coverage rounds: about this many share the time given, none shorter than MIN_ROUND_S; the widened
#: neighbourhood keeps each demand's WIDE_CHEAPEST cheapest options.
ROUNDS = 2
MIN_ROUND_S = 1.0
WIDE_CHEAPEST = 2


def deadline_share(deadline: float, share: float) -> float:
    """Seconds for a phase that may take `share` of the time left before `deadline`."""
    return max(0.0, (deadline - time.perf_counter()) * share)
