"""The search stage: CP-SAT on the current level. The model is built when a level first needs it (and only when it
can be built in time), with the settled levels fixed and the incumbent as its hint; each later level reuses it."""
from __future__ import annotations

from ortools.sat.python import cp_model

from solver.build import build
from solver.cpsat import LevelRun, run_level
from solver.incumbent import LEVELS, Budget, Incumbent
from solver.model import Model, cost_terms, expression, hint_plan, level_terms, read_plan
from solver.prepare import Prepared
from solver.schema import Config
from solver.staffing import Staffing

#: Building and loading a model costs about this many times prepare()'s time per option it holds.
BUILD_SHARE = 8.0
#: Writing the hint comes on top of the build (this many times prepare()'s time).
SETUP_SHARE = 0.15


class Search:
    """CP-SAT on one level at a time, on every option, seeded with the incumbent. `shares`: the share of the time
    left a level may take (all of it by default)."""

    def __init__(self, *, shares: dict[str, float] | None = None):
        self.shares = shares or {}
        self.model: Model | None = None
        self.fixed: set[str] = set()  # levels fixed in the model
        self.hinted: Staffing | None = None  # the plan the model's hint holds

    def fits(self, inc: Incumbent, budget: Budget) -> bool:
        """True when the model is built, or building it (and writing the hint) takes at most half the time left."""
        read = max(1, len(inc.prep.options) + inc.prep.dropped)
        build_s = (BUILD_SHARE * len(inc.prep.options) / read + SETUP_SHARE) * budget.prepare_s
        return self.model is not None or 2 * build_s <= budget.left()

    def __call__(self, inc: Incumbent, budget: Budget) -> Incumbent:
        """Stage: CP-SAT on the current level from the incumbent; the level's run, and the plan found. When the
        model cannot be built in time, a valid incumbent stands for the level."""
        level = inc.level
        if not self.fits(inc, budget):
            return _stand(inc, LevelRun())
        run, found = self._run(inc, budget)
        if run.status == "infeasible":
            inc.runs[level], inc.conflicts = run, conflicts(inc.prep, inc.config)
            return inc
        floor = inc.bounds.get(level)  # None for an alternative plan's focus: only CP-SAT bounds it
        if floor is not None:
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

    def _model(self, inc: Incumbent) -> Model:
        """The model, built when first needed, with every settled level fixed and the incumbent as its hint."""
        if self.model is None:
            self.model = build(inc.prep)
        for lv, run in inc.runs.items():
            if lv != inc.level and lv not in self.fixed:
                self.model.cp.add(expression(level_terms(self.model, lv, inc.config)) <= run.value)
                self.fixed.add(lv)
        if self.hinted is not inc.plan:
            hint_plan(self.model, inc.plan)
            self.hinted = inc.plan
        return self.model

    def _run(self, inc: Incumbent, budget: Budget) -> tuple[LevelRun, Staffing | None]:
        """One CP-SAT run of the current level from the incumbent, and the plan it found."""
        m, level, config = self._model(inc), inc.level, inc.config
        m.cp.minimize(expression(level_terms(m, level, config)))
        run, values = run_level(
            m.cp, level=level if level in LEVELS else "cost", config=config,
            time_limit=budget.left() * self.shares.get(level, 1.0),
            progress=budget.progress, cancel=budget.cancel, offset=budget.elapsed, floor=inc.bounds.get(level, 0),
            open_units=cp_model.LinearExpr.sum(list(m.uncovered.values())), cost=expression(cost_terms(m)),
        )
        return run, None if values is None else read_plan(m, values)


def _stand(inc: Incumbent, run: LevelRun) -> Incumbent:
    """No plan from CP-SAT: a valid incumbent stands for the level, its value against the best bound known."""
    value = inc.values.get(inc.level)
    if inc.valid and value is not None:
        run.status, run.value, run.bound = "feasible", value, min(inc.bounds[inc.level], value)
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
