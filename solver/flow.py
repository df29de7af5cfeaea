"""A min-cost-flow relaxation of the staffing problem: a fast, near-optimal start for CP-SAT.

People supply units, demands absorb them; uncovered units cost far more than any money, so coverage comes
first. Slivers, role limits, exclusivity, budgets and caps are ignored here and repaired by the greedy pass.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

from solver.prepare import Prepared
from solver.rules.coverage import BUS_FACTOR
from solver.rules.sourcing import contract_blocker, hire_blocker
from solver.schema import Pin


@dataclass
class FlowResult:
    """The rounded flow (units per option index) and the relaxation's lower bounds on coverage and cost."""

    start: dict[int, int] = field(default_factory=dict)
    coverage_bound: int = 0
    cost_bound: int = 0
    #: The budget- and hire-cap-aware LP's coverage bound (solver/lp_bound.py), 0 when not computed.
    money_bound: int = 0

    @property
    def coverage_floor(self) -> int:
        """The best coverage lower bound known: the flow's or the money-aware LP's."""
        return max(self.coverage_bound, self.money_bound)


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
        result.coverage_bound += _forced_bus_shortfall(prep, bus_penalty)
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
    return [c + int(e) for c, e in zip(prep.person_costs(), overall, strict=True)]


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
        self.alone = _newcomers_only(prep)
        # Remainders no plan covers are left out of the network and added to the bound (forced_remainders).
        self.forced = forced_remainders(prep)
        self.required = {did: d.required_units - self.forced.get(did, 0) for did, d in prep.demands.items()}
        options, alone = prep.options, self.alone
        # Column-wise (one comprehension per column): a per-arc loop took seconds on 280k options.
        self.usable = [not (o.demand in alone and o.disruption_cost > 0) for o in options] if alone else None
        p_node, d_node = self.p_node, self.d_node
        keys = prep.option_keys()
        self.tails = [p_node[p] for p, _ in keys]
        self.heads = [d_node[d] for _, d in keys]
        caps = prep.caps
        self._charged: list[int] | None = None
        self.caps = caps if self.usable is None else [c if ok else 0 for c, ok in zip(caps, self.usable, strict=True)]

    def charged(self, prep: Prepared) -> list[int]:
        """The exact network's unit costs (computed once)."""
        if self._charged is None:
            self._charged = _charged(prep)
        return self._charged


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
    # exact network charges each unit the training money it surely spends (rounded down), so its cost stays a
    # bound: portfolio20-loose 10.53 M -> 11.84 M, 6000x600-loose 19.1 M -> 21.8 M.
    unit = prep.unit_costs() if price_training else columns.charged(prep)
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
        for route, blocked in ((demand.hire, hire_blocker), (demand.contract, contract_blocker)):
            if route is not None and blocked(prep.inst, demand) is None and did not in alone:
                cap = required[did] if route.max_units is None else min(route.max_units, required[did])
                arc(0, d_node[did], cap, route.cost_per_unit)
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


#: Re-solves that forbid sliver/role-breaking arcs; the greedy repairs the rest (each round re-solves the
#: whole network: 10 rounds took 10 s on 6,000 people).
ROUNDS = 3


def _forced_bus_shortfall(prep: Prepared, bus_penalty: int) -> int:
    """Level-1 penalty no plan avoids: operations-critical demands with fewer than two possible carriers, counting
    that pinned and locked units leave room only for (required - fixed) // min_alloc more people (a pin of the whole
    demand leaves none: 3000x300-loose's coverage optimum 1,562 was 450 above the flow bound for this alone)."""
    alone = _newcomers_only(prep)
    fixed_units, fixed = _fixed_placements(prep)
    total = 0
    for did, idx in prep.by_demand.items():
        demand = prep.demands[did]
        if not demand.ops_critical or demand.required_units == 0:
            continue
        others = sum(1 for i in idx if (did not in alone or prep.options[i].disruption_cost == 0)
                     and (prep.options[i].person, did) not in fixed)
        for route, blocked in ((demand.hire, hire_blocker), (demand.contract, contract_blocker)):
            if route is not None and blocked(prep.inst, demand) is None and did not in alone:
                ub = demand.required_units if route.max_units is None else min(route.max_units, demand.required_units)
                others += max(1, ub // prep.min_alloc[did]) if ub > 0 else 0
        room = max(0, demand.required_units - fixed_units.get(did, 0))
        heads = sum(1 for _, d in fixed if d == did) + min(others, room // prep.min_alloc[did])
        if heads < BUS_FACTOR:
            total += demand.weight * bus_penalty * (BUS_FACTOR - heads)
    return total


def forced_remainders(prep: Prepared) -> dict[str, int]:
    """Units no plan can cover, per demand: pins and locked people fix exact units that leave less room than one
    more allocation (hire, contractor or person) must take, so the room stays open (6000x600-loose: pins of 8 of
    10 units with a 4-unit minimum left two such 2-unit remainders, the whole 0.7 % gap the flow could not see)."""
    exact: dict[str, int] = {}
    flexible: set[str] = set()
    for (_pid, did), units, _pin in _fixed(prep):
        if units is None:
            flexible.add(did)  # "at least" pins can take the remainder themselves
        else:
            exact[did] = exact.get(did, 0) + units
    forced = {}
    for did, units in exact.items():
        room = prep.demands[did].required_units - units
        if did not in flexible and 0 < room < prep.min_alloc[did]:
            forced[did] = room
    return forced


def _fixed(prep: Prepared) -> Iterator[tuple[tuple[str, str], int | None, Pin | None]]:
    """Each (person, demand) every plan fixes, once, with its exact units (None for an "at least" pin) and its pin:
    locked people's current allocations first, then the pins on usable options."""
    usable = set(prep.option_keys())
    seen: set[tuple[str, str]] = set()
    for pid, person in prep.people.items():
        if person.locked:
            for did, u in person.current_allocations.items():
                if did in prep.demands and (pid, did) not in seen:
                    seen.add((pid, did))
                    yield (pid, did), u, None
    for pin in prep.inst.pins:
        key = (pin.person, pin.demand)
        if pin.demand in prep.demands and key in usable and key not in seen:
            seen.add(key)
            yield key, pin.units, pin


def _fixed_placements(prep: Prepared) -> tuple[dict[str, int], set[tuple[str, str]]]:
    """Units every plan gives demands through pins and locked people (at least), and those (person, demand)s."""
    units: dict[str, int] = {}
    fixed: set[tuple[str, str]] = set()
    for key, exact, pin in _fixed(prep):
        fixed.add(key)
        did = key[1]
        least = exact if exact is not None else max(pin.min_units or 0, prep.min_alloc[did])
        units[did] = units.get(did, 0) + least
    return units, fixed


def _newcomers_only(prep: Prepared) -> set[str]:
    """Demands that pair newcomers but have no incumbent option: only pinned/locked incumbents could serve."""
    return {
        did for did, idx in prep.by_demand.items()
        if prep.demands[did].pair_newcomers and all(prep.options[i].disruption_cost > 0 for i in idx)
    }


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


def training_charges(prep: Prepared) -> tuple[list[float], list[float]]:
    """Per option, the training money one unit of it surely spends: towards its initiative's budget and towards the
    portfolio budget. A training's users within a scope take at most min(person's time, their caps together) units,
    so charging cost / that per unit never exceeds the training's cost: the LP stays a relaxation, and needs no
    extra rows (a training fixed-charge row per scope made the 6000x600 LP 4x slower for the same bound).
    Computed once per Prepared."""
    if prep._charges is not None:
        return prep._charges
    per_initiative = [0.0] * len(prep.options)
    overall = [0.0] * len(prep.options)
    for key, users in prep.training_keys().items():
        person = prep.people[key[0]]
        cost = next(s.cost for s in prep.options[users[0]].trainings if (s.skill, s.to_level) == key[1:])
        if cost <= 0:
            continue
        room = person.free_units + person.displaceable_units
        scopes: dict[str, list[int]] = {}
        for i in users:
            scopes.setdefault(prep.demands[prep.options[i].demand].initiative, []).append(i)
        for out, groups in ((per_initiative, scopes.values()), (overall, [users])):
            for group in groups:
                units = min(room, sum(prep.caps[i] for i in group))
                for i in group:
                    out[i] += cost / max(1, units)
    prep._charges = (per_initiative, overall)
    return prep._charges
