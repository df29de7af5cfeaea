"""Why a demand stays uncovered: causes as facts, never sentences (why each person was chosen is the app's
`app/planning/facts.py`, read from its richer index)."""
from __future__ import annotations

from solver.allowed import route_blocker
from solver.objective import spend
from solver.optimise import optimise
from solver.prepare import prepare
from solver.schema import Cause, Config, Demand, Instance, NearMiss, Solution


def explain_uncovered(instance: Instance, solution: Solution, *, config: Config | None = None) -> None:
    """Fills `causes` on every uncovered demand of the solution (re-solving with budgets or caps relaxed)."""
    config = config or Config()
    if not solution.uncovered:
        return
    inst = instance
    demands = {d.id: d for d in inst.demands}
    prep = prepare(inst)
    usable: dict[str, list[str]] = {d: [prep.options[i].person for i in idx] for d, idx in prep.by_demand.items()}
    dropped: dict[str, list[tuple[str, str]]] = {}
    for o, reason in prep.dropped:
        dropped.setdefault(o.demand, []).append((o.person, reason))
    relaxed_budget = _relaxed_uncovered(inst, config, budgets=True) if inst.has_budgets() else None
    relaxed_caps = _relaxed_uncovered(inst, config, budgets=False) if inst.has_hire_caps() else None
    placed_on: dict[str, list[str]] = {}
    for a in solution.allocations:
        placed_on.setdefault(a.person, []).append(a.demand)
    for gap in solution.uncovered:
        demand = demands[gap.demand]
        causes: list[Cause] = []
        if relaxed_budget is not None and relaxed_budget[0].get(demand.id, 0) < gap.units:
            causes.append(_budget_cause(inst, demand, relaxed_budget[1]))
        if relaxed_caps is not None and relaxed_caps[0].get(demand.id, 0) < gap.units:
            causes.append(Cause(kind="hire_cap", relaxed=True))
        causes += _route_causes(inst, demand)
        people = usable.get(demand.id, [])
        if not people:
            causes.append(_nobody_cause(inst, demand, dropped.get(demand.id, [])))
        else:
            busy = sorted({d for p in people for d in placed_on.get(p, []) if d != demand.id})
            # "other": the eligible people cannot give the remaining units in whole allocations of the minimum size
            causes.append(Cause(kind="capacity_taken", people=people, other_demands=busy) if busy
                          else Cause(kind="other", people=people))
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


def _route_causes(inst: Instance, demand: Demand) -> list[Cause]:
    causes = []
    go_live = inst.go_live(demand)
    blocker = route_blocker(inst, demand, "hire")
    if blocker == "hiring_freeze":
        causes.append(Cause(kind="hiring_freeze"))
    elif blocker == "hire_lead_time":
        causes.append(Cause(kind="hire_lead_time", weeks_needed=demand.hire.lead_weeks, weeks_available=go_live))
    elif blocker == "hire_cap":
        causes.append(Cause(kind="hire_cap", amount=0))
    blocker = route_blocker(inst, demand, "contract")
    if blocker == "no_contractors":
        causes.append(Cause(kind="no_contractors"))
    elif blocker == "contract_lead_time":
        causes.append(Cause(kind="contract_lead_time", weeks_needed=demand.contract.lead_weeks,
                            weeks_available=go_live))
    return causes


def _nobody_cause(inst: Instance, demand: Demand, dropped: list[tuple[str, str]]) -> Cause:
    go_live = inst.go_live(demand)
    misses = [n for n in inst.near_misses if n.demand == demand.id]
    for person, reason in dropped:
        if reason == "training_too_long":
            o = next(o for o in inst.options if o.person == person and o.demand == demand.id)
            weeks = max(s.weeks for s in o.trainings)
            misses.append(_miss(demand.id, person, "training_too_long", weeks, go_live))
        elif reason == "excluded":
            misses.append(_miss(demand.id, person, "excluded", None, go_live))
    too_long = sorted((n for n in misses if n.reason == "training_too_long"), key=lambda n: (n.weeks_needed or 0, n.person))
    if too_long:
        n = too_long[0]
        return Cause(kind="training_too_long", person=n.person, weeks_needed=n.weeks_needed,
                     weeks_available=n.weeks_available)
    if any(n.reason == "excluded" for n in misses):  # the only qualified people are excluded
        return Cause(kind="excluded", person=next(n for n in misses if n.reason == "excluded").person)
    return Cause(kind="nobody_eligible")


def _miss(demand: str, person: str, reason, weeks, available) -> NearMiss:
    return NearMiss(demand=demand, person=person, reason=reason, weeks_needed=weeks, weeks_available=available)
