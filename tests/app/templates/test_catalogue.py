"""The bundled skill catalogue: canonical ids, aliases HR files use, and the org library override."""
from __future__ import annotations

import pytest

from app.domain.skills import FailureMode
from app.errors import TemplateError
from app.templates import load_catalogue

CANONICAL = """python machine_learning deep_learning statistics nlp computer_vision llm_engineering
feature_engineering experiment_design model_monitoring ml_pipelines model_registry model_serving observability
kubernetes containers cloud_platforms infrastructure_as_code site_reliability incident_management
software_engineering api_design system_integration testing_qa security_engineering data_engineering sql
data_modelling data_contracts data_quality pipeline_orchestration data_stewardship ai_risk_management
regulatory_compliance audit responsible_ai policy_design data_privacy change_management process_redesign
training_design stakeholder_engagement escalation_design user_support delivery_management product_management
agile_delivery domain_expertise""".split()  # noqa: SIM905 - readable as prose


def test_every_canonical_id_is_in_the_catalogue_with_a_failure_mode():
    catalogue = load_catalogue()
    assert sorted(s.id for s in catalogue.skills) == sorted(CANONICAL)
    for skill in catalogue.skills:
        assert skill.failure_modes, skill.id
        assert skill.name and skill.category


@pytest.mark.parametrize(
    ("written", "skill"),
    [
        ("k8s", "kubernetes"), ("K8S", "kubernetes"), ("Docker", "containers"), ("MLOps monitoring", "model_monitoring"),
        ("CI/CD for ML", "ml_pipelines"), ("Terraform", "infrastructure_as_code"), ("SRE", "site_reliability"),
        ("Airflow", "pipeline_orchestration"), ("dbt", "data_modelling"), ("GDPR", "data_privacy"),
        ("Prosci", "change_management"), ("OCM", "change_management"), ("Data-Quality Monitoring", "data_quality"),
        ("Model Risk", "ai_risk_management"), ("Kubernetes", "kubernetes"), ("data_contracts", "data_contracts"),
    ],
)
def test_aliases_hr_files_use_resolve_to_canonical_ids(written, skill):
    assert load_catalogue().resolve(written) == skill


def test_ambiguous_pm_is_not_guessed():
    assert load_catalogue().resolve("PM") is None


def test_skills_guard_the_failure_modes_of_the_domain_brief():
    catalogue = load_catalogue()
    assert FailureMode.MLOPS in catalogue.get("model_monitoring").failure_modes
    assert FailureMode.GOVERNANCE in catalogue.get("ai_risk_management").failure_modes
    assert FailureMode.OPERATIONAL_INTEGRATION in catalogue.get("change_management").failure_modes
    assert FailureMode.DATA_DEPENDENCY in catalogue.get("data_contracts").failure_modes


def test_library_catalogue_overrides_and_extends(tmp_path):
    (tmp_path / "skills.yaml").write_text(
        "skills:\n"
        "  - {id: kubernetes, name: Kubernetes (OpenShift), category: Platform, aliases: [k8s, ocp],"
        " failure_modes: [mlops]}\n"
        "  - {id: sap_ml, name: SAP AI Core, category: Vendor, failure_modes: [mlops]}\n",
        encoding="utf-8",
    )
    catalogue = load_catalogue(library=tmp_path)
    assert catalogue.name_of("kubernetes") == "Kubernetes (OpenShift)"
    assert catalogue.resolve("ocp") == "kubernetes"
    assert catalogue.resolve("SAP AI Core") == "sap_ml"
    assert len(catalogue) == len(CANONICAL) + 1


def test_broken_catalogue_names_file_and_entry(tmp_path):
    path = tmp_path / "skills.yaml"
    path.write_text("skills:\n  - {id: ok_skill, name: Ok}\n  - {id: Bad Id, name: Bad}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        load_catalogue(path)
    line = str(err.value)
    assert line.startswith(f"{path}, field 'skills[1].id': ")
    assert "\n" not in line


def test_alias_clash_is_reported(tmp_path):
    path = tmp_path / "skills.yaml"
    path.write_text("skills:\n  - {id: a, name: A, aliases: [x]}\n  - {id: b, name: B, aliases: [X]}\n")
    with pytest.raises(TemplateError, match="'x' is used by both 'a' and 'b'"):
        load_catalogue(path)
