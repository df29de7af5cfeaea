"""Random small instances: the plan passes the validator and its level-1/level-2 optima equal HiGHS's."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver.schema import Config, Demand, Initiative, Instance, Option, Person, Sourcing, TrainingStep
from solver.solve import solve
from solver.validate import validate
from tests.solver.highs_reference import highs_optimum


@st.composite
def instances(draw) -> Instance:
    """Up to 5 people, 4 demands, 2 initiatives, with trainings, hires, budgets and ops-critical roles."""
    n_people = draw(st.integers(1, 5))
    n_demands = draw(st.integers(1, 4))
    inis = [
        Initiative(
            id=f"i{k}", go_live_week=draw(st.sampled_from([4, 8, 16])),
            budget=draw(st.none() | st.integers(0, 6000)),
            max_hires=draw(st.none() | st.integers(0, 2)),
            hiring_freeze=draw(st.booleans()), allow_contractors=draw(st.booleans()),
        )
        for k in range(draw(st.integers(1, 2)))
    ]
    people = [
        Person(id=f"p{k}", free_units=draw(st.sampled_from([0, 4, 6, 10, 20])),
               displaceable_units=draw(st.sampled_from([0, 0, 4])), displacement_cost_per_unit=draw(st.integers(0, 50)),
               cost_per_unit=draw(st.integers(50, 300)), max_roles=draw(st.none() | st.integers(1, 2)))
        for k in range(n_people)
    ]
    demands = []
    for k in range(n_demands):
        ini = inis[k % len(inis)]
        route = st.none() | st.builds(Sourcing, cost_per_unit=st.integers(200, 900), lead_weeks=st.sampled_from([2, 6, 12]))
        demands.append(Demand(
            id=f"{ini.id}/d{k}", initiative=ini.id, role=f"r{k}", required_units=draw(st.sampled_from([2, 4, 8, 10, 16])),
            weight=draw(st.integers(1, 9)), ops_critical=draw(st.booleans()), shareable=draw(st.booleans()),
            hire=draw(route), contract=draw(route),
        ))
    options = []
    for p in people:
        for d in demands:
            if draw(st.booleans()):
                trainings = []
                if draw(st.integers(0, 3)) == 0:
                    trainings = [TrainingStep(skill=draw(st.sampled_from(["a", "b"])), from_level=1, to_level=3,
                                              weeks=draw(st.sampled_from([2, 6, 12])), cost=draw(st.integers(0, 800)))]
                options.append(Option(person=p.id, demand=d.id, trainings=trainings,
                                      disruption_cost=draw(st.sampled_from([0, 10]))))
    return Instance(people=people, demands=demands, options=options, initiatives=inis,
                    global_budget=draw(st.none() | st.integers(0, 12000)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(instances())
def test_plan_is_valid_and_matches_highs(inst: Instance):
    config = Config(time_limit_s=10.0, explain=False)
    sol = solve(inst, config=config)
    reference = highs_optimum(inst, bus_penalty=config.bus_factor_penalty)
    if reference is None:
        assert sol.status == "infeasible"
        return
    assert sol.status == "optimal", sol.message
    assert validate(inst, sol, config=config) == []
    assert (sol.level("coverage").value, sol.level("cost").value) == reference
