"""A min-cost-flow relaxation of the staffing problem: lower bounds on coverage and cost, and a start for the greedy.

People supply units, demands absorb them; uncovered units cost far more than any money, so coverage comes
first. Slivers, role limits, exclusivity, budgets and caps are ignored here and repaired by the greedy pass.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

from solver.allowed import open_routes, route_units
from solver.prepare import Prepared
from solver.relaxation import forced_bus_shortfall, forced_remainders, newcomers_only, training_charges


@dataclass
class FlowResult:
    """The rounded flow (units per option index) and the relaxation's lower bounds on coverage and cost."""

    start: dict[int, int] = field(default_factory=dict)
    coverage_bound: int = 0
    cost_bound: int = 0


#: Re-solves that forbid sliver/role-breaking arcs; the greedy repairs the rest (each round re-solves the whole network).
ROUNDS = 3


def flow_start(prep: Prepared, *, bus_penalty: int = 0, deadline: float | None = None) -> FlowResult:
    """Solves the relaxation twice: exactly (for bounds) and with trainings priced in, rounded (for a start).
    The rounded start is skipped when it would not finish by `deadline` (a perf_counter time)."""
    if not prep.options or not prep.demands:
        return FlowResult()
    started = time.perf_counter()
    columns = _Columns(prep)
    exact, arcs = _network(prep, columns, price_training=False)
    result = FlowResult()
    if exact.solve() == exact.OPTIMAL:
        uncovered = exact.flows(arcs.uncovered)
        result.coverage_bound = sum(
            prep.demands[d].weight * int(u) for d, u in zip(arcs.demand_order, uncovered, strict=True)
        )
        result.coverage_bound += forced_bus_shortfall(prep, bus_penalty)
        result.coverage_bound += sum(prep.demands[d].weight * u for d, u in columns.forced.items())
        result.cost_bound = exact.optimal_cost() - sum(
            c * int(u) for c, u in zip(arcs.uncovered_costs, uncovered, strict=True)
        )
    one = time.perf_counter() - started
    if deadline is not None and time.perf_counter() + 2 * one > deadline:
        return result  # bounds only: the first rounding round alone would take about as long again
    priced, arcs = _network(prep, columns, price_training=True)
    for _ in range(ROUNDS):
        if deadline is not None and time.perf_counter() + one > deadline:
            break
        if priced.solve() != priced.OPTIMAL:
            break
        result.start = {i: int(f) for i, f in enumerate(priced.flows(arcs.options)) if f > 0}
        bad = _violations(prep, result.start)
        if not bad:
            break
        # Rounding: forbid the offending arcs and re-solve; each round removes arcs, so this ends.
        for i in bad:
            priced.set_arc_capacity(int(arcs.options[i]), 0)
    return result


def _charged(prep: Prepared) -> list[int]:
    """Each option's cost per unit with the training money one unit surely spends, rounded down."""
    _, overall = training_charges(prep)
    return [c + int(e) for c, e in zip(prep.person_costs, overall, strict=True)]


@dataclass
class _Arcs:
    options: np.ndarray
    uncovered: np.ndarray
    uncovered_costs: list[int]
    demand_order: list[str]


class _Columns:
    """The option arcs' tails, heads and usable capacities, built once for both networks."""

    def __init__(self, prep: Prepared) -> None:
        self.people = sorted(prep.by_person)
        self.demands = sorted(prep.demands)
        self.p_node = {pid: 1 + k for k, pid in enumerate(self.people)}
        self.d_node = {did: 1 + len(self.people) + k for k, did in enumerate(self.demands)}
        self.alone = newcomers_only(prep)
        # Remainders no plan covers are left out of the network and added to the bound.
        self.forced = forced_remainders(prep)
        self.required = {did: d.required_units - self.forced.get(did, 0) for did, d in prep.demands.items()}
        options, alone = prep.options, self.alone
        # Column-wise (one comprehension per column): a loop per arc is slow on hundreds of thousands of options.
        self.usable = [not (o.demand in alone and o.disruption_cost > 0) for o in options] if alone else None
        p_node, d_node = self.p_node, self.d_node
        keys = prep.keys
        self.tails = [p_node[p] for p, _ in keys]
        self.heads = [d_node[d] for _, d in keys]
        caps = prep.caps
        self.caps = caps if self.usable is None else [c if ok else 0 for c, ok in zip(caps, self.usable, strict=True)]


def _network(
    prep: Prepared, columns: _Columns, *, price_training: bool
) -> tuple[min_cost_flow.SimpleMinCostFlow, _Arcs]:
    people, demands, p_node, d_node = columns.people, columns.demands, columns.p_node, columns.d_node
    required = columns.required
    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    costs: list[int] = []

    def arc(t: int, h: int, cap: int, cost: int) -> None:
        tails.append(t)
        heads.append(h)
        caps.append(cap)
        costs.append(cost)

    top = 1
    for pid in people:
        person = prep.people[pid]
        arc(0, p_node[pid], person.free_units, 0)
        if person.displaceable_units:
            arc(0, p_node[pid], person.displaceable_units, person.displacement_cost_per_unit)
            top = max(top, person.displacement_cost_per_unit)
    first_option_arc = len(tails)
    alone, usable = columns.alone, columns.usable
    # Trainings are spread over the units they unlock, so cheap-to-train people are preferred (the start); the
    # exact network charges each unit the training money it surely spends (rounded down), so its cost stays a bound.
    unit = prep.unit_costs if price_training else _charged(prep)
    tails += columns.tails
    heads += columns.heads
    caps += columns.caps
    if usable is None:
        costs += unit
        top = max(top, max(unit, default=0))
    else:
        costs += [c if ok else 0 for c, ok in zip(unit, usable, strict=True)]
        top = max([top, *(c for c, ok in zip(unit, usable, strict=True) if ok)])
    for did in demands:
        demand = prep.demands[did]
        for _, route in open_routes(prep.inst, demand) if did not in alone else ():
            arc(0, d_node[did], route_units(route, required[did]), route.cost_per_unit)
            top = max(top, route.cost_per_unit)
    total = sum(required.values())
    # Strictly lexicographic: one weighted uncovered unit outweighs any possible spend.
    big = total * top + 1
    first_uncovered_arc = len(tails)
    uncovered_costs = []
    for did in demands:
        demand = prep.demands[did]
        uncovered_costs.append(big * demand.weight)
        arc(0, d_node[did], required[did], big * demand.weight)
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        np.array(tails, dtype=np.int32), np.array(heads, dtype=np.int32),
        np.array(caps, dtype=np.int64), np.array(costs, dtype=np.int64),
    )
    supplies = np.zeros(1 + len(people) + len(demands), dtype=np.int64)
    supplies[0] = total
    for did in demands:
        supplies[d_node[did]] = -required[did]
    solver.set_nodes_supplies(np.arange(len(supplies), dtype=np.int32), supplies)
    arcs = _Arcs(
        options=np.arange(first_option_arc, first_option_arc + len(prep.options), dtype=np.int32),
        uncovered=np.arange(first_uncovered_arc, first_uncovered_arc + len(demands), dtype=np.int32),
        uncovered_costs=uncovered_costs,
        demand_order=demands,
    )
    return solver, arcs




def _violations(prep: Prepared, flows: dict[int, int]) -> list[int]:
    """Arcs that break no-slivers, max roles or exclusivity in a flow solution."""
    bad = [i for i, f in flows.items() if f < prep.min_alloc[prep.options[i].demand]]
    per_person: dict[str, list[int]] = {}
    for i in flows:
        if flows[i] >= prep.min_alloc[prep.options[i].demand]:
            per_person.setdefault(prep.options[i].person, []).append(i)
    for pid, arcs in per_person.items():
        limit = prep.max_roles(prep.people[pid])
        if any(not prep.demands[prep.options[i].demand].shareable for i in arcs) and len(arcs) > 1:
            limit = 1
        if len(arcs) > limit:
            keep = sorted(arcs, key=lambda i: (-flows[i], i))[:limit]
            bad += [i for i in arcs if i not in keep]
    return bad
