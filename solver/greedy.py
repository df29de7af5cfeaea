"""The greedy plan: pins and locks, a suggested start, then the cheapest fitting people by criticality, then hires
and contractors. Fast, always valid; the first incumbent, and the plan that stands when the search is stopped early."""
from __future__ import annotations

from solver.allowed import is_excluded, open_routes, route_units
from solver.prepare import Prepared, fixed_pairs
from solver.staffing import Staffing


class _Ledger:
    """Remaining capacity, roles and budget while the greedy plan is built."""

    def __init__(self, prep: Prepared) -> None:
        self.free = {pid: p.free_units + p.displaceable_units for pid, p in prep.people.items()}
        self.roles = {pid: prep.inst.max_roles(p) for pid, p in prep.people.items()}
        self.exclusive: set[str] = set()
        self.excluded_people = {e.person for e in prep.inst.exclusions}
        self.busy: set[str] = set()
        self.trained: set[tuple] = set()  # (person, skill, to) overall; (initiative, ...) per budget
        inst = prep.inst
        self.budget = {i.id: i.budget for i in inst.initiatives}
        self.global_budget = inst.global_budget
        self.hires_left = {i.id: i.max_hires for i in inst.initiatives}
        self.global_hires = inst.max_hires_global
        self.heads_on: dict[str, int] = {}  # demand → people placed on it
        self.incumbent_on: set[str] = set()  # demands with an incumbent placed (newcomer pairing)

    def spend_ok(self, initiative: str, amount: int, overall: int | None = None) -> bool:
        """True when `amount` fits the initiative's budget and `overall` (default the same) the portfolio's."""
        overall = amount if overall is None else overall
        left = self.budget.get(initiative)
        return (left is None or amount <= left) and (self.global_budget is None or overall <= self.global_budget)

    def spend(self, initiative: str, amount: int, overall: int | None = None) -> None:
        """Books `amount` on the initiative and `overall` (default the same) on the portfolio."""
        if self.budget.get(initiative) is not None:
            self.budget[initiative] -= amount
        if self.global_budget is not None:
            self.global_budget -= amount if overall is None else overall


def greedy(prep: Prepared, *, start: dict[int, int] | None = None) -> Staffing:
    """Pins and locked people first, then a suggested start, then the cheapest fitting people by criticality, then
    hires and contractors."""
    plan = Staffing()
    led = _Ledger(prep)
    forced = _forced(prep)
    for i, units in forced.items():
        _place(prep, led, plan, i, units)
    have: dict[str, int] = {}
    for i, units in plan.alloc.items():
        have[prep.options[i].demand] = have.get(prep.options[i].demand, 0) + units
    # The start (e.g. a flow relaxation) may break slivers, roles or budgets: keep only what fits, biggest first.
    for i, units in sorted((start or {}).items(), key=lambda kv: (-kv[1], kv[0])):
        did = prep.options[i].demand
        units = min(units, prep.demands[did].required_units - have.get(did, 0))
        if i not in plan.alloc and _fits(prep, led, i, units) and _paired(prep, led, i):
            _place(prep, led, plan, i, units)
            have[did] = have.get(did, 0) + units
    order = sorted(prep.demands.values(), key=lambda d: (-d.weight, d.id))
    rank = prep.greedy_rank
    for demand in order:
        need = demand.required_units - have.get(demand.id, 0)
        least = prep.min_alloc[demand.id]
        candidates = sorted((i for i in prep.by_demand[demand.id] if i not in plan.alloc), key=rank.__getitem__)
        if demand.pair_newcomers:
            # Incumbents first: newcomers may only join a demand that already has one.
            candidates.sort(key=lambda i: prep.options[i].disruption_cost > 0)
        cheapest_route = min((r.cost_per_unit for _, r in open_routes(prep.inst, demand)), default=None)
        for i in candidates:
            if need < least:
                break
            if cheapest_route is not None and prep.people[prep.options[i].person].cost_per_unit > cheapest_route:
                break
            units = min(need, prep.caps[i], led.free[prep.options[i].person])
            on_demand = led.heads_on.get(demand.id, 0)
            if 0 < need - units < least or (demand.ops_critical and on_demand == 0 and units == need):
                # Leave room for one more person rather than an unfillable sliver (or a lone carrier).
                units = need - least
            if not _fits(prep, led, i, units):
                units = min(units, _affordable(prep, led, i))  # a tight budget may still pay for part of it
            if _fits(prep, led, i, units) and _paired(prep, led, i):
                _place(prep, led, plan, i, units)
                need -= units
        need = _top_up(prep, led, plan, demand, need, set(forced))
        need = _shift(prep, led, plan, demand, need, set(forced), rank)
        if not demand.pair_newcomers or demand.id in led.incumbent_on:
            need = _source(prep, led, plan, demand, need)
    return plan


def _paired(prep: Prepared, led: _Ledger, i: int) -> bool:
    """Newcomer pairing: a newcomer joins a pairing demand only once an incumbent is on it."""
    o = prep.options[i]
    if not prep.demands[o.demand].pair_newcomers or o.disruption_cost == 0:
        return True
    return o.demand in led.incumbent_on


def _top_up(prep: Prepared, led: _Ledger, plan: Staffing, demand, need: int, forced: set[int]) -> int:
    """Gives a remainder too small for a new person to people already on the demand."""
    for i in sorted(prep.by_demand[demand.id]):
        if need <= 0:
            break
        if i not in plan.alloc or i in forced:
            continue
        o = prep.options[i]
        extra = min(need, led.free[o.person], prep.caps[i] - plan.alloc[i])
        if extra <= 0:
            continue
        cost = prep.people[o.person].cost_per_unit * extra
        grows = _displaced_after(prep, led, o.person, extra) > _displaced_after(prep, led, o.person, 0)
        if grows or not led.spend_ok(demand.initiative, cost):
            continue
        led.spend(demand.initiative, cost)
        led.free[o.person] -= extra
        plan.alloc[i] += extra
        need -= extra
    return need


def _shift(
    prep: Prepared, led: _Ledger, plan: Staffing, demand, need: int, forced: set[int], rank: list[tuple]
) -> int:
    """Makes room for one more person: someone placed gives up a few units so a newcomer can take the minimum.

    Fills a remainder too small for a new placement, and gives an operations-critical demand its second
    carrier; both were left open when the rounded flow put one person on the whole demand."""
    least = prep.min_alloc[demand.id]
    sourced = demand.id in plan.hires or demand.id in plan.contracts
    if 0 < need < least:
        take = least - need
    elif need == 0 and demand.ops_critical and led.heads_on.get(demand.id, 0) == 1 and not sourced:
        take = least
    else:
        return need
    placed = [i for i in prep.by_demand[demand.id] if i in plan.alloc and i not in forced
              and not plan.displaced.get(prep.options[i].person)]
    donors = [i for i in placed if plan.alloc[i] - take >= least]
    free = sorted((i for i in prep.by_demand[demand.id] if i not in plan.alloc), key=rank.__getitem__)
    if donors:
        donor = max(donors, key=lambda i: (plan.alloc[i], -i))
        for j in free:
            if _fits(prep, led, j, take + need) and _paired(prep, led, j):
                _release(prep, led, plan, donor, take)
                _place(prep, led, plan, j, take + need)
                return 0
    if need and not demand.pair_newcomers:
        # Nobody can give units away: swap someone for a person who can take their units and the remainder.
        for i in sorted(placed, key=lambda i: (plan.alloc[i], i)):
            for j in free:
                if _fits(prep, led, j, plan.alloc[i] + need):
                    units = plan.alloc[i] + need
                    _release(prep, led, plan, i, plan.alloc[i])
                    _place(prep, led, plan, j, units)
                    return 0
    return need


def _affordable(prep: Prepared, led: _Ledger, i: int) -> int:
    """The most units of option i the budgets left can pay for (trainings included)."""
    o = prep.options[i]
    rate = prep.people[o.person].cost_per_unit
    initiative = prep.demands[o.demand].initiative
    most = prep.caps[i]
    for left, training in ((led.budget.get(initiative), _training_cost(led, o, initiative)),
                           (led.global_budget, _training_cost(led, o))):
        if left is not None:
            most = min(most, (left - training) // rate if rate else (most if left >= training else 0))
    return max(0, most)


def _release(prep: Prepared, led: _Ledger, plan: Staffing, i: int, units: int) -> None:
    """Takes `units` back from a placement (all of them removes it); trainings stay booked (conservative)."""
    o = prep.options[i]
    led.spend(prep.demands[o.demand].initiative, -prep.people[o.person].cost_per_unit * units)
    led.free[o.person] += units
    plan.alloc[i] -= units
    if plan.alloc[i] == 0:
        del plan.alloc[i]
        led.roles[o.person] += 1
        led.heads_on[o.demand] -= 1
        led.exclusive.discard(o.person)
        if not any(j in plan.alloc for j in prep.by_person[o.person]):
            led.busy.discard(o.person)


def _fits(prep: Prepared, led: _Ledger, i: int, units: int) -> bool:
    o = prep.options[i]
    pid, demand = o.person, prep.demands[o.demand]
    if units < prep.min_alloc[demand.id] or units > min(prep.caps[i], led.free[pid]):
        return False
    if led.roles[pid] <= 0 or pid in led.exclusive or (not demand.shareable and pid in led.busy):
        return False
    if prep.people[pid].locked or (pid in led.excluded_people and is_excluded(prep.inst, prep.people[pid], demand)):
        return False
    time_cost = prep.people[pid].cost_per_unit * units
    extra = _displaced_after(prep, led, pid, units) - _displaced_after(prep, led, pid, 0)
    cost_elsewhere = extra * prep.people[pid].displacement_cost_per_unit
    overall = time_cost + _training_cost(led, o) + cost_elsewhere
    return led.spend_ok(demand.initiative, time_cost + _training_cost(led, o, demand.initiative), overall)


def _displaced_after(prep: Prepared, led: _Ledger, pid: str, units: int) -> int:
    """Tentative units displaced once `units` more are placed on this person."""
    person = prep.people[pid]
    used = person.free_units + person.displaceable_units - led.free[pid] + units
    return max(0, used - person.free_units)


def _forced(prep: Prepared) -> dict[int, int]:
    """Units every plan gives an option: locked people's current allocations, pins (at least the minimum)."""
    index = {key: i for i, key in enumerate(prep.keys)}
    return {index[key]: least for key, _, least in fixed_pairs(prep) if key in index and least > 0}


def _training_cost(led: _Ledger, o, initiative: str | None = None) -> int:
    """Trainings not yet paid: overall, or (with `initiative`) against that initiative's budget, which
    bears a training shared with another initiative in full."""
    if initiative is None:
        return sum(s.cost for s in o.trainings if (o.person, s.skill, s.to_level) not in led.trained)
    return sum(s.cost for s in o.trainings if (initiative, o.person, s.skill, s.to_level) not in led.trained)


def _place(prep: Prepared, led: _Ledger, plan: Staffing, i: int, units: int) -> None:
    o = prep.options[i]
    demand = prep.demands[o.demand]
    time_cost = prep.people[o.person].cost_per_unit * units
    led.spend(demand.initiative, time_cost + _training_cost(led, o, demand.initiative),
              time_cost + _training_cost(led, o))
    led.trained.update((o.person, s.skill, s.to_level) for s in o.trainings)
    led.trained.update((demand.initiative, o.person, s.skill, s.to_level) for s in o.trainings)
    plan.alloc[i] = units
    led.heads_on[o.demand] = led.heads_on.get(o.demand, 0) + 1
    if o.disruption_cost == 0:
        led.incumbent_on.add(o.demand)
    led.free[o.person] -= units
    over = _displaced_after(prep, led, o.person, 0)
    if over > plan.displaced.get(o.person, 0):
        if led.global_budget is not None:
            led.global_budget -= (over - plan.displaced.get(o.person, 0)) * prep.people[o.person].displacement_cost_per_unit
        plan.displaced[o.person] = over
    led.roles[o.person] -= 1
    led.busy.add(o.person)
    if not demand.shareable:
        led.exclusive.add(o.person)


def _source(prep: Prepared, led: _Ledger, plan: Staffing, demand, need: int) -> int:
    full = prep.inst.units_per_fte
    least = prep.min_alloc[demand.id]
    for kind, route in sorted(open_routes(prep.inst, demand), key=lambda r: r[1].cost_per_unit):
        units = route_units(route, need)
        heads = -(-units // full)
        if kind == "hire":
            caps = [c for c in (led.hires_left.get(demand.initiative), led.global_hires) if c is not None]
            heads = min([heads, *caps])
            units = min(units, heads * full)
        if units < least or heads <= 0 or units < heads * least:
            continue
        cost = route.cost_per_unit * units
        if not led.spend_ok(demand.initiative, cost):
            continue
        led.spend(demand.initiative, cost)
        if kind == "hire":
            if led.hires_left.get(demand.initiative) is not None:
                led.hires_left[demand.initiative] -= heads
            if led.global_hires is not None:
                led.global_hires -= heads
        (plan.hires if kind == "hire" else plan.contracts)[demand.id] = (units, heads)
        need -= units
    return need
