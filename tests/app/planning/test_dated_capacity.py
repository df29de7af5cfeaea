"""The snapshot optimiser and dates: each person's least free time over the target phase's window.

Tiny project: today Mon 2 March 2026, go-live Mon 27 April (8 weeks on), no later gate, so the window runs to the
end of the 26-week horizon, Mon 31 August. The MLOps role needs at least 0.2 FTE (4 units of 0.05) from anyone.
"""
from __future__ import annotations

from datetime import date

from app.domain import Absence, Commitment, CommitmentStatus
from app.planning import build_instance
from app.timeline.window import target_window
from tests.app.planning.conftest import TODAY, person

QUALIFIED = {"mlops": 3, "kubernetes": 3}


def _dated(pid: str, name: str, *, end=None, start=None, **kw):
    return person(pid, name, QUALIFIED, **kw) if end is None and start is None else person(
        pid, name, QUALIFIED, **kw).model_copy(update={"commitments": [Commitment(
            initiative="other", fte=1.0, status=CommitmentStatus.CONFIRMED, start=start, end=end)]})


def _build(project, templates):
    prep = build_instance(project, None, templates=templates, today=TODAY)
    people = {p.id: p for p in prep.instance.people}
    options = {o.person for o in prep.instance.options if o.demand == "claims/mlops_engineer"}
    misses = {c.person_id: c for c in prep.demands["claims/mlops_engineer"].candidates if c.status != "option"}
    return people, options, misses


def test_the_window_runs_from_the_go_live_to_the_next_gate_or_the_horizon(tiny_project) -> None:
    [claims] = tiny_project.portfolio.initiatives
    assert target_window([claims], today=TODAY, horizon_weeks=26) == (date(2026, 4, 27), date(2026, 8, 31))
    claims.roadmap = {**claims.roadmap, "operations": date(2026, 7, 1)}
    assert target_window([claims], today=TODAY, horizon_weeks=26) == (date(2026, 4, 27), date(2026, 6, 30))


def test_someone_who_rolls_off_before_the_go_live_is_free_for_it(tiny_project, tiny_templates) -> None:
    tiny_project.roster.people.append(_dated("E8", "Hana Roll", end=date(2026, 4, 10)))
    people, options, _ = _build(tiny_project, tiny_templates)
    assert "E8" in options and people["E8"].free_units == 20


def test_someone_committed_into_the_window_is_a_near_miss_that_says_when_they_are_free(
        tiny_project, tiny_templates) -> None:
    tiny_project.roster.people.append(_dated("E9", "Ivo Busy", end=date(2026, 6, 12)))
    tiny_project.roster.people.append(person("E10", "Jo New", QUALIFIED, start_date=date(2026, 5, 18)))
    _, options, misses = _build(tiny_project, tiny_templates)
    assert "E9" not in options and "E10" not in options
    assert (misses["E9"].status, misses["E9"].free_from) == ("no_capacity", date(2026, 6, 15))
    assert (misses["E10"].status, misses["E10"].free_from) == ("no_capacity", date(2026, 5, 18))


def test_work_starting_after_the_window_does_not_count_and_leave_counts_at_its_mean(
        tiny_project, tiny_templates) -> None:
    tiny_project.roster.people.append(_dated("E11", "Kai Later", start=date(2026, 9, 7)))
    # 10 of the window's 91 working days
    holiday = Absence(start=date(2026, 7, 6), end=date(2026, 7, 17), kind="Holiday")
    tiny_project.roster.people.append(person("E12", "Lea Away", QUALIFIED).model_copy(update={"absences": (holiday,)}))
    people, options, _ = _build(tiny_project, tiny_templates)
    assert {"E11", "E12"} <= options
    assert people["E11"].free_units == 20
    assert people["E12"].free_units == 17  # 1 − 10/91 = 0.89 FTE: 17 whole units of 0.05


def test_undated_rosters_plan_as_before(tiny_project, tiny_templates) -> None:
    people, _, misses = _build(tiny_project, tiny_templates)
    assert (people["E1"].free_units, people["E2"].free_units) == (20, 10)


def test_a_hire_for_a_role_whose_only_expert_is_busy_says_when_they_are_free(tiny_project, tiny_templates) -> None:
    from app.planning import plan_scenario
    from app.planning.words import Words

    busy = _dated("E9", "Ivo Busy", end=date(2026, 6, 12))
    tiny_project.roster.people[:] = [busy, person("E4", "Dan Moss", {"python": 5})]
    plan = plan_scenario(tiny_project, templates=tiny_templates, time_limit=5, today=TODAY)
    [bought] = [h for h in plan.hires if h.role == "mlops_engineer"]
    assert Words().hire(bought).startswith("the only qualified person (Ivo Busy) has no free time before 15 Jun 2026; ")
    assert (bought.why.free_from, bought.why.free_person_id) == (date(2026, 6, 15), "E9")


def test_an_open_role_names_the_busy_person_with_dates() -> None:
    from app.domain.reasons import Commitment as Busy
    from app.domain.reasons import OpenCause, PersonWhy
    from app.planning.words import Words

    why = PersonWhy(person_id="E9", person_name="Ivo Busy", state="no_capacity", free_from=date(2026, 6, 15),
                    commitments=[Busy(initiative="other", fte=1.0, status="confirmed", until=date(2026, 6, 12))])
    assert Words().cause(OpenCause(kind="people", people=[why])) == (
        "Ivo Busy: no free time (committed to other 1 FTE confirmed until 12 Jun 2026); free for it from 15 Jun 2026")
