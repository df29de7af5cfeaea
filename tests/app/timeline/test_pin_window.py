"""The approvers' pin check reads a person's time over the plan's window, as the optimiser does: a pin onto someone
committed elsewhere during the window is reported with the dates; work that ends before it is not counted."""
from __future__ import annotations

from datetime import date

from app.domain import Commitment
from app.domain.plans import Pin
from app.planning.decisions import pins_over_capacity
from tests.app.planning.conftest import TODAY, make_project

# Claims Triage goes live on Monday 2026-04-27 (TODAY + 8 weeks); with no later gate its window runs to the end of
# the 26-week horizon from TODAY (2026-03-02): 2026-04-27 to 2026-08-31.
ROLES = {"mlops_engineer": "MLOps engineer"}


def _check(commitments, fte):
    project = make_project()
    cara = project.roster.by_id()["E3"]  # no commitments in the tiny roster
    people = {**project.roster.by_id(), "E3": cara.model_copy(update={"commitments": commitments})}
    claims = project.portfolio.initiatives
    pins = [Pin(person_id="E3", initiative="claims", role="mlops_engineer", fte=fte)]
    over = pins_over_capacity(pins, people=people, initiatives=claims, policy=claims[0].policy, role_names=ROLES,
                              today=TODAY)
    assert set(over) <= {"E3"}
    return list(over.values())


def test_committed_elsewhere_into_the_window_is_reported_with_the_dates():
    busy = [Commitment(initiative="other", fte=1.0, start=date(2026, 3, 2), end=date(2026, 5, 29))]
    assert _check(busy, 1.0) == [
        "Cara Lind (E3) is approved for 1 FTE (Claims Triage / MLOps engineer 1 FTE), but they have no free time "
        "from 27 Apr 2026 to 31 Aug 2026 (other 1 confirmed until 29 May 2026); free for it from 1 Jun 2026; lower the "
        "FTE in the workbook or free their time"]


def test_half_committed_during_part_of_the_window_gives_the_half_that_is_free():
    half = [Commitment(initiative="other", fte=0.5, start=date(2026, 6, 1), end=date(2026, 6, 30))]
    assert _check(half, 0.8) == [
        "Cara Lind (E3) is approved for 0.8 FTE (Claims Triage / MLOps engineer 0.8 FTE), but they have only 0.5 FTE "
        "free from 27 Apr 2026 to 31 Aug 2026 (other 0.5 confirmed from 1 Jun 2026 until 30 Jun 2026); free for it from "
        "1 Jul 2026; lower the FTE in the workbook or free their time"]
    assert _check(half, 0.5) == []


def test_work_that_ends_before_the_window_or_starts_after_it_does_not_count():
    # undated, the same full-time commitment would leave no time at all (the check before counted it as running now)
    before = [Commitment(initiative="other", fte=1.0, start=date(2026, 1, 5), end=date(2026, 4, 24))]
    after = [Commitment(initiative="other", fte=1.0, start=date(2026, 9, 1))]
    assert _check(before, 1.0) == []
    assert _check(after, 1.0) == []
    assert _check([Commitment(initiative="other", fte=1.0)], 1.0) == [
        "Cara Lind (E3) is approved for 1 FTE (Claims Triage / MLOps engineer 1 FTE), but they work 1 FTE and are "
        "committed 1 FTE to other, so 0 FTE is free; lower the FTE in the workbook or free their time"]
