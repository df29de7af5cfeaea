"""optimise(): the lexicographic search (coverage, then cost, then disruption) over each independent component, in
one deadline: each component is prepared, given a strategy by its size, and its levels are run (solver/strategy.py)."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from solver.assemble import assemble
from solver.cpsat import CancelFlag
from solver.incumbent import Budget, Incumbent
from solver.prepare import components, prepare
from solver.schema import Config, Instance, ProgressEvent, Solution
from solver.strategy import run_levels, strategy_for

#: Components are solved in bundles of at least this many options and demands (many tiny models cost more than
#: one of their size).
BUNDLE_OPTIONS = 400


def optimise(
    instance: Instance,
    *,
    config: Config,
    progress: Callable[[ProgressEvent], None] | None = None,
    cancel: CancelFlag | None = None,
) -> Solution:
    """The best plan within `config.time_limit_s`, with each level's value, bound and proof; no explanations."""
    started = time.perf_counter()
    deadline = started + config.time_limit_s
    if cancel is not None and cancel.is_set():
        return Solution(status="no_plan", message="Cancelled before the search started.")
    parts = _bundles(instance)
    sizes = [len(part) + sum(1 for o in instance.options if o.demand in part) for part in parts]
    solved: list[Incumbent] = []
    for k, part in enumerate(parts):
        now = time.perf_counter()
        share = sizes[k] / max(1, sum(sizes[k:]))  # each component's share of the time left, by size
        budget = Budget(deadline=now + max(0.05, (deadline - now) * share), started=started,
                        progress=_whole(progress, instance, done=solved, pending=parts[k + 1:]), cancel=cancel)
        prep = prepare(instance, demand_ids=part)
        budget.prepare_s = time.perf_counter() - now
        solved.append(run_levels(Incumbent(prep=prep, config=config), strategy_for(prep), budget))
    solution = assemble(instance, solved, config)
    solution.elapsed_s = round(time.perf_counter() - started, 3)
    solution.components = len(parts)
    return solution


def _whole(progress: Callable[[ProgressEvent], None] | None, inst: Instance, *, done: list[Incumbent],
           pending: list[set[str]]) -> Callable[[ProgressEvent], None] | None:
    """One component's progress as figures of the whole plan: the components solved keep their plans' open units
    and cost, those still to come count as open."""
    if progress is None:
        return None
    required = {d.id: d.required_units for d in inst.demands}
    base_open = sum(inc.figures(inc.plan, inc.values["cost"])[0] for inc in done)
    base_open += sum(required[did] for part in pending for did in part)
    base_cost = sum(inc.values["cost"] for inc in done)

    def report(event: ProgressEvent) -> None:
        progress(replace(event, uncovered_units=base_open + event.uncovered_units, required_units=sum(required.values()),
                         cost=base_cost + event.cost, unit=inst.unit))

    return report


def _bundles(inst: Instance) -> list[set[str]]:
    """The independent components' demands, small ones bundled together."""
    groups = components(inst)
    if len(groups) == 1:
        return groups
    per_demand: dict[str, int] = {}
    for o in inst.options:
        per_demand[o.demand] = per_demand.get(o.demand, 0) + 1
    bundles: list[set[str]] = []
    current: set[str] = set()
    size = 0
    for group in groups:
        current |= group
        size += sum(per_demand.get(d, 0) + 1 for d in group)
        if size >= BUNDLE_OPTIONS:
            bundles.append(current)
            current, size = set(), 0
    if current or not bundles:
        bundles.append(current)
    return bundles
