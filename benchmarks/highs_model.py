"""The same staffing model as a MIP in HiGHS: the same decisions and rules as the CP-SAT model, as linear rows."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from solver.allowed import is_excluded, route_blocker, training_forbidden, training_too_long
from solver.prepare import Prepared
from solver.schema import BUS_FACTOR

Terms = list[tuple[int, int]]  # (coefficient, column)


@dataclass
class _Columns:
    """Columns and rows collected in Python, handed to HiGHS in one call each."""

    lb: list[float] = field(default_factory=list)
    ub: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    row_lb: list[float] = field(default_factory=list)
    row_ub: list[float] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    index: list[int] = field(default_factory=list)
    value: list[float] = field(default_factory=list)

    def var(self, lb: float, ub: float, *, integer: bool = True) -> int:
        """A new column; returns its index."""
        self.lb.append(lb)
        self.ub.append(ub)
        self.integer.append(integer)
        return len(self.lb) - 1

    def row(self, terms: Terms, lb: float = -math.inf, ub: float = math.inf) -> None:
        """A new row lb ≤ Σ coef·col ≤ ub."""
        self.starts.append(len(self.index))
        self.index.extend(v for _, v in terms)
        self.value.extend(float(c) for c, _ in terms)
        self.row_lb.append(lb)
        self.row_ub.append(ub)

    def pair(self, k1: float, v1: int, k2: float, v2: int, lb: float = -math.inf, ub: float = math.inf) -> None:
        """A new two-term row lb ≤ k1·v1 + k2·v2 ≤ ub (most rows of this model; kept cheap)."""
        self.starts.append(len(self.index))
        self.index += (v1, v2)
        self.value += (k1, k2)
        self.row_lb.append(lb)
        self.row_ub.append(ub)


@dataclass
class HighsModel:
    """The MIP with the column of every decision, named after its rule and subject as in the CP-SAT model."""

    prep: Prepared
    cols: _Columns = field(default_factory=_Columns)
    x: list[int] = field(default_factory=list)
    y: list[int] = field(default_factory=list)
    hire: dict[str, tuple[int, int]] = field(default_factory=dict)  # demand → (units, heads)
    contract: dict[str, tuple[int, int]] = field(default_factory=dict)
    uncovered: dict[str, int] = field(default_factory=dict)
    shortfall: dict[str, int] = field(default_factory=dict)
    displaced: dict[str, int] = field(default_factory=dict)
    train: dict[tuple[str, str, int], int] = field(default_factory=dict)
    moved: dict[str, int] = field(default_factory=dict)
    shared_training: list[tuple[int, list[int]]] = field(default_factory=list)  # (column, option indexes)


def build(prep: Prepared) -> HighsModel:
    """Every rule of the CP-SAT model, written as linear rows over the same decisions."""
    m = HighsModel(prep=prep)
    c, inst = m.cols, prep.inst
    for o, cap in zip(prep.options, prep.caps, strict=True):
        person, demand = prep.people[o.person], prep.demands[o.demand]
        # prepare() already dropped unusable options except pinned and locked pairs: only those need the check.
        off = ((o.person, o.demand) in prep.pinned or person.locked) and (
            is_excluded(inst, person, demand) or training_too_long(inst, demand, o)
            or training_forbidden(inst, demand, o))
        m.x.append(c.var(0, cap))
        m.y.append(c.var(0, 0 if off else 1))
    full = inst.units_per_fte
    for d in prep.demands.values():
        for kind, route, out in (("hire", d.hire, m.hire), ("contract", d.contract, m.contract)):
            if route is None or d.required_units == 0:
                continue
            ub = d.required_units if route.max_units is None else min(route.max_units, d.required_units)
            blocked = route_blocker(inst, d, kind) is not None
            heads_ub = max(1, ub // prep.min_alloc[d.id])
            out[d.id] = (c.var(0, 0 if blocked else ub), c.var(0, 0 if blocked else heads_ub))
    # no slivers: 0 or ≥ minimum, never above the pair's cap
    for o, x, y, cap in zip(prep.options, m.x, m.y, prep.caps, strict=True):
        c.pair(1, x, -prep.min_alloc[o.demand], y, lb=0)
        c.pair(1, x, -cap, y, ub=0)
    for pid, idx in prep.by_person.items():
        person = prep.people[pid]
        # capacity: free units plus displaceable tentative work
        if sum(prep.caps[i] for i in idx) > person.free_units:
            terms = [(1, m.x[i]) for i in idx]
            if person.displaceable_units:
                m.displaced[pid] = c.var(0, person.displaceable_units)
                terms.append((-1, m.displaced[pid]))
            c.row(terms, ub=person.free_units)
        limit = prep.inst.max_roles(person)
        if len(idx) > limit:
            c.row([(1, m.y[i]) for i in idx], ub=limit)
        # exclusive roles: on a non-shareable demand, nothing else
        if len(idx) >= 2:
            for i in idx:
                if not prep.demands[prep.options[i].demand].shareable:
                    others = [(1, m.y[j]) for j in idx if j != i]
                    c.row([*others, (len(others), m.y[i])], ub=len(others))
        # moves: a placement on a new initiative moves the person
        movers = [i for i in idx if prep.options[i].disruption_cost > 0]
        if movers:
            m.moved[pid] = c.var(0, 1)
            for i in movers:
                c.pair(1, m.y[i], -1, m.moved[pid], ub=0)
    for did, idx in prep.by_demand.items():
        d = prep.demands[did]
        m.uncovered[did] = c.var(0, d.required_units)
        supplied = [(1, m.x[i]) for i in idx] + [(1, pool[did][0]) for pool in (m.hire, m.contract) if did in pool]
        c.row([*supplied, (1, m.uncovered[did])], lb=d.required_units, ub=d.required_units)
        for pool in (m.hire, m.contract):
            if did in pool:
                u, h = pool[did]
                c.row([(1, u), (-full, h)], ub=0)
                c.row([(1, u), (-prep.min_alloc[did], h)], lb=0)
        heads = [(1, m.y[i]) for i in idx] + [(1, pool[did][1]) for pool in (m.hire, m.contract) if did in pool]
        if d.ops_critical and d.required_units > 0:
            m.shortfall[did] = c.var(0, BUS_FACTOR)
            c.row([*heads, (1, m.shortfall[did])], lb=BUS_FACTOR)
        if d.pair_newcomers:
            newcomers = [(1, m.y[i]) for i in idx if prep.options[i].disruption_cost > 0]
            newcomers += [(1, pool[did][1]) for pool in (m.hire, m.contract) if did in pool]
            incumbents = [m.y[i] for i in idx if prep.options[i].disruption_cost == 0]
            if newcomers:
                bound = len(newcomers) * max(1, d.required_units)
                c.row([*newcomers, *[(-bound, v) for v in incumbents]], ub=0)
    for key, idx in prep.training_keys.items():
        m.train[key] = c.var(0, 1)
        for i in idx:
            c.pair(1, m.y[i], -1, m.train[key], ub=0)
    _hire_caps(m)
    _budgets(m)
    _decisions(m)
    return m


def _hire_caps(m: HighsModel) -> None:
    inst, prep = m.prep.inst, m.prep
    for ini in inst.initiatives:
        if ini.max_hires is not None:
            heads = [(1, h) for d, (_, h) in m.hire.items() if prep.demands[d].initiative == ini.id]
            if heads:
                m.cols.row(heads, ub=ini.max_hires)
    if inst.max_hires_global is not None and m.hire:
        m.cols.row([(1, h) for _, h in m.hire.values()], ub=inst.max_hires_global)


def _budgets(m: HighsModel) -> None:
    """Initiative spend (a shared training counts fully against each initiative) and the portfolio spend."""
    prep, c = m.prep, m.cols
    present = {d.initiative for d in prep.demands.values()}
    for ini in prep.inst.initiatives:
        if ini.budget is None or ini.id not in present:
            continue
        idx = [i for d, ix in prep.by_demand.items() if prep.demands[d].initiative == ini.id for i in ix]
        terms = [(prep.people[prep.options[i].person].cost_per_unit, m.x[i]) for i in idx]
        for kind, pool in (("hire", m.hire), ("contract", m.contract)):
            terms += [(getattr(prep.demands[d], kind).cost_per_unit, u) for d, (u, _) in pool.items()
                      if prep.demands[d].initiative == ini.id]
        needed: dict[tuple[str, str, int], tuple[int, list[int]]] = {}
        for i in idx:
            o = prep.options[i]
            for s in o.trainings:
                needed.setdefault((o.person, s.skill, s.to_level), (s.cost, []))[1].append(i)
        for key, (cost, users) in needed.items():
            if not cost:
                continue
            if len(users) == len(prep.training_keys.get(key, [])):
                terms.append((cost, m.train[key]))
            else:
                t = c.var(0, 1)
                m.shared_training.append((t, users))
                for i in users:
                    c.pair(1, m.y[i], -1, t, ub=0)
                terms.append((cost, t))
        c.row([(k, v) for k, v in terms if k], ub=ini.budget)
    if prep.inst.global_budget is not None:
        c.row(cost_terms(m), ub=prep.inst.global_budget)


def _decisions(m: HighsModel) -> None:
    """Pins and locked people, as bounds on their columns."""
    prep, c = m.prep, m.cols
    index = {(o.person, o.demand): i for i, o in enumerate(prep.options)}
    for pin in prep.inst.pins:
        i = index.get((pin.person, pin.demand))
        if i is None:
            continue
        c.lb[m.y[i]] = 1
        if pin.units is not None:
            c.lb[m.x[i]], c.ub[m.x[i]] = pin.units, pin.units
        elif pin.min_units is not None:
            c.lb[m.x[i]] = max(c.lb[m.x[i]], pin.min_units)
    for pid, idx in prep.by_person.items():
        person = prep.people[pid]
        if person.locked:
            for i in idx:
                units = person.current_allocations.get(prep.options[i].demand, 0)
                c.lb[m.x[i]] = c.ub[m.x[i]] = units
                c.lb[m.y[i]] = c.ub[m.y[i]] = 1 if units > 0 else 0


def coverage_terms(m: HighsModel, bus_penalty: int) -> Terms:
    """Level 1: uncovered units × criticality, plus bus-factor shortfall at a high weight."""
    d = m.prep.demands
    return [(d[k].weight, v) for k, v in m.uncovered.items()] + \
        [(d[k].weight * bus_penalty, v) for k, v in m.shortfall.items()]


def cost_terms(m: HighsModel) -> Terms:
    """Level 2: people's time, trainings once, hires, contractors, displaced tentative work."""
    prep = m.prep
    terms = [(prep.people[o.person].cost_per_unit, x) for o, x in zip(prep.options, m.x, strict=True)]
    steps = {(o.person, s.skill, s.to_level): s.cost for o in prep.options for s in o.trainings}
    terms += [(steps[k], t) for k, t in m.train.items()]
    terms += [(prep.demands[d].hire.cost_per_unit, u) for d, (u, _) in m.hire.items()]
    terms += [(prep.demands[d].contract.cost_per_unit, u) for d, (u, _) in m.contract.items()]
    terms += [(prep.people[p].displacement_cost_per_unit, v) for p, v in m.displaced.items()]
    return [(k, v) for k, v in terms if k]


def disruption_terms(m: HighsModel, move_penalty: int) -> Terms:
    """Level 3: disruption cost of each placement on a new initiative, plus a penalty per person moved."""
    terms = [(o.disruption_cost, y) for o, y in zip(m.prep.options, m.y, strict=True) if o.disruption_cost]
    return terms + [(move_penalty, v) for v in m.moved.values() if move_penalty]
