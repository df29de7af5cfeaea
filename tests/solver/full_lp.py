"""The money-aware coverage LP over every option, in one GLOP solve: the reference column generation must reach.

Built apart from solver/lp_columns.py on purpose (plain rows, no pricing, no numpy), so the tests compare two
constructions of the same relaxation.
"""
from __future__ import annotations

from ortools.linear_solver import pywraplp

from solver.allowed import open_routes, route_units
from solver.lp_columns import rounded
from solver.prepare import Prepared
from solver.relaxation import forced_remainders, newcomers_only, training_charges


def full_coverage_lp(prep: Prepared, *, time_limit_s: float = 30) -> int | None:
    """The LP's coverage optimum rounded up (budgets, hire caps, trainings' surely-spent share), None if unsolved."""
    lp = pywraplp.Solver.CreateSolver("GLOP")
    lp.SetTimeLimit(int(time_limit_s * 1000))
    inf, inst, alone = lp.infinity(), prep.inst, newcomers_only(prep)
    forced = forced_remainders(prep)
    required = {did: d.required_units - forced.get(did, 0) for did, d in prep.demands.items()}
    people = {pid: lp.Constraint(-inf, p.free_units + p.displaceable_units) for pid, p in prep.people.items()}
    demands = {did: lp.Constraint(units, units) for did, units in required.items()}
    budgets = {i.id: lp.Constraint(-inf, i.budget) for i in inst.initiatives if i.budget is not None}
    caps = {i.id: lp.Constraint(-inf, i.max_hires * inst.units_per_fte) for i in inst.initiatives
            if i.max_hires is not None}
    total = lp.Constraint(-inf, inst.global_budget) if inst.global_budget is not None else None
    hires = lp.Constraint(-inf, inst.max_hires_global * inst.units_per_fte) if inst.max_hires_global is not None else None
    per_initiative, overall = training_charges(prep)
    rate = prep.person_costs
    for i, (o, cap) in enumerate(zip(prep.options, prep.caps, strict=True)):
        if cap <= 0 or (o.demand in alone and o.disruption_cost > 0):
            continue
        x = lp.NumVar(0, cap, "")
        people[o.person].SetCoefficient(x, 1)
        demands[o.demand].SetCoefficient(x, 1)
        if prep.demands[o.demand].initiative in budgets:
            budgets[prep.demands[o.demand].initiative].SetCoefficient(x, rate[i] + per_initiative[i])
        if total is not None:
            total.SetCoefficient(x, rate[i] + overall[i])
    objective = lp.Objective()
    for did, d in prep.demands.items():
        for kind, route in open_routes(inst, d) if did not in alone else ():
            v = lp.NumVar(0, route_units(route, required[did]), "")
            demands[did].SetCoefficient(v, 1)
            for row in (budgets.get(d.initiative), total):
                if row is not None:
                    row.SetCoefficient(v, route.cost_per_unit)
            for row in (caps.get(d.initiative), hires) if kind == "hire" else ():
                if row is not None:
                    row.SetCoefficient(v, 1)
        u = lp.NumVar(0, required[did], "")
        demands[did].SetCoefficient(u, 1)
        objective.SetCoefficient(u, d.weight)
    objective.SetMinimization()
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return rounded(objective.Value() + sum(prep.demands[did].weight * u for did, u in forced.items()))
