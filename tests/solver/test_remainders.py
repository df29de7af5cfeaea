"""Remainders below the minimum allocation that pins and locked people leave: no plan covers them, the bounds know."""
from __future__ import annotations

import time

from solver.flow import flow_relaxation
from solver.lp_columns import coverage_by_columns, rounded
from solver.prepare import prepare
from solver.relaxation import forced_remainders
from solver.schema import Config, Initiative, Pin
from tests.solver.conftest import demand, hire, instance, option, person
from tests.solver.full_lp import full_coverage_lp
from tests.solver.helpers import solved


def _pinned(units: int | None, *, min_units: int | None = None, locked: bool = False):
    """A 10-unit demand with plenty of people and contractors; ana pinned (or locked) on 8 of its units."""
    people = [person("ana", current_allocations={"ini/a": 8} if locked else {}, locked=locked)]
    people += [person(f"p{k}", cost=100 + k) for k in range(4)]
    demands = [demand("ini/a", 10, weight=7, contract=hire(cost=900, lead=2)), demand("ini/b", 12, weight=3)]
    options = [option(p.id, d.id) for p in people for d in demands]
    pins = [] if locked else [Pin(person="ana", demand="ini/a", units=units, min_units=min_units)]
    return instance(people, demands, options, initiatives=[Initiative(id="ini", go_live_week=10, budget=10**7)],
                    pins=pins, min_alloc_units=4)


def test_an_exact_pin_leaving_less_than_the_minimum_is_a_forced_remainder():
    inst = _pinned(8)
    prep = prepare(inst)
    assert forced_remainders(prep) == {"ini/a": 2}
    config = Config(time_limit_s=5, explain=False)
    flow = flow_relaxation(prep, bus_penalty=config.bus_factor_penalty)
    sol = solved(inst, config)
    coverage = sol.level("coverage")
    # Two units of weight 7 stay open in every plan, and the flow's bound now says so: proven, not a 14-unit gap.
    assert coverage.value == 14 and flow.coverage_bound == 14 and coverage.proven
    assert [(u.demand, u.units) for u in sol.uncovered] == [("ini/a", 2)]


def test_a_locked_person_leaves_the_same_remainder():
    prep = prepare(_pinned(None, locked=True))
    assert forced_remainders(prep) == {"ini/a": 2}


def test_no_remainder_when_the_pin_can_grow_or_the_room_fits_one_more_person():
    assert forced_remainders(prepare(_pinned(None, min_units=8))) == {}  # an "at least" pin takes the rest itself
    assert forced_remainders(prepare(_pinned(6))) == {}  # 4 units of room: one more person fits
    assert forced_remainders(prepare(_pinned(10))) == {}


def test_the_lps_count_the_remainder_too():
    prep = prepare(_pinned(8))
    found = coverage_by_columns(prep, deadline=time.perf_counter() + 10)
    assert rounded(found.bound) == 14 == full_coverage_lp(prep, time_limit_s=10)
