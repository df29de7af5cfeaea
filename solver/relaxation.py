"""What every relaxation of the model (the flow, both LPs) knows beyond people, demands and routes: units no plan
can cover, bus-factor shortfall no plan avoids, demands only pinned incumbents can serve, training money each unit
surely spends, and whether money binds at all."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from solver.allowed import open_routes, route_units
from solver.prepare import Prepared, fixed_pairs
from solver.schema import BUS_FACTOR, Sourcing


@dataclass
class Network:
    """What the flow and the money LP are built on: people and demands in order; each option's person and demand
    (their positions) and the units it may carry (none for a newcomer on a pairing demand that only pinned or locked
    incumbents could serve); each demand's units once the remainders no plan covers (`forced`, counted in the
    bounds instead) are out; and each open route as (demand position, kind, route, most units)."""

    people: list[str]
    demands: list[str]
    person_of: np.ndarray
    demand_of: np.ndarray
    caps: np.ndarray
    required: np.ndarray
    forced: dict[str, int]
    routes: list[tuple[int, str, Sourcing, int]]


def network(prep: Prepared) -> Network:
    """The relaxations' common ground for a component (see Network)."""
    alone, forced = newcomers_only(prep), forced_remainders(prep)
    people, demands = sorted(prep.by_person), sorted(prep.demands)
    p_of = {pid: k for k, pid in enumerate(people)}
    d_of = {did: k for k, did in enumerate(demands)}
    n = len(prep.options)
    caps = np.array(prep.caps, dtype=np.int64)
    if alone:
        caps[[i for i, o in enumerate(prep.options) if o.demand in alone and o.disruption_cost > 0]] = 0
    required = [prep.demands[did].required_units - forced.get(did, 0) for did in demands]
    routes = [(k, kind, route, route_units(route, required[k])) for k, did in enumerate(demands) if did not in alone
              for kind, route in open_routes(prep.inst, prep.demands[did])]
    return Network(people=people, demands=demands,
                   person_of=np.fromiter((p_of[p] for p, _ in prep.keys), dtype=np.int64, count=n),
                   demand_of=np.fromiter((d_of[d] for _, d in prep.keys), dtype=np.int64, count=n),
                   caps=caps, required=np.array(required, dtype=np.int64), forced=forced, routes=routes)


def money_binds(prep: Prepared) -> bool:
    """True when a budget or hire cap could limit coverage (otherwise the flow bound is the money LP's optimum)."""
    inst = prep.inst
    present = {d.initiative for d in prep.demands.values()}
    return inst.global_budget is not None or inst.max_hires_global is not None or any(
        (i.budget is not None or i.max_hires is not None) and i.id in present for i in inst.initiatives
    )


def forced_bus_shortfall(prep: Prepared, bus_penalty: int) -> int:
    """Level-1 penalty no plan avoids: operations-critical demands with fewer than two possible carriers, counting
    that pinned and locked units leave room only for (required - fixed) // min_alloc more people (a pin of the whole
    demand leaves none)."""
    alone = newcomers_only(prep)
    fixed_units, fixed = fixed_placements(prep)
    total = 0
    for did, idx in prep.by_demand.items():
        demand = prep.demands[did]
        if not demand.ops_critical or demand.required_units == 0:
            continue
        others = sum(1 for i in idx if (did not in alone or prep.options[i].disruption_cost == 0)
                     and (prep.options[i].person, did) not in fixed)
        for _, route in open_routes(prep.inst, demand) if did not in alone else ():
            ub = route_units(route, demand.required_units)
            others += max(1, ub // prep.min_alloc[did]) if ub > 0 else 0
        room = max(0, demand.required_units - fixed_units.get(did, 0))
        heads = sum(1 for _, d in fixed if d == did) + min(others, room // prep.min_alloc[did])
        if heads < BUS_FACTOR:
            total += demand.weight * bus_penalty * (BUS_FACTOR - heads)
    return total


def forced_remainders(prep: Prepared) -> dict[str, int]:
    """Units no plan can cover, per demand: pins and locked people fix exact units that leave less room than one
    more allocation (hire, contractor or person) must take, so the room stays open (a pin of 8 of 10 units with a
    4-unit minimum leaves 2 units nobody may take)."""
    exact: dict[str, int] = {}
    flexible: set[str] = set()
    for (_pid, did), units, _ in fixed_pairs(prep):
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


def fixed_placements(prep: Prepared) -> tuple[dict[str, int], set[tuple[str, str]]]:
    """Units every plan gives demands through pins and locked people (at least), and those (person, demand)s."""
    units: dict[str, int] = {}
    fixed: set[tuple[str, str]] = set()
    for key, _, least in fixed_pairs(prep):
        fixed.add(key)
        units[key[1]] = units.get(key[1], 0) + least
    return units, fixed


def newcomers_only(prep: Prepared) -> set[str]:
    """Demands that pair newcomers but have no incumbent option: only pinned/locked incumbents could serve."""
    return {
        did for did, idx in prep.by_demand.items()
        if prep.demands[did].pair_newcomers and all(prep.options[i].disruption_cost > 0 for i in idx)
    }


def training_charges(prep: Prepared) -> tuple[list[float], list[float]]:
    """Per option, the training money one unit of it surely spends: towards its initiative's budget and towards the
    portfolio budget. A training's users within a scope take at most min(person's time, their caps together) units,
    so charging cost / that per unit never exceeds the training's cost: the relaxations stay relaxations, and need no
    extra rows. Computed once per Prepared."""
    if prep.charges is not None:
        return prep.charges
    per_initiative = [0.0] * len(prep.options)
    overall = [0.0] * len(prep.options)
    for key, users in prep.training_keys.items():
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
    prep.charges = (per_initiative, overall)
    return prep.charges
