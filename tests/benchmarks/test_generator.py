"""The benchmark instance generator is deterministic and produces the advertised sizes, sparsity and features."""
from __future__ import annotations

import statistics

import pytest

from benchmarks.solver_instances import SPECS, build_instance, generate, spec
from solver.allowed import route_blocker


@pytest.fixture(scope="module")
def mid():
    """The 1,000 × 150 loose instance (generated once for the module)."""
    return generate(spec("1000x150-loose"))


def test_same_seed_same_instance_other_seed_differs():
    a = build_instance(people=120, demands=20, initiatives=2, seed=7)
    b = build_instance(people=120, demands=20, initiatives=2, seed=7)
    c = build_instance(people=120, demands=20, initiatives=2, seed=8)
    assert a.model_dump() == b.model_dump()
    assert a.model_dump() != c.model_dump()


def test_specs_cover_the_advertised_sizes_each_loose_and_tight():
    sizes = {(s.people, s.demands, s.portfolio) for s in SPECS}
    assert sizes == {(200, 40, False), (1000, 150, False), (3000, 300, False), (6000, 600, False),
                     (2000, 300, True)}
    for s in SPECS:
        assert {t.budget for t in SPECS if t.name.rsplit("-", 1)[0] == s.name.rsplit("-", 1)[0]} == {"loose", "tight"}
    assert spec("portfolio20-tight").initiatives == 20


def test_generated_instance_has_the_spec_size(mid):
    assert len(mid.people) == 1000
    assert len(mid.demands) == 150
    assert len(mid.initiatives) == 150 // 20


def test_eligibility_is_sparse(mid):
    direct: dict[str, int] = {d.id: 0 for d in mid.demands}
    trained: dict[str, int] = {d.id: 0 for d in mid.demands}
    for o in mid.options:
        (trained if o.trainings else direct)[o.demand] += 1
    share = [direct[d] / len(mid.people) for d in direct]
    assert 0.02 <= statistics.median(share) <= 0.08
    assert max(share) <= 0.12
    assert statistics.median(trained[d] / len(mid.people) for d in trained) > 0.005
    steps = [s for o in mid.options for s in o.trainings]
    assert all(s.to_level in (3, 4) and s.from_level < s.to_level for s in steps)


def test_realistic_features_are_present(mid):
    free = [p.free_units for p in mid.people]
    assert 0 in free and 20 in free and any(0 < f < 20 for f in free)
    assert len({p.cost_per_unit for p in mid.people}) > 100
    assert any(d.ops_critical for d in mid.demands)
    assert any(not d.shareable for d in mid.demands)
    assert any(route_blocker(mid, d, "hire") == "hire_lead_time" for d in mid.demands)
    assert any(d.contract is None for d in mid.demands)
    assert mid.pins and all(any(o.person == p.person and o.demand == p.demand for o in mid.options) for p in mid.pins)
    assert mid.exclusions and mid.near_misses
    assert all(i.budget is not None for i in mid.initiatives)


def test_tight_budget_is_below_loose_and_portfolio_shares_one_budget():
    loose = build_instance(people=200, demands=40, initiatives=2, budget="loose", seed=3)
    tight = build_instance(people=200, demands=40, initiatives=2, budget="tight", seed=3)
    assert all(t.budget < lo.budget for t, lo in zip(tight.initiatives, loose.initiatives, strict=True))
    pf = build_instance(people=300, demands=60, initiatives=20, portfolio=True, budget="tight", seed=3)
    assert pf.global_budget is not None and all(i.budget is None for i in pf.initiatives)
    assert len({d.initiative for d in pf.demands}) == 20
