"""What the rules allow, as plain predicates that the model's rule builders, prepare(), the greedy, the relaxations
and the validator share: who may take which demand (exclusions, locked people, training in time and allowed,
enough capacity) and which hire and contract routes a demand may use (offered, policy, lead time, caps)."""
from __future__ import annotations

from solver.schema import Demand, Instance, Option, Person, Sourcing


def min_alloc_for(inst: Instance, demand: Demand) -> int:
    """No slivers: the least units a person may give a demand (a demand smaller than that is one person's)."""
    return max(1, min(inst.min_alloc_units, demand.required_units))


def option_cap(inst: Instance, person: Person, demand: Demand, option: Option) -> int:
    """The most units this person could ever give this demand."""
    cap = min(demand.required_units, person.free_units + person.displaceable_units)
    if option.max_units is not None:
        cap = min(cap, option.max_units)
    if person.locked:
        cap = min(cap, person.current_allocations.get(demand.id, 0))
    return max(0, cap)


def is_excluded(inst: Instance, person: Person, demand: Demand) -> bool:
    """True when an exclusion forbids this person on this demand."""
    return any(e.person == person.id and e.applies(demand) for e in inst.exclusions)


def training_too_long(inst: Instance, demand: Demand, option: Option) -> bool:
    """True when a training this option needs would not finish by the demand's go-live."""
    if not option.trainings:
        return False
    go_live = inst.go_live(demand)
    return go_live is not None and any(step.weeks > go_live for step in option.trainings)


def training_forbidden(inst: Instance, demand: Demand, option: Option) -> bool:
    """True when the option needs training but the initiative does not allow upskilling."""
    return bool(option.trainings) and not inst.initiative(demand.initiative).allow_training


def why_unusable(inst: Instance, person: Person, demand: Demand, option: Option, cap: int) -> str | None:
    """The first rule that forbids this option outright, or None when it is usable."""
    if is_excluded(inst, person, demand):
        return "excluded"
    if person.locked and person.current_allocations.get(demand.id, 0) == 0:
        return "locked"
    if training_too_long(inst, demand, option):
        return "training_too_long"
    if training_forbidden(inst, demand, option):
        return "training_not_allowed"
    if cap < min_alloc_for(inst, demand):
        return "no_capacity"
    return None


def route_blocker(inst: Instance, demand: Demand, kind: str) -> str | None:
    """Why a demand may not use its hire or contract route ('not_offered', 'hiring_freeze', 'hire_cap',
    'no_contractors', 'hire_lead_time', 'contract_lead_time'), or None when it may."""
    route = getattr(demand, kind)
    if route is None or not route.allowed:
        return "not_offered"
    initiative = inst.initiative(demand.initiative)
    if kind == "hire" and initiative.hiring_freeze:
        return "hiring_freeze"
    if kind == "hire" and (initiative.max_hires == 0 or inst.max_hires_global == 0):
        return "hire_cap"
    if kind == "contract" and not initiative.allow_contractors:
        return "no_contractors"
    go_live = inst.go_live(demand)
    if go_live is not None and route.lead_weeks > go_live:
        return f"{kind}_lead_time"
    return None


def open_routes(inst: Instance, demand: Demand) -> list[tuple[str, Sourcing]]:
    """The routes a demand may use, hire first: offered, allowed by policy and able to start before go-live."""
    return [(kind, getattr(demand, kind)) for kind in ("hire", "contract") if route_blocker(inst, demand, kind) is None]


def route_units(route: Sourcing, required: int) -> int:
    """The most units a route may supply to a demand that needs `required`."""
    return required if route.max_units is None else min(route.max_units, required)
