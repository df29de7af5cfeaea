"""Solves the HiGHS staffing MIP level by level: MIP start, time limit, proof status, plan read-back."""
from __future__ import annotations

import math
import time
from dataclasses import dataclass

import highspy
import numpy as np

from benchmarks.greedy import greedy_plan, solution_from_plan
from benchmarks.highs_model import (
    HighsModel,
    Terms,
    build,
    cost_terms,
    coverage_terms,
    disruption_terms,
)
from solver.objective import level_values
from solver.prepare import prepare
from solver.schema import BUS_FACTOR, Config, Instance, LevelName, LevelReport, Solution
from solver.staffing import Staffing

LEVELS: tuple[LevelName, ...] = ("coverage", "cost", "disruption")


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


def start_vector(m: HighsModel, plan: Staffing) -> np.ndarray:
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
    for key, idx in prep.training_keys.items():
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
    dual = info.mip_dual_bound
    # Every objective here is a sum of non-negative terms, so 0 is the trivial bound when HiGHS has none.
    bound = min(value, max(0, math.ceil(dual - 1e-6))) if math.isfinite(dual) else 0
    proven = status == highspy.HighsModelStatus.kOptimal
    values = np.rint(np.array(h.getSolution().col_value)).astype(np.int64)
    return LevelRun("optimal" if proven else "feasible", value, value if proven else bound,
                    first[0] if first else wall, wall, values)


def read_plan(m: HighsModel, values: np.ndarray) -> Staffing:
    """The plan held in a HiGHS solution vector."""
    plan = Staffing()
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
    `time_limit_s` bounds HiGHS's own solving; building the model in Python comes on top (stats["setup_s"]).
    """
    config = config or Config()
    started = time.perf_counter()
    prep = prepare(inst)
    m = build(prep)
    h = _highs(m, threads=threads)
    n = len(m.cols.lb)
    current = None
    if start:
        current = start_vector(m, greedy_plan(prep))
    setup_s = time.perf_counter() - started
    deadline = time.perf_counter() + time_limit_s
    terms = {
        "coverage": coverage_terms(m, config.bus_factor_penalty),
        "cost": cost_terms(m),
        "disruption": disruption_terms(m, config.move_penalty),
    }
    runs: dict[str, LevelRun] = {}
    plan: Staffing | None = None
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
        time_to_proof_s=run.wall_s if run.proven else None,
        wall_s=run.wall_s,
    )
