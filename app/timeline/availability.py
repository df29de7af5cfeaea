"""Who is free when: each person's free FTE per period after commitments and leave, tentative shown apart, and the
bench — the JSON of `phasegate availability` (schema: `phasegate schema availability`)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
from pydantic import BaseModel, Field

from app.domain.people import Person
from app.domain.skills import SkillCatalogue
from app.timeline.bench import BenchEntry, OpenDemand, bench_forecast
from app.timeline.calendar import Granularity, make_grid
from app.timeline.capacity import Capacity, capacity, status_unavailable


class PeriodOut(BaseModel):
    """One period: first and last calendar day (inclusive) and its working days (Monday to Friday)."""

    start: date
    end: date
    working_days: int


class PersonAvailability(BaseModel):
    """One person's FTE per period (one value per entry of `periods`)."""

    person_id: str
    name: str
    title: str | None = None
    organisation: str | None = None
    free_fte: list[float] = Field(description="Contracted less leave less every commitment (confirmed and "
                                              "tentative), never below zero.")
    free_if_tentative_drops: list[float] = Field(description="Free FTE if the tentative commitments fell through.")
    contracted_fte: list[float] = Field(description="Contracted FTE on the days employed (0 before start/after leaving).")
    leave_fte: list[float]
    confirmed_fte: list[float]
    tentative_fte: list[float]
    over_fte: list[float] = Field(description="Commitments beyond the time present (over-allocation).")
    notes: list[str] = Field(default_factory=list, description="Joins, leaves, or not available per HR.")


class SkillFilter(BaseModel):
    """A skill people must hold (at least at `min_level`) to be listed."""

    skill: str
    name: str
    min_level: int


class AvailabilityReport(BaseModel):
    """`phasegate availability --json`: free FTE per person per period, totals, and the bench forecast."""

    start: date
    end: date
    by: Granularity
    periods: list[PeriodOut]
    skills: list[SkillFilter] = Field(default_factory=list)
    people: list[PersonAvailability]
    total_free_fte: list[float] = Field(description="Free FTE of the people listed, per period.")
    people_over_allocated: list[int] = Field(description="How many listed people are over-allocated, per period.")
    bench_weeks: int
    bench: list[BenchEntry] = Field(description="People rolling off within bench_weeks with time to spare.")
    notes: list[str] = Field(default_factory=list)


def availability_schema() -> dict:
    """JSON Schema (draft 2020-12) of the availability report."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://phasegate.invalid/schema/availability.schema.json",
            **AvailabilityReport.model_json_schema()}


def _notes(p: Person, start: date, end: date) -> list[str]:
    out = []
    if status_unavailable(p):
        out.append("not available per HR (no date says until when)")
    if p.start_date is not None and start < p.start_date <= end:
        out.append(f"joins {p.start_date.isoformat()}")
    if p.leaving_date is not None and p.leaving_date <= end:
        out.append(f"leaves after {p.leaving_date.isoformat()}")
    return out


def _values(row: np.ndarray) -> list[float]:
    return [round(float(v), 3) for v in row]


def people_rows(cap: Capacity) -> list[PersonAvailability]:
    """Each person of a Capacity as a report row (figures per displayed period, to 3 decimals)."""
    names = {"free_fte": "free", "free_if_tentative_drops": "free_if_tentative_drops",
             "contracted_fte": "contracted", "leave_fte": "leave", "confirmed_fte": "confirmed",
             "tentative_fte": "tentative", "over_fte": "over"}
    # plain float lists from numpy in one call each; the rows are built without re-validating 7 × periods floats
    # per person (20,000 people × 52 weeks took seconds through the validator)
    figures = {field: (np.round(cap.by_period(name), 3) + 0.0).tolist() for field, name in names.items()}
    start, end = cap.grid.start, cap.grid.end
    rows = []
    for i, p in enumerate(cap.people):
        values = {"person_id": p.id, "name": p.name, "title": p.title, "organisation": p.organisation,
                  **{field: column[i] for field, column in figures.items()}, "notes": _notes(p, start, end)}
        rows.append(PersonAvailability.model_construct(**values))
    return rows


def availability_report(people: Sequence[Person], *, start: date, end: date, by: Granularity | str = "week",
                        skills: Sequence[tuple[str, int]] = (), catalogue: SkillCatalogue | None = None,
                        bench_weeks: int = 8, demands: Sequence[OpenDemand] = (),
                        notes: Sequence[str] = ()) -> AvailabilityReport:
    """Free FTE per person and period from `start` to `end` (whole periods), for people holding `skills`."""
    listed = [p for p in people if all(p.level(s) >= lv for s, lv in skills)]
    grid = make_grid(start, end, by=by)
    cap = capacity(listed, grid)
    name_of = catalogue.name_of if catalogue else (lambda s: s)
    return AvailabilityReport(
        start=grid.start, end=grid.end, by=grid.by,
        periods=[PeriodOut(start=p.start, end=p.end, working_days=p.working_days) for p in grid.periods],
        skills=[SkillFilter(skill=s, name=name_of(s), min_level=lv) for s, lv in skills],
        people=people_rows(cap), total_free_fte=_values(cap.by_period("free").sum(axis=0)),
        people_over_allocated=[int(n) for n in (cap.by_period("over") > 1e-6).sum(axis=0)],
        bench_weeks=bench_weeks,
        bench=bench_forecast(listed, today=start, weeks=bench_weeks, catalogue=catalogue, demands=demands),
        notes=list(notes))
