"""build(): a component's CP-SAT model, its decision variables and then every business rule in RULES."""
from __future__ import annotations

from ortools.sat.python import cp_model

from solver.model import Model, add_decisions
from solver.prepare import Prepared
from solver.rules.catalogue import RULES


class CpModel(cp_model.CpModel):
    """OR-Tools' model without its camelCase aliases: it sets them on every instance as closures over the instance,
    a reference cycle per model that only the cyclic collector frees, and a plan builds dozens of small models (what
    their collection cost the window: docs/solver.md)."""

    def _add_pre_pep8_methods(self) -> None:
        """The aliases (AddBoolOr, NewIntVar …) are not used here."""


def build(prep: Prepared, *, guarded: bool = False) -> Model:
    """Builds the model: decision variables, then every business rule in RULES (`guarded`: the hard decisions
    behind assumption literals, so an infeasibility can name them)."""
    m = Model(cp=CpModel(), prep=prep, guarded=guarded)
    add_decisions(m)
    for rule in RULES:
        rule(m)
    return m
