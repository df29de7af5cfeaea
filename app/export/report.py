"""PlanReport: everything the approvers' workbook, the CSV and the JSON exports need, in one model."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, Field

from app import __version__
from app.domain.initiatives import Initiative, Policy
from app.domain.people import Person
from app.domain.plans import Approval, Exclusion, Pin, Plan, SourcingLimit, TrainingRejection
from app.domain.roles import Phase, PhaseTemplate
from app.domain.skills import FailureMode, SkillCatalogue
from app.planning.words import Words, worded

Share = Annotated[float, Field(ge=0.0, le=1.0)]


class GapCell(BaseModel):
    """One role × skill cell of the gap matrix: what the role needs and the best the pool offers."""

    role: str
    role_name: str = ""
    skill: str
    skill_name: str = ""
    required_level: int = Field(ge=0, le=5)
    best_level_available: int = Field(ge=0, le=5)
    gap: int = Field(ge=0, le=5, description="max(0, required − best available).")
    failure_modes: list[FailureMode] = Field(default_factory=list)


class TemplateVersion(BaseModel):
    """A phase template used for the plan, with its version."""

    phase: Phase
    name: str = ""
    version: str = "1"


class PlanReport(BaseModel):
    """What the exported workbook holds: the plan, its context, and where its input came from."""

    title: str = "Staffing plan"
    generated: date = Field(default_factory=date.today)
    initiatives: list[Initiative] = Field(default_factory=list)
    plan: Plan
    people: list[Person] = Field(default_factory=list, description="Roster snapshot; current roles of movers.")
    readiness_before: dict[FailureMode, Share] = Field(default_factory=dict)
    readiness_after: dict[FailureMode, Share] = Field(default_factory=dict)
    gap_matrix: list[GapCell] = Field(default_factory=list)
    gap_windows: dict[str, str] = Field(default_factory=dict, description="Initiative id → the days whose free time "
                                                                          "the gap analysis counted, in words.")
    policies: dict[str, Policy] = Field(default_factory=dict, description="Initiative id → policy used.")
    templates: list[TemplateVersion] = Field(default_factory=list)
    role_names: dict[str, str] = Field(default_factory=dict)
    skill_names: dict[str, str] = Field(default_factory=dict)
    source_file: str | None = None
    source_sha256: str | None = None
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    portfolio_budget: float | None = Field(default=None, ge=0, description="The shared budget the plan was held to.")
    assumed_go_live: dict[str, str] = Field(default_factory=dict, description="Initiative id → why its go-live "
                                                                              "date was assumed, not set.")
    pins: list[Pin] = Field(default_factory=list, description="Agreed assignments the plan keeps (earlier approvals).")
    exclusions: list[Exclusion] = Field(default_factory=list, description="People kept off, by earlier rejections.")
    sourcing_limits: list[SourcingLimit] = Field(default_factory=list, description="Earlier no (or at most so much) "
                                                                                   "to hiring or contracting a role.")
    rejected_trainings: list[TrainingRejection] = Field(default_factory=list, description="Trainings refused earlier.")
    approvals: list[Approval] = Field(default_factory=list, description="Hires, contracts, trainings approved earlier.")
    phasegate_version: str = __version__

    def role_name(self, role_id: str, fallback: str = "") -> str:
        """Display name of a role (the plan's own name, then the report's, then the id)."""
        return fallback or self.role_names.get(role_id) or role_id

    def role_name_in(self, initiative: str, role_id: str) -> str:
        """Display name of a role on one initiative: the same role id is named by the phase the initiative goes to
        ('MLOps engineer' in production, 'MLOps engineer (on-call rotation)' in operations), so the plan's own rows
        for that initiative name it first."""
        plan = self.plan
        for row in (*plan.assignments, *plan.hires, *plan.uncovered):
            if row.initiative == initiative and row.role == role_id and row.role_name:
                return row.role_name
        return self.role_name(role_id)

    def initiative_name(self, initiative_id: str) -> str:
        """An initiative's name as the project has it now (it may have been renamed since its id was made from the
        roster's label); a label no initiative has (work elsewhere) as the roster wrote it."""
        return next((i.name for i in self.initiatives if i.id == initiative_id), initiative_id)

    def skill_name(self, skill_id: str) -> str:
        """Display name of a skill (the id when unknown)."""
        return self.skill_names.get(skill_id) or skill_id

    def for_audience(self, *, include_pay: bool) -> PlanReport:
        """This report as its readers see it: every reason, cause and message worded (app.planning.words), and
        without pay no amount from which pay could be derived, nor a sentence chosen by one."""
        return self.model_copy(update={"plan": worded(self.plan, Words(include_pay, self.currency))})

    def policy_for(self, initiative_id: str) -> Policy:
        """The policy used for an initiative (the initiative's own, or the default)."""
        if initiative_id in self.policies:
            return self.policies[initiative_id]
        found = next((i for i in self.initiatives if i.id == initiative_id), None)
        return found.policy if found else Policy()


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def build_plan_report(
    *,
    plan: Plan,
    people: Iterable[Person],
    initiatives: Sequence[Initiative],
    templates: Mapping[Phase, PhaseTemplate] | None = None,
    catalogue: SkillCatalogue | None = None,
    gap_matrix: Iterable[GapCell | Mapping] = (),
    readiness_before: Mapping[FailureMode, float] | None = None,
    readiness_after: Mapping[FailureMode, float] | None = None,
    policy_overrides: Mapping[str, Policy] | None = None,
    source_file: str | Path | None = None,
    source_sha256: str | None = None,
    title: str | None = None,
    generated: date | None = None,
    currency: str = "EUR",
) -> PlanReport:
    """Assembles a PlanReport from the project's parts; hashes `source_file` when it exists and no hash is given."""
    templates = dict(templates or {})
    role_names = {r.id: r.name for t in templates.values() for r in t.roles}
    skill_names = {s.id: s.name for s in catalogue.skills} if catalogue else {}
    cells = [c if isinstance(c, GapCell) else GapCell.model_validate(c) for c in gap_matrix]
    for row in (*plan.assignments, *plan.hires, *plan.uncovered):
        if row.role_name:
            role_names.setdefault(row.role, row.role_name)
    for cell in cells:
        role_names.setdefault(cell.role, cell.role_name or cell.role)
        skill_names.setdefault(cell.skill, cell.skill_name or cell.skill)
    policies = {i.id: i.policy for i in initiatives}
    policies.update(policy_overrides or {})
    name = None
    if source_file is not None:
        path = Path(source_file)
        name = path.name
        if source_sha256 is None and path.is_file():
            source_sha256 = file_sha256(path)
    if title is None:
        names = ", ".join(i.name for i in initiatives) or "portfolio"
        title = f"Staffing plan: {names}"
    return PlanReport(
        title=title,
        generated=generated or date.today(),
        initiatives=list(initiatives),
        plan=plan,
        people=list(people),
        readiness_before=dict(readiness_before or {}),
        readiness_after=dict(readiness_after or {}),
        gap_matrix=cells,
        policies=policies,
        templates=[TemplateVersion(phase=p, name=t.name or p.label, version=t.version) for p, t in templates.items()],
        role_names=role_names,
        skill_names=skill_names,
        source_file=name,
        source_sha256=source_sha256,
        currency=currency,
    )
