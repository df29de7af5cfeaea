"""Who may take which demand: exclusions, locked people, training in time, training allowed, enough capacity."""
from __future__ import annotations

from solver.schema import Demand, Instance, Option, Person


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
    if cap < max(1, min(inst.min_alloc_units, demand.required_units)):
        return "no_capacity"
    return None
