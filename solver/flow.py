"""A min-cost-flow relaxation of the staffing problem: lower bounds on coverage and cost, and a start for the greedy.

People supply units, demands absorb them; uncovered units cost far more than any money, so coverage comes
first. Slivers, role limits, exclusivity, budgets and caps are left out here (the bounds stay bounds) and repaired
by the greedy pass; what every relaxation knows beyond that (pairing, forced remainders, the bus shortfall) is in
solver/relaxation.py.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

from solver.prepare import Prepared
from solver.relaxation import Network, forced_bus_shortfall, network, training_charges


@dataclass
class FlowResult:
    """The rounded flow (units per option index) and the relaxation's lower bounds on coverage and on cost (the
    latter at the flow's own coverage optimum)."""

    start: dict[int, int] = field(default_factory=dict)
    coverage_bound: int = 0
    cost_bound: int = 0


#: Re-solves that forbid sliver/role-breaking arcs; the greedy repairs the rest (each round re-solves the whole network).
ROUNDS = 3


def flow_relaxation(prep: Prepared, *, bus_penalty: int = 0, deadline: float | None = None) -> FlowResult:
    """Solves the relaxation twice: exactly, each unit charged the training money it surely spends (the bounds),
    and with trainings spread over the units they unlock, rounded (a start that prefers cheap-to-train people). The
    rounded start is skipped when it would not finish by `deadline` (a perf_counter time)."""
    if not prep.options or not prep.demands:
        return FlowResult()
    began = time.perf_counter()
    net = network(prep)
    exact, big = _flow(prep, net, _charged(prep))
    result = FlowResult()
    if exact.solve() == exact.OPTIMAL:
        first = exact.num_arcs() - len(net.demands)  # the uncovered arcs come last
        uncovered = [int(u) for u in exact.flows(np.arange(first, exact.num_arcs(), dtype=np.int32))]
        weighted = sum(prep.demands[did].weight * u for did, u in zip(net.demands, uncovered, strict=True))
        result.coverage_bound = weighted + forced_bus_shortfall(prep, bus_penalty) + sum(
            prep.demands[did].weight * u for did, u in net.forced.items())
        result.cost_bound = exact.optimal_cost() - big * weighted
    one = time.perf_counter() - began
    if deadline is not None and time.perf_counter() + 2 * one > deadline:
        return result  # bounds only: the first rounding round alone would take about as long again
    priced, _ = _flow(prep, net, prep.unit_costs)
    first = priced.num_arcs() - len(net.demands) - len(prep.options)  # the option arcs, before the uncovered ones
    arcs = np.arange(first, first + len(prep.options), dtype=np.int32)
    for _ in range(ROUNDS):
        if (deadline is not None and time.perf_counter() + one > deadline) or priced.solve() != priced.OPTIMAL:
            break
        result.start = {i: int(f) for i, f in enumerate(priced.flows(arcs)) if f > 0}
        bad = _violations(prep, result.start)
        if not bad:
            break
        for i in bad:  # rounding: forbid the offending arcs and re-solve; each round removes arcs, so this ends
            priced.set_arc_capacity(int(arcs[i]), 0)
    return result


def _charged(prep: Prepared) -> list[int]:
    """Each option's cost per unit with the training money one unit surely spends, rounded down."""
    _, overall = training_charges(prep)
    return [c + int(e) for c, e in zip(prep.person_costs, overall, strict=True)]


def _flow(prep: Prepared, net: Network, option_costs: list[int]) -> tuple[min_cost_flow.SimpleMinCostFlow, int]:
    """The network with these costs per option unit, and the cost of one uncovered unit per unit of weight. Arcs
    from the source (node 0) to people (nodes 1..) and to demands (after the people): each person's free and
    displaceable time, each open route; then the options; then each demand's uncovered units."""
    people, demands = len(net.people), len(net.demands)
    heads: list[int] = []
    caps: list[int] = []
    costs: list[int] = []
    for k, pid in enumerate(net.people):
        person = prep.people[pid]
        for cap, cost in ((person.free_units, 0), (person.displaceable_units, person.displacement_cost_per_unit)):
            heads.append(1 + k)
            caps.append(cap)
            costs.append(cost)
    for k, _, route, units in net.routes:
        heads.append(1 + people + k)
        caps.append(units)
        costs.append(route.cost_per_unit)
    # Strictly lexicographic: one weighted uncovered unit outweighs any possible spend.
    big = int(net.required.sum()) * max(1, *costs, *option_costs) + 1
    weights = np.array([prep.demands[did].weight for did in net.demands], dtype=np.int64)
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([np.zeros(len(heads)), 1 + net.person_of, np.zeros(demands)]).astype(np.int32),
        np.concatenate([heads, 1 + people + net.demand_of, 1 + people + np.arange(demands)]).astype(np.int32),
        np.concatenate([caps, net.caps, net.required]).astype(np.int64),
        np.concatenate([costs, option_costs, big * weights]).astype(np.int64),
    )
    supplies = np.concatenate([[int(net.required.sum())], np.zeros(people), -net.required]).astype(np.int64)
    solver.set_nodes_supplies(np.arange(len(supplies), dtype=np.int32), supplies)
    return solver, big


def _violations(prep: Prepared, flows: dict[int, int]) -> list[int]:
    """Arcs that break no-slivers, max roles or exclusivity in a flow solution."""
    bad = [i for i, f in flows.items() if f < prep.min_alloc[prep.options[i].demand]]
    per_person: dict[str, list[int]] = {}
    for i in flows:
        if flows[i] >= prep.min_alloc[prep.options[i].demand]:
            per_person.setdefault(prep.options[i].person, []).append(i)
    for pid, arcs in per_person.items():
        limit = prep.inst.max_roles(prep.people[pid])
        if any(not prep.demands[prep.options[i].demand].shareable for i in arcs) and len(arcs) > 1:
            limit = 1
        if len(arcs) > limit:
            keep = sorted(arcs, key=lambda i: (-flows[i], i))[:limit]
            bad += [i for i in arcs if i not in keep]
    return bad
