"""Plans from the solver, read back as a delivery lead reads them: rows, reasons, causes, dates, KPIs."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain import Assignment, Exclusion, Initiative, Phase, Policy
from app.planning import (
    build_instance,
    exclude_person,
    pin_assignment,
    plan_scenario,
    plan_to_solution,
    validate_plan,
)
from app.planning.words import Words
from app.project import Scenario
from solver.validate import validate
from tests.app.planning.conftest import TODAY, person

LIMIT = 5.0

WORDS = Words()


def _plan(project, templates, **kw):
    plan = plan_scenario(project, templates=templates, today=TODAY, time_limit=LIMIT, **kw)
    prepared = build_instance(project, kw.get("scenario"), templates=templates, today=TODAY)
    assert validate(prepared.instance, plan_to_solution(prepared, plan)) == []
    assert validate_plan(project, plan, templates=templates, today=TODAY, scenario=kw.get("scenario")) == []
    return plan


def test_baseline_plan_reads_like_a_decision(tiny_project, tiny_templates) -> None:
    plan = _plan(tiny_project, tiny_templates)
    assert plan.status == "optimal" and all(lv.proven for lv in plan.objective)
    assert [lv.name for lv in plan.objective] == ["uncovered", "cost", "disruption"]
    [ana] = plan.assignments
    assert (ana.person_name, ana.role, ana.fte, ana.moved) == ("Ana Ruiz", "mlops_engineer", 1.0, False)
    assert WORDS.assignment(ana).startswith("Ana Ruiz: MLOps 4 ≥ 3, Kubernetes 3 ≥ 3; on the team already; runner-up ")
    [contract] = plan.hires  # a hire needs 12 weeks, go-live is in 8: the contractor is the only route
    assert (contract.kind, contract.role, contract.fte, contract.cost) == ("contract", "change_manager", 0.5, 39000)
    assert contract.latest_requisition == TODAY + timedelta(weeks=8) - timedelta(weeks=3)
    assert "nobody in the pool holds Change management ≥ 3" in WORDS.hire(contract)
    assert (plan.required_fte, plan.covered_fte, plan.total_cost, plan.people_moved) == (1.5, 1.5, 86500, 0)
    assert tiny_project.scenario().plan is plan  # stored on the scenario


def test_training_rows_have_latest_start(tiny_project, tiny_templates) -> None:
    exclude_person(tiny_project, person_id="E1")
    exclude_person(tiny_project, person_id="E2", initiative="claims")
    plan = _plan(tiny_project, tiny_templates)
    [cara] = plan.assignments
    assert cara.person_id == "E3" and cara.moved
    assert "after training Kubernetes 2→3 (3 weeks)" in WORDS.assignment(cara)
    [training] = plan.trainings
    assert (training.skill, training.from_level, training.to_level, training.weeks, training.cost) == (
        "kubernetes", 2, 3, 3, 4500)
    assert training.latest_start == TODAY + timedelta(weeks=5)


def test_pins_and_exclusions_are_respected(tiny_project, tiny_templates) -> None:
    pin_assignment(tiny_project, person_id="E2", initiative="claims", role="mlops_engineer", fte=0.5)
    exclude_person(tiny_project, person_id="E1", initiative="claims", reason="moving to Churn")
    plan = _plan(tiny_project, tiny_templates)
    by_person = {a.person_id: a for a in plan.assignments}
    assert "E1" not in by_person
    assert by_person["E2"].fte == 0.5 and by_person["E2"].pinned
    assert by_person["E2"].pinned_by == "lead"
    assert "pinned by the delivery lead, not yet approved" in WORDS.assignment(by_person["E2"])


def test_causes_name_freeze_contractors_and_missing_skill(tiny_project, tiny_templates) -> None:
    tiny_project.scenario().policy_overrides["claims"] = Policy(hiring_freeze=True, allow_contractors=False)
    plan = _plan(tiny_project, tiny_templates)
    [gap] = plan.uncovered
    assert (gap.role, gap.fte) == ("change_manager", 0.5)
    assert WORDS.uncovered(gap).startswith("nobody holds Change management ≥ 3")
    assert "hiring is frozen" in WORDS.uncovered(gap) and "contractors are not allowed" in WORDS.uncovered(gap)


def test_cause_explains_training_too_long_and_lead_times(tiny_project, tiny_templates) -> None:
    tiny_project.portfolio.initiatives[0].go_live = TODAY + timedelta(weeks=2)
    exclude_person(tiny_project, person_id="E1")
    exclude_person(tiny_project, person_id="E2")
    plan = _plan(tiny_project, tiny_templates)
    gap = next(u for u in plan.uncovered if u.role == "mlops_engineer")
    assert "the nearest (Cara Lind, Kubernetes level 2) needs 3 weeks of training but go-live is in 2 weeks" in WORDS.uncovered(gap)
    assert "a hire needs 10 weeks but go-live is in 2 weeks" in WORDS.uncovered(gap)
    assert "a contractor needs 3 weeks but go-live is in 2 weeks" in WORDS.uncovered(gap)


def test_cause_explains_budget(tiny_project, tiny_templates) -> None:
    tiny_project.portfolio.initiatives[0].budget = 50_000  # Ana costs 47 500; a contractor 39 000 more
    plan = _plan(tiny_project, tiny_templates)
    gap = next(u for u in plan.uncovered if u.role == "change_manager")
    assert "a contractor would exceed the budget by €37k" in WORDS.uncovered(gap)
    assert plan.total_cost <= 50_000


def test_portfolio_never_over_allocates_a_shared_person(tiny_project, tiny_templates) -> None:
    tiny_project.portfolio.initiatives.append(
        Initiative(id="churn", name="Churn Predictor", current_phase=Phase.PRODUCTION,
                   target_phase=Phase.OPERATIONS, go_live=TODAY + timedelta(weeks=10), priority=8))
    plan = _plan(tiny_project, tiny_templates)
    load: dict[str, float] = {}
    for a in plan.assignments:
        load[a.person_id] = load.get(a.person_id, 0) + a.fte
    people = {p.id: p for p in tiny_project.roster.people}
    assert all(load[pid] <= people[pid].fte - (0.5 if pid == "E2" else 0) + 1e-9 for pid in load)
    assert {a.initiative for a in plan.assignments} == {"claims", "churn"}


def test_validate_plan_reports_hand_edits_in_business_words(tiny_project, tiny_templates) -> None:
    plan = _plan(tiny_project, tiny_templates)
    plan.assignments.append(Assignment(person_id="E4", person_name="Dan Moss", initiative="claims",
                                       role="mlops_engineer", fte=0.5))
    plan.assignments.append(Assignment(person_id="E1", initiative="claims", role="coffee_maker", fte=0.5))
    problems = validate_plan(tiny_project, plan, templates=tiny_templates, today=TODAY)
    assert any("Dan Moss" in p and "not qualified" in p for p in problems)
    assert "MLOps engineer on Claims Triage receives 1.5 FTE but needs only 1 FTE" in problems
    assert any("role 'coffee_maker'" in p for p in problems)


def test_scenarios_plan_apart(tiny_project, tiny_templates) -> None:
    tiny_project.scenarios.append(Scenario(name="Freeze", policy_overrides={
        "claims": Policy(hiring_freeze=True, allow_contractors=False)},
        exclusions=[Exclusion(person_id="E1")]))
    base, freeze = (plan_scenario(tiny_project, scenario=name, templates=tiny_templates, today=TODAY,
                                  time_limit=LIMIT) for name in ("Baseline", "Freeze"))
    assert (base.coverage, base.contracted_heads, base.people_moved) == (1.0, 1, 0)
    assert (freeze.contracted_heads, freeze.uncovered_fte) == (0, 0.5)
    assert freeze.people_moved == 1 and freeze.total_cost != base.total_cost


def test_a_pin_that_cannot_apply_is_kept_and_counted_not_a_refusal(tiny_project, tiny_templates) -> None:
    from app.domain import Pin

    tiny_project.scenario().pins.append(Pin(person_id="E1", initiative="claims", role="astronaut"))
    tiny_project.scenario().pins.append(Pin(person_id="GONE", initiative="claims", role="mlops_engineer"))
    prepared = build_instance(tiny_project, None, templates=tiny_templates, today=TODAY)
    assert prepared.instance.pins == [] and prepared.pruning["pins_not_applied"] == 2
    assert len(tiny_project.scenario().pins) == 2  # kept on the scenario for later
    _ = person


def test_alternative_plans_are_the_solvers_diverse_plans_at_the_same_coverage(tiny_project, tiny_templates) -> None:
    from app.planning import alternative_plans

    best = _plan(tiny_project, tiny_templates)
    alts = alternative_plans(tiny_project, templates=tiny_templates, today=TODAY, time_limit=LIMIT, count=3)
    kinds = [a.settings["alternative"] for a in alts]
    assert kinds == ["fewest_hires", "most_internal_growth", "lowest_cost"]
    assert [WORDS.first_line(a).split(" at ")[0] for a in alts] == [
        "Fewest hires and contractors", "Most upskilling of current staff", "Lowest cost"]
    by_kind = dict(zip(kinds, alts, strict=True))
    for alt in alts:
        assert alt.status in ("optimal", "feasible") and alt.uncovered_fte == best.uncovered_fte
        assert validate_plan(tiny_project, alt, templates=tiny_templates, today=TODAY) == []
    assert (by_kind["fewest_hires"].hired_heads + by_kind["fewest_hires"].contracted_heads
            <= best.hired_heads + best.contracted_heads)
    assert by_kind["lowest_cost"].total_cost == best.total_cost
    assert len(by_kind["most_internal_growth"].trainings) >= len(best.trainings)
    assert tiny_project.scenario().plan is best and tiny_project.scenario().exclusions == []
    assert [a.settings["alternative"] for a in alternative_plans(
        tiny_project, templates=tiny_templates, today=TODAY, time_limit=LIMIT)] == ["fewest_hires",
                                                                                   "most_internal_growth"]


def test_alternatives_cancelled_before_start_are_none(tiny_project, tiny_templates) -> None:
    import threading

    from app.planning import alternative_plans

    cancel = threading.Event()
    cancel.set()
    assert alternative_plans(tiny_project, templates=tiny_templates, today=TODAY, cancel=cancel) == []


def test_cancel_before_start_is_a_normal_result(tiny_project, tiny_templates) -> None:
    import threading

    cancel = threading.Event()
    cancel.set()
    plan = plan_scenario(tiny_project, templates=tiny_templates, today=TODAY, cancel=cancel)
    assert plan.status == "no_plan" and plan.assignments == [] and "Cancelled" in WORDS.message(plan)


def test_contradicting_pins_are_named_in_words(tiny_project, tiny_templates) -> None:
    pin_assignment(tiny_project, person_id="E1", initiative="claims", role="mlops_engineer", fte=1.0)
    pin_assignment(tiny_project, person_id="E1", initiative="claims", role="change_manager", fte=0.5)
    plan = plan_scenario(tiny_project, templates=tiny_templates, today=TODAY, time_limit=LIMIT)
    assert plan.status == "infeasible"
    assert WORDS.message(plan) == (
        "No plan satisfies the agreed decisions together: the pin of Ana Ruiz to Change manager on Claims Triage at "
        "0.5 FTE, the pin of Ana Ruiz to MLOps engineer on Claims Triage at 1 FTE.")


def test_progress_reads_coverage_in_fte_of_the_whole_plan(tiny_project, tiny_templates) -> None:
    lines: list[str] = []
    plan = plan_scenario(tiny_project, templates=tiny_templates, today=TODAY, time_limit=LIMIT,
                         progress=lambda e: lines.append(WORDS.progress(e)))
    assert lines and all(line.startswith("Coverage: ") and " of 1.5 FTE" in line for line in lines)
    assert f"Coverage: {plan.covered_fte:g} of 1.5 FTE" in lines[-1]
    assert any("· cost €" in line for line in lines)


def test_excluding_a_placed_qualified_person_is_said_once(tiny_project, tiny_templates) -> None:
    plan = _plan(tiny_project, tiny_templates)
    assert any(a.person_id == "E1" and a.role == "mlops_engineer" for a in plan.assignments)
    exclude_person(tiny_project, person_id="E1", initiative="claims")
    assert validate_plan(tiny_project, plan, templates=tiny_templates, today=TODAY) == [
        "Ana Ruiz is excluded from MLOps engineer on Claims Triage"]


def test_a_placed_person_who_left_the_roster_is_named(tiny_project, tiny_templates) -> None:
    plan = _plan(tiny_project, tiny_templates)
    tiny_project.roster.people[:] = [p for p in tiny_project.roster.people if p.id != "E1"]
    problems = validate_plan(tiny_project, plan, templates=tiny_templates, today=TODAY)
    assert "Ana Ruiz (employee id E1) is no longer in the roster" in problems
    assert not any("'E1'" in p for p in problems)


def test_initiatives_outside_the_scenario_are_named_not_given_by_id(tiny_project, tiny_templates) -> None:
    from app.domain import Initiative, Phase

    tiny_project.portfolio.initiatives.append(Initiative(id="other", name="Fraud Radar", current_phase=Phase.PILOT,
                                                         target_phase=Phase.PRODUCTION))
    sc = tiny_project.scenario()
    sc.initiative_ids = ["claims"]
    sc.exclusions = [Exclusion(person_id="E1"), Exclusion(person_id="E3")]  # Ben, half on Fraud Radar, moves in
    plan = _plan(tiny_project, tiny_templates)
    [ben] = [a for a in plan.assignments if a.person_id == "E2"]
    assert "moves in from Fraud Radar" in Words().assignment(ben)


@pytest.mark.parametrize(("kind", "said"), [("hire", "hiring"), ("contract", "a contractor")])
def test_a_route_the_approvers_rejected_is_said_as_their_rejection(tiny_project, tiny_templates, kind, said) -> None:
    from app.domain import Hire, SourcingLimit

    plan = _plan(tiny_project, tiny_templates)
    role = plan.assignments[0]
    hire = Hire(initiative=role.initiative, role=role.role, role_name=role.role_name, kind=kind, fte=0.5, heads=1,
                cost=1000.0, lead_time_weeks=0)
    edited = plan.model_copy(update={"hires": [*plan.hires, hire]})
    tiny_project.scenario().sourcing_limits = [SourcingLimit(initiative=role.initiative, role=role.role, kind=kind)]
    problems = validate_plan(tiny_project, edited, templates=tiny_templates, today=TODAY)
    # was: "Hiring for MLOps engineer on Claims Triage is not offered for this role"
    assert f"the approvers rejected {said} for {role.role_name} on Claims Triage" in problems
    assert not any("not offered" in p for p in problems)
    tiny_project.scenario().sourcing_limits = []  # the same hire without the rejection: not said as one
    assert not any("approvers" in p for p in validate_plan(tiny_project, edited, templates=tiny_templates,
                                                           today=TODAY))


@pytest.mark.parametrize(("kind", "policy", "said"), [
    ("hire", {"hiring_freeze": True}, "Hiring for MLOps engineer on Claims Triage is blocked by the hiring freeze"),
    ("contract", {"allow_contractors": False},
     "A contractor for MLOps engineer on Claims Triage is not allowed: the initiative takes no contractors"),
])
def test_a_hand_added_hire_the_policy_forbids_names_the_policy(tiny_project, tiny_templates, kind, policy, said
                                                                ) -> None:
    from app.domain import Hire

    plan = _plan(tiny_project, tiny_templates)
    role = plan.assignments[0]
    hire = Hire(initiative=role.initiative, role=role.role, role_name=role.role_name, kind=kind, fte=0.5, heads=1,
                cost=1000.0, lead_time_weeks=0)
    ini = tiny_project.portfolio.initiatives[0]
    ini.policy = ini.policy.model_copy(update=policy)
    problems = validate_plan(tiny_project, plan.model_copy(update={"hires": [hire]}), templates=tiny_templates,
                             today=TODAY)
    assert said in problems  # was: "… is not offered for this role"
