"""The same staffing model as a MIP in HiGHS: same variables and rules, same lexicographic objective, level by level."""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import highspy
import numpy as np

from benchmarks.greedy import solution_from_plan
from solver.plan import PlanValues
from solver.prepare import Prepared, prepare
from solver.rules.coverage import BUS_FACTOR
from solver.rules.eligibility import is_excluded, training_forbidden, training_too_long
from solver.rules.sourcing import contract_blocker, hire_blocker
from solver.schema import Config, Instance, LevelName, LevelReport, Solution

LEVELS: tuple[LevelName, ...] = ("coverage", "cost", "disruption")
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
        for c, v in terms:
            self.index.append(v)
            self.value.append(float(c))
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
        off = is_excluded(inst, person, demand) or training_too_long(inst, demand, o) or \
            training_forbidden(inst, demand, o)
        m.x.append(c.var(0, cap))
        m.y.append(c.var(0, 0 if off else 1))
    full = inst.units_per_fte
    for d in prep.demands.values():
        for kind, route, out in (("hire", d.hire, m.hire), ("contract", d.contract, m.contract)):
            if route is None or d.required_units == 0:
                continue
            ub = d.required_units if route.max_units is None else min(route.max_units, d.required_units)
            blocked = (hire_blocker if kind == "hire" else contract_blocker)(inst, d) is not None
            heads_ub = max(1, ub // prep.min_alloc[d.id])
            out[d.id] = (c.var(0, 0 if blocked else ub), c.var(0, 0 if blocked else heads_ub))
    # no slivers: 0 or ≥ minimum, never above the pair's cap
    for o, x, y, cap in zip(prep.options, m.x, m.y, prep.caps, strict=True):
        c.row([(1, x), (-prep.min_alloc[o.demand], y)], lb=0)
        c.row([(1, x), (-cap, y)], ub=0)
    for pid, idx in prep.by_person.items():
        person = prep.people[pid]
        # capacity: free units plus displaceable tentative work
        if sum(prep.caps[i] for i in idx) > person.free_units:
            terms = [(1, m.x[i]) for i in idx]
            if person.displaceable_units:
                m.displaced[pid] = c.var(0, person.displaceable_units)
                terms.append((-1, m.displaced[pid]))
            c.row(terms, ub=person.free_units)
        limit = prep.max_roles(person)
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
                c.row([(1, m.y[i]), (-1, m.moved[pid])], ub=0)
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
    for key, idx in prep.training_keys().items():
        m.train[key] = c.var(0, 1)
        for i in idx:
            c.row([(1, m.y[i]), (-1, m.train[key])], ub=0)
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
            if len(users) == len(prep.training_users(key)):
                terms.append((cost, m.train[key]))
            else:
                t = c.var(0, 1)
                m.shared_training.append((t, users))
                for i in users:
                    c.row([(1, m.y[i]), (-1, t)], ub=0)
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


@dataclass
class LevelRun:
    """What one HiGHS run of one level produced."""

    status: str  # optimal | feasible | infeasible | unknown
    value: int
    bound: int
    first_s: float | None
    wall_s: float
    values: np.ndarray | None

    @property
    def proven(self) -> bool:
        """True only when HiGHS proved the level optimal."""
        return self.status == "optimal"


def _highs(m: HighsModel, *, threads: int | None) -> highspy.Highs:
    c = m.cols
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(c.lb), len(c.row_lb)
    lp.col_cost_ = np.zeros(len(c.lb))
    lp.col_lower_, lp.col_upper_ = np.array(c.lb, dtype=float), np.array(c.ub, dtype=float)
    lp.row_lower_ = np.array([-highspy.kHighsInf if math.isinf(v) else v for v in c.row_lb])
    lp.row_upper_ = np.array([highspy.kHighsInf if math.isinf(v) else v for v in c.row_ub])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array([*c.starts, len(c.index)], dtype=np.int32)
    lp.a_matrix_.index_ = np.array(c.index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(c.value, dtype=float)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * len(c.lb)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    # Every column and coefficient is an integer, so a gap below one already proves the optimum.
    h.setOptionValue("mip_abs_gap", 0.999)
    h.setOptionValue("random_seed", 0)
    if threads is not None:
        h.setOptionValue("threads", threads)
    h.passModel(lp)
    return h


def start_vector(m: HighsModel, plan: PlanValues) -> np.ndarray:
    """Every column's value under a plan (a MIP start), derived the way the rows define them."""
    prep, v = m.prep, np.zeros(len(m.cols.lb))
    for i, units in plan.alloc.items():
        v[m.x[i]], v[m.y[i]] = units, 1
    heads: dict[str, int] = {}
    supplied: dict[str, int] = {}
    for pool, src in ((m.hire, plan.hires), (m.contract, plan.contracts)):
        for did, (units, count) in src.items():
            v[pool[did][0]], v[pool[did][1]] = units, count
            heads[did] = heads.get(did, 0) + count
            supplied[did] = supplied.get(did, 0) + units
    for i, units in plan.alloc.items():
        did = prep.options[i].demand
        heads[did] = heads.get(did, 0) + 1
        supplied[did] = supplied.get(did, 0) + units
    for did, col in m.uncovered.items():
        v[col] = prep.demands[did].required_units - supplied.get(did, 0)
    for did, col in m.shortfall.items():
        v[col] = max(0, BUS_FACTOR - heads.get(did, 0))
    for pid, col in m.displaced.items():
        v[col] = plan.displaced.get(pid, 0)
    for key, idx in prep.training_keys().items():
        v[m.train[key]] = max((v[m.y[i]] for i in idx), default=0)
    for col, users in m.shared_training:
        v[col] = max(v[m.y[i]] for i in users)
    for pid, col in m.moved.items():
        v[col] = max((v[m.y[i]] for i in prep.by_person[pid] if prep.options[i].disruption_cost > 0), default=0)
    return v


def _set_start(h: highspy.Highs, values: np.ndarray) -> None:
    start = highspy.HighsSolution()
    start.col_value = values.astype(float).tolist()
    start.value_valid = True
    h.setSolution(start)


def _run_level(h: highspy.Highs, terms: Terms, n: int, time_limit: float, start: np.ndarray | None) -> LevelRun:
    cost = np.zeros(n)
    for k, v in terms:
        cost[v] += k
    h.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
    if start is not None:
        _set_start(h, start)  # after the model change, which would discard it
    h.setOptionValue("time_limit", max(0.05, time_limit))
    first: list[float] = []
    started = time.perf_counter()

    def on_solution(_event) -> None:
        if not first:
            first.append(time.perf_counter() - started)

    h.cbMipImprovingSolution.subscribe(on_solution)
    try:
        h.run()
    finally:
        h.cbMipImprovingSolution.unsubscribe(on_solution)
    wall = time.perf_counter() - started
    status, info = h.getModelStatus(), h.getInfo()
    if status == highspy.HighsModelStatus.kInfeasible:
        return LevelRun("infeasible", 0, 0, None, wall, None)
    if info.primal_solution_status != 2:  # no feasible plan found within the time limit
        return LevelRun("unknown", 0, 0, None, wall, None)
    value = round(info.objective_function_value)
    bound = min(value, math.ceil(info.mip_dual_bound - 1e-6))
    proven = status == highspy.HighsModelStatus.kOptimal
    values = np.rint(np.array(h.getSolution().col_value)).astype(np.int64)
    return LevelRun("optimal" if proven else "feasible", value, value if proven else bound,
                    first[0] if first else wall, wall, values)


def read_plan(m: HighsModel, values: np.ndarray) -> PlanValues:
    """The plan held in a HiGHS solution vector."""
    plan = PlanValues()
    for i, x in enumerate(m.x):
        if values[x] > 0:
            plan.alloc[i] = int(values[x])
    for pool, out in ((m.hire, plan.hires), (m.contract, plan.contracts)):
        for did, (u, h) in pool.items():
            if values[u] > 0:
                out[did] = (int(values[u]), int(values[h]))
    plan.displaced = {p: int(values[v]) for p, v in m.displaced.items() if values[v] > 0}
    return plan


def solve_highs(
    inst: Instance, *, config: Config | None = None, time_limit_s: float = 30.0, threads: int | None = None,
    start: bool = True,
) -> Solution:
    """The lexicographic optimum by HiGHS: each level fixed only once proven, the next level skipped otherwise.

    With `start`, HiGHS begins from the greedy baseline's plan (as Phasegate begins from its own hint).
    """
    config = config or Config()
    started = time.perf_counter()
    deadline = started + time_limit_s
    prep = prepare(inst)
    m = build(prep)
    h = _highs(m, threads=threads)
    n = len(m.cols.lb)
    current = None
    if start:
        from benchmarks.greedy import greedy_plan

        current = start_vector(m, greedy_plan(prep))
    setup_s = time.perf_counter() - started
    terms = {
        "coverage": coverage_terms(m, config.bus_factor_penalty),
        "cost": cost_terms(m),
        "disruption": disruption_terms(m, config.move_penalty),
    }
    runs: dict[str, LevelRun] = {}
    plan: PlanValues | None = None
    for name in LEVELS:
        run = _run_level(h, terms[name], n, deadline - time.perf_counter(), current)
        runs[name] = run
        if run.values is None:
            break
        plan = read_plan(m, run.values)
        if not run.proven:
            break
        idx = [v for _, v in terms[name]]
        h.addRow(-highspy.kHighsInf, run.value + 0.5, len(idx), np.array(idx, dtype=np.int32),
                 np.array([float(k) for k, _ in terms[name]]))
        current = run.values
    elapsed = time.perf_counter() - started
    if plan is None:
        infeasible = runs["coverage"].status == "infeasible"
        return Solution(status="infeasible" if infeasible else "no_plan", elapsed_s=elapsed,
                        message="HiGHS found no plan" + ("" if infeasible else " within the time limit"))
    sol = solution_from_plan(inst, prep, plan, config=config, levels=[], elapsed_s=elapsed)
    from solver.objective import level_values

    values = level_values(inst, sol, config)
    sol.levels = [_report(name, values[name], runs.get(name)) for name in LEVELS]
    sol.status = "optimal" if all(lv.proven for lv in sol.levels) else "feasible"
    sol.stats = {"columns": float(n), "rows": float(len(m.cols.row_lb)), "options": float(len(prep.options)),
                 "setup_s": round(setup_s, 4)}
    first = runs["coverage"].first_s
    if first is not None:
        sol.stats["first_plan_s"] = round(setup_s + first, 4)
    return sol


def _report(name: LevelName, value: int, run: LevelRun | None) -> LevelReport:
    if run is None or run.values is None:
        status = "skipped" if run is None else run.status
        return LevelReport(name=name, status=status, value=value, bound=0, gap=1.0 if value else 0.0,
                           proven=False, wall_s=run.wall_s if run else 0.0)
    bound = value if run.proven else min(run.bound, value)
    return LevelReport(
        name=name, status=run.status, value=value, bound=bound,
        gap=0.0 if run.proven else round(abs(value - bound) / max(1, abs(value)), 6), proven=run.proven,
        solutions_found=1, time_to_first_s=run.first_s, time_to_proof_s=run.wall_s if run.proven else None,
        wall_s=run.wall_s,
    )
