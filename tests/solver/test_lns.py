"""The cost level's neighbourhood search (solver/lns.py): cheaper plans at the same coverage, nothing else moved."""
from __future__ import annotations

import time

import pytest

import solver.stages as stages_module
import solver.strategy as strategy_module
from benchmarks.solver_instances import generate, spec
from solver.build import build
from solver.cpsat import run_level
from solver.flow import flow_relaxation
from solver.incumbent import is_valid
from solver.lns import _restaff, groups, polish
from solver.model import cost_terms, coverage_terms, expression
from solver.prepare import prepare
from solver.schema import Config
from solver.solve import solve
from solver.staffing import staffing_values
from solver.stages import first_plan
from solver.validate import validate

CONFIG = Config(explain=False)


@pytest.fixture(scope="module")
def greedy_200x40():
    prep = prepare(generate(spec("200x40-loose")))
    flow = flow_relaxation(prep, bus_penalty=CONFIG.bus_factor_penalty)
    plan, values, valid = first_plan(prep, flow, CONFIG)
    assert valid
    return prep, plan, values


def cheapest_at_coverage(prep, coverage: int) -> int:
    """The proven cheapest cost of any plan whose coverage level is at most `coverage` (the whole model)."""
    m = build(prep)
    m.cp.add(expression(coverage_terms(m, CONFIG.bus_factor_penalty)) <= coverage)
    m.cp.minimize(expression(cost_terms(m)))
    run, _ = run_level(m.cp, level="cost", config=CONFIG, time_limit=60)
    assert run.proven
    return run.value


def test_polish_finds_a_cheaper_valid_plan_at_the_same_coverage_and_never_beats_the_optimum(greedy_200x40):
    prep, plan, values = greedy_200x40
    out = polish(prep, plan, values["cost"], config=CONFIG, coverage_at_most=values["coverage"],
                 until=time.perf_counter() + 30)
    after = staffing_values(prep, out.plan, CONFIG)
    assert out.improved > 0 and out.steps >= out.improved
    assert after["cost"] == out.value < values["cost"]
    assert after["coverage"] <= values["coverage"]
    assert is_valid(prep, out.plan, CONFIG)
    assert out.value >= cheapest_at_coverage(prep, values["coverage"])


def test_a_step_changes_only_the_demands_it_frees(greedy_200x40):
    prep, plan, values = greedy_200x40
    free = set(groups(prep, plan)[0])
    found = _restaff(prep, plan, free, config=CONFIG.model_copy(update={"cp_sat_parameters": {
        "cp_model_presolve": True, "keep_all_feasible_solutions_in_presolve": True}}),
        coverage_at_most=values["coverage"], until=time.perf_counter() + 20)
    assert found.plan is not None
    new, value = found.plan, found.value
    assert value <= values["cost"]  # it starts from the plan: never worse
    keys = prep.keys
    outside = lambda alloc: {keys[i]: u for i, u in alloc.items() if keys[i][1] not in free}  # noqa: E731
    assert outside(new.alloc) == outside(plan.alloc)
    for src_new, src_old in ((new.hires, plan.hires), (new.contracts, plan.contracts)):
        assert {d: v for d, v in src_new.items() if d not in free} == {d: v for d, v in src_old.items() if d not in free}
    assert staffing_values(prep, new, CONFIG)["cost"] == value


def test_groups_put_the_most_overspent_demands_first_and_respect_the_size(greedy_200x40):
    prep, plan, _ = greedy_200x40
    from solver.lns import GROUP_DEMANDS, _excess

    excess = _excess(prep, plan)
    found = groups(prep, plan)
    assert found and all(1 <= len(g) <= GROUP_DEMANDS for g in found)
    totals = [sum(excess[d] for d in g) for g in found]
    assert totals == sorted(totals, reverse=True) and totals[-1] > 0
    assert len({tuple(g) for g in found}) == len(found)


def test_same_input_same_polished_plan(greedy_200x40):
    prep, plan, values = greedy_200x40
    runs = [polish(prep, plan, values["cost"], config=CONFIG, coverage_at_most=values["coverage"],
                   until=time.perf_counter() + 60) for _ in range(2)]
    assert runs[0].plan.alloc == runs[1].plan.alloc
    assert (runs[0].value, runs[0].steps, runs[0].improved) == (runs[1].value, runs[1].steps, runs[1].improved)


def test_polish_stops_at_a_proven_floor(greedy_200x40):
    prep, plan, values = greedy_200x40
    out = polish(prep, plan, values["cost"], config=CONFIG, coverage_at_most=values["coverage"],
                 until=time.perf_counter() + 30, floor=values["cost"])
    assert out.steps == 0 and out.plan is plan


def test_cancel_stops_the_polish(greedy_200x40):
    import threading

    prep, plan, values = greedy_200x40
    cancel = threading.Event()
    cancel.set()
    out = polish(prep, plan, values["cost"], config=CONFIG, coverage_at_most=values["coverage"],
                 until=time.perf_counter() + 30, cancel=cancel)
    assert out.steps == 0 and out.value == values["cost"]


def test_solve_polishes_the_cost_level_and_reports_honestly(monkeypatch):
    inst = generate(spec("200x40-loose"))
    monkeypatch.setattr(strategy_module, "SMALL_MODEL_OPTIONS", 0)  # polish this small model too
    seen = []
    real = stages_module.polish

    def spy(*args, **kwargs):
        out = real(*args, **kwargs)
        seen.append(out)
        return out

    monkeypatch.setattr(stages_module, "polish", spy)
    sol = solve(inst, config=Config(time_limit_s=20, explain=False))
    assert len(seen) == 1
    cost = sol.level("cost")
    assert cost.value <= seen[0].value and cost.bound <= cost.value
    assert validate(inst, sol) == []


def test_a_polished_plan_stands_when_no_time_is_left_to_build_the_model(monkeypatch):
    """A large component: the polish ends at the deadline, no model can be built after it: its plan is the answer,
    over every option, valid, reported with the relaxation's bound."""
    inst = generate(spec("200x40-loose"))
    monkeypatch.setattr(strategy_module, "SMALL_MODEL_OPTIONS", 0)
    monkeypatch.setattr(strategy_module, "FULL_MODEL_OPTIONS", 100)  # the polish takes all the time
    real, seen, stood = stages_module.polish, [], []

    def until_the_deadline(prep, plan, value, **kwargs):
        out = real(prep, plan, value, **kwargs)
        time.sleep(max(0.0, kwargs["until"] - time.perf_counter()) + 0.001)  # no time left at all
        seen.append((out, len(prep.options)))
        return out

    def recorded(polished, bound, wall):
        run = real_run(polished, bound, wall)
        stood.append(run)
        return run

    real_run = stages_module.polished_run
    monkeypatch.setattr(stages_module, "polish", until_the_deadline)
    monkeypatch.setattr(stages_module, "polished_run", recorded)
    sol = solve(inst, config=Config(time_limit_s=6, explain=False))
    assert len(seen) == 1 and seen[0][0].improved > 0
    assert len(stood) == 1
    cost = sol.level("cost")
    assert sol.level("coverage").proven
    assert cost.value == seen[0][0].value == sol.total_cost
    assert validate(inst, sol) == []
    if not cost.proven:
        assert cost.bound < cost.value and sol.level("disruption").status == "skipped"


def test_polish_on_a_bigger_instance_never_loses_to_the_greedy():
    prep = prepare(generate(spec("1000x150-loose")))
    flow = flow_relaxation(prep, bus_penalty=CONFIG.bus_factor_penalty)
    plan, values, valid = first_plan(prep, flow, CONFIG)
    out = polish(prep, plan, values["cost"], config=CONFIG, coverage_at_most=values["coverage"],
                 until=time.perf_counter() + 4)
    assert out.value <= values["cost"]
    assert staffing_values(prep, out.plan, CONFIG)["cost"] == out.value
    assert is_valid(prep, out.plan, CONFIG)


def test_coverage_polish_leaves_fewer_units_open_and_never_beats_the_proven_optimum():
    prep = prepare(generate(spec("200x40-tight")))
    flow = flow_relaxation(prep, bus_penalty=CONFIG.bus_factor_penalty)
    plan, values, valid = first_plan(prep, flow, CONFIG)
    assert valid
    out = polish(prep, plan, values["coverage"], config=CONFIG, coverage_at_most=None,
                 until=time.perf_counter() + 20, floor=flow.coverage_bound)
    after = staffing_values(prep, out.plan, CONFIG)
    assert after["coverage"] == out.value < values["coverage"]
    assert is_valid(prep, out.plan, CONFIG)
    m = build(prep)
    m.cp.minimize(expression(coverage_terms(m, CONFIG.bus_factor_penalty)))
    best, _ = run_level(m.cp, level="coverage", config=CONFIG, time_limit=60)
    assert best.proven and out.value >= best.value


def test_groups_for_coverage_start_with_the_demands_left_short():
    prep = prepare(generate(spec("200x40-tight")))
    flow = flow_relaxation(prep, bus_penalty=CONFIG.bus_factor_penalty)
    plan, _, _ = first_plan(prep, flow, CONFIG)
    from solver.neighbourhood import short_demands

    first = groups(prep, plan, "coverage")[0]
    assert set(first) & short_demands(prep, plan)


@pytest.mark.parametrize(("name", "runs"), [("200x40-loose", False), ("200x40-tight", True)])
def test_money_lp_runs_only_when_the_quick_plan_is_short_of_the_flow_bound(name, runs, monkeypatch):
    calls = []
    real = stages_module.coverage_lp

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(stages_module, "coverage_lp", spy)
    inst = generate(spec(name))
    sol = solve(inst, config=Config(time_limit_s=20, explain=False))
    assert bool(calls) is runs
    assert sol.level("coverage").proven  # both prove coverage: loose from the quick plan, tight by search
    assert validate(inst, sol) == []
