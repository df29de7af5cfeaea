"""The spreadsheet greedy baseline: valid plans, criticality order, sourcing fallback, budget respected."""
from __future__ import annotations

import pytest

from benchmarks.greedy import solve_greedy
from benchmarks.solver_instances import build_instance
from solver.schema import Option, Sourcing
from solver.validate import validate
from tests.benchmarks.builders import demand, person, tiny


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("budget", ["loose", "tight"])
def test_greedy_plans_pass_the_solver_validator(seed, budget):
    inst = build_instance(people=150, demands=30, initiatives=3, budget=budget, seed=seed)
    sol = solve_greedy(inst)
    assert validate(inst, sol) == []
    assert sol.allocations
    assert [lv.name for lv in sol.levels] == ["coverage", "cost", "disruption"]


def test_scarce_person_goes_to_the_most_critical_demand():
    inst = tiny(
        people=[person("ana", free=10)],
        demands=[demand("minor", weight=1), demand("critical", weight=9)],
        options=[Option(person="ana", demand="minor"), Option(person="ana", demand="critical")],
    )
    sol = solve_greedy(inst)
    assert [(a.person, a.demand, a.units) for a in sol.allocations] == [("ana", "critical", 10)]
    assert [(u.demand, u.units) for u in sol.uncovered] == [("minor", 10)]


def test_best_match_first_then_hire_for_the_rest():
    route = Sourcing(cost_per_unit=500, lead_weeks=8)
    inst = tiny(
        people=[person("cheap", free=8, cost=50), person("expert", free=8, cost=300)],
        demands=[demand("mlops", units=20, hire=route)],
        options=[Option(person="cheap", demand="mlops", match_score=100),
                 Option(person="expert", demand="mlops", match_score=900)],
    )
    sol = solve_greedy(inst)
    assert {a.person: a.units for a in sol.allocations} == {"expert": 8, "cheap": 8}
    assert [(p.kind, p.units, p.heads) for p in sol.procurements] == [("hire", 4, 1)]
    assert not sol.uncovered
    assert validate(inst, sol) == []


def test_budget_limits_what_greedy_takes_and_the_rest_is_uncovered():
    inst = tiny(
        people=[person("ana", free=20, cost=100)],
        demands=[demand("sre", units=20, hire=Sourcing(cost_per_unit=500, lead_weeks=4))],
        options=[Option(person="ana", demand="sre")],
        budget=1200,
    )
    sol = solve_greedy(inst)
    assert [(a.person, a.units) for a in sol.allocations] == [("ana", 12)]
    assert not sol.procurements
    assert [(u.demand, u.units) for u in sol.uncovered] == [("sre", 8)]
    assert validate(inst, sol) == []
