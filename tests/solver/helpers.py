"""Assertions shared by solver tests."""
from __future__ import annotations

import time

from solver.schema import Config, Instance, Solution
from solver.solve import solve
from solver.validate import validate


def solved(inst: Instance, config: Config | None = None) -> Solution:
    """Solves and asserts the plan passes the independent validator."""
    config = config or Config(time_limit_s=5.0)
    sol = solve(inst, config=config)
    assert sol.status in ("optimal", "feasible", "infeasible", "no_plan")
    if sol.status in ("optimal", "feasible"):
        assert validate(inst, sol, config=config) == [], validate(inst, sol, config=config)
    return sol


def units(sol: Solution) -> dict[tuple[str, str], int]:
    """Allocated units keyed by (person, demand)."""
    return {(a.person, a.demand): a.units for a in sol.allocations}


def rules(violations) -> set[str]:
    """The rule ids of a list of violations."""
    return {v.rule for v in violations}


def cases(violations) -> set[tuple[str, str]]:
    """The (rule, case) pairs of a list of violations."""
    return {(v.rule, v.case) for v in violations}


def work_seconds() -> float:
    """This process's CPU seconds: what a deadline test measures instead of the wall clock.

    The solver's deadline is wall time, but on a shared machine the wall clock also counts the time other
    processes held the cores (a 1 s limit measured 2.8 s of wall time and 1.2 s of work at load 6). The work the
    solver itself did is what a limit test can hold it to; with the default single CP-SAT worker it equals the wall
    time on a quiet machine.
    """
    return time.process_time()
