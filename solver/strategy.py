"""Which stages run on a component, chosen by its size, and the level loop that runs them (docs/solver.md)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from solver import stages
from solver.incumbent import Budget, Incumbent
from solver.prepare import Prepared
from solver.search import Search

Stage = Callable[[Incumbent, Budget], Incumbent]

#: At or below this many options the full model is small enough for CP-SAT alone: no LP-guided rounds or polish.
SMALL_MODEL_OPTIONS = 2000
#: Above this many options the full model takes longer to build and load than a 10 s limit allows: the polish
#: settles the levels, each level's bound is the relaxation's.
FULL_MODEL_OPTIONS = 40_000
#: Share of the time left for the LP-guided coverage rounds when budgets bind (half that on large components, where
#: the polish does better with the time).
GUIDED_SHARE = 0.6
#: Share of the time left the polish takes on coverage and on cost before the search goes on from its plan (medium
#: components; on large ones it takes all of it).
POLISH_SHARE = {"coverage": 0.5, "cost": 0.7}


@dataclass
class Strategy:
    """The stages before the levels and each level's stages, in order. `hold`: a level not proven is held at its
    value (not fixed as an optimum) and the next level still runs, as alternative plans need."""

    before: list[Stage]
    levels: dict[str, list[Stage]]
    hold: bool = False


def strategy_for(prep: Prepared) -> Strategy:
    """The stages for a component: the full model on small components; LP-guided rounds and the polish before the
    search on medium ones; on large ones the polish alone (above FULL_MODEL_OPTIONS)."""
    size, search = len(prep.options), Search()
    before = [stages.relaxed_start, stages.greedy_plan, stages.money_lp, stages.announce_incumbent]
    if size <= SMALL_MODEL_OPTIONS:
        return Strategy(before, {"coverage": [stages.proven_by_bound, search],
                                 "cost": [stages.flow_cost_bound, stages.proven_by_bound, search],
                                 "disruption": [stages.proven_by_bound, search]})
    large = size > FULL_MODEL_OPTIONS
    share = dict.fromkeys(POLISH_SHARE, 1.0) if large else POLISH_SHARE
    rounds = partial(stages.lp_guided_rounds, share=GUIDED_SHARE / 2 if large else GUIDED_SHARE)
    return Strategy(before, {
        "coverage": [stages.proven_by_bound, rounds,
                     partial(stages.polish_level, search=search, share=share["coverage"]), search],
        "cost": [stages.flow_cost_bound, stages.proven_by_bound,
                 partial(stages.polish_level, search=search, share=share["cost"]), search],
        "disruption": [stages.proven_by_bound, search],
    })


def run_levels(inc: Incumbent, strategy: Strategy, budget: Budget) -> Incumbent:
    """The stages before the levels, then each level's stages until one settles it; the next level only once it is
    proven (or held). After each level the quick plan comes back when it is as good on the levels settled and
    better on the next."""
    for stage in strategy.before:
        inc = stage(inc, budget)
    quick = (inc.plan, inc.values, inc.valid)
    names = list(strategy.levels)
    for k, level in enumerate(names):
        if budget.cancelled():
            break
        inc.level = level
        for stage in strategy.levels[level]:
            inc = stage(inc, budget)
            if level in inc.runs:
                break
        run = inc.runs.get(level)
        if inc.conflicts is not None or run is None or not (run.proven or strategy.hold) or k + 1 == len(names):
            break
        nxt = names[k + 1]
        plan, values, valid = quick
        if (valid and nxt in values and all(lv in values and values[lv] <= inc.runs[lv].value for lv in names[: k + 1])
                and values[nxt] < inc.values[nxt]):
            inc.plan, inc.values, inc.valid, inc.quick = plan, values, valid, True
            budget.announce(nxt, values[nxt], inc.bounds.get(nxt, 0),
                            figures=partial(inc.figures, plan, values["cost"]))
    return inc
