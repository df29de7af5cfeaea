"""The spreadsheet-style greedy baseline: role by role, best free person, else hire or contract, else uncovered."""
from __future__ import annotations

import time

from solver.allowed import route_blocker
from solver.objective import level_values, penalties
from solver.prepare import Prepared, prepare
from solver.schema import Config, Demand, Instance, LevelReport, Option, Solution
from solver.staffing import Staffing, to_solution


class _Ledger:
    """What is left while the sheet is filled in: free units, role slots, budgets, hire caps, trainings paid."""

    def __init__(self, prep: Prepared) -> None:
        inst = prep.inst
        self.prep = prep
        self.free = {pid: p.free_units for pid, p in prep.people.items()}
        self.roles = {pid: prep.inst.max_roles(p) for pid, p in prep.people.items()}
        self.on: dict[str, set[str]] = {pid: set() for pid in prep.people}
        self.budget = {i.id: i.budget for i in inst.initiatives}
        self.global_budget = inst.global_budget
        self.hires = {i.id: i.max_hires for i in inst.initiatives}
        self.global_hires = inst.max_hires_global
        self.trained: set[tuple[str, str, int]] = set()
        self.trained_for: set[tuple[str, str, int, str]] = set()

    def training_cost(self, o: Option, initiative: str) -> tuple[int, int]:
        """Training money this option adds to its initiative's spend and to the portfolio's spend."""
        local = sum(s.cost for s in o.trainings if (o.person, s.skill, s.to_level, initiative) not in self.trained_for)
        overall = sum(s.cost for s in o.trainings if (o.person, s.skill, s.to_level) not in self.trained)
        return local, overall

    def affordable(self, initiative: str, fixed: tuple[int, int], per_unit: int, units: int) -> int:
        """The most units (≤ units) whose spend still fits the initiative's and the portfolio's budget."""
        for left, extra in ((self.budget.get(initiative), fixed[0]), (self.global_budget, fixed[1])):
            if left is None:
                continue
            room = left - extra
            if room < 0:
                return 0
            if per_unit:
                units = min(units, room // per_unit)
        return units

    def spend(self, initiative: str, local: int, overall: int) -> None:
        """Books money against the initiative's budget (local) and the portfolio's budget (overall)."""
        if self.budget.get(initiative) is not None:
            self.budget[initiative] -= local
        if self.global_budget is not None:
            self.global_budget -= overall


def greedy_plan(prep: Prepared) -> Staffing:
    """Pins first; then demands by criticality, each filled by the best-matching free person, then sourced."""
    led = _Ledger(prep)
    plan = Staffing()
    index = {(o.person, o.demand): i for i, o in enumerate(prep.options)}
    for pin in prep.inst.pins:
        i = index.get((pin.person, pin.demand))
        if i is not None and i not in plan.alloc:
            units = pin.units if pin.units is not None else max(pin.min_units or 0, prep.min_alloc[pin.demand])
            _place(prep, led, plan, i, units)
    for demand in sorted(prep.demands.values(), key=lambda d: (-d.weight, d.id)):
        need = demand.required_units - sum(plan.alloc.get(i, 0) for i in prep.by_demand[demand.id])
        need = _fill_with_people(prep, led, plan, demand, need)
        _source(prep, led, plan, demand, need)
    return plan


def _fill_with_people(prep: Prepared, led: _Ledger, plan: Staffing, demand: Demand, need: int) -> int:
    least = prep.min_alloc[demand.id]

    def rank(i: int) -> tuple:
        o = prep.options[i]
        # With newcomer pairing the sheet fills incumbents first, so newcomers have someone to pair with.
        incumbent_first = 0 if not demand.pair_newcomers or o.disruption_cost == 0 else 1
        return (incumbent_first, -o.match_score, prep.people[o.person].cost_per_unit, o.person)

    for i in sorted(prep.by_demand[demand.id], key=rank):
        if need < least:
            break
        o = prep.options[i]
        pid, person = o.person, prep.people[o.person]
        if i in plan.alloc or person.locked:
            continue  # excluded pairs were already dropped by prepare()
        if demand.pair_newcomers and o.disruption_cost > 0 and not _has_incumbent(prep, plan, demand):
            continue
        if led.roles[pid] <= 0 or any(not prep.demands[d].shareable for d in led.on[pid]):
            continue
        if not demand.shareable and led.on[pid]:
            continue
        units = min(need, prep.caps[i], led.free[pid])
        units = led.affordable(demand.initiative, led.training_cost(o, demand.initiative), person.cost_per_unit,
                               units)
        if units < least:
            continue
        _place(prep, led, plan, i, units)
        need -= units
    return need


def _has_incumbent(prep: Prepared, plan: Staffing, demand: Demand) -> bool:
    return any(prep.options[i].disruption_cost == 0 for i in prep.by_demand[demand.id] if i in plan.alloc)


def _place(prep: Prepared, led: _Ledger, plan: Staffing, i: int, units: int) -> None:
    o = prep.options[i]
    initiative = prep.demands[o.demand].initiative
    local, overall = led.training_cost(o, initiative)
    cost = prep.people[o.person].cost_per_unit * units
    led.spend(initiative, cost + local, cost + overall)
    for s in o.trainings:
        led.trained.add((o.person, s.skill, s.to_level))
        led.trained_for.add((o.person, s.skill, s.to_level, initiative))
    plan.alloc[i] = units
    led.free[o.person] -= units
    led.roles[o.person] -= 1
    led.on[o.person].add(o.demand)


def _source(prep: Prepared, led: _Ledger, plan: Staffing, demand: Demand, need: int) -> None:
    """Hire if allowed and affordable, else contract; whatever is left stays uncovered."""
    inst, full, least = prep.inst, prep.inst.units_per_fte, prep.min_alloc[demand.id]
    if demand.pair_newcomers and not _has_incumbent(prep, plan, demand):
        return
    for kind in ("hire", "contract"):
        route = getattr(demand, kind)
        blocked = route_blocker(inst, demand, kind)
        if need < least or route is None or blocked is not None:
            continue
        units = need if route.max_units is None else min(need, route.max_units)
        units = led.affordable(demand.initiative, (0, 0), route.cost_per_unit, units)
        heads = -(-units // full)
        if kind == "hire":
            caps = [c for c in (led.hires.get(demand.initiative), led.global_hires) if c is not None]
            heads = min([heads, *caps])
            units = min(units, heads * full)
        if heads <= 0 or units < heads * least:
            continue
        cost = route.cost_per_unit * units
        led.spend(demand.initiative, cost, cost)
        if kind == "hire":
            if led.hires.get(demand.initiative) is not None:
                led.hires[demand.initiative] -= heads
            if led.global_hires is not None:
                led.global_hires -= heads
        (plan.hires if kind == "hire" else plan.contracts)[demand.id] = (units, heads)
        need -= units


def solution_from_plan(
    inst: Instance, prep: Prepared, plan: Staffing, *, config: Config, levels: list[LevelReport] | None = None,
    elapsed_s: float = 0.0,
) -> Solution:
    """A validator-ready Solution from plain plan numbers; levels scored by the solver's own objective code."""
    sol = to_solution(prep, plan)
    sol.elapsed_s = elapsed_s
    sol.penalties = penalties(inst, sol)
    values = level_values(inst, sol, config)
    sol.total_cost = values["cost"]
    if levels is None:
        # A greedy plan proves nothing: its bound is the trivial zero.
        levels = [
            LevelReport(name=name, status="feasible", value=values[name], bound=0,
                        gap=1.0 if values[name] else 0.0, proven=values[name] == 0, wall_s=elapsed_s)
            for name in ("coverage", "cost", "disruption")
        ]
    sol.levels = levels
    return sol


def solve_greedy(inst: Instance, *, config: Config | None = None) -> Solution:
    """The spreadsheet baseline as a Solution the solver's validator and objective code can check."""
    config = config or Config()
    started = time.perf_counter()
    prep = prepare(inst)
    plan = greedy_plan(prep)
    return solution_from_plan(inst, prep, plan, config=config, elapsed_s=time.perf_counter() - started)
