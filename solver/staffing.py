"""A staffing: a plan as plain numbers (units per option, hires and contracts per demand, displaced units per person),
its objective values, its restriction to some options, and the Solution it stands for."""
from __future__ import annotations

from dataclasses import dataclass, field

from solver.objective import open_weight
from solver.prepare import Prepared, TrainingKey
from solver.schema import (
    Allocation,
    Config,
    Displacement,
    Procurement,
    Solution,
    TrainingPlan,
    UncoveredDemand,
)


@dataclass
class Staffing:
    """Who works where: units per option index, hires and contracts per demand as (units, heads), displaced units
    per person."""

    alloc: dict[int, int] = field(default_factory=dict)
    hires: dict[str, tuple[int, int]] = field(default_factory=dict)
    contracts: dict[str, tuple[int, int]] = field(default_factory=dict)
    displaced: dict[str, int] = field(default_factory=dict)


def supplied(prep: Prepared, plan: Staffing) -> tuple[dict[str, int], dict[str, int]]:
    """Per demand: the units the plan staffs (people, hires, contractors) and the distinct heads on it."""
    units = {did: 0 for did in prep.demands}
    heads = {did: 0 for did in prep.demands}
    keys = prep.keys
    for i, u in plan.alloc.items():
        did = keys[i][1]
        units[did] += u
        heads[did] += 1
    for src in (plan.hires, plan.contracts):
        for did, (u, h) in src.items():
            units[did] += u
            heads[did] += h
    return units, heads


def trainings_bought(prep: Prepared, plan: Staffing) -> dict[TrainingKey, int]:
    """Each training the plan's allocations rely on, with its cost (paid once, whoever uses it)."""
    bought: dict[TrainingKey, int] = {}
    for i in sorted(plan.alloc):
        o = prep.options[i]
        for s in o.trainings:
            bought.setdefault((o.person, s.skill, s.to_level), s.cost)
    return bought


def moved_people(prep: Prepared, plan: Staffing) -> set[str]:
    """People the plan places on an initiative they are not on today."""
    return {prep.options[i].person for i in plan.alloc if prep.options[i].disruption_cost > 0}


def staffing_values(prep: Prepared, plan: Staffing, config: Config) -> dict[str, int]:
    """The three objective levels of a component's plan: weighted uncovered units and bus-factor shortfall; money;
    disruption of new placements and people moved."""
    coverage = sum(open_weight(prep.demands.values(), *supplied(prep, plan), config.bus_factor_penalty).values())
    rate = prep.person_costs
    cost = sum(rate[i] * u for i, u in plan.alloc.items()) + sum(trainings_bought(prep, plan).values())
    for kind, src in (("hire", plan.hires), ("contract", plan.contracts)):
        cost += sum(getattr(prep.demands[did], kind).cost_per_unit * u for did, (u, _) in src.items())
    cost += sum(prep.people[pid].displacement_cost_per_unit * u for pid, u in plan.displaced.items())
    disruption = sum(prep.options[i].disruption_cost for i in plan.alloc)
    disruption += config.move_penalty * len(moved_people(prep, plan))
    return {"coverage": coverage, "cost": cost, "disruption": disruption}


def to_small(plan: Staffing, order: list[int]) -> Staffing:
    """A plan over every option as one over the options `order` keeps (each option it uses must be kept)."""
    back = {i: k for k, i in enumerate(order)}
    return Staffing(alloc={back[i]: u for i, u in plan.alloc.items()}, hires=plan.hires,
                      contracts=plan.contracts, displaced=plan.displaced)


def to_full(plan: Staffing, order: list[int]) -> Staffing:
    """A plan over the options `order` keeps as one over every option."""
    return Staffing(alloc={order[k]: u for k, u in plan.alloc.items()}, hires=plan.hires,
                      contracts=plan.contracts, displaced=plan.displaced)


def to_solution(prep: Prepared, plan: Staffing) -> Solution:
    """The plan's rows on its component (allocations, procurements, trainings, displacements, uncovered units) as a
    feasible Solution; its levels, penalties and total cost are the caller's."""
    out = Solution(status="feasible")
    trainings: dict[TrainingKey, TrainingPlan] = {}
    for i in sorted(plan.alloc):
        o, units = prep.options[i], plan.alloc[i]
        out.allocations.append(Allocation(
            person=o.person, demand=o.demand, units=units, trainings=list(o.trainings),
            cost=prep.people[o.person].cost_per_unit * units, moved=o.disruption_cost > 0,
        ))
        for s in o.trainings:
            key = (o.person, s.skill, s.to_level)
            if key not in trainings:
                trainings[key] = TrainingPlan(person=o.person, skill=s.skill, from_level=s.from_level,
                                              to_level=s.to_level, weeks=s.weeks, cost=s.cost)
            trainings[key].demands.append(o.demand)
    for kind, src in (("hire", plan.hires), ("contract", plan.contracts)):
        for did in sorted(src):
            units, heads = src[did]
            route = getattr(prep.demands[did], kind)
            out.procurements.append(Procurement(demand=did, kind=kind, units=units, heads=max(1, heads),
                                                cost=route.cost_per_unit * units, lead_weeks=route.lead_weeks))
    out.trainings = [trainings[k] for k in sorted(trainings)]
    for pid in sorted(plan.displaced):
        units = plan.displaced[pid]
        out.displacements.append(
            Displacement(person=pid, units=units, cost=prep.people[pid].displacement_cost_per_unit * units))
    units, _ = supplied(prep, plan)
    out.uncovered = [UncoveredDemand(demand=did, units=prep.demands[did].required_units - units[did])
                     for did in sorted(prep.demands) if prep.demands[did].required_units > units[did]]
    return out
