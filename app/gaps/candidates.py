"""Candidate matching for an open role: full matches, then near matches with their missing skills and training."""
from __future__ import annotations

import heapq
from dataclasses import dataclass

import networkx as nx

from app.domain.roles import RoleTemplate
from app.domain.skills import SkillCatalogue
from app.gaps.models import Candidate, MissingSkill
from app.templates.graph import training_weeks


@dataclass(frozen=True)
class Pooled:
    """A person who could take on work: levels as plain ints and the FTE they could give."""

    person_id: str
    name: str
    title: str | None
    levels: dict[str, int]
    available_fte: float
    on_team: bool


def match_score(levels: dict[str, int], reqs: list[tuple[str, int, float]], total_weight: float) -> float:
    """100 × Σ weight·min(have/need, 1) / Σ weight: the weighted share of required levels a person holds."""
    if total_weight <= 0:
        return 100.0
    got = 0.0
    for skill, need, weight in reqs:
        have = levels.get(skill, 0)
        got += weight if have >= need else weight * have / need
    return 100.0 * got / total_weight


def _requirements(role: RoleTemplate, kind: str) -> tuple[list[tuple[str, int, float]], float]:
    reqs = [(r.skill, r.min_level, r.weight) for r in getattr(role, kind)]
    return reqs, sum(w for _, _, w in reqs)


def match_candidates(
    role: RoleTemplate, pool: list[Pooled], *, graph: nx.DiGraph, catalogue: SkillCatalogue,
    top_n: int = 5, min_score: float = 50.0,
) -> tuple[list[Candidate], list[Candidate]]:
    """Top full matches (all required skills at level) and top alternatives ranked by match score.

    Full matches rank by optional-skill score, then available FTE; alternatives by score, then fewer training
    weeks, then available FTE. Ties break on person id so the order is stable.
    """
    reqs, total = _requirements(role, "required")
    opts, opt_total = _requirements(role, "optional")
    full: list[tuple[float, float, str, Pooled]] = []
    near: list[tuple[float, str, Pooled]] = []
    for p in pool:
        lv = p.levels
        got = 0.0
        for skill, need, weight in reqs:  # match_score inlined: this loop runs once per person per open role
            have = lv.get(skill, 0)
            got += weight if have >= need else weight * have / need
        score = 100.0 * got / total if total > 0 else 100.0
        if score >= 100.0 - 1e-9:
            full.append((match_score(lv, opts, opt_total), p.available_fte, p.person_id, p))
        elif score >= min_score:
            near.append((score, p.person_id, p))
    best_full = sorted(full, key=lambda t: (-t[0], -t[1], t[2]))[:top_n]
    # Training weeks are computed only for the shortlist: ranking by score first keeps this linear in the pool.
    shortlist = heapq.nlargest(max(top_n * 4, top_n), near, key=lambda t: (t[0], t[2].available_fte))
    alternatives = []
    for score, _, p in shortlist:
        missing = []
        for skill, need, _ in reqs:
            have = p.levels.get(skill, 0)
            if have < need:
                weeks, via = training_weeks(p.levels, skill, have, need, graph)
                missing.append(MissingSkill(skill=skill, name=catalogue.name_of(skill), have=have, need=need,
                                            training_weeks=weeks, via=via))
        alternatives.append(_candidate(p, score, match_score(p.levels, opts, opt_total), missing))
    alternatives.sort(key=lambda c: (-round(c.score, 6), c.training_weeks, -c.available_fte, c.person_id))
    return [_candidate(p, 100.0, opt, []) for opt, _, _, p in best_full], alternatives[:top_n]


def _candidate(p: Pooled, score: float, optional_score: float, missing: list[MissingSkill]) -> Candidate:
    return Candidate(
        person_id=p.person_id, name=p.name, title=p.title, available_fte=round(p.available_fte, 4),
        score=round(score, 1), optional_score=round(optional_score, 1), full_match=not missing,
        on_team=p.on_team, missing=missing, training_weeks=round(sum(m.training_weeks for m in missing), 2),
    )
