"""Demand over time: which phase an initiative is in on a day (its roadmap), and the role FTE that phase needs.

A phase's role template applies from its gate to the next gate on the roadmap (or the end of the horizon). The
initiative is in its current phase until the gate of a later phase passes (a gate on the roadmap for the current
phase itself does not hold it back: the lead says it is in that phase now). A displayed period counts the phase in force on its **last working day**: to be staffed at a gate, the
period that holds the gate already shows the new phase's need.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np

from app.domain.initiatives import Initiative
from app.domain.roles import Phase, PhaseTemplate, RoleTemplate
from app.timeline.calendar import Grid

_ORDER = list(Phase)


def phase_on(initiative: Initiative, day: date) -> Phase:
    """The phase in force on `day`: the latest phase whose gate has passed, and at least the current phase."""
    best = initiative.current_phase
    for phase, when in initiative.roadmap.items():
        if when <= day and _ORDER.index(phase) > _ORDER.index(best):
            best = phase
    return best


def period_ends(grid: Grid) -> list[date]:
    """The last working day of each displayed period."""
    last_atom = np.concatenate([np.flatnonzero(np.diff(grid.period_of_atom)), [grid.n_atoms - 1]])
    ends = np.concatenate([grid.atom_starts[1:], [len(grid.days)]]) - 1
    return [date.fromordinal(int(grid.days[ends[k]])) for k in last_atom]


def phases_by_period(initiative: Initiative, grid: Grid) -> list[Phase]:
    """The phase in force at the end of each displayed period."""
    return [phase_on(initiative, day) for day in period_ends(grid)]


@dataclass
class RoleDemand:
    """One role of one phase of one initiative, and the FTE it asks for in each displayed period."""

    initiative: str
    phase: Phase
    role: RoleTemplate
    fte: np.ndarray

    @property
    def key(self) -> tuple[str, Phase, str]:
        """(initiative, phase, role id)."""
        return self.initiative, self.phase, self.role.id


def role_demand(initiatives: Iterable[Initiative], templates: Mapping[Phase, PhaseTemplate], grid: Grid
                ) -> list[RoleDemand]:
    """Every role every initiative needs in some period, with its FTE per period (0 where its phase is not on)."""
    out: list[RoleDemand] = []
    for ini in initiatives:
        phases = phases_by_period(ini, grid)
        for phase in dict.fromkeys(phases):
            template = templates.get(phase)
            if template is None:
                continue
            on = np.array([p == phase for p in phases], dtype=np.float64)
            out.extend(RoleDemand(ini.id, phase, role, on * role.total_fte) for role in template.roles)
    return out
