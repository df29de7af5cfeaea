"""What page 1 of the approvers' workbook asks, as facts: what to approve by when, cost against budget, headcount,
who is released or leaves a gap, and the top risks. Pure data from a PlanReport; the Summary sheet lays it out."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from app.domain.people import Person
from app.domain.plans import Hire, Training, Uncovered
from app.export.report import PlanReport
from app.planning.words.numbers import day

#: Requisitions due within this many days of the plan date are highlighted.
DUE_SOON_DAYS = 14
#: A training whose latest start is within this many days has no slack before its go-live.
NO_SLACK_DAYS = 7
#: Rows per risk kind on page 1 (the sheets hold them all).
TOP_RISKS = 3
#: Requisitions listed on page 1 (the Hiring sheet highlights them all).
TOP_DUE = 6
#: Team changes: someone whose work on an initiative ends before its gate, as the roster says, whom the plan does not
#: place there after it (not released by the plan).
ROLLS_OFF = "rolls off before the gate"


@dataclass
class InitiativeFigures:
    """One initiative on page 1: go-live (and whether it was assumed), budget, the plan's cost and heads."""

    id: str
    name: str
    go_live: date | None
    go_live_assumed: str | None
    budget: float | None
    cost: float
    team_today: int
    team_after: int
    joining: int
    released: int
    rolls_off: int
    hire_heads: int
    contract_heads: int


@dataclass
class TeamChange:
    """A person the plan releases from an initiative, or takes from work that then needs a backfill."""

    person: Person | None
    person_id: str
    name: str
    initiative: str
    change: str
    fte_today: float
    fte_plan: float
    backfill: str = ""


@dataclass
class Risk:
    """One line of the top risks: its kind, what it is about, and why it matters."""

    kind: str
    subject: str
    detail: str


@dataclass
class Ask:
    """Everything page 1 states."""

    decide_by: date | None
    decide_by_why: str
    due_soon: list[Hire]
    due_by: date
    horizon_weeks: list[int]
    horizon_end: date
    initiatives: list[InitiativeFigures]
    other_cost: float
    run_rate: float | None
    run_rate_heads: int
    #: The same heads each hired full time, when the plan hires more heads than FTE (two heads for an on-call rota at
    #: 0.2 FTE each still draw two salaries unless hired part time); None when equal or not recorded.
    run_rate_full_time: float | None = None
    run_rate_fte: float = 0.0
    portfolio_budget: float | None = None
    changes: list[TeamChange] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    more_risks: dict[str, int] = field(default_factory=dict)


def _horizon(report: PlanReport) -> list[int]:
    return sorted({report.policy_for(i.id).horizon_weeks for i in report.initiatives}) or [26]


def _decide_by(report: PlanReport) -> tuple[date | None, str]:
    """The earliest date something in the plan must start: a requisition or a training."""
    assumed = report.assumed_go_live

    def counted(initiative: str) -> str:  # a date counted back from a go-live nobody set is no deadline yet
        return " (counted back from an assumed go-live)" if initiative in assumed else ""

    dates = [(h.latest_requisition, f"the requisition for {h.role_name or h.role} ({report.initiative_name(h.initiative)}) must "
              f"open then"
              f"{counted(h.initiative)}") for h in report.plan.hires if h.latest_requisition]
    dates += [(t.latest_start, f"{t.person_name or t.person_id}'s training in {report.skill_name(t.skill)} must "
                               f"start then{counted(t.initiative)}") for t in report.plan.trainings if t.latest_start]
    if not dates:
        return None, "nothing in the plan has a start date"
    when, why = min(dates, key=lambda d: d[0])
    return when, why


def team_changes(report: PlanReport) -> list[TeamChange]:
    """People released from an in-scope initiative's team, and movers whose other work then needs a backfill."""
    scope = {i.id for i in report.initiatives}
    people = {p.id: p for p in report.people}
    planned: dict[tuple[str, str], float] = {}
    for a in report.plan.assignments:
        planned[(a.person_id, a.initiative)] = planned.get((a.person_id, a.initiative), 0.0) + a.fte
    gates = {i.id: i.go_live for i in report.initiatives}
    out: list[TeamChange] = []
    for p in report.people:
        today: dict[str, float] = {}
        ends: dict[str, list] = {}
        for c in p.commitments:
            if c.initiative in scope:
                today[c.initiative] = today.get(c.initiative, 0.0) + c.fte
                ends.setdefault(c.initiative, []).append(c.end)
        for ini, fte in today.items():
            keep = planned.get((p.id, ini), 0.0)
            if keep < fte - 1e-6:
                gate = gates.get(ini)
                if keep <= 0 and gate and all(end is not None and end < gate for end in ends[ini]):
                    what = ROLLS_OFF  # the roster ends their time there before the gate: not the plan's doing
                else:
                    what = "released" if keep <= 0 else "partly released"
                out.append(TeamChange(p, p.id, p.name, ini, what, fte, keep))
    for (pid, ini), fte in planned.items():
        person = people.get(pid)
        if person is None or person.on_team(ini):
            continue
        outside = [c for c in person.commitments if c.initiative not in scope]
        total = sum(planned.get((pid, i), 0.0) for i in scope) + sum(c.fte for c in outside)
        backfill = ""
        if outside and total > person.fte + 1e-6:
            short = total - person.fte
            backfill = (f"{'; '.join(sorted({report.initiative_name(c.initiative) for c in outside}))} loses about {short:g} FTE "
                        "(tentative work displaced)")
        out.append(TeamChange(person, pid, person.name, ini, "joins", 0.0, fte, backfill))
    return sorted(out, key=lambda c: (c.initiative, c.change, c.name))


def _figures(report: PlanReport, changes: list[TeamChange]) -> list[InitiativeFigures]:
    plan = report.plan
    teams: dict[str, set[str]] = {}  # who works on each initiative on the plan's date (not who starts later)
    for p in report.people:
        for c in p.commitments:
            if c.active_on(report.generated):
                teams.setdefault(c.initiative, set()).add(p.id)
    out = []
    for ini in report.initiatives:
        cost = (sum(a.cost or 0.0 for a in plan.assignments if a.initiative == ini.id)
                + sum(t.cost for t in plan.trainings if t.initiative == ini.id)
                + sum(h.cost for h in plan.hires if h.initiative == ini.id))
        today = teams.get(ini.id, set())
        after = {a.person_id for a in plan.assignments if a.initiative == ini.id}
        hires = [h for h in plan.hires if h.initiative == ini.id]
        out.append(InitiativeFigures(
            id=ini.id, name=ini.name, go_live=ini.go_live, go_live_assumed=report.assumed_go_live.get(ini.id),
            budget=ini.budget, cost=round(cost, 2), team_today=len(today),
            team_after=len(after) + sum(h.heads for h in hires), joining=len(after - today),
            released=sum(1 for c in changes if c.initiative == ini.id and c.change == "released"),
            rolls_off=sum(1 for c in changes if c.initiative == ini.id and c.change == ROLLS_OFF),
            hire_heads=sum(h.heads for h in hires if h.kind == "hire"),
            contract_heads=sum(h.heads for h in hires if h.kind == "contract")))
    return out


def _risks(report: PlanReport, due: date) -> tuple[list[Risk], dict[str, int]]:
    plan = report.plan
    found: dict[str, list[Risk]] = {}

    def add(kind: str, subject: str, detail: str) -> None:
        found.setdefault(kind, []).append(Risk(kind, subject, detail))

    if report.people and not any(p.skills for p in report.people):
        add("Roster without skills", f"all {len(report.people)} people",
            "no skill level was read from the roster, so nobody in it can be matched to a role: the plan hires, "
            "contracts or leaves open every role. Import a skills matrix and plan again")
    for h in sorted(plan.hires, key=lambda h: -h.fte):
        if h.kind == "contract":
            add("Relies on contractors", f"{report.initiative_name(h.initiative)} / {h.role_name or h.role}",
                f"{h.fte:g} FTE from {h.heads} contractor{'s' if h.heads > 1 else ''}; no one inside holds the skills")
    no_slack = report.generated + timedelta(days=NO_SLACK_DAYS)
    for t in sorted((t for t in plan.trainings if t.latest_start and t.latest_start <= no_slack),
                    key=lambda t: t.latest_start):
        add("Training with no slack", f"{t.person_name or t.person_id}: {report.skill_name(t.skill)}",
            _slack_words(t, report.generated))
    split: dict[str, set[str]] = {}
    for a in plan.assignments:
        split.setdefault(a.person_id, set()).add(a.initiative)
    names = {a.person_id: a.person_name or a.person_id for a in plan.assignments}
    for pid, inis in sorted(split.items(), key=lambda kv: -len(kv[1])):
        if len(inis) > 1:
            add("Split across initiatives", names[pid], "; ".join(sorted(map(report.initiative_name, inis))))
    for u in sorted(plan.uncovered, key=lambda u: -u.fte):
        add("Uncovered", f"{report.initiative_name(u.initiative)} / {u.role_name or u.role}", _uncovered_words(u))
    for ini in report.initiatives:
        if ini.id in report.assumed_go_live:
            add("Assumed go-live", ini.name, report.assumed_go_live[ini.id])
    risks, more = [], {}
    for kind, rows in found.items():
        risks += rows[:TOP_RISKS]
        if len(rows) > TOP_RISKS:
            more[kind] = len(rows) - TOP_RISKS
    return risks, more


def _slack_words(t: Training, today: date) -> str:
    days = (t.latest_start - today).days
    when = "already late" if days < 0 else "must start now" if days == 0 else f"must start within {days} days"
    return f"{t.weeks:g} weeks of training, {when} (by {day(t.latest_start)}) to finish before go-live"


def _uncovered_words(u: Uncovered) -> str:
    return f"{u.fte:g} FTE open: {u.cause}"


def _full_time(hires: list[Hire]) -> float | None:
    """The yearly cost of the hires' heads each at full time, when that is more than at the plan's FTE."""
    if not hires or any(h.annual_cost is None or h.fte <= 0 for h in hires):
        return None
    if sum(h.heads for h in hires) <= sum(h.fte for h in hires) + 1e-6:
        return None
    return round(sum(h.annual_cost / h.fte * max(h.heads, h.fte) for h in hires), 2)


def build_ask(report: PlanReport) -> Ask:
    """Page 1's facts for a report (amounts included; the sheet leaves them out of a copy without pay)."""
    plan = report.plan
    when, why = _decide_by(report)
    due_by = report.generated + timedelta(days=DUE_SOON_DAYS)
    due = sorted((h for h in plan.hires if h.latest_requisition and h.latest_requisition <= due_by),
                 key=lambda h: h.latest_requisition)
    changes = team_changes(report)
    figures = _figures(report, changes)
    horizon = _horizon(report)
    other = plan.total_cost - sum(f.cost for f in figures)
    hires = [h for h in plan.hires if h.kind == "hire"]
    risks, more = _risks(report, due_by)
    return Ask(decide_by=when, decide_by_why=why, due_soon=due, due_by=due_by, horizon_weeks=horizon,
               horizon_end=report.generated + timedelta(weeks=max(horizon)), initiatives=figures,
               other_cost=round(max(0.0, other), 2), run_rate=None if any(h.annual_cost is None for h in hires)
               else round(sum(h.annual_cost for h in hires), 2),
               run_rate_heads=sum(h.heads for h in hires), run_rate_full_time=_full_time(hires),
               run_rate_fte=round(sum(h.fte for h in hires), 2), portfolio_budget=report.portfolio_budget,
               changes=changes,
               risks=risks, more_risks=more)
