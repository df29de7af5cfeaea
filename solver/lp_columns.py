"""The money-aware coverage LP by column generation, with a Lagrangian bound valid at every iteration.

The flow ignores money; this LP adds budget and hire-cap rows and stays a relaxation of the model. GLOP solves a
restricted LP (each demand's cheapest options, the flow's start) and numpy prices every other option against its
duals; any duals of the right signs give a Lagrangian lower bound, so the loop may stop at any deadline
(docs/solver.md, "Bounds").
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
from ortools.linear_solver import pywraplp

from solver.prepare import Prepared
from solver.relaxation import forced_bus_shortfall, network, training_charges

#: Each demand's cheapest options in the first restricted LP, and the most negative-priced ones added per round.
START_PER_DEMAND = 8
ADD_PER_DEMAND = 8
#: A column prices out when its reduced cost is below this (in weighted units per unit).
TOLERANCE = 1e-7
#: The clock the deadline is read on (a test replaces it with a fake one).
_now = time.perf_counter


@dataclass
class CoverageLP:
    """The LP's bound (None if not solved in time), whether it is the LP's optimum (else a weaker Lagrangian bound,
    still valid), the restricted LP's units per option, and what the last duals priced."""

    bound: float | None = None
    optimal: bool = False
    support: dict[int, float] = field(default_factory=dict)
    #: Each demand's options of smallest reduced cost at the last duals: the ones a slightly different budget uses.
    near: set[int] = field(default_factory=set)
    rounds: int = 0
    columns: int = 0


#: Each demand's options of smallest reduced cost the coverage neighbourhoods also open (docs/solver.md).
NEAR_PER_DEMAND = 4


def coverage_lp(prep: Prepared, *, bus_penalty: int, time_limit_s: float, start: set[int] | None = None) -> CoverageLP:
    """The coverage bound (the LP's optimum rounded up, plus the bus shortfall no plan avoids) and the LP's
    fractional staffing, which guides the search towards budget-wise plans. Solved by column generation from
    `start` and each demand's cheapest options; when `time_limit_s` runs out first the bound is the last
    Lagrangian one: weaker, still valid."""
    found = coverage_by_columns(prep, deadline=time.perf_counter() + time_limit_s, start=start)
    if found.bound is not None:
        found.bound = max(0, rounded(found.bound)) + forced_bus_shortfall(prep, bus_penalty)
    return found


def coverage_by_columns(prep: Prepared, *, deadline: float, start: set[int] | None = None) -> CoverageLP:
    """The coverage LP (budgets, hire caps, the training money each unit surely spends) solved by column generation
    until `deadline` (a perf_counter time); the bound is valid whenever it is not None."""
    inst = prep.inst
    if not prep.demands:
        return CoverageLP()
    net = network(prep)
    budgets = [i for i in inst.initiatives if i.budget is not None]
    b_of = {i.id: k for k, i in enumerate(budgets)}
    caps_h = [i for i in inst.initiatives if i.max_hires is not None]
    h_of = {i.id: k for k, i in enumerate(caps_h)}
    init_of = [prep.demands[did].initiative for did in net.demands]
    p_idx, d_idx, ub = net.person_of, net.demand_of, net.caps.astype(np.float64)
    b_idx = np.array([b_of.get(i, -1) for i in init_of], dtype=np.int64)[d_idx]
    rate = np.array(prep.person_costs, dtype=np.float64)
    charges = training_charges(prep)
    per_budget = rate + np.array(charges[0], dtype=np.float64)
    per_total = rate + np.array(charges[1], dtype=np.float64)

    lp = pywraplp.Solver.CreateSolver("GLOP")
    inf = lp.infinity()
    room = np.array([prep.people[pid].free_units + prep.people[pid].displaceable_units for pid in net.people], float)
    forced = net.forced  # units no plan covers: out of the LP, into the bound
    required = net.required.astype(np.float64)
    weight = np.array([prep.demands[did].weight for did in net.demands], dtype=np.float64)
    budget_ub = np.array([i.budget for i in budgets], dtype=np.float64)
    hire_ub = np.array([i.max_hires * inst.units_per_fte for i in caps_h], dtype=np.float64)
    person_rows = [lp.Constraint(-inf, float(r)) for r in room]
    demand_rows = [lp.Constraint(float(r), float(r)) for r in required]
    budget_rows = [lp.Constraint(-inf, float(b)) for b in budget_ub]
    hire_rows = [lp.Constraint(-inf, float(h)) for h in hire_ub]
    total_budget = lp.Constraint(-inf, inst.global_budget) if inst.global_budget is not None else None
    total_hires = (lp.Constraint(-inf, inst.max_hires_global * inst.units_per_fte)
                   if inst.max_hires_global is not None else None)
    objective = lp.Objective()
    routes: list[tuple[int, float, float, int, int]] = []  # demand, cap, cost, budget row, hire-cap row (-1: none)
    is_hire: list[bool] = []
    for k, kind, route, cap in net.routes:
        cost, budget = float(route.cost_per_unit), b_of.get(init_of[k], -1)
        hire = h_of.get(init_of[k], -1) if kind == "hire" else -1
        v = lp.NumVar(0, cap, "")
        demand_rows[k].SetCoefficient(v, 1)
        if budget >= 0:
            budget_rows[budget].SetCoefficient(v, cost)
        if total_budget is not None:
            total_budget.SetCoefficient(v, cost)
        if hire >= 0:
            hire_rows[hire].SetCoefficient(v, 1)
        if kind == "hire" and total_hires is not None:
            total_hires.SetCoefficient(v, 1)
        routes.append((k, float(cap), cost, budget, hire))
        is_hire.append(kind == "hire")
    for k in range(len(net.demands)):
        u = lp.NumVar(0, float(required[k]), "")
        demand_rows[k].SetCoefficient(u, 1)
        objective.SetCoefficient(u, float(weight[k]))
    objective.SetMinimization()
    # A triangular crash basis: GLOP's start from a basis that fits these sparse rows (docs/solver.md).
    lp.SetSolverSpecificParametersAsString("initial_basis: TRIANGULAR")

    xs: dict[int, pywraplp.Variable] = {}

    def add(i: int) -> None:
        x = xs[i] = lp.NumVar(0, float(ub[i]), "")
        person_rows[p_idx[i]].SetCoefficient(x, 1)
        demand_rows[d_idx[i]].SetCoefficient(x, 1)
        if b_idx[i] >= 0:
            budget_rows[b_idx[i]].SetCoefficient(x, float(per_budget[i]))
        if total_budget is not None:
            total_budget.SetCoefficient(x, float(per_total[i]))

    first = set(start or ()) | {int(i) for i in _most_negative(np.flatnonzero(ub > 0), per_budget, d_idx,
                                                                  START_PER_DEMAND)}
    for i in sorted(first):
        if ub[i] > 0:
            add(i)
    result, reduced = CoverageLP(), None
    active = np.zeros(len(prep.options), dtype=bool)
    active[list(xs)] = True
    table = np.array(routes, dtype=np.float64).reshape(-1, 5)
    routes_demand, routes_budget, routes_hire = (table[:, c].astype(np.int64) for c in (0, 3, 4))
    routes_cap, routes_cost, routes_is_hire = table[:, 1], table[:, 2], np.array(is_hire, dtype=bool)
    while True:
        left = deadline - _now()
        if left <= 0:
            break
        lp.SetTimeLimit(max(1, int(left * 1000)))
        if lp.Solve() != pywraplp.Solver.OPTIMAL:
            break
        result.rounds += 1
        pi_p = np.minimum(0.0, np.array([c.dual_value() for c in person_rows], dtype=np.float64))
        pi_d = np.array([c.dual_value() for c in demand_rows], dtype=np.float64)
        pi_b = np.minimum(0.0, np.array([c.dual_value() for c in budget_rows] + [0.0], dtype=np.float64))
        pi_h = np.minimum(0.0, np.array([c.dual_value() for c in hire_rows] + [0.0], dtype=np.float64))
        pi_t = min(0.0, total_budget.dual_value()) if total_budget is not None else 0.0
        pi_th = min(0.0, total_hires.dual_value()) if total_hires is not None else 0.0
        # pi_b[-1] and pi_h[-1] are 0: the slot of "no budget row" / "no hire-cap row".
        reduced = -(pi_p[p_idx] + pi_d[d_idx] + pi_b[b_idx] * per_budget + pi_t * per_total)
        route_rc = -(pi_d[routes_demand] + pi_b[routes_budget] * routes_cost + pi_t * routes_cost
                     + pi_h[routes_hire] * (routes_hire >= 0) + pi_th * routes_is_hire)
        lagrangian = (
            sum(prep.demands[did].weight * u for did, u in forced.items())
            + float(pi_p @ room) + float(pi_d @ required) + float(pi_b[:-1] @ budget_ub) + float(pi_h[:-1] @ hire_ub)
            + (pi_t * inst.global_budget if total_budget is not None else 0.0)
            + (pi_th * inst.max_hires_global * inst.units_per_fte if total_hires is not None else 0.0)
            + float(np.minimum(0.0, reduced) @ ub)
            + float(np.minimum(0.0, route_rc) @ routes_cap)
            + float(np.minimum(0.0, weight - pi_d) @ required)
        )
        if result.bound is None or lagrangian > result.bound:
            result.bound = lagrangian
        result.support = {i: x.solution_value() for i, x in xs.items() if x.solution_value() > 1e-6}
        pricing = np.flatnonzero((reduced < -TOLERANCE) & ~active & (ub > 0))
        if pricing.size == 0:
            # The Lagrangian, not GLOP's objective: columns priced within TOLERANCE of 0 are not in the LP, and
            # the Lagrangian counts them, so the bound never rounds up past the true optimum.
            result.optimal = True
            break
        for i in _most_negative(pricing, reduced, d_idx, ADD_PER_DEMAND):
            add(int(i))
            active[i] = True
    result.columns = len(xs)
    if reduced is not None:
        result.near = {int(i) for i in _most_negative(np.flatnonzero(ub > 0), reduced, d_idx, NEAR_PER_DEMAND)}
    return result


def _most_negative(pricing: np.ndarray, reduced: np.ndarray, d_idx: np.ndarray, per_demand: int) -> np.ndarray:
    """Up to `per_demand` of the columns `pricing` per demand, smallest reduced cost first."""
    order = pricing[np.lexsort((pricing, reduced[pricing], d_idx[pricing]))]
    groups = d_idx[order]
    starts = np.r_[0, np.flatnonzero(groups[1:] != groups[:-1]) + 1]
    rank = np.arange(order.size) - np.repeat(starts, np.diff(np.r_[starts, order.size]))
    return order[rank < per_demand]


def rounded(bound: float) -> int:
    """The LP bound rounded up to the integer objective, with a tolerance against rounding past it."""
    return math.ceil(bound - 1e-6 * max(1.0, abs(bound)))
