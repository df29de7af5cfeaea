"""Checks any plan (solver-made or hand-edited) against every rule, without the solver: one `check_<rule>` per
builder of `solver.rules.catalogue.RULES`, plus known rows, eligible pairs and the objective values the plan claims
(recomputed in solver/objective.py). A violation is a fact; the app words it (app/planning/words)."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from pydantic import BaseModel, Field

from solver.allowed import (
    is_excluded,
    min_alloc_for,
    route_blocker,
    training_forbidden,
    training_too_long,
)
from solver.objective import (
    bus_shortfall,
    heads_on,
    level_values,
    option_index,
    spend,
    supplied_units,
)
from solver.schema import Allocation, Config, Demand, Instance, Option, Person, Procurement, Solution


class Violation(BaseModel):
    """One broken rule: which rule, which way, about whom, with the numbers (the app says it in words)."""

    rule: str = Field(description="The rule broken: a builder name of RULES, or references/eligibility/objective.")
    case: str = Field(default="", description="Which way, when a rule can be broken several ways.")
    person: str | None = None
    demand: str | None = None
    initiative: str | None = Field(default=None, description="An initiative id, or 'portfolio'.")
    numbers: dict[str, int] = Field(default_factory=dict, description="The figures, in units or money.")

    @property
    def subject(self) -> str:
        """The person, demand or initiative concerned (the first one set)."""
        return self.person or self.demand or self.initiative or self.case


@dataclass
class Checked:
    """The instance and the plan under check, with the lookups every check shares."""

    inst: Instance
    sol: Solution
    config: Config
    options: Mapping[tuple[str, str], Option]
    people: dict[str, Person] = field(init=False)
    demands: dict[str, Demand] = field(init=False)

    def __post_init__(self) -> None:
        self.people = {p.id: p for p in self.inst.people}
        self.demands = {d.id: d for d in self.inst.demands}

    @cached_property
    def allocations(self) -> list[tuple[Allocation, Person, Demand]]:
        """The allocations that name a known person and demand."""
        return [(a, self.people[a.person], self.demands[a.demand]) for a in self.sol.allocations
                if a.person in self.people and a.demand in self.demands]

    @cached_property
    def placed(self) -> dict[str, list[str]]:
        """Demands per person, in plan order."""
        out: dict[str, list[str]] = {}
        for a, _, _ in self.allocations:
            out.setdefault(a.person, []).append(a.demand)
        return out

    @cached_property
    def units(self) -> dict[tuple[str, str], int]:
        """Units per (person, demand)."""
        return {(a.person, a.demand): a.units for a in self.sol.allocations}

    @cached_property
    def optioned(self) -> list[tuple[Allocation, Demand, Option]]:
        """The allocations the instance lists an option for, with that option."""
        return [(a, demand, o) for a, _, demand in self.allocations if (o := self.option(a)) is not None]

    @cached_property
    def procurements(self) -> list[tuple[Procurement, Demand]]:
        """The hires and contracts that name a known demand."""
        return [(r, self.demands[r.demand]) for r in self.sol.procurements if r.demand in self.demands]

    def option(self, a: Allocation) -> Option | None:
        """The option behind an allocation, if the instance lists one."""
        return self.options.get((a.person, a.demand))


Check = Callable[[Checked], list[Violation]]


def check_references(p: Checked) -> list[Violation]:
    """Every row names a known person and demand, and a person appears once per demand."""
    out, seen = [], set()
    for a in p.sol.allocations:
        if a.person not in p.people:
            out.append(Violation(rule="references", case="unknown_person", person=a.person, demand=a.demand))
        elif a.demand not in p.demands:
            out.append(Violation(rule="references", case="unknown_demand", person=a.person, demand=a.demand))
        elif (a.person, a.demand) in seen:
            out.append(Violation(rule="references", case="duplicate", person=a.person, demand=a.demand))
        seen.add((a.person, a.demand))
    out += [Violation(rule="references", case="unknown_demand", demand=r.demand)
            for r in p.sol.procurements if r.demand not in p.demands]
    return out


def check_eligibility(p: Checked) -> list[Violation]:
    """A person takes only a role they qualify for (or can train for in time), unless pinned or locked there."""
    allowed = {(pin.person, pin.demand) for pin in p.inst.pins}
    allowed |= {(q.id, d) for q in p.inst.people if q.locked for d in q.current_allocations}
    return [Violation(rule="eligibility", person=a.person, demand=a.demand) for a, _, _ in p.allocations
            if p.option(a) is None and (a.person, a.demand) not in allowed]


def check_no_slivers(p: Checked) -> list[Violation]:
    """An allocation is zero or at least the minimum allocation."""
    out = []
    for a, _, demand in p.allocations:
        least = min_alloc_for(p.inst, demand)
        if a.units < least:
            out.append(Violation(rule="no_slivers", person=a.person, demand=a.demand,
                                 numbers={"units": a.units, "minimum": least}))
    return out


def check_capacity(p: Checked) -> list[Violation]:
    """A person's allocations stay within the pair's cap and their free time plus displaceable tentative work."""
    out = []
    for a, _, option in p.optioned:
        if option.max_units is not None and a.units > option.max_units:
            out.append(Violation(rule="capacity", case="pair_cap", person=a.person, demand=a.demand,
                                 numbers={"units": a.units, "cap": option.max_units}))
    displaced = {d.person: d.units for d in p.sol.displacements}
    total: dict[str, int] = {}
    for a, _, _ in p.allocations:
        total[a.person] = total.get(a.person, 0) + a.units
    for pid in sorted(total):
        person = p.people[pid]
        asked = displaced.get(pid, 0)
        if asked > person.displaceable_units:
            out.append(Violation(rule="capacity", case="displaced", person=pid,
                                 numbers={"displaced": asked, "displaceable": person.displaceable_units}))
        available = person.free_units + min(asked, person.displaceable_units)
        if total[pid] > available:
            out.append(Violation(rule="capacity", case="over", person=pid,
                                 numbers={"units": total[pid], "available": available}))
    return out


def check_max_roles(p: Checked) -> list[Violation]:
    """A person holds at most their maximum number of concurrent roles."""
    out = []
    for pid, ds in sorted(p.placed.items()):
        limit = p.inst.max_roles(p.people[pid])
        if len(set(ds)) > limit:
            out.append(Violation(rule="max_roles", person=pid, numbers={"roles": len(set(ds)), "maximum": limit}))
    return out


def check_exclusive_roles(p: Checked) -> list[Violation]:
    """A person on a role that cannot be shared takes no other role."""
    return [Violation(rule="exclusive_roles", person=pid,
                      demand=next(d for d in ds if not p.demands[d].shareable))
            for pid, ds in sorted(p.placed.items())
            if len(set(ds)) > 1 and any(not p.demands[d].shareable for d in ds)]


def check_coverage(p: Checked) -> list[Violation]:
    """A demand receives no more than it needs, and what it lacks is listed as uncovered."""
    out = []
    supplied = supplied_units(p.sol)
    listed = {u.demand: u.units for u in p.sol.uncovered}
    for d in p.inst.demands:
        got = supplied.get(d.id, 0)
        if got > d.required_units:
            out.append(Violation(rule="coverage", case="over", demand=d.id,
                                 numbers={"units": got, "required": d.required_units}))
        gap = max(0, d.required_units - got)
        if listed.get(d.id, 0) != gap:
            out.append(Violation(rule="coverage", case="unlisted", demand=d.id,
                                 numbers={"short": gap, "listed": listed.get(d.id, 0)}))
    return out


def check_sourcing_heads(p: Checked) -> list[Violation]:
    """Hired and contracted units come in heads of at most one FTE and at least the minimum allocation."""
    out = []
    for r, demand in p.procurements:
        if r.units > r.heads * p.inst.units_per_fte or r.units < r.heads * min_alloc_for(p.inst, demand):
            out.append(Violation(rule="sourcing_heads", case=r.kind, demand=r.demand,
                                 numbers={"heads": r.heads, "units": r.units}))
    return out


def check_sourcing_policy(p: Checked) -> list[Violation]:
    """A hire or contractor is used only if offered, allowed, able to start before go-live, and within its cap."""
    out = []
    for r, demand in p.procurements:
        blocker = route_blocker(p.inst, demand, r.kind)
        if blocker is not None:
            out.append(Violation(rule="sourcing_policy", case=f"{r.kind}:{blocker}", demand=r.demand))
        route = getattr(demand, r.kind)
        if route is not None and route.max_units is not None and r.units > route.max_units:
            out.append(Violation(rule="sourcing_policy", case=f"{r.kind}:route_cap", demand=r.demand,
                                 numbers={"units": r.units, "cap": route.max_units}))
    return out


def _hires(p: Checked) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in p.sol.procurements:
        if r.kind == "hire" and r.demand in p.demands:
            ini = p.demands[r.demand].initiative
            out[ini] = out.get(ini, 0) + r.heads
    return out


def check_hire_caps(p: Checked) -> list[Violation]:
    """Hired heads stay within each initiative's cap and the global cap."""
    hires = _hires(p)
    out = [Violation(rule="hire_caps", initiative=ini.id, numbers={"hires": hires[ini.id], "cap": ini.max_hires})
           for ini in p.inst.initiatives if ini.max_hires is not None and hires.get(ini.id, 0) > ini.max_hires]
    cap = p.inst.max_hires_global
    if cap is not None and sum(hires.values()) > cap:
        out.append(Violation(rule="hire_caps", initiative="portfolio", numbers={"hires": sum(hires.values()),
                                                                                "cap": cap}))
    return out


def check_training_prerequisite(p: Checked) -> list[Violation]:
    """An allocation that relies on training lists that training."""
    out = []
    for a, _, option in p.optioned:
        needed = {(s.skill, s.to_level) for s in option.trainings}
        if needed - {(s.skill, s.to_level) for s in a.trainings}:
            out.append(Violation(rule="training_prerequisite", person=a.person, demand=a.demand))
    return out


def check_training_in_time(p: Checked) -> list[Violation]:
    """A training finishes before the go-live it serves, and only where upskilling is allowed."""
    out = []
    for a, demand, option in p.optioned:
        if training_too_long(p.inst, demand, option):
            out.append(Violation(rule="training_in_time", case="too_long", person=a.person, demand=a.demand))
        if training_forbidden(p.inst, demand, option):
            out.append(Violation(rule="training_in_time", case="not_allowed", person=a.person, demand=a.demand,
                                 initiative=demand.initiative))
    return out


def check_budgets(p: Checked) -> list[Violation]:
    """Spend stays within each initiative's budget and within the portfolio budget."""
    out = []
    for ini in p.inst.initiatives:
        if ini.budget is not None:
            used = spend(p.inst, p.sol, ini.id)
            if used > ini.budget:
                out.append(Violation(rule="budgets", initiative=ini.id, numbers={"spend": used, "budget": ini.budget}))
    if p.inst.global_budget is not None:
        used = spend(p.inst, p.sol)
        if used > p.inst.global_budget:
            out.append(Violation(rule="budgets", initiative="portfolio",
                                 numbers={"spend": used, "budget": p.inst.global_budget}))
    return out


def check_pins(p: Checked) -> list[Violation]:
    """A pinned person is on the pinned demand, at the pinned units or at least the minimum."""
    out = []
    for pin in p.inst.pins:
        got = p.units.get((pin.person, pin.demand))
        if got is None:
            out.append(Violation(rule="pins", case="missing", person=pin.person, demand=pin.demand))
        elif (pin.units is not None and got != pin.units) or (pin.min_units is not None and got < pin.min_units):
            out.append(Violation(rule="pins", case="units", person=pin.person, demand=pin.demand,
                                 numbers={"pinned": pin.units or pin.min_units or 0, "units": got}))
    return out


def check_exclusions(p: Checked) -> list[Violation]:
    """An excluded person is never placed where the exclusion applies."""
    return [Violation(rule="exclusions", person=a.person, demand=a.demand) for a, person, demand in p.allocations
            if is_excluded(p.inst, person, demand)]


def check_locked(p: Checked) -> list[Violation]:
    """A locked person keeps exactly their current allocations and takes nothing else."""
    out = []
    for person in p.inst.people:
        if not person.locked:
            continue
        mine = {d: u for (q, d), u in p.units.items() if q == person.id}
        keep = {d: u for d, u in person.current_allocations.items() if u > 0 and d in p.demands}
        if mine != keep:
            out.append(Violation(rule="locked", person=person.id))
    return out


def check_bus_factor(p: Checked) -> list[Violation]:
    """An operations-critical demand short of two distinct people reports that shortfall as a penalty."""
    heads = heads_on(p.sol)
    claimed = {q.subject: q.amount for q in p.sol.penalties if q.rule == "bus_factor"}
    return [Violation(rule="bus_factor", demand=did, numbers={"people": heads.get(did, 0), "short": amount})
            for did, amount in bus_shortfall(p.inst, p.sol).items() if claimed.get(did) != amount]


def check_moves(p: Checked) -> list[Violation]:
    """An allocation is marked as a move exactly when the person is new to the initiative."""
    out = []
    for a, _, _ in p.allocations:
        option = p.option(a)
        new = option is not None and option.disruption_cost > 0
        if a.moved != new:
            out.append(Violation(rule="moves", case="marked" if a.moved else "unmarked", person=a.person,
                                 demand=a.demand))
    return out


def check_newcomer_pairing(p: Checked) -> list[Violation]:
    """Where asked, newcomers on a demand (moved people and hires) work alongside at least one incumbent."""
    out = []
    for d in p.inst.demands:
        if not d.pair_newcomers:
            continue
        mine = [a for a in p.sol.allocations if a.demand == d.id]
        hired = sum(r.heads for r in p.sol.procurements if r.demand == d.id)
        moved = [a for a in mine if (o := p.option(a)) is not None and o.disruption_cost > 0]
        if (moved or hired) and len(moved) == len(mine):
            out.append(Violation(rule="newcomer_pairing", demand=d.id))
    return out


def check_objective(p: Checked) -> list[Violation]:
    """The objective values the plan claims are the ones computed from the plan itself."""
    values = level_values(p.inst, p.sol, p.config, options=p.options)
    out = [Violation(rule="objective", case=level.name, numbers={"claimed": level.value, "actual": values[level.name]})
           for level in p.sol.levels if level.value != values[level.name]]
    if p.sol.total_cost != values["cost"]:
        out.append(Violation(rule="objective", case="total_cost",
                             numbers={"claimed": p.sol.total_cost, "actual": values["cost"]}))
    return out


#: One check per rule of the model (named as its builder in solver.rules.catalogue.RULES), then the checks
#: every plan needs whatever the model.
CHECKS: dict[str, Check] = {
    "no_slivers": check_no_slivers,
    "capacity": check_capacity,
    "max_roles": check_max_roles,
    "exclusive_roles": check_exclusive_roles,
    "coverage": check_coverage,
    "sourcing_heads": check_sourcing_heads,
    "sourcing_policy": check_sourcing_policy,
    "hire_caps": check_hire_caps,
    "training_prerequisite": check_training_prerequisite,
    "training_in_time": check_training_in_time,
    "budgets": check_budgets,
    "pins": check_pins,
    "exclusions": check_exclusions,
    "locked": check_locked,
    "bus_factor": check_bus_factor,
    "moves": check_moves,
    "newcomer_pairing": check_newcomer_pairing,
    "references": check_references,
    "eligibility": check_eligibility,
    "objective": check_objective,
}


def validate(
    instance: Instance,
    solution: Solution,
    *,
    config: Config | None = None,
    options: Mapping[tuple[str, str], Option] | None = None,
) -> list[Violation]:
    """Every rule the plan breaks (empty when the plan is valid); also checks the objective values it claims.
    `options`: the instance's options by (person, demand), when the caller already has them indexed."""
    if solution.status in ("infeasible", "no_plan"):
        return []
    plan = Checked(inst=instance, sol=solution, config=config or Config(),
                   options=option_index(instance) if options is None else options)
    return [v for check in CHECKS.values() for v in check(plan)]
