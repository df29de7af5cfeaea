"""Staffing plans as the delivery lead reads them: decisions, reasons, costs and how good the plan is."""
from __future__ import annotations

import math
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from app.domain.reasons import AssignmentWhy, HireWhy, PlanNote, TrainingWhy, UncoveredWhy

_LEGACY = "Words saved by a version before structured reasons; new plans leave it empty and keep `why`."


class PlanStatus(StrEnum):
    """How much the plan is proven: optimal only when every objective level is proven."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"  # a valid plan, not proven best (time limit or cancel)
    INFEASIBLE = "infeasible"  # hard rules (pins, budget) contradict each other
    NO_PLAN = "no_plan"  # stopped before any plan was found


PinSource = Literal["lead", "approver"]


class Assignment(BaseModel):
    """A person placed in a role of an initiative at some FTE."""

    person_id: str
    person_name: str = ""
    initiative: str
    role: str
    role_name: str = ""
    fte: Annotated[float, Field(gt=0, le=2.0)]
    start: date | None = None
    moved: bool = Field(default=False, description="True when the person was not on this initiative's team.")
    pinned: bool = False
    pinned_by: PinSource | None = Field(default=None, description="Who pinned it: 'lead' (the delivery lead's own "
                                        "pin, not yet approved) or 'approver' (approved in a returned workbook); "
                                        "None when not pinned, or in a plan saved before pins recorded it.")
    reason: str = Field(default="", description=_LEGACY)
    why: AssignmentWhy | None = None
    cost: float | None = Field(default=None, ge=0, description="The person's time on this role over the planning "
                                                               "horizon, at their internal cost (None: not recorded).")


class Training(BaseModel):
    """An upskilling step a plan relies on."""

    person_id: str
    person_name: str = ""
    initiative: str = ""
    role: str = ""
    skill: str
    skill_name: str = ""
    from_level: int = Field(ge=0, le=5)
    to_level: int = Field(ge=1, le=5)
    weeks: float = Field(ge=0)
    cost: float = Field(ge=0)
    latest_start: date | None = None
    reason: str = Field(default="", description=_LEGACY)
    why: TrainingWhy | None = None


class Hire(BaseModel):
    """A hire or a contractor a plan relies on."""

    initiative: str
    role: str
    role_name: str = ""
    kind: Literal["hire", "contract"]
    fte: Annotated[float, Field(gt=0)]
    heads: int = Field(default=0, ge=0, description="People to recruit; 0 (plans saved before heads were recorded) "
                                                    "is read as the FTE rounded up.")
    cost: float = Field(ge=0)
    lead_time_weeks: int = Field(ge=0)
    latest_requisition: date | None = None
    reason: str = Field(default="", description=_LEGACY)
    why: HireWhy | None = None
    annual_cost: float | None = Field(default=None, ge=0, description="Yearly cost of this row at its FTE once in "
                                                                     "post (None: not recorded).")

    @model_validator(mode="after")
    def _heads_from_fte(self) -> Hire:
        if self.heads == 0:
            self.heads = max(1, math.ceil(self.fte - 1e-9))
        return self


class Uncovered(BaseModel):
    """A requirement the plan leaves open, and why."""

    initiative: str
    role: str
    role_name: str = ""
    fte: float = Field(gt=0)
    cause: str = Field(default="", description=_LEGACY)
    why: UncoveredWhy | None = None


class ObjectiveLevel(BaseModel):
    """One level of the lexicographic objective, with its proof."""

    name: Literal["uncovered", "cost", "disruption"]
    value: float
    bound: float
    gap: float = Field(description="Relative gap |value-bound|/max(1,|value|); 0 when proven.")
    proven: bool




class Pin(BaseModel):
    """An assignment the optimiser must keep, and who fixed it: the delivery lead (Pin in the window) or an approver
    (Approved, or an FTE edited, in a returned workbook).

    Project files written before pins recorded their origin have no `source`. Such a pin with a comment came from
    an approval — reading a workbook back is the only thing that gives a pin a comment — so it is read as the
    approver's; any other is read as the lead's. That default never claims an approval nobody can show: a pin taken
    for the lead's goes back to the approvers as Proposed and they approve it again, while a lead's pin taken for an
    approval would be shown to approvers as agreed when it was not.
    """

    person_id: str
    initiative: str
    role: str
    fte: float | None = None
    comment: str = Field(default="", description="The approver's comment when the pin came from an approval.")
    source: PinSource = Field(default="lead", description="Who fixed it: 'lead' (the delivery lead's own pin, still "
                                                          "to be approved) or 'approver' (approved in a workbook).")

    @model_validator(mode="before")
    @classmethod
    def _source_of_an_old_pin(cls, data: object) -> object:
        if isinstance(data, dict) and "source" not in data and data.get("comment"):
            return {**data, "source": "approver"}
        return data

    @property
    def by_approver(self) -> bool:
        """True when an approver approved this assignment (not only the delivery lead pinned it)."""
        return self.source == "approver"


class Exclusion(BaseModel):
    """A person the optimiser must not use (for one initiative, or for all when initiative is None)."""

    person_id: str
    initiative: str | None = None
    reason: str = ""


class SourcingLimit(BaseModel):
    """Approvers' limit on hiring or contracting for one role of one initiative: at most `max_fte` (0 = rejected)."""

    initiative: str
    role: str
    kind: Literal["hire", "contract"]
    max_fte: float = Field(default=0.0, ge=0)
    reason: str = ""

    @property
    def rejected(self) -> bool:
        """True when the route may not be used at all."""
        return self.max_fte <= 0

    def used_in(self, plan: Plan) -> float:
        """The FTE the plan still hires or contracts on this limit's role (more than `max_fte` breaks it)."""
        return sum(h.fte for h in plan.hires if (h.initiative, h.role, h.kind) == (self.initiative, self.role,
                                                                                     self.kind))


class Approval(BaseModel):
    """An approved hire, contract or training: the re-plan keeps it while the plan still needs it, and says when not;
    the next workbook shows it approved."""

    subject: Literal["hire", "contract", "training"]
    initiative: str = ""
    role: str = ""
    person_id: str | None = None
    skill: str | None = None
    fte: float | None = None
    comment: str = ""
    text: str

    def kept_by(self, plan: Plan) -> bool:
        """True when the plan still has what was approved: this person's training in this skill, or a hire or
        contract of this kind on this role."""
        if self.subject == "training":
            return any((t.person_id, t.skill) == (self.person_id, self.skill) for t in plan.trainings)
        return any((h.kind, h.initiative, h.role) == (self.subject, self.initiative, self.role) for h in plan.hires)

    def same_subject(self, other: Approval) -> bool:
        """True when both approve the same hire or contract of a role, or the same person's training in a skill."""
        if self.subject == "training":
            return other.subject == "training" and (self.person_id, self.skill) == (other.person_id, other.skill)
        return (self.subject, self.initiative, self.role) == (other.subject, other.initiative, other.role)


class TrainingRejection(BaseModel):
    """A training approvers said no to: a plan may not rely on this person learning this skill."""

    person_id: str
    skill: str
    reason: str = ""


class Plan(BaseModel):
    """A staffing plan for one initiative or a portfolio."""

    status: PlanStatus
    assignments: list[Assignment] = Field(default_factory=list)
    trainings: list[Training] = Field(default_factory=list)
    hires: list[Hire] = Field(default_factory=list)
    uncovered: list[Uncovered] = Field(default_factory=list)
    objective: list[ObjectiveLevel] = Field(default_factory=list)
    total_cost: float = 0.0
    required_fte: float = 0.0
    covered_fte: float = 0.0
    people_moved: int = 0
    message: str = Field(default="", description=_LEGACY)
    notes: list[PlanNote] | None = Field(default=None, description="What the plan says beside its figures; "
                                                                   "None in plans saved before structured reasons.")
    solve_seconds: float = 0.0
    created: datetime = Field(default_factory=datetime.now)
    settings: dict[str, str | int | float | bool] = Field(default_factory=dict)

    @property
    def coverage(self) -> float:
        """Share of required FTE covered (1.0 when nothing is required)."""
        return 1.0 if self.required_fte <= 0 else round(self.covered_fte / self.required_fte, 4)

    @property
    def uncovered_fte(self) -> float:
        """Sum of uncovered FTE."""
        return round(sum(u.fte for u in self.uncovered), 4)

    @property
    def hired_heads(self) -> int:
        """People to hire (a row 'hire 2 FTE' counts 2), the number every 'hires' figure shows."""
        return sum(h.heads for h in self.hires if h.kind == "hire")

    @property
    def contracted_heads(self) -> int:
        """Contractors to engage, counted in people."""
        return sum(h.heads for h in self.hires if h.kind == "contract")
