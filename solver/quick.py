"""The quick plans (greedy, flow-started, per money), their values and validity, and announcing adopted plans."""
from __future__ import annotations

import time

from solver.flow import FlowResult
from solver.hint import greedy
from solver.objective import bus_shortfall, level_values
from solver.plan import PlanValues, to_parts
from solver.prepare import Prepared, part_instance
from solver.schema import Config, Instance, LevelName, Penalty, ProgressEvent, Solution

LEVELS: tuple[LevelName, ...] = ("coverage", "cost", "disruption")


def best_quick_plan(
    prep: Prepared, flow: FlowResult, config: Config, *, deadline: float | None = None, big: bool = False
) -> tuple[PlanValues, dict[str, int], bool]:
    """The better (valid first, then lexicographically) of the plain greedy plan and the flow-started one.
    Only the first is built when a second would not finish by `deadline`; plans are checked best first."""
    # A third order (criticality per money) when budgets may bind; skipped on big pools, where time is short.
    budgets = prep.inst.global_budget is not None or any(i.budget is not None for i in prep.inst.initiatives)
    budgets = budgets and not big
    tries = [(None, False)] + ([(flow.start, False)] if flow.start else []) + ([(None, True)] if budgets else [])
    made: list[tuple[tuple[int, ...], int, PlanValues, dict[str, int]]] = []
    one = 0.0
    for k, (start, per_money) in enumerate(tries):
        if made and deadline is not None and time.perf_counter() + 2 * one > deadline:
            break
        began = time.perf_counter()
        plan = greedy(prep, start=start, per_money=per_money)
        values = plan_values(prep, plan, config)
        made.append((tuple(values[name] for name in LEVELS), k, plan, values))
        one = max(one, time.perf_counter() - began)
    made.sort(key=lambda m: (m[0], m[1]))
    for n, (_, _, plan, values) in enumerate(made):
        if n and deadline is not None and time.perf_counter() + one > deadline:
            break
        if is_valid(prep, plan, config):
            return plan, values, True
    return made[0][2], made[0][3], False


def announce(progress, offset, value: int, bound: int, *, level: LevelName = "coverage") -> None:
    """Tells the caller a plan was adopted outside CP-SAT (greedy, flow start, neighbourhood search)."""
    if progress is not None:
        progress(ProgressEvent(level=level, elapsed_s=round(offset(), 3), objective=float(value),
                               bound=float(min(bound, value)), solutions_found=1))


def is_valid(prep: Prepared, plan: PlanValues, config: Config) -> bool:
    """True when the plan passes the validator on its component."""
    from solver.validate import validate

    parts = to_parts(prep, plan)
    sol = Solution(status="feasible", **vars(parts))
    inst = part_instance(prep)
    values = level_values(inst, sol, config, options=prep.index())
    sol.total_cost = values["cost"]
    sol.penalties = penalties(inst, sol)
    return not validate(inst, sol, config=config, options=prep.index())


def plan_values(prep: Prepared, plan: PlanValues, config: Config) -> dict[str, int]:
    """The three objective levels of a component's plan."""
    parts = to_parts(prep, plan)
    sol = Solution(status="feasible", **vars(parts))
    return level_values(part_instance(prep), sol, config, options=prep.index())


def penalties(inst: Instance, sol: Solution) -> list[Penalty]:
    """The soft-rule penalties a plan pays (bus factor), named after their rule and subject."""
    return [Penalty(name=f"bus_factor(demand={did})", rule="bus_factor", subject=did, amount=amount)
            for did, amount in sorted(bus_shortfall(inst, sol).items())]
