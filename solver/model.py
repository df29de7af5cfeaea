"""The CP-SAT model: decision variables, the rule builders applied in order, and the objective levels."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.prepare import Prepared, TrainingKey


@dataclass
class Model:
    """A CP-SAT model under construction with its variables, named after their rule and subject."""

    cp: cp_model.CpModel
    prep: Prepared
    x: list[cp_model.IntVar] = field(default_factory=list)
    y: list[cp_model.IntVar] = field(default_factory=list)
    hire_units: dict[str, cp_model.IntVar] = field(default_factory=dict)
    hire_heads: dict[str, cp_model.IntVar] = field(default_factory=dict)
    contract_units: dict[str, cp_model.IntVar] = field(default_factory=dict)
    contract_heads: dict[str, cp_model.IntVar] = field(default_factory=dict)
    uncovered: dict[str, cp_model.IntVar] = field(default_factory=dict)
    shortfall: dict[str, cp_model.IntVar] = field(default_factory=dict)
    displaced: dict[str, cp_model.IntVar] = field(default_factory=dict)
    train: dict[TrainingKey, cp_model.IntVar] = field(default_factory=dict)
    moved: dict[str, cp_model.IntVar] = field(default_factory=dict)
    hard: dict[str, cp_model.IntVar] = field(default_factory=dict)
    extra_training: dict[str, cp_model.IntVar] = field(default_factory=dict)
    extra_training_users: dict[str, list[int]] = field(default_factory=dict)
    guarded: bool = False

    def enforce(self, ct: cp_model.Constraint, name: str) -> None:
        """Marks a hard decision (pin, lock, budget) so an infeasibility can name the ones in conflict."""
        if not self.guarded:
            return
        lit = self.hard.get(name)
        if lit is None:
            lit = self.hard[name] = self.cp.new_bool_var(name)
        ct.only_enforce_if(lit)

    def initiative_options(self, initiative: str) -> list[int]:
        """Option indexes whose demand belongs to an initiative."""
        return [i for d, idx in self.prep.by_demand.items() if self.prep.demands[d].initiative == initiative
                for i in idx]


def _decisions(m: Model) -> None:
    cp, prep = m.cp, m.prep
    for o, cap in zip(prep.options, prep.caps, strict=True):
        m.x.append(cp.new_int_var(0, cap, f"alloc({o.person},{o.demand})"))
        m.y.append(cp.new_bool_var(f"assigned({o.person},{o.demand})"))
    for d in prep.demands.values():
        for kind, route, units, heads in (
            ("hire", d.hire, m.hire_units, m.hire_heads),
            ("contract", d.contract, m.contract_units, m.contract_heads),
        ):
            if route is None or d.required_units == 0:
                continue
            ub = d.required_units if route.max_units is None else min(route.max_units, d.required_units)
            units[d.id] = cp.new_int_var(0, ub, f"{kind}_units(demand={d.id})")
            heads[d.id] = cp.new_int_var(0, max(1, ub // prep.min_alloc[d.id]), f"{kind}_heads(demand={d.id})")


def build(prep: Prepared, *, guarded: bool = False, rules: list[Callable[[Model], None]] | None = None) -> Model:
    """Builds the model: decision variables, then every business rule in RULES."""
    from solver.rules.catalogue import RULES

    m = Model(cp=cp_model.CpModel(), prep=prep, guarded=guarded)
    _decisions(m)
    for rule in rules if rules is not None else RULES:
        rule(m)
    return m


Terms = list[tuple[int, cp_model.IntVar]]


def expression(terms: Terms) -> cp_model.LinearExpr:
    """A CP-SAT linear expression from (coefficient, variable) terms."""
    return cp_model.LinearExpr.weighted_sum([v for _, v in terms], [c for c, _ in terms])


def evaluate(terms: Terms, values: list[int]) -> int:
    """The value of (coefficient, variable) terms under a full assignment indexed by variable index."""
    return sum(c * values[v.index] for c, v in terms)


def coverage_terms(m: Model, bus_penalty: int) -> Terms:
    """Level 1: uncovered units × criticality, plus bus-factor shortfall at a high weight."""
    terms = [(m.prep.demands[d].weight, v) for d, v in m.uncovered.items()]
    terms += [(m.prep.demands[d].weight * bus_penalty, v) for d, v in m.shortfall.items()]
    return terms


def cost_terms(m: Model) -> Terms:
    """Level 2: people's time, trainings (paid once), hires, contractors and displaced tentative work."""
    prep = m.prep
    terms = [(prep.people[o.person].cost_per_unit, x) for o, x in zip(prep.options, m.x, strict=True)]
    steps = {(o.person, s.skill, s.to_level): s.cost for o in prep.options for s in o.trainings}
    terms += [(steps[k], t) for k, t in m.train.items()]
    terms += [(prep.demands[d].hire.cost_per_unit, u) for d, u in m.hire_units.items()]
    terms += [(prep.demands[d].contract.cost_per_unit, u) for d, u in m.contract_units.items()]
    terms += [(prep.people[p].displacement_cost_per_unit, u) for p, u in m.displaced.items()]
    return [(c, v) for c, v in terms if c]


def disruption_terms(m: Model, move_penalty: int) -> Terms:
    """Level 3: disruption cost of each new placement plus a penalty per person moved to a new team."""
    terms = [(o.disruption_cost, y) for o, y in zip(m.prep.options, m.y, strict=True) if o.disruption_cost]
    terms += [(move_penalty, v) for v in m.moved.values()]
    return [(c, v) for c, v in terms if c]
