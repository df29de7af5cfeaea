"""What changes between two phase templates, in words a delivery lead reads at a phase gate."""
from __future__ import annotations

from pydantic import BaseModel, Field

from app.domain.roles import PhaseTemplate, RoleTemplate


class LevelChange(BaseModel):
    """A required skill whose minimum level differs between the phases (0 = not required)."""

    role: str
    skill: str
    before: int
    after: int


class RoleChange(BaseModel):
    """A role present in both phases whose staffing or requirements differ."""

    role: str
    name: str
    fte_before: float
    fte_after: float
    headcount_before: int
    headcount_after: int
    levels: list[LevelChange] = Field(default_factory=list)


class PhaseDiff(BaseModel):
    """The difference from phase template `a` to phase template `b`."""

    from_phase: str
    to_phase: str
    added: list[str] = Field(default_factory=list, description="Role ids only in b.")
    removed: list[str] = Field(default_factory=list, description="Role ids only in a.")
    changed: list[RoleChange] = Field(default_factory=list)
    role_names: dict[str, str] = Field(default_factory=dict)
    fte_before: float = 0.0
    fte_after: float = 0.0

    def summary(self) -> str:
        """One paragraph: 'Production adds …; removes …; raises min level of …; total FTE a → b'."""
        names = self.role_names
        parts = []
        if self.added:
            parts.append("adds " + ", ".join(names.get(r, r) for r in self.added))
        if self.removed:
            parts.append("removes " + ", ".join(names.get(r, r) for r in self.removed))
        every = [lv for c in self.changed for lv in c.levels]
        for verb, picked in (
            ("newly requires", [lv for lv in every if lv.before == 0]),
            ("raises min level of", [lv for lv in every if 0 < lv.before < lv.after]),
            ("lowers min level of", [lv for lv in every if 0 < lv.after < lv.before]),
            ("no longer requires", [lv for lv in every if lv.after == 0]),
        ):
            if picked:
                parts.append(f"{verb} " + ", ".join(_level_text(lv, names) for lv in picked))
        resized = [c for c in self.changed if c.fte_before * c.headcount_before != c.fte_after * c.headcount_after]
        if resized:
            parts.append("resizes " + ", ".join(
                f"{c.name} ({_fte(c.fte_before * c.headcount_before)}→{_fte(c.fte_after * c.headcount_after)} FTE)"
                for c in resized))
        head = self.to_phase.capitalize()
        body = "; ".join(parts) if parts else "has the same roles"
        return f"{head} {body}; total FTE {_fte(self.fte_before)} → {_fte(self.fte_after)}."


def _level_text(lv: LevelChange, names: dict[str, str]) -> str:
    role = names.get(lv.role, lv.role)
    if lv.before == 0:
        return f"{lv.skill} ≥{lv.after} for {role}"
    if lv.after == 0:
        return f"{lv.skill} for {role}"
    return f"{lv.skill} for {role} ({lv.before}→{lv.after})"


def _fte(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _levels(role: RoleTemplate) -> dict[str, int]:
    return {r.skill: r.min_level for r in role.required}


def compare_phases(a: PhaseTemplate, b: PhaseTemplate) -> PhaseDiff:
    """Roles added, removed and changed (FTE, headcount, required levels) going from resolved template a to b."""
    a_roles = {r.id: r for r in a.roles}
    b_roles = {r.id: r for r in b.roles}
    changed = []
    for role_id, after in b_roles.items():
        before = a_roles.get(role_id)
        if before is None:
            continue
        la, lb = _levels(before), _levels(after)
        levels = [LevelChange(role=role_id, skill=s, before=la.get(s, 0), after=lb.get(s, 0))
                  for s in dict.fromkeys([*la, *lb]) if la.get(s, 0) != lb.get(s, 0)]
        if levels or before.fte != after.fte or before.headcount != after.headcount:
            changed.append(RoleChange(role=role_id, name=after.name, fte_before=before.fte, fte_after=after.fte,
                                      headcount_before=before.headcount, headcount_after=after.headcount,
                                      levels=levels))
    return PhaseDiff(
        from_phase=a.phase.value, to_phase=b.phase.value,
        added=[r for r in b_roles if r not in a_roles], removed=[r for r in a_roles if r not in b_roles],
        changed=changed, role_names={**{r.id: r.name for r in a.roles}, **{r.id: r.name for r in b.roles}},
        fte_before=round(sum(r.total_fte for r in a.roles), 4), fte_after=round(sum(r.total_fte for r in b.roles), 4),
    )
