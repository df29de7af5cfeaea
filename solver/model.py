"""The CP-SAT model: its variables (named after their rule and subject), each level's objective terms, and plans
read from and written into it. `solver/build.py` applies the rules."""
from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.allowed import route_units
from solver.prepare import Prepared, TrainingKey
from solver.schema import BUS_FACTOR, Config
from solver.staffing import Staffing, moved_people, supplied, trainings_bought


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
    #: A training shared by two initiatives, as one initiative's budget counts it, and the options using it there.
    training_for: list[tuple[cp_model.IntVar, list[int]]] = field(default_factory=list)
    guarded: bool = False

    def enforce(self, ct: cp_model.Constraint, name: str) -> None:
        """Marks a hard decision (pin, lock, budget) so an infeasibility can name the ones in conflict."""
        if not self.guarded:
            return
        lit = self.hard.get(name)
        if lit is None:
            lit = self.hard[name] = self.cp.new_bool_var(name)
        ct.only_enforce_if(lit)


def add_decisions(m: Model) -> None:
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
            ub = route_units(route, d.required_units)
            units[d.id] = cp.new_int_var(0, ub, f"{kind}_units(demand={d.id})")
            heads[d.id] = cp.new_int_var(0, max(1, ub // prep.min_alloc[d.id]), f"{kind}_heads(demand={d.id})")


Terms = list[tuple[int, cp_model.IntVar]]


def expression(terms: Terms) -> cp_model.LinearExpr:
    """A CP-SAT linear expression from (coefficient, variable) terms."""
    return cp_model.LinearExpr.weighted_sum([v for _, v in terms], [c for c, _ in terms])


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


def level_terms(m: Model, level: str, config: Config) -> Terms:
    """The objective terms of a level: the three of the lexicographic objective, or an alternative plan's focus
    (fewest hired and contracted heads, most trainings)."""
    if level == "coverage":
        return coverage_terms(m, config.bus_factor_penalty)
    if level == "cost":
        return cost_terms(m)
    if level == "disruption":
        return disruption_terms(m, config.move_penalty)
    if level == "fewest_hires":
        return [(1, h) for h in [*m.hire_heads.values(), *m.contract_heads.values()]]
    if level == "most_internal_growth":
        return [(-1, t) for t in m.train.values()]
    raise ValueError(f"no objective named {level!r}")


def read_plan(m: Model, values: list[int]) -> Staffing:
    """The plan held in a CP-SAT assignment."""
    plan = Staffing()
    for i, x in enumerate(m.x):
        if values[x.index] > 0:
            plan.alloc[i] = values[x.index]
    for units, heads, out in ((m.hire_units, m.hire_heads, plan.hires),
                              (m.contract_units, m.contract_heads, plan.contracts)):
        for did, u in units.items():
            if values[u.index] > 0:
                out[did] = (values[u.index], values[heads[did].index])
    for pid, d in m.displaced.items():
        if values[d.index] > 0:
            plan.displaced[pid] = values[d.index]
    return plan


def hint_plan(m: Model, plan: Staffing) -> None:
    """Seeds CP-SAT with a complete plan: decisions and every derived variable (slack, trainings, moves)."""
    prep = m.prep
    units, heads = supplied(prep, plan)
    pairs: list[tuple[int, int]] = []
    for i, (x, y) in enumerate(zip(m.x, m.y, strict=True)):
        units_i = plan.alloc.get(i, 0)
        pairs += [(x.index, units_i), (y.index, 1 if units_i else 0)]
    for units_of, route_heads, src in ((m.hire_units, m.hire_heads, plan.hires),
                                       (m.contract_units, m.contract_heads, plan.contracts)):
        for did, u in units_of.items():
            value = src.get(did, (0, 0))
            pairs += [(u.index, value[0]), (route_heads[did].index, value[1])]
    pairs += [(v.index, max(0, prep.demands[did].required_units - units[did])) for did, v in m.uncovered.items()]
    pairs += [(v.index, max(0, BUS_FACTOR - heads[did])) for did, v in m.shortfall.items()]
    bought = trainings_bought(prep, plan)
    pairs += [(t.index, 1 if key in bought else 0) for key, t in m.train.items()]
    moved = moved_people(prep, plan)
    pairs += [(v.index, 1 if pid in moved else 0) for pid, v in m.moved.items()]
    pairs += [(v.index, plan.displaced.get(pid, 0)) for pid, v in m.displaced.items()]
    pairs += [(t.index, 1 if any(i in plan.alloc for i in users) else 0) for t, users in m.training_for]
    # Written straight into the proto: add_hint() one variable at a time dominated large builds.
    m.cp.clear_hints()
    hint = m.cp.proto.solution_hint
    hint.vars.extend(v for v, _ in pairs)
    hint.values.extend(val for _, val in pairs)


def fix_outside(m: Model, plan: Staffing, free: set[str]) -> None:
    """Fixes every allocation and route of the demands not in `free` to the plan's values (in the variables'
    domains, so that presolve removes them)."""
    variables = m.cp.proto.variables

    def fix(var, value: int) -> None:
        domain = variables[var.index].domain
        domain.clear()
        domain.extend([value, value])

    for k, o in enumerate(m.prep.options):
        if o.demand not in free:
            units = plan.alloc.get(k, 0)
            fix(m.x[k], units)
            fix(m.y[k], 1 if units else 0)
    for units, heads, src in ((m.hire_units, m.hire_heads, plan.hires),
                              (m.contract_units, m.contract_heads, plan.contracts)):
        for did, var in units.items():
            if did not in free:
                u, h = src.get(did, (0, 0))
                fix(var, u)
                fix(heads[did], h)
