"""Gap analysis: the target phase's roles against the initiative's current team and the wider people pool."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from app.domain.people import Person, Roster
from app.domain.roles import Phase, RoleTemplate
from app.errors import UsageError
from app.gaps.candidates import Pooled, match_candidates
from app.gaps.models import CapacityWindow, GapReport, MatrixCell, RoleGap, SkillFte, SkillGap, TeamMember
from app.gaps.readiness import readiness
from app.gaps.skill_matrix import SkillColumns, SkillMatrix, fsum_in_order
from app.templates.graph import levels_of
from app.templates.loader import TemplateSet


def _reqs(role: RoleTemplate) -> list[tuple[str, int]]:
    return [(r.skill, r.min_level) for r in role.required]


def _qualified(levels: dict[str, int], reqs: list[tuple[str, int]]) -> bool:
    return all(levels.get(skill, 0) >= need for skill, need in reqs)


def _previous(phase: Phase) -> Phase:
    order = list(Phase)
    return order[max(0, order.index(phase) - 1)]


def allocate_team(
    team: list[Person], roles: list[RoleTemplate], *, initiative: str, levels: dict[str, dict[str, int]],
    fits: dict[str, list[str]] | None = None,
) -> dict[str, dict[str, float]]:
    """Maps the team's committed FTE onto roles: role id → person id → FTE counted there.

    A commitment labelled with a role goes there first (if the person qualifies). Then roles are filled in order of
    criticality (ties: template order), each from qualified team members with time left, people who qualify for
    the fewest roles first; a person covers at most one head (the role's FTE per head) of a role. `fits` (person id
    → ids of the roles they qualify for, in role order) saves measuring everyone again when the caller has it.
    """
    remaining = {p.id: sum(c.fte for c in p.commitments if c.initiative == initiative) for p in team}
    alloc: dict[str, dict[str, float]] = {r.id: {} for r in roles}
    by_id = {r.id: r for r in roles}
    if fits is None:
        fits = {p.id: [r.id for r in roles if _qualified(levels[p.id], _reqs(r))] for p in team}

    def give(role: RoleTemplate, pid: str, most: float) -> None:
        need = role.total_fte - sum(alloc[role.id].values())
        amount = round(min(most, remaining[pid], role.fte - alloc[role.id].get(pid, 0.0), need), 4)
        if amount > 0:
            alloc[role.id][pid] = round(alloc[role.id].get(pid, 0.0) + amount, 4)
            remaining[pid] = round(remaining[pid] - amount, 4)

    for p in team:
        for c in p.commitments:
            if c.initiative == initiative and c.role in by_id and c.role in fits[p.id]:
                give(by_id[c.role], p.id, c.fte)
    order = sorted(range(len(roles)), key=lambda i: (-roles[i].criticality, i))
    for i in order:
        role = roles[i]
        people = sorted((p for p in team if role.id in fits[p.id] and remaining[p.id] > 0),
                        key=lambda p: (len(fits[p.id]), -remaining[p.id], p.id))
        for p in people:
            give(role, p.id, remaining[p.id])
    return alloc


def analyse_gaps(
    people: Iterable[Person] | Roster, *, initiative: str, to_phase: Phase | str, templates: TemplateSet,
    from_phase: Phase | str | None = None, top_n: int = 5, min_score: float = 50.0, min_free_fte: float = 0.1,
    window: CapacityWindow | None = None,
) -> GapReport:
    """The gap report of an initiative moving to `to_phase` (from `from_phase`, default: the phase before it);
    `window` records the days the people's figures stand for (app.timeline.window_gaps lays them out)."""
    people = list(people.people if isinstance(people, Roster) else people)
    to_phase = Phase(to_phase)
    from_phase = _previous(to_phase) if from_phase is None else Phase(from_phase)
    order = list(Phase)
    if order.index(from_phase) > order.index(to_phase):
        raise UsageError(f"target phase '{to_phase.label}' comes before current phase '{from_phase.label}'")
    target, current = templates.phase(to_phase), templates.phase(from_phase)
    catalogue, graph = templates.catalogue, templates.graph
    on_team = {p.id for p in people if p.available and p.on_team(initiative)}
    team = [p for p in people if p.id in on_team]
    outsiders = [p for p in people if p.available and p.id not in on_team]
    # One matrix for the pool (rows 0..n-1) and the team (rows n..): every question below is a column comparison.
    n_out = len(outsiders)
    matrix = SkillMatrix(outsiders + team, SkillColumns())
    team_fte = {p.id: round(sum(c.fte for c in p.commitments if c.initiative == initiative), 4) for p in team}
    alloc = allocate_team(team, target.roles, initiative=initiative, levels={},
                          fits=_team_fits(matrix, team, target.roles, n_out=n_out))
    used = defaultdict(float)
    for per_role in alloc.values():
        for pid, fte in per_role.items():
            used[pid] += fte

    free = np.array([max(0.0, round(p.fte - sum(c.fte for c in p.commitments), 4)) for p in outsiders],
                    dtype=np.float64)
    holder = free > 0  # pool people with free time: the ones a skill's pool figures count
    team_time = np.array([team_fte[p.id] for p in team], dtype=np.float64)
    spare = np.array([round(team_fte[p.id] - used[p.id] + p.free_fte(), 4) for p in team], dtype=np.float64)
    # Candidates: pool people with enough free time (roster order), then team members with time to spare.
    cand_rows = np.concatenate([np.flatnonzero(free >= min_free_fte), n_out + np.flatnonzero(spare >= min_free_fte)])
    cand_fte = np.concatenate([free[free >= min_free_fte], spare[spare >= min_free_fte]])
    view = _Views(matrix, n_out, holder)

    current_ids = {r.id for r in current.roles}
    role_gaps: list[RoleGap] = []
    matrix_cells: list[MatrixCell] = []
    for role in target.roles:
        reqs, required = _reqs(role), role.total_fte
        covered = round(sum(alloc[role.id].values()), 4)
        skill_gaps = []
        for r in role.required:
            team_levels = view.team(r.skill)
            have = round(min(required, fsum_in_order(np.minimum(team_time[team_levels >= r.min_level], role.fte))), 4)
            pool = round(fsum_in_order(np.minimum(free[view.holding(r.skill, r.min_level)], role.fte)), 4)
            best = int(team_levels.max()) if len(team) else 0
            skill_gaps.append(SkillGap(role=role.id, skill=r.skill, name=catalogue.name_of(r.skill),
                                       min_level=r.min_level, weight=r.weight, required_fte=required, team_fte=have,
                                       gap_fte=round(required - have, 4), best_team_level=best, pool_fte=pool))
            matrix_cells.append(MatrixCell(role=role.id, skill=r.skill, need_level=r.min_level,
                                           coverage=round(have / required, 4) if required else 1.0,
                                           gap_fte=round(required - have, 4)))
        qualified = np.zeros(n_out, dtype=bool)
        if reqs:
            rarest = min(reqs, key=lambda sr: view.holders(sr[0]))
            qualified = view.holding(*rarest) & matrix.qualified(reqs)[:n_out]
        gap = round(max(0.0, required - covered), 4)
        full, alternatives = [], []
        if gap > 0:
            pooled = _shortlist(role, matrix, cand_rows, cand_fte, n_out=n_out, exclude=alloc[role.id],
                                top_n=top_n, min_score=min_score)
            full, alternatives = match_candidates(role, pooled, graph=graph, catalogue=catalogue, top_n=top_n,
                                                  min_score=min_score)
        role_gaps.append(RoleGap(
            role=role.id, name=role.name, failure_modes=list(role.failure_modes), criticality=role.criticality,
            ops_critical=role.ops_critical, headcount=role.headcount, added=role.id not in current_ids,
            required_fte=required, team_fte=covered, team_people=sorted(alloc[role.id]), gap_fte=gap,
            pool_fte=round(fsum_in_order(np.minimum(free[qualified], role.fte)), 4),
            pool_free_fte=round(fsum_in_order(free[qualified]), 4), per_head_fte=role.fte,
            pool_people=int(np.count_nonzero(qualified)), skills=skill_gaps, full_matches=full,
            alternatives=alternatives,
        ))

    return GapReport(
        initiative=initiative, from_phase=from_phase, to_phase=to_phase,
        team=[TeamMember(person_id=p.id, name=p.name, team_fte=team_fte[p.id],
                         allocated={r: a[p.id] for r, a in alloc.items() if p.id in a},
                         unused_fte=round(team_fte[p.id] - used[p.id], 4)) for p in team],
        roles=role_gaps, added_roles=[r.id for r in target.roles if r.id not in current_ids],
        removed_roles=[r.id for r in current.roles if r.id not in {t.id for t in target.roles}],
        readiness=readiness(role_gaps), skill_fte=_skill_fte(target.roles, view, team_time, free,
                                                             catalogue.name_of),
        matrix=matrix_cells, required_fte=round(sum(r.required_fte for r in role_gaps), 4),
        covered_fte=round(sum(r.team_fte for r in role_gaps), 4),
        gap_fte=round(sum(r.gap_fte for r in role_gaps), 4), people_considered=len(people), capacity_window=window,
    )


def _team_fits(matrix: SkillMatrix, team: list[Person], roles: list[RoleTemplate], *, n_out: int
               ) -> dict[str, list[str]]:
    """Per team member, the roles they qualify for (in role order), read from the matrix a role at a time."""
    if not team or not roles:
        return {p.id: [] for p in team}
    masks = np.stack([matrix.qualified(_reqs(r))[n_out:] for r in roles])
    ids = [r.id for r in roles]
    return {p.id: [ids[k] for k in np.flatnonzero(masks[:, i]).tolist()] for i, p in enumerate(team)}


class _Views:
    """The pool's and the team's slices of the one matrix, and the pool's holders of each skill."""

    def __init__(self, matrix: SkillMatrix, n_out: int, holder: np.ndarray) -> None:
        self.matrix, self.n_out, self.holder = matrix, n_out, holder
        self._holders: dict[str, int] = {}

    def team(self, skill: str) -> np.ndarray:
        """The team's levels in the skill."""
        return self.matrix.level(skill)[self.n_out:]

    def holding(self, skill: str, level: int) -> np.ndarray:
        """Pool people with free time who hold the skill (above 0) at `level` or more."""
        lv = self.matrix.level(skill)[: self.n_out]
        return self.holder & (lv > 0) & (lv >= level)

    def holders(self, skill: str) -> int:
        """How many pool people with free time hold the skill at all."""
        if skill not in self._holders:
            self._holders[skill] = int(np.count_nonzero(self.holding(skill, 1)))
        return self._holders[skill]


def _shortlist(role: RoleTemplate, matrix: SkillMatrix, rows: np.ndarray, fte: np.ndarray, *, n_out: int,
               exclude: dict[str, float], top_n: int, min_score: float) -> list[Pooled]:
    """The candidates `match_candidates` can pick from: every full match and the near matches it would shortlist.

    Kept in the order the per-person loop read them (people holding the first required skill, then the second…),
    so ties fall the same way; everyone else could not make the lists.
    """
    reqs, total = [(r.skill, r.min_level, r.weight) for r in role.required], sum(r.weight for r in role.required)
    if min_score > 0:
        # Anyone scoring above zero holds at least one required skill: read holders skill by skill.
        held = np.stack([matrix.level(s)[rows] > 0 for s, _, _ in reqs]) if reqs else np.zeros((0, len(rows)), bool)
        some = held.any(axis=0) if reqs else np.zeros(len(rows), dtype=bool)
        first = held.argmax(axis=0) if reqs else np.zeros(len(rows), dtype=np.int64)
        at = np.flatnonzero(some)
        at = at[np.lexsort((at, first[at]))]
    else:
        at = np.arange(len(rows))
    people = matrix.people
    if exclude:
        at = at[[people[rows[i]].id not in exclude for i in at.tolist()]] if len(at) else at
    scores = matrix.scores(reqs, total, rows[at])
    full = scores >= 100.0 - 1e-9
    near = np.flatnonzero(~full & (scores >= min_score))
    keep = max(top_n * 4, top_n)
    # heapq.nlargest by (score, free FTE) == a stable sort, descending, then the first `keep`
    best = near[np.lexsort((near, -fte[at[near]], -scores[near]))[:keep]]
    chosen = np.sort(np.concatenate([np.flatnonzero(full), best]))
    out = []
    for k in chosen.tolist():
        i = int(rows[at[k]])
        p = people[i]
        out.append(Pooled(p.id, p.name, p.title, levels_of(p), float(fte[at[k]]), i >= n_out))
    return out


def _skill_fte(roles, view: _Views, team_time: np.ndarray, free: np.ndarray, name_of) -> list[SkillFte]:
    """Per skill: FTE required (sum over roles needing it) vs team and pool FTE at the lowest level asked."""
    need: dict[str, list[float]] = {}
    for role in roles:
        for r in role.required:
            entry = need.setdefault(r.skill, [r.min_level, 0.0])
            entry[0] = min(entry[0], r.min_level)
            entry[1] += role.total_fte
    rows = []
    for skill, (level, required) in need.items():
        team_have = fsum_in_order(team_time[view.team(skill) >= level])
        pool_have = fsum_in_order(free[view.holding(skill, level)])
        rows.append(SkillFte(skill=skill, name=name_of(skill), min_level=int(level), required_fte=round(required, 4),
                             team_fte=round(team_have, 4), pool_fte=round(pool_have, 4)))
    return rows
