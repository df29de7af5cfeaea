"""solve(): the best staffing plan — the optimisation (solver/optimise.py), then, when asked, why what stays open is
open (solver/explain.py)."""
from __future__ import annotations

from collections.abc import Callable

from solver.cpsat import CancelFlag
from solver.explain import explain_uncovered
from solver.optimise import optimise
from solver.schema import Config, Instance, ProgressEvent, Solution


def solve(
    instance: Instance,
    *,
    config: Config | None = None,
    progress: Callable[[ProgressEvent], None] | None = None,
    cancel: CancelFlag | None = None,
) -> Solution:
    """The best staffing plan: most critical coverage first, then lowest cost, then least disruption."""
    config = config or Config()
    solution = optimise(instance, config=config, progress=progress, cancel=cancel)
    if config.explain and solution.status in ("optimal", "feasible"):
        explain_uncovered(instance, solution, config=config)
    return solution
