"""The list of rule builders the model applies, in order."""
from solver.rules.allocation import capacity, exclusive_roles, max_roles, no_slivers
from solver.rules.coverage import bus_factor, coverage, sourcing_heads
from solver.rules.decisions import exclusions, locked, pins
from solver.rules.disruption import moves, newcomer_pairing
from solver.rules.money import budgets
from solver.rules.sourcing import hire_caps, sourcing_policy
from solver.rules.training import training_in_time, training_prerequisite

#: Every rule, in the order they are added to the model.
RULES = [
    no_slivers,
    capacity,
    max_roles,
    exclusive_roles,
    coverage,
    sourcing_heads,
    sourcing_policy,
    hire_caps,
    training_prerequisite,
    training_in_time,
    budgets,
    pins,
    exclusions,
    locked,
    bus_factor,
    moves,
    newcomer_pairing,
]
