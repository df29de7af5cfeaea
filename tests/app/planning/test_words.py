"""The words of a plan: one money format, business terms, and without pay nothing that depends on pay."""
from __future__ import annotations

from datetime import date

import pytest

from app.domain.plans import Assignment, Hire, Plan, PlanStatus, Uncovered
from app.domain.reasons import AssignmentWhy, HireWhy, OpenCause, RoleRef, RunnerUp, SkillLevel, UncoveredWhy
from app.planning.words import MONEY, Words, money
from solver.schema import ProgressEvent

WITH, WITHOUT = Words(), Words(include_pay=False)
OPS = RoleRef(initiative="churn", initiative_name="Churn Predictor", role="mlops", role_name="MLOps engineer")


def _ana(runner: RunnerUp | None, **kw) -> Assignment:
    why = AssignmentWhy(met=[SkillLevel(skill="mlops", skill_name="MLOps", has=4, needs=3)], runner_up=runner, **kw)
    return Assignment(person_id="E1", person_name="Ana Ruiz", initiative="claims", role="mlops", fte=1.0, why=why)


def _ben(**kw) -> RunnerUp:
    return RunnerUp(person_id="E2", person_name="Ben Ode", skill=SkillLevel(skill="mlops", skill_name="MLOps", has=3,
                                                                            needs=3), **kw)


@pytest.mark.parametrize(("amount", "text"), [(850, "€850"), (9_460, "€9.5k"), (231_750.5, "€232k"),
                                              (1_751_484, "€1.75M"), (-2_600, "-€2.6k")])
def test_money_has_one_format_with_its_currency(amount, text) -> None:
    assert money(amount) == text and MONEY.fullmatch(text)
    assert money(1_200, "CHF") == "1.2k CHF" and MONEY.search(money(1_200, "CHF"))


def test_a_runner_up_who_costs_more_is_named_with_the_amount_only_with_pay() -> None:
    costlier = _ana(_ben(extra_cost=260))
    assert WITH.assignment(costlier) == ("Ana Ruiz: MLOps 4 ≥ 3; on the team already; runner-up Ben Ode (MLOps 3) "
                                         "costs €260 more")
    # without pay the sentence cannot tell a costlier runner-up from one that merely fits less well
    assert WITHOUT.assignment(costlier) == WITHOUT.assignment(_ana(_ben(extra_cost=-40)))
    assert WITHOUT.assignment(costlier).endswith("runner-up Ben Ode (MLOps 3) was also considered")
    assert WITH.assignment(_ana(_ben(extra_cost=-40))).endswith("runner-up Ben Ode (MLOps 3) fits less well")
    busy = _ana(_ben(extra_cost=260, needed_on=[OPS]))
    assert WITHOUT.assignment(busy).endswith("runner-up Ben Ode (MLOps 3) is needed on MLOps engineer on Churn "
                                             "Predictor")
    assert WITH.assignment(_ana(None, only_one=True)).endswith("the only eligible person")


def test_without_pay_no_sentence_changes_with_a_pay_fact() -> None:
    """Every pay-marked fact is varied; the words without pay stay the same, the words with pay follow it."""
    amounts = (-500.0, 0.0, 260.0, 1_000_000.0)
    rows = [[_ana(_ben(extra_cost=a)) for a in amounts],
            [Hire(initiative="claims", role="ops", kind="hire", fte=1, cost=1, lead_time_weeks=8,
                  why=HireWhy(case="cheaper" if a > 0 else "keeps_free", person_id="E3", person_name="Cara Lind",
                              saving=a if a > 0 else None)) for a in amounts],
            *([Hire(initiative="claims", role="ops", kind="hire", fte=1, cost=1, lead_time_weeks=8,
                    why=HireWhy(case="runner_up", runner_up=RunnerUp(person_id="E3", person_name="Cara Lind", extra_cost=a,
                                                                     **facts))) for a in amounts]
              for facts in ({"training_weeks": 3, "needs_training": True}, {"needed_on": [OPS]}, {})),
            [Uncovered(initiative="claims", role="ops", fte=1, why=UncoveredWhy(causes=[
                OpenCause(kind="route", route="contract", case="over_budget", over=a),
                OpenCause(kind="replan", lifted="budget", over=a)])) for a in amounts]]
    for variants in rows:
        said = {_say(WITHOUT, r) for r in variants}
        assert len(said) == 1, said
        assert not MONEY.search(said.pop())
        assert len({_say(WITH, r) for r in variants}) > 1


def _say(words: Words, row) -> str:
    return {Assignment: words.assignment, Hire: words.hire, Uncovered: words.uncovered}[type(row)](row)


def test_a_plan_saved_before_facts_loses_every_clause_with_an_amount_without_pay() -> None:
    old = Plan(status=PlanStatus.FEASIBLE, message="Covers 4 of 4.75 FTE; costs €232k over 26 weeks; moves 3 people.",
               assignments=[Assignment(person_id="E1", person_name="Ana", initiative="c", role="r", fte=1,
                                       reason="Ana: MLOps 4 ≥ 3; on the team already; runner-up Ben costs €4k more")])
    assert WITH.assignment(old.assignments[0]).endswith("costs €4k more")
    assert WITHOUT.assignment(old.assignments[0]) == "Ana: MLOps 4 ≥ 3; on the team already"
    assert WITHOUT.message(old) == "Covers 4 of 4.75 FTE; moves 3 people."
    assert Plan.model_validate(old.model_dump(mode="json")).notes is None  # read back as saved: words, no facts


def test_progress_lines_speak_business_without_scores_or_gaps() -> None:
    def event(level, objective, bound):
        return ProgressEvent(level=level, elapsed_s=3.14, objective=objective, bound=bound, solutions_found=3)

    assert WITH.progress(event("cost", 1_751_484, 1_700_000)) == ("Cost: €1.75M, the lowest possible is at least "
                                                                 "€1.7M · 3.1 s")
    assert WITHOUT.progress(event("cost", 1_751_484, 1_700_000)) == ("Cost: 3 plans found, within 3% of the lowest "
                                                                    "cost possible · 3.1 s")
    assert WITH.progress(event("coverage", 100, 96)) == ("Coverage: 3 plans found, within 4% of the least left open "
                                                        "possible · 3.1 s")
    assert WITH.progress(event("disruption", 2329, 2329)) == "Moves: best possible found · 3.1 s"
    with_plan = ProgressEvent(level="coverage", elapsed_s=3.14, objective=100, bound=99, solutions_found=3,
                              uncovered_units=4, required_units=636, cost=1_751_484, unit=0.05)
    assert WITH.progress(with_plan) == "Coverage: 31.6 of 31.8 FTE, looking for more · cost €1.75M · 3.1 s"
    assert WITHOUT.progress(with_plan) == "Coverage: 31.6 of 31.8 FTE, looking for more · 3.1 s"
    on_cost = ProgressEvent(level="cost", elapsed_s=3.14, objective=1_751_484, bound=1_700_000, solutions_found=3,
                            uncovered_units=4, required_units=636, cost=1_751_484, unit=0.05)
    assert WITH.progress(on_cost) == "Coverage: 31.6 of 31.8 FTE · cost €1.75M, at least €1.7M possible · 3.1 s"
    assert WITHOUT.progress(on_cost) == "Coverage: 31.6 of 31.8 FTE · cost within 3% of the lowest possible · 3.1 s"


def test_notes_put_the_kind_of_alternative_first_and_hide_the_cost_without_pay() -> None:
    from app.domain.reasons import PlanNote

    plan = Plan(status=PlanStatus.OPTIMAL, required_fte=4.75, covered_fte=4, total_cost=231_750, people_moved=3,
                settings={"horizon_weeks": 26}, created=date(2026, 1, 1),
                notes=[PlanNote(kind="bus_factor", role=OPS),
                       PlanNote(kind="alternative", alternative="fewest_hires", same_as_current=True)])
    assert WITH.message(plan).splitlines() == [
        "Fewest hires. The same decisions as the current plan.",
        "Covers 4 of 4.75 FTE (84%); costs €232k over 26 weeks; moves 3 people; 0 hires, 0 contractors, 0 trainings.",
        "MLOps engineer on Churn Predictor rests on fewer than two people (bus factor)"]
    assert "€" not in WITHOUT.message(plan) and "moves 3 people" in WITHOUT.message(plan)


def test_every_rule_of_the_validator_has_its_sentences() -> None:
    from app.planning.words.rules import SENTENCES
    from solver.validate import CHECKS

    assert set(CHECKS) <= {rule for rule, _ in SENTENCES}


@pytest.mark.parametrize(("amount", "text"), [(999_700, "€1M"), (999_499, "€999k"), (-999_700, "-€1M"),
                                              (1_000_000, "€1M"), (1_499_999, "€1.5M"), (9_960, "€10k"),
                                              (999.6, "€1k")])
def test_money_at_the_edge_of_a_step_reads_in_the_next_one(amount, text) -> None:
    assert money(amount) == text


def test_dates_in_sentences_read_as_the_product_writes_them() -> None:
    from app.domain.plans import Training
    from app.domain.reasons import TrainingWhy

    cara = Training(person_id="E3", person_name="Cara Lind", skill="kubernetes", from_level=2, to_level=3, weeks=3,
                    cost=0, latest_start=date(2026, 3, 2), why=TrainingWhy(serves=[OPS]))
    assert WITH.training(cara) == "so Cara Lind can take MLOps engineer on Churn Predictor; start by 2 Mar 2026"
    hire = Hire(initiative="churn", role="mlops", kind="hire", fte=1, cost=1, lead_time_weeks=10,
                latest_requisition=date(2027, 1, 4), why=HireWhy(case="fully_used", count=1))
    assert WITH.hire(hire).endswith("; open the requisition by 4 Jan 2027")


def test_a_move_by_hand_names_the_initiative_as_the_project_calls_it() -> None:
    from app.domain.reasons import moved_by_hand

    why = moved_by_hand(initiative="churn", role="mlops", role_name="MLOps engineer",
                        initiative_name="Churn Predictor")
    moved = Assignment(person_id="E1", person_name="Ana Ruiz", initiative="claims", role="mlops", fte=1.0, why=why)
    assert WITH.assignment(moved) == "Ana Ruiz: moved by hand from MLOps engineer on Churn Predictor"
