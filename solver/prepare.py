"""Indexes an Instance for the model: usable options, their caps and costs, per person and per demand."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from solver.allowed import min_alloc_for, option_cap, why_unusable
from solver.schema import Demand, Instance, Option, Person

TrainingKey = tuple[str, str, int]  # (person, skill, to_level)


@dataclass
class Prepared:
    """The instance indexed for model building; options are sorted and pruned, never reordered later."""

    inst: Instance
    people: dict[str, Person]
    demands: dict[str, Demand]
    options: list[Option]
    caps: list[int]
    by_person: dict[str, list[int]]
    by_demand: dict[str, list[int]]
    min_alloc: dict[str, int]
    #: Each option's (person, demand), the person's cost per unit, and the cost per unit with its trainings spread
    #: over the units it could take, by option index (reading these is much cheaper than the Option objects).
    keys: list[tuple[str, str]]
    person_costs: list[int]
    unit_costs: list[int]
    #: Options read and dropped: no rule could ever allow them.
    dropped: int = 0
    pinned: set[tuple[str, str]] = field(default_factory=set)
    #: Training money per unit of each option (solver.relaxation.training_charges), computed once.
    charges: tuple[list[float], list[float]] | None = None

    @cached_property
    def index(self) -> dict[tuple[str, str], Option]:
        """The usable options keyed by (person, demand)."""
        return dict(zip(self.keys, self.options, strict=True))

    @cached_property
    def greedy_rank(self) -> list[tuple[int, int, int]]:
        """The greedy's preference per option index: cheapest per unit, then best match."""
        return [(c, -o.match_score, i) for i, (c, o) in enumerate(zip(self.unit_costs, self.options, strict=True))]

    @cached_property
    def training_keys(self) -> dict[TrainingKey, list[int]]:
        """Each distinct (person, skill, to_level) training and the option indexes that need it."""
        keys: dict[TrainingKey, list[int]] = {}
        for i, o in enumerate(self.options):
            for step in o.trainings:
                keys.setdefault((o.person, step.skill, step.to_level), []).append(i)
        return keys


def prepare(inst: Instance, *, demand_ids: set[str] | None = None) -> Prepared:
    """Indexes the instance (optionally one component of it), pruning options no rule could ever allow."""
    people = {p.id: p for p in inst.people}
    demands = {d.id: d for d in inst.demands if demand_ids is None or d.id in demand_ids}
    pinned = {(p.person, p.demand) for p in inst.pins}
    given = {(o.person, o.demand): o for o in inst.options if o.demand in demands}
    # Pins and locked allocations are agreed decisions: the pair is usable even when the caller did not list it.
    locked = _locked_pairs(inst)
    for person, demand in sorted(pinned | locked):
        if demand in demands and (person, demand) not in given:
            given[(person, demand)] = Option(person=person, demand=demand)
    options: list[Option] = []
    caps: list[int] = []
    keys: list[tuple[str, str]] = []
    dropped = 0
    excluded_people = {e.person for e in inst.exclusions}
    least = {did: min_alloc_for(inst, d) for did, d in demands.items()}
    timing = {did: (inst.go_live(d), inst.initiative(d.initiative).allow_training) for did, d in demands.items()}
    # The common case (person neither excluded nor locked) is decided with per-person and per-demand facts computed
    # once, in the same order and with the same outcome as why_unusable, whose per-option calls would dominate
    # prepare() on hundreds of thousands of options.
    simple = {
        p.id: p.free_units + p.displaceable_units for p in inst.people if not p.locked and p.id not in excluded_people
    }
    required = {did: d.required_units for did, d in demands.items()}
    forced = pinned | locked
    rate = {p.id: p.cost_per_unit for p in inst.people}
    person_costs: list[int] = []
    unit_costs: list[int] = []
    for key in sorted(given):
        o = given[key]
        total = simple.get(key[0])
        if total is not None:
            did = key[1]
            cap = min(required[did], total)
            if o.max_units is not None:
                cap = min(cap, o.max_units)
            cap = max(0, cap)
            reason = None
            if o.trainings:
                go_live, allowed = timing[did]
                if go_live is not None and any(step.weeks > go_live for step in o.trainings):
                    reason = "training_too_long"
                elif not allowed:
                    reason = "training_not_allowed"
            if reason is None and cap < least[did]:
                reason = "no_capacity"
        else:
            person, demand = people[o.person], demands[o.demand]
            cap = option_cap(inst, person, demand, o)
            reason = why_unusable(inst, person, demand, o, cap)
        if reason is not None and key not in forced:
            dropped += 1
            continue
        options.append(o)
        caps.append(cap)
        keys.append(key)
        c = rate[key[0]]
        person_costs.append(c)
        unit_costs.append(c + sum(s.cost for s in o.trainings) // max(1, cap) if o.trainings else c)
    by_person, by_demand = _grouped(keys, sorted(demands))
    return Prepared(
        inst=inst,
        people=people,
        demands=demands,
        options=options,
        caps=caps,
        by_person=by_person,
        by_demand=by_demand,
        min_alloc=least,
        keys=keys,
        person_costs=person_costs,
        unit_costs=unit_costs,
        dropped=dropped,
        pinned=pinned,
    )


def restrict(prep: Prepared, keep: set[int]) -> tuple[Prepared, list[int]]:
    """The same component with only some options (a neighbourhood), and each kept option's original index."""
    order = sorted(keep)
    keys = [prep.keys[i] for i in order]
    by_person, by_demand = _grouped(keys, prep.by_demand)
    small = Prepared(
        inst=prep.inst, people=prep.people, demands=prep.demands, options=[prep.options[i] for i in order],
        caps=[prep.caps[i] for i in order], by_person=by_person, by_demand=by_demand,
        min_alloc=prep.min_alloc, keys=keys,
        person_costs=[prep.person_costs[i] for i in order], unit_costs=[prep.unit_costs[i] for i in order],
        dropped=prep.dropped, pinned=prep.pinned,
    )
    return small, order


def _grouped(keys: list[tuple[str, str]], demand_ids) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Option indexes per person and per demand (every demand of `demand_ids`, in that order, even with none)."""
    by_person: dict[str, list[int]] = {}
    by_demand: dict[str, list[int]] = {d: [] for d in demand_ids}
    for i, (person_id, demand_id) in enumerate(keys):
        by_person.setdefault(person_id, []).append(i)
        by_demand[demand_id].append(i)
    return by_person, by_demand


def part_instance(prep: Prepared) -> Instance:
    """The instance restricted to one component's demands (for checking a component's plan on its own)."""
    inst = prep.inst
    if len(prep.demands) == len(inst.demands):
        return inst
    keep = prep.demands
    return inst.model_copy(
        update={
            "demands": [d for d in inst.demands if d.id in keep],
            "options": [o for o in inst.options if o.demand in keep],
            "pins": [p for p in inst.pins if p.demand in keep],
            "people": [
                p.model_copy(update={"current_allocations": {d: u for d, u in p.current_allocations.items() if d in keep}})
                if p.locked else p
                for p in inst.people
            ],
        }
    )


def _locked_pairs(inst: Instance) -> set[tuple[str, str]]:
    return {(p.id, d) for p in inst.people if p.locked for d, units in p.current_allocations.items() if units > 0}


def components(inst: Instance) -> list[set[str]]:
    """Groups of demands that share no person, budget or hire cap: each can be solved on its own."""
    parent: dict[str, str] = {d.id: d.id for d in inst.demands}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    demand_ids = [d.id for d in inst.demands]
    left = [len(demand_ids) - 1]  # unions still possible: at 0 everything is one group and reading can stop

    def join(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
            left[0] -= 1

    if inst.global_budget is not None or inst.max_hires_global is not None:
        for d in demand_ids[1:]:
            join(demand_ids[0], d)
    coupled = {i.id for i in inst.initiatives if i.budget is not None or i.max_hires is not None}
    first_of: dict[str, str] = {}
    for d in inst.demands:
        if d.initiative in coupled:
            join(first_of.setdefault(d.initiative, d.id), d.id)
    last_of_person: dict[str, str] = {}
    for pairs in (sorted(_locked_pairs(inst)), ((p.person, p.demand) for p in inst.pins),
                  ((o.person, o.demand) for o in inst.options)):
        for person, demand in pairs:
            if left[0] <= 0:
                break  # one group already (the usual pool): the remaining 100k+ options change nothing
            if demand in parent:
                other = last_of_person.setdefault(person, demand)
                if other != demand:
                    join(other, demand)
    groups: dict[str, set[str]] = {}
    for d in demand_ids:
        groups.setdefault(find(d), set()).add(d)
    return [groups[k] for k in sorted(groups, key=lambda k: min(groups[k]))]


def fixed_pairs(prep: Prepared) -> Iterator[tuple[tuple[str, str], int | None, int]]:
    """Each (person, demand) every plan fixes, once, with its exact units (None for an "at least" pin) and the
    least units every plan gives it: locked people's current allocations first, then the pins on usable options."""
    usable = set(prep.keys)
    seen: set[tuple[str, str]] = set()
    for pid, person in prep.people.items():
        if person.locked:
            for did, u in person.current_allocations.items():
                if did in prep.demands and (pid, did) not in seen:
                    seen.add((pid, did))
                    yield (pid, did), u, u
    for pin in prep.inst.pins:
        key = (pin.person, pin.demand)
        if pin.demand in prep.demands and key in usable and key not in seen:
            seen.add(key)
            least = max(pin.min_units or 0, prep.min_alloc[pin.demand])
            yield key, pin.units, pin.units if pin.units is not None else least
