"""An independent MIP of the same rules in HiGHS, to check the solver's level-1 and level-2 optima."""
from __future__ import annotations

import highspy

from solver.schema import Instance


def highs_optimum(inst: Instance, *, bus_penalty: int) -> tuple[int, int] | None:
    """(coverage, cost) optimum, lexicographic; None when infeasible. Supports the rules the tests generate."""
    h = highspy.Highs()
    h.silent()
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.0)
    people = {p.id: p for p in inst.people}
    demands = {d.id: d for d in inst.demands}
    inis = {i.id: i for i in inst.initiatives}
    full = inst.units_per_fte
    x, y = {}, {}
    for o in inst.options:
        d, p = demands[o.demand], people[o.person]
        go_live = d.go_live_week if d.go_live_week is not None else inis[d.initiative].go_live_week
        if go_live is not None and any(s.weeks > go_live for s in o.trainings):
            continue
        cap = min(d.required_units, p.free_units + p.displaceable_units)
        least = max(1, min(inst.min_alloc_units, d.required_units))
        if cap < least:
            continue
        k = (o.person, o.demand)
        x[k] = h.addIntegral(lb=0, ub=cap)
        y[k] = h.addBinary()
        h.addConstr(x[k] >= least * y[k])
        h.addConstr(x[k] <= cap * y[k])
    cost_terms, cov_terms = [], []
    for pid, p in people.items():
        mine = [k for k in x if k[0] == pid]
        if not mine:
            continue
        disp = h.addIntegral(lb=0, ub=p.displaceable_units)
        h.addConstr(sum(x[k] for k in mine) <= p.free_units + disp)
        cost_terms.append(p.displacement_cost_per_unit * disp)
        limit = inst.max_roles(p)
        h.addConstr(sum(y[k] for k in mine) <= limit)
        for k in mine:
            if not demands[k[1]].shareable and len(mine) > 1:
                others = [y[j] for j in mine if j != k]
                h.addConstr(sum(others) <= len(others) * (1 - y[k]))
        cost_terms += [p.cost_per_unit * x[k] for k in mine]
    trainings: dict[tuple, tuple] = {}
    for o in inst.options:
        if (o.person, o.demand) in x:
            for s in o.trainings:
                trainings.setdefault((o.person, s.skill, s.to_level), (s.cost, []))[1].append((o.person, o.demand))
    for cost, users in trainings.values():
        t = h.addBinary()
        for k in users:
            h.addConstr(y[k] <= t)
        cost_terms.append(cost * t)
    hires_by_ini: dict[str, list] = {}
    spend_by_ini: dict[str, list] = {}
    for did, d in demands.items():
        ini = inis[d.initiative]
        go_live = d.go_live_week if d.go_live_week is not None else ini.go_live_week
        supply = [x[k] for k in x if k[1] == did]
        heads = [y[k] for k in x if k[1] == did]
        spend = [people[k[0]].cost_per_unit * x[k] for k in x if k[1] == did]
        least = max(1, min(inst.min_alloc_units, d.required_units))
        for kind, route in (("hire", d.hire), ("contract", d.contract)):
            if route is None or not route.allowed or (go_live is not None and route.lead_weeks > go_live):
                continue
            if kind == "hire" and ini.hiring_freeze or kind == "contract" and not ini.allow_contractors:
                continue
            u = h.addIntegral(lb=0, ub=d.required_units)
            n = h.addIntegral(lb=0, ub=d.required_units)
            h.addConstr(u <= full * n)
            h.addConstr(u >= least * n)
            supply.append(u)
            heads.append(n)
            spend.append(route.cost_per_unit * u)
            cost_terms.append(route.cost_per_unit * u)
            if kind == "hire":
                hires_by_ini.setdefault(d.initiative, []).append(n)
        unc = h.addIntegral(lb=0, ub=d.required_units)
        h.addConstr(sum(supply) + unc == d.required_units)
        cov_terms.append(d.weight * unc)
        if d.ops_critical and d.required_units > 0:
            short = h.addIntegral(lb=0, ub=2)
            h.addConstr(sum(heads) + short >= 2)
            cov_terms.append(d.weight * bus_penalty * short)
        spend_by_ini.setdefault(d.initiative, []).extend(spend)
    for ini in inis.values():
        if ini.max_hires is not None and hires_by_ini.get(ini.id):
            h.addConstr(sum(hires_by_ini[ini.id]) <= ini.max_hires)
        if ini.budget is not None:
            mine = list(spend_by_ini.get(ini.id, []))
            for (_pid, _skill, _to), (cost, users) in trainings.items():
                if any(demands[k[1]].initiative == ini.id for k in users):
                    t = h.addBinary()
                    for k in users:
                        if demands[k[1]].initiative == ini.id:
                            h.addConstr(y[k] <= t)
                    mine.append(cost * t)
            if mine:
                h.addConstr(sum(mine) <= ini.budget)
    if inst.global_budget is not None and cost_terms:
        h.addConstr(sum(cost_terms) <= inst.global_budget)
    coverage = sum(cov_terms) if cov_terms else None
    cost = sum(cost_terms) if cost_terms else None
    v1 = 0
    if coverage is not None:
        h.minimize(coverage)
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        v1 = round(h.getObjectiveValue())
        h.addConstr(coverage <= v1)
    if cost is None:
        return v1, 0
    h.minimize(cost)
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return v1, round(h.getObjectiveValue())
