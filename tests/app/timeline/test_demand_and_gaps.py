"""Demand and gaps over time: the roadmap picks each period's phase; roll-offs and joiners move the gap."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from app.domain import Commitment, Initiative, Person, Phase, SkillLevel
from app.templates import load_phase_templates
from app.timeline import capacity, make_grid
from app.timeline.bench import bench_forecast
from app.timeline.demand import phase_on, phases_by_period, role_demand
from app.timeline.period_gaps import gap_timeline, open_demands

CLAIMS = Initiative(id="Claims", current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION,
                    roadmap={Phase.PRODUCTION: date(2027, 3, 15), Phase.OPERATIONS: date(2027, 6, 1)})
DS = {"machine_learning": SkillLevel(level=4), "python": SkillLevel(level=4), "statistics": SkillLevel(level=4)}


@pytest.fixture(scope="module")
def templates():
    return load_phase_templates(use_library=False)


def test_the_phase_in_force_follows_the_gates() -> None:
    assert phase_on(CLAIMS, date(2027, 3, 14)) == Phase.PILOT
    assert phase_on(CLAIMS, date(2027, 3, 15)) == Phase.PRODUCTION
    assert phase_on(CLAIMS, date(2027, 6, 1)) == Phase.OPERATIONS
    # re-staffing an initiative already in operations: the "go-live" is a deadline, not a gate still ahead
    running = Initiative(id="Ops", current_phase=Phase.OPERATIONS, target_phase=Phase.OPERATIONS,
                         go_live=date(2027, 4, 1))
    assert phase_on(running, date(2027, 3, 1)) == phase_on(running, date(2027, 5, 1)) == Phase.OPERATIONS
    grid = make_grid(date(2027, 1, 1), date(2027, 7, 31), by="month")
    # a month shows the phase in force on its last working day: March already needs the production team
    assert phases_by_period(CLAIMS, grid) == [Phase.PILOT, Phase.PILOT, Phase.PRODUCTION, Phase.PRODUCTION,
                                              Phase.PRODUCTION, Phase.OPERATIONS, Phase.OPERATIONS]


def test_role_demand_comes_from_the_template_of_each_period(templates) -> None:
    grid = make_grid(date(2027, 1, 1), date(2027, 7, 31), by="month")
    rows = {(d.phase, d.role.id): d.fte.tolist() for d in role_demand([CLAIMS], templates.phases, grid)}
    mlops = templates.phase(Phase.PRODUCTION).role("mlops_engineer").total_fte
    assert rows[(Phase.PRODUCTION, "mlops_engineer")] == [0, 0, mlops, mlops, mlops, 0, 0]
    reviewer = templates.phase(Phase.PILOT).role("security_compliance_reviewer").total_fte
    assert rows[(Phase.PILOT, "security_compliance_reviewer")] == [reviewer, reviewer, 0, 0, 0, 0, 0]
    assert all(np.all(d.fte >= 0) for d in role_demand([CLAIMS], templates.phases, grid))


def test_a_roll_off_opens_a_gap_and_a_free_person_fills_the_pool(templates) -> None:
    people = [
        Person(id="T1", name="Team Data Scientist", skills=DS,
               commitments=[Commitment(initiative="Claims", fte=1.0, end=date(2027, 1, 31))]),
        Person(id="P1", name="Pool Data Scientist", skills=DS,
               commitments=[Commitment(initiative="Churn", fte=1.0, end=date(2027, 2, 28))]),
    ]
    grid = make_grid(date(2027, 1, 1), date(2027, 3, 31), by="month")
    timeline = gap_timeline(capacity(people, grid), CLAIMS, templates)
    jan, feb, mar = timeline.periods
    role = {p.start.month: next(r for r in p.roles if r.role == "data_scientist") for p in timeline.periods}
    assert (role[1].team_fte, role[2].team_fte) == (1.0, 0.0)  # T1 rolls off Claims at the end of January
    assert feb.gap_fte == pytest.approx(jan.gap_fte + 1.0)
    # off the team, T1 joins the free pool at once; P1 only once Churn ends
    assert (role[1].pool_people, role[2].pool_people, role[3].pool_people) == (0, 1, 2)
    assert role[3].short_fte == pytest.approx(max(0.0, role[3].gap_fte - role[3].pool_fte))
    assert (jan.phase, mar.phase) == (Phase.PILOT, Phase.PRODUCTION)
    assert set(mar.gap_by_mode) == set(mar.readiness) and len(mar.gap_by_mode) == 5
    mlops_modes = next(r for r in mar.roles if r.role == "mlops_engineer").failure_modes
    assert all(mar.gap_by_mode[m] >= next(r for r in mar.roles if r.role == "mlops_engineer").gap_fte
               for m in mlops_modes)

    # the bench: P1 rolls off Churn on 28 February and fully qualifies for the open data scientist role
    demands = open_demands(timeline, templates)
    bench = bench_forecast(people, today=date(2027, 1, 4), weeks=10, catalogue=templates.catalogue, demands=demands)
    assert [(b.person_id, b.rolls_off, b.free_fte_after) for b in bench] == [
        ("T1", date(2027, 1, 31), 1.0), ("P1", date(2027, 2, 28), 1.0)]
    could = [(d.initiative, d.role, d.start) for d in bench[1].could_fill]
    assert ("Claims", "data_scientist", date(2027, 3, 1)) in could
    assert all(d.start >= date(2027, 2, 1) for d in bench[1].could_fill)  # nothing that ended before the roll-off


def test_a_snapshot_keeps_unchanged_people_and_dates_an_hr_unavailable_leaver() -> None:
    from app.timeline.snapshot import Snapshots

    plain = Person(id="A", name="Ada", skills=DS, commitments=[Commitment(initiative="X", fte=0.5)])
    leaver = Person(id="B", name="Bram", available=False, leaving_date=date(2027, 2, 12),
                    commitments=[Commitment(initiative="X", fte=1.0)])
    joiner = Person(id="C", name="Cleo", fte=0.8, start_date=date(2027, 2, 15))
    snaps = Snapshots(capacity([plain, leaver, joiner], make_grid(date(2027, 2, 1), date(2027, 3, 31), by="month")))
    feb, mar = snaps.people(0), snaps.people(1)
    assert feb[0] is plain and mar[0] is plain
    assert (feb[1].available, feb[1].fte, [c.fte for c in feb[1].commitments]) == (True, 0.5, [0.5])
    assert mar[1].available is False and mar[1].commitments == []
    assert (feb[2].available, feb[2].fte, mar[2].fte) == (True, 0.4, 0.8)
