"""The polish: large neighbourhood search that re-staffs a few demands at a time, everything else kept as it is.

Re-staffing a handful of demands that compete for the same people, with every other decision fixed, is a model
CP-SAT presolves to a few hundred variables and often proves in a fraction of a second; each improvement is kept
and the groups are tried again from it. Deterministic: groups come in a fixed order, each small model gets a fixed
amount of CP-SAT work.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from solver.neighbourhood import Found, cheapest, improve
from solver.objective import open_weight
from solver.prepare import Prepared
from solver.schema import Config
from solver.staffing import Staffing, supplied

#: At most this many demands are re-staffed together (bigger groups are cut in pieces of this size).
GROUP_DEMANDS = 12
#: Each free demand opens its this many cheapest options (beside the plan's).
PER_DEMAND = 30
#: A chain follows each demand's this many cheapest candidates to the demands they work on today (one: short
#: chains, fast steps, many of them).
CHAIN_CANDIDATES = 1


@dataclass
class Polished:
    """What the search did: the plan, its cost, how many small models ran and how many improved the plan."""

    plan: Staffing
    value: int
    steps: int = 0
    improved: int = 0


def groups(prep: Prepared, plan: Staffing, level: str = "cost") -> list[list[str]]:
    """The neighbourhoods, in a fixed order, the ones with the most to gain first (cost: what the plan spends above
    the cheapest conceivable staffing; coverage: the weighted units it leaves open): for each demand, a chain (the
    demand, the demands its cheapest candidate works on today, and theirs: who could move where, and who
    backfills); each role across initiatives (they compete for the same people); each initiative's demands (they
    share a budget). Each holds at most GROUP_DEMANDS demands."""
    limit = GROUP_DEMANDS
    excess = (_excess(prep, plan) if level == "cost"  # coverage: weighted open units and missing people
              else open_weight(prep.demands.values(), *supplied(prep, plan), bus_penalty=1))
    keys = prep.keys
    on: dict[str, list[str]] = {}
    for i in plan.alloc:
        person, did = keys[i]
        on.setdefault(person, []).append(did)
    out: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()

    def add(members: list[str]) -> None:
        key = tuple(sorted(members))
        if key not in seen and sum(excess[did] for did in members) > 0:
            seen.add(key)
            out.append(sorted(members))

    for did in sorted(prep.demands, key=lambda d: (-excess[d], d)):
        if excess[did] <= 0:
            break
        chain, queue = [did], [did]
        while queue and len(chain) < limit:
            here = queue.pop(0)
            for i in cheapest(prep, prep.by_demand[here], CHAIN_CANDIDATES):
                for there in on.get(keys[i][0], ()):
                    if there not in chain and len(chain) < limit:
                        chain.append(there)
                        queue.append(there)
        add(chain)
    by_role: dict[str, list[str]] = {}
    by_initiative: dict[str, list[str]] = {}
    for did in sorted(prep.demands):
        d = prep.demands[did]
        by_role.setdefault(d.role, []).append(did)
        by_initiative.setdefault(d.initiative, []).append(did)
    for family in (by_role, by_initiative):
        for key in sorted(family):
            members = sorted(family[key], key=lambda did: (-excess[did], did))
            for k in range(0, len(members), limit):
                add(members[k:k + limit])
    return sorted(out, key=lambda g: (-sum(excess[did] for did in g), g))


def _excess(prep: Prepared, plan: Staffing) -> dict[str, int]:
    """Per demand: what the plan spends on it above its units at the cheapest unit cost any source offers."""
    costs = prep.unit_costs
    keys = prep.keys
    units, _ = supplied(prep, plan)
    spent = {did: 0 for did in prep.demands}
    for i, u in plan.alloc.items():
        spent[keys[i][1]] += costs[i] * u
    for kind, src in (("hire", plan.hires), ("contract", plan.contracts)):
        for did, (u, _) in src.items():
            spent[did] += getattr(prep.demands[did], kind).cost_per_unit * u
    out = {}
    for did, d in prep.demands.items():
        rates = [costs[i] for i in prep.by_demand[did]] + [r.cost_per_unit for r in (d.hire, d.contract) if r]
        out[did] = max(0, spent[did] - units[did] * min(rates, default=0))
    return out


#: CP-SAT on a small model: presolve removes the fixed part, and must keep every feasible solution, else its dual
#: reductions can cut the plan the search starts from.
SMALL_MODEL = {"cp_model_presolve": True, "cp_model_probing_level": 1, "keep_all_feasible_solutions_in_presolve": True}
#: CP-SAT's deterministic time per small model, doubled after a pass without gain, up to MAX_WORK; no step starts
#: with less than STEP_MIN_S seconds left.
STEP_WORK, MAX_WORK = 0.1, 1.6
STEP_MIN_S = 0.15


def polish(
    prep: Prepared, plan: Staffing, value: int, *, config: Config, coverage_at_most: int | None, until: float,
    floor: int = 0, on_better: Callable[[Staffing, int], None] | None = None, cancel=None,
) -> Polished:
    """Lower the plan's cost at coverage ≤ `coverage_at_most` (its coverage level when that is None) by re-staffing
    groups of demands, until `until`, until every group is proven optimal around the plan, or until `floor`; each
    step's CP-SAT work is fixed, doubled after a pass that brought nothing."""
    out = Polished(plan=plan, value=value)
    effort = STEP_WORK
    setup = 0.0  # the longest Python build of a small model so far: a step needs at least twice that
    settled: set[tuple[str, ...]] = set()  # groups proven optimal around the current plan: nothing to gain there
    while out.value > floor:
        better = open_groups = False
        step_config = config.model_copy(update={"cp_sat_parameters": {
            **SMALL_MODEL, "max_deterministic_time": effort, **config.cp_sat_parameters}})
        for group in groups(prep, out.plan, "cost" if coverage_at_most is not None else "coverage"):
            left = until - time.perf_counter()
            if left < max(STEP_MIN_S, 2 * setup) or (cancel is not None and cancel.is_set()) or out.value <= floor:
                return out
            key = tuple(group)
            if key in settled:
                continue
            found = _restaff(prep, out.plan, set(group), config=step_config, coverage_at_most=coverage_at_most,
                             until=until)
            setup = max(setup, found.build_s)
            out.steps += 1
            if found.plan is not None and found.value < out.value:
                changed = _changed(prep, out.plan, found.plan)
                out.plan, out.value = found.plan, found.value
                out.improved += 1
                better = True
                # a group stays settled only if nothing it could use changed (people, initiatives' budgets)
                settled = {g for g in settled if not _touches(prep, g, changed)}
                if on_better is not None:
                    on_better(out.plan, out.value)
            if found.plan is not None and found.proven:
                settled.add(key)
            else:
                open_groups = True
        if not better:
            if not open_groups or effort >= MAX_WORK:
                return out
            effort *= 2
    return out


def _changed(prep: Prepared, before: Staffing, after: Staffing) -> tuple[set[str], set[str]]:
    """The people and initiatives whose staffing differs between two plans."""
    keys = prep.keys
    people: set[str] = set()
    initiatives: set[str] = set()
    for i in set(before.alloc) | set(after.alloc):
        if before.alloc.get(i) != after.alloc.get(i):
            people.add(keys[i][0])
            initiatives.add(prep.demands[keys[i][1]].initiative)
    for a, b in ((before.hires, after.hires), (before.contracts, after.contracts)):
        for did in set(a) | set(b):
            if a.get(did) != b.get(did):
                initiatives.add(prep.demands[did].initiative)
    return people, initiatives


def _touches(prep: Prepared, group: tuple[str, ...], changed: tuple[set[str], set[str]]) -> bool:
    people, initiatives = changed
    keys = prep.keys
    return any(prep.demands[did].initiative in initiatives or any(keys[i][0] in people for i in prep.by_demand[did])
               for did in group)


def _restaff(
    prep: Prepared, plan: Staffing, free: set[str], *, config: Config, coverage_at_most: int | None, until: float,
) -> Found:
    """The best plan CP-SAT finds by `until` that changes only the demands in `free`, their cheapest options open."""
    keep = set(plan.alloc)
    for did in free:
        keep.update(cheapest(prep, prep.by_demand[did], PER_DEMAND))
    return improve(prep, plan, keep, config=config, until=until, coverage_at_most=coverage_at_most, free=free)
