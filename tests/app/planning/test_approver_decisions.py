"""Approvers' no to a hire, a contract or a training: the instance drops the route or option, the plan keeps it."""
from __future__ import annotations

from app.domain import Hire, Plan, PlanStatus, SourcingLimit, Training, TrainingRejection
from app.domain.plans import Pin
from app.planning import build_instance, plan_scenario
from app.planning.decisions import pins_over_capacity, unhonoured
from tests.app.planning.conftest import TODAY, make_project, make_templates


def _demand(prepared, role: str):
    return next(d for d in prepared.instance.demands if d.role == role)


def test_a_rejected_contract_closes_the_route_and_a_limit_caps_it():
    project, templates = make_project(), make_templates()
    sc = project.scenario()
    sc.sourcing_limits = [SourcingLimit(initiative="claims", role="mlops_engineer", kind="contract"),
                          SourcingLimit(initiative="claims", role="change_manager", kind="hire", max_fte=0.25)]
    prepared = build_instance(project, None, templates=templates, today=TODAY)
    mlops, change = _demand(prepared, "mlops_engineer"), _demand(prepared, "change_manager")
    assert mlops.contract.allowed is False and mlops.hire.allowed is True
    assert change.hire.max_units == 5 and change.contract.max_units is None  # 0.25 FTE in 0.05 units


def test_a_rejected_training_drops_the_options_that_rely_on_it():
    project, templates = make_project(), make_templates()
    before = build_instance(project, None, templates=templates, today=TODAY)
    assert any(o.person == "E3" and o.trainings for o in before.instance.options)  # Cara needs Kubernetes training
    project.scenario().rejected_trainings = [TrainingRejection(person_id="E3", skill="kubernetes")]
    after = build_instance(project, None, templates=templates, today=TODAY)
    assert not any(o.person == "E3" and any(t.skill == "kubernetes" for t in o.trainings)
                   for o in after.instance.options)
    (miss,) = [n for n in after.instance.near_misses if n.person == "E3" and "rejected" in n.detail]
    assert miss.detail == "training in kubernetes rejected by an approver"


def test_the_plan_keeps_every_rejection():
    project, templates = make_project(), make_templates()
    sc = project.scenario()
    sc.sourcing_limits = [SourcingLimit(initiative="claims", role=r, kind=k)
                          for r in ("mlops_engineer", "change_manager") for k in ("hire", "contract")]
    sc.rejected_trainings = [TrainingRejection(person_id="E3", skill="kubernetes")]
    plan = plan_scenario(project, templates=templates, time_limit=5, today=TODAY)
    assert not plan.hires and not any(t.person_id == "E3" for t in plan.trainings)
    assert unhonoured(plan, limits=sc.sourcing_limits, trainings=sc.rejected_trainings) == []


def test_a_plan_that_breaks_a_rejection_is_said_in_words():
    plan = Plan(status=PlanStatus.FEASIBLE,
                hires=[Hire(initiative="claims", role="mlops_engineer", kind="contract", fte=1.0, cost=1,
                            lead_time_weeks=3)],
                trainings=[Training(person_id="E3", person_name="Cara Lind", skill="kubernetes", from_level=2,
                                    to_level=3, weeks=3, cost=1)])
    words = unhonoured(plan, limits=[SourcingLimit(initiative="claims", role="mlops_engineer", kind="contract"),
                                     SourcingLimit(initiative="claims", role="mlops_engineer", kind="hire")],
                       trainings=[TrainingRejection(person_id="E3", skill="kubernetes")])
    assert words == ["contracting for mlops_engineer in claims was rejected, but the plan still contracts 1 FTE there",
                     "the training of Cara Lind in kubernetes was rejected, but the plan still relies on it"]
    named = plan.model_copy(update={
        "hires": [plan.hires[0].model_copy(update={"role_name": "MLOps engineer"})],
        "trainings": [plan.trainings[0].model_copy(update={"skill_name": "Kubernetes"})]})
    assert unhonoured(named, limits=[SourcingLimit(initiative="claims", role="mlops_engineer", kind="contract")],
                      trainings=[TrainingRejection(person_id="E3", skill="kubernetes")],
                      initiative_names={"claims": "Claims Triage"}) == [
        "contracting for MLOps engineer in Claims Triage was rejected, but the plan still contracts 1 FTE there",
        "the training of Cara Lind in Kubernetes was rejected, but the plan still relies on it"]


def test_an_approved_fte_beyond_the_persons_time_is_said_in_words():
    project = make_project()
    claims = project.portfolio.initiatives
    people = project.roster.by_id()
    pins = [Pin(person_id="E2", initiative="claims", role="mlops_engineer", fte=0.8)]
    over = pins_over_capacity(pins, people=people, initiatives=claims, policy=claims[0].policy,
                              role_names={"mlops_engineer": "MLOps engineer"})
    assert list(over) == ["E2"]
    assert over["E2"] == ("Ben Ode (E2) is approved for 0.8 FTE (Claims Triage / MLOps engineer 0.8 FTE), but they work "
                     "1 FTE and are committed 0.5 FTE to other, so 0.5 FTE is free; lower the FTE in the workbook or "
                     "free their time")
    named = pins_over_capacity(pins, people=people, initiatives=claims, policy=claims[0].policy,
                               initiative_names={"other": "Fraud Radar"})
    assert "committed 0.5 FTE to Fraud Radar, so 0.5 FTE is free" in named["E2"]
    ok = [Pin(person_id="E2", initiative="claims", role="mlops_engineer", fte=0.5)]
    assert pins_over_capacity(ok, people=people, initiatives=claims, policy=claims[0].policy) == {}
