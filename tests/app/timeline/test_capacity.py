"""Capacity per person per period against figures worked out by hand on a calendar (Feb–Apr 2027).

Working days: February 2027 has 20 (Mon 1 – Fri 26), March 23, April 22. March 15 – 31 holds 13 of March's.
"""
from __future__ import annotations

from datetime import date

import pytest

from app.domain import Absence, Commitment, CommitmentStatus, Person
from app.timeline import capacity, make_grid, team_time

TENTATIVE = CommitmentStatus.TENTATIVE


def _people() -> list[Person]:
    return [
        Person(id="A", name="Ada", commitments=[
            Commitment(initiative="X", fte=0.5, start=date(2027, 2, 1), end=date(2027, 2, 28)),
            Commitment(initiative="Y", fte=0.4, status=TENTATIVE, start=date(2027, 3, 15))]),
        Person(id="B", name="Bram", fte=0.8, start_date=date(2027, 3, 15),
               absences=(Absence(start=date(2027, 4, 5), end=date(2027, 4, 16)),)),
        Person(id="C", name="Cleo", leaving_date=date(2027, 2, 12), commitments=[Commitment(initiative="Z", fte=1.0)]),
        Person(id="D", name="Dario", available=False, commitments=[Commitment(initiative="Z", fte=1.0)]),
        Person(id="E", name="Esme", commitments=[Commitment(initiative="X", fte=0.7),
                                                 Commitment(initiative="Y", fte=0.6)]),
        Person(id="F", name="Felix", commitments=[Commitment(initiative="X", fte=0.5)],
               absences=(Absence(start=date(2027, 2, 1), end=date(2027, 2, 12)),)),
    ]


def _rows(values) -> dict[str, list[float]]:
    return {pid: [round(float(v), 6) for v in row] for pid, row in zip("ABCDEF", values, strict=True)}


def test_monthly_figures_match_the_hand_computed_calendar() -> None:
    cap = capacity(_people(), make_grid(date(2027, 2, 10), date(2027, 4, 20), by="month"))
    assert [(p.start, p.end, p.working_days) for p in cap.grid.periods] == [
        (date(2027, 2, 1), date(2027, 2, 28), 20), (date(2027, 3, 1), date(2027, 3, 31), 23),
        (date(2027, 4, 1), date(2027, 4, 30), 22)]
    free = _rows(cap.by_period("free"))
    assert free["A"] == [0.5, round(1 - 0.4 * 13 / 23, 6), 0.6]
    assert free["B"] == [0.0, round(0.8 * 13 / 23, 6), round(0.8 - 0.8 * 10 / 22, 6)]
    assert free["C"] == [0.0, 0.0, 0.0]  # committed in full until leaving on Fri 12 Feb, then gone
    assert free["D"] == [0.0, 0.0, 0.0]  # HR says not available and no date says until when
    assert free["E"] == [0.0, 0.0, 0.0]
    assert free["F"] == [0.25, 0.5, 0.5]  # two weeks of February away: free only in the other two
    assert _rows(cap.by_period("free_if_tentative_drops"))["A"] == [0.5, 1.0, 1.0]
    assert _rows(cap.by_period("tentative"))["A"] == [0.0, round(0.4 * 13 / 23, 6), 0.4]
    assert _rows(cap.by_period("contracted"))["C"] == [0.5, 0.0, 0.0]
    assert _rows(cap.by_period("leave"))["B"] == [0.0, 0.0, round(0.8 * 10 / 22, 6)]
    over = _rows(cap.by_period("over"))
    assert over["E"] == [0.3, 0.3, 0.3] and over["F"] == [0.25, 0.0, 0.0]
    assert over["A"] == over["B"] == over["C"] == over["D"] == [0.0, 0.0, 0.0]


def test_weeks_and_months_agree() -> None:
    weekly = capacity(_people(), make_grid(date(2027, 2, 1), date(2027, 2, 28), by="week"))
    assert [p.start for p in weekly.grid.periods] == [date(2027, 2, d) for d in (1, 8, 15, 22)]
    free = _rows(weekly.by_period("free"))
    assert free["F"] == [0.0, 0.0, 0.5, 0.5] and free["A"] == [0.5] * 4
    assert _rows(weekly.by_period("contracted"))["C"] == [1.0, 1.0, 0.0, 0.0]
    monthly = capacity(_people(), make_grid(date(2027, 2, 1), date(2027, 2, 28), by="month"))
    assert monthly.by_period("free")[:, 0] == pytest.approx(weekly.by_period("free").mean(axis=1))


def test_a_week_across_two_months_is_split_by_working_day() -> None:
    # Mon 29 Mar – Fri 2 Apr 2027: three working days in March, two in April
    people = [Person(id="A", name="Ada", commitments=[Commitment(initiative="X", fte=1.0, end=date(2027, 3, 31))])]
    weekly = capacity(people, make_grid(date(2027, 3, 29), date(2027, 4, 2), by="week"))
    assert [round(float(v), 6) for v in weekly.by_period("free")[0]] == [0.4]
    monthly = capacity(people, make_grid(date(2027, 3, 29), date(2027, 4, 2), by="month"))
    assert [round(float(v), 6) for v in monthly.by_period("free")[0]] == [0.0, 1.0]


def test_team_time_is_what_leave_and_over_allocation_leave_of_a_commitment() -> None:
    cap = capacity(_people(), make_grid(date(2027, 2, 1), date(2027, 2, 28), by="month"))
    on_x = cap.grid.to_periods(team_time(cap, "X"))
    assert _rows(on_x)["F"] == [0.25]  # 0.5 FTE on X, away half the month
    assert _rows(on_x)["E"] == [round(0.7 / 1.3, 6)]  # 1.3 FTE promised on a 1.0 contract: X gets its share
    assert _rows(on_x)["A"] == [0.5]


def test_least_free_time_over_a_window() -> None:
    cap = capacity(_people(), make_grid(date(2027, 2, 1), date(2027, 4, 30), by="week"))
    least = dict(zip("ABCDEF", cap.min_free(date(2027, 3, 1), date(2027, 4, 30)).round(6).tolist(), strict=True))
    assert least["A"] == 0.6 and least["B"] == 0.0 and least["F"] == 0.5
    assert cap.min_free(date(2027, 3, 1), date(2027, 3, 12)).round(6).tolist()[0] == 1.0  # before Y starts
