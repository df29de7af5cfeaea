"""One deadline for a plan: building the instance, the search, the explanation re-plans and the reasons all share
the user's time limit (docs/planning.md, "One deadline"); a re-plan runs only when it still fits, otherwise each open
role keeps the causes the plan itself shows."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from solver.schema import Config, Instance, Solution

#: The solver always gets at least this long, even when building the instance used up the limit.
MIN_SOLVE_S = 1.0
#: Share of the limit reserved for explanation re-plans (only when the instance has budgets or hire caps).
EXPLAIN_SHARE = 0.1
#: After the search: the solver's clean-up and writing rows with reasons read the same people and options the
#: build read, so their reserve is a share of the build time.
CONVERT_SHARE = 0.25
MIN_CONVERT_S = 0.05
#: A re-plan is worth running only with at least this much search time beyond its fixed cost.
RESOLVE_MIN_SEARCH_S = 0.25
#: The solver stops a little after its limit (CP-SAT's stop, merging components): its limit is shrunk by this share.
SOLVER_OVERRUN_SHARE = 0.02
#: The explanations' share is reserved only when the re-plans' estimated need fits in it with this much to spare.
EXPLAIN_SAFETY = 1.25
#: A re-plan's fixed cost (preparing the instance, components, first bounds) relative to the build time.
REPLAN_FIXED_SHARE = 0.6

EXPLAINED = "re-planned with budgets and hire caps lifted"
NOT_NEEDED = "no re-plan needed"
SKIPPED_TIME = "re-plan with budgets and hire caps lifted skipped: the time limit ran out"
SKIPPED_CANCEL = "re-plan skipped: cancelled"


@dataclass
class Deadline:
    """A time limit started now; `clock` is injectable so tests can drive it without waiting."""

    limit_s: float
    clock: Callable[[], float] = time.perf_counter
    start: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.start = self.clock()

    def elapsed(self) -> float:
        """Seconds since the deadline started."""
        return self.clock() - self.start

    def left(self) -> float:
        """Seconds until the deadline (negative once it has passed)."""
        return self.limit_s - self.elapsed()


@dataclass(frozen=True)
class PlanBudget:
    """How one deadline is split after the build: solver seconds, explanation share, conversion reserve."""

    solve_s: float
    explain_s: float
    convert_s: float
    build_s: float


def relaxations(instance: Instance) -> int:
    """How many explanation re-plans the instance calls for: one with budgets lifted, one with hire caps lifted."""
    return int(instance.has_budgets()) + int(instance.has_hire_caps())


def explain_need_s(*, build_s: float, replans: int) -> float:
    """The least time the explanation re-plans need: per re-plan its fixed cost (preparing its relaxed instance)
    and a short search (0 when there is nothing to re-plan)."""
    return max(0, replans) * (REPLAN_FIXED_SHARE * build_s + RESOLVE_MIN_SEARCH_S)


def plan_budget(deadline: Deadline, *, build_s: float, instance: Instance, plans: int = 1,
                explain: bool = True) -> PlanBudget:
    """The solver's seconds once the build is done: the rest of the limit minus explanations and conversion
    (of `plans` solutions; `explain=False` when no explanation re-plan will run, as for alternative plans)."""
    share = EXPLAIN_SHARE * deadline.limit_s
    need = explain_need_s(build_s=build_s, replans=relaxations(instance)) if explain else 0.0
    explain_s = share if 0 < need * EXPLAIN_SAFETY <= share else 0.0
    convert_s = max(MIN_CONVERT_S, CONVERT_SHARE * build_s) * max(1, plans)
    solve_s = max(MIN_SOLVE_S, (deadline.left() - explain_s - convert_s) / (1 + SOLVER_OVERRUN_SHARE))
    return PlanBudget(solve_s=solve_s, explain_s=explain_s, convert_s=convert_s, build_s=build_s)


def explain_seconds(deadline: Deadline, budget: PlanBudget, *, replans: int) -> float | None:
    """The `explain_time_limit_s` that fits in the explanations' share and before the conversion reserve, or None
    when the re-plans do not fit.

    The solver's explanation gives each of its `replans` half the limit; each re-plan prepares its own relaxed
    instance before it searches (estimated as `REPLAN_FIXED_SHARE` of the build time, within its half).
    """
    # At most their share even when the solver finished early: a plan proven in a second must not keep the user
    # waiting for re-plans (which may not prove) until the limit. When the share is below what the re-plans need
    # (short limits: 10 % of 5 s) but the time left covers it, they get what they need with the safety margin —
    # skipping them "for lack of time" seconds before the limit would be untrue.
    need = explain_need_s(build_s=budget.build_s, replans=replans)
    available = min(deadline.left() - budget.convert_s,
                    max(EXPLAIN_SHARE * deadline.limit_s, EXPLAIN_SAFETY * need))
    if replans <= 0 or available < need:
        return None
    return 2.0 * available / replans  # the solver gives each re-plan half of explain_time_limit_s


def explain_within(
    instance: Instance, solution: Solution, *, deadline: Deadline, budget: PlanBudget, config: Config, cancel=None,
) -> str:
    """Attaches the solver's causes to the open roles when the re-plans fit in the deadline; says what was done."""
    from solver.explain import explain_uncovered

    replans = relaxations(instance)
    if not solution.uncovered or solution.status not in ("optimal", "feasible") or not replans:
        return NOT_NEEDED
    if cancel is not None and cancel.is_set():
        return SKIPPED_CANCEL
    seconds = explain_seconds(deadline, budget, replans=replans)
    if seconds is None:
        return SKIPPED_TIME
    explain_uncovered(instance, solution, config=config.model_copy(update={"explain_time_limit_s": seconds}))
    return EXPLAINED
