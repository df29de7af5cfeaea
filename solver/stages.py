"""The stages a strategy chains: each takes the incumbent and the budget and returns the incumbent, improved or with
more known about it (a bound, a settled level); one with nothing to do returns it unchanged. Time estimates are in
units of what prepare() took (docs/solver.md, "Time")."""
from __future__ import annotations

import time

from solver.cpsat import LevelRun
from solver.flow import FlowResult, flow_relaxation
from solver.greedy import greedy
from solver.incumbent import LEVELS, Budget, Incumbent, is_valid
from solver.lns import Polished, polish
from solver.lp_columns import coverage_lp
from solver.neighbourhood import coverage_rounds
from solver.prepare import Prepared
from solver.relaxation import money_binds
from solver.schema import Config
from solver.search import Search
from solver.staffing import Staffing, staffing_values

#: The exact flow costs about this many times prepare()'s time; one greedy plan with its values and check this many.
FLOW_SHARE = 0.6
GREEDY_SHARE = 0.5


def relaxed_start(inc: Incumbent, budget: Budget) -> Incumbent:
    """The flow relaxation: coverage and cost bounds, and a rounded start for the greedy (only when a greedy plan
    still fits after it)."""
    if budget.fits(FLOW_SHARE + GREEDY_SHARE):
        inc.flow = flow_relaxation(inc.prep, bus_penalty=inc.config.bus_factor_penalty,
                                   deadline=budget.deadline - GREEDY_SHARE * budget.prepare_s)
        inc.bounds["coverage"] = inc.flow.coverage_bound
    return inc


def greedy_plan(inc: Incumbent, budget: Budget) -> Incumbent:
    """The first incumbent: the better greedy plan, plain or from the flow's rounded start."""
    inc.plan, inc.values, inc.valid = first_plan(inc.prep, inc.flow, inc.config,
                                                 deadline=budget.deadline)
    inc.quick = True
    return inc


def first_plan(prep: Prepared, flow: FlowResult, config: Config, *, deadline: float | None = None,
               ) -> tuple[Staffing, dict[str, int], bool]:
    """The best (valid first, then lexicographically) of the plain greedy plan and the one from the flow's start,
    with its values and validity. The second is built only when it would finish by `deadline`; plans are checked
    best first."""
    made: list[tuple[tuple[int, ...], int, Staffing, dict[str, int]]] = []
    one = 0.0
    for k, start in enumerate([None] + ([flow.start] if flow.start else [])):
        began = time.perf_counter()
        if made and deadline is not None and began + 2 * one > deadline:
            break
        plan = greedy(prep, start=start)
        values = staffing_values(prep, plan, config)
        made.append((tuple(values[name] for name in LEVELS), k, plan, values))
        one = time.perf_counter() - began
    made.sort(key=lambda m: m[:2])
    for n, (_, _, plan, values) in enumerate(made):
        if n and deadline is not None and time.perf_counter() + one > deadline:
            break
        if is_valid(prep, plan, config):
            return plan, values, True
    return made[0][2], made[0][3], False


#: The money LP starts only when this many times prepare()'s time is left (its setup reads every option), and
#: takes LP_TIME_SHARE of the time left: column generation stops at that deadline with a valid bound.
LP_SHARE = 1.0
LP_TIME_SHARE = 0.6


def money_lp(inc: Incumbent, budget: Budget) -> Incumbent:
    """Where budgets or hire caps bind and the incumbent is short of the flow's bound: the money-aware LP's coverage
    bound, and its fractional staffing to guide the neighbourhoods."""
    met = inc.valid and inc.values["coverage"] <= inc.flow.coverage_bound
    if money_binds(inc.prep) and not met and budget.left() > LP_SHARE * budget.prepare_s:
        inc.lp = coverage_lp(inc.prep, bus_penalty=inc.config.bus_factor_penalty,
                             time_limit_s=LP_TIME_SHARE * budget.left(), start=set(inc.flow.start))
        inc.bounds["coverage"] = max(inc.bounds["coverage"], inc.lp.bound or 0)
    return inc


def announce_incumbent(inc: Incumbent, budget: Budget) -> Incumbent:
    """The caller hears of the first plan, with the best coverage bound known, before the longer stages run."""
    if inc.valid:
        budget.announce("coverage", inc.values["coverage"], inc.bounds["coverage"],
                        figures=lambda: inc.figures(inc.plan, inc.values["cost"]))
    return inc


def lp_guided_rounds(inc: Incumbent, budget: Budget, *, share: float) -> Incumbent:
    """Budgets bind: rounds of CP-SAT on a small model around the LP's staffing and the incumbent find the coverage
    the greedy's order misses (for `share` of the time left)."""
    if inc.valid and inc.lp.support and inc.values["coverage"] > inc.bounds["coverage"]:
        plan, value = coverage_rounds(inc.prep, inc.plan, inc.values["coverage"],
                                      set(inc.lp.support) | set(inc.flow.start),
                                      near=inc.lp.near, config=inc.config, until=budget.until(share),
                                      floor=inc.bounds["coverage"])
        if plan is not inc.plan:
            inc.adopt(plan, value, budget)
    return inc


def proven_by_bound(inc: Incumbent, budget: Budget) -> Incumbent:
    """The incumbent meets the level's relaxation bound: the level is proven without a search."""
    value = inc.values[inc.level]
    if inc.valid and value <= inc.bounds[inc.level]:
        inc.runs[inc.level] = LevelRun(status="optimal", value=value, bound=value, proof_s=0.0)
    return inc


def flow_cost_bound(inc: Incumbent, budget: Budget) -> Incumbent:
    """The flow's cost bound holds once coverage is proven at the flow's own coverage bound."""
    if inc.runs["coverage"].value == inc.flow.coverage_bound:
        inc.bounds["cost"] = max(inc.bounds["cost"], inc.flow.cost_bound)
    return inc


def polish_level(inc: Incumbent, budget: Budget, *, search: Search, share: float) -> Incumbent:
    """Still short of the bound: the polish on the current level for `share` of the time left (coverage: the
    demands left short, the demands their candidates work on, one initiative's demands; cost: at the proven
    coverage). When the search's model cannot be built in the time left after it, its plan settles the level."""
    level, began = inc.level, time.perf_counter()
    if not inc.valid or inc.values[level] <= inc.bounds[level]:
        return inc

    def announce(plan: Staffing, value: int) -> None:
        budget.announce(level, value, inc.bounds[level],
                        figures=lambda: inc.figures(plan, staffing_values(inc.prep, plan, inc.config)["cost"]))

    out = polish(inc.prep, inc.plan, inc.values[level], config=inc.config, until=budget.until(share),
                 coverage_at_most=None if level == "coverage" else inc.runs["coverage"].value,
                 floor=inc.bounds[level], cancel=budget.cancel, on_better=announce)
    if out.improved:  # on coverage still the quick plan (greedy, then neighbourhood search), as the message says
        inc.take(out.plan, quick=level == "coverage")
    if not search.fits(inc, budget):
        inc.runs[level] = polished_run(out, inc.bounds[level], time.perf_counter() - began)
    return inc


def polished_run(polished: Polished, bound: int, wall: float) -> LevelRun:
    """A level's run when the polish's plan settles it without CP-SAT on the model."""
    proven = polished.value <= bound
    return LevelRun(status="optimal" if proven else "feasible", value=polished.value,
                    bound=min(polished.value, bound), proof_s=wall if proven else None, wall_s=wall)
