"""The snapshot gap analysis reads free time over the optimiser's window, so Gaps and Plan agree on who is free.

Claims Triage goes live on Monday 2026-04-27 (TODAY + 8 weeks); with no later gate its window runs to the end of
the 26-week horizon from TODAY (2026-03-02): 2026-04-27 to 2026-08-31. Production needs an MLOps engineer (1 FTE)
and a half-time change manager.
"""
from __future__ import annotations

from datetime import date, timedelta

from app.domain import Commitment, Initiative, Phase, PhaseTemplate, Policy, Roster
from app.gaps import analyse_gaps
from app.planning.bridge import build_instance
from app.templates import TemplateSet
from app.timeline import capacity, make_grid
from app.timeline.period_gaps import gap_timeline
from app.timeline.window_gaps import over_window
from tests.app.planning.conftest import TODAY, make_project, make_templates, person

GATE_EVE, WINDOW_AFTER = date(2026, 4, 24), date(2026, 9, 7)


def _project(go_live: date | None = TODAY + timedelta(weeks=8)):
    project = make_project()
    claims = project.portfolio.initiatives[0].model_copy(update={"roadmap": {}})
    if go_live is not None:
        claims.go_live = go_live
    project.portfolio.initiatives[0] = claims
    project.roster = Roster(people=[
        # the pilot's MLOps engineer: on Claims until the Friday before the production gate
        _dated(person("E1", "Ana Ruiz", {"mlops": 4, "kubernetes": 3}), "claims", end=GATE_EVE),
        # busy elsewhere until the Friday before the gate, then free
        _dated(person("E2", "Ben Ode", {"mlops": 3, "kubernetes": 3}), "other", end=GATE_EVE),
        # free today, booked elsewhere from the middle of the window
        _dated(person("E3", "Cara Lind", {"mlops": 3, "kubernetes": 3}), "other", start=date(2026, 6, 1)),
        # booked elsewhere only after the window
        _dated(person("E4", "Dan Moss", {"change": 4}), "other", start=WINDOW_AFTER),
    ])
    return project, claims


def _dated(p, initiative, *, start=None, end=None):
    return p.model_copy(update={"commitments": [Commitment(initiative=initiative, fte=1.0, start=start, end=end)]})


def _templates() -> TemplateSet:
    """The tiny production template, with an empty pilot to move from."""
    base = make_templates()
    phases = {**base.phases, Phase.PILOT: PhaseTemplate(phase=Phase.PILOT, roles=[])}
    return TemplateSet(phases=phases, raw=dict(phases), catalogue=base.catalogue, graph=base.graph)


def _gaps(project, claims):
    people, window = over_window(project.roster.people, claims, today=TODAY)
    return analyse_gaps(people, initiative="claims", to_phase=claims.target_phase, from_phase=claims.current_phase,
                        templates=_templates(), window=window)


def _free_in_gaps(report) -> dict[str, float]:
    return {c.person_id: c.available_fte for r in report.roles for c in r.full_matches}


def _free_in_plan(project) -> dict[str, float]:
    prepared = build_instance(project, None, templates=make_templates(), today=TODAY)
    return {p.id: p.free_units * prepared.unit for p in prepared.instance.people if p.free_units}


def test_gaps_count_free_time_over_the_production_window_as_the_optimiser_does() -> None:
    project, claims = _project()
    report = _gaps(project, claims)
    mlops, change = report.role("mlops_engineer"), report.role("change_manager")
    # the pilot team rolls off before the gate: no one covers MLOps in production; Ana and Ben are free then
    assert (mlops.team_fte, mlops.gap_fte, mlops.pool_people) == (0.0, 1.0, 2)
    assert _free_in_gaps(report) == {"E1": 1.0, "E2": 1.0, "E4": 1.0} == _free_in_plan(project)
    assert (change.gap_fte, change.pool_fte) == (0.5, 0.5)  # Dan's later booking starts after the window
    window = report.capacity_window
    assert (window.first, window.last) == (date(2026, 4, 27), date(2026, 8, 31))
    assert window.words == "capacity over 27 Apr 2026 – 31 Aug 2026, the production window of Claims Triage"
    # read as running now, every commitment gave the opposite answer for three of the four
    undated = analyse_gaps(project.roster, initiative="claims", to_phase=Phase.PRODUCTION,
                           from_phase=Phase.PILOT, templates=_templates())
    assert undated.capacity_window is None
    assert (undated.role("mlops_engineer").gap_fte, _free_in_gaps(undated)) == (0.0, {})


def test_without_a_gate_the_window_starts_now_and_says_so() -> None:
    project, claims = _project(go_live=None)
    report = _gaps(project, claims)
    assert report.capacity_window.words == (
        "capacity from now, 2 Mar 2026 – 31 Aug 2026 (to the end of the 26-week planning horizon): Claims Triage has "
        "no production gate on its roadmap")
    # Ben is busy elsewhere until late April, Cara from June: neither is free the whole way, in Plan as in Gaps;
    # Ana's time until then is Claims' own, so she is free for it throughout
    assert _free_in_gaps(report) == {"E1": 1.0, "E4": 1.0} == _free_in_plan(project)
    assert report.role("mlops_engineer").team_fte == 0.0  # she leaves the Claims team inside the window


def test_a_window_whose_gate_has_passed_starts_today() -> None:
    project, claims = _project(go_live=TODAY - timedelta(weeks=2))
    assert _gaps(project, claims).capacity_window.words == (
        "capacity over 2 Mar 2026 – 31 Aug 2026, the production window of Claims Triage (its gate, 16 Feb 2026, has "
        "passed: from today)")


def test_month_by_month_gaps_agree_with_a_snapshot_over_each_month() -> None:
    # commitments change on month boundaries only, so each month is one steady state
    people = [
        _dated(person("E1", "Ana Ruiz", {"mlops": 4, "kubernetes": 3}), "claims", end=date(2026, 5, 31)),
        _dated(person("E2", "Ben Ode", {"mlops": 3, "kubernetes": 3}), "other", end=date(2026, 6, 30)),
        person("E3", "Cara Lind", {"mlops": 3, "kubernetes": 3}).model_copy(update={"commitments": [
            Commitment(initiative="other", fte=0.5, start=date(2026, 7, 1))]}),
        _dated(person("E4", "Dan Moss", {"change": 4}), "other", start=date(2026, 6, 1), end=date(2026, 6, 30)),
        person("E5", "Eli Park", {"change": 3}, fte=0.8),  # no dates: the same every month
    ]
    templates = _templates()
    claims = Initiative(id="claims", name="Claims Triage", current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION,
                        roadmap={Phase.PRODUCTION: date(2026, 5, 1)}, policy=Policy())
    months = gap_timeline(capacity(people, make_grid(date(2026, 5, 1), date(2026, 8, 31), by="month")), claims,
                          templates)
    assert len(months.periods) == 4
    for period in months.periods:
        alone = claims.model_copy(update={"roadmap": {Phase.PRODUCTION: period.start,
                                                      Phase.OPERATIONS: period.end + timedelta(days=1)}})
        seen, window = over_window(people, alone, today=period.start)
        assert (window.first, window.last) == (period.start, period.end)
        snapshot = analyse_gaps(seen, initiative="claims", to_phase=Phase.PRODUCTION, from_phase=Phase.PILOT,
                                templates=templates, window=window)
        assert [(r.role, r.team_fte, r.gap_fte, r.pool_fte, r.pool_people) for r in period.roles] == [
            (r.role, r.team_fte, r.gap_fte, r.pool_fte, r.pool_people) for r in snapshot.roles], period.start
    by_month = [[(r.team_fte, r.pool_people) for r in p.roles] for p in months.periods]
    # (team FTE, qualified people free) for MLOps and change: Ana on the team in May, then free; Ben free from
    # July; Cara half free from July; Dan away on other work in June only; Eli always free
    assert by_month == [[(1.0, 1), (0.0, 2)], [(0.0, 2), (0.0, 1)], [(0.0, 3), (0.0, 2)], [(0.0, 3), (0.0, 2)]]
