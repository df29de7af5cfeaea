"""The Phasegate domain: pydantic models shared by the core, the CLI and the app."""
from app.domain.initiatives import Initiative, Policy, Portfolio
from app.domain.people import (
    Absence,
    Commitment,
    CommitmentStatus,
    Evidence,
    Person,
    Roster,
    SkillLevel,
    SourceRef,
)
from app.domain.plans import (
    Approval,
    Assignment,
    Exclusion,
    Hire,
    ObjectiveLevel,
    Pin,
    Plan,
    PlanStatus,
    SourcingLimit,
    Training,
    TrainingRejection,
    Uncovered,
)
from app.domain.roles import Phase, PhaseTemplate, RoleTemplate, Seniority, SkillRequirement
from app.domain.skills import (
    FAILURE_MODE_LABELS,
    LEVEL_LABELS,
    MAX_LEVEL,
    FailureMode,
    Skill,
    SkillCatalogue,
    normalise_key,
)

__all__ = [
    "FAILURE_MODE_LABELS", "LEVEL_LABELS", "MAX_LEVEL", "Absence", "Approval", "Assignment", "Commitment", "CommitmentStatus", "Evidence",
    "Exclusion", "FailureMode", "Hire", "Initiative", "ObjectiveLevel", "Person", "Phase", "PhaseTemplate", "Pin",
    "Plan", "PlanStatus", "Policy", "Portfolio", "RoleTemplate", "Roster", "Seniority", "Skill", "SkillCatalogue",
    "SkillLevel", "SkillRequirement", "SourceRef", "SourcingLimit", "Training", "TrainingRejection", "Uncovered",
    "normalise_key",
]
