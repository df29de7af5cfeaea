"""The quick (greedy) plan that seeds CP-SAT and stands in when the search is stopped: it must always be valid."""
from __future__ import annotations

import time

import solver.strategy as strategy_module
from solver.flow import flow_relaxation
from solver.greedy import greedy
from solver.objective import level_values
from solver.objective import penalties as _penalties
from solver.prepare import prepare
from solver.schema import Config, Initiative, TrainingStep
from solver.solve import solve
from solver.staffing import to_solution
from solver.validate import validate
from tests.solver.conftest import demand, hire, instance, option, person


def quick_plan_violations(inst, *, start_from_flow: bool = False) -> list[str]:
    """The validator's verdict on the greedy plan alone (no CP-SAT)."""
    prep = prepare(inst)
    start = flow_relaxation(prep).start if start_from_flow else None
    sol = to_solution(prep, greedy(prep, start=start))
    config = Config()
    sol.total_cost = level_values(inst, sol, config)["cost"]
    sol.penalties = _penalties(inst, sol)
    return [v.rule for v in validate(inst, sol, config=config)]


def test_quick_plan_pairs_newcomers_with_an_incumbent():
    # The cheapest person is a newcomer and hiring is cheap: a careless greedy puts them (or a hire) on alone.
    people = [person("new", cost=50), person("inc", free=4, cost=300)]
    d = demand("ini/mlops", units=12, pair_newcomers=True, hire=hire(cost=100))
    opts = [option("new", d.id, disruption_cost=50), option("inc", d.id)]
    assert quick_plan_violations(instance(people, [d], opts)) == []
    alone = demand("ini/mlops", units=12, pair_newcomers=True, hire=hire(cost=100))
    assert quick_plan_violations(instance([person("new", cost=50)], [alone], [option("new", alone.id,
                                                                                       disruption_cost=50)])) == []


def test_quick_plan_charges_a_shared_training_to_each_initiative_budget():
    # One training serves both initiatives: each initiative's budget bears it in full (as the validator counts).
    step = TrainingStep(skill="k8s", from_level=2, to_level=3, weeks=2, cost=1000)
    people = [person("ann", free=20, cost=10)]
    a, b = demand("a/sre", units=8, initiative="a"), demand("b/sre", units=8, initiative="b")
    inis = [Initiative(id="a", go_live_week=10, budget=1100), Initiative(id="b", go_live_week=10, budget=1050)]
    opts = [option("ann", a.id, trainings=[step]), option("ann", b.id, trainings=[step])]
    assert quick_plan_violations(instance(people, [a, b], opts, initiatives=inis)) == []


def test_quick_plan_from_the_flow_never_oversupplies_a_pinned_demand():
    from solver.schema import Pin

    people = [person("ann", cost=10), person("bob", cost=20)]
    d = demand("ini/pm", units=10)
    inst = instance(people, [d], [option("ann", d.id), option("bob", d.id)],
                    pins=[Pin(person="bob", demand=d.id, units=6)])
    assert quick_plan_violations(inst, start_from_flow=True) == []


def test_large_instance_is_polished_and_proves_only_against_the_relaxation(monkeypatch):
    # Force the large strategy on a small instance: the polish settles the levels, the plan stays valid, and a
    # level counts as proven only when it meets the flow relaxation's bound.
    from tests.solver.random_instances import random_instance

    inst = random_instance(people=120, demands=20, seed=4)
    monkeypatch.setattr(strategy_module, "FULL_MODEL_OPTIONS", 10)
    config = Config(time_limit_s=5, explain=False)
    sol = solve(inst, config=config)
    assert sol.status in ("optimal", "feasible")
    assert validate(inst, sol, config=config) == []
    flow = flow_relaxation(prepare(inst), bus_penalty=config.bus_factor_penalty)
    coverage = sol.level("coverage")
    assert coverage.bound <= max(flow.coverage_bound, 0) or not coverage.proven
    if coverage.proven:
        assert coverage.value == flow.coverage_bound
    cost = sol.level("cost")
    assert not cost.proven or cost.value <= flow.cost_bound


def test_time_spent_preparing_returns_the_quick_plan_with_honest_levels(monkeypatch):
    # Preparation alone used the whole time limit (as on 6,000 people): the quick plan comes back, valid,
    # labelled as such, and its coverage is proven only when it meets the relaxation's bound.
    from tests.solver.random_instances import random_instance

    inst = random_instance(people=60, demands=12, seed=8)
    clock = iter(range(0, 10_000, 100))
    monkeypatch.setattr(time, "perf_counter", lambda: float(next(clock)))
    config = Config(time_limit_s=1, explain=False)
    sol = solve(inst, config=config)
    assert sol.status == "feasible" and "quick" in sol.message
    assert validate(inst, sol, config=config) == []
    coverage = sol.level("coverage")
    assert coverage.value >= coverage.bound
    assert coverage.proven == (coverage.value == coverage.bound)
    assert not sol.level("cost").proven and not sol.level("disruption").proven


def _greedy_from(inst, start_pairs: dict[tuple[str, str], int]):
    prep = prepare(inst)
    index = {(o.person, o.demand): i for i, o in enumerate(prep.options)}
    plan = greedy(prep, start={index[k]: u for k, u in start_pairs.items()})
    return to_solution(prep, plan)


def test_quick_plan_swaps_in_someone_who_can_take_a_sliver_remainder():
    # The start puts Ann (4 units free) on a 6-unit demand; 2 units are too few for anyone new (minimum 4),
    # so Bob replaces her and takes all 6.
    people = [person("ann", free=4, cost=10), person("bob", free=20, cost=20)]
    d = demand("ini/pm", units=6)
    inst = instance(people, [d], [option("ann", d.id), option("bob", d.id)])
    sol = _greedy_from(inst, {("ann", d.id): 4})
    assert sol.uncovered == []
    assert [(a.person, a.units) for a in sol.allocations] == [("bob", 6)]


def test_quick_plan_gives_an_operations_critical_demand_its_second_carrier():
    people = [person("ann", cost=10), person("bob", cost=20)]
    d = demand("ini/sre", units=12, ops_critical=True)
    inst = instance(people, [d], [option("ann", d.id), option("bob", d.id)])
    sol = _greedy_from(inst, {("ann", d.id): 12})
    assert sorted((a.person, a.units) for a in sol.allocations) == [("ann", 8), ("bob", 4)]
    config = Config()
    sol.total_cost = level_values(inst, sol, config)["cost"]
    assert validate(inst, sol, config=config) == []


def test_the_plan_under_a_tight_budget_covers_the_most_weight():
    # 1000 to spend: the most critical role needs a 100-per-unit expert; two slightly less critical roles cost
    # 10 per unit. Spending everything on the expert leaves 160 weighted units open; the plan leaves 20 (the
    # budget left still pays for 8 of the expert's 10 units).
    people = [person("expert", cost=100), person("bea", cost=10), person("cy", cost=10)]
    a, b, c = (demand("ini/a", weight=10), demand("ini/b", weight=8), demand("ini/c", weight=8))
    inis = [Initiative(id="ini", go_live_week=10, budget=1000)]
    inst = instance(people, [a, b, c], [option("expert", a.id), option("bea", b.id), option("cy", c.id)],
                    initiatives=inis)
    assert solve(inst, config=Config(time_limit_s=5, explain=False)).level("coverage").value == 20
