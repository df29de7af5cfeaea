"""Hiring and contracting: lead times against go-live, policy switches, hire caps."""
from __future__ import annotations

from solver.allowed import route_blocker
from solver.model import Model


def sourcing_policy(m: Model) -> None:
    """A hire or contractor is used only if offered, allowed by policy and able to start before go-live."""
    for kind, units, heads in (("hire", m.hire_units, m.hire_heads), ("contract", m.contract_units, m.contract_heads)):
        for did, u in units.items():
            if route_blocker(m.prep.inst, m.prep.demands[did], kind) is not None:
                m.cp.add(u == 0)
                m.cp.add(heads[did] == 0)


def hire_caps(m: Model) -> None:
    """Hired heads stay within each initiative's cap and the global cap."""
    inst = m.prep.inst
    for ini in inst.initiatives:
        if ini.max_hires is None:
            continue
        heads = [h for d, h in m.hire_heads.items() if m.prep.demands[d].initiative == ini.id]
        if heads:
            m.cp.add(sum(heads) <= ini.max_hires)
    if inst.max_hires_global is not None and m.hire_heads:
        m.cp.add(sum(m.hire_heads.values()) <= inst.max_hires_global)
