"""Reasons and causes in delivery-lead words: why this person, why this hire, why this role stays open."""
from __future__ import annotations

from app.planning.prepared import Candidate, DemandInfo, PreparedInstance, fte_text, money
from app.planning.role_fit import describe_met, describe_steps
from app.planning.solution_index import SolutionIndex, index_solution
from solver import schema as s


def _first_skill(prep: PreparedInstance, c: Candidate) -> str:
    if c.fit.steps:
        return f" (after {c.fit.weeks} weeks of training)"
    pairs = c.fit.met or c.fit.short
    if not pairs:
        return ""
    skill, has, _ = pairs[0]
    return f" ({prep.skill(skill)} {has})"


def assignment_reason(prep: PreparedInstance, sol: s.Solution, alloc: s.Allocation, *,
                      index: SolutionIndex | None = None) -> str:
    """'Ana Ruiz: MLOps 4 ≥ 3; on the team already; runner-up Ben Ode (MLOps 3) costs €4k more'.

    Pass the solution's `index` when explaining many rows: building it reads every allocation and person.
    """
    index = index or index_solution(prep, sol)
    info = prep.demands[alloc.demand]
    mine = index.candidate(alloc.demand, alloc.person)
    parts: list[str] = []
    head = prep.name(alloc.person)
    if mine is not None:
        met = describe_met(mine.fit, prep.skill)
        head += f": {met}" if met else ""
        if mine.fit.steps:
            head += f"{'; ' if met else ': '}after training {describe_steps(mine.fit, prep.skill)}"
    parts.append(head)
    if (alloc.person, alloc.demand) in prep.pinned:
        parts.append("pinned (agreed decision)")
    person = prep.people.get(alloc.person)
    if not alloc.moved:
        parts.append("on the team already")
    elif person is not None and person.commitments:
        parts.append("moves in from " + ", ".join(sorted({c.initiative for c in person.commitments})))
    else:
        parts.append("moves in from the wider pool")
    parts.append(_runner_up(prep, index, alloc, info, mine))
    return "; ".join(p for p in parts if p)


def _runner_up(prep: PreparedInstance, index: SolutionIndex, alloc: s.Allocation, info: DemandInfo,
               mine: Candidate | None) -> str:
    on_demand = index.on_demand.get(alloc.demand, set())
    rivals = index.rivals(alloc.demand)
    best: tuple[tuple[int, int, str], int] | None = None
    for k, c in enumerate(rivals.candidates):
        if c.person_id in on_demand:
            continue
        key = (rivals.cost_per_unit[k] * alloc.units + rivals.training_cost[k], -c.fit.score, c.person_id)
        if best is None or key < best[0]:
            best = (key, k)
    if best is None:
        return "the only eligible person" if len(on_demand) == 1 else ""
    rival = rivals.candidates[best[1]]
    who = f"runner-up {prep.name(rival.person_id)}{_first_skill(prep, rival)}"
    mine_cost = index.cost_per_unit(mine.person_id) * alloc.units + mine.fit.training_cost if mine is not None else 0
    diff = best[0][0] - mine_cost
    if diff > 0:
        return f"{who} costs {money(diff)} more"
    elsewhere = [d for d in index.placed.get(rival.person_id, []) if d != alloc.demand]
    if elsewhere:
        return f"{who} is needed on {', '.join(_demand_label(prep, d) for d in elsewhere)}"
    if rival.fit.steps and (mine is None or not mine.fit.steps):
        return f"{who} would first need training"
    rival_person = prep.people.get(rival.person_id)
    if rival_person is not None and not rival_person.on_team(info.initiative.id) and not alloc.moved:
        return f"{who} would have to move teams"
    return f"{who} fits less well"


def _demand_label(prep: PreparedInstance, did: str) -> str:
    info = prep.demands.get(did)
    return did if info is None else f"{info.initiative.name} ({info.role.name})"


def training_reason(prep: PreparedInstance, step: s.TrainingPlan) -> str:
    """Why the training is in the plan and by when it must start."""
    roles = " and ".join(_demand_label(prep, d) for d in step.demands) or "the plan"
    return f"so {prep.name(step.person)} can take {roles}"


def procurement_reason(prep: PreparedInstance, sol: s.Solution, proc: s.Procurement, *,
                       index: SolutionIndex | None = None) -> str:
    """Why a hire or contractor is needed: who in the pool could have done it and why they did not."""
    index = index or index_solution(prep, sol)
    info = prep.demands[proc.demand]
    qualified = [c for c in info.candidates if c.fit.qualified]
    usable = [c for c in info.candidates if c.status == "option"]
    heads = f"{proc.heads} head{'s' if proc.heads > 1 else ''}"
    what = "hire" if proc.kind == "hire" else "contract"
    pool, used = index.pool, index.used
    spare = [c for c in usable if (p := pool.get(c.person_id)) is not None
             and p.free_units + p.displaceable_units - used.get(c.person_id, 0) >= prep.instance.min_alloc_units]
    if not qualified and not usable:
        start = f"nobody in the pool holds {_hardest(prep, index, info)}"
    elif not usable:
        start = (f"the only qualified person ({prep.name(qualified[0].person_id)}) has no free time"
                 if len(qualified) == 1 else f"the {len(qualified)} qualified people have no free time")
    elif spare:
        unit_cost = proc.cost / max(1, proc.units)
        cheapest = min(spare, key=lambda c: pool[c.person_id].cost_per_unit)
        extra = (pool[cheapest.person_id].cost_per_unit - unit_cost) * proc.units
        start = (f"cheaper than moving {prep.name(cheapest.person_id)} in ({money(extra)} less)" if extra > 0
                 else f"keeps {prep.name(cheapest.person_id)} free for other work")
    else:
        start = f"the {len(usable)} eligible {'person is' if len(usable) == 1 else 'people are'} fully used"
    return f"{start}; {what} {heads} ({proc.lead_weeks} weeks lead time)"


def _hardest(prep: PreparedInstance, index: SolutionIndex, info: DemandInfo) -> str:
    """The required skill(s) nobody (or the fewest people) in the roster holds at the role's level."""
    holders = [(index.holders(req.skill, req.min_level), req) for req in info.role.required]
    if not holders:
        return info.role.name
    none = [req for n, req in holders if n == 0]
    if none:
        return ", ".join(f"{prep.skill(r.skill)} ≥ {r.min_level}" for r in none)
    return "all of " + ", ".join(f"{prep.skill(r.skill)} {r.min_level}" for _, r in holders) + " together"


def uncovered_cause(prep: PreparedInstance, sol: s.Solution, gap: s.UncoveredDemand, *,
                    index: SolutionIndex | None = None) -> str:
    """Why a role stays (partly) open, e.g. 'nobody holds MLOps ≥ 3; a hire needs 10 weeks but go-live is in 4'."""
    index = index or index_solution(prep, sol)
    info = prep.demands[gap.demand]
    demand = index.demands[gap.demand]
    parts: list[str] = []
    qualified = [c for c in info.candidates if c.fit.qualified]
    placed = index.placed
    if not qualified:
        parts.append(f"nobody holds {_hardest(prep, index, info)}")
    else:
        busy = []
        for c in qualified[:3]:
            name = prep.name(c.person_id)
            if c.status == "option":
                where = [d for d in placed.get(c.person_id, []) if d != gap.demand]
                busy.append(f"{name} is needed on {', '.join(_demand_label(prep, d) for d in where)}" if where
                            else f"{name} has no more free time")
            else:
                busy.append(f"{name}: {c.detail}")
        parts.append("; ".join(busy))
    parts.extend(_training_words(prep, info))
    remaining = _budget_left(index, info.initiative.id)
    parts.append(_route_words(prep, sol, demand, info, "hire", gap.units, remaining))
    parts.append(_route_words(prep, sol, demand, info, "contract", gap.units, remaining))
    parts.extend(_replan_words(gap))
    mine = [p for p in parts if p]
    # The solver's own causes are a fallback: ours name people and skills, theirs only ids and numbers.
    return "; ".join(mine or [c.message for c in gap.causes if c.message][:2])


def _replan_words(gap: s.UncoveredDemand) -> list[str]:
    """What the solver's re-plans found (budgets or hire caps lifted), when the explanations had the time to run."""
    out = []
    for c in gap.causes:
        if c.kind == "budget":
            over = f" ({money(c.amount)} over budget)" if c.amount else ""
            out.append(f"without the budget limit a plan covers more of it{over}")
        elif c.kind == "hire_cap" and c.message.startswith("The hire cap is reached"):
            out.append("without the hire cap a plan covers more of it")
    return out


def _training_words(prep: PreparedInstance, info: DemandInfo) -> list[str]:
    if not info.policy.allow_upskilling:
        return ["upskilling is switched off for this initiative"]
    late = [c for c in info.candidates if c.status == "training_too_long"]
    if late:
        c = late[0]
        skill, has, _ = c.fit.short[0]
        when = (f"go-live is in {info.go_live_week} weeks" if info.go_live_week is not None
                else f"the plan looks {info.policy.horizon_weeks} weeks ahead")
        return [f"the nearest ({prep.name(c.person_id)}, {prep.skill(skill)} level {has}) needs "
                f"{c.fit.weeks} weeks of training but {when}"]
    return []


def _budget_left(index: SolutionIndex, initiative: str) -> float | None:
    inst = index.prep.instance
    left: list[float] = []
    ini = inst.initiative(initiative)
    if ini.budget is not None:
        left.append(ini.budget - index.spend(initiative))
    if inst.global_budget is not None:
        left.append(inst.global_budget - index.sol.total_cost)
    return min(left) if left else None


def _route_words(prep: PreparedInstance, sol: s.Solution, demand: s.Demand, info: DemandInfo, kind: str, units: int,
                 remaining: float | None) -> str:
    route = demand.hire if kind == "hire" else demand.contract
    noun = "a hire" if kind == "hire" else "a contractor"
    ini = prep.instance.initiative(demand.initiative)
    if kind == "hire" and ini.hiring_freeze:
        return "hiring is frozen"
    if kind == "contract" and not ini.allow_contractors:
        return "contractors are not allowed"
    if route is None or not route.allowed:
        return f"{noun} is not offered for this role"
    if kind == "hire" and ini.max_hires is not None:
        used = sum(p.heads for p in sol.procurements
                   if p.kind == "hire" and prep.demands[p.demand].initiative.id == demand.initiative)
        if used >= ini.max_hires:
            return f"the hire cap of {ini.max_hires} is used up"
    if info.go_live_week is not None and route.lead_weeks > info.go_live_week:
        return f"{noun} needs {route.lead_weeks} weeks but go-live is in {info.go_live_week} weeks"
    if remaining is not None:
        over = route.cost_per_unit * units - remaining
        if over > 0:
            return f"{noun} would exceed the budget by {money(over)}"
    return ""


def bus_factor_words(prep: PreparedInstance, penalty: s.Penalty) -> str:
    """'MLOps engineer on Claims Triage rests on fewer than two people (bus factor)'."""
    return f"{_demand_label(prep, penalty.subject)} rests on fewer than two people (bus factor)"


def fte_words(units: int, prep: PreparedInstance) -> str:
    """Units as FTE text."""
    return fte_text(prep.fte(units))
