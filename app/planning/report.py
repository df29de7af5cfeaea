"""plan_report(): the export's PlanReport for a scenario's plan, with readiness before/after and the gap matrix.

Readiness comes from the gap analysis (`app.gaps`), which reads 0–100; the report holds shares (0–1), so every
figure here is the gap analysis's divided by 100. For a portfolio, each failure mode's figure is the mean of the
initiatives' figures weighted by the FTE each initiative requires in the roles guarding that mode (an initiative
with no such role has weight 0, as `readiness()` reads 100 for it; a mode no initiative guards reads 1).
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.domain.people import Person
from app.domain.plans import Plan
from app.domain.roles import Phase, PhaseTemplate
from app.domain.skills import FailureMode, SkillCatalogue
from app.errors import UsageError
from app.export.report import GapCell, PlanReport, build_plan_report
from app.gaps import GapReport, analyse_gaps, readiness_after
from app.planning.bridge import initiatives_in_scope, scenario_of, shared_budget
from app.planning.prepared import due
from app.planning.words.numbers import day
from app.project.model import Project, Scenario
from app.templates import TemplateSet, levels_of, load_phase_templates, load_skill_graph
from app.timeline.window_gaps import over_window


def project_templates(project: Project, templates: TemplateSet | None = None) -> TemplateSet:
    """The templates planning uses: the project's own copies over `templates` (default: the library's)."""
    base = templates if templates is not None else load_phase_templates()
    phases: dict[Phase, PhaseTemplate] = dict(base.phases)
    phases.update(project.templates)
    missing = [p for p in Phase if p not in phases]
    if missing:  # a partial set (e.g. only the templates in use): the library fills the other phases
        library = load_phase_templates()
        phases.update({p: library.phases[p] for p in missing})
    catalogue = project.catalogue or base.catalogue
    graph = base.graph if catalogue == base.catalogue else load_skill_graph(catalogue=catalogue)
    return TemplateSet(phases=phases, raw=dict(phases), catalogue=catalogue, graph=graph,
                       sources=dict(base.sources), problems=list(base.problems))


def guarded_fte(report: GapReport) -> dict[FailureMode, float]:
    """FTE the target phase requires in the roles guarding each failure mode (the portfolio weight)."""
    return {m: sum(r.required_fte for r in report.roles if m in r.failure_modes) for m in FailureMode}


def combine_readiness(parts: Sequence[tuple[dict[FailureMode, float], dict[FailureMode, float]]]
                      ) -> dict[FailureMode, float]:
    """Readiness shares (0–1) per mode from (readiness 0–100, weight per mode) pairs: the weighted mean."""
    out: dict[FailureMode, float] = {}
    for mode in FailureMode:
        total = sum(weights.get(mode, 0.0) for _, weights in parts)
        if total <= 0:
            out[mode] = 1.0
            continue
        mean = sum(values.get(mode, 100.0) * weights.get(mode, 0.0) for values, weights in parts) / total
        out[mode] = round(mean / 100.0, 4)
    return out


def _best_levels(people: Sequence[Person], initiative: str) -> dict[str, int]:
    """Highest level per skill among the initiative's team and the people with free time."""
    best: dict[str, int] = {}
    for p in people:
        if not p.available or not (p.on_team(initiative) or p.free_fte() > 0):
            continue
        for skill, level in levels_of(p).items():
            if level > best.get(skill, 0):
                best[skill] = level
    return best


def gap_cells(report: GapReport, *, people: Sequence[Person], catalogue: SkillCatalogue,
              label: str | None = None) -> list[GapCell]:
    """The gap report's role × skill matrix as export cells; `label` (an initiative name) tags each role."""
    roles = {r.role: r for r in report.roles}
    best = _best_levels(people, report.initiative)
    cells = []
    for m in report.matrix:
        role = roles.get(m.role)
        name = role.name if role else m.role
        have = best.get(m.skill, 0)
        cells.append(GapCell(
            role=f"{report.initiative}/{m.role}" if label else m.role,
            role_name=f"{name} ({label})" if label else name,
            skill=m.skill, skill_name=catalogue.name_of(m.skill), required_level=m.need_level,
            best_level_available=have, gap=max(0, m.need_level - have),
            failure_modes=list(role.failure_modes) if role else []))
    return cells


def plan_report(project: Project, *, scenario: Scenario | str | None = None, templates: TemplateSet | None = None,
                include_gaps: bool = True, plan: Plan | None = None, today: date | None = None) -> PlanReport:
    """The export's PlanReport of a scenario's plan (default: the active scenario's stored plan); `include_gaps`
    fills in readiness before (today's team) and after the plan, and the gap matrix."""
    sc = scenario_of(project, scenario)
    plan = plan if plan is not None else sc.plan
    if plan is None:
        raise UsageError(f"scenario '{sc.name}' has no plan yet; plan it before exporting")
    chosen = initiatives_in_scope(project, sc)
    made = plan.settings.get("today")  # the day the plan counted its dates from (older plans: today)
    when = today or (date.fromisoformat(str(made)) if made else date.today())
    ts = project_templates(project, templates)
    catalogue = project.catalogue or ts.catalogue
    people = project.roster.people
    before: dict[FailureMode, float] = {}
    after: dict[FailureMode, float] = {}
    cells: list[GapCell] = []
    windows: dict[str, str] = {}
    if include_gaps:
        befores, afters = [], []
        for ini in chosen:
            seen, window = over_window(people, ini, today=today or date.today())  # free time as the optimiser's
            gaps = analyse_gaps(seen, initiative=ini.id, to_phase=ini.target_phase, from_phase=ini.current_phase,
                                templates=ts, window=window)
            windows[ini.id] = window.words
            weights = guarded_fte(gaps)
            befores.append((gaps.readiness, weights))
            afters.append((readiness_after(plan, report=gaps), weights))
            cells += gap_cells(gaps, people=seen, catalogue=catalogue,
                               label=ini.name if len(chosen) > 1 else None)
        before, after = combine_readiness(befores), combine_readiness(afters)
    names = ", ".join(i.name for i in chosen)
    report = build_plan_report(
        plan=plan, people=people, initiatives=[i.model_copy(update={"go_live": due(i, today=when)}) for i in chosen],
        templates={i.target_phase: ts.phases[i.target_phase] for i in chosen}, catalogue=catalogue,
        gap_matrix=cells, readiness_before=before, readiness_after=after, policy_overrides=sc.policy_overrides,
        title=f"Staffing plan: {names}" + (f" ({sc.name})" if sc.name != "Baseline" else ""),
    )
    report.gap_windows = windows
    report.assumed_go_live = {i.id: f"{day(due(i, today=when))} is assumed: no go-live was set, so the plan runs to the "
                                    f"end of its {i.policy.horizon_weeks}-week horizon" for i in chosen if i.go_live is None}
    report.pins, report.exclusions = list(sc.pins), list(sc.exclusions)  # what was decided before this plan
    report.sourcing_limits, report.rejected_trainings = list(sc.sourcing_limits), list(sc.rejected_trainings)
    report.approvals = list(sc.approvals)
    report.portfolio_budget = shared_budget(project, sc, chosen)
    if project.source is not None:  # recorded at import; the file itself may be gone or elsewhere by now
        report.source_file = project.source.file_name
        report.source_sha256 = project.source.sha256 or None
    return report
