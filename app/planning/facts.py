"""The facts behind each plan row: why this person, why this training or hire, why this role stays open.

Only facts (who, which skills, which numbers) — `app.planning.words` says them, with or without pay.
"""
from __future__ import annotations

import re
from collections import defaultdict

from app.domain.reasons import (
    AssignmentWhy,
    Commitment,
    Conflict,
    HireWhy,
    OpenCause,
    PersonWhy,
    RoleRef,
    RunnerUp,
    SkillLevel,
    SkillNeed,
    TrainingWhy,
    UncoveredWhy,
    Upskill,
)
from app.planning.prepared import Candidate, DemandInfo, Fit, PreparedInstance
from solver import schema as s
from solver.objective import spend


class SolutionIndex:
    """People, demands, who sits on each demand and where each person is placed: the one index every reason of a
    solution reads, keeping what the reasons read more than once."""

    def __init__(self, prep: PreparedInstance, sol: s.Solution) -> None:
        self.prep, self.sol = prep, sol
        self.pool = {p.id: p for p in prep.instance.people}
        self.demands = {d.id: d for d in prep.instance.demands}
        self.on_demand: dict[str, set[str]] = defaultdict(set)
        self.placed: dict[str, list[str]] = defaultdict(list)
        self.used: dict[str, int] = defaultdict(int)
        for a in sol.allocations:
            self.on_demand[a.demand].add(a.person)
            self.placed[a.person].append(a.demand)
            self.used[a.person] += a.units
        self._by_person: dict[str, dict[str, Candidate]] = {}
        self._rivals: dict[str, list[Candidate]] = {}
        self._spend: dict[str, int] = {}
        self._holders: dict[tuple[str, int], int] = {}

    def cost_per_unit(self, person_id: str) -> int:
        """The person's cost per unit in the instance (0 when not in the model)."""
        person = self.pool.get(person_id)
        return person.cost_per_unit if person is not None else 0

    def candidate(self, demand_id: str, person_id: str) -> Candidate | None:
        """The person's candidate entry on the demand."""
        if demand_id not in self._by_person:
            self._by_person[demand_id] = {c.person_id: c for c in self.prep.demands[demand_id].candidates}
        return self._by_person[demand_id].get(person_id)

    def rivals(self, demand_id: str) -> list[Candidate]:
        """The demand's usable candidates (status 'option')."""
        if demand_id not in self._rivals:
            self._rivals[demand_id] = [c for c in self.prep.demands[demand_id].candidates if c.status == "option"]
        return self._rivals[demand_id]

    def spend(self, initiative: str) -> int:
        """The initiative's spend in this solution (it reads every allocation)."""
        if initiative not in self._spend:
            self._spend[initiative] = spend(self.prep.instance, self.sol, initiative)
        return self._spend[initiative]

    def holders(self, skill: str, level: int) -> int:
        """How many people in the roster hold `skill` at `level` or above."""
        if (skill, level) not in self._holders:
            self._holders[skill, level] = sum(1 for p in self.prep.people.values() if p.level(skill) >= level)
        return self._holders[skill, level]


def role_ref(prep: PreparedInstance, demand_id: str) -> RoleRef:
    """The role behind a solver demand, with its names."""
    info = prep.demands.get(demand_id)
    if info is None:
        initiative, _, role = demand_id.partition("/")
        return RoleRef(initiative=initiative, role=role or demand_id)
    return RoleRef(initiative=info.initiative.id, initiative_name=info.initiative.name, role=info.role.id,
                   role_name=info.role.name)


def _level(prep: PreparedInstance, skill: str, has: int, needs: int) -> SkillLevel:
    return SkillLevel(skill=skill, skill_name=prep.skill(skill), has=has, needs=needs)


def _steps(prep: PreparedInstance, fit: Fit) -> list[Upskill]:
    return [Upskill(skill=st.skill, skill_name=prep.skill(st.skill), from_level=st.from_level,
                    to_level=st.to_level, weeks=st.weeks) for st in fit.steps]


def assignment_why(prep: PreparedInstance, alloc: s.Allocation, index: SolutionIndex) -> AssignmentWhy:
    """Skills that qualify the person, trainings, where they come from, and the runner-up."""
    mine = index.candidate(alloc.demand, alloc.person)
    why = AssignmentWhy()
    if mine is not None:
        why.met = [_level(prep, skill, has, needs) for skill, has, needs in mine.fit.met]
        why.training = _steps(prep, mine.fit)
    person = prep.people.get(alloc.person)
    if alloc.moved and person is not None:
        why.moves_from = sorted({prep.initiative_name(c.initiative) for c in person.commitments})
    on_demand = index.on_demand.get(alloc.demand, set())
    ini, chosen = prep.demands[alloc.demand].initiative.id, index.cost_per_unit(alloc.person) * alloc.units
    why.runner_up = _cheapest(
        prep, index, alloc.demand, alloc.units, [c for c in index.rivals(alloc.demand) if c.person_id not in on_demand],
        chosen + (mine.fit.training_cost if mine is not None else 0), chosen_trains=mine is not None and bool(mine.fit.steps),
        moves=lambda c: not alloc.moved and not prep.people[c.person_id].on_team(ini, on=prep.today))
    why.only_one = why.runner_up is None and len(on_demand) == 1
    return why


def _cheapest(prep: PreparedInstance, index: SolutionIndex, demand_id: str, units: int, rivals: list[Candidate],
              chosen_cost: float, *, chosen_trains: bool, moves) -> RunnerUp | None:
    """The cheapest of `rivals` for `units` of the demand, training included (best fit on ties), and how they compare
    with what the plan chose (`chosen_cost`): what they would add, where the plan needs them, their training."""
    if not rivals:
        return None
    key, rival = min((((index.cost_per_unit(c.person_id) * units + c.fit.training_cost, -c.fit.score, c.person_id), c)
                      for c in rivals), key=lambda kc: kc[0])
    pairs = rival.fit.met or rival.fit.short
    return RunnerUp(
        person_id=rival.person_id, person_name=prep.name(rival.person_id),
        skill=_level(prep, *pairs[0]) if pairs and not rival.fit.steps else None,
        training_weeks=rival.fit.weeks or None, extra_cost=float(key[0] - chosen_cost),
        needed_on=[role_ref(prep, d) for d in index.placed.get(rival.person_id, []) if d != demand_id],
        needs_training=bool(rival.fit.steps) and not chosen_trains, would_move=moves(rival))


def conflicts(prep: PreparedInstance, names: list[str]) -> list[Conflict]:
    """The agreed decisions in conflict, from the solver's names of them ('pin(person=E1,demand=ini/a)')."""
    out = []
    for name in names:
        rule, _, inner = name.partition("(")
        subject = dict(part.split("=", 1) for part in re.split(r",(?=\w+=)", inner.rstrip(")")) if "=" in part)
        person = subject.get("person", "")
        if rule == "pin":
            did = subject.get("demand", "")
            units = next((p.units for p in prep.instance.pins if (p.person, p.demand) == (person, did)), None)
            out.append(Conflict(rule="pin", person_id=person, person_name=prep.name(person), role=role_ref(prep, did),
                                fte=None if units is None else prep.fte(units)))
        elif rule == "locked":
            out.append(Conflict(rule="locked", person_id=person, person_name=prep.name(person)))
        elif rule == "budget":
            ini = subject.get("initiative", "")
            out.append(Conflict(rule="budget", initiative=ini, initiative_name=prep.initiative_name(ini) if ini
                                else ""))
    return out


def training_why(prep: PreparedInstance, step: s.TrainingPlan) -> TrainingWhy:
    """The roles the training opens for the person."""
    return TrainingWhy(serves=[role_ref(prep, d) for d in step.demands])


def hire_why(prep: PreparedInstance, proc: s.Procurement, index: SolutionIndex) -> HireWhy:
    """Why a hire or contractor: who in the pool could have done it and why they did not."""
    info = prep.demands[proc.demand]
    qualified = [c for c in info.candidates if c.fit.qualified]
    usable = index.rivals(proc.demand)
    pool, used = index.pool, index.used
    spare = [c for c in usable if (p := pool.get(c.person_id)) is not None
             and p.free_units + p.displaceable_units - used.get(c.person_id, 0) >= prep.instance.min_alloc_units]
    if not qualified and not usable:
        skills, together = _hardest(prep, index, info)
        return HireWhy(case="nobody_holds", skills=skills, together=together)
    if not usable and any(c.status != "no_capacity" for c in qualified):  # excluded, unavailable: say who and why
        return HireWhy(case="people", people=[_person_why(prep, index, c, proc.demand) for c in qualified[:3]])
    if not usable:
        one = qualified[0].person_id if len(qualified) == 1 else ""
        dated = sorted((c.free_from, c.person_id) for c in qualified if c.free_from is not None)
        when, who = dated[0] if dated else (None, "")
        return HireWhy(case="no_free_time", count=len(qualified), person_id=one, person_name=prep.name(one) if one else "",
                       free_from=when, free_person_id=who, free_person_name=prep.name(who) if who else "")
    if spare:  # someone with time left was not moved in: the cheapest of them, and what decided against them
        return HireWhy(case="runner_up", runner_up=_cheapest(prep, index, proc.demand, proc.units, spare, proc.cost,
                                                             chosen_trains=False, moves=lambda c: False))
    return HireWhy(case="fully_used", count=len(usable))


def _hardest(prep: PreparedInstance, index: SolutionIndex, info: DemandInfo) -> tuple[list[SkillNeed], bool]:
    """The required skill(s) nobody in the roster holds at the role's level, or all of them when each is held."""
    holders = [(index.holders(req.skill, req.min_level), req) for req in info.role.required]
    none = [req for n, req in holders if n == 0]
    chosen = none or [req for _, req in holders]
    return [SkillNeed(skill=r.skill, skill_name=prep.skill(r.skill), level=r.min_level) for r in chosen], not none


def uncovered_why(prep: PreparedInstance, sol: s.Solution, gap: s.UncoveredDemand, index: SolutionIndex
                  ) -> UncoveredWhy:
    """Why a role stays open: who holds the skills, training, each route, and what the re-plans found."""
    info = prep.demands[gap.demand]
    demand = index.demands[gap.demand]
    causes: list[OpenCause] = []
    qualified = [c for c in info.candidates if c.fit.qualified]
    if not qualified:
        skills, together = _hardest(prep, index, info)
        causes.append(OpenCause(kind="nobody_holds", skills=skills, together=together))
    else:
        causes.append(OpenCause(kind="people", people=[_person_why(prep, index, c, gap.demand)
                                                       for c in qualified[:3]]))
    causes += _training_causes(prep, info)
    remaining = _budget_left(index, info.initiative.id)
    for kind in ("hire", "contract"):
        route = _route_cause(prep, sol, demand, info, kind, gap.units, remaining)
        if route is not None:
            causes.append(route)
    causes += _replan_causes(gap)
    return UncoveredWhy(causes=causes)


def _person_why(prep: PreparedInstance, index: SolutionIndex, c: Candidate, demand_id: str) -> PersonWhy:
    name = prep.name(c.person_id)
    if c.status == "option":
        where = [d for d in index.placed.get(c.person_id, []) if d != demand_id]
        if where:
            return PersonWhy(person_id=c.person_id, person_name=name, state="needed_on",
                             needed_on=[role_ref(prep, d) for d in where])
        return PersonWhy(person_id=c.person_id, person_name=name, state="no_free_time")
    state = c.status if c.status in ("excluded", "unavailable") else "no_capacity"
    person = prep.people.get(c.person_id)
    own = prep.demands[demand_id].initiative.id
    commitments = [Commitment(initiative=prep.initiative_name(m.initiative), fte=m.fte, status=m.status.value,
                              until=m.end)
                   for m in (person.commitments if person is not None else []) if m.initiative != own]
    return PersonWhy(person_id=c.person_id, person_name=name, state=state,
                     commitments=commitments if state == "no_capacity" else [],
                     free_from=c.free_from if state == "no_capacity" else None)


def _training_causes(prep: PreparedInstance, info: DemandInfo) -> list[OpenCause]:
    if not info.policy.allow_upskilling:
        return [OpenCause(kind="upskilling_off")]
    out = [OpenCause(kind="training_rejected", person_id=c.person_id, person_name=prep.name(c.person_id),
                     skill=_level(prep, *short), comment=prep.refused[c.person_id, short[0]])
           for c in info.candidates if c.status == "rejected"
           for short in c.fit.short if (c.person_id, short[0]) in prep.refused]
    late = [c for c in info.candidates if c.status == "training_too_long"][:1]  # the nearest
    return out + [OpenCause(kind="training_too_late", person_id=c.person_id, person_name=prep.name(c.person_id),
                            skill=_level(prep, *c.fit.short[0]), weeks=c.fit.weeks, go_live_weeks=info.go_live_week,
                            horizon_weeks=info.policy.horizon_weeks) for c in late]


def _budget_left(index: SolutionIndex, initiative: str) -> float | None:
    inst = index.prep.instance
    left: list[float] = []
    ini = inst.initiative(initiative)
    if ini.budget is not None:
        left.append(ini.budget - index.spend(initiative))
    if inst.global_budget is not None:
        left.append(inst.global_budget - index.sol.total_cost)
    return min(left) if left else None


def _route_cause(prep: PreparedInstance, sol: s.Solution, demand: s.Demand, info: DemandInfo, kind: str,
                 units: int, remaining: float | None) -> OpenCause | None:
    route = demand.hire if kind == "hire" else demand.contract
    ini = prep.instance.initiative(demand.initiative)

    def closed(case, **numbers) -> OpenCause:
        return OpenCause(kind="route", route=kind, case=case, **numbers)

    if kind == "hire" and ini.hiring_freeze:
        return closed("frozen")
    if kind == "contract" and not ini.allow_contractors:
        return closed("not_allowed")
    if route is None or not route.allowed:
        said = prep.rejected.get((demand.id, kind))
        return closed("not_offered") if said is None else closed("rejected", comment=said)
    if kind == "hire" and ini.max_hires is not None:
        used = sum(p.heads for p in sol.procurements
                   if p.kind == "hire" and prep.demands[p.demand].initiative.id == demand.initiative)
        if used >= ini.max_hires:
            return closed("cap_used", cap=ini.max_hires)
    if info.go_live_week is not None and route.lead_weeks > info.go_live_week:
        return closed("lead_time", weeks=route.lead_weeks, go_live_weeks=info.go_live_week)
    if remaining is not None:
        over = route.cost_per_unit * units - remaining
        if over > 0:
            return closed("over_budget", over=float(over))
    return None


def _replan_causes(gap: s.UncoveredDemand) -> list[OpenCause]:
    """What the solver's re-plans found (budgets or hire caps lifted), when the explanations had the time to run."""
    out = []
    for c in gap.causes:
        if c.kind == "budget":
            out.append(OpenCause(kind="replan", lifted="budget", over=float(c.amount) if c.amount else None))
        elif c.kind == "hire_cap" and c.relaxed:
            out.append(OpenCause(kind="replan", lifted="hire_cap"))
    return out
