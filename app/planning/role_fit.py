"""Who could fill a role: qualified today, trainable before go-live, or a near miss with the reason why not (the
pruning rule and its numbers: docs/planning.md, "Eligibility and the pruning rule")."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from app.domain.initiatives import Policy
from app.domain.people import Person
from app.domain.roles import RoleTemplate
from app.planning.prepared import DemandInfo, Fit, Step
from app.templates import levels_of, training_weeks

MAX_GAP_LEVELS = 4
TRAINING_OPTIONS_PER_DEMAND = 8
NEAR_MISSES_PER_DEMAND = 4
#: A person short by this many levels or fewer is a near miss even without training steps.
NEAR_MISS_GAP_LEVELS = 2


def assess(
    person_id: str, levels: dict[str, int], role: RoleTemplate, *, graph: nx.DiGraph, policy: Policy,
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
    if short and gap <= MAX_GAP_LEVELS:
        for skill, has, need in short:
            raw, _ = training_weeks(levels, skill, has, need, graph)
            weeks = int(math.ceil(raw - 1e-9))
            steps.append(Step(skill, has, need, weeks, int(round(weeks * policy.training_cost_per_week))))
    weeks = max((s.weeks for s in steps), default=0)
    score = int(max(0, min(1000, 500 + bonus - 5 * weeks - 40 * gap)))
    return Fit(person_id, role.id, tuple(met), tuple(short), tuple(steps), score)


@dataclass(frozen=True)
class Reach:
    """A person within reach of a role (qualified, or short by few enough levels to be measured in full)."""

    index: int  # position in the roster
    fit: Fit


@dataclass(frozen=True)
class RoleReach:
    """Everyone whose fit to one role can matter, pre-sorted the ways the bridge reads them."""

    qualified: list[Reach]  # roster order
    trainable: list[Reach]  # short, with training steps: fewest weeks, cheapest, best fit first
    near: list[Reach]  # short but close (steps, or at most NEAR_MISS_GAP_LEVELS levels): smallest gap first
    far: int  # everyone else: too far from the role to be an option or a near miss


class RosterIndex:
    """The roster indexed by skill, so a role measures in full only the people within MAX_GAP_LEVELS of it (the
    others are only counted); kept per role, since initiatives moving to the same phase share its roles."""

    def __init__(self, people: list[Person], *, graph: nx.DiGraph) -> None:
        self.people = people
        self.levels = [levels_of(p) for p in people]
        self._graph = graph
        self._holders: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, lv in enumerate(self.levels):
            for skill, level in lv.items():
                if level > 0:
                    self._holders[skill].append((i, level))
        self._roles: dict[tuple, RoleReach] = {}

    def within_reach(self, role: RoleTemplate, *, policy: Policy) -> RoleReach:
        """The people whose fit to the role could matter (measured once per role and training price)."""
        key = (role.id, tuple((r.skill, r.min_level, r.weight) for r in role.required),
               tuple((o.skill, o.min_level) for o in role.optional), policy.training_cost_per_week)
        found = self._roles.get(key)
        if found is None:
            found = self._roles[key] = self._measure(role, policy)
        return found

    def _measure(self, role: RoleTemplate, policy: Policy) -> RoleReach:
        qualified, trainable_, near = [], [], []
        for i in self._candidates(role):
            fit = assess(self.people[i].id, self.levels[i], role, graph=self._graph, policy=policy)
            r = Reach(i, fit)
            if fit.qualified:
                qualified.append(r)
            elif fit.steps or fit.gap_levels <= NEAR_MISS_GAP_LEVELS:
                near.append(r)
                if fit.steps:
                    trainable_.append(r)
        trainable_.sort(key=lambda r: (r.fit.weeks, r.fit.training_cost, -r.fit.score, r.fit.person_id))
        near.sort(key=lambda r: (r.fit.gap_levels, r.fit.weeks, -r.fit.score, r.fit.person_id))
        return RoleReach(qualified, trainable_, near, len(self.people) - len(qualified) - len(near))

    def drop(self) -> None:
        """Forget what was measured, a role (and a skill's holders) at a time. Freeing objects holds the GIL until
        the last is gone: at 20,000 people the 14 roles' ~30,000 fits and ~130,000 holders took ~30 ms in one go,
        the window's longest freeze during a plan (benchmarks/bench_worker_freeze.py); a role at a time is ~2 ms."""
        while self._roles:
            self._roles.popitem()
        while self._holders:
            self._holders.popitem()
        self.levels = []

    def _candidates(self, role: RoleTemplate) -> list[int] | range:
        """Roster positions whose gap to the role may be within MAX_GAP_LEVELS (a superset, never fewer)."""
        # Levels counted towards a requirement are capped at the level it asks; a person holding nothing counts 0.
        total = sum(r.min_level for r in role.required if r.min_level > 0)
        reach = total - max(MAX_GAP_LEVELS, NEAR_MISS_GAP_LEVELS)
        if reach <= 0:
            return range(len(self.people))
        got: dict[int, int] = defaultdict(int)
        for r in role.required:
            need = r.min_level
            if need > 0:
                for i, level in self._holders.get(r.skill, ()):
                    got[i] += level if level < need else need
        return sorted(i for i, g in got.items() if g >= reach)


def trainable(fit: Fit, info: DemandInfo) -> str | None:
    """None when the fit can become an option through training for the role; else why not (a near-miss reason)."""
    if fit.qualified:
        return None
    if not fit.steps or not info.policy.allow_upskilling:
        return "skill_gap"
    return "training_too_long" if fit.weeks > info.learning_weeks else None
