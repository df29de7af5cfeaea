"""Initiatives, their staffing policy, and portfolios of initiatives sharing one pool."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

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
    """One AI initiative: where it is, where it is going, and the dates of the gates on its roadmap."""

    id: str = Field(min_length=1, description="Name as it appears in the roster's initiative column.")
    name: str = ""
    current_phase: Phase = Phase.PILOT
    target_phase: Phase = Phase.PRODUCTION
    roadmap: dict[Phase, date] = Field(
        default_factory=dict, description="Gate dates: the day each phase begins. The target phase's gate is the "
                                          "go-live; a phase's role template applies from its gate to the next one.")
    budget: Annotated[float | None, Field(ge=0)] = None
    priority: Annotated[int, Field(ge=1, le=10)] = 5
    policy: Policy = Field(default_factory=Policy)

    @model_validator(mode="before")
    @classmethod
    def _go_live_is_a_gate(cls, data: Any) -> Any:
        # Files and callers from before roadmaps give `go_live`: the date the target phase begins, i.e. its gate.
        # Given beside a roadmap (an edit over a dump) it is the newer word on that gate, so it wins.
        if not isinstance(data, dict) or "go_live" not in data:
            return data
        data = dict(data)
        go_live = data.pop("go_live")
        target = Phase(data.get("target_phase", Phase.PRODUCTION))
        roadmap = {Phase(p): d for p, d in (data.get("roadmap") or {}).items()}
        roadmap.pop(target, None)
        if go_live is not None:
            roadmap[target] = go_live
        data["roadmap"] = roadmap
        return data

    @model_validator(mode="after")
    def _forward(self) -> Initiative:
        order = list(Phase)
        if order.index(self.target_phase) < order.index(self.current_phase):
            raise ValueError(
                f"target phase '{self.target_phase.label}' comes before current phase '{self.current_phase.label}'"
            )
        gated = [(p, self.roadmap[p]) for p in order if p in self.roadmap]
        for (early, first), (late, second) in zip(gated, gated[1:], strict=False):
            if second < first:
                raise ValueError(f"the {late.label.lower()} gate ({second.isoformat()}) comes before the "
                                 f"{early.label.lower()} gate ({first.isoformat()})")
        self.roadmap = dict(gated)  # kept in phase order
        if not self.name:
            self.name = self.id
        return self

    @property
    def go_live(self) -> date | None:
        """The target phase's gate: the date the target phase must be staffed by."""
        return self.roadmap.get(self.target_phase)

    @go_live.setter
    def go_live(self, value: date | None) -> None:
        roadmap = {p: d for p, d in self.roadmap.items() if p != self.target_phase}
        if value is not None:
            roadmap[self.target_phase] = value
        self.roadmap = {p: roadmap[p] for p in Phase if p in roadmap}

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Initiative:
        """A copy; `update` may set `go_live` (the target phase's gate) as before roadmaps."""
        if update and "go_live" in update:
            update = dict(update)
            go_live = update.pop("go_live")
            copy = super().model_copy(update=update, deep=deep)
            copy.roadmap = dict(copy.roadmap)
            copy.go_live = go_live
            return copy
        return super().model_copy(update=update, deep=deep)

    def gate(self, phase: Phase) -> date | None:
        """The date a phase begins, when the roadmap knows it."""
        return self.roadmap.get(phase)


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

    def names(self) -> dict[str, str]:
        """Initiative id → the name people read (a renamed initiative is named by its new name everywhere)."""
        return {i.id: i.name for i in self.initiatives}
