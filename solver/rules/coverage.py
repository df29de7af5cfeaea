"""Every required unit is covered by people, hires or contractors, or counted as uncovered; bus factor."""
from __future__ import annotations

from solver.model import Model
from solver.schema import BUS_FACTOR


def coverage(m: Model) -> None:
    """Assigned + hired + contracted + uncovered units equal the required units of every demand."""
    for did, idx in m.prep.by_demand.items():
        demand = m.prep.demands[did]
        unc = m.uncovered[did] = m.cp.new_int_var(0, demand.required_units, f"uncovered(demand={did})")
        supplied = [m.x[i] for i in idx]
        for units in (m.hire_units, m.contract_units):
            if did in units:
                supplied.append(units[did])
        m.cp.add(sum(supplied) + unc == demand.required_units)


def sourcing_heads(m: Model) -> None:
    """Hired and contracted units come in heads of at most one FTE and at least the minimum allocation."""
    full = m.prep.inst.units_per_fte
    for units, heads in ((m.hire_units, m.hire_heads), (m.contract_units, m.contract_heads)):
        for did, u in units.items():
            m.cp.add(u <= full * heads[did])
            m.cp.add(u >= m.prep.min_alloc[did] * heads[did])


def bus_factor(m: Model) -> None:
    """An operations-critical demand is carried by at least two distinct people (hires count); soft."""
    for did, idx in m.prep.by_demand.items():
        demand = m.prep.demands[did]
        if not demand.ops_critical or demand.required_units == 0:
            continue
        short = m.shortfall[did] = m.cp.new_int_var(0, BUS_FACTOR, f"bus_factor(demand={did})")
        heads = [m.y[i] for i in idx]
        for pool in (m.hire_heads, m.contract_heads):
            if did in pool:
                heads.append(pool[did])
        m.cp.add(sum(heads) + short >= BUS_FACTOR)
