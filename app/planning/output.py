"""The JSON a plan is written as (`phasegate plan --json`), its JSON Schema, and the text a delivery lead reads."""
from __future__ import annotations

from pydantic import BaseModel, Field, create_model

from app.domain.plans import Assignment, Hire, ObjectiveLevel, Plan, PlanStatus, Training, Uncovered
from app.planning.words import LEVEL_LABELS, Words, count, day, fte, weeks, worded
from solver.schema import Config

#: What each level's raw number is, in words (the name is the JSON `levels[].name`, used in text too).
SCORE_MEANING = {
    "uncovered": "weighted score: open FTE units × role criticality × initiative priority, plus bus-factor "
                 "penalties; lower is better",
    "cost": "money over the planning horizon",
    "disruption": f"disruption score: one point per new placement plus {Config().move_penalty} per person moved "
                  "to a new team; lower is better",
}


def _row(model: type[BaseModel], *, leave_out: set[str] = frozenset(), **fields) -> type[BaseModel]:
    """A plan row as the JSON writes it: the domain row's fields less its facts and `leave_out` (a person's internal
    cost), the reason a sentence, with `fields` replacing some of them."""
    kept = {name: (f.annotation, f) for name, f in model.model_fields.items() if name not in {"why", *leave_out}}
    return create_model(f"{model.__name__}Out", __doc__=model.__doc__, **{**kept, **fields})


_REASON = (str, Field(default="", description="Why, in words."))
_COST = (float | None, Field(description="Omitted (null) with --no-pay."))
#: A pinned row's tag in the text: who pinned it (None: a plan saved before pins recorded it).
_PIN_TAGS = {"lead": " [pinned by you]", "approver": " [approved by approver]", None: " [pinned]"}
AssignmentOut = _row(Assignment, leave_out={"start", "cost"}, reason=_REASON)
TrainingOut = _row(Training, reason=_REASON, cost=_COST)
HireOut = _row(Hire, leave_out={"annual_cost"}, reason=_REASON, cost=_COST,
               heads=(int, Field(default=1, description="People to recruit for this row (a 2 FTE hire is 2 heads).")))
UncoveredOut = _row(Uncovered, cause=(str, Field(description="Why it stays open, in words.")))


class LevelOut(BaseModel):
    """One level of the lexicographic objective with its proof; `value`/`bound` are scores, `measure` user terms."""

    name: str = Field(description="uncovered, cost or disruption.")
    label: str = Field(default="", description="The level's name in the text: Coverage, Cost or Moves.")
    value: float | None = Field(description="The level's score (see `meaning`); null for cost with --no-pay.")
    bound: float | None = Field(description="Best score proven possible.")
    gap: float
    proven: bool
    measure: float | None = Field(default=None, description="The level in user terms: FTE uncovered, cost, or "
                                                            "people moved.")
    measure_unit: str = Field(default="", description="'FTE uncovered', 'cost' or 'people moved'.")
    meaning: str = Field(default="", description="What the score counts.")
    text: str = Field(default="", description="The level as the text output shows it, in user terms.")


class Kpis(BaseModel):
    """The plan in a few numbers."""

    required_fte: float
    covered_fte: float
    coverage: float
    uncovered_fte: float
    total_cost: float | None
    people_moved: int
    hires: int = Field(description="People to hire, counted in heads (one row may hire several).")
    contracts: int = Field(description="Contractors to engage, counted in heads.")
    hire_rows: int = Field(default=0, description="Hire and contract rows (requisitions) in the plan.")
    trainings: int


class AlternativeOut(BaseModel):
    """One diverse plan at the same coverage (`phasegate plan --alternatives`), in the numbers compared."""

    kind: str = Field(description="lowest_cost, fewest_hires or most_internal_growth.")
    description: str = ""
    status: PlanStatus
    status_detail: str = ""
    coverage: float
    uncovered_fte: float
    total_cost: float | None = Field(description="Omitted (null) with --no-pay.")
    hires: int = Field(description="People to hire (heads).")
    contracts: int = Field(description="Contractors (heads).")
    trainings: int
    people_moved: int


def alternative_output(plan: Plan, *, include_pay: bool = True) -> AlternativeOut:
    """The JSON entry of one alternative plan."""
    words = Words(include_pay=include_pay)
    return AlternativeOut(
        kind=str(plan.settings.get("alternative", "")), description=words.first_line(plan),
        status=plan.status, status_detail=words.status(plan),
        coverage=plan.coverage, uncovered_fte=plan.uncovered_fte,
        total_cost=plan.total_cost if include_pay else None, hires=plan.hired_heads, contracts=plan.contracted_heads,
        trainings=len(plan.trainings), people_moved=plan.people_moved)


class PlanOutput(BaseModel):
    """`phasegate plan --json`: status, KPIs, objective and bounds per level, and every row with its reason."""

    status: PlanStatus
    status_detail: str = Field(default="", description="The status in words, saying what was proven: 'optimal "
                                                        "among the people considered (N more people … not considered)'.")
    message: str = ""
    scenario: str = ""
    initiatives: list[str] = Field(default_factory=list)
    kpis: Kpis
    objective: dict[str, float | None] = Field(description="Level name → value of the plan.")
    bounds: dict[str, float | None] = Field(description="Level name → best proven bound.")
    levels: list[LevelOut]
    assignments: list[AssignmentOut]
    trainings: list[TrainingOut]
    hires: list[HireOut]
    uncovered: list[UncoveredOut]
    solve_seconds: float = 0.0
    alternatives: list[AlternativeOut] = Field(default_factory=list, description="With --alternatives: diverse "
                                                                                 "plans at the same coverage.")


def plan_output(plan: Plan, *, include_pay: bool = True) -> PlanOutput:
    """The JSON model of a plan; without pay, every money amount is null and no sentence holds one."""
    def pay(x: float) -> float | None:
        return x if include_pay else None

    words = Words(include_pay=include_pay)
    status_detail = words.status(plan)
    measures = {"uncovered": (plan.uncovered_fte, "FTE uncovered"), "disruption": (plan.people_moved, "people moved")}

    def level(lv: ObjectiveLevel) -> LevelOut:
        hide = pay if lv.name == "cost" else (lambda x: x)
        measure, unit = measures.get(lv.name, (lv.value, "cost"))
        return LevelOut(name=lv.name, label=LEVEL_LABELS[lv.name], value=hide(lv.value), bound=hide(lv.bound),
                        gap=lv.gap, proven=lv.proven, measure=hide(measure), measure_unit=unit,
                        meaning=SCORE_MEANING.get(lv.name, ""), text=words.level(plan, lv))

    levels = [level(lv) for lv in plan.objective]
    plan = worded(plan, words)
    return PlanOutput(
        status=plan.status, status_detail=status_detail, message=plan.message,
        scenario=str(plan.settings.get("scenario", "")),
        initiatives=[i for i in str(plan.settings.get("initiatives", "")).split(", ") if i],
        kpis=Kpis(required_fte=plan.required_fte, covered_fte=plan.covered_fte, coverage=plan.coverage,
                  uncovered_fte=plan.uncovered_fte, total_cost=pay(plan.total_cost), people_moved=plan.people_moved,
                  hires=plan.hired_heads, contracts=plan.contracted_heads, hire_rows=len(plan.hires),
                  trainings=len(plan.trainings)),
        objective={lv.name: lv.value for lv in levels}, bounds={lv.name: lv.bound for lv in levels}, levels=levels,
        assignments=[AssignmentOut.model_validate(a.model_dump()) for a in plan.assignments],
        trainings=[TrainingOut.model_validate({**t.model_dump(), "cost": pay(t.cost)}) for t in plan.trainings],
        hires=[HireOut.model_validate({**h.model_dump(), "cost": pay(h.cost)}) for h in plan.hires],
        uncovered=[UncoveredOut.model_validate(u.model_dump()) for u in plan.uncovered],
        solve_seconds=plan.solve_seconds,
    )


def plan_output_schema() -> dict:
    """JSON Schema (draft 2020-12) of `phasegate plan --json`."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://phasegate.invalid/schema/plan.schema.json", **PlanOutput.model_json_schema()}


def plan_lines(plan: Plan, *, include_pay: bool = True, skill_name=lambda skill: skill,
               initiative_name=lambda initiative: initiative) -> list[str]:
    """The plan as text: status with proof per level, KPIs, then assignments, trainings, hires, uncovered (skills
    and initiatives by name)."""
    words = Words(include_pay=include_pay)
    cost = words.money
    lines = [f"Status: {words.status(plan)}"]
    if plan.objective:
        lines.append("  Objective, in order (each level is optimised without worsening the one before):")
    for i, lv in enumerate(plan.objective, start=1):
        lines.append(f"  {i}. {LEVEL_LABELS[lv.name]}: {words.level(plan, lv)}")
    plan = worded(plan, words)
    if plan.message:
        lines += [f"  {line}" for line in plan.message.splitlines()]
    if plan.status in (PlanStatus.INFEASIBLE, PlanStatus.NO_PLAN):
        return lines
    lines += ["", f"Assignments ({len(plan.assignments)})"]
    for a in sorted(plan.assignments, key=lambda a: (a.initiative, a.role, a.person_name)):
        tags = "".join((_PIN_TAGS[a.pinned_by] if a.pinned else "", " [moves in]" if a.moved else ""))
        lines.append(f"  {initiative_name(a.initiative)} · {a.role_name or a.role}: {a.person_name or a.person_id} "
                     f"{fte(a.fte)} FTE{tags}")
        lines.append(f"      {a.reason}")
    if plan.trainings:
        lines += ["", f"Trainings ({len(plan.trainings)})"]
        for t in plan.trainings:
            start = f", start by {day(t.latest_start)}" if t.latest_start else ""
            lines.append(f"  {t.person_name or t.person_id}: {t.skill_name or skill_name(t.skill)} {t.from_level}→{t.to_level}, "
                         f"{weeks(t.weeks)}, {cost(t.cost)}{start}")
    if plan.hires:
        heads = count(plan.hired_heads + plan.contracted_heads, "person", "people")
        lines += ["", f"Hires and contractors ({heads} in {count(len(plan.hires), 'requisition')})"]
        for h in plan.hires:
            by = f", requisition by {day(h.latest_requisition)}" if h.latest_requisition else ""
            lines.append(f"  {initiative_name(h.initiative)} · {h.role_name or h.role}: {h.kind} {count(h.heads, 'head')}, "
                         f"{fte(h.fte)} FTE, {cost(h.cost)}, {weeks(h.lead_time_weeks)} lead time{by}")
            lines.append(f"      {h.reason}")
    lines += ["", f"Uncovered ({fte(plan.uncovered_fte)} FTE)" if plan.uncovered else "Nothing left uncovered."]
    for u in plan.uncovered:
        lines.append(f"  {initiative_name(u.initiative)} · {u.role_name or u.role}: {fte(u.fte)} FTE open")
        lines.append(f"      because {u.cause}")
    return lines
