"""The gap report: what a target phase needs against what the current team and the wider pool have."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from app.domain.roles import Phase
from app.domain.skills import FailureMode


class MissingSkill(BaseModel):
    """A required skill a candidate holds below the role's level, and the training that would close it."""

    skill: str
    name: str = ""
    have: int = Field(ge=0, le=5)
    need: int = Field(ge=1, le=5)
    training_weeks: float = Field(ge=0, description="From the skill graph; adjacent skills make it faster.")
    via: str | None = Field(default=None, description="Adjacent skill that makes the training faster, if any.")


class Candidate(BaseModel):
    """A person who could fill (part of) an open role, as a talent-marketplace match."""

    person_id: str
    name: str
    title: str | None = None
    available_fte: float = Field(description="Free FTE, plus unused time on this initiative for team members.")
    score: float = Field(ge=0, le=100, description="Weighted share of required levels held (100 = full match).")
    optional_score: float = Field(ge=0, le=100, description="Same, over the role's optional skills.")
    full_match: bool
    on_team: bool = Field(description="Already on the initiative (a re-role rather than a move).")
    missing: list[MissingSkill] = Field(default_factory=list)
    training_weeks: float = Field(default=0.0, description="Sum of the training weeks of the missing skills.")


class SkillGap(BaseModel):
    """One required skill of one role: FTE needed at level vs FTE the team and the pool hold at that level."""

    role: str
    skill: str
    name: str = ""
    min_level: int
    weight: float
    required_fte: float
    team_fte: float = Field(description="Team members at level, each counted up to one head, capped at required.")
    gap_fte: float
    best_team_level: int = Field(description="Highest level on the current team (0 = nobody).")
    pool_fte: float = Field(description="Free FTE of people elsewhere at level, each up to one head.")


class TeamMember(BaseModel):
    """A person on the initiative's team and how their committed time maps onto the target roles."""

    person_id: str
    name: str
    team_fte: float
    allocated: dict[str, float] = Field(default_factory=dict, description="Role id → FTE counted there.")
    unused_fte: float = Field(description="Committed time no target role can use (skills do not match).")


class RoleGap(BaseModel):
    """One role of the target phase: required FTE, what the team covers, what the pool offers, who could fill it."""

    role: str
    name: str
    failure_modes: list[FailureMode]
    criticality: int
    ops_critical: bool
    headcount: int
    added: bool = Field(description="The target phase adds this role relative to the current phase.")
    required_fte: float
    team_fte: float = Field(description="Team FTE allocated to this role (qualified people only).")
    team_people: list[str] = Field(default_factory=list, description="Ids of team members counted here.")
    gap_fte: float
    pool_fte: float = Field(description="Free FTE of fully qualified people outside the team, up to one head each.")
    pool_free_fte: float = Field(default=0.0, description="All free FTE of those people (not capped per head).")
    per_head_fte: float = Field(default=1.0, description="FTE of one head of this role (the cap per person).")
    pool_people: int
    skills: list[SkillGap] = Field(default_factory=list)
    full_matches: list[Candidate] = Field(default_factory=list)
    alternatives: list[Candidate] = Field(default_factory=list)

    @property
    def coverage(self) -> float:
        """Share of required FTE the team covers."""
        return 1.0 if self.required_fte <= 0 else round(self.team_fte / self.required_fte, 4)


class SkillFte(BaseModel):
    """Chart row: FTE the target phase needs in a skill vs FTE at that level on the team and in the pool."""

    skill: str
    name: str = ""
    min_level: int = Field(description="Lowest level any role asks for.")
    required_fte: float
    team_fte: float
    pool_fte: float


class MatrixCell(BaseModel):
    """Heatmap cell, role × skill: share of the role's FTE the team covers in that skill (1 = no gap)."""

    role: str
    skill: str
    need_level: int
    coverage: float = Field(ge=0, le=1)
    gap_fte: float


class CapacityWindow(BaseModel):
    """The days whose free time the gap analysis counted: the optimiser's window for the initiative's target phase."""

    first: date
    last: date
    phase: Phase = Field(description="The target phase the window belongs to.")
    gate: date | None = Field(default=None, description="The target phase's gate; none: the window starts today.")
    until_gate: Phase | None = Field(default=None, description="The phase whose gate ends the window; none: the "
                                                               "planning horizon ends it.")
    horizon_weeks: int
    words: str = Field(description="The window as the Gaps output states it.")


class GapReport(BaseModel):
    """Skill gaps of one initiative moving from its current phase to a target phase."""

    initiative: str
    from_phase: Phase
    to_phase: Phase
    team: list[TeamMember] = Field(default_factory=list)
    roles: list[RoleGap] = Field(default_factory=list)
    added_roles: list[str] = Field(default_factory=list)
    removed_roles: list[str] = Field(default_factory=list)
    readiness: dict[FailureMode, float] = Field(
        default_factory=dict, description="0–100 per failure mode; see docs/templates.md, 'Readiness'."
    )
    skill_fte: list[SkillFte] = Field(default_factory=list)
    matrix: list[MatrixCell] = Field(default_factory=list)
    required_fte: float = 0.0
    covered_fte: float = 0.0
    gap_fte: float = 0.0
    people_considered: int = 0
    capacity_window: CapacityWindow | None = Field(
        default=None, description="Free time is each person's least over these days, as the optimiser reads it; "
                                  "none: every commitment counted as running now (no dates known).")

    def role(self, role_id: str) -> RoleGap | None:
        """The role gap with this id, or None."""
        return next((r for r in self.roles if r.role == role_id), None)


def gaps_output_schema() -> dict:
    """JSON Schema of `phasegate gaps --json` output (for `phasegate schema gaps`)."""
    return GapReport.model_json_schema()
