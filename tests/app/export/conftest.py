"""A hand-made, realistic PlanReport: a pilot going to production, a few movers, trainings, hires and gaps."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain import (
    Assignment,
    Commitment,
    CommitmentStatus,
    FailureMode,
    Hire,
    Initiative,
    ObjectiveLevel,
    Person,
    Phase,
    PhaseTemplate,
    Plan,
    PlanStatus,
    Policy,
    RoleTemplate,
    Skill,
    SkillCatalogue,
    SkillLevel,
    Training,
    Uncovered,
)
from app.export import GapCell, PlanReport, build_plan_report

INJECTED_NAME = '=HYPERLINK("http://x","y")'


def _person(pid: str, name: str, *, title: str, rate: float, skills: dict[str, int],
            commitments: list[Commitment] = ()) -> Person:
    return Person(id=pid, name=name, title=title, organisation="Data & AI", location="Lyon", cost_center="CC-410",
                  cost_rate=rate, skills={k: SkillLevel(level=v) for k, v in skills.items()},
                  commitments=list(commitments))


def sample_people() -> list[Person]:
    """Six people: the pilot team, an SRE from another initiative, and one name that is a formula."""
    return [
        _person("E100", "Ana Duarte", title="Data Scientist", rate=98000, skills={"python": 5, "model_monitoring": 2},
                commitments=[Commitment(initiative="claims-ai", fte=1.0, role="data_scientist")]),
        _person("E101", "Bruno Keller", title="ML Engineer", rate=105000, skills={"ml_pipelines": 3},
                commitments=[Commitment(initiative="claims-ai", fte=0.8, role="ml_engineer")]),
        _person("E205", "Chloé Martin", title="Site Reliability Engineer", rate=112000,
                skills={"observability": 4, "containers": 4},
                commitments=[Commitment(initiative="fraud-scoring", fte=0.6, role="sre",
                                        status=CommitmentStatus.TENTATIVE)]),
        _person("E310", "Dev Patel", title="Data Engineer", rate=101000, skills={"data_contracts": 2}),
        _person("E311", INJECTED_NAME, title="+cmd|' /C calc'!A0", rate=90000, skills={"change_management": 3}),
        _person("E400", "Eva Nowak", title="Risk Analyst", rate=97000, skills={"model_risk": 3}),
    ]


def sample_plan() -> Plan:
    """A feasible plan: four assignments, two trainings, two hires/contracts, two uncovered rows."""
    return Plan(
        status=PlanStatus.FEASIBLE,
        assignments=[
            Assignment(person_id="E100", person_name="Ana Duarte", initiative="claims-ai", role="data_scientist",
                       role_name="Data scientist", fte=0.6, start=date(2025, 3, 3), reason="stays on the team",
                       cost=29400.0),
            Assignment(person_id="E205", person_name="Chloé Martin", initiative="claims-ai", role="sre",
                       role_name="Site reliability engineer", fte=0.5, start=date(2025, 3, 17), moved=True,
                       reason="only SRE with free time; displaces a tentative commitment", cost=21000.0),
            Assignment(person_id="E310", person_name="Dev Patel", initiative="claims-ai", role="data_engineer",
                       role_name="Data engineer", fte=1.0, start=date(2025, 3, 3), moved=True,
                       reason="data contracts after training", cost=38600.0),
            Assignment(person_id="E311", person_name=INJECTED_NAME, initiative="claims-ai",
                       role="change_manager", role_name="Change manager", fte=0.4, start=date(2025, 4, 1),
                       moved=True, reason="-only change manager in the pool", cost=16000.0),
        ],
        trainings=[
            Training(person_id="E100", person_name="Ana Duarte", initiative="claims-ai", role="data_scientist",
                     skill="model_monitoring", skill_name="Model monitoring", from_level=2, to_level=3, weeks=4, cost=6000.0,
                     latest_start=date(2025, 4, 7), reason="adjacent skill: ML pipelines"),
            Training(person_id="E310", person_name="Dev Patel", initiative="claims-ai", role="data_engineer",
                     skill="data_contracts", skill_name="Data contracts", from_level=2, to_level=4, weeks=8, cost=12000.0,
                     latest_start=date(2025, 3, 10), reason="two level steps"),
        ],
        hires=[
            Hire(initiative="claims-ai", role="mlops_engineer", role_name="MLOps engineer", kind="hire", fte=1.0,
                 cost=61500.0, lead_time_weeks=12, latest_requisition=date(2025, 3, 10), annual_cost=119600.0,
                 reason="nobody in the pool reaches level 3 in model monitoring"),
            Hire(initiative="claims-ai", role="ai_risk_officer", role_name="AI risk officer", kind="contract",
                 fte=0.5, cost=42250.5, lead_time_weeks=3, latest_requisition=date(2025, 5, 12), annual_cost=85500.0,
                 reason="governance review needed before go-live"),
        ],
        uncovered=[
            Uncovered(initiative="claims-ai", role="sre", role_name="Site reliability engineer", fte=0.5,
                      cause="second on-call SRE: hiring freeze on SRE, no contractor budget left"),
            Uncovered(initiative="claims-ai", role="delivery_manager", role_name="Delivery manager", fte=0.25,
                      cause="budget exhausted"),
        ],
        objective=[
            ObjectiveLevel(name="uncovered", value=75, bound=75, gap=0.0, proven=True),
            ObjectiveLevel(name="cost", value=231750.5, bound=225000.0, gap=0.0291, proven=False),
            ObjectiveLevel(name="disruption", value=3, bound=3, gap=0.0, proven=True),
        ],
        total_cost=231750.5,
        required_fte=4.75,
        covered_fte=4.0,
        people_moved=3,
        message="time limit reached; cost not proven optimal",
        solve_seconds=9.87,
        created=datetime(2025, 2, 20, 9, 30),
        settings={"time_limit_s": 10, "workers": 2, "cost_weight_scale": 100},
    )


def sample_report() -> PlanReport:
    """The sample plan with its initiative, roster, gaps, readiness and templates."""
    initiative = Initiative(id="claims-ai", name="Claims triage AI", current_phase=Phase.PILOT,
                            target_phase=Phase.PRODUCTION, go_live=date(2025, 6, 30), budget=250000.0,
                            policy=Policy(allow_contractors=True, max_hires=2))
    catalogue = SkillCatalogue(skills=[
        Skill(id="model_monitoring", name="Model monitoring", failure_modes=(FailureMode.MLOPS,)),
        Skill(id="data_contracts", name="Data contracts", failure_modes=(FailureMode.DATA_DEPENDENCY,)),
        Skill(id="model_risk", name="AI/model risk management", failure_modes=(FailureMode.GOVERNANCE,)),
        Skill(id="change_management", name="Change management",
              failure_modes=(FailureMode.OPERATIONAL_INTEGRATION,)),
    ])
    production = PhaseTemplate(phase=Phase.PRODUCTION, name="Production", version="3", roles=[
        RoleTemplate(id="mlops_engineer", name="MLOps engineer"),
        RoleTemplate(id="sre", name="Site reliability engineer", headcount=2, ops_critical=True),
    ])
    gaps = [
        GapCell(role="mlops_engineer", role_name="MLOps engineer", skill="model_monitoring",
                skill_name="Model monitoring", required_level=4, best_level_available=2, gap=2,
                failure_modes=[FailureMode.MLOPS]),
        GapCell(role="data_engineer", role_name="Data engineer", skill="data_contracts", skill_name="Data contracts",
                required_level=3, best_level_available=2, gap=1, failure_modes=[FailureMode.DATA_DEPENDENCY]),
        GapCell(role="ai_risk_officer", role_name="AI risk officer", skill="model_risk",
                skill_name="AI/model risk management", required_level=4, best_level_available=3, gap=1,
                failure_modes=[FailureMode.GOVERNANCE]),
        GapCell(role="mlops_engineer", role_name="MLOps engineer", skill="data_contracts",
                skill_name="Data contracts", required_level=2, best_level_available=2, gap=0,
                failure_modes=[FailureMode.DATA_DEPENDENCY]),
    ]
    before = {FailureMode.MLOPS: 0.2, FailureMode.GOVERNANCE: 0.35, FailureMode.OPERATIONAL_INTEGRATION: 0.5,
              FailureMode.DATA_DEPENDENCY: 0.4, FailureMode.TEAM_COMPOSITION: 0.3}
    after = {FailureMode.MLOPS: 0.8, FailureMode.GOVERNANCE: 0.75, FailureMode.OPERATIONAL_INTEGRATION: 0.9,
             FailureMode.DATA_DEPENDENCY: 0.85, FailureMode.TEAM_COMPOSITION: 0.7}
    return build_plan_report(
        plan=sample_plan(), people=sample_people(), initiatives=[initiative], templates={Phase.PRODUCTION: production},
        catalogue=catalogue, gap_matrix=gaps, readiness_before=before, readiness_after=after,
        source_file="workday_export_2025-02.xlsx", source_sha256="ab" * 32, generated=date(2025, 2, 20),
    )


@pytest.fixture
def report() -> PlanReport:
    """A fresh sample report per test."""
    return sample_report()
