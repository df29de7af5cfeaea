"""The search stage: CP-SAT on the current level, on every option or on candidate options that grow while the
relaxation's bound is out of reach. The model is built when a level first needs it, with the settled levels fixed
and the incumbent as its hint; each later level reuses it."""
from __future__ import annotations

from ortools.sat.python import cp_model

from solver.build import build
from solver.candidates import CANDIDATES_PER_DEMAND, FULL_SHARE, GROWTH, candidate_set, short_demands
from solver.cpsat import LevelRun, run_level
from solver.incumbent import LEVELS, Budget, Incumbent
from solver.model import Model, expression, hint_plan, level_terms, read_plan
from solver.prepare import Prepared, restrict
from solver.schema import Config
from solver.staffing import Staffing, to_full, to_small

#: Building and loading a model costs about this many times prepare()'s time per option it holds.
BUILD_SHARE = 8.0
#: Choosing the candidates and writing the hint come on top of the build (this many times prepare()'s time).
SETUP_SHARE = 0.15


class Search:
    """CP-SAT on one level at a time. `candidates`: on a candidate model (the strategy's choice by size; `choose`
    also picks it when the full model would not build in time); `hint`: seeded with the incumbent; `shares`: the
    share of the time left a level may take (all of it by default)."""

    def __init__(self, *, candidates: bool = False, hint: bool = True, shares: dict[str, float] | None = None):
        self.candidates, self.hint, self.shares = candidates, hint, shares or {}
        self.per_demand = CANDIDATES_PER_DEMAND
        self.small: Prepared | None = None  # the candidate model's component (None: every option)
        self.order: list[int] | None = None  # each candidate option's index in the full component
        self.model: Model | None = None
        self.fixed: set[str] = set()  # levels fixed in the model
        self.hinted: Staffing | None = None  # the plan the model's hint holds
        self.out_of_time = False  # no model can be built in the time left

    def build_s(self, inc: Incumbent, budget: Budget, options: int) -> float:
        """Estimated seconds to build and load a model of `options` options."""
        read = max(1, len(inc.prep.options) + len(inc.prep.dropped))
        return BUILD_SHARE * budget.prepare_s * options / read

    def choose(self, inc: Incumbent, budget: Budget) -> Incumbent:
        """Stage: the model the levels search. Candidates when the strategy says so or the full model would take more
        than half the time left to build; none at all when not even the candidate model's build fits."""
        full, left = inc.prep, budget.left()
        start = inc.flow.start if inc.flow is not None else {}
        small = min(len(full.options), CANDIDATES_PER_DEMAND * len(full.demands) + len(inc.plan.alloc) + len(start))
        if self.hint and SETUP_SHARE * budget.prepare_s + self.build_s(inc, budget, small) >= left:
            self.out_of_time = True
        elif self.hint and (self.candidates or 2 * self.build_s(inc, budget, len(full.options)) > left):
            self.candidates = True
            self.restrict(inc, candidate_set(full, inc.plan, set(start), per_demand=self.per_demand))
        return inc

    def restrict(self, inc: Incumbent, keep: set[int]) -> None:
        """Searches the options `keep` from now on (the model is rebuilt when next needed)."""
        self.small, self.order = restrict(inc.prep, keep)
        self.model, self.fixed, self.hinted = None, set(), None

    def outside(self, plan: Staffing) -> set[int]:
        """The options a plan uses that the candidate model lacks."""
        return set() if self.order is None else set(plan.alloc) - set(self.order)

    def size(self, inc: Incumbent) -> int:
        """Options the model holds."""
        return len(inc.prep.options) if self.order is None else len(self.order)

    def __call__(self, inc: Incumbent, budget: Budget) -> Incumbent:
        """Stage: CP-SAT on the current level from the incumbent; the level's run, and the plan found."""
        level = inc.level
        if self.out_of_time:
            return _stand(inc, LevelRun())
        run, found = self._run(inc, budget, inc.plan)
        run, found = self._grow(inc, budget, run, found)
        floor = inc.bounds.get(level)  # None for an alternative plan's focus: only CP-SAT bounds it
        if run.status == "infeasible":
            inc.runs[level], inc.conflicts = run, conflicts(self.small or inc.prep, inc.config)
            return inc
        if self.candidates:  # CP-SAT's bound holds for the candidate model only: the relaxation's holds for all
            run.status, run.bound, run.proof_s = ("feasible" if found else run.status), floor, None
        elif floor is not None:
            run.bound = max(run.bound, floor)
        if found is None:
            return _stand(inc, run)
        if level == "cost" and run.value > run.bound and inc.values["cost"] < run.value:
            run.value = inc.values["cost"]  # CP-SAT repaired a hint its presolve broke, into a worse plan
        else:
            inc.take(found)
        if run.value <= run.bound:
            run.status, run.bound = "optimal", run.value
            run.proof_s = run.proof_s if run.proof_s is not None else run.wall_s
        inc.runs[level] = run
        return inc

    def _model(self, inc: Incumbent, plan: Staffing) -> Model:
        """The model, built when first needed, with every settled level fixed and `plan` as its hint (a candidate model
        grows to hold the options `plan` uses)."""
        outside = self.outside(plan)
        if outside:
            self.restrict(inc, set(self.order) | outside)
            self.candidates = len(self.order) < len(inc.prep.options)
        if self.model is None:
            self.model = build(self.small or inc.prep)
        for lv, run in inc.runs.items():
            if lv != inc.level and lv not in self.fixed:
                self.model.cp.add(expression(level_terms(self.model, lv, inc.config)) <= run.value)
                self.fixed.add(lv)
        if self.hint and self.hinted is not plan:
            hint_plan(self.model, plan if self.order is None else to_small(plan, self.order))
            self.hinted = plan
        return self.model

    def _run(self, inc: Incumbent, budget: Budget, plan: Staffing) -> tuple[LevelRun, Staffing | None]:
        """One CP-SAT run of the current level from `plan`, and the plan it found (over every option)."""
        m, level, config = self._model(inc, plan), inc.level, inc.config
        m.cp.minimize(expression(level_terms(m, level, config)))
        run, values = run_level(
            m.cp, level=level if level in LEVELS else "cost", config=config,
            time_limit=budget.left() * self.shares.get(level, 1.0),
            gap=config.cost_relative_gap if level == "cost" else 0.0, progress=budget.progress,
            cancel=budget.cancel, offset=budget.elapsed, floor=inc.bounds.get(level, 0), own_bound=not self.candidates,
            open_units=cp_model.LinearExpr.sum(list(m.uncovered.values())), cost_is_objective=level == "cost",
        )
        if values is None:
            return run, None
        found = read_plan(m, values)
        return run, found if self.order is None else to_full(found, self.order)

    def _grow(self, inc: Incumbent, budget: Budget, run: LevelRun, found: Staffing | None):
        """While the candidate model's optimum is above the relaxation's bound and a bigger model fits: more options
        per demand (on coverage, every option of a demand left short), and the search goes on from the plan found."""
        full, level = inc.prep, inc.level
        while self.candidates and run.status == "optimal" and found is not None and run.value > inc.bounds[level]:
            self.per_demand *= GROWTH
            keep = candidate_set(full, found, set(self.order), per_demand=self.per_demand,
                                 every_option_of=short_demands(full, found) if level == "coverage" else set())
            if len(keep) >= FULL_SHARE * len(full.options):
                keep = set(range(len(full.options)))
            if 2 * self.build_s(inc, budget, len(keep)) > budget.left() or len(keep) <= len(self.order):
                break
            self.restrict(inc, keep)
            self.candidates = len(self.order) < len(full.options)
            if not self.candidates:
                self.small = self.order = None
            grown, plan = self._run(inc, budget, found)
            if plan is None:  # nothing in the time left: the plan found so far stands
                grown.status, grown.value, grown.bound = "feasible", run.value, inc.bounds[level]
            grown.solutions += run.solutions
            grown.first_s, grown.wall_s = run.first_s, run.wall_s + grown.wall_s
            run, found = grown, plan or found
        return run, found


def _stand(inc: Incumbent, run: LevelRun) -> Incumbent:
    """No plan from CP-SAT: a valid incumbent stands for the level, its value against the best bound known."""
    value = inc.values.get(inc.level)
    if inc.valid and value is not None:
        run.status, run.value, run.bound = "feasible", value, min(inc.bounds[inc.level], value)
        run.solutions = max(1, run.solutions)
        inc.runs[inc.level] = run
    return inc


def conflicts(prep: Prepared, config: Config) -> list[str]:
    """The agreed decisions (pins, locks, budgets) that cannot all hold together."""
    m = build(prep, guarded=True)
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
