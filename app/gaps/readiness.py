"""Readiness per failure mode: the criticality-weighted share of required FTE covered in the roles guarding it."""
from __future__ import annotations

from collections.abc import Iterable

from app.domain.plans import Plan
from app.domain.skills import FailureMode
from app.gaps.models import GapReport, RoleGap


def readiness(roles: Iterable[RoleGap], covered: dict[str, float] | None = None) -> dict[FailureMode, float]:
    """100 × Σ criticality·min(covered, required) / Σ criticality·required over roles guarding each mode.

    `covered` maps role id → covered FTE (default: each role's team FTE). A mode no role guards reads 100.
    """
    roles = list(roles)
    out: dict[FailureMode, float] = {}
    for mode in FailureMode:
        num = den = 0.0
        for r in roles:
            if mode not in r.failure_modes:
                continue
            have = r.team_fte if covered is None else covered.get(r.role, r.team_fte)
            num += r.criticality * min(have, r.required_fte)
            den += r.criticality * r.required_fte
        out[mode] = 100.0 if den <= 0 else round(100.0 * num / den, 1)
    return out


def readiness_after(plan: Plan, *, report: GapReport) -> dict[FailureMode, float]:
    """Readiness per failure mode once a plan is applied (the Excel export shows it beside the current figure).

    A role's cover after the plan is the FTE of its assignments plus its hires and contractors, capped at the
    requirement; a role the plan does not mention at all (no assignment, hire or uncovered entry) keeps its
    current team cover, so a plan that only lists changes is read correctly too.
    """
    initiative = report.initiative
    assigned: dict[str, float] = {}
    mentioned: set[str] = set()
    for a in plan.assignments:
        if a.initiative == initiative:
            assigned[a.role] = assigned.get(a.role, 0.0) + a.fte
            mentioned.add(a.role)
    for h in plan.hires:
        if h.initiative == initiative:
            assigned[h.role] = assigned.get(h.role, 0.0) + h.fte
            mentioned.add(h.role)
    mentioned.update(u.role for u in plan.uncovered if u.initiative == initiative)
    covered = {r.role: round(assigned.get(r.role, 0.0), 4) for r in report.roles if r.role in mentioned}
    return readiness(report.roles, covered)
