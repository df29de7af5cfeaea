"""A min-cost-flow relaxation of the staffing problem: lower bounds on coverage and cost.

People supply units, demands absorb them; uncovered units cost far more than any money, so coverage comes
first. Slivers, role limits, exclusivity, budgets and caps are left out, so the bounds stay bounds; what every
relaxation knows beyond that (pairing, forced remainders, the bus shortfall) is in solver/relaxation.py.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from solver.prepare import Prepared
from solver.relaxation import forced_bus_shortfall, network, training_charges


@dataclass
class FlowResult:
    """The relaxation's lower bounds on coverage and on cost (the latter at the flow's own coverage optimum)."""

    coverage_bound: int = 0
    cost_bound: int = 0


def _charged(prep: Prepared) -> list[int]:
    """Each option's cost per unit with the training money one unit surely spends, rounded down."""
    _, overall = training_charges(prep)
    return [c + int(e) for c, e in zip(prep.person_costs, overall, strict=True)]


def flow_bounds(prep: Prepared, *, bus_penalty: int = 0) -> FlowResult:
    """Solves the relaxation exactly: the least weighted uncovered units (plus the forced remainders and the bus
    shortfall no plan avoids), and the least spend at that coverage (each unit charged the training money it
    surely spends)."""
    if not prep.options or not prep.demands:
        return FlowResult()
    net = network(prep)
    people, demands = len(net.people), len(net.demands)
    # Arcs from the source (node 0) to people (nodes 1..) and to demands (after the people): each person's free
    # and displaceable time, each open route; then the options, then each demand's uncovered units.
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
    option_costs = _charged(prep)
    # Strictly lexicographic: one weighted uncovered unit outweighs any possible spend.
    big = int(net.required.sum()) * max(1, *costs, *option_costs) + 1
    weights = [prep.demands[did].weight for did in net.demands]
    first_uncovered = len(heads) + len(prep.options)
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([np.zeros(len(heads)), 1 + net.person_of, np.zeros(demands)]).astype(np.int32),
        np.concatenate([heads, 1 + people + net.demand_of, 1 + people + np.arange(demands)]).astype(np.int32),
        np.concatenate([caps, net.caps, net.required]).astype(np.int64),
        np.concatenate([costs, option_costs, big * np.array(weights, dtype=np.int64)]).astype(np.int64),
    )
    supplies = np.concatenate([[int(net.required.sum())], np.zeros(people), -net.required]).astype(np.int64)
    solver.set_nodes_supplies(np.arange(len(supplies), dtype=np.int32), supplies)
    if solver.solve() != solver.OPTIMAL:
        return FlowResult()
    uncovered = [int(u) for u in solver.flows(np.arange(first_uncovered, first_uncovered + demands, dtype=np.int32))]
    coverage = sum(w * u for w, u in zip(weights, uncovered, strict=True))
    coverage += sum(prep.demands[did].weight * u for did, u in net.forced.items())
    return FlowResult(coverage_bound=coverage + forced_bus_shortfall(prep, bus_penalty),
                      cost_bound=solver.optimal_cost() - sum(big * w * u for w, u in zip(weights, uncovered, strict=True)))
