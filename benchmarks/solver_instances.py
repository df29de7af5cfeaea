"""Seeded generator of realistic staffing instances for the optimiser benchmarks (sizes, portfolio, budgets)."""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

import numpy as np

from benchmarks.workforce import FAMILIES, ROLES, SENIORITY, SKILLS, Role
from solver.schema import (
    Demand,
    Exclusion,
    Initiative,
    Instance,
    NearMiss,
    Option,
    Person,
    Pin,
    Sourcing,
    TrainingStep,
)

Budget = Literal["loose", "tight"]
SKILL_INDEX = {s: k for k, s in enumerate(SKILLS)}
#: Money of one unit at the typical internal rate; budgets are set against it.
TYPICAL_UNIT_COST = 2900
#: Budget as a share of the typical cost of covering every unit internally.
BUDGET_SHARE: dict[Budget, float] = {"loose": 2.0, "tight": 0.6}
MOVE_COST = 500  # disruption of moving someone onto an initiative they are not on today


@dataclass(frozen=True)
class Spec:
    """One benchmark instance: pool size, demand count, initiatives, budget tightness and seed."""

    name: str
    people: int
    demands: int
    initiatives: int
    portfolio: bool
    budget: Budget
    seed: int = 1


def _specs() -> list[Spec]:
    out: list[Spec] = []
    for people, demands in ((200, 40), (1000, 150), (3000, 300), (6000, 600)):
        for budget in ("loose", "tight"):
            out.append(Spec(f"{people}x{demands}-{budget}", people, demands, max(2, demands // 20), False, budget))
    for budget in ("loose", "tight"):
        out.append(Spec(f"portfolio20-{budget}", 2000, 300, 20, True, budget))
    return out


#: Every official benchmark instance, smallest first.
SPECS: list[Spec] = _specs()


def spec(name: str) -> Spec:
    """The benchmark spec with this name."""
    return next(s for s in SPECS if s.name == name)


@dataclass(frozen=True)
class _Variant:
    """A role's skill requirement as a template states it (a role has a standard and a lead variant)."""

    role: Role
    skills: tuple[int, ...]
    levels: tuple[int, ...]


def _people(rng: np.random.Generator, n: int) -> tuple[list[Person], np.ndarray, list[str]]:
    """The pool: job family, seniority, skill levels, free capacity and cost per unit."""
    shares = np.array([f.share for f in FAMILIES])
    fam_of = rng.choice(len(FAMILIES), size=n, p=shares / shares.sum())
    sen_p = np.array([s[1] for s in SENIORITY])
    sen_of = rng.choice(len(SENIORITY), size=n, p=sen_p / sen_p.sum())
    levels = rng.choice([0, 1, 2], size=(n, len(SKILLS)), p=[0.75, 0.2, 0.05]).astype(np.int8)
    people: list[Person] = []
    families: list[str] = []
    for k in range(n):
        fam, (band, _, unit_cost, shift) = FAMILIES[fam_of[k]], SENIORITY[sen_of[k]]
        for s in fam.core:
            levels[k, SKILL_INDEX[s]] = min(5, max(0, int(rng.choice([2, 3, 3, 4])) + shift))
        for s in fam.secondary:
            levels[k, SKILL_INDEX[s]] = min(5, max(0, int(rng.choice([1, 2, 2, 3])) + shift))
        # Senior people are the most committed elsewhere: fewer of them are fully free.
        free_p = [0.18, 0.08, 0.08, 0.14, 0.14, 0.08, 0.1, 0.2] if band in ("senior", "principal") else \
                 [0.1, 0.06, 0.06, 0.12, 0.14, 0.08, 0.12, 0.32]
        free = int(rng.choice([0, 4, 6, 8, 10, 12, 16, 20], p=free_p))
        tentative = int(rng.choice([0, 4, 8], p=[0.8, 0.12, 0.08])) if free < 20 else 0
        tentative = min(tentative, 20 - free)
        people.append(
            Person(
                id=f"E{k:05d}",
                label=f"Employee {k:05d}",
                free_units=free,
                displaceable_units=tentative,
                displacement_cost_per_unit=unit_cost // 2 if tentative else 0,
                cost_per_unit=int(unit_cost * fam.cost_factor * rng.uniform(0.9, 1.1)),
                max_roles=int(rng.choice([1, 3])) if rng.random() < 0.15 else None,
            )
        )
        families.append(fam.name)
    return people, levels, families


def _variants(rng: random.Random) -> list[_Variant]:
    """Two requirement variants per role: 2–5 skills at level 3, the lead variant with some at 4."""
    out: list[_Variant] = []
    for role in ROLES:
        for lead in (False, True):
            pool = list(role.skill_pool)
            if role.family == "domain_expert":
                domain = rng.choice([s for s in pool if s.startswith("domain_")])
                rest = [s for s in pool if not s.startswith("domain_")]
                chosen = [domain, *rng.sample(rest, k=min(len(rest), rng.randint(1, 2)))]
            else:
                chosen = rng.sample(pool, k=rng.randint(2, min(5, len(pool))))
            lv = [4 if lead and rng.random() < 0.5 else 3 for _ in chosen]
            out.append(_Variant(role, tuple(SKILL_INDEX[s] for s in chosen), tuple(lv)))
    return out


def _training_weeks(have: int, need: int) -> int:
    """A level step on a skill the person already has takes weeks; from scratch it takes months."""
    return 4 * (need - have) if have >= 1 else 10 + 4 * (need - 1)


def _eligibility(levels: np.ndarray, v: _Variant) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per person: gap in levels summed, skills missing, and the surplus over the requirement."""
    have = levels[:, list(v.skills)].astype(np.int16)
    need = np.array(v.levels, dtype=np.int16)
    gap = np.clip(need - have, 0, None)
    return gap.sum(axis=1), (gap > 0).sum(axis=1), np.clip(have - need, 0, None).sum(axis=1)


def generate(spec: Spec) -> Instance:
    """The instance a spec describes; the same spec always gives the same instance."""
    return build_instance(
        people=spec.people, demands=spec.demands, initiatives=spec.initiatives,
        portfolio=spec.portfolio, budget=spec.budget, seed=spec.seed,
    )


def build_instance(
    *, people: int, demands: int, initiatives: int, portfolio: bool = False, budget: Budget = "loose", seed: int = 1
) -> Instance:
    """A realistic instance: one shared pool, `demands` (initiative, role) slots, budgets loose or tight."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    pool, levels, families = _people(nrng, people)
    variants = _variants(rng)
    inits = _initiatives(rng, initiatives, portfolio)
    demand_list, variant_of = _demands(rng, inits, variants, demands)
    _current_teams(rng, pool, families, inits)
    options, near = _options(pool, levels, demand_list, variant_of, inits)
    est = {i.id: 0 for i in inits}
    for d in demand_list:
        est[d.initiative] += d.required_units * TYPICAL_UNIT_COST
    share = BUDGET_SHARE[budget]
    global_budget = max_hires_global = None
    if portfolio:
        global_budget = int(sum(est.values()) * share)
        max_hires_global = max(2, initiatives)
    else:
        for ini in inits:
            ini.budget = int(est[ini.id] * share)
    pins, exclusions = _decisions(rng, pool, demand_list, options)
    return Instance(
        people=pool, demands=demand_list, options=options, initiatives=inits, global_budget=global_budget,
        max_hires_global=max_hires_global, pins=pins, exclusions=exclusions, near_misses=near,
    )


def _initiatives(rng: random.Random, n: int, portfolio: bool) -> list[Initiative]:
    """Initiatives with a go-live, a priority and their policy switches (freezes, no contractors, caps)."""
    out = []
    for i in range(n):
        out.append(
            Initiative(
                id=f"I{i:02d}",
                label=f"Initiative {i:02d}",
                priority=rng.randint(1, 10),
                go_live_week=rng.choice([8, 12, 16, 20, 26]),
                hiring_freeze=rng.random() < 0.1,
                allow_contractors=rng.random() > 0.1,
                allow_training=rng.random() > 0.05,
                max_hires=None if portfolio or rng.random() < 0.5 else rng.randint(1, 4),
            )
        )
    return out


def _demands(
    rng: random.Random, inits: list[Initiative], variants: list[_Variant], n: int
) -> tuple[list[Demand], list[_Variant]]:
    """Demands spread over initiatives, each initiative taking the production-phase roles in turn."""
    per = {ini.id: 0 for ini in inits}
    seen: dict[str, int] = {}
    out: list[Demand] = []
    chosen: list[_Variant] = []
    order = {ini.id: rng.sample(range(len(ROLES)), k=len(ROLES)) for ini in inits}
    for j in range(n):
        ini = inits[j % len(inits)]
        role = ROLES[order[ini.id][per[ini.id] % len(ROLES)]]
        per[ini.id] += 1
        v = variants[2 * ROLES.index(role) + (1 if rng.random() < 0.3 else 0)]
        base = f"{ini.id}/{role.id}"
        seen[base] = seen.get(base, 0) + 1
        did = base if seen[base] == 1 else f"{base}-{seen[base]}"
        unit_cost = SENIORITY[2][2] if role.family != "change_ops" else SENIORITY[1][2]
        contract = None
        if role.contract_lead is not None:
            contract = Sourcing(cost_per_unit=int(unit_cost * 1.7), lead_weeks=rng.randint(*role.contract_lead))
        out.append(
            Demand(
                id=did,
                initiative=ini.id,
                role=role.id,
                label=role.label,
                required_units=rng.choice(role.units),
                weight=role.criticality * ini.priority,
                ops_critical=role.ops_critical and rng.random() < 0.6,
                shareable=not role.exclusive,
                hire=Sourcing(
                    cost_per_unit=int(unit_cost * 1.2), lead_weeks=rng.randint(*role.hire_lead),
                    max_units=rng.choice([None, 20, 40]),
                ),
                contract=contract,
                pair_newcomers=rng.random() < 0.05,
            )
        )
        chosen.append(v)
    return out, chosen


def _current_teams(rng: random.Random, pool: list[Person], families: list[str], inits: list[Initiative]) -> None:
    """The PoC team of each initiative: a few data scientists, an ML engineer and a domain expert."""
    by_family: dict[str, list[int]] = {}
    for k, fam in enumerate(families):
        by_family.setdefault(fam, []).append(k)
    for ini in inits:
        for fam, count in (("data_scientist", 3), ("ml_engineer", 1), ("domain_expert", 1), ("data_engineer", 1)):
            members = by_family.get(fam, [])
            for k in rng.sample(members, k=min(count, len(members))):
                if not pool[k].current_initiatives:
                    pool[k].current_initiatives.append(ini.id)


def _options(
    pool: list[Person], levels: np.ndarray, demands: list[Demand], variant_of: list[_Variant],
    inits: list[Initiative],
) -> tuple[list[Option], list[NearMiss]]:
    """Direct options (qualified today), trained options (≤ 2 level steps on one skill) and near misses."""
    go_live = {i.id: i.go_live_week for i in inits}
    cache: dict[_Variant, tuple[list[int], list[tuple[int, list[TrainingStep], int]], list[int]]] = {}
    options: list[Option] = []
    near: list[NearMiss] = []
    for d, v in zip(demands, variant_of, strict=True):
        if v not in cache:
            gap, missing, surplus = _eligibility(levels, v)
            direct = [int(k) for k in np.flatnonzero(gap == 0)]
            trained = []
            for k in np.flatnonzero((gap > 0) & (gap <= 2) & (missing <= 1)):
                steps = []
                for s, need in zip(v.skills, v.levels, strict=True):
                    have = int(levels[k, s])
                    if have < need:
                        weeks = _training_weeks(have, need)
                        steps.append(TrainingStep(skill=SKILLS[s], from_level=have, to_level=need, weeks=weeks,
                                                  cost=2000 + 1200 * weeks))
                trained.append((int(k), steps, int(surplus[k])))
            misses = [int(k) for k in np.flatnonzero(gap == 3)[:3]]
            cache[v] = ([*direct], trained, misses)
        direct, trained, misses = cache[v]
        _, _, surplus = _eligibility(levels[direct], v) if direct else (None, None, np.zeros(0))
        for k, extra in zip(direct, surplus, strict=True):
            options.append(_option(pool[k], d, [], 700 + min(300, 60 * int(extra))))
        for k, steps, extra in trained:
            longest = max(s.weeks for s in steps)
            if go_live[d.initiative] is not None and longest > go_live[d.initiative]:
                if len(near) < 4 * len(demands):
                    near.append(NearMiss(demand=d.id, person=pool[k].id, reason="training_too_long",
                                         weeks_needed=longest, weeks_available=go_live[d.initiative],
                                         detail=f"needs {steps[0].skill} {steps[0].to_level}, has {steps[0].from_level}"))
                continue
            options.append(_option(pool[k], d, steps, 400 + min(200, 40 * extra) - 100 * len(steps)))
        for k in misses:
            near.append(NearMiss(demand=d.id, person=pool[k].id, reason="skill_gap", detail="three levels short"))
    return options, near


def _option(person: Person, demand: Demand, steps: list[TrainingStep], score: int) -> Option:
    moved = demand.initiative not in person.current_initiatives
    return Option(person=person.id, demand=demand.id, trainings=steps, match_score=max(0, min(1000, score)),
                  disruption_cost=MOVE_COST if moved else 0)


def _decisions(
    rng: random.Random, pool: list[Person], demands: list[Demand], options: list[Option]
) -> tuple[list[Pin], list[Exclusion]]:
    """Agreed decisions: ~2 % of demands have a pinned person (qualified, free), ~0.5 % of people are excluded."""
    people = {p.id: p for p in pool}
    by_demand: dict[str, list[Option]] = {}
    for o in options:
        by_demand.setdefault(o.demand, []).append(o)
    pins: list[Pin] = []
    used: set[str] = set()
    for d in rng.sample(demands, k=max(1, len(demands) // 50)):
        if d.pair_newcomers:
            continue  # a pinned newcomer there would need an incumbent the plan may not have
        least = min(4, d.required_units)
        for o in by_demand.get(d.id, []):
            p = people[o.person]
            if o.person not in used and not o.trainings and p.free_units >= max(least, 8):
                pins.append(Pin(person=o.person, demand=d.id, units=min(d.required_units, p.free_units, 10)))
                used.add(o.person)
                break
    exclusions = []
    for p in rng.sample(pool, k=max(1, len(pool) // 200)):
        if p.id in used:
            continue
        ini = rng.choice(demands).initiative
        exclusions.append(Exclusion(person=p.id, initiative=ini, reason="conflict of interest"))
    return pins, exclusions
