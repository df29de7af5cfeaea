"""Which options a smaller model keeps: the candidate model CP-SAT searches on large pools, and the neighbourhoods
the LP-guided rounds and the cost level search.

A candidate model holds each demand's cheapest options plus the flow's and the incumbent's. Its optimum proves
nothing for the whole component, so when it is reached before the relaxation's bound and time is left, the set
grows (more options per demand, every option of a demand the plan leaves short) and the search goes on from the
plan found; once it holds every option, the model is the full one and its bound counts again.
"""
from __future__ import annotations

import heapq

from solver.prepare import Prepared
from solver.schema import BUS_FACTOR
from solver.staffing import Staffing, supplied

#: Each demand's cheapest options in a first candidate model.
CANDIDATES_PER_DEMAND = 12
#: Each growth step multiplies the options kept per demand by this.
GROWTH = 4
#: A candidate set holding this share of all options is replaced by the full model (little left to save).
FULL_SHARE = 0.6


def candidate_set(full: Prepared, plan: Staffing, extra: set[int], *, per_demand: int,
                  every_option_of: set[str] = frozenset()) -> set[int]:
    """Option indexes of `full` kept: the plan's, `extra`, pins and locked people's, each demand's `per_demand`
    cheapest, and every option of the demands in `every_option_of`."""
    keep = set(plan.alloc) | extra
    locked = {pid for pid, p in full.people.items() if p.locked}
    if full.pinned or locked:
        keep |= {i for i, key in enumerate(full.option_keys()) if key in full.pinned or key[0] in locked}
    for did, idx in full.by_demand.items():
        keep.update(idx if did in every_option_of else cheapest(full, idx, per_demand))
    return keep


def cheapest(prep: Prepared, options: list[int], count: int) -> list[int]:
    """The `count` cheapest of some option indexes (trainings spread over the units they unlock), index on ties."""
    if len(options) <= count:
        return options
    costs = prep.unit_costs()
    return heapq.nsmallest(count, options, key=lambda i: (costs[i], i))


def short_demands(prep: Prepared, plan: Staffing) -> set[str]:
    """Demands the plan leaves with uncovered units or without two people when operations-critical."""
    units, heads = supplied(prep, plan)
    return {did for did, d in prep.demands.items()
            if units[did] < d.required_units or (d.ops_critical and heads[did] < BUS_FACTOR)}
