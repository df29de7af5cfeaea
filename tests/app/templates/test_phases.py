"""The bundled phase templates: they load, follow the domain brief and carry realistic numbers."""
from __future__ import annotations

from app.domain.roles import Phase
from app.domain.skills import FailureMode


def test_all_four_phases_load_without_problems(bundled):
    assert set(bundled.phases) == set(Phase)
    assert bundled.problems == []


def test_every_role_guards_failure_modes_and_has_realistic_numbers(bundled):
    for template in bundled.phases.values():
        for role in template.roles:
            where = f"{template.phase}/{role.id}"
            assert role.failure_modes, where
            assert role.required, where
            assert 1 <= role.criticality <= 10, where
            assert 50_000 <= role.hire_annual_cost <= 160_000, where
            assert 4 <= role.hire_lead_weeks <= 26, where
            if role.contract_annual_cost is not None:
                assert role.contract_annual_cost > role.hire_annual_cost, where
                assert role.contract_lead_weeks < role.hire_lead_weeks, where
            if role.ops_critical:
                assert role.headcount >= 2, where


def test_poc_is_the_model_building_team(bundled):
    assert [r.id for r in bundled.phase("poc").roles] == [
        "data_scientist", "ml_engineer", "domain_expert", "business_sponsor"]


def test_pilot_extends_poc(bundled):
    ids = [r.id for r in bundled.phase("pilot").roles]
    assert ids[:4] == ["data_scientist", "ml_engineer", "domain_expert", "business_sponsor"]
    assert {"data_engineer", "integration_engineer", "business_process_owner",
            "security_compliance_reviewer"} <= set(ids)
    assert bundled.phase("pilot").role("domain_expert").fte == 0.5  # overridden, not added twice


def test_production_is_a_realistic_size_and_adds_the_operational_roles(bundled):
    production = bundled.phase("production")
    assert 10 <= len(production.roles) <= 14
    assert 14 <= sum(r.total_fte for r in production.roles) <= 20
    ids = {r.id for r in production.roles}
    assert {"mlops_engineer", "sre_platform_engineer", "ai_governance_lead", "change_manager", "delivery_manager",
            "data_quality_owner", "operations_process_designer"} <= ids
    assert "security_compliance_reviewer" not in ids
    mlops = production.role("mlops_engineer")
    assert mlops.ops_critical and mlops.headcount == 2
    assert (mlops.hire_annual_cost, mlops.hire_lead_weeks) == (110_000, 12)
    assert (mlops.contract_annual_cost, mlops.contract_lead_weeks) == (190_000, 3)


def test_every_failure_mode_is_guarded_in_production(bundled):
    guarded = {m for r in bundled.phase("production").roles for m in r.failure_modes}
    assert guarded == set(FailureMode)


def test_operations_rotations_are_never_one_person(bundled):
    operations = bundled.phase("operations")
    for role_id in ("mlops_engineer", "sre_platform_engineer"):
        role = operations.role(role_id)
        assert role.ops_critical and role.headcount >= 2
    assert operations.role("data_steward") is not None
    assert sum(r.total_fte for r in operations.roles) < sum(r.total_fte for r in bundled.phase("production").roles)
