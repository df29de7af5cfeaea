"""Cost bounds at the proven coverage: trainings charged in the flow; the unavoidable bus shortfall."""
from __future__ import annotations

import pytest

import solver.flow as flow_module
from solver.flow import flow_relaxation
from solver.prepare import prepare
from solver.relaxation import forced_bus_shortfall
from solver.schema import Config
from solver.solve import solve
from solver.validate import validate
from tests.solver.conftest import demand, instance, option, person
from tests.solver.random_instances import random_instance


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_cost_bounds_stay_below_the_proven_cost_optimum(seed):
    inst = random_instance(people=40, demands=10, seed=seed)
    config = Config(time_limit_s=20, explain=False)
    sol = solve(inst, config=config)
    coverage, cost = sol.level("coverage"), sol.level("cost")
    assert coverage.proven and cost.proven and validate(inst, sol, config=config) == []
    prep = prepare(inst)
    flow = flow_relaxation(prep, bus_penalty=config.bus_factor_penalty)
    if coverage.value == flow.coverage_bound:  # the flow's cost bound holds at its own coverage optimum
        assert flow.cost_bound <= cost.value


def test_training_money_raises_the_flow_cost_bound(monkeypatch):
    inst = random_instance(people=300, demands=60, seed=3)
    charged = flow_relaxation(prepare(inst), bus_penalty=10).cost_bound
    monkeypatch.setattr(flow_module, "_charged", lambda prep: list(prep.person_costs))
    time_only = flow_relaxation(prepare(inst), bus_penalty=10).cost_bound
    assert time_only < charged


def test_the_unavoidable_bus_shortfall_is_no_allowance_for_uncovered_work():
    # Only ana can carry the operations-critical demand: its bus-factor penalty (5 x 10) is in every plan's
    # coverage value, and must not count as room to leave 10 units of weight 5 open to save their cost.
    inst = instance([person("ana"), person("bob")], [demand("ini/ops", 10, weight=5, ops_critical=True),
                                                     demand("ini/b", 10, weight=5)],
                    [option("ana", "ini/ops"), option("bob", "ini/b")])
    config = Config(time_limit_s=5, explain=False)
    sol = solve(inst, config=config)
    coverage, cost = sol.level("coverage"), sol.level("cost")
    assert coverage.proven and coverage.value == 50 and cost.value == 2000
    prep = prepare(inst)
    assert forced_bus_shortfall(prep, config.bus_factor_penalty) == 50
