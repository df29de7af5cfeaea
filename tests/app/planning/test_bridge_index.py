"""The skill-indexed bridge builds exactly the instance the old all-pairs bridge built (kept here as reference)."""
from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from app.domain import (
    Commitment,
    CommitmentStatus,
    Exclusion,
    Initiative,
    Person,
    Phase,
    PhaseTemplate,
    Pin,
    Policy,
    Portfolio,
    RoleTemplate,
    Roster,
    SkillLevel,
    SkillRequirement,
)
from app.planning import bridge as b
from app.planning import build_instance
from app.planning.prepared import Candidate, DemandInfo, PreparedInstance, demand_units, to_units
from app.planning.role_fit import (
    NEAR_MISSES_PER_DEMAND,
    TRAINING_OPTIONS_PER_DEMAND,
    assess,
    trainable,
)
from app.project import Project, Scenario
from app.project.sample import load_sample_project
from app.templates import levels_of, load_phase_templates
from solver import schema as s
from tests.app.planning.conftest import TODAY as TINY_TODAY

TODAY = date(2026, 11, 2)


def _blocked_all_pairs(person, info, cap, *, excluded, floor, unit, window=None):
    """The old rule: why an eligible person still cannot be an option (None when they can)."""
    if (person.id, None) in excluded or (person.id, info.initiative.id) in excluded:
        return "excluded"
    if not person.available:
        return "unavailable"
    if b._option_cap(cap, info.initiative.id, unit) < floor:
        return "no_capacity"
    return None


def build_all_pairs(project, scenario, *, templates, today) -> PreparedInstance:
    """The bridge as it was before the skill index: every person assessed against every demand."""
    sc = b.scenario_of(project, scenario)
    chosen = b.initiatives_in_scope(project, sc)
    policies = {ini.id: ini.policy for ini in chosen}  # the scenario's own policy is applied by initiatives_in_scope
    lead = policies[chosen[0].id]
    unit = float(lead.fte_unit)
    catalogue = project.catalogue or templates.catalogue
    scope = {ini.id for ini in chosen}
    demands: dict[str, DemandInfo] = {}
    solver_demands, solver_inits = [], []
    for ini in chosen:
        pol = policies[ini.id]
        week = None if ini.go_live is None else max(0, (ini.go_live - today).days // 7)
        solver_inits.append(s.Initiative(
            id=ini.id, label=ini.name, priority=ini.priority, go_live_week=week,
            budget=None if ini.budget is None else int(round(ini.budget)), max_hires=pol.max_hires,
            hiring_freeze=pol.hiring_freeze, allow_contractors=pol.allow_contractors,
            allow_training=pol.allow_upskilling,
        ))
        for role in b.target_template(project, ini, templates).roles:
            did = f"{ini.id}/{role.id}"
            demands[did] = DemandInfo(did, ini, role, pol, ini.go_live, week)
            solver_demands.append(b._demand(did, ini, role, pol, unit=unit))
    roster = project.roster.by_id()
    pins = [b._pin(p, unit) for p in sc.pins
            if b.pin_not_applied(p, people=roster, roles=demands, initiatives=scope) is None]
    pinned = {(p.person, p.demand) for p in pins}
    excluded = {(e.person_id, e.initiative) for e in sc.exclusions}
    min_alloc = max(1, to_units(lead.min_allocation, unit))
    people, options, near = {}, [], []
    counts = {"considered": 0, "qualified": 0, "trainable_kept": 0, "trainable_dropped": 0, "far": 0,
              "trainees_per_role": TRAINING_OPTIONS_PER_DEMAND}
    window = b._window(project.roster.people, chosen, scope, lead, today)
    capacity = {p.id: b._capacity(p, scope, lead, unit, window) for p in project.roster.people}
    levels = {p.id: levels_of(p) for p in project.roster.people}
    left_out: set[str] = set()
    for did, info in demands.items():
        need = demand_units(info.role.total_fte, unit)
        floor = max(1, min(min_alloc, need))
        kept, trainees, misses = [], [], []
        for person in project.roster.people:
            counts["considered"] += 1
            fit = assess(person.id, levels[person.id], info.role, graph=templates.graph, policy=info.policy)
            why = trainable(fit, info)
            if why is not None:
                if fit.steps or fit.gap_levels <= 2:
                    misses.append(Candidate(person.id, fit, why))
                else:
                    counts["far"] += 1
                continue
            blocked = _blocked_all_pairs(person, info, capacity[person.id], excluded=excluded, floor=floor,
                                         unit=unit, window=window)
            if blocked is not None:
                misses.append(Candidate(person.id, fit, blocked,
                                        b._free_from(person, blocked, window, floor * unit, info.initiative.id)))
                continue
            (kept if fit.qualified else trainees).append(Candidate(person.id, fit, "option"))
        trainees.sort(key=lambda c: (c.fit.weeks, c.fit.training_cost, -c.fit.score, c.person_id))
        room = max(2, TRAINING_OPTIONS_PER_DEMAND - len(kept) // 2)
        for c in trainees[room:]:
            misses.append(Candidate(c.person_id, c.fit, "pruned"))
        counts["trainable_dropped"] += max(0, len(trainees) - room)
        left_out.update(c.person_id for c in trainees[room:])
        trainees = trainees[:room]
        counts["qualified"] += len(kept)
        counts["trainable_kept"] += len(trainees)
        misses.sort(key=lambda c: (b._NEAR_MISS_ORDER[c.status] if c.fit.qualified else 10 + c.fit.gap_levels,
                                   c.fit.weeks, -c.fit.score, c.person_id))
        info.candidates = [*kept, *trainees, *misses[:NEAR_MISSES_PER_DEMAND]]
        for c in (*kept, *trainees):
            person = roster[c.person_id]
            options.append(b._option(person, info, c, capacity[person.id], unit, today))
            people.setdefault(person.id, b._solver_person(person, capacity[person.id], demands, unit, lead))
        for c in misses[:NEAR_MISSES_PER_DEMAND]:
            near.append(s.NearMiss(
                demand=did, person=c.person_id, reason=b._near_reason(c.status),
                weeks_needed=c.fit.weeks or None, weeks_available=info.go_live_week,
            ))
    for pin in pins:
        person = roster[pin.person]
        people.setdefault(person.id, b._solver_person(person, capacity[person.id], demands, unit, lead))
    budget = sc.budget if sc.budget is not None else (project.portfolio.budget if len(chosen) > 1 else None)
    instance = s.Instance(
        unit=unit, min_alloc_units=min_alloc, max_roles_default=lead.max_roles_per_person,
        people=list(people.values()), demands=solver_demands, options=options, initiatives=solver_inits,
        global_budget=None if budget is None else int(round(budget)), pins=pins,
        exclusions=[s.Exclusion(person=e.person_id, initiative=e.initiative, reason=e.reason)
                    for e in sc.exclusions if e.person_id in roster],
        near_misses=near,
    )
    counts["trainable_people_dropped"] = len(left_out)
    counts["people_in_model"] = len(people)
    counts["pins_not_applied"] = len(sc.pins) - len(pins)
    counts["options"] = len(options)
    return PreparedInstance(
        instance=instance, today=today, scenario=sc.name, unit=unit, demands=demands, people=roster,
        catalogue=catalogue, policies=policies, initiatives={i.id: i for i in chosen}, pinned=pinned, pruning=counts,
    )


def random_project(seed: int, *, people: int = 400, initiatives: int = 8):
    """A seeded portfolio exercising every branch: exclusions, unavailable people, tentative time, pins, no go-live,
    upskilling off, and a project-level template with roles cheap enough that everyone is within reach."""
    rng = random.Random(seed)
    templates = load_phase_templates(use_library=False)
    roles = [r for t in templates.phases.values() for r in t.roles]
    skills = [sk.id for sk in templates.catalogue.skills]
    easy = PhaseTemplate(phase=Phase.OPERATIONS, roles=[
        RoleTemplate(id="helper", name="Helper", fte=0.5, required=[SkillRequirement(skill=skills[0], min_level=2)]),
        RoleTemplate(id="anyone", name="Anyone", fte=1.0),
        RoleTemplate(id="pair", name="Pair", fte=1.0, headcount=2, required=[
            SkillRequirement(skill=skills[1], min_level=3), SkillRequirement(skill=skills[2], min_level=2, weight=2)],
            optional=[SkillRequirement(skill=skills[3], min_level=2)]),
        *templates.phases[Phase.OPERATIONS].roles[:2],
    ])
    inits = []
    for i in range(initiatives):
        target = rng.choice([Phase.PILOT, Phase.PRODUCTION, Phase.PRODUCTION, Phase.OPERATIONS])
        inits.append(Initiative(
            id=f"i{i}", name=f"Initiative {i}", current_phase=Phase.POC, target_phase=target,
            go_live=None if rng.random() < 0.2 else TODAY + timedelta(weeks=rng.randint(1, 30)),
            priority=rng.randint(1, 10), policy=Policy(allow_upskilling=rng.random() < 0.8,
                                                       training_cost_per_week=rng.choice([1500.0, 2000.0]))))
    pool = []
    for n in range(people):
        role = rng.choice(roles)
        lv = {q.skill: SkillLevel(level=max(0, min(5, q.min_level + rng.choice([-3, -2, -1, 0, 0, 1]))))
              for q in role.required}
        for extra in rng.sample(skills, rng.randint(0, 4)):
            lv.setdefault(extra, SkillLevel(level=rng.randint(0, 5)))
        commitments = [Commitment(initiative=rng.choice([*(x.id for x in inits), "bau"]), fte=rng.choice([0.2, 0.5, 1.0]),
                                  status=rng.choice(list(CommitmentStatus)), role=rng.choice([None, role.id]))
                       for _ in range(rng.choice([0, 0, 1, 2]))]
        pool.append(Person(id=f"P{n:04d}", name=f"Person {n}", fte=rng.choice([1.0, 0.8, 0.5]),
                           available=rng.random() > 0.05, skills=lv, commitments=commitments))
    sc = Scenario(name="S", exclusions=[Exclusion(person_id=f"P{rng.randrange(people):04d}",
                                                  initiative=rng.choice([None, *(x.id for x in inits)]))
                                        for _ in range(people // 20)])
    project = Project(name="Random", roster=Roster(people=pool), catalogue=templates.catalogue,
                      portfolio=Portfolio(initiatives=inits), scenarios=[sc], active_scenario="S",
                      templates={Phase.OPERATIONS: easy} if seed % 2 else {})
    ini = inits[0]
    role = b.target_template(project, ini, templates).roles[0]
    sc.pins.append(Pin(person_id=pool[-1].id, initiative=ini.id, role=role.id))
    return project, templates


def assert_same(new: PreparedInstance, old: PreparedInstance) -> None:
    """Options, near misses, demands, people and pruning counts are identical, in the same order."""
    assert new.instance.model_dump() == old.instance.model_dump()
    assert {d: i.candidates for d, i in new.demands.items()} == {d: i.candidates for d, i in old.demands.items()}
    assert new.pruning == old.pruning


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_indexed_bridge_matches_all_pairs_on_random_portfolios(seed: int) -> None:
    project, templates = random_project(seed)
    new = build_instance(project, None, templates=templates, today=TODAY)
    old = build_all_pairs(project, None, templates=templates, today=TODAY)
    statuses = {c.status for info in new.demands.values() for c in info.candidates}
    assert statuses == {"option", "pruned", "training_too_long", "skill_gap", "excluded", "unavailable",
                        "no_capacity"}  # every path is taken
    assert new.pruning["far"] > 0 and new.pruning["trainable_dropped"] > 0
    assert_same(new, old)


def test_indexed_bridge_matches_all_pairs_on_the_sample() -> None:
    project = load_sample_project(today=TODAY)
    templates = load_phase_templates(use_library=False)
    new = build_instance(project, None, templates=templates, today=TODAY)
    old = build_all_pairs(project, None, templates=templates, today=TODAY)
    assert len(new.instance.options) > 20
    assert_same(new, old)


def test_indexed_bridge_matches_all_pairs_on_the_tiny_project(tiny_project, tiny_templates) -> None:
    tiny_project.scenario().exclusions.append(Exclusion(person_id="E2"))
    new = build_instance(tiny_project, None, templates=tiny_templates, today=TINY_TODAY)
    old = build_all_pairs(tiny_project, None, templates=tiny_templates, today=TINY_TODAY)
    assert [o.person for o in new.instance.options] == ["E1", "E3"]
    assert_same(new, old)


def test_building_leaves_the_roster_whole_and_gives_the_same_instance_twice() -> None:
    project, templates = random_project(5)
    skills_before = [dict(p.skills) for p in project.roster.people]
    first = build_instance(project, None, templates=templates, today=TODAY)
    assert [dict(p.skills) for p in project.roster.people] == skills_before
    assert all(c.fit.person_id for info in first.demands.values() for c in info.candidates)
    assert_same(build_instance(project, None, templates=templates, today=TODAY), first)
