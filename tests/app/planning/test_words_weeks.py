"""Weeks in the plan's words read as English: '1 week', never '1 weeks' (reasons shown in the approvers' workbook)."""
from __future__ import annotations

from app.domain import Assignment, Hire, Uncovered
from app.domain.reasons import AssignmentWhy, HireWhy, OpenCause, RunnerUp, SkillLevel, UncoveredWhy, Upskill
from app.planning.words import Words

WORDS = Words()


def test_one_week_of_training_is_singular() -> None:
    why = AssignmentWhy(met=[SkillLevel(skill="change_management", skill_name="Change management", has=4, needs=4)],
                        training=[Upskill(skill="stakeholder_engagement", skill_name="Stakeholder engagement",
                                          from_level=2, to_level=3, weeks=1)],
                        runner_up=RunnerUp(person_id="E2", person_name="Yusuf Lindqvist", training_weeks=1))
    text = WORDS.assignment(Assignment(person_id="E1", person_name="Zofia Mbeki", initiative="hub",
                                       role="change_manager", fte=0.6, moved=True, why=why))
    assert "Stakeholder engagement 2→3 (1 week)" in text
    assert "runner-up Yusuf Lindqvist (after 1 week of training)" in text
    assert "1 weeks" not in text


def test_lead_times_and_go_live_in_one_week_are_singular() -> None:
    hire = Hire(initiative="hub", role="sre", kind="contract", fte=1, cost=0, lead_time_weeks=1,
                why=HireWhy(case="fully_used", count=2))
    assert "(1 week lead time)" in WORDS.hire(hire)
    cause = OpenCause(kind="training_too_late", person_name="Ana Ruiz", weeks=1, go_live_weeks=1,
                      skill=SkillLevel(skill="sql", skill_name="SQL", has=2, needs=3))
    late = OpenCause(kind="route", route="contract", case="lead_time", weeks=1, go_live_weeks=1)
    text = WORDS.uncovered(Uncovered(initiative="hub", role="sre", fte=0.5, why=UncoveredWhy(causes=[cause, late])))
    assert "needs 1 week of training but go-live is in 1 week" in text
    assert "a contractor needs 1 week but go-live is in 1 week" in text
    assert "1 weeks" not in text
