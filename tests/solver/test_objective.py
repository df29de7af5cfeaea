"""The lexicographic order: coverage beats cost, cost beats disruption; and what the solution reports."""
from __future__ import annotations

from solver.schema import Config, Initiative
from tests.solver.conftest import demand, hire, instance, option, person
from tests.solver.helpers import solved, units


def test_coverage_beats_cost():
    inst = instance([], [demand("ini/a", 8, contract=hire(cost=900, lead=2))], [])
    sol = solved(inst)
    assert [(p.kind, p.units, p.cost) for p in sol.procurements] == [("contract", 8, 7200)]
    assert sol.uncovered == [] and sol.status == "optimal"


def test_more_critical_demand_is_covered_first():
    inst = instance([person("ana", free=8)], [demand("ini/low", 8, weight=2), demand("ini/high", 8, weight=9)],
                    [option("ana", "ini/low"), option("ana", "ini/high")])
    sol = solved(inst)
    assert units(sol) == {("ana", "ini/high"): 8}
    assert [u.demand for u in sol.uncovered] == ["ini/low"]
    assert sol.level("coverage").value == 2 * 8


def test_cost_beats_disruption():
    inst = instance([person("ana", cost=300, current_initiatives=["ini"]), person("bob", cost=100)],
                    [demand("ini/a", 8)], [option("ana", "ini/a"), option("bob", "ini/a", disruption_cost=50)])
    sol = solved(inst)
    assert units(sol) == {("bob", "ini/a"): 8}
    assert sol.allocations[0].moved


def test_disruption_breaks_cost_ties():
    inst = instance([person("ana", current_initiatives=["ini"]), person("bob")], [demand("ini/a", 8)],
                    [option("ana", "ini/a"), option("bob", "ini/a", disruption_cost=50)])
    sol = solved(inst)
    assert units(sol) == {("ana", "ini/a"): 8}
    assert sol.level("disruption").value == 0


def test_levels_report_values_bounds_and_proof():
    inst = instance([person("ana"), person("bob", cost=200)], [demand("ini/a", 30)],
                    [option("ana", "ini/a"), option("bob", "ini/a", disruption_cost=5)])
    sol = solved(inst, Config(time_limit_s=5, move_penalty=100))
    assert [lv.name for lv in sol.levels] == ["coverage", "cost", "disruption"]
    assert all(lv.proven and lv.value == lv.bound and lv.gap == 0 for lv in sol.levels)
    assert sol.level("cost").value == 20 * 100 + 10 * 200 == sol.total_cost
    assert sol.level("disruption").value == 5 + 100


def test_trainee_vs_hire_prefers_the_cheaper_total():
    from solver.schema import TrainingStep

    step = TrainingStep(skill="mlops", from_level=2, to_level=3, weeks=4, cost=500)
    ini = Initiative(id="ini", go_live_week=12)
    inst = instance([person("ana", cost=100)], [demand("ini/a", 20, hire=hire(cost=200, lead=8))],
                    [option("ana", "ini/a", trainings=[step])], initiatives=[ini])
    sol = solved(inst)
    assert units(sol) == {("ana", "ini/a"): 20} and sol.total_cost == 2000 + 500
    assert sol.allocations[0].trainings == [step]
