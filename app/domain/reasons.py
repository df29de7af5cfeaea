"""Why each row of a plan is there, as facts (who, which skills, which numbers), never as sentences.

The planner stores these on the plan's rows (and so in project files); `app.planning.words` turns them into words
at output time, with or without pay. Fields marked `pay` hold money from which a person's pay could be derived:
the words leave them out of every output that promises no pay.
"""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


def _pay(description: str):
    """A money field that may reveal pay: hidden by the words without pay."""
    return Field(default=None, description=description, json_schema_extra={"pay": True})


class Fact(BaseModel):
    """A stored fact: plain data, unknown fields rejected so a typo in a project file is reported."""

    model_config = ConfigDict(extra="forbid")


class RoleRef(Fact):
    """A role of an initiative, with the names shown at planning time."""

    initiative: str
    initiative_name: str = ""
    role: str
    role_name: str = ""


class SkillLevel(Fact):
    """A person's level in a skill against what the role asks ('MLOps 4 ≥ 3')."""

    skill: str
    skill_name: str = ""
    has: int = Field(ge=0)
    needs: int = Field(ge=0)


class Upskill(Fact):
    """One training step ('Kubernetes 2→3, 3 weeks')."""

    skill: str
    skill_name: str = ""
    from_level: int = Field(ge=0)
    to_level: int = Field(ge=0)
    weeks: int = Field(ge=0)


class Commitment(Fact):
    """Where a person's time goes (for 'no free time' facts), until when when the roster's dates say."""

    initiative: str
    fte: float
    status: str = ""
    until: date | None = Field(default=None, description="The commitment's last day, when dated.")


class RunnerUp(Fact):
    """The best person not chosen for a role, and every way they compare with the chosen one."""

    person_id: str
    person_name: str = ""
    skill: SkillLevel | None = Field(default=None, description="Their first skill for the role, when qualified.")
    training_weeks: int | None = Field(default=None, description="Weeks of training they would need first.")
    extra_cost: float | None = _pay("What choosing them instead would add over the horizon (> 0: costlier).")
    needed_on: list[RoleRef] = Field(default_factory=list, description="Other roles the plan gives them.")
    needs_training: bool = Field(default=False, description="They need training and the chosen person does not.")
    would_move: bool = Field(default=False, description="They would have to move teams; the chosen one does not.")


class AssignmentWhy(Fact):
    """Why a person is on a role."""

    met: list[SkillLevel] = Field(default_factory=list, description="Required skills held at the role's level.")
    training: list[Upskill] = Field(default_factory=list, description="Trainings the assignment relies on.")
    moves_from: list[str] = Field(default_factory=list, description="Initiatives the person moves in from "
                                                                    "(empty and moved: from the wider pool).")
    runner_up: RunnerUp | None = None
    only_one: bool = Field(default=False, description="The only eligible person for the role.")
    by_hand_from: RoleRef | None = Field(default=None, description="Moved here by hand from this role.")


def moved_by_hand(*, initiative: str, role: str, role_name: str = "", initiative_name: str = "") -> AssignmentWhy:
    """The facts of an assignment a user moved from another role (the solver's facts no longer hold); the names
    are the ones the project uses now."""
    return AssignmentWhy(by_hand_from=RoleRef(initiative=initiative, initiative_name=initiative_name, role=role,
                                              role_name=role_name or role))


class TrainingWhy(Fact):
    """Why a training is in the plan: the roles it opens for the person."""

    serves: list[RoleRef] = Field(default_factory=list)


class SkillNeed(Fact):
    """A required skill at a level ('Change management ≥ 3')."""

    skill: str
    skill_name: str = ""
    level: int = Field(ge=0)


PersonState = Literal["needed_on", "no_free_time", "excluded", "unavailable", "no_capacity"]


class PersonWhy(Fact):
    """Why one qualified person does not fill an open role."""

    person_id: str
    person_name: str = ""
    state: PersonState
    needed_on: list[RoleRef] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list, description="no_capacity: where the time goes.")
    free_from: date | None = Field(default=None, description="no_capacity: the day they have the time for it "
                                                             "(roster dates).")


#: 'cheaper' and 'keeps_free' are read from plans saved before 'runner_up' said who was not moved in and why.
HireCase = Literal["nobody_holds", "no_free_time", "people", "runner_up", "fully_used", "cheaper", "keeps_free"]


class HireWhy(Fact):
    """Why a hire or contractor is needed rather than someone from the pool."""

    case: HireCase
    skills: list[SkillNeed] = Field(default_factory=list, description="nobody_holds: the skills nobody has.")
    together: bool = Field(default=False, description="nobody_holds: people hold each skill, nobody all together.")
    count: int = Field(default=0, description="no_free_time: qualified people; fully_used: eligible people.")
    person_id: str = Field(default="", description="The one qualified person, or the spare one not moved in.")
    person_name: str = ""
    saving: float | None = _pay("cheaper: what the hire saves against moving the spare person in.")
    free_from: date | None = Field(default=None, description="no_free_time: the soonest day a qualified person "
                                                             "busy in the window has the time (roster dates).")
    free_person_id: str = Field(default="", description="no_free_time: who that is.")
    free_person_name: str = ""
    people: list[PersonWhy] = Field(default_factory=list, description="people: the qualified, and why not them.")
    runner_up: RunnerUp | None = Field(default=None, description="runner_up: the person with time left not moved "
                                                                 "in, and how they compare with the hire.")


CauseKind = Literal["nobody_holds", "people", "upskilling_off", "training_too_late", "training_rejected", "route",
                    "replan", "not_solved"]
RouteCase = Literal["frozen", "not_allowed", "rejected", "not_offered", "cap_used", "lead_time", "over_budget"]
#: What the approvers' read-back records as the comment when an approver rejected a row without one (app/export).
NO_COMMENT = "rejected by an approver"


class OpenCause(Fact):
    """One reason a role stays (partly) open; the kind says which fields apply."""

    kind: CauseKind
    skills: list[SkillNeed] = Field(default_factory=list, description="nobody_holds")
    together: bool = Field(default=False, description="nobody_holds: each skill is held, not all together.")
    people: list[PersonWhy] = Field(default_factory=list, description="people: the qualified, and why not them")
    person_id: str = Field(default="", description="training_too_late, training_rejected: the nearest trainee")
    person_name: str = ""
    skill: SkillLevel | None = Field(default=None, description="training_too_late, training_rejected: the skill "
                                                               "they lack")
    weeks: int | None = Field(default=None, description="training_too_late: training weeks; route: lead time")
    go_live_weeks: int | None = Field(default=None, description="Weeks to go-live (None: no go-live).")
    horizon_weeks: int | None = Field(default=None, description="Weeks the plan looks ahead (no go-live).")
    route: Literal["hire", "contract"] | None = None
    case: RouteCase | None = None
    cap: int | None = Field(default=None, description="route cap_used: the hire cap")
    lifted: Literal["budget", "hire_cap"] | None = Field(default=None, description="replan: what was lifted")
    over: float | None = _pay("route over_budget / replan budget: the overrun.")
    comment: str = Field(default="", description="route rejected, training_rejected: the approver's comment.")


class UncoveredWhy(Fact):
    """Why a role stays (partly) open, in order of what a delivery lead can act on."""

    causes: list[OpenCause] = Field(default_factory=list)


class Conflict(Fact):
    """An agreed decision that cannot hold together with the others: a pin, a locked person or a budget."""

    rule: Literal["pin", "locked", "budget"]
    person_id: str = ""
    person_name: str = ""
    role: RoleRef | None = Field(default=None, description="pin: the role the person is pinned to.")
    fte: float | None = Field(default=None, description="pin: the FTE agreed, when exact.")
    initiative: str = Field(default="", description="budget: the initiative ('' for the portfolio's budget).")
    initiative_name: str = ""


NoteKind = Literal["alternative", "bus_factor", "solver", "explanations_skipped", "conflicts"]


class PlanNote(Fact):
    """Something the plan as a whole says beside its figures."""

    kind: NoteKind
    text: str = Field(default="", description="solver, alternative: the solver's own words (no amounts).")
    alternative: str = Field(default="", description="alternative: lowest_cost, fewest_hires, …")
    same_as_current: bool = False
    role: RoleRef | None = Field(default=None, description="bus_factor: the role resting on fewer than two.")
    conflicts: list[Conflict] = Field(default_factory=list, description="conflicts: the decisions in conflict.")


def pay_fields(model: type[BaseModel]) -> set[str]:
    """The fields of a fact model that hold pay-derived money."""
    return {name for name, f in model.model_fields.items()
            if isinstance(f.json_schema_extra, dict) and f.json_schema_extra.get("pay")}
