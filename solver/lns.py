"""Large neighbourhood search: a few demands re-staffed at a time, everything else kept as it is.

At the proven coverage the cost level is a MIP with fixed charges (trainings paid once, heads, no slivers) that
CP-SAT's one deterministic worker rarely improves on the whole model (portfolio20-loose: the greedy's plan stood
after 4 s). Re-staffing a handful of demands that compete for the same people — a chain of who could move where,
one role across initiatives, one initiative's roles — with every other decision fixed is a model CP-SAT presolves
down to a few hundred variables and often solves to optimality in a fraction of a second. Each improvement is
kept, and the groups are tried again from the new plan until each is proven optimal around it or the time is up.
The same search lowers the coverage level's weighted shortfall when budgets keep it above its bound.
Deterministic: the groups come in a fixed order and each small model gets a fixed amount of CP-SAT work.
"""
from __future__ import annotations

import heapq
import time
from collections.abc import Callable
from dataclasses import dataclass

from solver.model import Model, build, cost_terms, coverage_terms, expression
from solver.plan import PlanValues, hint_values, read_values, supplied
from solver.prepare import Prepared, restrict
from solver.schema import Config
from solver.search import run_level

#: At most this many demands are re-staffed together (groups above it are cut in pieces of this size; 8 or 20
#: instead of 12 did worse on portfolio20-loose, docs/solver.md).
GROUP_DEMANDS = 12
#: Each free demand opens its this many cheapest options (beside the plan's).
PER_DEMAND = 30
#: CP-SAT on a small model: presolve removes the fixed part (~3,700 variables down to ~900 on portfolio20); it
#: must keep every feasible solution, else its dual reductions can cut the plan it starts from and the search
#: restarts from a worse one (seen: 12,328,224 -> 12,374,490 in one step).
SMALL_MODEL = {"cp_model_presolve": True, "cp_model_probing_level": 1, "keep_all_feasible_solutions_in_presolve": True}
#: A chain follows each demand's this many cheapest candidates to the demands they work on today. One makes short
#: chains (2-3 demands: fast steps, many of them): portfolio20-loose at 10 s 12.21 M with 6, 12.10 M with 2,
#: 12.07 M with 1; 1000x150-loose at 30 s 6,202,162 with 6, 6,200,660 with 1; 3000x300-loose 11.71 M -> 11.66 M.
CHAIN_CANDIDATES = 1
#: CP-SAT's deterministic time per small model (0.1 ~ 0.3 s here; on portfolio20-loose it finds most of what a
#: 1.4 s proof of the same neighbourhood does), doubled after a pass without gain, up to MAX_WORK; no step starts
#: with less than STEP_MIN_S seconds left.
STEP_WORK, MAX_WORK = 0.1, 1.6
STEP_MIN_S = 0.15


@dataclass
class Polished:
    """What the search did: the plan, its cost, how many small models ran and how many improved the plan."""

    plan: PlanValues
    value: int
    steps: int = 0
    improved: int = 0
    first_s: float | None = None  # seconds from the start to the first better plan


def groups(prep: Prepared, plan: PlanValues, level: str = "cost") -> list[list[str]]:
    """The neighbourhoods, in a fixed order, the ones with the most to gain first (cost: what the plan spends above
    the cheapest conceivable staffing; coverage: the weighted units it leaves open): for each demand, a chain (the
    demand, the demands its cheapest candidate works on today, and theirs: who could move where, and who
    backfills); each role across initiatives (they compete for the same people); each initiative's demands (they
    share a budget). Each holds at most GROUP_DEMANDS demands."""
    limit = GROUP_DEMANDS
    excess = _excess(prep, plan) if level == "cost" else _short(prep, plan)
    costs = prep.unit_costs()
    keys = prep.option_keys()
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
            for i in sorted(prep.by_demand[here], key=lambda i: (costs[i], i))[:CHAIN_CANDIDATES]:
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


def _short(prep: Prepared, plan: PlanValues) -> dict[str, int]:
    """Per demand: the weighted units the plan leaves open (bus-factor shortfall included)."""
    units, heads = supplied(prep, plan)
    return {did: d.weight * (max(0, d.required_units - units[did]) + (2 - min(2, heads[did]) if d.ops_critical else 0))
            for did, d in prep.demands.items()}


def _excess(prep: Prepared, plan: PlanValues) -> dict[str, int]:
    """Per demand: what the plan spends on it above its units at the cheapest unit cost any source offers."""
    costs = prep.unit_costs()
    keys = prep.option_keys()
    units, _ = supplied(prep, plan)
    spent = {did: 0 for did in prep.demands}
    for i, u in plan.alloc.items():
        spent[keys[i][1]] += costs[i] * u
    for kind, src in (("hire", plan.hires), ("contract", plan.contracts)):
        for did, (u, _) in src.items():
            spent[did] += getattr(prep.demands[did], kind).cost_per_unit * u
    out = {}
    for did, d in prep.demands.items():
        cheapest = [costs[i] for i in prep.by_demand[did]]
        cheapest += [r.cost_per_unit for r in (d.hire, d.contract) if r is not None]
        out[did] = max(0, spent[did] - units[did] * min(cheapest, default=0))
    return out


def polish(
    prep: Prepared, plan: PlanValues, value: int, *, config: Config, coverage_at_most: int | None, until: float,
    floor: int = 0, on_better: Callable[[PlanValues, int], None] | None = None, cancel=None,
) -> Polished:
    """Lower the plan's cost (at coverage ≤ `coverage_at_most`; its coverage when that is None) by re-staffing groups of demands with everything else fixed, until `until`, until
    every group is proven optimal around the plan, or until the cost reaches `floor` (a proven lower bound).
    Each step has a deterministic work budget (CP-SAT's deterministic time), doubled after a pass that brought
    nothing, so the same input gives the same sequence of plans; only where the deadline cuts it depends on the
    machine."""
    out = Polished(plan=plan, value=value)
    began = time.perf_counter()
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
            found, built = _restaff(prep, out.plan, set(group), config=step_config,
                                    coverage_at_most=coverage_at_most, until=until)
            setup = max(setup, built)
            out.steps += 1
            if found is not None and found[1] < out.value:
                changed = _changed(prep, out.plan, found[0])
                out.plan, out.value = found[0], found[1]
                out.improved += 1
                out.first_s = out.first_s if out.first_s is not None else time.perf_counter() - began
                better = True
                # a group stays settled only if nothing it could use changed (people, initiatives' budgets)
                settled = {g for g in settled if not _touches(prep, g, changed)}
                if on_better is not None:
                    on_better(out.plan, out.value)
            if found is not None and found[2]:
                settled.add(key)
            else:
                open_groups = True
        if not better:
            if not open_groups or effort >= MAX_WORK:
                return out
            effort *= 2
    return out


def _changed(prep: Prepared, before: PlanValues, after: PlanValues) -> tuple[set[str], set[str]]:
    """The people and initiatives whose staffing differs between two plans."""
    keys = prep.option_keys()
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
    keys = prep.option_keys()
    return any(prep.demands[did].initiative in initiatives or any(keys[i][0] in people for i in prep.by_demand[did])
               for did in group)


def _restaff(
    prep: Prepared, plan: PlanValues, free: set[str], *, config: Config, coverage_at_most: int | None, until: float,
) -> tuple[tuple[PlanValues, int, bool] | None, float]:
    """The cheapest (or, without `coverage_at_most`, best covering) plan CP-SAT finds by `until` that changes only the demands in `free` (their cheapest options
    open, every other allocation, hire and contract as in `plan`), with its cost and whether it is optimal there
    (None when it found none); and the seconds the model took to build."""
    began = time.perf_counter()
    keep = set(plan.alloc)
    costs = prep.unit_costs()
    for did in free:
        keep.update(heapq.nsmallest(PER_DEMAND, prep.by_demand[did], key=lambda i: (costs[i], i)))
    small, order = restrict(prep, keep)
    back = {i: k for k, i in enumerate(order)}
    sm = build(small)
    start = PlanValues(alloc={back[i]: u for i, u in plan.alloc.items()}, hires=plan.hires,
                       contracts=plan.contracts, displaced=plan.displaced)
    hint_values(sm, start)
    _fix_outside(sm, start, free)
    coverage = expression(coverage_terms(sm, config.bus_factor_penalty))
    if coverage_at_most is None:
        sm.cp.minimize(coverage)
    else:
        sm.cp.add(coverage <= coverage_at_most)
        sm.cp.minimize(expression(cost_terms(sm)))
    built = time.perf_counter() - began
    run = run_level(sm.cp, level="cost", config=config, time_limit=until - time.perf_counter())
    if run.values is None:
        return None, built
    found = read_values(sm, run.values)
    found.alloc = {order[k]: u for k, u in found.alloc.items()}
    return (found, run.value, run.proven), built


def _fix_outside(m: Model, plan: PlanValues, free: set[str]) -> None:
    """Fixes every allocation and route of the demands not in `free` to the plan's values (domains, so that
    presolve removes them)."""
    variables = m.cp.proto.variables

    def fix(var, value: int) -> None:
        domain = variables[var.index].domain
        domain.clear()
        domain.extend([value, value])

    for k, o in enumerate(m.prep.options):
        if o.demand not in free:
            units = plan.alloc.get(k, 0)
            fix(m.x[k], units)
            fix(m.y[k], 1 if units else 0)
    for units, heads, src in ((m.hire_units, m.hire_heads, plan.hires),
                              (m.contract_units, m.contract_heads, plan.contracts)):
        for did, var in units.items():
            if did not in free:
                u, h = src.get(did, (0, 0))
                fix(var, u)
                fix(heads[did], h)
