"""build(): a component's CP-SAT model, its decision variables and then every business rule in RULES."""
from __future__ import annotations

from collections.abc import Callable

from ortools.sat.python import cp_model

from solver.model import Model, add_decisions
from solver.prepare import Prepared
from solver.rules.catalogue import RULES


def build(prep: Prepared, *, guarded: bool = False, rules: list[Callable[[Model], None]] | None = None) -> Model:
    """Builds the model: decision variables, then every business rule in RULES (`guarded`: the hard decisions
    behind assumption literals, so an infeasibility can name them)."""
    m = Model(cp=cp_model.CpModel(), prep=prep, guarded=guarded)
    add_decisions(m)
    for rule in rules if rules is not None else RULES:
        rule(m)
    return m
