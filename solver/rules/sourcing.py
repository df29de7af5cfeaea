"""Hiring and contracting: lead times against go-live, policy switches, hire caps."""
from __future__ import annotations

from solver.model import Model
from solver.schema import Demand, Instance, Sourcing


def hire_blocker(inst: Instance, demand: Demand) -> str | None:
    """Why hiring is impossible for a demand ('hiring_freeze', 'hire_lead_time', 'not_offered') or None."""
    route = demand.hire
    if route is None or not route.allowed:
        return "not_offered"
    initiative = inst.initiative(demand.initiative)
    if initiative.hiring_freeze:
        return "hiring_freeze"
    if initiative.max_hires == 0 or inst.max_hires_global == 0:
        return "hire_cap"
    go_live = inst.go_live(demand)
    if go_live is not None and route.lead_weeks > go_live:
        return "hire_lead_time"
    return None


def contract_blocker(inst: Instance, demand: Demand) -> str | None:
    """Why contracting is impossible for a demand ('no_contractors', 'contract_lead_time', ...) or None."""
    route = demand.contract
    if route is None or not route.allowed:
        return "not_offered"
    if not inst.initiative(demand.initiative).allow_contractors:
        return "no_contractors"
    go_live = inst.go_live(demand)
    if go_live is not None and route.lead_weeks > go_live:
        return "contract_lead_time"
    return None


def sourcing_policy(m: Model) -> None:
    """A hire or contractor is used only if offered, allowed by policy and able to start before go-live."""
    for did, u in m.hire_units.items():
        if hire_blocker(m.prep.inst, m.prep.demands[did]) is not None:
            m.cp.add(u == 0)
            m.cp.add(m.hire_heads[did] == 0)
    for did, u in m.contract_units.items():
        if contract_blocker(m.prep.inst, m.prep.demands[did]) is not None:
            m.cp.add(u == 0)
            m.cp.add(m.contract_heads[did] == 0)


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


def open_routes(inst: Instance, demand: Demand) -> list[tuple[str, Sourcing]]:
    """The routes a demand may use, hire first: offered, allowed by policy and able to start before go-live."""
    return [(kind, route) for kind, route, blocker in (("hire", demand.hire, hire_blocker),
                                                       ("contract", demand.contract, contract_blocker))
            if route is not None and blocker(inst, demand) is None]


def route_units(route: Sourcing, required: int) -> int:
    """The most units a route may supply to a demand that needs `required`."""
    return required if route.max_units is None else min(route.max_units, required)
