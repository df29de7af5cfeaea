"""One CP-SAT run of one objective: time limit, determinism, progress events and cancel."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ortools.sat.python import cp_model

from solver.schema import Config, LevelName, ProgressEvent


class CancelFlag(Protocol):
    """Anything with `is_set()`, such as threading.Event."""

    def is_set(self) -> bool: ...


@dataclass
class LevelRun:
    """How one level was settled: status, the plan's value, the best bound known and timings."""

    status: str = "feasible"  # optimal | feasible | infeasible | unknown
    value: int = 0
    bound: int = 0
    proof_s: float | None = None
    wall_s: float = 0.0

    @property
    def proven(self) -> bool:
        """True only for a proven optimum (a gap limit reached is not a proof)."""
        return self.status == "optimal" and self.value == self.bound


class _Watch(cp_model.CpSolverSolutionCallback):
    def __init__(
        self, *, level: LevelName, started: float, progress, cancel, interval: float, offset, floor: int,
        open_units: cp_model.LinearExpr | None = None, cost: cp_model.LinearExpr | None = None,
    ) -> None:
        super().__init__()
        self.level, self.started, self.progress, self.cancel = level, started, progress, cancel
        self.interval, self.offset, self.floor = interval, offset, floor
        self.open_units, self.cost = open_units, cost
        self.count, self.last_emit = 0, -1e9

    def on_solution_callback(self) -> None:
        now = time.perf_counter()
        self.count += 1
        if self.cancel is not None and self.cancel.is_set():
            self.stop_search()
        if self.progress is not None and now - self.last_emit >= self.interval:
            self.last_emit = now
            obj = self.objective_value
            # The relaxation's floor counts too; never above the plan just found.
            bound = min(max(self.floor, self.best_objective_bound), obj)
            self.progress(
                ProgressEvent(
                    level=self.level,
                    elapsed_s=round(self.offset() if self.offset is not None else now - self.started, 3),
                    objective=float(obj),
                    bound=float(bound),
                    solutions_found=self.count,
                    uncovered_units=int(self.value(self.open_units)) if self.open_units is not None else None,
                    cost=int(self.value(self.cost)) if self.cost is not None else None,
                )
            )


#: Variables above which CP-SAT's presolve and probing cost more than they simplify (docs/solver.md).
LARGE_MODEL_VARIABLES = 6000


def parameters(config: Config, time_limit: float, *, variables: int = 0) -> cp_model.CpSolver:
    """A CP-SAT solver set up for one run: workers, seed, determinism, LP strength and the time left."""
    solver = cp_model.CpSolver()
    p = solver.parameters
    # One seeded worker is CP-SAT's only fully reproducible mode (its cost: docs/solver.md).
    p.num_workers = 1 if config.deterministic else config.num_workers
    p.random_seed = config.random_seed
    p.max_time_in_seconds = max(0.01, time_limit)
    # The levels are MIPs whose root LP decides the proof: the stronger linearisation tightens it.
    p.linearization_level = 2
    if variables >= LARGE_MODEL_VARIABLES:
        p.cp_model_presolve = False
        p.cp_model_probing_level = 0
    for name, value in config.cp_sat_parameters.items():
        setattr(p, name, value)
    return solver


def run_level(
    model: cp_model.CpModel,
    *,
    level: LevelName,
    config: Config,
    time_limit: float,
    progress: Callable[[ProgressEvent], None] | None = None,
    cancel: CancelFlag | None = None,
    offset: Callable[[], float] | None = None,
    floor: int = 0,
    open_units: cp_model.LinearExpr | None = None,
    cost: cp_model.LinearExpr | None = None,
) -> tuple[LevelRun, list[int] | None]:
    """Solves the model's current objective once: value, bound, proof and timings, and the best assignment (indexed
    by variable; None when none was found). Progress events carry `offset()` as elapsed time (seconds since solve()
    started) and a bound of at least `floor` (a relaxation's bound). With `open_units` (the sum of the uncovered
    units) and `cost` events carry the plan's open units and its cost."""
    solver = parameters(config, time_limit, variables=len(model.proto.variables))
    started = time.perf_counter()
    watch = _Watch(
        level=level, started=started, progress=progress, cancel=cancel,
        interval=config.progress_interval_s, offset=offset, floor=floor, open_units=open_units, cost=cost,
    )
    done = threading.Event()

    def poll() -> None:
        # StopSearch from the callback only fires on a new solution; this also stops a search that has none yet.
        while not done.wait(0.02):
            if cancel.is_set():
                solver.stop_search()
                return

    watcher = threading.Thread(target=poll, daemon=True) if cancel is not None else None
    if watcher is not None:
        watcher.start()
    try:
        code = solver.solve(model, watch)
    finally:
        done.set()
        if watcher is not None:
            watcher.join()
    wall = time.perf_counter() - started
    status = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible", cp_model.INFEASIBLE: "infeasible"}.get(
        code, "unknown"
    )
    if status in ("optimal", "feasible"):
        value, bound = round(solver.objective_value), round(solver.best_objective_bound)
        values = list(solver.response_proto.solution)
        proof = wall if status == "optimal" and value == bound else None
        return LevelRun(status=status, value=value, bound=bound, proof_s=proof, wall_s=wall), values
    return LevelRun(status=status, wall_s=wall), None
