"""How a person's time is split: whole units, no slivers, within capacity, few roles, exclusive roles."""
from __future__ import annotations

from solver.model import Model


def no_slivers(m: Model) -> None:
    """An allocation is zero or at least the minimum allocation, and never above what the pair allows."""
    for o, x, y, cap in zip(m.prep.options, m.x, m.y, m.prep.caps, strict=True):
        m.cp.add(x >= m.prep.min_alloc[o.demand] * y)
        m.cp.add(x <= cap * y)


def capacity(m: Model) -> None:
    """A person's allocations never exceed their free FTE plus the tentative work they may be moved off."""
    for pid, idx in m.prep.by_person.items():
        person = m.prep.people[pid]
        total = sum(m.prep.caps[i] for i in idx)
        if total <= person.free_units:
            continue
        if person.displaceable_units:
            d = m.displaced[pid] = m.cp.new_int_var(0, person.displaceable_units, f"displaced(person={pid})")
            m.cp.add(sum(m.x[i] for i in idx) <= person.free_units + d)
        else:
            m.cp.add(sum(m.x[i] for i in idx) <= person.free_units)


def max_roles(m: Model) -> None:
    """A person holds at most their maximum number of concurrent roles."""
    for pid, idx in m.prep.by_person.items():
        limit = m.prep.inst.max_roles(m.prep.people[pid])
        if len(idx) > limit:
            m.cp.add(sum(m.y[i] for i in idx) <= limit)


def exclusive_roles(m: Model) -> None:
    """A person on a non-shareable demand takes no other demand."""
    for idx in m.prep.by_person.values():
        if len(idx) < 2:
            continue
        exclusive = [i for i in idx if not m.prep.demands[m.prep.options[i].demand].shareable]
        if not exclusive:
            continue
        # Cliques instead of a big-M row: the exclusive options plus any one other are pairwise incompatible.
        # The LP of `Σ others ≤ n·(1 − y)` let half an exclusive placement sit beside n/2 other roles.
        others = [i for i in idx if i not in exclusive]
        for j in others or [None]:
            group = exclusive + ([j] if j is not None else [])
            if len(group) > 1:
                m.cp.add_at_most_one(m.y[i] for i in group)
