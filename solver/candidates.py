"""The candidate model: a component restricted to some options, and growing it while the proof is out of reach.

Above FULL_MODEL_OPTIONS CP-SAT searches each demand's cheapest options plus the flow's and the quick plan's. Its
optimum proves nothing for the whole component, so when it is reached before the relaxation's bound and time is
left, the set grows (more options per demand, every option of a demand the plan leaves short) and the search
goes on from the plan found; once it holds every option, the model is the full one and its bound counts again.
"""
from __future__ import annotations

import heapq

from solver.plan import PlanValues, supplied
from solver.prepare import Prepared, restrict

#: Each growth step multiplies the options kept per demand by this.
GROWTH = 4
#: A candidate set holding this share of all options is replaced by the full model (little left to save).
FULL_SHARE = 0.6


def candidate_set(full: Prepared, plan: PlanValues, extra: set[int], *, per_demand: int,
                  every_option_of: set[str] = frozenset()) -> set[int]:
    """Option indexes of `full` kept: the plan's, `extra`, pins and locks, each demand's `per_demand` cheapest,
    and every option of the demands in `every_option_of`."""
    keep = set(plan.alloc) | extra
    locked = {pid for pid, p in full.people.items() if p.locked}
    if full.pinned or locked:
        keep |= {i for i, key in enumerate(full.option_keys()) if key in full.pinned or key[0] in locked}
    costs = full.unit_costs()
    for did, idx in full.by_demand.items():
        if did in every_option_of or len(idx) <= per_demand:
            keep.update(idx)
        else:
            keep.update(heapq.nsmallest(per_demand, idx, key=lambda i: (costs[i], i)))
    return keep


def restricted(full: Prepared, keep: set[int]) -> tuple[Prepared, list[int]]:
    """The candidate model's component and each of its options' index in `full`."""
    return restrict(full, keep)


def to_small(plan: PlanValues, order: list[int]) -> PlanValues:
    """A plan over the full component's options as one over the candidate options (every used option is kept)."""
    back = {i: k for k, i in enumerate(order)}
    return PlanValues(alloc={back[i]: u for i, u in plan.alloc.items()}, hires=plan.hires,
                      contracts=plan.contracts, displaced=plan.displaced)


def to_full(plan: PlanValues, order: list[int]) -> PlanValues:
    """A plan over candidate options as one over the full component's options."""
    return PlanValues(alloc={order[k]: u for k, u in plan.alloc.items()}, hires=plan.hires,
                      contracts=plan.contracts, displaced=plan.displaced)


def short_demands(prep: Prepared, plan: PlanValues) -> set[str]:
    """Demands the plan leaves with uncovered units or without two people when operations-critical."""
    units, heads = supplied(prep, plan)
    return {did for did, d in prep.demands.items()
            if units[did] < d.required_units or (d.ops_critical and heads[did] < 2)}
