"""Role templates and phase templates: what each phase of an AI initiative needs."""
from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field, model_validator

from app.domain.skills import MAX_LEVEL, FailureMode


class Phase(StrEnum):
    """The life of an initiative, in order."""

    POC = "poc"
    PILOT = "pilot"
    PRODUCTION = "production"
    OPERATIONS = "operations"

    @property
    def label(self) -> str:
        """Human name of the phase."""
        return {"poc": "Proof of concept", "pilot": "Pilot", "production": "Production", "operations": "Operations"}[
            self.value
        ]

    def next(self) -> Phase | None:
        """The phase after this one, or None after operations."""
        order = list(Phase)
        i = order.index(self)
        return order[i + 1] if i + 1 < len(order) else None


class Seniority(StrEnum):
    """Seniority band of a role; drives default hiring cost and lead time."""

    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"
    LEAD = "lead"


class SkillRequirement(BaseModel):
    """A skill a role needs, at a minimum level, with its weight in matching."""

    skill: str = Field(min_length=1, description="Skill id from the catalogue.")
    min_level: Annotated[int, Field(ge=1, le=MAX_LEVEL)] = 3
    weight: Annotated[float, Field(gt=0, le=10)] = 1.0


class RoleTemplate(BaseModel):
    """One role in a phase template."""

    id: str = Field(pattern=r"^[a-z0-9_]+$", description="Stable identifier, e.g. 'mlops_engineer'.")
    name: str = Field(min_length=1)
    description: str = ""
    required: list[SkillRequirement] = Field(default_factory=list)
    optional: list[SkillRequirement] = Field(default_factory=list)
    fte: Annotated[float, Field(gt=0, le=1.0, description="FTE per head.")] = 1.0
    headcount: Annotated[int, Field(ge=1, le=50)] = 1
    seniority: Seniority = Seniority.MID
    shareable: bool = Field(default=True, description="May be filled part-time by people on other work.")
    ops_critical: bool = Field(default=False, description="Needs at least two qualified people (bus factor).")
    failure_modes: list[FailureMode] = Field(default_factory=list)
    criticality: Annotated[int, Field(ge=1, le=10)] = 5
    hire_annual_cost: Annotated[float | None, Field(ge=0)] = None
    contract_annual_cost: Annotated[float | None, Field(ge=0)] = None
    hire_lead_weeks: Annotated[int | None, Field(ge=0, le=104)] = None
    contract_lead_weeks: Annotated[int | None, Field(ge=0, le=104)] = None

    @model_validator(mode="after")
    def _skills_once(self) -> RoleTemplate:
        ids = [r.skill for r in (*self.required, *self.optional)]
        dupes = sorted({s for s in ids if ids.count(s) > 1})
        if dupes:
            raise ValueError(f"skill(s) listed twice: {', '.join(dupes)}")
        if self.ops_critical and self.headcount < 2:
            raise ValueError("an operations-critical role needs a headcount of at least 2 (never one person)")
        return self

    @property
    def total_fte(self) -> float:
        """FTE for all heads of this role."""
        return round(self.fte * self.headcount, 4)


class PhaseTemplate(BaseModel):
    """The roles one phase needs; may extend another phase's template."""

    phase: Phase
    name: str = ""
    description: str = ""
    extends: Phase | None = None
    roles: list[RoleTemplate] = Field(default_factory=list)
    remove_roles: list[str] = Field(default_factory=list, description="Roles of the extended phase dropped here.")
    version: str = "1"

    @model_validator(mode="after")
    def _roles_once(self) -> PhaseTemplate:
        ids = [r.id for r in self.roles]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"role(s) defined twice: {', '.join(dupes)}")
        if self.extends == self.phase:
            raise ValueError("a phase cannot extend itself")
        return self

    def role(self, role_id: str) -> RoleTemplate | None:
        """The role with this id, or None."""
        return next((r for r in self.roles if r.id == role_id), None)
