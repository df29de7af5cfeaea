"""Explanations name the right cause on crafted cases; alternative plans at the same coverage."""
from __future__ import annotations

from solver.alternatives import alternatives
from solver.schema import Initiative, NearMiss, TrainingStep
from tests.solver.conftest import demand, hire, instance, option, person
from tests.solver.helpers import solved, units


def _kinds(sol, did):
    return [c.kind for c in next(u for u in sol.uncovered if u.demand == did).causes]


def test_capacity_taken_by_a_more_critical_demand():
    inst = instance([person("ana", free=8)], [demand("ini/ops", 8, weight=9), demand("ini/docs", 8, weight=1)],
                    [option("ana", "ini/ops"), option("ana", "ini/docs")])
    sol = solved(inst)
    gap = next(u for u in sol.uncovered if u.demand == "ini/docs")
    assert gap.causes[0].kind == "capacity_taken" and gap.causes[0].other_demands == ["ini/ops"]
    assert gap.causes[0].people == ["ana"]


def test_nobody_eligible_names_the_nearest_candidate_and_the_weeks():
    inst = instance([person("ana")], [demand("ini/a", 8)], [],
                    near_misses=[NearMiss(demand="ini/a", person="ana", reason="training_too_long",
                                          weeks_needed=14, weeks_available=10)])
    sol = solved(inst)
    cause = next(u for u in sol.uncovered if u.demand == "ini/a").causes[0]
    assert (cause.kind, cause.person, cause.weeks_needed, cause.weeks_available) == ("training_too_long", "ana", 14, 10)


def test_nobody_at_all():
    sol = solved(instance([], [demand("ini/a", 8)], []))
    assert _kinds(sol, "ini/a") == ["nobody_eligible"]


def test_contractor_lead_time():
    sol = solved(instance([], [demand("ini/a", 8, contract=hire(lead=12))], []))
    cause = next(u for u in sol.uncovered if u.demand == "ini/a").causes[0]
    assert (cause.kind, cause.weeks_needed, cause.weeks_available) == ("contract_lead_time", 12, 10)


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
