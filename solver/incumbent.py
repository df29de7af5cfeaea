"""The incumbent (one component's best plan so far, with its values, validity and bounds) and the budget its stages
share (the deadline, progress events and cancel)."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from solver.cpsat import CancelFlag, LevelRun
from solver.flow import FlowResult
from solver.lp_columns import CoverageLP
from solver.objective import penalties
from solver.prepare import Prepared, part_instance
from solver.schema import Config, LevelName, ProgressEvent
from solver.staffing import Staffing, staffing_values, supplied, to_solution
from solver.validate import validate

LEVELS: tuple[LevelName, ...] = ("coverage", "cost", "disruption")


@dataclass
class Budget:
    """What one component's stages share: its deadline (a perf_counter time), the seconds prepare() took (the unit
    the stages estimate their own time in), progress events and cancel."""

    deadline: float
    started: float  # when solve() began: progress events carry the seconds since
    prepare_s: float = 0.0
    progress: Callable[[ProgressEvent], None] | None = None
    cancel: CancelFlag | None = None

    def left(self) -> float:
        """Seconds until the deadline (negative once past)."""
        return self.deadline - time.perf_counter()

    def until(self, share: float) -> float:
        """The deadline of a stage that may take `share` of the time left."""
        return time.perf_counter() + max(0.0, self.left() * share)

    def fits(self, prepares: float) -> bool:
        """True when work that costs `prepares` times what prepare() took ends before the deadline."""
        return time.perf_counter() + prepares * self.prepare_s < self.deadline

    def cancelled(self) -> bool:
        """True once the caller asked to stop."""
        return self.cancel is not None and self.cancel.is_set()

    def elapsed(self) -> float:
        """Seconds since solve() began."""
        return time.perf_counter() - self.started

    def announce(self, level: LevelName, value: int, bound: int, *, figures: Callable[[], tuple[int, int]]) -> None:
        """Tells the caller a plan was adopted outside CP-SAT (greedy, flow start, neighbourhood search), with the
        plan's open units and cost on this component (`figures()`, asked only when someone listens)."""
        if self.progress is not None:
            open_units, cost = figures()
            self.progress(ProgressEvent(level=level, elapsed_s=round(self.elapsed(), 3), objective=float(value),
                                        bound=float(min(bound, value)), solutions_found=1,
                                        uncovered_units=open_units, cost=cost))


@dataclass
class Incumbent:
    """One component's best plan so far, over every usable option: its three level values, whether the validator
    accepted it (plans CP-SAT made count as accepted), the lower bounds known for the whole component, each
    settled level's run, and what the relaxations found (the flow's rounded start, the money LP's staffing)."""

    prep: Prepared
    config: Config
    plan: Staffing = field(default_factory=Staffing)
    values: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))
    valid: bool = False
    bounds: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))
    runs: dict[str, LevelRun] = field(default_factory=dict)
    #: The level the stages work on now.
    level: str = "coverage"
    #: The flow relaxation's bounds and start (empty until it runs).
    flow: FlowResult = field(default_factory=FlowResult)
    lp: CoverageLP = field(default_factory=CoverageLP)
    #: The plan is a quick plan (greedy, then neighbourhood search), not one the levels' search made.
    quick: bool = False
    #: The agreed decisions that cannot hold together, once a search proved the component infeasible.
    conflicts: list[str] | None = None

    def take(self, plan: Staffing, *, quick: bool = False) -> None:
        """Makes `plan`, a valid plan CP-SAT made, the incumbent, with its values."""
        self.plan, self.values, self.valid = plan, staffing_values(self.prep, plan, self.config), True
        self.quick = quick

    def adopt(self, plan: Staffing, value: int, budget: Budget) -> bool:
        """Takes a plan a heuristic found for the current level once its value and the validator agree, and
        announces it; False (the incumbent unchanged) otherwise."""
        values = staffing_values(self.prep, plan, self.config)
        if values[self.level] != value or not is_valid(self.prep, plan, self.config):
            return False
        self.plan, self.values, self.valid, self.quick = plan, values, True, True
        budget.announce(self.level, value, self.bounds[self.level], figures=partial(self.figures, plan, values["cost"]))
        return True

    def figures(self, plan: Staffing, cost: int) -> tuple[int, int]:
        """A plan's units left open on this component and its cost, as progress events report them."""
        units, _ = supplied(self.prep, plan)
        return sum(max(0, d.required_units - units[did]) for did, d in self.prep.demands.items()), cost


def is_valid(prep: Prepared, plan: Staffing, config: Config) -> bool:
    """True when the plan passes the validator on its component."""
    inst = part_instance(prep)
    sol = to_solution(prep, plan)
    sol.total_cost = staffing_values(prep, plan, config)["cost"]
    sol.penalties = penalties(inst, sol)
    return not validate(inst, sol, config=config, options=prep.index)
