"""People in the HR roster, their skills and their commitments."""
from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field, field_validator, model_validator

from app.domain.skills import MAX_LEVEL

#: FTE above this is certainly a data error; between 1.0 and this it is a warning.
FTE_HARD_LIMIT = 2.0
#: The initiative of time a roster books without naming what on ('allocation_percentage' and no project column): a
#: commitment outside every portfolio, so free time is what is left, and never an initiative of its own.
OTHER_WORK = "Other work (not named in the roster)"


class Evidence(StrEnum):
    """How a skill level is known."""

    SELF = "self-rated"
    MANAGER = "manager-rated"
    CERTIFIED = "certified"
    UNKNOWN = "unknown"


class CommitmentStatus(StrEnum):
    """Whether time promised to an initiative is agreed or only pencilled in."""

    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"


class SkillLevel(BaseModel):
    """One person's level in one skill, on the canonical 0–5 scale, with where it came from."""

    level: Annotated[int, Field(ge=0, le=MAX_LEVEL, description="Canonical level 0–5.")]
    evidence: Evidence = Evidence.UNKNOWN
    source_scale: str | None = Field(default=None, description="Scale in the source file, e.g. '1-5' or 'words'.")
    source_value: str | None = Field(default=None, description="The value as written in the source file.")


class Commitment(BaseModel):
    """Time a person already gives to an initiative, over a date range (open ends allowed)."""

    initiative: str = Field(min_length=1)
    fte: Annotated[float, Field(ge=0, le=FTE_HARD_LIMIT)]
    status: CommitmentStatus = CommitmentStatus.CONFIRMED
    role: str | None = None
    start: date | None = Field(default=None, description="First day of the commitment (None: already running).")
    end: date | None = Field(default=None, description="Last day, the roll-off date (None: until further notice).")

    @model_validator(mode="after")
    def _in_order(self) -> Commitment:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"ends ({self.end.isoformat()}) before it starts ({self.start.isoformat()})")
        return self

    def active_on(self, day: date) -> bool:
        """True when the commitment runs on this day."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Absence(BaseModel):
    """Leave: a date range in which a person gives part or all of their contracted time to nothing else."""

    start: date = Field(description="First day away.")
    end: date = Field(description="Last day away (inclusive).")
    share: Annotated[float | None, Field(gt=0, le=1, description="Share of contracted time off (1 = all).")] = None
    fte: Annotated[float | None, Field(gt=0, le=FTE_HARD_LIMIT, description="FTE off, when given as FTE.")] = None
    kind: str = Field(default="leave", description="As the source names it: holiday, parental leave, sick …")
    status: CommitmentStatus = CommitmentStatus.CONFIRMED

    @model_validator(mode="after")
    def _checks(self) -> Absence:
        if self.end < self.start:
            raise ValueError(f"ends ({self.end.isoformat()}) before it starts ({self.start.isoformat()})")
        if self.share is not None and self.fte is not None:
            raise ValueError("give the time off as a share or as FTE, not both")
        return self

    def fte_off(self, contracted: float) -> float:
        """FTE away on each day of the absence, for a person on `contracted` FTE (never above it)."""
        if self.fte is not None:
            return min(self.fte, contracted)
        return contracted * (1.0 if self.share is None else self.share)


class SourceRef(BaseModel):
    """Where a record came from: file, sheet and the row number the spreadsheet shows."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None


class Person(BaseModel):
    """One person in the roster."""

    id: str = Field(min_length=1, description="Employee id as HR writes it.")
    name: str = Field(min_length=1)
    title: str | None = None
    organisation: str | None = None
    location: str | None = None
    cost_center: str | None = None
    manager: str | None = None
    email: str | None = None
    fte: Annotated[float, Field(gt=0, le=FTE_HARD_LIMIT, description="Contracted FTE (1.0 = full time).")] = 1.0
    start_date: date | None = Field(default=None, description="First working day (hire date).")
    leaving_date: date | None = Field(default=None, description="Last working day, when known (notice given).")
    cost_rate: Annotated[float | None, Field(ge=0, description="Fully loaded annual cost per FTE.")] = None
    skills: dict[str, SkillLevel] = Field(default_factory=dict, description="Skill id → level.")
    commitments: list[Commitment] = Field(default_factory=list)
    absences: tuple[Absence, ...] = Field(default=(), description="Leave: dated time away (holiday, parental …).")
    available: bool = Field(default=True, description="False when on leave, leaving, or excluded by HR.")
    employment_status: str | None = Field(default=None, description="Employment status as HR wrote it "
                                          "('Active', 'Voluntarily Terminated', 'On leave').")
    extra: dict[str, str] = Field(default_factory=dict, description="Unmapped source columns, kept verbatim.")
    source: SourceRef = Field(default_factory=SourceRef)

    @field_validator("id", "name")
    @classmethod
    def _stripped(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("must not be blank")
        return value

    @model_validator(mode="after")
    def _commitments_fit(self) -> Person:
        # Over-commitment is reported by the importer as a warning, not refused here: HR data is what it is.
        return self

    def level(self, skill_id: str) -> int:
        """Canonical level in a skill (0 when absent)."""
        entry = self.skills.get(skill_id)
        return entry.level if entry else 0

    def committed_fte(self, *, include_tentative: bool = True, exclude: str | None = None,
                      on: date | None = None) -> float:
        """FTE promised to initiatives (optionally ignoring one initiative); with `on`, only the commitments that
        run on that day (one that has ended or not started yet promises nothing then)."""
        return sum(
            c.fte
            for c in self.commitments
            if (include_tentative or c.status == CommitmentStatus.CONFIRMED) and c.initiative != exclude
            and (on is None or c.active_on(on))
        )

    def free_fte(self, *, exclude: str | None = None, on: date | None = None) -> float:
        """FTE not promised to anything (on the day `on`, when given; never below zero)."""
        return max(0.0, round(self.fte - self.committed_fte(exclude=exclude, on=on), 4))

    def peak_committed(self, initiative: str | None = None) -> tuple[float, date | None]:
        """The most FTE promised at once (to `initiative` only, when given) and the first day it is promised (None:
        from the start). Dated commitments that never overlap do not add up: 1 FTE on one project to March and 1
        FTE on another from April is 1 FTE at once, not 2."""
        mine = [c for c in self.commitments if initiative is None or c.initiative == initiative]
        if all(c.start is None and c.end is None for c in mine):
            return round(sum(c.fte for c in mine), 4), None
        # the sum of what runs on a day is highest on some commitment's first day
        best, when = 0.0, None
        for day in sorted({c.start for c in mine}, key=lambda d: d or date.min):
            total = sum(c.fte for c in mine if c.start is None) if day is None else \
                sum(c.fte for c in mine if c.active_on(day))
            if total > best + 1e-9:
                best, when = total, day
        return round(best, 4), when

    def over_committed(self) -> bool:
        """True when more FTE is promised at once than the person's contract."""
        return bool(self.commitments) and self.peak_committed()[0] > self.fte + 1e-9

    def on_team(self, initiative: str, *, on: date | None = None) -> bool:
        """True when this person works on the initiative (with `on`: on a commitment that has not ended by that
        day, so someone who rolled off last year is not on the team; one booked from later is)."""
        return any(c.initiative == initiative and (on is None or c.end is None or c.end >= on)
                   for c in self.commitments)


class Roster(BaseModel):
    """The people of the organisation as imported."""

    people: list[Person] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> Roster:
        seen: set[str] = set()
        for p in self.people:
            if p.id in seen:
                raise ValueError(f"employee id '{p.id}' appears twice in the roster")
            seen.add(p.id)
        return self

    def by_id(self) -> dict[str, Person]:
        """People keyed by employee id."""
        return {p.id: p for p in self.people}

    def team_of(self, initiative: str, *, on: date | None = None) -> list[Person]:
        """The people working on an initiative (with `on`: whose commitment to it has not ended by that day)."""
        return [p for p in self.people if p.on_team(initiative, on=on)]

    def initiatives(self) -> list[str]:
        """Initiative names found in commitments, in first-seen order (time booked on work the roster does not name,
        `OTHER_WORK`, names no initiative)."""
        names: dict[str, None] = {}
        for p in self.people:
            for c in p.commitments:
                names.setdefault(c.initiative, None)
        names.pop(OTHER_WORK, None)
        return list(names)
