"""Budgets: each initiative's spend and the portfolio's spend stay within their hard limits."""
from __future__ import annotations

from ortools.sat.python import cp_model

from solver.model import Model, cost_terms, expression


def initiative_spend(m: Model, initiative: str) -> cp_model.LinearExpr:
    """Money an initiative spends: its people's time, its hires and contractors, the trainings it relies on."""
    prep = m.prep
    idx = [i for did, ix in prep.by_demand.items() if prep.demands[did].initiative == initiative for i in ix]
    terms = [prep.people[prep.options[i].person].cost_per_unit * m.x[i] for i in idx]
    for units, attr in ((m.hire_units, "hire"), (m.contract_units, "contract")):
        for did, u in units.items():
            demand = prep.demands[did]
            if demand.initiative == initiative:
                terms.append(getattr(demand, attr).cost_per_unit * u)
    # A training shared with another initiative counts fully against each budget that relies on it.
    needed: dict[tuple[str, str, int], tuple[int, list[int]]] = {}
    for i in idx:
        o = prep.options[i]
        for step in o.trainings:
            needed.setdefault((o.person, step.skill, step.to_level), (step.cost, []))[1].append(i)
    for key, (cost, users) in needed.items():
        if cost == 0:
            continue
        if len(users) == len(prep.training_keys.get(key, [])):
            terms.append(cost * m.train[key])
        else:
            name = f"training_for(initiative={initiative},person={key[0]},skill={key[1]},to={key[2]})"
            t = m.cp.new_bool_var(name)
            m.training_for.append((t, users))
            for i in users:
                m.cp.add_implication(m.y[i], t)
            terms.append(cost * t)
    return cp_model.LinearExpr.sum(terms)


def budgets(m: Model) -> None:
    """Spend stays within each initiative's budget and within the portfolio budget."""
    present = {d.initiative for d in m.prep.demands.values()}
    for ini in m.prep.inst.initiatives:
        if ini.budget is not None and ini.id in present:
            ct = m.cp.add(initiative_spend(m, ini.id) <= ini.budget)
            m.enforce(ct, f"budget(initiative={ini.id})")
    if m.prep.inst.global_budget is not None:
        ct = m.cp.add(expression(cost_terms(m)) <= m.prep.inst.global_budget)
        m.enforce(ct, "budget(portfolio)")
