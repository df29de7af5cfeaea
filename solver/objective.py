"""The objective levels and spend of a finished plan, computed from the Solution alone (no CP-SAT)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from solver.schema import BUS_FACTOR, Config, Demand, Instance, Option, Penalty, Solution


def option_index(inst: Instance) -> dict[tuple[str, str], Option]:
    """Options keyed by (person, demand)."""
    return {(o.person, o.demand): o for o in inst.options}


def supplied_units(sol: Solution) -> dict[str, int]:
    """Units each demand receives from people, hires and contractors."""
    out: dict[str, int] = {}
    for a in sol.allocations:
        out[a.demand] = out.get(a.demand, 0) + a.units
    for p in sol.procurements:
        out[p.demand] = out.get(p.demand, 0) + p.units
    return out


def heads_on(sol: Solution) -> dict[str, int]:
    """Distinct people per demand: allocated people plus hired and contracted heads."""
    people: dict[str, set[str]] = {}
    for a in sol.allocations:
        people.setdefault(a.demand, set()).add(a.person)
    out = {d: len(p) for d, p in people.items()}
    for p in sol.procurements:
        out[p.demand] = out.get(p.demand, 0) + p.heads
    return out


def shortfall(demands: Iterable[Demand], heads: Mapping[str, int]) -> dict[str, int]:
    """Missing distinct people on each operations-critical demand, given the distinct people on each demand."""
    return {d.id: BUS_FACTOR - heads.get(d.id, 0) for d in demands
            if d.ops_critical and d.required_units > 0 and heads.get(d.id, 0) < BUS_FACTOR}


def open_weight(demands: Iterable[Demand], units: Mapping[str, int], heads: Mapping[str, int],
                bus_penalty: int) -> dict[str, int]:
    """Per demand, what level 1 charges: weight × (uncovered units + `bus_penalty` × bus-factor shortfall)."""
    demands = list(demands)
    short = shortfall(demands, heads)
    return {d.id: d.weight * (max(0, d.required_units - units.get(d.id, 0)) + bus_penalty * short.get(d.id, 0))
            for d in demands}


def bus_shortfall(inst: Instance, sol: Solution) -> dict[str, int]:
    """Missing distinct people on each operations-critical demand of a plan."""
    return shortfall(inst.demands, heads_on(sol))


def penalties(inst: Instance, sol: Solution) -> list[Penalty]:
    """The soft-rule penalties a plan pays (bus factor), named after their rule and subject."""
    return [Penalty(name=f"bus_factor(demand={did})", rule="bus_factor", subject=did, amount=amount)
            for did, amount in sorted(bus_shortfall(inst, sol).items())]


def training_costs(inst: Instance, sol: Solution) -> dict[tuple[str, str, int], tuple[int, set[str]]]:
    """Each distinct training the allocations rely on: its cost (paid once) and the initiatives it serves."""
    demands = {d.id: d for d in inst.demands}
    out: dict[tuple[str, str, int], tuple[int, set[str]]] = {}
    for a in sol.allocations:
        demand = demands.get(a.demand)
        for s in a.trainings:
            cost, users = out.setdefault((a.person, s.skill, s.to_level), (s.cost, set()))
            if demand is not None:
                users.add(demand.initiative)
    return out


def spend(inst: Instance, sol: Solution, initiative: str | None = None) -> int:
    """Level 2, what the plan spends: people's time, trainings once, hires, contractors, displaced tentative work.
    With `initiative`, that initiative's spend: a training it shares with another initiative counts in full, and
    displaced work (the portfolio's) does not."""
    people = {p.id: p for p in inst.people}
    demands = {d.id: d for d in inst.demands}

    def counted(did: str) -> bool:
        return initiative is None or (did in demands and demands[did].initiative == initiative)

    cost = sum(people[a.person].cost_per_unit * a.units for a in sol.allocations
               if a.person in people and counted(a.demand))
    cost += sum(c for c, users in training_costs(inst, sol).values() if initiative is None or initiative in users)
    for p in sol.procurements:
        route = getattr(demands[p.demand], p.kind, None) if p.demand in demands else None
        cost += route.cost_per_unit * p.units if route is not None and counted(p.demand) else 0
    if initiative is None:
        cost += sum(people[d.person].displacement_cost_per_unit * d.units for d in sol.displacements
                    if d.person in people)
    return cost


def level_values(
    inst: Instance, sol: Solution, config: Config, *, options: Mapping[tuple[str, str], Option] | None = None
) -> dict[str, int]:
    """The three objective levels of a plan, computed independently of the model (`options`: the instance's
    options by (person, demand) when the caller already has them; building it reads every option)."""
    coverage = sum(open_weight(inst.demands, supplied_units(sol), heads_on(sol), config.bus_factor_penalty).values())
    options = option_index(inst) if options is None else options
    disruption, moved = 0, set()
    for a in sol.allocations:
        o = options.get((a.person, a.demand))
        # Pairs added by pins or locks are not listed as options; they disrupt nobody by construction.
        cost = o.disruption_cost if o is not None else 0
        if cost:
            disruption += cost
            moved.add(a.person)
    disruption += config.move_penalty * len(moved)
    return {"coverage": coverage, "cost": spend(inst, sol), "disruption": disruption}

