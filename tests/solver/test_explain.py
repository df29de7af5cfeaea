"""The re-plan explanations name the limit that keeps a demand open; alternative plans at the same coverage."""
from __future__ import annotations

from solver.alternatives import alternatives
from solver.schema import Initiative, TrainingStep
from tests.solver.conftest import demand, hire, instance, option, person
from tests.solver.helpers import solved, units


def test_contractor_over_budget_names_the_overrun():
    ini = Initiative(id="ini", go_live_week=10, budget=5000)
    sol = solved(instance([], [demand("ini/a", 8, contract=hire(cost=900, lead=2))], [], initiatives=[ini]))
    assert [(p.units, p.cost) for p in sol.procurements] == [(5, 4500)]  # 8 × 900 = 7200 would exceed 5000
    cause = next(u for u in sol.uncovered if u.demand == "ini/a").causes[0]
    assert cause.kind == "budget" and cause.amount == 2200


def test_alternatives_side_by_side_at_the_same_coverage():
    step = TrainingStep(skill="mlops", from_level=2, to_level=3, weeks=4, cost=5000)
    ini = Initiative(id="ini", go_live_week=20)
    inst = instance([person("ana", cost=100)], [demand("ini/a", 20, hire=hire(cost=150, lead=8))],
                    [option("ana", "ini/a", trainings=[step])], initiatives=[ini])
    plans = alternatives(inst)
    assert set(plans) == {"lowest_cost", "fewest_hires", "most_internal_growth"}
    assert all(p.uncovered == [] for p in plans.values())
    assert [p.kind for p in plans["lowest_cost"].procurements] == ["hire"]
    assert plans["lowest_cost"].total_cost == 3000
    assert units(plans["fewest_hires"]) == {("ana", "ini/a"): 20} and plans["fewest_hires"].procurements == []
    assert len(plans["most_internal_growth"].trainings) == 1
