"""Gap numbers on a hand-built roster: team FTE, pool FTE, readiness and candidates, all worked out by hand."""
from __future__ import annotations

import pytest

from app.domain.plans import Assignment, Hire, Plan, PlanStatus, Uncovered
from app.domain.skills import FailureMode
from app.errors import UsageError
from app.gaps import analyse_gaps, gaps_output_schema, readiness_after
from tests.app.gaps.conftest import person


def _report(roster, tiny, **kw):
    return analyse_gaps(roster, initiative="Fraud", to_phase="production", templates=tiny, **kw)


def test_team_fte_is_allocated_by_criticality(roster, tiny):
    report = _report(roster, tiny)
    # Roles fill in criticality order: MLOps (10) takes Ana's 1.0; governance and data engineering (8) find no
    # qualified team member (Fay is at 3 < 4; Gus is unavailable); the data scientist (6) gets Ben's 0.5.
    got = {r.role: (r.required_fte, r.team_fte, r.gap_fte) for r in report.roles}
    assert got == {
        "data_scientist": (1.0, 0.5, 0.5),
        "mlops_engineer": (2.0, 1.0, 1.0),
        "ai_governance_lead": (0.5, 0.0, 0.5),
        "data_engineer": (1.0, 0.0, 1.0),
    }
    assert (report.required_fte, report.covered_fte, report.gap_fte) == (4.5, 1.5, 3.0)
    assert report.role("mlops_engineer").team_people == ["ana"]
    assert {m.person_id: m.unused_fte for m in report.team} == {"ana": 0.0, "ben": 0.0, "fay": 0.3}


def test_a_role_labelled_commitment_is_honoured_first(roster, tiny):
    roster[0] = person("ana", team=1.0, role="data_scientist",
                       skills={"machine_learning": 4, "python": 4, "ml_pipelines": 4, "model_monitoring": 3})
    report = _report(roster, tiny)
    assert report.role("data_scientist").team_people == ["ana"]
    assert report.role("mlops_engineer").team_fte == 0.0
    assert {m.person_id: m.unused_fte for m in report.team}["ben"] == 0.5


def test_added_roles_relative_to_the_current_phase(roster, tiny):
    report = _report(roster, tiny)
    assert report.from_phase == "pilot"
    assert report.added_roles == ["mlops_engineer", "ai_governance_lead", "data_engineer"]
    assert [r.role for r in report.roles if r.added] == report.added_roles


def test_readiness_per_failure_mode(roster, tiny):
    readiness = _report(roster, tiny).readiness
    assert readiness == {
        FailureMode.MLOPS: 50.0,  # 10·1.0 / 10·2.0
        FailureMode.GOVERNANCE: 0.0,
        FailureMode.OPERATIONAL_INTEGRATION: 100.0,  # no role guards it in this template
        FailureMode.DATA_DEPENDENCY: 0.0,
        FailureMode.TEAM_COMPOSITION: 21.4,  # (6·0.5 + 8·0) / (6·1 + 8·1) = 3/14
    }


def test_pool_counts_free_fte_of_qualified_people_elsewhere(roster, tiny):
    report = _report(roster, tiny)
    mlops = report.role("mlops_engineer")
    assert (mlops.pool_fte, mlops.pool_people) == (0.6, 1)  # Cleo: 1.0 - 0.4 elsewhere
    governance = report.role("ai_governance_lead")
    assert (governance.pool_fte, governance.pool_people) == (0.0, 0)  # Eve qualifies but has no free time


def test_skill_rows_and_matrix(roster, tiny):
    report = _report(roster, tiny)
    pipelines = next(s for s in report.role("mlops_engineer").skills if s.skill == "ml_pipelines")
    assert (pipelines.team_fte, pipelines.gap_fte, pipelines.best_team_level, pipelines.pool_fte) == (1.0, 1.0, 4, 0.6)
    rows = {r.skill: (r.min_level, r.required_fte, r.team_fte, r.pool_fte) for r in report.skill_fte}
    assert rows["ml_pipelines"] == (4, 2.0, 1.0, 0.6)
    assert rows["machine_learning"] == (3, 1.0, 1.5, 0.0)
    cells = {(c.role, c.skill): c.coverage for c in report.matrix}
    # Both data scientists' skills are on the team (Ana and Ben) even though Ana's time went to MLOps.
    assert cells[("data_scientist", "machine_learning")] == 1.0
    assert cells[("data_engineer", "data_engineering")] == 0.0
    assert cells[("mlops_engineer", "model_monitoring")] == 0.5


def test_candidates_full_matches_and_alternatives_with_training(roster, tiny):
    mlops = _report(roster, tiny).role("mlops_engineer")
    assert [(c.person_id, c.available_fte, c.score) for c in mlops.full_matches] == [("cleo", 0.6, 100.0)]
    [dan] = mlops.alternatives
    # score = (3·2/4 + 1·1) / 4 = 62.5; ml_pipelines 2→4 via software engineering: 4 w × (1.0 + 1.5) = 10 weeks
    assert (dan.person_id, dan.score, dan.full_match, dan.training_weeks) == ("dan", 62.5, False, 10.0)
    assert [(m.skill, m.have, m.need, m.training_weeks, m.via) for m in dan.missing] == [
        ("ml_pipelines", 2, 4, 10.0, "software_engineering")]


def test_team_members_with_unused_time_are_offered_as_re_roles(roster, tiny):
    governance = _report(roster, tiny).role("ai_governance_lead")
    [fay] = governance.alternatives
    # Fay: 0.3 unused on the team + 0.7 free; ai_risk_management 3→4 via audit: 4 w × 1.5 = 6 weeks
    assert (fay.person_id, fay.on_team, fay.available_fte, fay.score, fay.training_weeks) == (
        "fay", True, 1.0, 75.0, 6.0)


def test_alternatives_rank_by_score_then_training_weeks(roster, tiny):
    roster += [
        person("hal", skills={"ml_pipelines": 3, "model_monitoring": 3}),  # 81.2, 1.5·10 = 15 w from scratch
        person("ida", skills={"ml_pipelines": 3, "model_monitoring": 3, "pipeline_orchestration": 4}),  # 81.2, 4.5 w
        person("jo", skills={"ml_pipelines": 1, "model_monitoring": 1}),  # (0.75 + 0.33) / 4 = 27 %: below 50
    ]
    alternatives = _report(roster, tiny).role("mlops_engineer").alternatives
    assert [(c.person_id, c.training_weeks) for c in alternatives] == [("ida", 4.5), ("hal", 15.0), ("dan", 10.0)]


def test_top_n_limits_the_lists(roster, tiny):
    roster += [person(f"x{i}", skills={"data_engineering": 3}) for i in range(9)]
    engineer = _report(roster, tiny, top_n=3).role("data_engineer")
    assert [c.person_id for c in engineer.full_matches] == ["x0", "x1", "x2"]
    assert engineer.pool_people == 9


def test_readiness_after_a_plan(roster, tiny):
    report = _report(roster, tiny)
    plan = Plan(
        status=PlanStatus.OPTIMAL,
        assignments=[Assignment(person_id="ana", initiative="Fraud", role="mlops_engineer", fte=1.0),
                     Assignment(person_id="cleo", initiative="Fraud", role="mlops_engineer", fte=0.6, moved=True)],
        hires=[Hire(initiative="Fraud", role="ai_governance_lead", kind="hire", fte=0.5, cost=60000,
                    lead_time_weeks=12)],
        uncovered=[Uncovered(initiative="Fraud", role="data_engineer", fte=1.0, cause="no budget")],
    )
    after = readiness_after(plan, report=report)
    assert after[FailureMode.MLOPS] == 80.0  # 1.6 of 2.0
    assert after[FailureMode.GOVERNANCE] == 100.0
    assert after[FailureMode.DATA_DEPENDENCY] == 0.0
    assert after[FailureMode.TEAM_COMPOSITION] == 21.4  # data scientist not in the plan keeps its 0.5


def test_same_phase_adds_nothing_and_backwards_is_refused(roster, tiny):
    assert _report(roster, tiny, from_phase="production").added_roles == []
    with pytest.raises(UsageError) as err:
        _report(roster, tiny, from_phase="operations")
    assert str(err.value) == "target phase 'Production' comes before current phase 'Operations'"


def test_bundled_production_gap_for_a_poc_team(bundled):
    team = [person(f"ds{i}", team=1.0, skills={"machine_learning": 4, "python": 4, "statistics": 3}) for i in range(2)]
    report = analyse_gaps(team, initiative="Fraud", to_phase="production", from_phase="poc", templates=bundled)
    assert report.role("data_scientist").team_fte == 1.5
    assert report.required_fte == 14.7
    assert report.readiness[FailureMode.MLOPS] == 0.0
    assert len(report.added_roles) == 10


def test_output_schema_describes_the_report():
    schema = gaps_output_schema()
    assert {"roles", "readiness", "skill_fte", "matrix", "added_roles"} <= set(schema["properties"])
