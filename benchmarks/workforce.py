"""The workforce the benchmark generator draws from: job families, their skills, and the roles AI delivery needs."""
from __future__ import annotations

from dataclasses import dataclass

SKILLS: tuple[str, ...] = (
    # modelling
    "statistics", "machine_learning", "deep_learning", "experiment_design", "feature_engineering",
    # MLOps
    "model_monitoring", "ml_pipelines", "model_registry", "inference_serving", "observability",
    "containers", "kubernetes",
    # data
    "sql", "data_pipelines", "data_contracts", "data_quality", "streaming", "data_modelling",
    # software
    "python", "api_design", "backend_dev", "testing", "ci_cd", "security_eng",
    # platform / SRE
    "cloud_infra", "incident_response", "capacity_planning", "infra_as_code",
    # governance
    "model_risk", "regulatory_compliance", "audit", "responsible_ai", "policy_design", "privacy",
    # change / operations
    "change_management", "process_redesign", "training_design", "stakeholder_engagement", "escalation_design",
    # delivery
    "delivery_management", "product_ownership", "agile_practice", "budgeting",
    # domain
    "domain_credit", "domain_claims", "domain_supply_chain", "domain_clinical",
)


@dataclass(frozen=True)
class Family:
    """A job family: its share of the pool, its core skills (mostly high) and secondary skills (middling)."""

    name: str
    share: float
    core: tuple[str, ...]
    secondary: tuple[str, ...]
    cost_factor: float


FAMILIES: tuple[Family, ...] = (
    Family("data_scientist", 0.14, ("statistics", "machine_learning", "experiment_design", "feature_engineering",
                                    "python"), ("deep_learning", "sql", "model_monitoring"), 1.05),
    Family("ml_engineer", 0.09, ("machine_learning", "ml_pipelines", "model_registry", "inference_serving",
                                 "python", "containers"), ("model_monitoring", "kubernetes", "ci_cd",
                                                           "deep_learning"), 1.15),
    Family("data_engineer", 0.13, ("sql", "data_pipelines", "data_modelling", "data_quality", "python"),
           ("streaming", "data_contracts", "cloud_infra"), 1.0),
    Family("software_engineer", 0.20, ("python", "api_design", "backend_dev", "testing", "ci_cd"),
           ("containers", "security_eng", "sql"), 1.0),
    Family("sre_platform", 0.09, ("cloud_infra", "kubernetes", "observability", "incident_response",
                                  "infra_as_code", "containers"), ("capacity_planning", "ci_cd",
                                                                   "security_eng"), 1.1),
    Family("governance_risk", 0.06, ("model_risk", "regulatory_compliance", "audit", "policy_design"),
           ("responsible_ai", "privacy", "stakeholder_engagement"), 1.05),
    Family("change_ops", 0.09, ("change_management", "process_redesign", "training_design",
                                "stakeholder_engagement"), ("escalation_design", "agile_practice"), 0.85),
    Family("delivery_pm", 0.09, ("delivery_management", "agile_practice", "stakeholder_engagement", "budgeting"),
           ("product_ownership", "escalation_design", "change_management"), 1.0),
    Family("domain_expert", 0.11, ("domain_credit", "domain_claims", "domain_supply_chain", "domain_clinical"),
           ("process_redesign", "stakeholder_engagement", "statistics"), 0.95),
)


@dataclass(frozen=True)
class Role:
    """A role a phase needs: the skills it may ask for, how critical it is and how it can be sourced."""

    id: str
    label: str
    family: str
    skill_pool: tuple[str, ...]
    criticality: int  # 1..5, multiplies the initiative priority into the demand's weight
    ops_critical: bool  # production/operations roles need a bus factor of two
    hire_lead: tuple[int, int]  # weeks
    contract_lead: tuple[int, int] | None  # None: no contractor route (must be an employee)
    units: tuple[int, ...]  # required units per demand (20 units = 1 FTE)
    exclusive: bool = False  # a full-time seat that cannot be shared


ROLES: tuple[Role, ...] = (
    Role("data_scientist", "Data scientist", "data_scientist",
         ("statistics", "machine_learning", "experiment_design", "feature_engineering", "python"),
         2, False, (8, 12), (2, 4), (10, 20, 20, 30)),
    Role("ml_engineer", "ML engineer", "ml_engineer",
         ("machine_learning", "ml_pipelines", "inference_serving", "python", "containers"),
         4, False, (10, 16), (3, 5), (10, 20, 20, 30)),
    Role("mlops_engineer", "MLOps engineer", "ml_engineer",
         ("ml_pipelines", "model_registry", "model_monitoring", "containers", "ci_cd"),
         5, True, (12, 16), (3, 6), (10, 20, 20, 40)),
    Role("data_engineer", "Data engineer", "data_engineer",
         ("sql", "data_pipelines", "data_modelling", "data_quality", "python"),
         4, True, (8, 12), (2, 4), (10, 20, 20, 30)),
    Role("data_quality_owner", "Data-quality owner", "data_engineer",
         ("data_quality", "data_contracts", "sql"), 3, False, (8, 12), (2, 4), (6, 10)),
    Role("integration_engineer", "Integration engineer", "software_engineer",
         ("api_design", "backend_dev", "testing", "python"), 3, False, (6, 10), (2, 3), (10, 20, 20)),
    Role("sre", "SRE / platform engineer", "sre_platform",
         ("cloud_infra", "kubernetes", "observability", "incident_response", "infra_as_code"),
         5, True, (10, 16), (3, 5), (10, 20, 30)),
    Role("model_risk_owner", "Model-risk owner", "governance_risk",
         ("model_risk", "regulatory_compliance", "audit", "policy_design"), 5, False, (12, 16), None, (4, 6, 10)),
    Role("compliance_reviewer", "Compliance reviewer", "governance_risk",
         ("regulatory_compliance", "audit", "privacy"), 3, False, (8, 14), (2, 4), (4, 6)),
    Role("change_manager", "Change manager", "change_ops",
         ("change_management", "process_redesign", "training_design", "stakeholder_engagement"),
         3, False, (6, 10), (2, 4), (10, 20)),
    Role("process_owner", "Operations process designer", "change_ops",
         ("process_redesign", "escalation_design", "stakeholder_engagement"), 3, False, (6, 10), (2, 4), (6, 10)),
    Role("delivery_manager", "Delivery manager", "delivery_pm",
         ("delivery_management", "agile_practice", "stakeholder_engagement", "budgeting"),
         4, False, (8, 12), (2, 4), (20,), exclusive=True),
    Role("product_owner", "Product owner", "delivery_pm",
         ("product_ownership", "stakeholder_engagement", "agile_practice"), 3, False, (8, 12), None, (10, 20)),
    Role("domain_expert", "Domain expert", "domain_expert",
         ("domain_credit", "domain_claims", "domain_supply_chain", "domain_clinical", "process_redesign"),
         2, False, (12, 16), None, (4, 6, 10)),
)

#: Seniority bands: share of the pool, cost of one unit (0.05 FTE over the ~6-month horizon), level shift.
SENIORITY: tuple[tuple[str, float, int, int], ...] = (
    ("junior", 0.25, 2000, -1),
    ("mid", 0.40, 2700, 0),
    ("senior", 0.25, 3500, 1),
    ("principal", 0.10, 4400, 1),
)
