"""One deadline: the explanations' time and the reasons' time come out of the limit the user set, not on top of it.

A fake clock drives the deadline: building, solving, explaining and converting each advance it by a chosen amount,
so the tests check the budgets handed down and the deadline logic, never wall-clock timings.
"""
from __future__ import annotations

import pytest

import app.planning.service as service
import solver.explain
from app.planning import plan_scenario
from app.planning.budget import (
    CONVERT_SHARE,
    EXPLAIN_SAFETY,
    EXPLAIN_SHARE,
    MIN_CONVERT_S,
    MIN_SOLVE_S,
    NOT_NEEDED,
    SKIPPED_TIME,
    SOLVER_OVERRUN_SHARE,
    Deadline,
    PlanBudget,
    explain_need_s,
    explain_seconds,
    plan_budget,
    relaxations,
)
from app.planning.words import Words
from benchmarks.bench_load import TODAY, make_portfolio_project
from solver.schema import Initiative, Instance

LIMIT = 20.0
BUILD = 1.0  # fake seconds; the re-plan (fixed cost about 0.6 x the build) then fits in the 2 s share

WORDS = Words()


class FakeClock:
    """Seconds that pass only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Lets `seconds` pass."""
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    """A fake clock for one test."""
    return FakeClock()


@pytest.fixture
def staged(monkeypatch, clock):
    """Plans with each stage costing fake seconds: build `build`, the solver `solve_used` x its limit plus `overrun`,
    explanations all they are given, conversion `convert`. Records the limits each stage was handed."""
    seen = {"build": BUILD, "solve_used": 1.0, "overrun": 0.0, "convert": 0.1, "explain_limits": []}
    real_prepare, real_solve = service.prepare, service.solve
    real_explain, real_convert = solver.explain.explain_uncovered, service.solution_to_plan

    def prepare(*args, **kwargs):
        clock.advance(seen["build"])
        return real_prepare(*args, **kwargs)

    def solve(instance, *, config, **kwargs):
        seen["solve_config"] = config
        solution = real_solve(instance, config=config.model_copy(update={"time_limit_s": 0.5}), **kwargs)
        clock.advance(config.time_limit_s * seen["solve_used"] + seen["overrun"])
        seen["after_solve"] = clock()
        return solution

    def explain_uncovered(instance, solution, *, config):
        seen["explain_limits"].append(config.explain_time_limit_s)
        real_explain(instance, solution, config=config.model_copy(update={"explain_time_limit_s": 0.5}))
        # the solver's explanation: each re-plan gets half the limit, preparing its relaxed instance within it
        clock.advance(relaxations(instance) * config.explain_time_limit_s / 2)

    def convert(prepared, solution):
        clock.advance(seen["convert"])
        return real_convert(prepared, solution)

    monkeypatch.setattr(service, "prepare", prepare)
    monkeypatch.setattr(service, "solve", solve)
    monkeypatch.setattr(solver.explain, "explain_uncovered", explain_uncovered)
    monkeypatch.setattr(service, "solution_to_plan", convert)
    return seen


@pytest.fixture(scope="module")
def generated():
    """A generated 4-initiative portfolio on 200 people (seed 11): budgets on every initiative, roles left open."""
    return make_portfolio_project(people=200, initiatives=4)


def test_the_explanation_share_comes_out_of_the_one_deadline(generated, staged, clock) -> None:
    project, templates = generated
    start = clock()
    plan = plan_scenario(project, templates=templates, today=TODAY, time_limit=LIMIT, clock=clock)
    config = staged["solve_config"]
    assert config.explain is False  # the solver's own explanations would run after its limit
    reserve = max(MIN_CONVERT_S, CONVERT_SHARE * BUILD)
    expected = (LIMIT - BUILD - EXPLAIN_SHARE * LIMIT - reserve) / (1 + SOLVER_OVERRUN_SHARE)
    assert config.time_limit_s == pytest.approx(expected)
    # the explanations get their share, or less if less is left before the conversion reserve (one re-plan,
    # budgets only, which prepares its relaxed instance within the half of the limit it gets)
    available = min(LIMIT - (staged["after_solve"] - start) - reserve, EXPLAIN_SHARE * LIMIT)
    assert staged["explain_limits"] == [pytest.approx(2 * available)]
    assert plan.settings["explanations"] == "re-planned with budgets and hire caps lifted"
    assert clock() - start <= LIMIT
    assert any("without the budget limit a plan covers more of it" in WORDS.uncovered(u) for u in plan.uncovered)


def test_a_solver_that_finished_early_does_not_make_the_explanations_longer(generated, staged, clock) -> None:
    staged["solve_used"] = 0.3
    project, templates = generated
    start = clock()
    plan_scenario(project, templates=templates, today=TODAY, time_limit=LIMIT, clock=clock)
    reserve = max(MIN_CONVERT_S, CONVERT_SHARE * BUILD)
    assert LIMIT - (staged["after_solve"] - start) - reserve > 3 * EXPLAIN_SHARE * LIMIT
    assert staged["explain_limits"] == [pytest.approx(2 * EXPLAIN_SHARE * LIMIT)]
    assert clock() - start < LIMIT / 2  # proven early, returned early


def test_when_the_solver_overruns_the_re_plan_is_skipped_and_cheaper_causes_remain(generated, staged, clock) -> None:
    staged["overrun"] = 1.5
    project, templates = generated
    plan = plan_scenario(project, templates=templates, today=TODAY, time_limit=LIMIT, clock=clock)
    assert staged["explain_limits"] == []
    assert plan.settings["explanations"] == SKIPPED_TIME
    assert "re-plan with budgets and hire caps lifted did not fit in the time limit" in WORDS.message(plan)
    assert plan.uncovered and all(WORDS.uncovered(u) for u in plan.uncovered)
    assert not any("without the budget limit" in WORDS.uncovered(u) for u in plan.uncovered)


def test_without_budgets_or_caps_nothing_is_reserved_for_explanations(generated, staged, clock) -> None:
    project, templates = generated
    project = project.model_copy(deep=True)
    for ini in project.portfolio.initiatives:
        ini.budget = None
    plan = plan_scenario(project, templates=templates, today=TODAY, time_limit=LIMIT, clock=clock)
    reserve = max(MIN_CONVERT_S, CONVERT_SHARE * BUILD)
    assert staged["solve_config"].time_limit_s == pytest.approx((LIMIT - BUILD - reserve) / (1 + SOLVER_OVERRUN_SHARE))
    assert staged["explain_limits"] == []
    assert plan.settings["explanations"] == NOT_NEEDED


def test_a_slow_build_leaves_the_solver_its_minimum_and_the_explanations_nothing(generated, staged, clock) -> None:
    staged["build"] = 25.0
    project, templates = generated
    plan = plan_scenario(project, templates=templates, today=TODAY, time_limit=LIMIT, clock=clock)
    assert staged["solve_config"].time_limit_s == MIN_SOLVE_S
    assert staged["explain_limits"] == []
    assert plan.settings["explanations"] == SKIPPED_TIME


def _instance(*, budget: int | None = None, max_hires: int | None = None) -> Instance:
    return Instance(initiatives=[Initiative(id="a", budget=budget, max_hires=max_hires)], demands=[], people=[],
                    options=[])


def test_relaxations_count_budgets_and_hire_caps() -> None:
    assert relaxations(_instance()) == 0
    assert relaxations(_instance(budget=100)) == 1
    assert relaxations(_instance(budget=100, max_hires=1)) == 2


def test_the_share_is_not_reserved_when_the_re_plans_could_not_fit_in_it(clock) -> None:
    # a 30 s limit leaves 3 s for explanations; after a 4 s build one re-plan needs about 0.6 x 4 + 0.25 s, and
    # with the safety margin more than the 3 s
    deadline = Deadline(30.0, clock=clock)
    clock.advance(4.0)
    budget = plan_budget(deadline, build_s=4.0, instance=_instance(budget=100))
    assert EXPLAIN_SAFETY * explain_need_s(build_s=4.0, replans=1) > EXPLAIN_SHARE * 30.0
    assert budget.explain_s == 0.0
    assert budget.solve_s == pytest.approx((30.0 - 4.0 - CONVERT_SHARE * 4.0) / (1 + SOLVER_OVERRUN_SHARE))


def test_explain_seconds_split_what_is_left_between_the_re_plans(clock) -> None:
    deadline = Deadline(40.0, clock=clock)  # a 4 s share
    budget = PlanBudget(solve_s=34.0, explain_s=4.0, convert_s=0.5, build_s=1.0)
    assert explain_seconds(deadline, budget, replans=1) == pytest.approx(2 * 4.0)  # capped at the share
    clock.advance(36.5)  # 3.5 s left, 3.0 s before the conversion reserve
    two = explain_seconds(deadline, budget, replans=2)
    # 1.5 s per re-plan, its preparation (0.6 s) within it; the solver gives each re-plan half the limit
    assert two == pytest.approx(2 * 3.0 / 2)
    assert 2 * two / 2 <= 3.0 + 1e-9
    clock.advance(1.5)  # 1.5 s before the reserve: less than two re-plans need (2 x (0.6 + 0.25) s)
    assert explain_seconds(deadline, budget, replans=2) is None
    assert explain_seconds(deadline, budget, replans=0) is None


def test_alternative_plans_take_the_build_and_their_conversions_out_of_the_limit(generated, monkeypatch, clock):
    project, templates = generated
    seen = {}
    real_prepare, real_alternatives = service.prepare, service.alternatives

    def prepare(*args, **kwargs):
        clock.advance(3.0)
        return real_prepare(*args, **kwargs)

    def alternatives(instance, *, kinds, config):
        seen["config"] = config
        return real_alternatives(instance, kinds=kinds, config=config.model_copy(update={"time_limit_s": 1.0}))

    monkeypatch.setattr(service, "prepare", prepare)
    monkeypatch.setattr(service, "alternatives", alternatives)
    plans = service.alternative_plans(project, templates=templates, today=TODAY, time_limit=LIMIT, count=2,
                                      clock=clock)
    assert len(plans) == 2
    reserve = 2 * max(MIN_CONVERT_S, CONVERT_SHARE * 3.0)  # two plans to write, no explanation re-plan
    assert seen["config"].time_limit_s == pytest.approx((LIMIT - 3.0 - reserve) / (1 + SOLVER_OVERRUN_SHARE))


def test_a_short_limit_still_explains_when_the_solver_left_the_time_for_it(clock) -> None:
    # 5 s limit: the 0.5 s share is below what two re-plans need, but a solver done after 1 s left plenty
    deadline = Deadline(5.0, clock=clock)
    budget = PlanBudget(solve_s=4.8, explain_s=0.0, convert_s=0.05, build_s=0.02)
    need = explain_need_s(build_s=0.02, replans=2)
    assert need > EXPLAIN_SHARE * 5.0
    clock.advance(1.0)
    seconds = explain_seconds(deadline, budget, replans=2)
    assert seconds is not None
    used = 2 * seconds / 2  # half the limit per re-plan, each preparing its relaxed instance within it
    assert used <= EXPLAIN_SAFETY * need + 1e-9  # no longer than the re-plans need with the margin
    clock.advance(4.0 - need / 2)  # now too close to the limit: skipped, and that is the truth
    assert explain_seconds(deadline, budget, replans=2) is None
