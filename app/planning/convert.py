"""Solver Solution ⇄ domain Plan: rows with the facts behind them, dates, KPIs and the proof of each objective level."""
from __future__ import annotations

from datetime import timedelta

from app.domain.plans import (
    Assignment,
    Hire,
    ObjectiveLevel,
    Plan,
    PlanStatus,
    Training,
    Uncovered,
)
from app.domain.reasons import PlanNote
from app.planning import facts
from app.planning.prepared import DemandInfo, PreparedInstance, route_annual_cost, to_units
from solver import schema as s
from solver.objective import penalties, spend

_LEVEL_NAMES = {"coverage": "uncovered", "cost": "cost", "disruption": "disruption"}


def solution_to_plan(prepared: PreparedInstance, solution: s.Solution) -> Plan:
    """The domain Plan for a solver Solution, with the facts of its reason on every row and the plan's KPIs."""
    prep, sol = prepared, solution
    demands = prep.demands
    index = facts.SolutionIndex(prep, sol)
    assignments = [Assignment(
        person_id=a.person, person_name=prep.name(a.person), **_role(demands[a.demand]), fte=prep.fte(a.units),
        start=prep.today + timedelta(weeks=max((st.weeks for st in a.trainings), default=0)), moved=a.moved,
        pinned=(a.person, a.demand) in prep.pinned,
        pinned_by=prep.pinned.get((a.person, a.demand)), why=facts.assignment_why(prep, a, index), cost=float(a.cost),
    ) for a in sol.allocations]
    trainings = []
    for t in sol.trainings:
        infos = [demands[d] for d in t.demands if d in demands]
        first = infos[0] if infos else None
        latest = min((i.latest(t.weeks) for i in infos if i.go_live is not None), default=None)
        trainings.append(Training(
            person_id=t.person, person_name=prep.name(t.person), initiative=first.initiative.id if first else "",
            role=first.role.id if first else "", skill=t.skill, skill_name=prep.skill(t.skill), from_level=t.from_level,
            to_level=t.to_level, weeks=t.weeks, cost=t.cost, latest_start=latest, why=facts.training_why(prep, t),
        ))
    hires = [Hire(
        **_role(info := demands[p.demand]), kind=p.kind, fte=prep.fte(p.units), heads=p.heads, cost=p.cost,
        lead_time_weeks=p.lead_weeks, latest_requisition=info.latest(p.lead_weeks), why=facts.hire_why(prep, p, index),
        annual_cost=round(route_annual_cost(info.role, info.policy, p.kind) * prep.fte(p.units), 2),
    ) for p in sol.procurements]
    uncovered = [Uncovered(**_role(demands[u.demand]), fte=prep.fte(u.units), why=facts.uncovered_why(prep, sol, u, index))
                 for u in sol.uncovered]
    required = sum(d.required_units for d in prep.instance.demands)
    missing = sum(u.units for u in sol.uncovered)
    moved = len({a.person for a in sol.allocations if a.moved})
    plan = Plan(
        status=PlanStatus(sol.status), assignments=assignments, trainings=trainings, hires=hires, uncovered=uncovered,
        objective=[ObjectiveLevel(name=_LEVEL_NAMES[lv.name], value=lv.value, bound=lv.bound, gap=lv.gap,
                                  proven=lv.proven) for lv in sol.levels],
        total_cost=float(sol.total_cost), required_fte=prep.fte(required),
        covered_fte=prep.fte(required - missing) if sol.status in ("optimal", "feasible") else 0.0,
        people_moved=moved, solve_seconds=sol.elapsed_s,
        settings={"scenario": prep.scenario, "today": prep.today.isoformat(),
                  "horizon_weeks": next(iter(prep.policies.values())).horizon_weeks,
                  "initiatives": ", ".join(prep.initiatives), **{f"pruning_{k}": v for k, v in prep.pruning.items()}},
    )
    plan.notes = _notes(prep, sol)
    return plan


def _role(info: DemandInfo) -> dict[str, str]:
    """The initiative and role of a row, as every plan row names them."""
    return {"initiative": info.initiative.id, "role": info.role.id, "role_name": info.role.name}


def _notes(prep: PreparedInstance, sol: s.Solution) -> list[PlanNote]:
    """What the plan says beside its figures: roles resting on one person, the solver's own remarks."""
    if sol.status == "infeasible":
        return [PlanNote(kind="conflicts", conflicts=facts.conflicts(prep, sol.conflicts))]
    if sol.status == "no_plan" and not sol.message:
        return [PlanNote(kind="solver", text="Stopped before any plan was found.")]
    notes = [PlanNote(kind="bus_factor", role=facts.role_ref(prep, p.subject))
             for p in sol.penalties if p.rule == "bus_factor" and p.amount > 0]
    return notes + ([PlanNote(kind="solver", text=sol.message)] if sol.message else [])


def plan_to_solution(prepared: PreparedInstance, plan: Plan) -> s.Solution:
    """A solver Solution for a (possibly hand-edited) Plan, so the solver's validator can check it."""
    prep = prepared
    options = {(o.person, o.demand): o for o in prep.instance.options}
    people = {p.id: p for p in prep.instance.people}
    allocations: list[s.Allocation] = []
    supplied: dict[str, int] = {}
    used_units: dict[str, int] = {}
    for a in plan.assignments:
        did = f"{a.initiative}/{a.role}"
        units = to_units(a.fte, prep.unit)
        option = options.get((a.person_id, did))
        person = people.get(a.person_id)
        allocations.append(s.Allocation(
            person=a.person_id, demand=did, units=max(1, units),
            trainings=list(option.trainings) if option else [],
            cost=(person.cost_per_unit if person else 0) * units,
            moved=bool(option and option.disruption_cost > 0),
        ))
        supplied[did] = supplied.get(did, 0) + units
        used_units[a.person_id] = used_units.get(a.person_id, 0) + units
    procurements = []
    for h in plan.hires:
        did = f"{h.initiative}/{h.role}"
        units = to_units(h.fte, prep.unit)
        full = prep.instance.units_per_fte
        procurements.append(s.Procurement(demand=did, kind=h.kind, units=max(1, units),
                                          heads=max(h.heads, -(-units // full)), cost=int(round(h.cost)),
                                          lead_weeks=h.lead_time_weeks))
        supplied[did] = supplied.get(did, 0) + units
    trainings: dict[tuple[str, str, int], s.TrainingPlan] = {}
    for a in allocations:
        for st in a.trainings:
            key = (a.person, st.skill, st.to_level)
            tp = trainings.setdefault(key, s.TrainingPlan(person=a.person, skill=st.skill, from_level=st.from_level,
                                                          to_level=st.to_level, weeks=st.weeks, cost=st.cost))
            tp.demands.append(a.demand)
    displacements = []
    for pid, units in used_units.items():
        person = people.get(pid)
        if person is not None and units > person.free_units:
            extra = min(units - person.free_units, person.displaceable_units) or (units - person.free_units)
            displacements.append(s.Displacement(person=pid, units=extra,
                                                cost=extra * person.displacement_cost_per_unit))
    uncovered = [s.UncoveredDemand(demand=d.id, units=d.required_units - supplied.get(d.id, 0))
                 for d in prep.instance.demands if d.required_units > supplied.get(d.id, 0)]
    sol = s.Solution(status="feasible", allocations=allocations, procurements=procurements,
                     trainings=list(trainings.values()), displacements=displacements, uncovered=uncovered)
    sol.total_cost = spend(prep.instance, sol)
    sol.penalties = penalties(prep.instance, sol)
    return sol

