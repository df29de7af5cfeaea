"""Lower bounds that know money, as LPs (GLOP): coverage under budgets and hire caps, and cost at a proven coverage.

The min-cost flow ignores money, so where budgets bind its coverage bound is far below any plan. These LPs are
still relaxations of the CP-SAT model (fractional units; no slivers, role limits or exclusivity; trainings charged
only the share their units surely spend), so their optima bound the whole component, also when CP-SAT searches
candidate options only.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from ortools.linear_solver import pywraplp

from solver.allowed import open_routes, route_units
from solver.lp_columns import coverage_by_columns, rounded
from solver.prepare import Prepared
from solver.relaxation import forced_bus_shortfall, forced_remainders, newcomers_only, training_charges


@dataclass
class CoverageLP:
    """The money-aware coverage LP's bound (None if not solved in time) and its units per option index."""

    bound: int | None = None
    support: dict[int, float] = field(default_factory=dict)
    #: Each demand's options whose reduced cost is smallest: the ones a slightly different budget would use.
    near: set[int] = field(default_factory=set)
    #: The LP was solved to optimality (otherwise the bound is a weaker Lagrangian one, still valid).
    optimal: bool = False


def coverage_bound(prep: Prepared, *, bus_penalty: int, time_limit_s: float) -> int | None:
    """The LP's coverage optimum rounded up (plus the bus shortfall no plan avoids), or None if not solved in time."""
    return coverage_lp(prep, bus_penalty=bus_penalty, time_limit_s=time_limit_s).bound


#: Each demand's options of smallest reduced cost the coverage neighbourhoods also open (docs/solver.md).
NEAR_PER_DEMAND = 4


def coverage_lp(prep: Prepared, *, bus_penalty: int, time_limit_s: float, start: set[int] | None = None) -> CoverageLP:
    """The coverage bound and the LP's fractional staffing, which guides the search towards budget-wise plans.
    Solved by column generation (solver/lp_columns.py) from `start` and each demand's cheapest options; when
    `time_limit_s` runs out first the bound is the last Lagrangian one: weaker, still valid."""
    deadline = time.perf_counter() + time_limit_s
    found = coverage_by_columns(prep, charges=training_charges(prep), deadline=deadline, start=start,
                                near_per_demand=NEAR_PER_DEMAND)
    if found.bound is None:
        return CoverageLP()
    bound = max(0, rounded(found.bound)) + forced_bus_shortfall(prep, bus_penalty)
    return CoverageLP(bound=bound, support=found.support, near=found.near, optimal=found.optimal)


def cost_bound(
    prep: Prepared, *, coverage_at_most: int, time_limit_s: float, bus_penalty: int = 0,
) -> int | None:
    """A lower bound on the cost of any plan whose coverage level is at most `coverage_at_most` (the proven
    coverage optimum): the LP with people's time, displaced work, routes and trainings as fractional fixed charges
    (a training is paid at least in the share of the units its users take). With `bus_penalty` (the config's), the bus-factor shortfall no plan avoids is taken off the
    uncovered units' allowance."""
    if bus_penalty:
        coverage_at_most -= forced_bus_shortfall(prep, bus_penalty)
    return _solve(prep, time_limit_s=time_limit_s, coverage_at_most=coverage_at_most)


def _solve(prep: Prepared, *, time_limit_s: float, coverage_at_most: int | None) -> int | None:
    """The LP's optimum: coverage when `coverage_at_most` is None (the full LP column generation approximates), else
    cost at coverage ≤ `coverage_at_most`."""
    lp = pywraplp.Solver.CreateSolver("GLOP")
    if lp is None or not prep.demands:
        return None
    costing = coverage_at_most is not None
    lp.SetTimeLimit(max(1, int(time_limit_s * 1000)))
    # A triangular crash basis: GLOP's start from a basis that fits these sparse rows (docs/solver.md).
    lp.SetSolverSpecificParametersAsString("initial_basis: TRIANGULAR")
    inf = lp.infinity()
    alone = newcomers_only(prep)
    person_rows = {pid: lp.Constraint(-inf, p.free_units + p.displaceable_units) for pid, p in prep.people.items()
                   if pid in prep.by_person}
    objective = lp.Objective()
    if costing:
        for pid, row in person_rows.items():
            p = prep.people[pid]
            if p.displaceable_units:
                # Units beyond the free ones displace tentative work at its cost.
                row.SetBounds(-inf, p.free_units)
                d = lp.NumVar(0, p.displaceable_units, "")
                row.SetCoefficient(d, -1)
                objective.SetCoefficient(d, p.displacement_cost_per_unit)
    trainings: dict[tuple[str, str, int], tuple[pywraplp.Variable, pywraplp.Constraint, int]] = {}
    forced = forced_remainders(prep)  # units no plan covers: out of the LP, into the objective as a constant
    required = {did: d.required_units - forced.get(did, 0) for did, d in prep.demands.items()}
    fixed_loss = sum(prep.demands[did].weight * u for did, u in forced.items())
    demand_rows = {did: lp.Constraint(required[did], required[did]) for did in prep.demands}
    inst = prep.inst
    budget_rows = {i.id: lp.Constraint(-inf, i.budget) for i in inst.initiatives if i.budget is not None}
    hire_rows = {i.id: lp.Constraint(-inf, i.max_hires * inst.units_per_fte) for i in inst.initiatives
                 if i.max_hires is not None}
    total_budget = lp.Constraint(-inf, inst.global_budget) if inst.global_budget is not None else None
    total_hires = (lp.Constraint(-inf, inst.max_hires_global * inst.units_per_fte)
                   if inst.max_hires_global is not None else None)
    initiative_of = {did: d.initiative for did, d in prep.demands.items()}
    rate = prep.person_costs()
    extra, extra_total = training_charges(prep) if not costing else ([0.0] * len(rate), [0.0] * len(rate))
    for i, ((pid, did), cap) in enumerate(zip(prep.option_keys(), prep.caps, strict=True)):
        if cap <= 0 or (did in alone and prep.options[i].disruption_cost > 0):
            continue
        x = lp.NumVar(0, cap, "")
        person_rows[pid].SetCoefficient(x, 1)
        demand_rows[did].SetCoefficient(x, 1)
        if costing:
            objective.SetCoefficient(x, rate[i])
            for step in prep.options[i].trainings:
                key = (pid, step.skill, step.to_level)
                if key not in trainings:
                    t = lp.NumVar(0, 1, "")
                    objective.SetCoefficient(t, step.cost)
                    room = prep.people[pid].free_units + prep.people[pid].displaceable_units
                    together = lp.Constraint(-inf, 0)  # all users' units ≤ the person's capacity × t
                    together.SetCoefficient(t, -room)
                    trainings[key] = (t, together, room)
                t, together, _ = trainings[key]
                alone_row = lp.Constraint(-inf, 0)  # x ≤ cap × t: this option's units need the training
                alone_row.SetCoefficient(x, 1)
                alone_row.SetCoefficient(t, -cap)
                together.SetCoefficient(x, 1)
        # The time and the trainings' surely spent share are charged (displaced work is left out): a relaxation.
        row = budget_rows.get(initiative_of[did])
        if row is not None:
            row.SetCoefficient(x, rate[i] + extra[i])
        if total_budget is not None:
            total_budget.SetCoefficient(x, rate[i] + extra_total[i])
    covered = lp.Constraint(-inf, coverage_at_most - fixed_loss) if costing else None
    for did, d in prep.demands.items():
        for kind, route in open_routes(inst, d) if did not in alone else ():
            v = lp.NumVar(0, route_units(route, required[did]), "")
            demand_rows[did].SetCoefficient(v, 1)
            if costing:
                objective.SetCoefficient(v, route.cost_per_unit)
            for row in (budget_rows.get(d.initiative), total_budget):
                if row is not None:
                    row.SetCoefficient(v, route.cost_per_unit)
            if kind == "hire":
                for row in (hire_rows.get(d.initiative), total_hires):
                    if row is not None:
                        row.SetCoefficient(v, 1)
        u = lp.NumVar(0, required[did], "")
        demand_rows[did].SetCoefficient(u, 1)
        if costing:
            covered.SetCoefficient(u, d.weight)
        else:
            objective.SetCoefficient(u, d.weight)
    objective.SetMinimization()
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    # GLOP's dual bound equals the optimum at OPTIMAL; a small tolerance guards against rounding up past it.
    if not costing:
        return rounded(objective.Value() + fixed_loss)
    return math.ceil(objective.Value() - 1e-6 * max(1.0, abs(objective.Value())))
