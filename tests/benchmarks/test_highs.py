"""The HiGHS twin of the model: valid plans, the same rules, and the same optimum as Phasegate's CP-SAT solver."""
from __future__ import annotations

import pytest

from benchmarks.greedy import solve_greedy
from benchmarks.highs_solve import solve_highs
from benchmarks.solver_instances import build_instance
from solver.schema import Config, Option, Pin, Sourcing, TrainingStep
from solver.solve import solve
from solver.validate import validate
from tests.benchmarks.builders import demand, person, tiny

FAST = Config(time_limit_s=20, num_workers=1, explain=False)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_highs_matches_cpsat_on_coverage_and_cost(seed):
    inst = build_instance(people=30, demands=6, initiatives=2, budget="tight" if seed % 2 else "loose", seed=seed)
    ours = solve_highs(inst, config=FAST, time_limit_s=20)
    theirs = solve(inst, config=FAST)
    assert validate(inst, ours, config=FAST) == []
    for name in ("coverage", "cost"):
        a, b = ours.level(name), theirs.level(name)
        assert a.proven and b.proven, f"{name} not proven (HiGHS {a.status}, CP-SAT {b.status})"
        assert a.value == b.value


@pytest.mark.parametrize("budget", ["loose", "tight"])
def test_highs_is_never_worse_than_greedy_and_valid(budget):
    inst = build_instance(people=60, demands=10, initiatives=2, budget=budget, seed=5)
    ours, base = solve_highs(inst, config=FAST, time_limit_s=20), solve_greedy(inst, config=FAST)
    assert validate(inst, ours, config=FAST) == []
    assert ours.level("coverage").value <= base.level("coverage").value


def test_training_is_paid_once_and_bus_factor_wants_two_people():
    step = TrainingStep(skill="k8s", from_level=2, to_level=3, weeks=4, cost=1000)
    inst = tiny(
        people=[person("ana", free=20, cost=100), person("bo", free=20, cost=400)],
        demands=[demand("a", units=8), demand("b", units=8, ops_critical=True)],
        options=[Option(person="ana", demand="a", trainings=[step]),
                 Option(person="ana", demand="b", trainings=[step]),
                 Option(person="bo", demand="b")],
    )
    sol = solve_highs(inst, config=FAST)
    assert validate(inst, sol, config=FAST) == []
    assert sol.level("coverage").value == 0  # b carried by two people, everything covered
    assert {(a.person, a.demand) for a in sol.allocations} == {("ana", "a"), ("ana", "b"), ("bo", "b")}
    assert len(sol.trainings) == 1 and sol.trainings[0].demands == ["a", "b"]
    assert sol.total_cost == 100 * 12 + 400 * 4 + 1000


def test_pin_and_lead_time_hold():
    late = Sourcing(cost_per_unit=10, lead_weeks=20)  # starts after the week-12 go-live
    inst = tiny(
        people=[person("ana", free=20, cost=50), person("bo", free=20, cost=500)],
        demands=[demand("pm", units=10, hire=late)],
        options=[Option(person="ana", demand="pm"), Option(person="bo", demand="pm")],
        pins=[Pin(person="bo", demand="pm", units=6)],
    )
    sol = solve_highs(inst, config=FAST)
    assert validate(inst, sol, config=FAST) == []
    assert {a.person: a.units for a in sol.allocations} == {"bo": 6, "ana": 4}
    assert not sol.procurements
