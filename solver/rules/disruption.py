"""Disruption accounting and newcomer pairing."""
from __future__ import annotations

from solver.model import Model


def moves(m: Model) -> None:
    """A person placed on an initiative they are not on today counts as moved."""
    for pid, idx in m.prep.by_person.items():
        movers = [i for i in idx if m.prep.options[i].disruption_cost > 0]
        if movers:
            v = m.moved[pid] = m.cp.new_bool_var(f"moved(person={pid})")
            for i in movers:
                m.cp.add_implication(m.y[i], v)


def newcomer_pairing(m: Model) -> None:
    """Where asked, newcomers on a demand (moved people and hires) work alongside at least one incumbent."""
    for did, idx in m.prep.by_demand.items():
        if not m.prep.demands[did].pair_newcomers:
            continue
        movers = [m.y[i] for i in idx if m.prep.options[i].disruption_cost > 0]
        sourced = [pool[did] for pool in (m.hire_heads, m.contract_heads) if did in pool]
        incumbents = [m.y[i] for i in idx if m.prep.options[i].disruption_cost == 0]
        # One implication per newcomer (y ≤ Σ incumbents in the LP) rather than one big-M row for all of them.
        for y in movers:
            if incumbents:
                m.cp.add_bool_or(incumbents).only_enforce_if(y)
            else:
                m.cp.add(y == 0)
        for heads in sourced:
            if incumbents:
                # max(), not domain[-1]: OR-Tools 9.15's proto containers return element 0 for index -1.
                m.cp.add(heads <= max(heads.proto.domain) * sum(incumbents))
            else:
                m.cp.add(heads == 0)
