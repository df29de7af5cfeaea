"""Planning operations the CLI and the desktop app call: plan, validate, alternatives.

Thread-safe by construction: no globals, no printing; the caller passes a progress callback and a cancel object
(anything with `is_set()`, e.g. threading.Event) and gets a Plan back.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from app.domain.plans import Plan, PlanStatus
from app.domain.reasons import PlanNote
from app.planning.bridge import add_people, build_instance, scenario_of
from app.planning.budget import SKIPPED_TIME, Deadline, explain_within, plan_budget
from app.planning.convert import plan_to_solution, solution_to_plan
from app.planning.facts import role_ref
from app.planning.prepared import PreparedInstance
from app.planning.role_fit import assess, trainable
from app.planning.words import ALTERNATIVE_LABELS, Names, Words
from app.project.model import Project, Scenario
from app.templates import TemplateSet, levels_of, load_phase_templates
from solver.alternatives import Kind, alternatives
from solver.schema import Config, ProgressEvent
from solver.solve import solve
from solver.validate import validate

DEFAULT_TIME_LIMIT_S = 20.0


def solver_config(*, time_limit: float | None = None) -> Config:
    """The solver settings the app uses: deterministic, a time limit; the explanations of what stays uncovered run
    apart, when they fit in the plan's deadline (`budget.explain_within`)."""
    return Config(time_limit_s=time_limit or DEFAULT_TIME_LIMIT_S, explain=False)


def prepare(
    project: Project, *, scenario: Scenario | str | None = None, templates: TemplateSet | None = None,
    today: date | None = None,
) -> PreparedInstance:
    """build_instance with the defaults filled in (active scenario, bundled templates, today's date)."""
    return build_instance(project, scenario, templates=templates or load_phase_templates(),
                          today=today or date.today())


def plan_scenario(
    project: Project, *, scenario: Scenario | str | None = None, templates: TemplateSet | None = None,
    time_limit: float | None = None, progress: Callable[[ProgressEvent], None] | None = None,
    cancel=None, today: date | None = None, clock: Callable[[], float] = time.perf_counter,
) -> Plan:
    """Plans one scenario and stores the plan on it; infeasible and cancelled are normal results, not errors. The
    time limit covers the build, the search, the explanations and the reasons (`clock` lets tests drive it)."""
    deadline = Deadline(float(time_limit or DEFAULT_TIME_LIMIT_S), clock=clock)
    sc = scenario_of(project, scenario)
    prepared = prepare(project, scenario=sc, templates=templates, today=today)
    budget = plan_budget(deadline, build_s=deadline.elapsed(), instance=prepared.instance)
    config = solver_config(time_limit=budget.solve_s)
    solution = solve(prepared.instance, config=config, progress=progress, cancel=cancel)
    explained = explain_within(prepared.instance, solution, deadline=deadline, budget=budget, config=config,
                               cancel=cancel)
    plan = solution_to_plan(prepared, solution)
    if explained == SKIPPED_TIME:
        plan.notes.append(PlanNote(kind="explanations_skipped"))
    plan.settings.update({"time_limit_s": deadline.limit_s, "build_s": round(budget.build_s, 3),
                          "solve_limit_s": round(budget.solve_s, 3), "explanations": explained})
    sc.plan = plan
    prepared.drop()
    return plan


def validate_plan(
    project: Project, plan: Plan, *, scenario: Scenario | str | None = None, templates: TemplateSet | None = None,
    today: date | None = None, include_pay: bool = True,
) -> list[str]:
    """Every rule a (hand-edited) plan breaks, in business words; empty when the plan holds."""
    templates = templates or load_phase_templates()
    prepared = prepare(project, scenario=scenario, templates=templates, today=today)
    roles = {(i.initiative.id, i.role.id) for i in prepared.demands.values()}
    problems = [f"{a.person_name or a.person_id} is placed on role '{a.role_name or a.role}' of "
                f"'{prepared.initiative_name(a.initiative)}', which this scenario does not plan"
                for a in plan.assignments if (a.initiative, a.role) not in roles]
    kept = plan.model_copy(update={"assignments": [a for a in plan.assignments if (a.initiative, a.role) in roles]})
    strangers = {a.person_id: a.person_name for a in kept.assignments if a.person_id not in prepared.people}
    problems += [f"{name} (employee id {pid}) is no longer in the roster" if name else
                 f"employee id '{pid}' is not in the roster" for pid, name in strangers.items()]
    kept.assignments = [a for a in kept.assignments if a.person_id in prepared.people]
    add_people(prepared, [a.person_id for a in kept.assignments])
    solution = plan_to_solution(prepared, kept)
    words, names = Words(include_pay=include_pay), names_of(prepared)
    for v in validate(prepared.instance, solution):
        if v.rule == "eligibility" and _fits(prepared, templates, v.person, v.demand):
            continue
        problems.append(words.violation(v, names))
    prepared.drop()
    return problems


def _fits(prep: PreparedInstance, templates: TemplateSet, person_id: str | None, demand_id: str | None) -> bool:
    """True when the person is qualified for the role, or trainable before its go-live: the instance offers no
    option for someone excluded, unavailable or without time, and those rules say why on their own."""
    info, person = prep.demands.get(demand_id or ""), prep.people.get(person_id or "")
    if info is None or person is None:
        return False
    fit = assess(person.id, levels_of(person), info.role, graph=templates.graph, policy=info.policy)
    return trainable(fit, info) is None


def names_of(prep: PreparedInstance) -> Names:
    """How the words name a prepared instance's ids."""
    return Names(person=prep.name, demand=lambda did: role_ref(prep, did), initiative=prep.initiative_name, fte=prep.fte,
                 rejected=prep.rejected)


#: Which diverse plans `alternative_plans` asks for first: the best plan is already the cheapest, so lowest cost
#: comes last (it differs from the current plan only when that plan was not proven or is stale).
ALTERNATIVE_KINDS: tuple[Kind, ...] = ("fewest_hires", "most_internal_growth", "lowest_cost")


def alternative_plans(
    project: Project, *, scenario: Scenario | str | None = None, count: int = 2,
    templates: TemplateSet | None = None, time_limit: float | None = None, cancel=None,
    today: date | None = None, kinds: tuple[Kind, ...] | None = None, clock: Callable[[], float] = time.perf_counter,
) -> list[Plan]:
    """Up to `count` diverse plans at the scenario's best coverage (fewest hires, most internal growth, lowest cost),
    each with its kind as first note and `settings["alternative"]`; the scenario is untouched (docs/planning.md)."""
    chosen = tuple(kinds or ALTERNATIVE_KINDS)[: max(0, count)]
    if not chosen or (cancel is not None and cancel.is_set()):
        return []
    deadline = Deadline(float(time_limit or DEFAULT_TIME_LIMIT_S), clock=clock)
    sc = scenario_of(project, scenario)
    prepared = prepare(project, scenario=sc, templates=templates, today=today)
    budget = plan_budget(deadline, build_s=deadline.elapsed(), instance=prepared.instance, plans=len(chosen),
                         explain=False)
    solutions = alternatives(prepared.instance, kinds=chosen,
                             config=solver_config(time_limit=budget.solve_s))
    if cancel is not None and cancel.is_set():
        return []
    out: list[Plan] = []
    for kind in chosen:
        solution = solutions[kind]
        plan = solution_to_plan(prepared, solution.model_copy(update={"message": ""}))
        plan.settings.update({"time_limit_s": deadline.limit_s, "alternative": kind})
        found = plan.status in (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE)
        plan.notes.insert(0, PlanNote(kind="alternative", alternative=kind,
                                      text=solution.message if found else f"{ALTERNATIVE_LABELS[kind]}: no plan.",
                                      same_as_current=found and sc.plan is not None and _same(plan, sc.plan)))
        out.append(plan)
    return out


def _same(a: Plan, b: Plan) -> bool:
    """True when two plans make the same decisions (who goes where at what FTE, trainings, hires)."""
    def decisions(p: Plan) -> tuple:
        return (sorted((x.person_id, x.initiative, x.role, round(x.fte, 4)) for x in p.assignments),
                sorted((t.person_id, t.skill, t.to_level) for t in p.trainings),
                sorted((h.initiative, h.role, h.kind, round(h.fte, 4)) for h in p.hires))
    return decisions(a) == decisions(b)
