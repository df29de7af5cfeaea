"""Initiatives, their staffing policy, and portfolios of initiatives sharing one pool."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from app.domain.roles import Phase


class Policy(BaseModel):
    """The rules a staffing plan must respect."""

    hiring_freeze: bool = False
    allow_contractors: bool = True
    allow_upskilling: bool = True
    max_hires: Annotated[int | None, Field(ge=0)] = None
    fte_unit: Literal[0.05, 0.1] = 0.05
    min_allocation: Annotated[float, Field(ge=0.05, le=1.0)] = 0.2
    max_roles_per_person: Annotated[int, Field(ge=1, le=10)] = 2
    displace_tentative: bool = Field(default=True, description="Tentative commitments elsewhere may be displaced.")
    displacement_cost: Annotated[float, Field(ge=0)] = 5000.0
    pair_newcomers: bool = Field(default=False, description="Pair each newcomer with an incumbent.")
    horizon_weeks: Annotated[int, Field(ge=1, le=260, description="Weeks over which costs are counted.")] = 26
    training_cost_per_week: Annotated[float, Field(ge=0)] = 1500.0
    hire_lead_weeks: Annotated[int, Field(ge=0, le=104)] = 12
    contract_lead_weeks: Annotated[int, Field(ge=0, le=104)] = 3
    default_internal_annual_cost: Annotated[float, Field(ge=0)] = 95000.0


class Initiative(BaseModel):
    """One AI initiative: where it is, where it is going and by when."""

    id: str = Field(min_length=1, description="Name as it appears in the roster's initiative column.")
    name: str = ""
    current_phase: Phase = Phase.PILOT
    target_phase: Phase = Phase.PRODUCTION
    go_live: date | None = None
    budget: Annotated[float | None, Field(ge=0)] = None
    priority: Annotated[int, Field(ge=1, le=10)] = 5
    policy: Policy = Field(default_factory=Policy)

    @model_validator(mode="after")
    def _forward(self) -> Initiative:
        order = list(Phase)
        if order.index(self.target_phase) < order.index(self.current_phase):
            raise ValueError(
                f"target phase '{self.target_phase.label}' comes before current phase '{self.current_phase.label}'"
            )
        if not self.name:
            self.name = self.id
        return self


class Portfolio(BaseModel):
    """Several initiatives planned together on one people pool and one budget."""

    initiatives: list[Initiative] = Field(default_factory=list)
    budget: Annotated[float | None, Field(ge=0, description="Shared budget; None = sum of initiative budgets.")] = None

    @model_validator(mode="after")
    def _unique(self) -> Portfolio:
        ids = [i.id for i in self.initiatives]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"initiative(s) listed twice: {', '.join(dupes)}")
        return self

    def get(self, initiative_id: str) -> Initiative | None:
        """The initiative with this id, or None."""
        return next((i for i in self.initiatives if i.id == initiative_id), None)
