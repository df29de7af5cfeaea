"""Gaps over time: for each period, the roles of the phase then in force against what qualified people can give.

Each period runs the same gap analysis as today's snapshot (app/gaps) on the roster as it stands in that period
(snapshot.py): the team covers roles with the time it actually gives the initiative then, the pool is everyone
else's free time then. Role gaps are grouped by the five failure modes as the snapshot report groups them.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pydantic import BaseModel, Field

from app.domain.initiatives import Initiative
from app.domain.roles import Phase
from app.domain.skills import FailureMode
from app.gaps import analyse_gaps
from app.gaps.models import GapReport
from app.templates.loader import TemplateSet
from app.timeline.bench import OpenDemand
from app.timeline.capacity import Capacity
from app.timeline.demand import phases_by_period
from app.timeline.snapshot import Snapshots

_ORDER = list(Phase)


class PeriodRoleGap(BaseModel):
    """One role in one period: FTE needed, what the team gives then, the gap, and the qualified pool's free time."""

    role: str
    name: str
    failure_modes: list[FailureMode]
    criticality: int
    required_fte: float
    team_fte: float = Field(description="Time the team gives the role in this period (qualified people only).")
    gap_fte: float
    pool_fte: float = Field(description="Free time of qualified people elsewhere in this period, up to a head each.")
    pool_people: int
    short_fte: float = Field(description="What stays open even if the qualified pool gave all its free time.")


class PeriodGap(BaseModel):
    """One displayed period of one initiative: its phase then, and its role gaps grouped by failure mode."""

    start: date
    end: date
    phase: Phase = Field(description="Phase in force on the period's last working day.")
    required_fte: float = 0.0
    covered_fte: float = 0.0
    gap_fte: float = 0.0
    short_fte: float = 0.0
    readiness: dict[FailureMode, float] = Field(default_factory=dict, description="0–100 per failure mode.")
    gap_by_mode: dict[FailureMode, float] = Field(default_factory=dict,
                                                  description="Gap FTE of the roles guarding each failure mode.")
    roles: list[PeriodRoleGap] = Field(default_factory=list)


class GapTimeline(BaseModel):
    """`phasegate gaps --by month --json`: one initiative's gaps per period, by failure mode."""

    initiative: str
    by: str
    roadmap: dict[Phase, date]
    periods: list[PeriodGap]


def _period_gap(report: GapReport, start: date, end: date, phase: Phase) -> PeriodGap:
    roles = [PeriodRoleGap(role=r.role, name=r.name, failure_modes=list(r.failure_modes), criticality=r.criticality,
                           required_fte=r.required_fte, team_fte=r.team_fte, gap_fte=r.gap_fte, pool_fte=r.pool_fte,
                           pool_people=r.pool_people, short_fte=round(max(0.0, r.gap_fte - r.pool_fte), 4))
             for r in report.roles]
    by_mode = {mode: round(sum(r.gap_fte for r in roles if mode in r.failure_modes), 4) for mode in FailureMode}
    return PeriodGap(start=start, end=end, phase=phase, required_fte=report.required_fte,
                     covered_fte=report.covered_fte, gap_fte=report.gap_fte,
                     short_fte=round(sum(r.short_fte for r in roles), 4), readiness=dict(report.readiness),
                     gap_by_mode=by_mode, roles=roles)


def gap_timeline(cap: Capacity, initiative: Initiative, templates: TemplateSet, *, snapshots: Snapshots | None = None,
                 cancelled: Callable[[], bool] | None = None) -> GapTimeline:
    """The initiative's gaps in every displayed period of the capacity's grid."""
    snapshots = snapshots or Snapshots(cap)
    periods = []
    for t, (period, phase) in enumerate(zip(cap.grid.periods, phases_by_period(initiative, cap.grid), strict=True)):
        if cancelled is not None and cancelled():
            break
        current = initiative.current_phase
        from_phase = current if _ORDER.index(current) <= _ORDER.index(phase) else phase
        report = analyse_gaps(snapshots.people(t), initiative=initiative.id, to_phase=phase, from_phase=from_phase,
                              templates=templates, top_n=0)
        periods.append(_period_gap(report, period.start, period.end, phase))
    return GapTimeline(initiative=initiative.id, by=cap.grid.by.value, roadmap=dict(initiative.roadmap),
                       periods=periods)


def open_demands(timeline: GapTimeline, templates: TemplateSet) -> list[OpenDemand]:
    """Every role with a gap in some period of the timeline, as open demands (one per role and period)."""
    out = []
    for period in timeline.periods:
        template = templates.phase(period.phase)
        for r in period.roles:
            role = template.role(r.role)
            if r.gap_fte > 0 and role is not None:
                out.append(OpenDemand.of(timeline.initiative, role, period.start, period.end, r.gap_fte))
    return out


def gap_timeline_schema() -> dict:
    """JSON Schema (draft 2020-12) of `phasegate gaps --by month --json`."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://phasegate.invalid/schema/gaps-by-period.schema.json", **GapTimeline.model_json_schema()}
