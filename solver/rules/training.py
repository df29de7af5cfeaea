"""Upskilling: an option that relies on training needs that training, paid once per person and skill."""
from __future__ import annotations

from solver.allowed import training_forbidden, training_too_long
from solver.model import Model


def training_prerequisite(m: Model) -> None:
    """Using a trained option requires its trainings; one training serves all demands that need it."""
    for key, idx in m.prep.training_keys.items():
        t = m.train[key] = m.cp.new_bool_var(f"training(person={key[0]},skill={key[1]},to={key[2]})")
        for i in idx:
            m.cp.add_implication(m.y[i], t)
        if len(idx) >= 2:
            # Implied, but it tightens the LP: all the units a training unlocks fit in the person's time only
            # once it is bought.
            person = m.prep.people[key[0]]
            room = person.free_units + person.displaceable_units
            m.cp.add(sum(m.x[i] for i in idx) <= room * t)


def training_in_time(m: Model) -> None:
    """A training must finish before the go-live it serves, and only where upskilling is allowed."""
    for i, o in enumerate(m.prep.options):
        demand = m.prep.demands[o.demand]
        if training_too_long(m.prep.inst, demand, o) or training_forbidden(m.prep.inst, demand, o):
            m.cp.add(m.y[i] == 0)
