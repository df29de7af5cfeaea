"""The money-aware coverage LP by column generation: the full LP's optimum, and a valid bound at any deadline."""
from __future__ import annotations

import itertools
import time

import pytest

import solver.lp_columns as lp_columns
from benchmarks.solver_instances import generate, spec
from solver.lp_columns import coverage_lp
from solver.prepare import prepare
from solver.schema import Config
from solver.solve import solve
from tests.solver.full_lp import full_coverage_lp
from tests.solver.random_instances import random_instance


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_column_generation_reaches_the_full_lp_optimum(seed, monkeypatch):
    # Start from one option per demand so that pricing has to bring in most columns.
    monkeypatch.setattr(lp_columns, "START_PER_DEMAND", 1)
    monkeypatch.setattr(lp_columns, "ADD_PER_DEMAND", 2)
    prep = prepare(random_instance(people=120, demands=30, seed=seed, initiatives=3, budget_share=0.3))
    found = lp_columns.coverage_by_columns(prep, deadline=time.perf_counter() + 30)
    assert found.optimal and found.rounds > 1 and found.columns < len(prep.options)
    assert lp_columns.rounded(found.bound) == full_coverage_lp(prep)


def test_stopped_after_one_round_the_bound_is_weaker_but_valid(monkeypatch):
    prep = prepare(generate(spec("200x40-tight")))
    optimum = full_coverage_lp(prep)
    monkeypatch.setattr(lp_columns, "START_PER_DEMAND", 1)
    # A fake clock: the first look finds time left, every later one finds the deadline passed.
    clock = itertools.chain([0.0], itertools.repeat(100.0))
    monkeypatch.setattr(lp_columns, "_now", lambda: next(clock))
    found = lp_columns.coverage_by_columns(prep, deadline=50.0)
    assert found.rounds == 1 and not found.optimal
    assert found.bound is not None and found.bound <= optimum + 1e-6


def test_no_time_at_all_gives_no_bound_rather_than_a_wrong_one():
    prep = prepare(generate(spec("200x40-tight")))
    lp = coverage_lp(prep, bus_penalty=10, time_limit_s=0.0)
    assert lp.bound is None and not lp.optimal


def test_the_lp_keeps_to_its_share_of_the_time_limit(monkeypatch):
    # A slow LP (every round sleeps) must not make the user wait past the limit.
    inst = random_instance(people=300, demands=60, seed=3, initiatives=4, budget_share=0.3)
    config = Config(time_limit_s=2.0, explain=False)
    real = lp_columns._most_negative

    def slow(*args, **kwargs):
        time.sleep(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(lp_columns, "_most_negative", slow)
    monkeypatch.setattr(lp_columns, "START_PER_DEMAND", 1)
    started = time.perf_counter()
    sol = solve(inst, config=config)
    assert time.perf_counter() - started <= config.time_limit_s + 1.0
    coverage = sol.level("coverage")
    assert sol.status in ("optimal", "feasible") and coverage.bound <= coverage.value
