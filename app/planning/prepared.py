"""What the bridge hands to the solver, plus everything needed to turn the answer back into business words."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.domain.initiatives import Initiative, Policy
from app.domain.people import CommitmentStatus, Person
from app.domain.plans import PinSource
from app.domain.roles import RoleTemplate
from app.domain.skills import SkillCatalogue
from solver.schema import Instance

if TYPE_CHECKING:
    from app.timeline.window import WindowCapacity

#: FTE tolerance when turning FTE into whole units (0.3 / 0.05 is 5.999… in floating point).
_EPS = 1e-6


def to_units(fte: float, unit: float) -> int:
    """Whole units in an FTE amount, rounded down (capacity is never over-stated)."""
    return max(0, int(math.floor(fte / unit + _EPS)))


def demand_units(fte: float, unit: float) -> int:
    """Whole units a requirement needs, rounded up (a requirement is never under-stated)."""
    return max(0, int(math.ceil(fte / unit - _EPS)))


def horizon_cost_per_unit(annual_cost: float, *, horizon_weeks: int, unit: float) -> int:
    """Money for one unit of FTE over the planning horizon, in whole currency units."""
    return int(round(annual_cost * horizon_weeks / 52.0 * unit))


def free_fte(person: Person, scope: set[str], policy: Policy, window: WindowCapacity) -> tuple[float, float]:
    """(free FTE, FTE that tentative commitments could give way) outside the planned initiatives, the second only
    with `policy.displace_tentative`; for a person whose dates matter in the target phases' window (`window`), the
    least on any working day of it."""
    displace = policy.displace_tentative
    if window.dated(person):
        least, least_confirmed = window.least_free(person)
        return least, max(0.0, least_confirmed - least) if displace else 0.0
    elsewhere = [c for c in person.commitments if c.initiative not in scope]
    confirmed = sum(c.fte for c in elsewhere if c.status == CommitmentStatus.CONFIRMED)
    tentative = sum(c.fte for c in elsewhere if c.status == CommitmentStatus.TENTATIVE)
    return (max(0.0, person.fte - confirmed - tentative),
            max(0.0, min(tentative, person.fte - confirmed)) if displace else 0.0)


def due(ini: Initiative, *, today: date) -> date:
    """The day a plan's dates (training starts, requisitions) count back from: the go-live, or the end of the
    planning horizon when none is set, an assumed date (its capacity is still read from today, as the gaps read it)."""
    return ini.go_live or today + timedelta(weeks=ini.policy.horizon_weeks)


#: Defaults when a role names no hiring/contract cost: a hire costs a little more than an insider, a
#: contractor much more (day rates), both relative to the policy's default internal cost.
HIRE_COST_FACTOR = 1.15
CONTRACT_COST_FACTOR = 1.8


def route_annual_cost(role: RoleTemplate, policy: Policy, kind: str) -> float:
    """A hire's or contractor's cost per FTE and year: the role's own figure, else the policy's default × factor."""
    if kind == "hire":
        return role.hire_annual_cost or policy.default_internal_annual_cost * HIRE_COST_FACTOR
    return role.contract_annual_cost or policy.default_internal_annual_cost * CONTRACT_COST_FACTOR


@dataclass(frozen=True)
class Step:
    """One training step a person needs for a role: skill from → to level, weeks, cost."""

    skill: str
    from_level: int
    to_level: int
    weeks: int
    cost: int


@dataclass(frozen=True)
class Fit:
    """How one person measures against one role: skills met, skills short, trainings that would close the gap."""

    person_id: str
    role_id: str
    met: tuple[tuple[str, int, int], ...]  # (skill, has, needs)
    short: tuple[tuple[str, int, int], ...]
    steps: tuple[Step, ...] = ()
    score: int = 0

    @property
    def qualified(self) -> bool:
        """True when every required skill is at or above its minimum level today."""
        return not self.short

    @property
    def gap_levels(self) -> int:
        """Sum of missing levels over the required skills."""
        return sum(need - has for _, has, need in self.short)

    @property
    def weeks(self) -> int:
        """Weeks until qualified (trainings run in parallel, so the longest one)."""
        return max((s.weeks for s in self.steps), default=0)

    @property
    def training_cost(self) -> int:
        """Money for all trainings this fit needs."""
        return sum(s.cost for s in self.steps)


@dataclass(frozen=True)
class Candidate:
    """A person considered for a demand, and what became of them: an option, or why not."""

    person_id: str
    fit: Fit
    status: str  # option | training_too_long | no_capacity | excluded | unavailable | rejected | skill_gap | pruned
    free_from: date | None = None  # no_capacity with dates: the first day they have the time for good


@dataclass
class DemandInfo:
    """The domain behind one solver demand: initiative, role template, go-live, candidates considered."""

    id: str
    initiative: Initiative
    role: RoleTemplate
    policy: Policy
    go_live: date | None  # the day its dates count back from (`due`: the horizon's end when none was set)
    go_live_week: int | None  # None when no go-live was set
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def learning_weeks(self) -> int:
        """The most weeks a training for this role may take: until go-live, else the planning horizon."""
        return self.go_live_week if self.go_live_week is not None else self.policy.horizon_weeks

    def latest(self, weeks: int) -> date | None:
        """The latest date something taking `weeks` may start and still finish by go-live."""
        return None if self.go_live is None else self.go_live - timedelta(weeks=weeks)


@dataclass
class PreparedInstance:
    """The solver instance and the domain context to explain its solution (built by `build_instance`)."""

    instance: Instance
    today: date
    scenario: str
    unit: float
    demands: dict[str, DemandInfo]
    people: dict[str, Person]
    catalogue: SkillCatalogue
    policies: dict[str, Policy]
    initiatives: dict[str, Initiative]
    pinned: dict[tuple[str, str], PinSource] = field(default_factory=dict)  # (person, demand) → who pinned it
    pruning: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # every initiative of the project by id, planned or not
    #: What the approvers said no to, with their comment: (demand, hire|contract) and (person, skill) trained.
    rejected: dict[tuple[str, str], str] = field(default_factory=dict)
    refused: dict[tuple[str, str], str] = field(default_factory=dict)

    def drop(self) -> None:
        """Empty the instance's option and near-miss lists and the candidates, a few hundred at a time, once a plan
        is made from them: freeing objects holds the GIL until the last is gone, and at 20,000 people the ~40,000
        options and their candidates took ~45 ms in one go at the end of every solve, the window's longest freeze
        (benchmarks/bench_worker_freeze.py); a few hundred at a time is well under 1 ms each."""
        for items in (self.instance.options, self.instance.near_misses,
                      *(info.candidates for info in self.demands.values())):
            while items:
                del items[-500:]

    def name(self, person_id: str) -> str:
        """Display name of a person (the id when unknown)."""
        person = self.people.get(person_id)
        return person.name if person else person_id

    def initiative_name(self, initiative_id: str) -> str:
        """Display name of an initiative of the project (the id when the project has none by that id)."""
        return self.names.get(initiative_id, initiative_id)

    def skill(self, skill_id: str) -> str:
        """Display name of a skill."""
        return self.catalogue.name_of(skill_id)

    def fte(self, units: int) -> float:
        """FTE of a number of units."""
        return round(units * self.unit, 4)
