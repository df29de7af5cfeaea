"""Why a demand stays uncovered, as far as only a re-plan can tell: would lifting the budgets, or the hire caps,
cover more? Causes are facts, never sentences. Everything a look at the instance and the plan can tell (who could
take it and where they are busy, training too long, each route's blocker) is the app's (`app/planning/facts.py`,
read from its richer index)."""
from __future__ import annotations

from solver.objective import spend
from solver.optimise import optimise
from solver.schema import Cause, Config, Demand, Instance, Solution


def explain_uncovered(instance: Instance, solution: Solution, *, config: Config | None = None) -> None:
    """Fills `causes` on every uncovered demand that a re-plan with budgets (or hire caps) lifted covers better."""
    config = config or Config()
    if not solution.uncovered:
        return
    inst = instance
    demands = {d.id: d for d in inst.demands}
    relaxed_budget = _relaxed_uncovered(inst, config, budgets=True) if inst.has_budgets() else None
    relaxed_caps = _relaxed_uncovered(inst, config, budgets=False) if inst.has_hire_caps() else None
    for gap in solution.uncovered:
        demand = demands[gap.demand]
        causes: list[Cause] = []
        if relaxed_budget is not None and relaxed_budget[0].get(demand.id, 0) < gap.units:
            causes.append(_budget_cause(inst, demand, relaxed_budget[1]))
        if relaxed_caps is not None and relaxed_caps[0].get(demand.id, 0) < gap.units:
            causes.append(Cause(kind="hire_cap", relaxed=True))
        gap.causes = causes


def _relaxed_uncovered(inst: Instance, config: Config, *, budgets: bool) -> tuple[dict[str, int], Solution] | None:
    """Uncovered units per demand when budgets (or hire caps) are lifted: a targeted re-solve."""
    if budgets:
        relaxed = inst.model_copy(update={
            "global_budget": None,
            "initiatives": [i.model_copy(update={"budget": None}) for i in inst.initiatives],
        })
    else:
        relaxed = inst.model_copy(update={
            "max_hires_global": None,
            "initiatives": [i.model_copy(update={"max_hires": None}) for i in inst.initiatives],
        })
    quick = config.model_copy(update={"explain": False, "time_limit_s": config.explain_time_limit_s / 2})
    sol = optimise(relaxed, config=quick)
    if sol.status not in ("optimal", "feasible"):
        return None
    return {u.demand: u.units for u in sol.uncovered}, sol


def _budget_cause(inst: Instance, demand: Demand, relaxed: Solution) -> Cause:
    """Covering it would take the initiative (or else the portfolio) over its budget by `amount`."""
    ini = inst.initiative(demand.initiative)
    if ini.budget is not None:
        over = spend(inst, relaxed, ini.id) - ini.budget
        if over > 0:
            return Cause(kind="budget", amount=over, relaxed=True)
    over = spend(inst, relaxed) - (inst.global_budget or 0)
    return Cause(kind="budget", amount=max(0, over), relaxed=True)
