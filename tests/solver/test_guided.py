"""The money-aware coverage LP (trainings charged to budgets) and the LP-guided neighbourhood on tight budgets."""
from __future__ import annotations

import time

import pytest

import solver.lp_columns as lp_columns
import solver.strategy as strategy_module
from benchmarks.solver_instances import generate, spec
from solver.flow import flow_relaxation
from solver.incumbent import is_valid
from solver.lp_columns import coverage_lp
from solver.neighbourhood import candidate_set, improve
from solver.prepare import prepare
from solver.schema import Config
from solver.solve import solve
from solver.staffing import staffing_values
from solver.stages import first_plan
from solver.validate import validate
from tests.solver.helpers import work_seconds


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_coverage_lp_with_training_charges_stays_below_the_proven_optimum(seed):
    inst = random_tight(seed)
    config = Config(time_limit_s=20, explain=False)
    sol = solve(inst, config=config)
    coverage = sol.level("coverage")
    assert coverage.proven
    lp = coverage_lp(prepare(inst), bus_penalty=config.bus_factor_penalty, time_limit_s=5)
    assert lp.bound is not None and lp.bound <= coverage.value
    assert validate(inst, sol, config=config) == []


def test_training_charges_tighten_the_coverage_bound(monkeypatch):
    prep = prepare(generate(spec("200x40-tight")))
    with_trainings = coverage_lp(prep, bus_penalty=10, time_limit_s=5).bound
    monkeypatch.setattr(lp_columns, "training_charges", lambda p: ([0.0] * len(p.options), [0.0] * len(p.options)))
    time_only = coverage_lp(prep, bus_penalty=10, time_limit_s=5).bound
    assert time_only < with_trainings


def test_guided_neighbourhood_improves_the_greedy_on_a_tight_budget():
    prep = prepare(generate(spec("200x40-tight")))
    config = Config(explain=False)
    flow = flow_relaxation(prep, bus_penalty=config.bus_factor_penalty)
    lp = coverage_lp(prep, bus_penalty=config.bus_factor_penalty, time_limit_s=5)
    plan, values, valid = first_plan(prep, flow, config)
    assert valid and values["coverage"] > lp.bound
    keep = candidate_set(prep, plan, set(lp.support), per_demand=0)
    assert len(keep) < len(prep.options)
    found = improve(prep, plan, keep, config=config, until=time.perf_counter() + 3)
    assert found.plan is not None
    better, value = found.plan, found.value
    assert lp.bound <= value < values["coverage"]
    assert staffing_values(prep, better, config)["coverage"] == value
    assert is_valid(prep, better, config)


def random_tight(seed: int):
    """A small instance whose budgets bind (coverage is then a knapsack over money)."""
    from tests.solver.random_instances import random_instance

    return random_instance(people=40, demands=10, seed=seed, initiatives=2, budget_share=0.3)


def test_a_pin_on_the_whole_demand_forces_the_bus_factor_shortfall_into_the_bound():
    # A pin of all required units leaves no room for a second carrier: the flow bound must count the shortfall.
    from solver.flow import flow_relaxation as flow
    from solver.schema import Pin
    from tests.solver.random_instances import random_instance

    inst = random_instance(people=60, demands=8, seed=2)
    demand = inst.demands[0].model_copy(update={"ops_critical": True})
    free = {p.id: p.free_units for p in inst.people}
    person = next(o.person for o in inst.options
                  if o.demand == demand.id and not o.trainings and free[o.person] >= demand.required_units)
    inst = inst.model_copy(update={"demands": [demand, *inst.demands[1:]],
                                   "pins": [Pin(person=person, demand=demand.id, units=demand.required_units)]})
    config = Config(time_limit_s=10, explain=False)
    sol = solve(inst, config=config)
    bound = flow(prepare(inst), bus_penalty=config.bus_factor_penalty).coverage_bound
    assert sol.level("coverage").proven and bound <= sol.level("coverage").value
    assert bound >= demand.weight * config.bus_factor_penalty
    assert validate(inst, sol, config=config) == []


def test_coverage_rounds_keep_improving_within_their_time_and_stay_valid():
    from solver.neighbourhood import coverage_rounds

    prep = prepare(generate(spec("200x40-tight")))
    config = Config(explain=False)
    flow = flow_relaxation(prep, bus_penalty=config.bus_factor_penalty)
    lp = coverage_lp(prep, bus_penalty=config.bus_factor_penalty, time_limit_s=5)
    plan, values, _ = first_plan(prep, flow, config)
    began, worked = time.perf_counter(), work_seconds()
    better, value = coverage_rounds(prep, plan, values["coverage"], set(lp.support), config=config,
                                    until=began + 4, floor=lp.bound)
    assert work_seconds() - worked < 4 + 1.5  # a round never runs past `until` by more than CP-SAT's stop
    assert lp.bound <= value < values["coverage"]
    assert staffing_values(prep, better, config)["coverage"] == value and is_valid(prep, better, config)


def test_the_quick_plan_is_announced_before_the_guided_rounds_run(monkeypatch):
    # The rounds may take most of the limit: the user must see the checked quick plan first, then the better one.
    from tests.solver.random_instances import random_instance

    inst = random_instance(people=300, demands=60, seed=3, initiatives=4, budget_share=0.3)
    monkeypatch.setattr(strategy_module, "SMALL_MODEL_OPTIONS", 0)
    config = Config(time_limit_s=4, explain=False, progress_interval_s=0)
    prep = prepare(inst)
    flow = flow_relaxation(prep, bus_penalty=config.bus_factor_penalty)
    _, quick, valid = first_plan(prep, flow, config)
    events = []
    sol = solve(inst, config=config, progress=events.append)
    assert valid and events[0].objective == quick["coverage"]
    coverage = [e.objective for e in events if e.level == "coverage"]
    assert coverage == sorted(coverage, reverse=True) and coverage[-1] == sol.level("coverage").value
    assert validate(inst, sol, config=config) == []
