"""Gap analysis: the target phase's roles against the initiative's current team and the wider people pool."""
from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable

from app.domain.people import Person, Roster
from app.domain.roles import Phase, RoleTemplate
from app.errors import UsageError
from app.gaps.candidates import Pooled, match_candidates
from app.gaps.models import GapReport, MatrixCell, RoleGap, SkillFte, SkillGap, TeamMember
from app.gaps.readiness import readiness
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
    team: list[Person], roles: list[RoleTemplate], *, initiative: str, levels: dict[str, dict[str, int]]
) -> dict[str, dict[str, float]]:
    """Maps the team's committed FTE onto roles: role id → person id → FTE counted there.

    A commitment labelled with a role goes there first (if the person qualifies). Then roles are filled in order of
    criticality (ties: template order), each from qualified team members with time left, people who qualify for
    the fewest roles first; a person covers at most one head (the role's FTE per head) of a role.
    """
    remaining = {p.id: sum(c.fte for c in p.commitments if c.initiative == initiative) for p in team}
    alloc: dict[str, dict[str, float]] = {r.id: {} for r in roles}
    by_id = {r.id: r for r in roles}
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
) -> GapReport:
    """The gap report of an initiative moving to `to_phase` (from `from_phase`, default: the phase before it)."""
    # On 100,000 people the report builds a few hundred thousand small objects while the roster's models stay
    # alive; the cyclic GC rescanned them over and over (a quarter to a half of the time), and nothing here cycles.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _analyse(people, initiative=initiative, to_phase=to_phase, templates=templates, from_phase=from_phase,
                        top_n=top_n, min_score=min_score, min_free_fte=min_free_fte)
    finally:
        if gc_was_enabled:
            gc.enable()


def _analyse(people, *, initiative: str, to_phase, templates: TemplateSet, from_phase, top_n: int, min_score: float,
             min_free_fte: float) -> GapReport:
    people = list(people.people if isinstance(people, Roster) else people)
    to_phase = Phase(to_phase)
    from_phase = _previous(to_phase) if from_phase is None else Phase(from_phase)
    order = list(Phase)
    if order.index(from_phase) > order.index(to_phase):
        raise UsageError(f"target phase '{to_phase.label}' comes before current phase '{from_phase.label}'")
    target, current = templates.phase(to_phase), templates.phase(from_phase)
    catalogue, graph = templates.catalogue, templates.graph
    levels = {p.id: levels_of(p) for p in people}
    on_team = {p.id for p in people if p.available and p.on_team(initiative)}
    team = [p for p in people if p.id in on_team]
    team_fte = {p.id: round(sum(c.fte for c in p.commitments if c.initiative == initiative), 4) for p in team}
    alloc = allocate_team(team, target.roles, initiative=initiative, levels=levels)
    used = defaultdict(float)
    for per_role in alloc.values():
        for pid, fte in per_role.items():
            used[pid] += fte

    outsiders = [p for p in people if p.available and p.id not in on_team]
    free = {p.id: max(0.0, round(p.fte - sum(c.fte for c in p.commitments), 4)) for p in outsiders}
    holders: dict[str, list[tuple[int, str]]] = defaultdict(list)  # skill -> (level, person id), pool only
    for p in outsiders:
        if free[p.id] > 0:
            for skill, level in levels[p.id].items():
                if level > 0:
                    holders[skill].append((level, p.id))
    pool_entries = {p.id: Pooled(p.id, p.name, p.title, levels[p.id], free[p.id], False)
                    for p in outsiders if free[p.id] >= min_free_fte}
    for p in team:
        spare = round(team_fte[p.id] - used[p.id] + p.free_fte(), 4)
        if spare >= min_free_fte:
            pool_entries[p.id] = Pooled(p.id, p.name, p.title, levels[p.id], spare, True)
    offered: dict[str, list[str]] = defaultdict(list)  # skill -> ids of people who could be candidates
    for pid, entry in pool_entries.items():
        for skill, level in entry.levels.items():
            if level > 0:
                offered[skill].append(pid)

    current_ids = {r.id for r in current.roles}
    role_gaps: list[RoleGap] = []
    matrix: list[MatrixCell] = []
    for role in target.roles:
        reqs, required = _reqs(role), role.total_fte
        covered = round(sum(alloc[role.id].values()), 4)
        skill_gaps = []
        for r in role.required:
            at_level = [p for p in team if levels[p.id].get(r.skill, 0) >= r.min_level]
            have = round(min(required, sum(min(team_fte[p.id], role.fte) for p in at_level)), 4)
            pool = round(sum(min(free[pid], role.fte) for lv, pid in holders.get(r.skill, ()) if lv >= r.min_level), 4)
            best = max((levels[p.id].get(r.skill, 0) for p in team), default=0)
            skill_gaps.append(SkillGap(role=role.id, skill=r.skill, name=catalogue.name_of(r.skill),
                                       min_level=r.min_level, weight=r.weight, required_fte=required, team_fte=have,
                                       gap_fte=round(required - have, 4), best_team_level=best, pool_fte=pool))
            matrix.append(MatrixCell(role=role.id, skill=r.skill, need_level=r.min_level,
                                     coverage=round(have / required, 4) if required else 1.0,
                                     gap_fte=round(required - have, 4)))
        rarest = min(reqs, key=lambda sr: len(holders.get(sr[0], ()))) if reqs else None
        qualified_pool = [pid for lv, pid in holders.get(rarest[0], ()) if lv >= rarest[1]
                          and _qualified(levels[pid], reqs)] if rarest else []
        gap = round(max(0.0, required - covered), 4)
        full, alternatives = [], []
        if gap > 0:
            # Anyone scoring above zero holds at least one required skill, so the skill index finds them all.
            ids = pool_entries if min_score <= 0 else dict.fromkeys(pid for s, _ in reqs for pid in offered[s])
            candidates = [pool_entries[pid] for pid in ids if pid not in alloc[role.id]]
            full, alternatives = match_candidates(role, candidates, graph=graph, catalogue=catalogue, top_n=top_n,
                                                  min_score=min_score)
        role_gaps.append(RoleGap(
            role=role.id, name=role.name, failure_modes=list(role.failure_modes), criticality=role.criticality,
            ops_critical=role.ops_critical, headcount=role.headcount, added=role.id not in current_ids,
            required_fte=required, team_fte=covered, team_people=sorted(alloc[role.id]), gap_fte=gap,
            pool_fte=round(sum(min(free[pid], role.fte) for pid in qualified_pool), 4),
            pool_free_fte=round(sum(free[pid] for pid in qualified_pool), 4), per_head_fte=role.fte,
            pool_people=len(qualified_pool), skills=skill_gaps, full_matches=full, alternatives=alternatives,
        ))

    return GapReport(
        initiative=initiative, from_phase=from_phase, to_phase=to_phase,
        team=[TeamMember(person_id=p.id, name=p.name, team_fte=team_fte[p.id],
                         allocated={r: a[p.id] for r, a in alloc.items() if p.id in a},
                         unused_fte=round(team_fte[p.id] - used[p.id], 4)) for p in team],
        roles=role_gaps, added_roles=[r.id for r in target.roles if r.id not in current_ids],
        removed_roles=[r.id for r in current.roles if r.id not in {t.id for t in target.roles}],
        readiness=readiness(role_gaps), skill_fte=_skill_fte(target.roles, team, team_fte, levels, holders,
                                                             free, catalogue.name_of),
        matrix=matrix, required_fte=round(sum(r.required_fte for r in role_gaps), 4),
        covered_fte=round(sum(r.team_fte for r in role_gaps), 4),
        gap_fte=round(sum(r.gap_fte for r in role_gaps), 4), people_considered=len(people),
    )


def _skill_fte(roles, team, team_fte, levels, holders, free, name_of) -> list[SkillFte]:
    """Per skill: FTE required (sum over roles needing it) vs team and pool FTE at the lowest level asked."""
    need: dict[str, list[float]] = {}
    for role in roles:
        for r in role.required:
            entry = need.setdefault(r.skill, [r.min_level, 0.0])
            entry[0] = min(entry[0], r.min_level)
            entry[1] += role.total_fte
    rows = []
    for skill, (level, required) in need.items():
        team_have = sum(team_fte[p.id] for p in team if levels[p.id].get(skill, 0) >= level)
        pool_have = sum(free[pid] for lv, pid in holders.get(skill, ()) if lv >= level)
        rows.append(SkillFte(skill=skill, name=name_of(skill), min_level=int(level), required_fte=round(required, 4),
                             team_fte=round(team_have, 4), pool_fte=round(pool_have, 4)))
    return rows
