"""A reason names only what is true of the plan: who really is used elsewhere, and what the approvers said no to."""
from __future__ import annotations

from app.domain import Policy, SourcingLimit, TrainingRejection
from app.domain.reasons import HireWhy
from app.planning import build_instance, exclude_person, pin_assignment, plan_scenario
from app.planning.words import Words
from tests.app.planning.conftest import TODAY, make_project, make_templates

WITH, WITHOUT = Words(), Words(include_pay=False)


def _plan(project):
    return plan_scenario(project, templates=make_templates(), today=TODAY, time_limit=5)


def _hire(plan, role="mlops_engineer"):
    return next(h for h in plan.hires if h.role == role)


def _only_cara():
    """Ana and Ben excluded: Cara (Kubernetes 2, 3 weeks of training away) is the one person who could take MLOps."""
    project = make_project()
    exclude_person(project, person_id="E1")
    exclude_person(project, person_id="E2")
    return project


def test_a_hire_over_an_idle_person_says_why_them_not_that_they_are_kept_free() -> None:
    project = _only_cara()
    project.scenario().policy_overrides["claims"] = Policy(training_cost_per_week=60_000)  # her training is dear
    plan = _plan(project)
    assert not any(a.person_id == "E3" for a in plan.assignments)  # Cara is placed nowhere
    hire = _hire(plan)
    assert WITH.hire(hire).startswith("runner-up Cara Lind (after 3 weeks of training) costs €")
    assert WITHOUT.hire(hire).startswith("runner-up Cara Lind would first need 3 weeks of training; contract 1 head")
    assert "free for other work" not in WITH.hire(hire) + WITHOUT.hire(hire)


def test_a_hire_over_someone_placed_elsewhere_names_where() -> None:
    """Ben holds MLOps and change management, may take one role and is agreed half-time on MLOps: he has time left,
    and the change manager is contracted."""
    project = make_project()
    ben = project.roster.people[1]
    ben.skills["change"] = ben.skills["mlops"].model_copy()
    ben.commitments = []
    exclude_person(project, person_id="E1")
    exclude_person(project, person_id="E3")
    pin_assignment(project, person_id="E2", initiative="claims", role="mlops_engineer", fte=0.5)
    project.scenario().policy_overrides["claims"] = Policy(max_roles_per_person=1)
    plan = _plan(project)
    assert [(a.person_id, a.role, a.fte) for a in plan.assignments] == [("E2", "mlops_engineer", 0.5)]
    said = WITHOUT.hire(_hire(plan, "change_manager"))
    assert said.startswith("runner-up Ben Ode (Change management 3) is needed on MLOps engineer on Claims Triage; ")


def test_a_hire_where_the_qualified_are_excluded_says_so_not_that_they_have_no_time() -> None:
    project = make_project()
    exclude_person(project, person_id="E1")
    exclude_person(project, person_id="E2")
    project.roster.people.pop(2)  # no Cara
    said = WITH.hire(_hire(_plan(project)))
    assert said.startswith("Ana Ruiz: excluded in this scenario; Ben Ode: excluded in this scenario; contract 1 head")


def test_a_rejected_training_is_no_option_and_is_said_with_the_approvers_comment() -> None:
    project = _only_cara()
    sc = project.scenario()
    sc.rejected_trainings = [TrainingRejection(person_id="E3", skill="kubernetes", reason="no course budget")]
    prepared = build_instance(project, None, templates=make_templates(), today=TODAY)
    assert not any(o.person == "E3" and o.demand == "claims/mlops_engineer" for o in prepared.instance.options)
    assert prepared.pruning["trainable_kept"] == 0  # she took no trainee's place
    plan = _plan(project)
    assert "Cara" not in WITH.hire(_hire(plan)) and "Cara" not in WITHOUT.hire(_hire(plan))
    sc.sourcing_limits = [SourcingLimit(initiative="claims", role="mlops_engineer", kind="hire", reason="no headcount"),
                          SourcingLimit(initiative="claims", role="mlops_engineer", kind="contract",
                                        reason="rejected by an approver")]  # what the read-back keeps without a comment
    [gap] = [u for u in _plan(project).uncovered if u.role == "mlops_engineer"]
    assert WITHOUT.uncovered(gap) == (
        "Ana Ruiz: excluded in this scenario; Ben Ode: excluded in this scenario; Cara Lind's training in Kubernetes "
        "(2→3) was rejected by an approver (no course budget); a hire was rejected by an approver (no headcount); "
        "a contractor was rejected by an approver")


def test_a_hire_saved_before_runner_up_facts_no_longer_claims_a_trade_off() -> None:
    from app.domain import Hire

    old = Hire(initiative="claims", role="ops", kind="hire", fte=1, cost=1, lead_time_weeks=8,
               why=HireWhy(case="keeps_free", person_id="E3", person_name="Cara Lind"))
    assert WITH.hire(old).startswith("runner-up Cara Lind was also considered; hire 1 head")
