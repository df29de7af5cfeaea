"""solve(): the lexicographic search (coverage, then cost, then disruption), per independent component."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from solver.candidates import FULL_SHARE, GROWTH, candidate_set, short_demands, to_full, to_small
from solver.candidates import restricted as restricted_prep
from solver.explain import explain_allocations, explain_uncovered
from solver.flow import FlowResult, flow_start
from solver.guided import coverage_rounds, deadline_share, improve, neighbourhood
from solver.lns import Polished, polish
from solver.lp_bound import CoverageLP, coverage_lp, money_binds
from solver.lp_bound import cost_bound as lp_cost_bound
from solver.model import Model, build, cost_terms, coverage_terms, disruption_terms, expression
from solver.objective import level_values, total_cost
from solver.plan import PlanValues, SolutionParts, hint_values, read_values, to_parts
from solver.prepare import Prepared, components, prepare
from solver.quick import LEVELS, announce, best_quick_plan, is_valid, penalties, plan_values
from solver.schema import Config, Instance, LevelName, LevelReport, ProgressEvent, Solution
from solver.search import CancelFlag, LevelRun, run_level

#: Levels below one that is not proven are never run, so a level keeps all the time it needs: when it proves early
#: the rest passes on (a 0.6 share left 40 % of the user's wait unused whenever coverage did not prove).
LEVEL_SHARE = {"coverage": 1.0, "cost": 1.0, "disruption": 1.0}
BUNDLE_OPTIONS = 400


@dataclass
class PartResult:
    """What one component produced: its plan (if any) and the run of each level."""

    prep: Prepared
    plan: PlanValues | None
    runs: dict[str, LevelRun] = field(default_factory=dict)
    infeasible: bool = False
    fallback: bool = False
    checked: bool = False  # the fallback plan already passed the validator
    #: Lower bounds valid for the whole component (the flow relaxation's), reported even for a level not run.
    bounds: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)


def solve(
    instance: Instance,
    *,
    config: Config | None = None,
    progress: Callable[[ProgressEvent], None] | None = None,
    cancel: CancelFlag | None = None,
) -> Solution:
    """The best staffing plan: most critical coverage first, then lowest cost, then least disruption."""
    config = config or Config()
    started = time.perf_counter()
    deadline = started + config.time_limit_s
    if cancel is not None and cancel.is_set():
        return Solution(status="no_plan", message="Cancelled before the search started.")
    parts = _bundles(instance, config)
    sizes = [_size(instance, p) for p in parts]
    results: list[PartResult] = []
    for k, part in enumerate(parts):
        now = time.perf_counter()
        share = sizes[k] / max(1, sum(sizes[k:]))
        part_deadline = now + max(0.05, (deadline - now) * share)
        results.append(
            _solve_part(
                instance, part, config=config, deadline=part_deadline, progress=progress, cancel=cancel,
                offset=lambda: time.perf_counter() - started,
            )
        )
    solution = _merge(instance, results, config)
    solution.elapsed_s = round(time.perf_counter() - started, 3)
    solution.components = len(parts)
    if config.explain and solution.status in ("optimal", "feasible"):
        explain_allocations(instance, solution)
        explain_uncovered(instance, solution, solve=solve, config=config)
    return solution


def _size(inst: Instance, part: set[str]) -> int:
    return len(part) + sum(1 for o in inst.options if o.demand in part)


def _bundles(inst: Instance, config: Config) -> list[set[str]]:
    if not config.decompose:
        return [{d.id for d in inst.demands}]
    groups = components(inst)
    if len(groups) == 1:
        return groups
    per_demand: dict[str, int] = {}
    for o in inst.options:
        per_demand[o.demand] = per_demand.get(o.demand, 0) + 1
    bundles: list[set[str]] = []
    current: set[str] = set()
    size = 0
    for group in groups:
        current |= group
        size += sum(per_demand.get(d, 0) + 1 for d in group)
        if size >= BUNDLE_OPTIONS:
            bundles.append(current)
            current, size = set(), 0
    if current or not bundles:
        bundles.append(current)
    return bundles


def _solve_part(
    inst: Instance, part: set[str], *, config: Config, deadline: float, progress, cancel, offset
) -> PartResult:
    began = time.perf_counter()
    prep = prepare(inst, demand_ids=part)
    prepared = time.perf_counter() - began
    flow = FlowResult()
    # Every phase shares the part's deadline. Flow and greedy each cost about as much as prepare() (all three
    # read every option): the exact flow (the bound) runs only when a greedy plan would still fit after it.
    flowed = config.use_hint and time.perf_counter() + (FLOW_SHARE + GREEDY_SHARE) * prepared < deadline
    if flowed:
        flow = flow_start(prep, bus_penalty=config.bus_factor_penalty, deadline=deadline - GREEDY_SHARE * prepared)
    hint, hint_values_now, hint_valid = best_quick_plan(prep, flow, config, deadline=deadline,
                                                              big=len(prep.options) > FULL_MODEL_OPTIONS)
    money_lp = CoverageLP()
    if (config.use_hint and money_binds(prep)
            and not (hint_valid and flowed and hint_values_now["coverage"] <= flow.coverage_floor)):
        # The flow ignores money; when budgets or hire caps bind, an LP with those rows gives the real floor (not
        # needed when the quick plan already meets the flow's bound: 0.8 s saved on 6000x600-loose). Its share of
        # the time left: column generation stops at that deadline with a valid (Lagrangian) bound, so the LP
        # never makes the user wait past the limit (6000x600-tight: 11.2 s before).
        left = deadline - time.perf_counter()
        if left > LP_SHARE * prepared:
            money_lp = coverage_lp(prep, bus_penalty=config.bus_factor_penalty, time_limit_s=LP_TIME_SHARE * left,
                                   start=set(flow.start))
            flow.money_bound = money_lp.bound or 0
    if config.use_hint and not flowed and time.perf_counter() + FLOW_SHARE * prepared < deadline:
        # A slow prepare() left no room for the flow before the plan that must come back; its bounds still fit
        # after it (6000x600-loose at load 6: prepare 5.9 s, and the coverage bound was 0 instead of the optimum).
        exact = flow_start(prep, bus_penalty=config.bus_factor_penalty, deadline=time.perf_counter())
        flow.coverage_bound, flow.cost_bound = exact.coverage_bound, exact.cost_bound
    if hint_valid:
        announce(progress, offset, hint_values_now["coverage"], flow.coverage_floor)
    if (hint_valid and money_lp.support and hint_values_now["coverage"] > flow.coverage_floor
            and len(prep.options) > GUIDED_MIN_OPTIONS):
        # Budgets bind: a small model around the LP's staffing finds the coverage the greedy's order misses.
        around = set(money_lp.support) | set(flow.start)
        # On candidate models (above FULL_MODEL_OPTIONS) the growing candidate search does better with the time.
        share = GUIDED_SHARE if len(prep.options) <= FULL_MODEL_OPTIONS else GUIDED_SHARE / 2
        plan, value = coverage_rounds(prep, hint, hint_values_now["coverage"], around, near=money_lp.near,
                                      config=config, until=time.perf_counter() + deadline_share(deadline, share),
                                      floor=flow.coverage_floor)
        if plan is not hint:
            values = plan_values(prep, plan, config)
            if values["coverage"] == value and is_valid(prep, plan, config):
                hint, hint_values_now = plan, values
                announce(progress, offset, value, flow.coverage_floor)  # announced once checked, never before
    if (COVERAGE_POLISH and hint_valid and hint_values_now["coverage"] > flow.coverage_floor
            and len(prep.options) > GUIDED_MIN_OPTIONS):
        # The same neighbourhood search as the cost level's, on coverage: the demands left short, the demands
        # their candidates work on, one initiative's demands (money moved between its roles).
        polished = polish(prep, hint, hint_values_now["coverage"], config=config, coverage_at_most=None,
                          until=time.perf_counter() + deadline_share(deadline, COVERAGE_POLISH_SHARE),
                          floor=flow.coverage_floor, cancel=cancel)
        if polished.improved:
            values = plan_values(prep, polished.plan, config)
            if values["coverage"] == polished.value and is_valid(prep, polished.plan, config):
                hint, hint_values_now = polished.plan, values
                announce(progress, offset, polished.value, flow.coverage_floor)
    read = max(1, len(prep.options) + len(prep.dropped))

    def build_s(options: int) -> float:
        return BUILD_SHARE * prepared * options / read

    left = deadline - time.perf_counter()
    small = min(len(prep.options), CANDIDATES_PER_DEMAND * len(prep.demands) + len(hint.alloc) + len(flow.start))
    # Choosing the candidates and writing the hint come on top of the build (~0.15x prepare at 6,000 x 600).
    if config.use_hint and SETUP_SHARE * prepared + build_s(small) >= left:
        return _quick_only(prep, hint, hint_values_now, hint_valid, flow)
    # The candidate model also when the full one would take more than half the time left just to build.
    restricted = config.use_hint and (len(prep.options) > FULL_MODEL_OPTIONS or 2 * build_s(len(prep.options)) > left)
    full, hint_full, order = prep, hint, list(range(len(prep.options)))
    per_demand = CANDIDATES_PER_DEMAND
    if restricted:
        # relaxation bounds are computed on every option, also when CP-SAT searches candidates only
        prep, order = restricted_prep(full, candidate_set(full, hint, set(flow.start), per_demand=per_demand))
        hint = to_small(hint_full, order)
    result = PartResult(prep=prep, plan=None)
    # The CP-SAT model is built when a level first needs a search: not at all when the quick plan proves coverage
    # and the polished plan stands (6000x600-loose: the ~0.9 s build went to the polish).
    m: Model | None = None
    terms: dict[str, list] = {}

    def model(plan: PlanValues) -> tuple[Model, dict[str, list]]:
        built = build(prep)
        level_terms = _terms(built, config)
        for lv, done in result.runs.items():
            if done.proven:
                built.cp.add(expression(level_terms[lv]) <= done.value)
        if config.use_hint:
            hint_values(built, plan)
        return built, level_terms

    # Lower bounds from the flow relaxation: coverage always, cost only under the same coverage optimum.
    bounds = result.bounds = {"coverage": flow.coverage_floor, "cost": 0, "disruption": 0}
    for k, name in enumerate(LEVELS):
        if k > 0 and not result.runs[LEVELS[k - 1]].proven:
            break  # never fix or polish below a level that is not proven
        if cancel is not None and cancel.is_set():
            break
        if name == "cost" and result.runs["coverage"].value == flow.coverage_bound:
            bounds["cost"] = flow.cost_bound
        kept_is_hint = result.plan is None or result.plan is hint
        if hint_valid and kept_is_hint and hint_values_now[name] <= bounds[name]:
            # The quick plan meets the relaxation's bound: proven without a search.
            run = LevelRun("optimal", hint_values_now[name], hint_values_now[name], 1, 0.0, 0.0, 0.0, None)
            result.runs[name] = run
            if result.plan is not hint:
                announce(progress, offset, hint_values_now[name], bounds[name], level=name)
            result.plan = hint
        else:
            polishing = (name == "cost" and config.use_hint and result.plan is not None and POLISH
                         and len(full.options) > GUIDED_MIN_OPTIONS)
            if m is None and not polishing:
                m, terms = model(result.plan if result.plan is not None else hint)
            if polishing:
                # Re-staff a few demands at a time with the rest fixed (solver/lns.py), on every option.
                coverage = result.runs["coverage"].value
                began_polish = time.perf_counter()
                polished = polish(
                    full, to_full(result.plan, order), plan_values(prep, result.plan, config)["cost"], config=config,
                    coverage_at_most=coverage,
                    # to the deadline on a candidate model not built yet: CP-SAT there proves nothing and its
                    # build would take the time the polish uses better (portfolio20-loose: no gain in its last 2 s)
                    until=deadline if restricted and m is None else
                    time.perf_counter() + deadline_share(deadline, POLISH_SHARE[restricted]),
                    floor=bounds[name], cancel=cancel,
                    on_better=lambda _plan, value: announce(progress, offset, value, bounds["cost"], level="cost"),
                )
                outside = set(polished.plan.alloc) - set(order)
                if (m is None or outside) and 2 * build_s(len(order) + len(outside)) > deadline - time.perf_counter():
                    # No time left to build the model around the polished plan (6000x600 candidates: ~1 s): the
                    # polished plan is the level's result, over every option.
                    result.prep, result.plan = full, polished.plan
                    result.runs[name] = _polished_run(polished, bounds[name], time.perf_counter() - began_polish)
                    break
                if outside:
                    # The candidate model must hold the polished plan's options to start from it.
                    prep, order = restricted_prep(full, set(order) | outside)
                    restricted = len(order) < len(full.options)
                    hint, m = to_small(hint_full, order), None
                result.plan = to_small(polished.plan, order)
                if m is None:
                    m, terms = model(result.plan)
                elif polished.improved:
                    hint_values(m, result.plan)
            elif name == "cost" and config.use_hint and result.plan is not None:
                back = {i: k for k, i in enumerate(order)}
                starts = {back[i]: u for i, u in flow.start.items() if i in back}
                found = improve(prep, result.plan, neighbourhood(prep, result.plan, set(starts), cheapest=NEIGHBOURS),
                                level="cost", config=config, coverage_at_most=result.runs["coverage"].value,
                                time_limit=deadline_share(deadline, NEIGHBOURHOOD_SHARE))
                start = found[0] if found is not None else None
                if start is not None:
                    result.plan = start
                    hint_values(m, start)
                    announce(progress, offset, plan_values(prep, start, config)[name], bounds[name], level=name)
            if name == "cost" and config.use_hint and deadline - time.perf_counter() > LP_COST_SHARE * prepared:
                # Trainings as fractional fixed charges at the proven coverage: tighter than the flow's cost bound
                # (which ignores trainings) and than CP-SAT's root bound on the benchmark instances
                # (docs/solver.md). After the polish: the bound only decides the proof, the plan comes first.
                lp = lp_cost_bound(full, coverage_at_most=result.runs["coverage"].value,
                                   time_limit_s=(deadline - time.perf_counter()) / 2,
                                   bus_penalty=config.bus_factor_penalty)
                bounds["cost"] = max(bounds["cost"], lp or 0)
            m.cp.minimize(expression(terms[name]))
            limit = (deadline - time.perf_counter()) * LEVEL_SHARE[name]
            gap = config.cost_relative_gap if name == "cost" else 0.0
            run = run_level(
                m.cp, level=name, config=config, time_limit=limit, gap=gap, progress=progress, cancel=cancel,
                offset=offset, floor=bounds[name], own_bound=not restricted,
            )
            while restricted and GROW and run.status == "optimal" and run.values and run.value > bounds[name]:
                # The candidate model is exhausted before the relaxation's bound: grow it and search on.
                plan_full = to_full(read_values(m, run.values), order)
                per_demand *= GROWTH
                keep = candidate_set(full, plan_full, set(order), per_demand=per_demand,
                                     every_option_of=short_demands(full, plan_full) if name == "coverage" else set())
                if len(keep) >= FULL_SHARE * len(full.options):
                    keep = set(range(len(full.options)))
                if 2 * build_s(len(keep)) > deadline - time.perf_counter() or len(keep) <= len(order):
                    break
                prep, order = restricted_prep(full, keep)
                restricted = len(order) < len(full.options)
                hint, plan = to_small(hint_full, order), to_small(plan_full, order)
                m, terms = model(plan)  # the levels above are proven: model() fixes them
                m.cp.minimize(expression(terms[name]))
                grown = run_level(
                    m.cp, level=name, config=config, time_limit=(deadline - time.perf_counter()) * LEVEL_SHARE[name],
                    gap=gap, progress=progress, cancel=cancel, offset=offset, floor=bounds[name],
                    own_bound=not restricted,
                )
                if grown.values is None:  # nothing in the time left: the plan found so far stands, as a hint's run
                    grown.values, grown.status = _assignment(m, plan), "feasible"
                    grown.value, grown.bound = run.value, bounds[name]
                grown.solutions += run.solutions
                grown.first_s, grown.wall_s = run.first_s, run.wall_s + grown.wall_s
                run = grown
            result.prep = prep
            result.runs[name] = run
            if run.status == "infeasible":
                result.infeasible = True
                result.conflicts = _conflicts(prep, config)
                return result
            if restricted:
                # CP-SAT's bound holds for the candidate model only: keep the relaxation's, valid for all options.
                run.status, run.bound, run.proof_s = ("feasible" if run.values else run.status), bounds[name], None
            else:
                run.bound = max(run.bound, bounds[name])
            if run.values is None:
                kept = result.plan if result.plan is not None else (hint if hint_valid else None)
                if kept is not None:
                    # CP-SAT found nothing in its time; the kept plan (the quick one, or the level above's) stands.
                    result.plan = kept
                    result.fallback = result.fallback or kept is hint
                    result.checked = result.checked or (kept is hint and hint_valid)
                    run.value = plan_values(prep, kept, config)[name]
                    run.status, run.values, run.solutions = "feasible", [], max(1, run.solutions)
                    run.bound = min(run.bound, run.value)
                break
            before = result.plan
            result.plan = read_values(m, run.values)
            if name == "cost" and before is not None and run.value > run.bound:
                # CP-SAT may return a plan worse than its hint (it repairs a hint its presolve broke): keep the
                # better one, with its own value.
                kept = plan_values(prep, before, config)[name]
                if kept < run.value:
                    result.plan, run.value, run.values = before, kept, []
            if run.value <= run.bound:
                run.status, run.bound = "optimal", run.value
                run.proof_s = run.proof_s if run.proof_s is not None else run.wall_s
        if run.proven and k < len(LEVELS) - 1:
            if m is not None:  # else model() adds it when it builds
                m.cp.add(expression(terms[name]) <= run.value)
            nxt = LEVELS[k + 1]
            meets_fixed = all(hint_values_now[lv] <= result.runs[lv].value for lv in LEVELS[: k + 1])
            better = hint_valid and meets_fixed and (
                hint_values_now[nxt] < plan_values(prep, result.plan, config)[nxt]
            )
            if m is not None:
                hint_values(m, hint if better else result.plan)
            if better:
                result.plan = hint
                announce(progress, offset, hint_values_now[nxt], bounds.get(nxt, 0), level=nxt)
    if result.plan is None:
        result.plan, result.fallback, result.checked = hint, True, hint_valid
    return result


def _polished_run(polished: Polished, bound: int, wall: float) -> LevelRun:
    """The cost level's report when the polish's plan stands without a CP-SAT run on the model."""
    proven = polished.value <= bound
    return LevelRun("optimal" if proven else "feasible", polished.value, min(polished.value, bound),
                    polished.improved, polished.first_s, wall if proven else None, wall, [])


def _quick_only(
    prep: Prepared, hint: PlanValues, values: dict[str, int], valid: bool, flow: FlowResult
) -> PartResult:
    """The time ran out while preparing: the quick plan, its coverage proven only if it meets the flow bound."""
    result = PartResult(prep=prep, plan=hint, fallback=True, checked=valid)
    result.bounds = {"coverage": flow.coverage_floor}
    if valid:
        proven = values["coverage"] <= flow.coverage_floor
        result.runs["coverage"] = LevelRun(
            "optimal" if proven else "feasible", values["coverage"], min(values["coverage"], flow.coverage_floor),
            1, 0.0, 0.0 if proven else None, 0.0, [],  # [] = a plan exists (the quick one), no CP-SAT values
        )
        if proven and values["coverage"] == flow.coverage_bound:
            result.bounds["cost"] = flow.cost_bound
            # The flow's cost bound holds at the coverage optimum, which the quick plan has just met.
            cost_proven = values["cost"] <= flow.cost_bound
            result.runs["cost"] = LevelRun(
                "optimal" if cost_proven else "feasible", values["cost"], min(values["cost"], flow.cost_bound),
                1, 0.0, 0.0 if cost_proven else None, 0.0, [],
            )
    return result


#: Measured cost of each phase relative to prepare() (docs/solver.md): the exact flow ~0.6×, one greedy plan with
#: its values and check ~0.5×; building and loading the model costs 5–10× prepare's time per option it holds.
FLOW_SHARE = 0.6
#: The LP's setup (arrays over every option, training charges) takes ~0.5x prepare; it starts only when twice
#: that is left, and gets LP_TIME_SHARE of the time left after one greedy plan.
LP_SHARE = 1.0
LP_TIME_SHARE = 0.6
LP_COST_SHARE = 10.0
GREEDY_SHARE = 0.5
BUILD_SHARE = 8.0
SETUP_SHARE = 0.15

#: The cost level's seed: a neighbourhood of the kept plan, the flow's and each demand's 4 cheapest options,
#: searched for this share of the time left (the full search still does the proving).
NEIGHBOURS = 4
NEIGHBOURHOOD_SHARE = 0.3
#: The cost level first re-staffs groups of demands with the rest fixed (solver/lns.py) for this share of the
#: time left (by whether CP-SAT works on a candidate model); the model then searches on from its plan.
#: On a candidate model CP-SAT's own search proves nothing and rarely beats the polish, so the polish keeps more.
POLISH = True
POLISH_SHARE = {False: 0.7, True: 0.9}
COVERAGE_POLISH = True
COVERAGE_POLISH_SHARE = 0.5
#: Share of the time left for the LP-guided coverage neighbourhood when budgets bind (solver/guided.py).
GUIDED_SHARE = 0.6
#: Below this many options the full model is small enough for CP-SAT alone (200x40-tight proves coverage in ~3 s).
GUIDED_MIN_OPTIONS = 2000
#: Above this many options the full model takes longer to build and load than a 10 s limit allows: CP-SAT then
#: works on candidate options only, and a level counts as proven only when it meets the flow relaxation's bound.
FULL_MODEL_OPTIONS = 40_000
CANDIDATES_PER_DEMAND = 12
#: Grow the candidate set when its optimum is reached before the relaxation's bound (solver/candidates.py).
GROW = True


def _terms(m: Model, config: Config) -> dict[str, list]:
    """Each level's objective terms on a model."""
    return {
        "coverage": coverage_terms(m, config.bus_factor_penalty),
        "cost": cost_terms(m),
        "disruption": disruption_terms(m, config.move_penalty),
    }


def _assignment(m: Model, plan: PlanValues) -> list[int]:
    """A full CP-SAT assignment of a plan (its hint), for a grown model that found nothing better in time."""
    hint_values(m, plan)
    values = [0] * len(m.cp.proto.variables)
    for var, value in zip(m.cp.proto.solution_hint.vars, m.cp.proto.solution_hint.values, strict=True):
        values[var] = value
    return values


def _conflicts(prep: Prepared, config: Config) -> list[str]:
    """The agreed decisions (pins, locks, budgets) that cannot all hold together."""
    from ortools.sat.python import cp_model

    m: Model = build(prep, guarded=True)
    if not m.hard:
        return []
    m.cp.add_assumptions(list(m.hard.values()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 5.0
    solver.parameters.num_workers = 1
    if solver.solve(m.cp) != cp_model.INFEASIBLE:
        return []
    names = {lit.index: name for name, lit in m.hard.items()}
    return sorted(names[i] for i in solver.sufficient_assumptions_for_infeasibility())


def _merge(inst: Instance, results: list[PartResult], config: Config) -> Solution:
    if any(r.infeasible for r in results):
        conflicts = sorted({c for r in results for c in r.conflicts})
        what = ", ".join(conflicts) if conflicts else "the hard rules"
        return Solution(status="infeasible", message=f"No plan satisfies the agreed decisions together: {what}.")
    parts = SolutionParts()
    for r in results:
        p = to_parts(r.prep, r.plan or PlanValues())
        parts.allocations += p.allocations
        parts.procurements += p.procurements
        parts.trainings += p.trainings
        parts.displacements += p.displacements
        parts.uncovered += p.uncovered
    sol = Solution(
        status="feasible",
        allocations=sorted(parts.allocations, key=lambda a: (a.demand, a.person)),
        procurements=sorted(parts.procurements, key=lambda p: (p.demand, p.kind)),
        trainings=sorted(parts.trainings, key=lambda t: (t.person, t.skill, t.to_level)),
        displacements=sorted(parts.displacements, key=lambda d: d.person),
        uncovered=sorted(parts.uncovered, key=lambda u: u.demand),
    )
    sol.penalties = penalties(inst, sol)
    sol.total_cost = total_cost(inst, sol)
    index = results[0].prep.index() if len(results) == 1 else None  # every allocation is one of its options
    values = level_values(inst, sol, config, options=index)
    sol.levels = [_level_report(name, values[name], results) for name in LEVELS]
    if all(lv.proven for lv in sol.levels):
        sol.status = "optimal"
    if any(r.fallback for r in results):
        from solver.validate import validate

        # Components share no person, budget or hire cap: plans checked per component are valid together.
        if not all(r.checked for r in results if r.fallback) and validate(inst, sol, config=config):
            return Solution(status="no_plan", message="Stopped before any valid plan was found.", levels=sol.levels)
        sol.message = ("Stopped early: part of the plan is the quick plan (greedy, then neighbourhood search where time "
                       "allowed), not the full optimisation.")
    elif sol.status != "optimal":
        sol.message = "Stopped at the time limit or on cancel: the best plan found, not proven best."
    return sol


def _level_report(name: LevelName, value: int, results: list[PartResult]) -> LevelReport:
    runs = [r.runs.get(name) for r in results]
    # Each component's bound is the best it has: CP-SAT's (when it ran) or the flow relaxation's, whichever is
    # higher; a component whose level did not run still contributes its relaxation bound.
    bound = sum(max(run.bound if run is not None else 0, r.bounds.get(name, 0))
                for run, r in zip(runs, results, strict=True))
    proven = all(run is not None and run.proven for run in runs)
    if proven:
        status, bound = "optimal", value
    elif any(run is None for run in runs):
        status = "skipped" if all(run is not None or r.runs for run, r in zip(runs, results, strict=True)) else "unknown"
    elif any(run.values is None for run in runs):
        status = "unknown"
    else:
        status = "feasible"
    bound = min(bound, value)
    firsts = [run.first_s for run in runs if run is not None and run.first_s is not None]
    proofs = [run.proof_s for run in runs if run is not None]
    return LevelReport(
        name=name,
        status=status,
        value=value,
        bound=bound,
        gap=0.0 if proven else round(abs(value - bound) / max(1, abs(value)), 6),
        proven=proven,
        solutions_found=sum(run.solutions for run in runs if run is not None),
        time_to_first_s=round(sum(firsts), 4) if firsts else None,
        time_to_proof_s=round(sum(p for p in proofs if p is not None), 4) if proven else None,
        wall_s=round(sum(run.wall_s for run in runs if run is not None), 4),
    )
