"""The optimiser's contract: Instance in, Config alongside, Solution out (integers everywhere, no app types).

The caller (the app bridge) prepares the instance fully: every FTE is an integer number of `unit`s, every
money amount an integer in the caller's currency unit, every (person, demand) pair the model may use is listed
as an Option with the trainings it relies on. The model only iterates over what it is given.
The solution holds facts (rule, subject ids, numbers), never sentences: the app says them in words.
Fields are added with defaults and never renamed; one goes only once no caller (the app, the benchmarks) reads it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

NonNeg = Annotated[int, Field(ge=0)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


# --------------------------------------------------------------------------------------------------- instance


class TrainingStep(_Model):
    """One upskilling step (person, skill, from → to level); identical steps on two options are paid once."""

    skill: str = Field(min_length=1, description="Skill id.")
    from_level: int = Field(ge=0, le=5, description="Level the person has today.")
    to_level: int = Field(ge=1, le=5, description="Level reached after training.")
    weeks: int = Field(ge=0, description="Weeks the training takes (starts at week 0, in parallel with others).")
    cost: NonNeg = Field(description="Money cost of the training, paid once per (person, skill, to_level).")


class Person(_Model):
    """One person in the pool, as the optimiser sees them."""

    id: str = Field(min_length=1, description="Stable person id (employee id).")
    label: str = Field(default="", description="Display label for reasons; never logged.")
    free_units: NonNeg = Field(description="Units free after CONFIRMED commitments elsewhere.")
    displaceable_units: NonNeg = Field(default=0, description="Tentative units elsewhere that may be displaced.")
    displacement_cost_per_unit: NonNeg = Field(default=0, description="Cost per displaced tentative unit.")
    cost_per_unit: NonNeg = Field(default=0, description="Cost of one allocated unit over the planning horizon.")
    max_roles: int | None = Field(default=None, ge=1, description="Max demands at once; None = Instance default.")
    current_initiatives: list[str] = Field(default_factory=list, description="Initiatives the person is on today.")
    current_allocations: dict[str, NonNeg] = Field(
        default_factory=dict, description="Demand id → units held today (used when locked, and for reasons)."
    )
    locked: bool = Field(default=False, description="Must keep exactly current_allocations and take nothing else.")


class Sourcing(_Model):
    """A hire or contract route for one demand."""

    allowed: bool = Field(default=True, description="False when the role cannot be sourced this way at all.")
    cost_per_unit: NonNeg = Field(description="Cost of one hired/contracted unit over the horizon.")
    lead_weeks: NonNeg = Field(description="Weeks from requisition to start.")
    max_units: NonNeg | None = Field(default=None, description="Most units this route can supply (None = any).")


#: The distinct people an operations-critical demand needs (hires and contractors count): never one on call alone.
BUS_FACTOR = 2


class Demand(_Model):
    """One (initiative, role) requirement."""

    id: str = Field(min_length=1, description="Stable id, conventionally '<initiative>/<role>'.")
    initiative: str = Field(min_length=1)
    role: str = Field(min_length=1)
    label: str = Field(default="", description="Display label, e.g. 'MLOps engineer'.")
    required_units: NonNeg = Field(description="Units required (FTE / unit).")
    weight: int = Field(default=1, ge=1, description="Criticality weight per uncovered unit (role × priority).")
    ops_critical: bool = Field(default=False, description="Needs ≥ 2 distinct people (bus factor), hires count.")
    shareable: bool = Field(default=True, description="False: exclusive, a person on it takes no other demand.")
    go_live_week: NonNeg | None = Field(default=None, description="Week it must be staffed; None = initiative's.")
    hire: Sourcing | None = Field(default=None, description="Hiring route, None when not possible.")
    contract: Sourcing | None = Field(default=None, description="Contractor route, None when not possible.")
    pair_newcomers: bool = Field(default=False, description="Newcomers (moved people, hires) need an incumbent.")


class Option(_Model):
    """An eligible (person, demand) pair: qualified now, or after the listed trainings."""

    person: str
    demand: str
    trainings: list[TrainingStep] = Field(default_factory=list, description="Empty = qualified today.")
    match_score: int = Field(default=0, ge=0, le=1000, description="Fit quality (higher better), tie-breaks.")
    disruption_cost: NonNeg = Field(default=0, description="0 if the person is already on the initiative.")
    max_units: NonNeg | None = Field(default=None, description="Cap on units on this pair (None = capacity).")


NearMissReason = Literal["training_too_long", "no_capacity", "excluded", "skill_gap", "locked", "other"]


class NearMiss(_Model):
    """A best non-eligible candidate for a demand and why they are not an option (the app reads them back for its
    explanations; the solver does not)."""

    demand: str
    person: str
    reason: NearMissReason
    weeks_needed: NonNeg | None = None
    weeks_available: int | None = None
    detail: str = Field(default="", description="Business words, e.g. 'needs Kubernetes 3, has 1'.")


class Initiative(_Model):
    """Per-initiative policy and money."""

    id: str = Field(min_length=1)
    label: str = ""
    priority: int = Field(default=5, ge=1, le=10)
    go_live_week: NonNeg | None = Field(default=None, description="Weeks from today to go-live; None = no date.")
    budget: NonNeg | None = Field(default=None, description="Hard budget for this initiative; None = none.")
    max_hires: NonNeg | None = Field(default=None, description="Max hired heads for this initiative.")
    hiring_freeze: bool = False
    allow_contractors: bool = True
    allow_training: bool = True


class Pin(_Model):
    """A forced decision: the person is on the demand (exactly `units`, or at least `min_units`/min_alloc)."""

    person: str
    demand: str
    units: NonNeg | None = Field(default=None, description="Exact units; None = at least min_units.")
    min_units: NonNeg | None = Field(default=None, description="Lower bound; None = min_alloc_units.")


class Exclusion(_Model):
    """The person is not used: on one demand, one initiative, or anywhere when both are None."""

    person: str
    demand: str | None = None
    initiative: str | None = None
    reason: str = ""

    def applies(self, demand: Demand) -> bool:
        """True when this exclusion forbids the person on this demand."""
        if self.demand is not None:
            return self.demand == demand.id
        if self.initiative is not None:
            return self.initiative == demand.initiative
        return True


class Instance(_Model):
    """Everything the optimiser needs, prepared by the caller."""

    unit: float = Field(default=0.05, gt=0, le=1, description="FTE per integer unit.")
    min_alloc_units: int = Field(default=4, ge=1, description="No slivers: an allocation is 0 or ≥ this.")
    max_roles_default: int = Field(default=2, ge=1, description="Max concurrent demands per person by default.")
    people: list[Person] = Field(default_factory=list)
    demands: list[Demand] = Field(default_factory=list)
    options: list[Option] = Field(default_factory=list)
    initiatives: list[Initiative] = Field(default_factory=list)
    global_budget: NonNeg | None = Field(default=None, description="Hard portfolio budget; None = none.")
    max_hires_global: NonNeg | None = Field(default=None, description="Max hired heads overall.")
    pins: list[Pin] = Field(default_factory=list)
    exclusions: list[Exclusion] = Field(default_factory=list)
    near_misses: list[NearMiss] = Field(default_factory=list)

    @property
    def units_per_fte(self) -> int:
        """Units in one full-time head (a hire or contractor supplies at most this)."""
        return max(1, round(1 / self.unit))

    @model_validator(mode="after")
    def check_references(self) -> Instance:
        """Ids unique, and every demand, option and pin names people, demands and initiatives that exist (also for
        an instance assembled with `model_construct` from parts validated one by one)."""
        for kind, items in (("person", self.people), ("demand", self.demands), ("initiative", self.initiatives)):
            seen: set[str] = set()
            for item in items:
                if item.id in seen:
                    raise ValueError(f"{kind} id '{item.id}' appears twice")
                seen.add(item.id)
        people = {p.id for p in self.people}
        demands = {d.id for d in self.demands}
        initiatives = {i.id for i in self.initiatives}
        for d in self.demands:
            if d.initiative not in initiatives:
                raise ValueError(f"demand '{d.id}' names unknown initiative '{d.initiative}'")
        pairs: set[tuple[str, str]] = set()
        for o in self.options:
            if o.person not in people or o.demand not in demands:
                raise ValueError(f"option ({o.person}, {o.demand}) names an unknown person or demand")
            if (o.person, o.demand) in pairs:
                raise ValueError(f"option ({o.person}, {o.demand}) is listed twice")
            pairs.add((o.person, o.demand))
        for pin in self.pins:
            if pin.person not in people or pin.demand not in demands:
                raise ValueError(f"pin ({pin.person}, {pin.demand}) names an unknown person or demand")
        return self

    def initiative(self, initiative_id: str) -> Initiative:
        """The initiative with this id."""
        return next(i for i in self.initiatives if i.id == initiative_id)

    def go_live(self, demand: Demand) -> int | None:
        """The go-live week that applies to a demand (its own, else its initiative's)."""
        if demand.go_live_week is not None:
            return demand.go_live_week
        return self.initiative(demand.initiative).go_live_week

    def max_roles(self, person: Person) -> int:
        """The most demands a person may hold at once (their own limit, else the default)."""
        return person.max_roles if person.max_roles is not None else self.max_roles_default

    def has_budgets(self) -> bool:
        """True when an initiative or the portfolio has a budget."""
        return self.global_budget is not None or any(i.budget is not None for i in self.initiatives)

    def has_hire_caps(self) -> bool:
        """True when an initiative or the portfolio caps hires."""
        return self.max_hires_global is not None or any(i.max_hires is not None for i in self.initiatives)


# ----------------------------------------------------------------------------------------------------- config


class Config(_Model):
    """How to solve: time, threads, determinism, penalties and which speed-ups to use."""

    time_limit_s: float = Field(default=20.0, gt=0, description="Wall-clock budget for all levels together.")
    num_workers: int = Field(default=8, ge=1, description="CP-SAT workers when not deterministic (8 helps even on 2 cores).")
    random_seed: int = Field(default=0, description="CP-SAT seed; fixed → same plan for the same input.")
    deterministic: bool = Field(default=True, description="One seeded worker: same input → same proven plan.")
    bus_factor_penalty: int = Field(default=10, ge=0, description="Level-1 penalty per missing person × weight.")
    move_penalty: int = Field(default=100, ge=0, description="Level-3 penalty per person moved to a new team.")
    explain: bool = Field(default=True, description="Attach causes to uncovered demands (may re-solve).")
    explain_time_limit_s: float = Field(default=3.0, gt=0, description="Budget for explanation re-solves.")
    progress_interval_s: float = Field(default=0.2, ge=0, description="Minimum seconds between progress events.")
    cp_sat_parameters: dict[str, float | int | bool] = Field(
        default_factory=dict, description="Extra CP-SAT parameters by name (experiments, benchmarks; log_search_progress=True prints its log)."
    )


# --------------------------------------------------------------------------------------------------- solution

SolveStatus = Literal["optimal", "feasible", "infeasible", "no_plan"]
LevelName = Literal["coverage", "cost", "disruption"]
LevelStatus = Literal["optimal", "feasible", "infeasible", "unknown", "skipped"]
CauseKind = Literal["budget", "hire_cap"]


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    """A throttled progress report: the level being solved and how good the best plan is so far."""

    level: LevelName
    elapsed_s: float
    objective: float
    bound: float
    solutions_found: int
    #: The plan behind the event in the caller's terms, when the stage that found it knows them (None otherwise):
    #: units left open and units required (over the whole instance), its cost, and FTE per unit.
    uncovered_units: int | None = None
    required_units: int | None = None
    cost: int | None = None
    unit: float | None = None


class LevelReport(_Model):
    """One level of the lexicographic objective, with its proof status."""

    name: LevelName
    status: LevelStatus
    value: int = Field(description="Objective value of the kept plan at this level.")
    bound: int = Field(description="Best proven bound (equals value when proven).")
    gap: float = Field(description="|value − bound| / max(1, |value|); 0 when proven.")
    proven: bool = Field(description="True only when CP-SAT proved this level OPTIMAL.")
    time_to_proof_s: float | None = Field(default=None, description="Seconds to proof; None when not proven.")
    wall_s: float = 0.0


class Allocation(_Model):
    """A person placed on a demand for some units."""

    person: str
    demand: str
    units: int = Field(ge=1)
    trainings: list[TrainingStep] = Field(default_factory=list, description="Trainings this allocation needs.")
    cost: int = Field(default=0, description="cost_per_unit × units (trainings listed separately).")
    moved: bool = Field(default=False, description="True when the person is new to the initiative.")


class Procurement(_Model):
    """Units hired or contracted for a demand."""

    demand: str
    kind: Literal["hire", "contract"]
    units: int = Field(ge=1)
    heads: int = Field(ge=1, description="People to recruit (each supplies at most one FTE).")
    cost: int = 0
    lead_weeks: int = 0


class TrainingPlan(_Model):
    """A training the plan relies on (paid once) and the demands it serves."""

    person: str
    skill: str
    from_level: int
    to_level: int
    weeks: int
    cost: int
    demands: list[str] = Field(default_factory=list)


class Displacement(_Model):
    """Tentative units elsewhere that the plan displaces for a person."""

    person: str
    units: int = Field(ge=1)
    cost: int = 0


class Cause(_Model):
    """Why a demand is (partly) uncovered, found by a re-plan with that limit lifted (the app says it in words)."""

    kind: CauseKind
    amount: int | None = Field(default=None, description="budget: the overrun.")
    relaxed: bool = Field(default=False, description="Found by a re-plan with this limit lifted: lifting it "
                                                     "covers more.")


class UncoveredDemand(_Model):
    """Units of a demand the plan leaves open, and why."""

    demand: str
    units: int = Field(ge=1)
    causes: list[Cause] = Field(default_factory=list)


class Penalty(_Model):
    """A soft rule the plan violates, named after its rule and subject (e.g. bus_factor(demand=x))."""

    name: str
    rule: str
    subject: str
    amount: int


class Solution(_Model):
    """A staffing plan with its proof status per objective level."""

    status: SolveStatus
    message: str = ""
    levels: list[LevelReport] = Field(default_factory=list)
    allocations: list[Allocation] = Field(default_factory=list)
    procurements: list[Procurement] = Field(default_factory=list)
    trainings: list[TrainingPlan] = Field(default_factory=list)
    displacements: list[Displacement] = Field(default_factory=list)
    uncovered: list[UncoveredDemand] = Field(default_factory=list)
    penalties: list[Penalty] = Field(default_factory=list)
    conflicts: list[str] = Field(default_factory=list, description="When infeasible: the agreed decisions that cannot "
                                 "hold together, named after rule and subject, e.g. 'pin(person=E1,demand=ini/a)'.")
    total_cost: int = 0
    elapsed_s: float = 0.0
    components: int = Field(default=1, description="Independent sub-problems solved.")
    stats: dict[str, float] = Field(default_factory=dict, description="Model sizes and timings, for benchmarks.")

    def level(self, name: LevelName) -> LevelReport | None:
        """The report of one objective level, or None if not reached."""
        return next((lv for lv in self.levels if lv.name == name), None)

