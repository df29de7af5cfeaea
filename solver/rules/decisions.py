"""Agreed decisions: pins are forced, exclusions respected, locked people keep their current work."""
from __future__ import annotations

from solver.allowed import is_excluded
from solver.model import Model


def pins(m: Model) -> None:
    """A pinned person is on the pinned demand, at exactly the pinned units or at least the minimum."""
    index = {(o.person, o.demand): i for i, o in enumerate(m.prep.options)}
    for pin in m.prep.inst.pins:
        i = index.get((pin.person, pin.demand))
        if i is None:
            continue  # the demand is in another component
        name = f"pin(person={pin.person},demand={pin.demand})"
        m.enforce(m.cp.add(m.y[i] == 1), name)
        if pin.units is not None:
            m.enforce(m.cp.add(m.x[i] == pin.units), name)
        elif pin.min_units is not None:
            m.enforce(m.cp.add(m.x[i] >= pin.min_units), name)


def exclusions(m: Model) -> None:
    """An excluded person is never placed where the exclusion applies."""
    for i, o in enumerate(m.prep.options):
        if is_excluded(m.prep.inst, m.prep.people[o.person], m.prep.demands[o.demand]):
            m.cp.add(m.y[i] == 0)


def locked(m: Model) -> None:
    """A locked person keeps exactly their current allocations and takes nothing else."""
    for pid, idx in m.prep.by_person.items():
        person = m.prep.people[pid]
        if not person.locked:
            continue
        for i in idx:
            units = person.current_allocations.get(m.prep.options[i].demand, 0)
            name = f"locked(person={pid})"
            m.enforce(m.cp.add(m.x[i] == units), name)
            m.enforce(m.cp.add(m.y[i] == (1 if units > 0 else 0)), name)
