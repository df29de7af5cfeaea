"""A tiny template set and roster whose gap numbers can be worked out by hand (see each test's comments)."""
from __future__ import annotations

import pytest

from app.domain.people import Commitment, Person, SkillLevel
from app.domain.roles import Phase, PhaseTemplate, RoleTemplate, SkillRequirement
from app.templates import load_phase_templates
from app.templates.loader import TemplateSet


def req(skill: str, level: int, weight: float = 1.0) -> SkillRequirement:
    return SkillRequirement(skill=skill, min_level=level, weight=weight)


def person(pid: str, *, skills: dict[str, int], team: float = 0.0, elsewhere: float = 0.0, role: str | None = None,
           available: bool = True) -> Person:
    commitments = []
    if team:
        commitments.append(Commitment(initiative="Fraud", fte=team, role=role))
    if elsewhere:
        commitments.append(Commitment(initiative="Other", fte=elsewhere))
    return Person(id=pid, name=pid.capitalize(), skills={k: SkillLevel(level=v) for k, v in skills.items()},
                  commitments=commitments, available=available)


DS = RoleTemplate(id="data_scientist", name="Data scientist", required=[req("machine_learning", 3, 2),
                  req("python", 3)], criticality=6, failure_modes=["team_composition"])
MLOPS = RoleTemplate(id="mlops_engineer", name="MLOps engineer", required=[req("ml_pipelines", 4, 3),
                     req("model_monitoring", 3)], headcount=2, ops_critical=True, criticality=10,
                     failure_modes=["mlops"])
GOV = RoleTemplate(id="ai_governance_lead", name="AI governance lead", required=[req("ai_risk_management", 4)],
                   fte=0.5, criticality=8, failure_modes=["governance"])
DE = RoleTemplate(id="data_engineer", name="Data engineer", required=[req("data_engineering", 3)], criticality=8,
                  failure_modes=["data_dependency", "team_composition"])


@pytest.fixture(scope="session")
def bundled() -> TemplateSet:
    return load_phase_templates(use_library=False)


@pytest.fixture(scope="session")
def tiny(bundled) -> TemplateSet:
    """Pilot = data scientist; production = data scientist, MLOps ×2, governance 0.5, data engineer."""
    phases = dict(bundled.phases)
    phases[Phase.PILOT] = PhaseTemplate(phase=Phase.PILOT, roles=[DS])
    phases[Phase.PRODUCTION] = PhaseTemplate(phase=Phase.PRODUCTION, roles=[DS, MLOPS, GOV, DE])
    return TemplateSet(phases=phases, raw=phases, catalogue=bundled.catalogue, graph=bundled.graph)


@pytest.fixture
def roster() -> list[Person]:
    return [
        person("ana", team=1.0, skills={"machine_learning": 4, "python": 4, "ml_pipelines": 4, "model_monitoring": 3}),
        person("ben", team=0.5, skills={"machine_learning": 3, "python": 3}),
        person("cleo", elsewhere=0.4, skills={"ml_pipelines": 4, "model_monitoring": 4}),
        person("dan", skills={"ml_pipelines": 2, "model_monitoring": 3, "software_engineering": 4}),
        person("eve", elsewhere=1.0, skills={"ai_risk_management": 5}),
        person("fay", team=0.3, skills={"ai_risk_management": 3, "audit": 4}),
        person("gus", team=1.0, available=False, skills={"data_engineering": 5}),
    ]
