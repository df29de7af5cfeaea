"""The project: one file holding the roster, its source, templates in use, initiatives and scenarios."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from app.domain.initiatives import Initiative, Policy, Portfolio
from app.domain.people import Roster
from app.domain.plans import Approval, Exclusion, Pin, Plan, SourcingLimit, TrainingRejection
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
    """A named what-if: the initiatives in scope, its own policies and budgets, pins, exclusions and its latest plan.

    What the scenario does not override comes from the initiatives themselves (`Project.planned_initiatives`).
    """

    name: str = Field(min_length=1)
    initiative_ids: list[str] = Field(default_factory=list, description="Empty = every initiative in the project.")
    policy_overrides: dict[str, Policy] = Field(default_factory=dict, description="Initiative id → policy.")
    budget_overrides: dict[str, float | None] = Field(
        default_factory=dict, description="Initiative id → budget in this scenario (None = no budget).")
    budget: float | None = Field(default=None, description="Shared budget for this scenario (None = per initiative).")
    pins: list[Pin] = Field(default_factory=list)
    exclusions: list[Exclusion] = Field(default_factory=list)
    sourcing_limits: list[SourcingLimit] = Field(default_factory=list, description="Approvers' no (or at most so "
                                                                                   "much) to a hire or contract.")
    rejected_trainings: list[TrainingRejection] = Field(default_factory=list, description="Trainings approvers "
                                                                                          "said no to.")
    approvals: list[Approval] = Field(default_factory=list, description="Hires, contracts and trainings approvers "
                                                                        "said yes to (the next workbook shows them).")
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
    initiatives_to_review: list[str] = Field(
        default_factory=list, description="Initiatives made from the roster's initiative column whose defaulted "
        "phases, go-live and policy nobody has reviewed yet (shown 'to review' until edited or kept).")

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

    def planned_initiatives(self, scenario: Scenario | str | None = None) -> list[Initiative]:
        """The initiatives a scenario plans, each with the scenario's own policy and budget where it sets one.

        Ids the scenario names that the project lacks are left out (`missing_initiatives` lists them).
        """
        sc = scenario if isinstance(scenario, Scenario) else self.scenario(scenario)
        chosen = ([i for i in (self.initiative(x) for x in sc.initiative_ids) if i is not None] if sc.initiative_ids
                  else list(self.portfolio.initiatives))
        out = []
        for ini in chosen:
            changes: dict = {}
            if ini.id in sc.policy_overrides:
                changes["policy"] = sc.policy_overrides[ini.id]
            if ini.id in sc.budget_overrides:
                changes["budget"] = sc.budget_overrides[ini.id]
            out.append(ini.model_copy(update=changes) if changes else ini)
        return out

    def missing_initiatives(self, scenario: Scenario | str | None = None) -> list[str]:
        """Initiative ids a scenario names that the project does not have (deleted since)."""
        sc = scenario if isinstance(scenario, Scenario) else self.scenario(scenario)
        return [x for x in sc.initiative_ids if self.initiative(x) is None]

    def plan_inputs(self, scenario: Scenario | str | None = None) -> tuple:
        """Everything a scenario's plan depends on, to compare by equality: a plan solved on other inputs is stale.

        Edits replace people, templates and initiatives rather than change them, so the comparison mostly meets the
        same objects again and is quick (identity first) even for a big roster.
        """
        sc = scenario if isinstance(scenario, Scenario) else self.scenario(scenario)
        return (tuple(self.roster.people), tuple(self.templates.items()), self.catalogue,
                tuple(self.planned_initiatives(sc)), self.portfolio.budget, sc.budget, tuple(sc.pins),
                tuple(sc.exclusions), tuple(sc.sourcing_limits), tuple(sc.rejected_trainings))
