"""The bridge on a tiny project: demands, capacities, options and near misses computed by hand."""
from __future__ import annotations

from datetime import timedelta

from app.domain import Exclusion, Policy
from app.planning import build_instance
from tests.app.planning.conftest import TODAY, person


def test_one_demand_per_role_of_the_target_phase(tiny_project, tiny_templates) -> None:
    inst = build_instance(tiny_project, None, templates=tiny_templates, today=TODAY).instance
    demands = {d.id: d for d in inst.demands}
    assert sorted(demands) == ["claims/change_manager", "claims/mlops_engineer"]
    mlops = demands["claims/mlops_engineer"]
    assert mlops.required_units == 20  # 1.0 FTE × 1 head / 0.05
    assert mlops.weight == 9 * 5  # criticality × priority
    assert demands["claims/change_manager"].required_units == 10
    # per 0.05 FTE unit over 26 weeks: hire 104 000 × 26/52 × 0.05 = 2600 + 20 % recruitment fee 1040;
    # contract 156 000 × 26/52 × 0.05 = 3900
    assert (mlops.hire.cost_per_unit, mlops.hire.lead_weeks) == (3640, 10)
    assert (mlops.contract.cost_per_unit, mlops.contract.lead_weeks) == (3900, 3)
    assert inst.initiatives[0].go_live_week == 8
    assert inst.min_alloc_units == 4 and inst.unit == 0.05


def test_capacities_and_options(tiny_project, tiny_templates) -> None:
    inst = build_instance(tiny_project, None, templates=tiny_templates, today=TODAY).instance
    people = {p.id: p for p in inst.people}
    assert sorted(people) == ["E1", "E2", "E3"]  # Dan (Python only) is far from every role: pruned
    assert people["E1"].free_units == 20  # her confirmed time on Claims is free for its new roles
    assert people["E2"].free_units == 10  # half confirmed to another initiative
    assert people["E1"].cost_per_unit == 2375  # 95 000 × 26/52 × 0.05
    options = {(o.person, o.demand): o for o in inst.options}
    assert set(options) == {("E1", "claims/mlops_engineer"), ("E2", "claims/mlops_engineer"),
                            ("E3", "claims/mlops_engineer")}
    assert options[("E1", "claims/mlops_engineer")].disruption_cost == 0
    assert options[("E2", "claims/mlops_engineer")].disruption_cost == 1
    cara = options[("E3", "claims/mlops_engineer")].trainings
    # Kubernetes 2→3 via Containers 3: 3 weeks/level × multiplier 1.0; cost 3 × 1500
    assert [(t.skill, t.from_level, t.to_level, t.weeks, t.cost) for t in cara] == [("kubernetes", 2, 3, 3, 4500)]


def test_tentative_time_elsewhere_is_displaceable(tiny_project, tiny_templates) -> None:
    tiny_project.roster.people.append(
        person("E5", "Eve Park", {"mlops": 3, "kubernetes": 3}, commitments=[("other", 0.4, "tentative")]))
    prep = build_instance(tiny_project, None, templates=tiny_templates, today=TODAY)
    eve = next(p for p in prep.instance.people if p.id == "E5")
    assert (eve.free_units, eve.displaceable_units, eve.displacement_cost_per_unit) == (12, 8, 250)


def test_qualified_people_are_never_dropped_silently(tiny_project, tiny_templates) -> None:
    tiny_project.roster.people.append(person("E6", "Finn Holt", {"mlops": 5, "kubernetes": 5}, available=False))
    tiny_project.roster.people.append(
        person("E7", "Gil Warr", {"mlops": 3, "kubernetes": 3}, commitments=[("other", 1.0, "confirmed")]))
    tiny_project.scenario().exclusions.append(Exclusion(person_id="E2", initiative="claims"))
    prep = build_instance(tiny_project, None, templates=tiny_templates, today=TODAY)
    misses = {(m.person, m.reason) for m in prep.instance.near_misses if m.demand == "claims/mlops_engineer"}
    assert {("E6", "other"), ("E2", "excluded"), ("E7", "no_capacity")} <= misses
    held = {c.person_id: c.status for c in prep.demands["claims/mlops_engineer"].candidates}
    assert (held["E6"], held["E2"], held["E7"]) == ("unavailable", "excluded", "no_capacity")
    assert ("E2", "claims/mlops_engineer") not in {(o.person, o.demand) for o in prep.instance.options}


def test_training_that_ends_after_go_live_is_a_near_miss(tiny_project, tiny_templates) -> None:
    tiny_project.portfolio.initiatives[0].go_live = TODAY + timedelta(weeks=2)
    prep = build_instance(tiny_project, None, templates=tiny_templates, today=TODAY)
    assert ("E3", "claims/mlops_engineer") not in {(o.person, o.demand) for o in prep.instance.options}
    cara = next(m for m in prep.instance.near_misses if m.person == "E3" and m.demand == "claims/mlops_engineer")
    assert (cara.reason, cara.weeks_needed, cara.weeks_available) == ("training_too_long", 3, 2)


def test_upskilling_off_removes_training_options(tiny_project, tiny_templates) -> None:
    tiny_project.scenario().policy_overrides["claims"] = Policy(allow_upskilling=False)
    inst = build_instance(tiny_project, None, templates=tiny_templates, today=TODAY).instance
    assert all(not o.trainings for o in inst.options)
    assert inst.initiatives[0].allow_training is False


def test_training_options_are_capped_per_demand(tiny_project, tiny_templates) -> None:
    for i in range(30):
        tiny_project.roster.people.append(person(f"T{i}", f"Trainee {i}", {"mlops": 3, "kubernetes": 2,
                                                                           "containers": 3}))
    prep = build_instance(tiny_project, None, templates=tiny_templates, today=TODAY)
    trainees = [o for o in prep.instance.options if o.trainings]
    assert len(trainees) <= 8
    assert {"E1", "E2"} <= {o.person for o in prep.instance.options}  # qualified people always kept
    assert prep.pruning["trainable_dropped"] == 31 - len(trainees)


def test_portfolio_confirmed_time_belongs_to_its_initiative(tiny_project, tiny_templates) -> None:
    from app.domain import Initiative, Phase

    tiny_project.portfolio.initiatives.append(
        Initiative(id="churn", name="Churn Predictor", current_phase=Phase.PRODUCTION,
                   target_phase=Phase.OPERATIONS, go_live=TODAY + timedelta(weeks=10)))
    tiny_project.roster.people[0].commitments[0].fte = 0.6  # Ana: 0.6 confirmed on Claims
    prep = build_instance(tiny_project, None, templates=tiny_templates, today=TODAY)
    options = {(o.person, o.demand): o for o in prep.instance.options}
    assert options[("E1", "claims/mlops_engineer")].max_units is None  # all 20 units usable on Claims
    assert options[("E1", "churn/mlops_engineer")].max_units == 8  # 1.0 − 0.6 held by Claims


def test_people_left_out_are_counted_once_however_many_roles_they_could_train_for(tiny_project, tiny_templates
                                                                                   ) -> None:
    from app.domain import Initiative, Phase, Plan, PlanStatus
    from app.planning.words import Words

    tiny_project.portfolio.initiatives.append(  # a second initiative asking for the same MLOps role
        Initiative(id="churn", name="Churn Predictor", current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION,
                   go_live=TODAY + timedelta(weeks=8)))
    for i in range(30):
        tiny_project.roster.people.append(person(f"T{i}", f"Trainee {i}", {"mlops": 3, "kubernetes": 2,
                                                                           "containers": 3}))
    prep = build_instance(tiny_project, None, templates=tiny_templates, today=TODAY)
    kept = [{o.person for o in prep.instance.options if o.trainings and o.demand == f"{ini}/mlops_engineer"}
            for ini in ("claims", "churn")]
    left_out = 31 - len(kept[0] & kept[1])  # the 31 trainees, less those kept on both MLOps roles
    assert prep.pruning["trainable_dropped"] == 62 - len(kept[0]) - len(kept[1]) > left_out  # person–role pairs
    plan = Plan(status=PlanStatus.OPTIMAL, settings={f"pruning_{k}": v for k, v in prep.pruning.items()})
    assert Words().status(plan) == (f"optimal among the people considered ({left_out} more people who could be "
                                    "trained in time for a role were not considered for it)")
