"""Newcomer pairing lets hires join a demand that keeps an incumbent.

The regression that forbade such hires in the CP-SAT model (a domain read through index -1) is caught on a model
where the quick plans fall short: tests/benchmarks/test_highs.py, seed 12, CP-SAT must equal HiGHS.
"""
from __future__ import annotations

from ortools.sat.python import cp_model

from solver.schema import Config, Demand, Initiative, Instance, Option, Person, Sourcing
from solver.solve import solve
from solver.validate import validate

FAST = Config(time_limit_s=10, explain=False)


def test_hires_may_join_an_incumbent_on_a_paired_demand():
    inst = Instance(
        unit=0.05, min_alloc_units=4,
        people=[Person(id="inc", free_units=20, cost_per_unit=100, current_initiatives=["i"])],
        demands=[Demand(id="i/ds", initiative="i", role="ds", required_units=40, weight=10, pair_newcomers=True,
                        hire=Sourcing(allowed=True, cost_per_unit=150, lead_weeks=4))],
        options=[Option(person="inc", demand="i/ds", disruption_cost=0)],
        initiatives=[Initiative(id="i", go_live_week=20)],
    )
    sol = solve(inst, config=FAST)
    assert validate(inst, sol, config=FAST) == []
    assert sol.level("coverage").value == 0
    assert sum(p.units for p in sol.procurements if p.kind == "hire") == 20


def test_the_domain_upper_bound_is_read_without_negative_indexing():
    # Why the rule uses max(): OR-Tools' repeated proto fields do not support index -1 (returns element 0).
    var = cp_model.CpModel().new_int_var(0, 7, "v")
    assert max(var.proto.domain) == 7
