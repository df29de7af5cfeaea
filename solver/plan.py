"""A plan as plain numbers (per option and demand), read from CP-SAT or built greedily, turned into a Solution."""
from __future__ import annotations

from dataclasses import dataclass, field

from solver.model import Model
from solver.prepare import Prepared
from solver.schema import Allocation, Displacement, Procurement, TrainingPlan, UncoveredDemand


@dataclass
class PlanValues:
    """Units per option index, hires/contracts per demand as (units, heads), displaced units per person."""

    alloc: dict[int, int] = field(default_factory=dict)
    hires: dict[str, tuple[int, int]] = field(default_factory=dict)
    contracts: dict[str, tuple[int, int]] = field(default_factory=dict)
    displaced: dict[str, int] = field(default_factory=dict)


def supplied(prep: Prepared, plan: PlanValues) -> tuple[dict[str, int], dict[str, int]]:
    """Per demand: the units the plan staffs (people, hires, contractors) and the distinct heads on it."""
    units = {did: 0 for did in prep.demands}
    heads = {did: 0 for did in prep.demands}
    keys = prep.option_keys()
    for i, u in plan.alloc.items():
        did = keys[i][1]
        units[did] += u
        heads[did] += 1
    for src in (plan.hires, plan.contracts):
        for did, (u, h) in src.items():
            units[did] += u
            heads[did] += h
    return units, heads


def read_values(m: Model, values: list[int]) -> PlanValues:
    """The plan held in a CP-SAT assignment."""
    plan = PlanValues()
    for i, x in enumerate(m.x):
        if values[x.index] > 0:
            plan.alloc[i] = values[x.index]
    for units, heads, out in (
        (m.hire_units, m.hire_heads, plan.hires),
        (m.contract_units, m.contract_heads, plan.contracts),
    ):
        for did, u in units.items():
            if values[u.index] > 0:
                out[did] = (values[u.index], values[heads[did].index])
    for pid, d in m.displaced.items():
        if values[d.index] > 0:
            plan.displaced[pid] = values[d.index]
    return plan


def hint_values(m: Model, plan: PlanValues) -> None:
    """Seeds CP-SAT with a complete plan: decisions and every derived variable (slack, trainings, moves)."""
    prep = m.prep
    supplied = {d: 0 for d in prep.demands}
    people_on = {d: 0 for d in prep.demands}
    pairs: list[tuple[int, int]] = []
    for i, (x, y) in enumerate(zip(m.x, m.y, strict=True)):
        units = plan.alloc.get(i, 0)
        pairs.append((x.index, units))
        pairs.append((y.index, 1 if units else 0))
        if units:
            supplied[prep.options[i].demand] += units
            people_on[prep.options[i].demand] += 1
    for units, heads, src in (
        (m.hire_units, m.hire_heads, plan.hires),
        (m.contract_units, m.contract_heads, plan.contracts),
    ):
        for did, u in units.items():
            value = src.get(did, (0, 0))
            pairs.append((u.index, value[0]))
            pairs.append((heads[did].index, value[1]))
            supplied[did] += value[0]
            people_on[did] += value[1]
    for did, v in m.uncovered.items():
        pairs.append((v.index, max(0, prep.demands[did].required_units - supplied[did])))
    for did, v in m.shortfall.items():
        pairs.append((v.index, max(0, 2 - people_on[did])))
    for key, t in m.train.items():
        pairs.append((t.index, 1 if any(i in plan.alloc for i in prep.training_users(key)) else 0))
    for pid, v in m.moved.items():
        moved = any(i in plan.alloc and prep.options[i].disruption_cost > 0 for i in prep.by_person[pid])
        pairs.append((v.index, 1 if moved else 0))
    for pid, v in m.displaced.items():
        pairs.append((v.index, plan.displaced.get(pid, 0)))
    for name, t in m.extra_training.items():
        users = m.extra_training_users[name]
        pairs.append((t.index, 1 if any(i in plan.alloc for i in users) else 0))
    # Written straight into the proto: add_hint() one variable at a time dominated large builds.
    m.cp.clear_hints()
    hint = m.cp.proto.solution_hint
    hint.vars.extend(v for v, _ in pairs)
    hint.values.extend(val for _, val in pairs)


@dataclass
class SolutionParts:
    """The Solution lists one component contributes."""

    allocations: list[Allocation] = field(default_factory=list)
    procurements: list[Procurement] = field(default_factory=list)
    trainings: list[TrainingPlan] = field(default_factory=list)
    displacements: list[Displacement] = field(default_factory=list)
    uncovered: list[UncoveredDemand] = field(default_factory=list)


def to_parts(prep: Prepared, plan: PlanValues) -> SolutionParts:
    """Turns plain numbers into the Solution's allocations, procurements, trainings and uncovered units."""
    out = SolutionParts()
    trainings: dict[tuple[str, str, int], TrainingPlan] = {}
    supplied: dict[str, int] = {}
    for i in sorted(plan.alloc):
        o, units = prep.options[i], plan.alloc[i]
        person = prep.people[o.person]
        out.allocations.append(
            Allocation(
                person=o.person,
                demand=o.demand,
                units=units,
                trainings=list(o.trainings),
                cost=person.cost_per_unit * units,
                moved=o.disruption_cost > 0,
            )
        )
        supplied[o.demand] = supplied.get(o.demand, 0) + units
        for s in o.trainings:
            key = (o.person, s.skill, s.to_level)
            if key not in trainings:
                trainings[key] = TrainingPlan(
                    person=o.person, skill=s.skill, from_level=s.from_level, to_level=s.to_level,
                    weeks=s.weeks, cost=s.cost,
                )
            trainings[key].demands.append(o.demand)
    for kind, src in (("hire", plan.hires), ("contract", plan.contracts)):
        for did in sorted(src):
            units, heads = src[did]
            route = getattr(prep.demands[did], kind)
            out.procurements.append(
                Procurement(
                    demand=did, kind=kind, units=units, heads=max(1, heads),
                    cost=route.cost_per_unit * units, lead_weeks=route.lead_weeks,
                )
            )
            supplied[did] = supplied.get(did, 0) + units
    out.trainings = [trainings[k] for k in sorted(trainings)]
    for pid in sorted(plan.displaced):
        units = plan.displaced[pid]
        out.displacements.append(
            Displacement(person=pid, units=units, cost=prep.people[pid].displacement_cost_per_unit * units)
        )
    for did in sorted(prep.demands):
        gap = prep.demands[did].required_units - supplied.get(did, 0)
        if gap > 0:
            out.uncovered.append(UncoveredDemand(demand=did, units=gap))
    return out
