"""Honest limits: one deadline for every phase, bounds never below the flow relaxation's, progress for every plan."""
from __future__ import annotations

import threading

import pytest

import solver.search as search_module
import solver.strategy as strategy_module
from solver.flow import flow_relaxation
from solver.lp_columns import coverage_lp
from solver.prepare import prepare
from solver.schema import Config, Instance
from solver.solve import solve
from solver.validate import validate
from tests.solver.helpers import work_seconds
from tests.solver.random_instances import random_instance

#: The documented overrun (docs/solver.md, "Deadline"): phases that cannot be interrupted (prepare, building a
#: model) may end this much after the limit. Generous here: the test machine is shared.
MARGIN_S = 1.0


def _short(inst: Instance, prefix: str = "") -> Instance:
    """The instance without hires or contractors and with 10× the demand (so coverage is not trivially 0), ids
    optionally prefixed."""
    people = [p.model_copy(update={"id": prefix + p.id}) for p in inst.people]
    demands = [
        d.model_copy(update={"id": prefix + d.id, "initiative": prefix + d.initiative, "hire": None, "contract": None,
                             "required_units": 10 * d.required_units})
        for d in inst.demands
    ]
    options = [o.model_copy(update={"person": prefix + o.person, "demand": prefix + o.demand}) for o in inst.options]
    initiatives = [i.model_copy(update={"id": prefix + i.id}) for i in inst.initiatives]
    return Instance(people=people, demands=demands, options=options, initiatives=initiatives)


def _two_components() -> Instance:
    """Two pools that share nobody: the solver decomposes them."""
    a = _short(random_instance(people=150, demands=40, seed=7, tightness=1.6), "a_")
    b = _short(random_instance(people=150, demands=40, seed=8, tightness=1.6), "b_")
    return Instance(people=a.people + b.people, demands=a.demands + b.demands, options=a.options + b.options,
                    initiatives=a.initiatives + b.initiatives)


def _flow_bound(inst: Instance, config: Config) -> int:
    return flow_relaxation(prepare(inst), bus_penalty=config.bus_factor_penalty).coverage_bound


def _assert_honest_bounds(inst: Instance, sol, config: Config) -> None:
    assert sol.status in ("optimal", "feasible")
    assert validate(inst, sol, config=config) == []
    coverage = sol.level("coverage")
    assert coverage.bound >= _flow_bound(inst, config)
    for lv in sol.levels:
        assert lv.bound <= lv.value
        assert lv.proven == (lv.status == "optimal") and (not lv.proven or lv.bound == lv.value)


def test_time_limit_covers_preparation_flow_and_greedy():
    # 74k options: preparing, the flow, the greedy and building a model took 2.7 s against a 1 s limit.
    inst = random_instance(people=4000, demands=400, seed=1)
    config = Config(time_limit_s=1.0, explain=False)
    started = work_seconds()
    sol = solve(inst, config=config)
    worked = work_seconds() - started
    assert worked <= config.time_limit_s + MARGIN_S
    assert sol.status in ("optimal", "feasible") and validate(inst, sol, config=config) == []


def test_out_of_time_while_preparing_returns_the_quick_plan_with_its_bound(monkeypatch):
    inst = _short(random_instance(people=300, demands=60, seed=3, tightness=1.6))
    config = Config(time_limit_s=5, explain=False)
    # Building a model looks too slow for the time left: only the quick plan can come back.
    monkeypatch.setattr(search_module, "BUILD_SHARE", 1e9)
    events = []
    sol = solve(inst, config=config, progress=events.append)
    assert "quick" in sol.message
    coverage = sol.level("coverage")
    assert coverage.value > 0 and coverage.bound == _flow_bound(inst, config)
    _assert_honest_bounds(inst, sol, config)
    # the quick plan was announced at once; the plan returned (the quick plan, perhaps polished) was announced too
    assert events and events[0].solutions_found >= 1 and events[-1].objective == coverage.value
    assert all(later.objective <= earlier.objective for earlier, later in zip(events, events[1:], strict=False))


@pytest.mark.parametrize("path", ["full", "large", "decomposed", "timeout", "cancel", "decomposed-cancel"])
def test_level_bound_is_never_below_the_flow_bound_nor_above_the_value(path, monkeypatch):
    inst = _two_components() if path.startswith("decomposed") else _short(
        random_instance(people=300, demands=60, seed=3, tightness=1.6))
    config = Config(time_limit_s=3, explain=False)
    cancel = None
    if path == "large":
        monkeypatch.setattr(strategy_module, "FULL_MODEL_OPTIONS", 0)
    if path == "timeout":
        config = Config(time_limit_s=0.3, explain=False)
    if path.endswith("cancel"):
        cancel = threading.Event()
        threading.Timer(0.3, cancel.set).start()
    events = []
    sol = solve(inst, config=config, cancel=cancel, progress=events.append)
    if path.startswith("decomposed"):
        assert sol.components == 2
    _assert_honest_bounds(inst, sol, config)
    # Whatever produced the plan (quick plan, flow start, CP-SAT, neighbourhood), the user was told of one.
    assert events and all(e.solutions_found >= 1 for e in events)


def test_every_adopted_plan_is_announced():
    inst = _short(random_instance(people=300, demands=60, seed=3, tightness=1.6))
    config = Config(time_limit_s=3, explain=False, progress_interval_s=0)
    events = []
    sol = solve(inst, config=config, progress=events.append)
    # The quick plan comes first, before any CP-SAT solution.
    assert events and events[0].solutions_found >= 1
    assert all(e.objective >= e.bound for e in events)
    last_coverage = [e for e in events if e.level == "coverage"][-1]
    assert last_coverage.objective == sol.level("coverage").value
    # Each event carries its plan's figures over the whole instance: open units of the required, and the cost.
    required = sum(d.required_units for d in inst.demands)
    assert all(e.required_units == required and e.unit == inst.unit for e in events)
    assert all(0 <= e.uncovered_units <= required for e in events)
    assert events[-1].uncovered_units == sum(u.units for u in sol.uncovered)
    costed = [e for e in events if e.cost is not None]
    assert costed and costed[-1].cost >= sol.total_cost


def test_budgets_that_bind_give_a_coverage_bound_on_a_large_component(monkeypatch):
    # The flow ignores money (bound 0 here), and on a large component no CP-SAT search bounds the level. The LP
    # with budget rows is what remains, and it must show.
    inst = random_instance(people=300, demands=60, seed=3, initiatives=4, budget_share=0.3)
    config = Config(time_limit_s=3, explain=False, progress_interval_s=0)
    monkeypatch.setattr(strategy_module, "FULL_MODEL_OPTIONS", 0)
    prep = prepare(inst)
    floor = coverage_lp(prep, bus_penalty=config.bus_factor_penalty, time_limit_s=5).bound
    assert _flow_bound(inst, config) == 0 and floor > 0
    events = []
    sol = solve(inst, config=config, progress=events.append)
    coverage = sol.level("coverage")
    assert floor <= coverage.bound <= coverage.value
    assert validate(inst, sol, config=config) == []
    # Progress shows the same honest floor, and elapsed time since solve() started (not double-counted).
    assert events and all(floor <= e.bound <= e.objective for e in events if e.level == "coverage")
    assert all(e.elapsed_s <= sol.elapsed_s + 0.05 for e in events)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_flow_cost_bound_is_below_the_proven_optimum(seed):
    inst = random_instance(people=40, demands=10, seed=seed)
    config = Config(time_limit_s=20, explain=False)
    sol = solve(inst, config=config)
    coverage, cost = sol.level("coverage"), sol.level("cost")
    assert coverage.proven and cost.proven
    assert flow_relaxation(prepare(inst)).cost_bound <= cost.value


def test_cost_bound_on_a_large_component_is_the_relaxation_one(monkeypatch):
    inst = random_instance(people=300, demands=60, seed=3)
    config = Config(time_limit_s=3, explain=False)
    monkeypatch.setattr(strategy_module, "FULL_MODEL_OPTIONS", 0)
    sol = solve(inst, config=config)
    coverage, cost = sol.level("coverage"), sol.level("cost")
    assert coverage.proven
    flow = flow_relaxation(prepare(inst), bus_penalty=config.bus_factor_penalty)
    # No CP-SAT search bounds the level: the bound reported is the flow's, at its coverage optimum.
    assert cost.bound == (flow.cost_bound if coverage.value == flow.coverage_bound else 0) <= cost.value
    assert validate(inst, sol, config=config) == []
