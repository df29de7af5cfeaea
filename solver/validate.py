"""Checks any plan (solver-made or hand-edited) against every rule, without the solver, in business words."""
from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, Field

from solver.allowed import contract_blocker, hire_blocker, is_excluded, training_forbidden, training_too_long
from solver.objective import (
    bus_shortfall,
    heads_on,
    initiative_spend,
    level_values,
    supplied_units,
    total_cost,
)
from solver.prepare import min_alloc_for
from solver.schema import Config, Instance, Option, Solution

_BLOCKERS = {
    "not_offered": "is not offered for this role",
    "hiring_freeze": "is blocked by the hiring freeze",
    "hire_cap": "is blocked: the hire cap is zero",
    "hire_lead_time": "cannot start before go-live (lead time too long)",
    "no_contractors": "is not allowed: the initiative takes no contractors",
    "contract_lead_time": "cannot start before go-live (lead time too long)",
}


class Violation(BaseModel):
    """One broken rule in a plan, named by rule and subject, with a sentence for the delivery lead."""

    rule: str = Field(description="Rule id, e.g. 'capacity', 'budget', 'pin'.")
    subject: str = Field(description="Person, demand or initiative concerned.")
    message: str


def validate(
    instance: Instance,
    solution: Solution,
    *,
    config: Config | None = None,
    options: Mapping[tuple[str, str], Option] | None = None,
) -> list[Violation]:
    """Every rule the plan breaks (empty when the plan is valid); also checks the objective values it claims.
    `options`: the instance's options by (person, demand), when the caller already has them indexed."""
    config = config or Config()
    v: list[Violation] = []
    if solution.status in ("infeasible", "no_plan"):
        return v
    inst, sol = instance, solution
    people = {p.id: p for p in inst.people}
    demands = {d.id: d for d in inst.demands}
    if options is None:
        options = {(o.person, o.demand): o for o in inst.options}
    allowed = {(p.person, p.demand) for p in inst.pins}
    allowed |= {(p.id, d) for p in inst.people if p.locked for d in p.current_allocations}
    full = inst.units_per_fte

    def add(rule: str, subject: str, message: str) -> None:
        v.append(Violation(rule=rule, subject=subject, message=message))

    placed: dict[str, list[str]] = {}
    units_of: dict[str, int] = {}
    seen_pairs: set[tuple[str, str]] = set()
    for a in sol.allocations:
        if a.person not in people or a.demand not in demands:
            add("unknown", a.person if a.person not in people else a.demand,
                f"allocation names an unknown {'person' if a.person not in people else 'demand'}")
            continue
        person, demand = people[a.person], demands[a.demand]
        who, what = person.label or person.id, demand.label or demand.id
        if (a.person, a.demand) in seen_pairs:
            add("duplicate", a.person, f"{who} is listed twice on {what}")
        seen_pairs.add((a.person, a.demand))
        option = options.get((a.person, a.demand))
        if option is None and (a.person, a.demand) not in allowed:
            add("eligibility", a.person, f"{who} is not qualified (nor trainable in time) for {what}")
        least = min_alloc_for(inst, demand)
        if a.units < least:
            add("no_slivers", a.person, f"{who} gives {what} {a.units} units, below the minimum of {least}")
        if is_excluded(inst, person, demand):
            add("exclusion", a.person, f"{who} is excluded from {what}")
        if option is not None:
            needed = {(s.skill, s.to_level) for s in option.trainings}
            if needed - {(s.skill, s.to_level) for s in a.trainings}:
                add("training_prerequisite", a.person, f"{who} needs training before taking {what}")
            if option.max_units is not None and a.units > option.max_units:
                add("capacity", a.person, f"{who} can give {what} at most {option.max_units} units")
            if training_too_long(inst, demand, option):
                add("training_in_time", a.person, f"{who}'s training for {what} does not finish before go-live")
            if training_forbidden(inst, demand, option):
                add("policy", a.person, f"{what}'s initiative does not allow upskilling")
        placed.setdefault(a.person, []).append(a.demand)
        units_of[a.person] = units_of.get(a.person, 0) + a.units

    displaced = {d.person: d.units for d in sol.displacements}
    for pid, ds in sorted(placed.items()):
        person = people[pid]
        who = person.label or pid
        extra = min(displaced.get(pid, 0), person.displaceable_units)
        if displaced.get(pid, 0) > person.displaceable_units:
            add("capacity", pid, f"{who} has only {person.displaceable_units} tentative units to displace")
        if units_of[pid] > person.free_units + extra:
            add("capacity", pid,
                f"{who} is allocated {units_of[pid]} units but has {person.free_units + extra} available")
        limit = person.max_roles if person.max_roles is not None else inst.max_roles_default
        if len(set(ds)) > limit:
            add("max_roles", pid, f"{who} holds {len(set(ds))} roles, more than the maximum of {limit}")
        if len(set(ds)) > 1 and any(not demands[d].shareable for d in ds):
            add("exclusive_role", pid, f"{who} is on a role that cannot be shared, and on other roles too")

    supplied = supplied_units(sol)
    listed = {u.demand: u.units for u in sol.uncovered}
    for d in inst.demands:
        what = d.label or d.id
        got = supplied.get(d.id, 0)
        if got > d.required_units:
            add("coverage", d.id, f"{what} receives {got} units but needs only {d.required_units}")
        gap = max(0, d.required_units - got)
        if listed.get(d.id, 0) != gap:
            add("coverage", d.id, f"{what} is {gap} units short but the plan lists {listed.get(d.id, 0)} uncovered")

    hires_by_init: dict[str, int] = {}
    for p in sol.procurements:
        demand = demands.get(p.demand)
        if demand is None:
            add("unknown", p.demand, "a hire or contract names an unknown demand")
            continue
        what = demand.label or demand.id
        blocker = (hire_blocker if p.kind == "hire" else contract_blocker)(inst, demand)
        if blocker is not None:
            rule = "lead_time" if blocker.endswith("lead_time") else "policy"
            add(rule, p.demand, f"{'Hiring' if p.kind == 'hire' else 'A contractor'} for {what} {_BLOCKERS[blocker]}")
        route = getattr(demand, p.kind)
        if route is not None and route.max_units is not None and p.units > route.max_units:
            add("policy", p.demand, f"{what} can take at most {route.max_units} {p.kind}d units")
        least = min_alloc_for(inst, demand)
        if p.units > p.heads * full or p.units < p.heads * least:
            add("heads", p.demand, f"{p.heads} {p.kind} head(s) cannot supply {p.units} units on {what}")
        if p.kind == "hire":
            hires_by_init[demand.initiative] = hires_by_init.get(demand.initiative, 0) + p.heads
    for ini in inst.initiatives:
        if ini.max_hires is not None and hires_by_init.get(ini.id, 0) > ini.max_hires:
            add("hire_cap", ini.id, f"{ini.label or ini.id} hires {hires_by_init[ini.id]}, above its cap of {ini.max_hires}")
        if ini.budget is not None:
            spend = initiative_spend(inst, sol, ini.id)
            if spend > ini.budget:
                add("budget", ini.id, f"{ini.label or ini.id} spends {spend}, over its budget of {ini.budget} by {spend - ini.budget}")
    if inst.max_hires_global is not None and sum(hires_by_init.values()) > inst.max_hires_global:
        add("hire_cap", "portfolio", f"the plan hires {sum(hires_by_init.values())}, above the cap of {inst.max_hires_global}")
    if inst.global_budget is not None:
        spend = total_cost(inst, sol)
        if spend > inst.global_budget:
            add("budget", "portfolio", f"the plan spends {spend}, over the portfolio budget by {spend - inst.global_budget}")

    units_on = {(a.person, a.demand): a.units for a in sol.allocations}
    for pin in inst.pins:
        got = units_on.get((pin.person, pin.demand))
        who = people[pin.person].label or pin.person if pin.person in people else pin.person
        if got is None:
            add("pin", pin.person, f"{who} is pinned to {pin.demand} but not placed there")
        elif (pin.units is not None and got != pin.units) or (pin.min_units is not None and got < pin.min_units):
            add("pin", pin.person, f"{who} is pinned to {pin.demand} at {pin.units or pin.min_units} units, plan gives {got}")
    for person in inst.people:
        if not person.locked:
            continue
        mine = {d: u for (p, d), u in units_on.items() if p == person.id}
        keep = {d: u for d, u in person.current_allocations.items() if u > 0 and d in demands}
        if mine != keep:
            add("locked", person.id, f"{person.label or person.id} is locked but the plan changes their allocations")

    heads = heads_on(sol)
    for d in inst.demands:
        if not d.pair_newcomers:
            continue
        mine = [a for a in sol.allocations if a.demand == d.id]
        hired = sum(p.heads for p in sol.procurements if p.demand == d.id)
        moved = [a for a in mine if (o := options.get((a.person, a.demand))) is not None and o.disruption_cost > 0]
        if (moved or hired) and len(moved) == len(mine):
            add("pairing", d.id, f"newcomers on {d.label or d.id} have no incumbent to pair with")
    short = bus_shortfall(inst, sol)
    claimed = {p.subject: p.amount for p in sol.penalties if p.rule == "bus_factor"}
    for did, amount in short.items():
        if claimed.get(did) != amount:
            add("bus_factor", did, f"{demands[did].label or did} has {heads.get(did, 0)} people but the plan does not report the bus-factor shortfall")

    values = level_values(inst, sol, config, options=options)
    for level in sol.levels:
        if level.value != values[level.name]:
            add("objective", level.name, f"the plan claims {level.name} = {level.value}, but it is {values[level.name]}")
    if sol.total_cost != values["cost"]:
        add("objective", "cost", f"the plan claims a total cost of {sol.total_cost}, but it is {values['cost']}")
    return v
