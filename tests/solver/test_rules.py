"""Per rule: a tiny feasible case (solver respects it) and a violated case (validator names it)."""
from __future__ import annotations

from solver.schema import Allocation, Exclusion, Initiative, Pin, Procurement, TrainingStep
from solver.validate import validate
from tests.solver.conftest import demand, hire, instance, option, person
from tests.solver.helpers import cases, rules, solved, units


def _edit(sol, **changes):
    return sol.model_copy(update=changes, deep=True)


def test_capacity_never_exceeded_and_overallocation_is_reported():
    inst = instance([person("ana", free=10)], [demand("ini/a", 8), demand("ini/b", 8)],
                    [option("ana", "ini/a"), option("ana", "ini/b")])
    sol = solved(inst)
    assert sum(units(sol).values()) <= 10
    assert sol.status == "optimal"
    bad = _edit(sol, allocations=[Allocation(person="ana", demand="ini/a", units=8),
                                  Allocation(person="ana", demand="ini/b", units=8)])
    assert ("capacity", "over") in cases(validate(inst, bad))


def test_displacing_tentative_work_adds_capacity_at_a_cost():
    inst = instance([person("ana", free=4, displaceable_units=4, displacement_cost_per_unit=10)],
                    [demand("ini/a", 8)], [option("ana", "ini/a")])
    sol = solved(inst)
    assert units(sol) == {("ana", "ini/a"): 8}
    assert [(d.person, d.units, d.cost) for d in sol.displacements] == [("ana", 4, 40)]
    assert sol.total_cost == 8 * 100 + 40


def test_no_slivers():
    inst = instance([person("ana", free=6), person("bob", free=20, cost=300)], [demand("ini/a", 10)],
                    [option("ana", "ini/a"), option("bob", "ini/a")])
    sol = solved(inst)
    assert all(u >= 4 for u in units(sol).values())
    bad = _edit(sol, allocations=[Allocation(person="ana", demand="ini/a", units=2),
                                  Allocation(person="bob", demand="ini/a", units=8)])
    [sliver] = [v for v in validate(inst, bad) if v.rule == "no_slivers"]
    assert (sliver.person, sliver.demand, sliver.numbers) == ("ana", "ini/a", {"units": 2, "minimum": 4})


def test_max_roles():
    inst = instance([person("ana", free=20, max_roles=1)], [demand("ini/a", 8), demand("ini/b", 8)],
                    [option("ana", "ini/a"), option("ana", "ini/b")])
    sol = solved(inst)
    assert len(units(sol)) == 1
    bad = _edit(sol, allocations=[Allocation(person="ana", demand="ini/a", units=8),
                                  Allocation(person="ana", demand="ini/b", units=8)], uncovered=[])
    assert "max_roles" in rules(validate(inst, bad))


def test_non_shareable_role_is_exclusive():
    inst = instance([person("ana", free=20)], [demand("ini/a", 8, shareable=False), demand("ini/b", 8, weight=1)],
                    [option("ana", "ini/a"), option("ana", "ini/b")])
    sol = solved(inst)
    assert units(sol) == {("ana", "ini/a"): 8}
    bad = _edit(sol, allocations=[Allocation(person="ana", demand="ini/a", units=8),
                                  Allocation(person="ana", demand="ini/b", units=8)], uncovered=[])
    assert "exclusive_roles" in rules(validate(inst, bad))


def test_coverage_balance_is_checked():
    inst = instance([person("ana")], [demand("ini/a", 8)], [option("ana", "ini/a")])
    sol = solved(inst)
    assert units(sol) == {("ana", "ini/a"): 8} and sol.uncovered == []
    over = _edit(sol, allocations=[Allocation(person="ana", demand="ini/a", units=12)])
    assert ("coverage", "over") in cases(validate(inst, over))
    hidden_gap = _edit(sol, allocations=[Allocation(person="ana", demand="ini/a", units=4)])
    assert ("coverage", "unlisted") in cases(validate(inst, hidden_gap))


def test_training_is_required_and_paid_once_for_two_demands():
    step = TrainingStep(skill="k8s", from_level=1, to_level=3, weeks=4, cost=1000)
    inst = instance([person("ana", free=20)], [demand("ini/a", 8), demand("ini/b", 8)],
                    [option("ana", "ini/a", trainings=[step]), option("ana", "ini/b", trainings=[step])])
    sol = solved(inst)
    assert len(sol.trainings) == 1 and sorted(sol.trainings[0].demands) == ["ini/a", "ini/b"]
    assert sol.total_cost == 16 * 100 + 1000
    bad = _edit(sol, allocations=[a.model_copy(update={"trainings": []}) for a in sol.allocations])
    assert "training_prerequisite" in rules(validate(inst, bad))


def test_training_that_ends_after_go_live_is_not_used():
    step = TrainingStep(skill="k8s", from_level=1, to_level=3, weeks=20, cost=1000)
    inst = instance([person("ana")], [demand("ini/a", 8)], [option("ana", "ini/a", trainings=[step])])
    sol = solved(inst)
    assert sol.allocations == [] and sol.uncovered[0].units == 8
    bad = _edit(sol, allocations=[Allocation(person="ana", demand="ini/a", units=8, trainings=[step])],
                uncovered=[])
    assert ("training_in_time", "too_long") in cases(validate(inst, bad))


def test_hire_lead_time_against_go_live():
    inst = instance([], [demand("ini/a", 20, hire=hire(lead=16))], [])
    sol = solved(inst)
    assert sol.procurements == []
    bad = _edit(sol, procurements=[Procurement(demand="ini/a", kind="hire", units=20, heads=1)], uncovered=[])
    assert ("sourcing_policy", "hire:hire_lead_time") in cases(validate(inst, bad))


def test_hire_fits_lead_time_and_covers_in_whole_heads():
    inst = instance([], [demand("ini/a", 30, hire=hire(lead=8))], [])
    sol = solved(inst)
    assert [(p.kind, p.units, p.heads) for p in sol.procurements] == [("hire", 30, 2)]


def test_hiring_freeze_and_no_contractors():
    ini = Initiative(id="ini", go_live_week=10, hiring_freeze=True, allow_contractors=False)
    inst = instance([], [demand("ini/a", 8, hire=hire(), contract=hire(cost=900))], [], initiatives=[ini])
    sol = solved(inst)
    assert sol.procurements == []
    bad = _edit(sol, procurements=[Procurement(demand="ini/a", kind="contract", units=8, heads=1)], uncovered=[])
    assert ("sourcing_policy", "contract:no_contractors") in cases(validate(inst, bad))


def test_hire_cap():
    ini = Initiative(id="ini", go_live_week=20, max_hires=1)
    inst = instance([], [demand("ini/a", 20, hire=hire()), demand("ini/b", 20, hire=hire(), weight=1)], [],
                    initiatives=[ini])
    sol = solved(inst)
    assert sum(p.heads for p in sol.procurements) == 1
    assert [p.demand for p in sol.procurements] == ["ini/a"]
    gap = next(u for u in sol.uncovered if u.demand == "ini/b")
    assert "hire_cap" in {c.kind for c in gap.causes}
    bad = _edit(sol, procurements=[Procurement(demand="ini/a", kind="hire", units=20, heads=1),
                                   Procurement(demand="ini/b", kind="hire", units=20, heads=1)], uncovered=[])
    [cap] = [v for v in validate(inst, bad) if v.rule == "hire_caps"]
    assert (cap.initiative, cap.numbers) == ("ini", {"hires": 2, "cap": 1})


def test_initiative_budget_is_hard():
    ini = Initiative(id="ini", go_live_week=10, budget=1000)
    inst = instance([person("ana", cost=100)], [demand("ini/a", 16)], [option("ana", "ini/a")], initiatives=[ini])
    sol = solved(inst)
    assert sol.total_cost <= 1000 and units(sol) == {("ana", "ini/a"): 10}
    cause = sol.uncovered[0].causes[0]
    assert cause.kind == "budget" and cause.amount == 600
    bad = _edit(sol, allocations=[Allocation(person="ana", demand="ini/a", units=16)], uncovered=[],
                total_cost=1600)
    [over] = [v for v in validate(inst, bad) if v.rule == "budgets"]
    assert (over.initiative, over.numbers) == ("ini", {"spend": 1600, "budget": 1000})


def test_global_budget_is_hard():
    inst = instance([person("ana", cost=100)], [demand("ini/a", 16)], [option("ana", "ini/a")], global_budget=800)
    sol = solved(inst)
    assert sol.total_cost == 800


def test_pin_forces_a_more_expensive_person():
    inst = instance([person("ana", cost=100), person("bob", cost=300)], [demand("ini/a", 8)],
                    [option("ana", "ini/a"), option("bob", "ini/a")], pins=[Pin(person="bob", demand="ini/a")])
    sol = solved(inst)
    assert ("bob", "ini/a") in units(sol)
    bad = _edit(sol, allocations=[Allocation(person="ana", demand="ini/a", units=8)], total_cost=800)
    assert ("pins", "missing") in cases(validate(inst, bad))


def test_conflicting_pins_are_infeasible_and_named():
    inst = instance([person("ana", free=10)], [demand("ini/a", 8), demand("ini/b", 8)],
                    [option("ana", "ini/a"), option("ana", "ini/b")],
                    pins=[Pin(person="ana", demand="ini/a", units=8), Pin(person="ana", demand="ini/b", units=8)])
    sol = solved(inst)
    assert sol.status == "infeasible"
    assert "pin(person=ana,demand=ini/a)" in sol.message and "pin(person=ana,demand=ini/b)" in sol.message


def test_exclusion():
    inst = instance([person("ana", cost=100), person("bob", cost=300)], [demand("ini/a", 8)],
                    [option("ana", "ini/a"), option("bob", "ini/a")],
                    exclusions=[Exclusion(person="ana", initiative="ini")])
    sol = solved(inst)
    assert units(sol) == {("bob", "ini/a"): 8}
    bad = _edit(sol, allocations=[Allocation(person="ana", demand="ini/a", units=8)], total_cost=800)
    assert "exclusions" in rules(validate(inst, bad))


def test_locked_person_keeps_current_allocation():
    ana = person("ana", cost=300, locked=True, current_allocations={"ini/a": 6}, current_initiatives=["ini"])
    inst = instance([ana, person("bob", cost=100)], [demand("ini/a", 10), demand("ini/b", 8)],
                    [option("ana", "ini/a"), option("ana", "ini/b"), option("bob", "ini/a"), option("bob", "ini/b")])
    sol = solved(inst)
    assert units(sol)[("ana", "ini/a")] == 6 and ("ana", "ini/b") not in units(sol)
    moved = [a if a.person != "ana" else a.model_copy(update={"units": 4}) for a in sol.allocations]
    assert "locked" in rules(validate(inst, _edit(sol, allocations=moved)))


def test_bus_factor_soft_penalty_is_reported():
    inst = instance([person("ana"), person("bob")], [demand("ini/a", 16, ops_critical=True)],
                    [option("ana", "ini/a"), option("bob", "ini/a")])
    sol = solved(inst)
    assert len(units(sol)) == 2 and sol.penalties == []
    alone = instance([person("ana")], [demand("ini/a", 16, ops_critical=True)], [option("ana", "ini/a")])
    sol = solved(alone)
    assert [(p.name, p.amount) for p in sol.penalties] == [("bus_factor(demand=ini/a)", 1)]
    hidden = _edit(sol, penalties=[])
    assert "bus_factor" in rules(validate(alone, hidden))


def test_newcomer_pairing():
    ana = person("ana", current_initiatives=["ini"])
    inst = instance([ana, person("bob", cost=50)], [demand("ini/a", 8, pair_newcomers=True)],
                    [option("ana", "ini/a"), option("bob", "ini/a", disruption_cost=10)])
    sol = solved(inst)
    assert ("ana", "ini/a") in units(sol)
    bad = _edit(sol, allocations=[Allocation(person="bob", demand="ini/a", units=8, moved=True)])
    assert "newcomer_pairing" in rules(validate(inst, bad))


def test_objective_claims_are_checked():
    inst = instance([person("ana")], [demand("ini/a", 8)], [option("ana", "ini/a")])
    sol = solved(inst)
    lying = _edit(sol, total_cost=1)
    assert ("objective", "total_cost") in cases(validate(inst, lying))


def test_a_move_is_marked_exactly_when_the_person_is_new_to_the_initiative():
    inst = instance([person("bob")], [demand("ini/a", 8)], [option("bob", "ini/a", disruption_cost=10)])
    sol = solved(inst)
    assert [a.moved for a in sol.allocations] == [True]
    unmarked = _edit(sol, allocations=[a.model_copy(update={"moved": False}) for a in sol.allocations])
    assert [(v.rule, v.case, v.person) for v in validate(inst, unmarked)] == [("moves", "unmarked", "bob")]


def test_hired_heads_must_fit_the_units():
    inst = instance([], [demand("ini/a", 30, hire=hire(lead=8))], [])
    sol = solved(inst)
    bad = _edit(sol, procurements=[p.model_copy(update={"heads": 1}) for p in sol.procurements])
    [heads] = [v for v in validate(inst, bad) if v.rule == "sourcing_heads"]
    assert (heads.case, heads.demand, heads.numbers) == ("hire", "ini/a", {"heads": 1, "units": 30})


def test_every_rule_of_the_model_has_its_own_check():
    from solver.rules.catalogue import RULES
    from solver.validate import CHECKS

    assert {r.__name__ for r in RULES} <= set(CHECKS)
    assert all(CHECKS[r.__name__].__name__ == f"check_{r.__name__}" for r in RULES)
    assert all(check.__doc__ and "\n" not in check.__doc__.strip() for check in CHECKS.values())
