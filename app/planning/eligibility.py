"""Who could fill a role: qualified today, trainable before go-live, or a near miss with the reason why not.

Pruning rule (the solver's speed depends on it, see docs/planning.md):
1. A person qualified today is always an option, unless excluded, unavailable or without free time; those
   become near misses with that reason, so nobody qualified disappears silently.
2. A person short of the role by at most MAX_GAP_LEVELS levels in total is a training option when every training
   finishes before go-live (before the horizon's end when there is no go-live) and the policy allows upskilling.
   Only the TRAINING_OPTIONS_PER_DEMAND best of them (fewest weeks, then cheapest, then best fit) are kept; a
   demand with many qualified people keeps fewer trainees, since they would rarely be chosen.
3. Everyone else is far from the role and left out; the closest few are kept as near misses for explanations.
"""
from __future__ import annotations

import math

import networkx as nx

from app.domain.initiatives import Policy
from app.domain.roles import RoleTemplate
from app.planning.prepared import Fit, Step
from app.templates import training_weeks

MAX_GAP_LEVELS = 4
TRAINING_OPTIONS_PER_DEMAND = 8
NEAR_MISSES_PER_DEMAND = 4


def assess(
    person_id: str, levels: dict[str, int], role: RoleTemplate, *, graph: nx.DiGraph, policy: Policy,
    with_steps: bool = True,
) -> Fit:
    """Measures a person against a role; training steps are computed only when the gap is small enough."""
    met: list[tuple[str, int, int]] = []
    short: list[tuple[str, int, int]] = []
    bonus = 0.0
    for req in role.required:
        has = levels.get(req.skill, 0)
        if has >= req.min_level:
            met.append((req.skill, has, req.min_level))
            bonus += min(has - req.min_level, 2) * 20 * req.weight
        else:
            short.append((req.skill, has, req.min_level))
    bonus += sum(30 for opt in role.optional if levels.get(opt.skill, 0) >= opt.min_level)
    steps: list[Step] = []
    gap = sum(need - has for _, has, need in short)
    if with_steps and short and gap <= MAX_GAP_LEVELS:
        for skill, has, need in short:
            raw, via = training_weeks(levels, skill, has, need, graph)
            weeks = int(math.ceil(raw - 1e-9))
            steps.append(Step(skill, has, need, weeks, int(round(weeks * policy.training_cost_per_week)), via))
    weeks = max((s.weeks for s in steps), default=0)
    score = int(max(0, min(1000, 500 + bonus - 5 * weeks - 40 * gap)))
    return Fit(person_id, role.id, tuple(met), tuple(short), tuple(steps), score)


def trainable(fit: Fit, *, policy: Policy, go_live_week: int | None) -> str | None:
    """None when the fit can become an option through training; else why not (a near-miss reason)."""
    if fit.qualified:
        return None
    if not fit.steps:
        return "skill_gap"
    if not policy.allow_upskilling:
        return "skill_gap"
    limit = go_live_week if go_live_week is not None else policy.horizon_weeks
    if fit.weeks > limit:
        return "training_too_long"
    return None


def describe_short(fit: Fit, skill_name) -> str:
    """'needs MLOps 3, has 1; Kubernetes 3, has 2' for the skills a person lacks."""
    return "; ".join(f"{skill_name(s)} {need} needed, has {has}" for s, has, need in fit.short)


def describe_met(fit: Fit, skill_name) -> str:
    """'MLOps 4 ≥ 3, Kubernetes 3 ≥ 3' for the skills a person holds at the role's level."""
    return ", ".join(f"{skill_name(s)} {has} ≥ {need}" for s, has, need in fit.met)


def describe_steps(fit: Fit, skill_name) -> str:
    """'Kubernetes 2→3 (4 weeks)' for each training step."""
    return ", ".join(f"{skill_name(s.skill)} {s.from_level}→{s.to_level} ({s.weeks} weeks)" for s in fit.steps)
