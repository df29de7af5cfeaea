"""build_instance(): the project and a scenario translated into the solver's Instance (see docs/planning.md)."""
from __future__ import annotations

from datetime import date

from app.domain.initiatives import Initiative, Policy
from app.domain.people import CommitmentStatus, Person
from app.domain.plans import Pin
from app.domain.roles import PhaseTemplate
from app.errors import UsageError
from app.planning.decisions import close_routes
from app.planning.edits import pin_not_applied, scenario_of
from app.planning.prepared import (
    Candidate,
    DemandInfo,
    PreparedInstance,
    demand_units,
    due,
    free_fte,
    horizon_cost_per_unit,
    route_annual_cost,
    to_units,
)
from app.planning.role_fit import (
    NEAR_MISSES_PER_DEMAND,
    TRAINING_OPTIONS_PER_DEMAND,
    RosterIndex,
    trainable,
)
from app.project.model import Project, Scenario
from app.templates import TemplateSet
from app.timeline.window import WindowCapacity, target_window
from solver import schema as s

#: A hire also costs a one-off recruitment fee (recruiter, agency, onboarding) as a share of the annual cost, so a
#: hire is never cheaper than using the people the organisation already pays.
RECRUITMENT_FEE_SHARE = 0.2
_NEAR_MISS_ORDER = {"no_capacity": 0, "excluded": 1, "unavailable": 2}


def initiatives_in_scope(project: Project, scenario: Scenario) -> list[Initiative]:
    """The initiatives a scenario plans (all of the project's when it names none), with its policies and budgets."""
    for ini_id in project.missing_initiatives(scenario):
        raise UsageError(f"scenario '{scenario.name}' names initiative '{ini_id}', which the project lacks")
    chosen = project.planned_initiatives(scenario)
    if not chosen:
        raise UsageError("the project has no initiative to plan; add one with its current and target phase")
    return chosen


def shared_budget(project: Project, scenario: Scenario, chosen: list[Initiative]) -> float | None:
    """The budget the planned initiatives share: the scenario's own, else the portfolio's when it plans several."""
    return scenario.budget if scenario.budget is not None else (project.portfolio.budget if len(chosen) > 1 else None)


def target_template(project: Project, initiative: Initiative, templates: TemplateSet) -> PhaseTemplate:
    """The role template of the initiative's TARGET phase (the project's own copy wins over the library)."""
    return project.templates.get(initiative.target_phase) or templates.phases[initiative.target_phase]


def build_instance(
    project: Project, scenario: Scenario | str | None, *, templates: TemplateSet, today: date
) -> PreparedInstance:
    """The solver Instance for one scenario, with demands, capacities, eligible options and near misses."""
    sc = scenario_of(project, scenario)
    chosen = initiatives_in_scope(project, sc)
    policies = {ini.id: ini.policy for ini in chosen}
    lead = policies[chosen[0].id]
    unit = float(lead.fte_unit)
    catalogue = project.catalogue or templates.catalogue
    scope = {ini.id for ini in chosen}

    demands: dict[str, DemandInfo] = {}
    solver_demands: list[s.Demand] = []
    solver_inits: list[s.Initiative] = []
    for ini in chosen:
        pol = policies[ini.id]
        week = None if ini.go_live is None else max(0, (ini.go_live - today).days // 7)
        solver_inits.append(s.Initiative(
            id=ini.id, label=ini.name, priority=ini.priority, go_live_week=week,
            budget=None if ini.budget is None else int(round(ini.budget)), max_hires=pol.max_hires,
            hiring_freeze=pol.hiring_freeze, allow_contractors=pol.allow_contractors,
            allow_training=pol.allow_upskilling,
        ))
        for role in target_template(project, ini, templates).roles:
            did = f"{ini.id}/{role.id}"
            demands[did] = DemandInfo(did, ini, role, pol, due(ini, today=today), week)
            solver_demands.append(_demand(did, ini, role, pol, unit=unit))

    roster = project.roster.by_id()
    # a pin that cannot apply here (its person left the roster, its initiative or role is not planned) is kept on
    # the scenario for later and counted, never a reason to refuse the whole plan (app.planning.edits lists them)
    applied = [p for p in sc.pins if pin_not_applied(p, people=roster, roles=demands, initiatives=scope) is None]
    pins = [_pin(p, unit) for p in applied]
    pinned = {(p.person_id, f"{p.initiative}/{p.role}"): p.source for p in applied}
    excluded = {(e.person_id, e.initiative) for e in sc.exclusions}
    min_alloc = max(1, to_units(lead.min_allocation, unit))

    people: dict[str, s.Person] = {}
    options: list[s.Option] = []
    near: list[s.NearMiss] = []
    counts = {"considered": 0, "qualified": 0, "trainable_kept": 0, "trainable_dropped": 0, "far": 0,
              "trainees_per_role": TRAINING_OPTIONS_PER_DEMAND}
    window = _window(project.roster.people, chosen, scope, lead, today)
    capacity = {p.id: _capacity(p, scope, lead, unit, window) for p in project.roster.people}
    index = RosterIndex(project.roster.people, graph=templates.graph)
    left_out: set[str] = set()
    refused = {(t.person_id, t.skill): t.reason for t in sc.rejected_trainings}
    gate = _Gate(project.roster.people, capacity, excluded=excluded, unit=unit, window=window, refused=refused)
    for did, info in demands.items():
        need = demand_units(info.role.total_fte, unit)
        floor = max(1, min(min_alloc, need))
        kept, trainees, misses = _sort_candidates(index, info, gate, counts, left_out, floor=floor)
        info.candidates = [*kept, *trainees, *misses]
        for c in (*kept, *trainees):
            person = roster[c.person_id]
            options.append(_option(person, info, c, capacity[person.id], unit, today))
            if person.id not in people:
                people[person.id] = _solver_person(person, capacity[person.id], demands, unit, lead)
        for c in misses:
            near.append(s.NearMiss(
                demand=did, person=c.person_id, reason=_near_reason(c.status),
                weeks_needed=c.fit.weeks or None, weeks_available=info.go_live_week,
                detail=f"training in {', '.join(st.skill for st in c.fit.steps if (c.person_id, st.skill) in refused)}"
                " rejected by an approver" if c.status == "rejected" else "",
            ))
    for pin in pins:
        person = roster[pin.person]
        people.setdefault(person.id, _solver_person(person, capacity[person.id], demands, unit, lead))

    index.drop()
    close_routes(sc.sourcing_limits, demands=solver_demands, unit=unit)
    budget = shared_budget(project, sc, chosen)
    # every part was validated as it was built; validating the whole again is one pydantic-core call over ~40,000
    # options that holds the GIL (25-45 ms at 20,000 people: the window's longest freeze during a plan), so the
    # instance is assembled as is and only its references are checked, in Python
    instance = s.Instance.model_construct(
        unit=unit, min_alloc_units=min_alloc, max_roles_default=lead.max_roles_per_person,
        people=list(people.values()), demands=solver_demands, options=options, initiatives=solver_inits,
        global_budget=None if budget is None else int(round(budget)), pins=pins,
        exclusions=[s.Exclusion(person=e.person_id, initiative=e.initiative, reason=e.reason)
                    for e in sc.exclusions if e.person_id in roster],
        near_misses=near,
    )
    instance.check_references()
    counts["trainable_people_dropped"] = len(left_out)  # people left out of at least one role they could train for
    counts["people_in_model"] = len(people)
    counts["pins_not_applied"] = len(sc.pins) - len(applied)
    counts["options"] = len(options)
    return PreparedInstance(
        instance=instance, today=today, scenario=sc.name, unit=unit, demands=demands, people=roster,
        catalogue=catalogue, policies=policies, initiatives={i.id: i for i in chosen}, pinned=pinned, pruning=counts,
        names={i.id: i.name for i in project.portfolio.initiatives},
        rejected={(f"{x.initiative}/{x.role}", x.kind): x.reason for x in sc.sourcing_limits if x.rejected},
        refused=refused,
    )


def _sort_candidates(
    index: RosterIndex, info: DemandInfo, gate: _Gate, counts: dict[str, int], left_out: set[str], *, floor: int,
) -> tuple[list[Candidate], list[Candidate], list[Candidate]]:
    """One demand's options (qualified in roster order, then the best trainees) and its closest near misses, read
    from the role's pre-sorted lists (tests/app/planning/test_bridge_index.py keeps the person-by-person reference)."""
    people, reach, pol = index.people, index.within_reach(info.role, policy=info.policy), info.policy
    ini, plain = info.initiative.id, gate.plain

    def blocked(r) -> str | None:  # the plain path first: most people hold no in-scope time and are not excluded
        if gate.refused and any((r.fit.person_id, st.skill) in gate.refused for st in r.fit.steps):
            return "rejected"  # an approver said no to a training it needs
        units = plain[r.index]
        if units is None:
            return gate.blocked(people[r.index], ini, floor)
        return None if units >= floor else "no_capacity"

    kept: list[Candidate] = []
    held: list[tuple] = []  # qualified but excluded, unavailable or without time: always the first near misses
    for r in reach.qualified:
        why = blocked(r)
        if why is None:
            kept.append(Candidate(r.fit.person_id, r.fit, "option"))
        else:
            held.append(((_NEAR_MISS_ORDER[why], r.fit.weeks, -r.fit.score, r.fit.person_id), r, why))
    room = max(2, TRAINING_OPTIONS_PER_DEMAND - len(kept) // 2)
    trainees: list = []
    dropped = []
    if pol.allow_upskilling:
        for r in reach.trainable:  # fewest weeks first, so the rest take too long
            if r.fit.weeks > info.learning_weeks:
                break
            if blocked(r) is None:
                (trainees if len(trainees) < room else dropped).append(r)
    counts["considered"] += len(people)
    counts["far"] += reach.far
    counts["qualified"] += len(kept)
    counts["trainable_kept"] += len(trainees)
    counts["trainable_dropped"] += len(dropped)
    left_out.update(r.fit.person_id for r in dropped)
    held.sort(key=lambda m: m[0])
    misses = [(r, why) for _, r, why in held[:NEAR_MISSES_PER_DEMAND]]
    chosen = {r.index for r in trainees}
    for r in reach.near:  # every close person who is not a kept trainee is a near miss, smallest gap first
        if len(misses) >= NEAR_MISSES_PER_DEMAND:
            break
        if r.index not in chosen:
            misses.append((r, trainable(r.fit, info) or blocked(r) or "pruned"))
    return (kept, [Candidate(r.fit.person_id, r.fit, "option") for r in trainees],
            [Candidate(r.fit.person_id, r.fit, why, _free_from(people[r.index], why, gate.window, floor * gate.unit, ini))
             for r, why in misses])


def _free_from(person: Person, status: str, window: WindowCapacity, need: float, initiative: str):
    """For a dated person without time in the window: the first day they have `need` FTE free for good."""
    if status != "no_capacity" or not window.dated(person):
        return None
    return window.free_from(person, need, initiative=initiative)


def add_people(prepared: PreparedInstance, person_ids: list[str]) -> None:
    """Adds roster people the pruning left out (e.g. someone placed by hand), so a plan naming them can be checked."""
    inst = prepared.instance
    have = {p.id for p in inst.people}
    scope = set(prepared.initiatives)
    lead = next(iter(prepared.policies.values()))
    for pid in person_ids:
        person = prepared.people.get(pid)
        if person is not None and pid not in have:
            window = _window([person], list(prepared.initiatives.values()), scope, lead, prepared.today)
            cap = _capacity(person, scope, lead, prepared.unit, window)
            inst.people.append(_solver_person(person, cap, prepared.demands, prepared.unit, lead))
            have.add(pid)


def _demand(did: str, ini: Initiative, role, pol: Policy, *, unit: float) -> s.Demand:
    """One role as a solver demand; both routes are offered, and a hiring freeze or an initiative that takes no
    contractors closes them on the solver's Initiative, so the validator says which of the two it was."""
    hire_annual, contract_annual = route_annual_cost(role, pol, "hire"), route_annual_cost(role, pol, "contract")
    return s.Demand(
        id=did, initiative=ini.id, role=role.id, label=role.name,
        required_units=demand_units(role.total_fte, unit), weight=role.criticality * ini.priority,
        ops_critical=role.ops_critical, shareable=role.shareable, pair_newcomers=pol.pair_newcomers,
        hire=s.Sourcing(
            cost_per_unit=horizon_cost_per_unit(hire_annual, horizon_weeks=pol.horizon_weeks, unit=unit)
            + int(round(hire_annual * RECRUITMENT_FEE_SHARE * unit)),
            lead_weeks=role.hire_lead_weeks if role.hire_lead_weeks is not None else pol.hire_lead_weeks,
        ),
        contract=s.Sourcing(
            cost_per_unit=horizon_cost_per_unit(contract_annual, horizon_weeks=pol.horizon_weeks, unit=unit),
            lead_weeks=role.contract_lead_weeks if role.contract_lead_weeks is not None else pol.contract_lead_weeks,
        ),
    )


def _window(people: list[Person], chosen: list[Initiative], scope: set[str], lead: Policy, today: date
            ) -> WindowCapacity:
    """Least free time over the target phases' window, for the people whose dates matter there."""
    first, last = target_window(chosen, today=today, horizon_weeks=lead.horizon_weeks)
    return WindowCapacity(people, first=first, last=last, exclude=scope)


def _capacity(person: Person, scope: set[str], lead: Policy, unit: float, window: WindowCapacity) -> dict:
    """Free and displaceable units, and the confirmed time each in-scope initiative holds on this person; with dates
    that matter in the target phases' window, the least free time on any working day of it."""
    dated = window.dated(person)
    held: dict[str, float] = {}
    for c in person.commitments:
        if c.status == CommitmentStatus.CONFIRMED and c.initiative in scope and (
                not dated or ((c.start is None or c.start <= window.last) and (c.end is None or c.end >= window.first))):
            held[c.initiative] = held.get(c.initiative, 0.0) + c.fte
    free, freed = free_fte(person, scope, lead, window)
    return {
        "free": to_units(free, unit),
        "displaceable": to_units(freed, unit),
        "held": held,
    }


def _option_cap(cap: dict, initiative: str, unit: float) -> int:
    """Units a person can give one initiative: their time minus what OTHER in-scope initiatives hold confirmed."""
    if not cap["held"]:
        return max(0, cap["free"] + cap["displaceable"])
    other = sum(v for k, v in cap["held"].items() if k != initiative)
    return max(0, cap["free"] + cap["displaceable"] - demand_units(other, unit))


class _Gate:
    """Whether an eligible person may be an option on an initiative: not excluded, available, with time for it (and,
    `refused`, no training an approver said no to)."""

    def __init__(self, people: list[Person], capacity: dict[str, dict], *, excluded: set, unit: float,
                 window: WindowCapacity, refused: dict[tuple[str, str], str]) -> None:
        self._capacity, self.unit, self.window, self.refused = capacity, unit, window, refused
        self._everywhere = {pid for pid, ini in excluded if ini is None}
        self._one = {(pid, ini) for pid, ini in excluded if ini is not None}
        named = self._everywhere | {pid for pid, _ in self._one}
        #: Per roster position, the units a person can give ANY initiative when that is all that decides (available,
        #: not excluded, no in-scope time held); None sends the person through `blocked`.
        self.plain: list[int | None] = [
            None if p.id in named or not p.available or capacity[p.id]["held"] else _option_cap(capacity[p.id], "", unit)
            for p in people
        ]

    def blocked(self, person: Person, initiative: str, floor: int) -> str | None:
        """excluded, unavailable or no_capacity when the person cannot be an option; None when they can."""
        if person.id in self._everywhere or (person.id, initiative) in self._one:
            return "excluded"
        if not person.available:
            return "unavailable"
        if _option_cap(self._capacity[person.id], initiative, self.unit) < floor:
            return "no_capacity"
        return None


def _option(person: Person, info: DemandInfo, c: Candidate, cap: dict, unit: float, today: date) -> s.Option:
    limit = _option_cap(cap, info.initiative.id, unit)
    full = cap["free"] + cap["displaceable"]
    return s.Option(
        person=person.id, demand=info.id, match_score=c.fit.score,
        disruption_cost=0 if person.on_team(info.initiative.id, on=today) else 1,
        max_units=limit if limit < full else None,
        trainings=[s.TrainingStep(skill=st.skill, from_level=st.from_level, to_level=st.to_level, weeks=st.weeks,
                                  cost=st.cost) for st in c.fit.steps],
    )


def _solver_person(person: Person, cap: dict, demands: dict[str, DemandInfo], unit: float, lead: Policy):
    current = {}
    for c in person.commitments:
        did = f"{c.initiative}/{c.role}" if c.role else None
        if did in demands:
            current[did] = current.get(did, 0) + to_units(c.fte, unit)
    annual = person.cost_rate if person.cost_rate is not None else lead.default_internal_annual_cost
    return s.Person(
        id=person.id, label=person.name, free_units=cap["free"], displaceable_units=cap["displaceable"],
        displacement_cost_per_unit=int(round(lead.displacement_cost * unit)),
        cost_per_unit=horizon_cost_per_unit(annual, horizon_weeks=lead.horizon_weeks, unit=unit),
        current_initiatives=sorted({c.initiative for c in person.commitments}),
        current_allocations=current,
    )


def _pin(pin: Pin, unit: float) -> s.Pin:
    did = f"{pin.initiative}/{pin.role}"
    return s.Pin(person=pin.person_id, demand=did, units=None if pin.fte is None else to_units(pin.fte, unit))


def _near_reason(status: str) -> s.NearMissReason:
    return status if status in ("training_too_long", "no_capacity", "excluded", "skill_gap") else "other"
