"""The skill-matrix gap analysis gives the figures and candidate lists the person-by-person reading gave.

The reference below reads every person one at a time, as the analysis did before the matrix (4-11 s on 100,000
people); seeded random rosters, with ties in scores and free time on purpose, must give the same report.
"""
from __future__ import annotations

import random

import numpy as np
import pytest

from app.domain.people import Commitment, Person, SkillLevel
from app.gaps import analyse_gaps
from app.gaps.candidates import Pooled, match_candidates, match_score
from app.gaps.skill_matrix import SkillColumns, SkillMatrix
from app.templates.graph import levels_of


def _roster(n: int, *, seed: int, skills: list[str]) -> list[Person]:
    """`n` people with 0-8 skills on a coarse scale (many ties); 15 % on 'Fraud', some unavailable."""
    rng = random.Random(seed)
    people = []
    for i in range(n):
        held = {s: SkillLevel(level=rng.randint(1, 5)) for s in rng.sample(skills, rng.randint(0, 8))}
        commitments = []
        if rng.random() < 0.15:
            commitments.append(Commitment(initiative="Fraud", fte=rng.choice([0.3, 0.5, 1.0])))
        if rng.random() < 0.5:
            commitments.append(Commitment(initiative=f"ini{rng.randint(0, 5)}", fte=rng.choice([0.2, 0.5, 0.8])))
        people.append(Person(id=f"E{i:04d}", name=f"Person {i}", skills=held, commitments=commitments,
                             fte=rng.choice([1.0, 1.0, 0.8]), available=rng.random() > 0.05))
    return people


def _reference(people: list[Person], report, templates, *, min_score: float, top_n: int, min_free: float) -> dict:
    """Pool figures and candidate lists read person by person (the analysis before the matrix)."""
    team = [p for p in people if p.available and p.on_team("Fraud")]
    on_team = {p.id for p in team}
    outsiders = [p for p in people if p.available and p.id not in on_team]
    free = {p.id: max(0.0, round(p.fte - sum(c.fte for c in p.commitments), 4)) for p in outsiders}
    unused = {m.person_id: m.unused_fte for m in report.team}
    entries = {p.id: Pooled(p.id, p.name, p.title, levels_of(p), free[p.id], False)
               for p in outsiders if free[p.id] >= min_free}
    for p in team:
        spare = round(unused[p.id] + p.free_fte(), 4)
        if spare >= min_free:
            entries[p.id] = Pooled(p.id, p.name, p.title, levels_of(p), spare, True)
    out = {}
    for role, gap in zip(templates.phase("production").roles, report.roles, strict=True):
        pool = {r.skill: round(sum(min(free[p.id], role.fte) for p in outsiders if free[p.id] > 0
                                   and p.level(r.skill) > 0 and p.level(r.skill) >= r.min_level), 4)
                for r in role.required}
        qualified = [p for p in outsiders if free[p.id] > 0 and all(p.level(r.skill) >= r.min_level > 0
                                                                    for r in role.required)]
        order = [pid for r in role.required for pid, e in entries.items() if e.levels.get(r.skill, 0) > 0]
        candidates = [entries[pid] for pid in dict.fromkeys(order) if pid not in gap.team_people]
        full, alternatives = match_candidates(role, candidates, graph=templates.graph, catalogue=templates.catalogue,
                                              top_n=top_n, min_score=min_score) if gap.gap_fte > 0 else ([], [])
        out[role.id] = {"pool": pool, "people": len(qualified),
                        "pool_fte": round(sum(min(free[p.id], role.fte) for p in qualified), 4),
                        "full": [c.model_dump() for c in full], "alternatives": [c.model_dump() for c in alternatives]}
    return out


@pytest.mark.parametrize(("seed", "min_score", "top_n", "min_free"), [(1, 50.0, 5, 0.1), (2, 30.0, 3, 0.2),
                                                                      (3, 70.0, 8, 0.1)])
def test_the_matrix_report_equals_the_person_by_person_reading(bundled, seed, min_score, top_n, min_free) -> None:
    skills = sorted({r.skill for t in bundled.phases.values() for role in t.roles for r in role.required})
    people = _roster(1500, seed=seed, skills=skills)
    report = analyse_gaps(people, initiative="Fraud", to_phase="production", templates=bundled, top_n=top_n,
                          min_score=min_score, min_free_fte=min_free)
    want = _reference(people, report, bundled, min_score=min_score, top_n=top_n, min_free=min_free)
    assert any(w["alternatives"] for w in want.values()) and any(w["full"] for w in want.values())
    for gap in report.roles:
        w = want[gap.role]
        assert {s.skill: s.pool_fte for s in gap.skills} == w["pool"]
        assert (gap.pool_people, gap.pool_fte) == (w["people"], w["pool_fte"])
        assert [c.model_dump() for c in gap.full_matches] == w["full"]
        assert [c.model_dump() for c in gap.alternatives] == w["alternatives"]


def test_scores_are_bit_for_bit_match_score() -> None:
    rng = random.Random(5)
    skills = ["a", "b", "c", "d"]
    people = [Person(id=f"P{i}", name="x", skills={s: SkillLevel(level=rng.randint(1, 5))
                                                   for s in rng.sample(skills, rng.randint(0, 4))})
              for i in range(300)]
    reqs = [("a", 3, 2.0), ("b", 4, 1.0), ("c", 5, 0.7), ("e", 2, 1.3)]  # "e": nobody holds it
    total = sum(w for _, _, w in reqs)
    matrix = SkillMatrix(people, SkillColumns())
    got = matrix.scores(reqs, total, np.arange(len(people)))
    assert got.tolist() == [match_score(levels_of(p), reqs, total) for p in people]
    assert matrix.qualified([("a", 3), ("b", 1)]).tolist() == [p.level("a") >= 3 and p.level("b") >= 1
                                                              for p in people]
