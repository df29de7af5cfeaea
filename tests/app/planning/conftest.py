"""Tiny hand-built projects whose demands, options and capacities can be computed by hand."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain import (
    Commitment,
    CommitmentStatus,
    Initiative,
    Person,
    Phase,
    PhaseTemplate,
    Policy,
    Portfolio,
    RoleTemplate,
    Roster,
    Skill,
    SkillCatalogue,
    SkillLevel,
    SkillRequirement,
)
from app.project import Project, Scenario
from app.templates import SkillGraphFile, TemplateSet, build_skill_graph

TODAY = date(2026, 3, 2)


def person(pid: str, name: str, skills: dict[str, int], *, fte: float = 1.0, commitments=(), **kw) -> Person:
    """A roster person with canonical skill levels and commitments given as (initiative, fte, status)."""
    return Person(
        id=pid, name=name, fte=fte, skills={k: SkillLevel(level=v) for k, v in skills.items()},
        commitments=[Commitment(initiative=i, fte=f, status=CommitmentStatus(st)) for i, f, st in commitments], **kw,
    )


def make_templates() -> TemplateSet:
    """Production = an MLOps engineer (MLOps 3 + Kubernetes 3, 1 FTE) and a half-time change manager."""
    catalogue = SkillCatalogue(skills=[
        Skill(id="mlops", name="MLOps"), Skill(id="kubernetes", name="Kubernetes"),
        Skill(id="containers", name="Containers"), Skill(id="change", name="Change management"),
        Skill(id="python", name="Python"),
    ])
    mlops = RoleTemplate(
        id="mlops_engineer", name="MLOps engineer", criticality=9, fte=1.0, headcount=1,
        required=[SkillRequirement(skill="mlops", min_level=3), SkillRequirement(skill="kubernetes", min_level=3)],
        hire_annual_cost=104_000, hire_lead_weeks=10, contract_annual_cost=156_000, contract_lead_weeks=3,
    )
    change = RoleTemplate(
        id="change_manager", name="Change manager", criticality=5, fte=0.5, headcount=1,
        required=[SkillRequirement(skill="change", min_level=3)],
        hire_annual_cost=104_000, hire_lead_weeks=12, contract_annual_cost=156_000, contract_lead_weeks=3,
    )
    production = PhaseTemplate(phase=Phase.PRODUCTION, roles=[mlops, change])
    graph = build_skill_graph(SkillGraphFile(
        from_scratch_weeks_per_level=10, edges=[{"from": "containers", "to": "kubernetes", "weeks_per_level": 3}],
    ))
    phases = {Phase.PRODUCTION: production, Phase.OPERATIONS: PhaseTemplate(phase=Phase.OPERATIONS, roles=[mlops])}
    return TemplateSet(phases=phases, raw=dict(phases), catalogue=catalogue, graph=graph)


def make_project() -> Project:
    """Ana (qualified, on the team), Ben (qualified, half busy elsewhere), Cara (Kubernetes 2, trainable), Dan (far)."""
    people = [
        person("E1", "Ana Ruiz", {"mlops": 4, "kubernetes": 3}, commitments=[("claims", 1.0, "confirmed")]),
        person("E2", "Ben Ode", {"mlops": 3, "kubernetes": 3}, commitments=[("other", 0.5, "confirmed")]),
        person("E3", "Cara Lind", {"mlops": 3, "kubernetes": 2, "containers": 3}),
        person("E4", "Dan Moss", {"python": 5}),
    ]
    claims = Initiative(id="claims", name="Claims Triage", current_phase=Phase.PILOT,
                        target_phase=Phase.PRODUCTION, go_live=TODAY + timedelta(weeks=8), policy=Policy())
    return Project(name="Tiny", roster=Roster(people=people), portfolio=Portfolio(initiatives=[claims]),
                   scenarios=[Scenario(name="Baseline")])


@pytest.fixture
def tiny_templates() -> TemplateSet:
    """The tiny template set."""
    return make_templates()


@pytest.fixture
def tiny_project() -> Project:
    """The tiny project."""
    return make_project()
