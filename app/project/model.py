"""The project: one file holding the roster, its source, templates in use, initiatives and scenarios."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from app.domain.initiatives import Initiative, Policy, Portfolio
from app.domain.people import Roster
from app.domain.plans import Exclusion, Pin, Plan, SourcingLimit, TrainingRejection
from app.domain.roles import Phase, PhaseTemplate
from app.domain.skills import SkillCatalogue

#: Bump when the file layout changes; add a migration step in app/project/migrations.py.
SCHEMA_VERSION = 2


class RosterSource(BaseModel):
    """Where the roster came from, so a plan can name its input."""

    file_name: str
    sha256: str = ""
    sheet: str | None = None
    header_row: int | None = None
    mapping: dict = Field(default_factory=dict, description="The column mapping used (ColumnMapping as JSON).")
    imported_at: datetime = Field(default_factory=datetime.now)


class Scenario(BaseModel):
    """A named what-if: the initiatives in scope, policy overrides, pins, exclusions and its latest plan."""

    name: str = Field(min_length=1)
    initiative_ids: list[str] = Field(default_factory=list, description="Empty = every initiative in the project.")
    policy_overrides: dict[str, Policy] = Field(default_factory=dict, description="Initiative id → policy.")
    budget: float | None = Field(default=None, description="Shared budget for this scenario (None = per initiative).")
    pins: list[Pin] = Field(default_factory=list)
    exclusions: list[Exclusion] = Field(default_factory=list)
    sourcing_limits: list[SourcingLimit] = Field(default_factory=list, description="Approvers' no (or at most so "
                                                                                   "much) to a hire or contract.")
    rejected_trainings: list[TrainingRejection] = Field(default_factory=list, description="Trainings approvers "
                                                                                          "said no to.")
    plan: Plan | None = None
    notes: str = ""


class Project(BaseModel):
    """Everything a delivery lead saves: roster, mapping, templates in use, initiatives, scenarios, pins."""

    schema_version: int = SCHEMA_VERSION
    app_version: str = ""
    name: str = "Untitled project"
    roster: Roster = Field(default_factory=Roster)
    source: RosterSource | None = None
    catalogue: SkillCatalogue | None = Field(default=None, description="Catalogue in use (incl. custom skills).")
    templates: dict[Phase, PhaseTemplate] = Field(default_factory=dict, description="Resolved templates in use.")
    portfolio: Portfolio = Field(default_factory=Portfolio)
    scenarios: list[Scenario] = Field(default_factory=lambda: [Scenario(name="Baseline")])
    active_scenario: str = "Baseline"

    def scenario(self, name: str | None = None) -> Scenario:
        """The named scenario (the active one by default)."""
        wanted = name or self.active_scenario
        for s in self.scenarios:
            if s.name == wanted:
                return s
        raise KeyError(wanted)

    def initiative(self, initiative_id: str) -> Initiative | None:
        """The initiative with this id, or None."""
        return self.portfolio.get(initiative_id)
