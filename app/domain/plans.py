"""Staffing plans as the delivery lead reads them: decisions, reasons, costs and how good the plan is."""
from __future__ import annotations

import math
import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator


class PlanStatus(StrEnum):
    """How much the plan is proven: optimal only when every objective level is proven."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"  # a valid plan, not proven best (time limit or cancel)
    INFEASIBLE = "infeasible"  # hard rules (pins, budget) contradict each other
    NO_PLAN = "no_plan"  # stopped before any plan was found


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
    reason: str = ""
    cost: float | None = Field(default=None, ge=0, description="The person's time on this role over the planning "
                                                               "horizon, at their internal cost (None: not recorded).")


class Training(BaseModel):
    """An upskilling step a plan relies on."""

    person_id: str
    person_name: str = ""
    initiative: str = ""
    role: str = ""
    skill: str
    from_level: int = Field(ge=0, le=5)
    to_level: int = Field(ge=1, le=5)
    weeks: float = Field(ge=0)
    cost: float = Field(ge=0)
    latest_start: date | None = None
    reason: str = ""


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
    reason: str = ""
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
    cause: str


class ObjectiveLevel(BaseModel):
    """One level of the lexicographic objective, with its proof."""

    name: Literal["uncovered", "cost", "disruption"]
    value: float
    bound: float
    gap: float = Field(description="Relative gap |value-bound|/max(1,|value|); 0 when proven.")
    proven: bool


class Pin(BaseModel):
    """An agreed decision the optimiser must keep."""

    person_id: str
    initiative: str
    role: str
    fte: float | None = None


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
    message: str = ""
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

    def status_detail(self, *, include_pay: bool = True) -> str:
        """The status in words, honest about what was proven (names the candidates pruned before solving)."""
        if self.status == PlanStatus.INFEASIBLE:
            return "infeasible: the agreed decisions (pins, budget, caps) contradict each other"
        if self.status == PlanStatus.NO_PLAN:
            return "no plan: the search stopped before finding one"
        dropped = int(self.settings.get("pruning_trainable_dropped", 0) or 0)
        scope = (f"among the candidates considered ({dropped} trainable candidate{'' if dropped == 1 else 's'} "
                 f"beyond the best {self.settings.get('pruning_trainees_per_role', 8)} per role left out)"
                 if dropped else "")
        if self.status == PlanStatus.OPTIMAL:
            return f"proven optimal {scope}" if dropped else "optimal (every objective level proven)"
        names = {"cost": "cost" if include_pay else "money level"}
        open_levels = ", ".join(names.get(lv.name, lv.name) for lv in self.objective if not lv.proven)
        return ("feasible: a valid plan, not proven best" + (f" ({open_levels} not proven)" if open_levels else "")
                + (f"; searched {scope}" if dropped else ""))

    @property
    def hired_heads(self) -> int:
        """People to hire (a row 'hire 2 FTE' counts 2), the number every 'hires' figure shows."""
        return sum(h.heads for h in self.hires if h.kind == "hire")

    @property
    def contracted_heads(self) -> int:
        """Contractors to engage, counted in people."""
        return sum(h.heads for h in self.hires if h.kind == "contract")


#: A money amount as `app.planning.prepared.money` writes it in reasons and messages (€850, €18k, €1.2M).
_AMOUNT = re.compile(r"-?€[0-9][0-9.,]*[kM]?")


def without_pay(plan: Plan) -> Plan:
    """A copy of the plan with money amounts hidden in every reason, cause and message (for outputs without pay)."""
    def scrub(text: str) -> str:
        return _AMOUNT.sub("(amount hidden)", text)

    return plan.model_copy(update={
        "assignments": [a.model_copy(update={"reason": scrub(a.reason)}) for a in plan.assignments],
        "trainings": [t.model_copy(update={"reason": scrub(t.reason)}) for t in plan.trainings],
        "hires": [h.model_copy(update={"reason": scrub(h.reason)}) for h in plan.hires],
        "uncovered": [u.model_copy(update={"cause": scrub(u.cause)}) for u in plan.uncovered],
        "message": scrub(plan.message),
    })
