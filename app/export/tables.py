"""The export's tables as plain rows: one definition feeds the workbook, the CSV files and the round trip."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from app.domain.people import Commitment, Person
from app.domain.plans import Pin
from app.domain.reasons import NO_COMMENT
from app.domain.skills import FAILURE_MODE_LABELS, FailureMode
from app.export.ask import TeamChange, team_changes
from app.export.keys import assignment_keys, hire_keys, training_keys
from app.export.report import PlanReport
from app.planning.words.numbers import day

Kind = Literal["text", "wrap", "int", "fte", "money", "date", "percent", "weeks", "approval", "key"]

APPROVAL = "Approval"
COMMENT = "Comment"
KEY = "Phasegate key"
FTE = "FTE"
HEADS = "Heads"
COST = "Cost"
INTERNAL_COST = "Internal cost"
HIRE_OR_CONTRACT = "Hire or contract"
APPROVAL_CHOICES = ("Proposed", "Approved", "Rejected")
KIND_LABELS = {"hire": "Hire", "contract": "Contract"}


@dataclass(frozen=True)
class Column:
    """One column of an exported table: header, how to format it, and whether it is pay data."""

    header: str
    kind: Kind = "text"
    pay: bool = False
    total: bool = False
    max_width: int = 40
    identity: bool = False  # names what a decision row decides: an approver's edit here is reported, not applied


@dataclass
class Table:
    """One exported table: the sheet it lives on, its columns and its rows of plain values."""

    sheet: str
    name: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    decision: bool = False
    note: str = ""  # a line for the approver beside 'Approved so far' (the delivery lead's pins need approval too)

    def without_pay(self) -> Table:
        """The same table with every pay column removed."""
        keep = [i for i, c in enumerate(self.columns) if not c.pay]
        return replace(
            self,
            columns=[self.columns[i] for i in keep],
            rows=[[row[i] for i in keep] for row in self.rows],
        )

    def index(self, header: str) -> int:
        """Position of a column by header."""
        return next(i for i, c in enumerate(self.columns) if c.header == header)

    def total(self, column: str | None, **where: object) -> float:
        """What a SUMIFS over `column` (None: a COUNTIFS) with header = value conditions computes on the rows as
        written: the value a formula is saved with ('Approval'="Approved" on a row pre-approved in an earlier round)."""
        if any(header not in (c.header for c in self.columns) for header in where):
            return 0
        at = {self.index(header): value for header, value in where.items()}
        rows = [r for r in self.rows if all(r[i] == v for i, v in at.items())]
        if column is None:
            return len(rows)
        k = self.index(column) if column in (c.header for c in self.columns) else None
        return 0 if k is None else sum(r[k] or 0 for r in rows)


#: The Decision a lead's pin has on the 'Decided earlier' sheet (an approver's reads 'Approved').
LEAD_PIN_DECISION = "Pinned by lead"
#: The sheet listing what was decided before this plan (only in a workbook of a scenario with such decisions).
EARLIER_SHEET = "Decided earlier"
_DECISION_TAIL = [Column(APPROVAL, "approval", max_width=10), Column(COMMENT, "wrap", max_width=16), Column(KEY, "key")]


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def current_work(person: Person | None, *, role_names: dict[str, str], exclude: str, today: date | None = None,
                 name_of: Callable[[str], str] = str) -> str:
    """What a person does outside `exclude`: their role, then each initiative with its FTE, and its dates when it
    starts after `today` or has an end ('from 2026-12-30', 'to 2027-04-01'); work that ended before `today` is left
    out."""
    if person is None:
        return ""
    live = [c for c in person.commitments if today is None or c.end is None or c.end >= today]
    others = [c for c in live if c.initiative != exclude] or live
    role = next((role_names.get(c.role, c.role) for c in others if c.role), None) or person.title or ""
    initiatives = "; ".join(f"{name_of(c.initiative)} ({c.fte:g} FTE{', tentative' if c.status == 'tentative' else ''}"
                            f"{_when(c, today)})" for c in others)
    return f"{role} on {initiatives}" if role and initiatives else role or initiatives


def _when(c: Commitment, today: date | None) -> str:
    """' from 2026-12-30' for work not started by `today`, ' to 2027-04-01' for work with an end, both when both."""
    later = c.start is not None and (today is None or c.start > today)
    if later and c.end:
        return f", {day(c.start)} to {day(c.end)}"
    if later:
        return f", from {day(c.start)}"
    return f", to {day(c.end)}" if c.end else ""


def manager_of(person: Person | None, people: dict[str, Person]) -> str:
    """The manager as the roster names them: 'Ana Ruiz (E-20450)' when the roster's manager column holds another
    person's employee id (HR exports often do), else the text as given."""
    manager = (person.manager or "") if person else ""
    boss = people.get(manager)
    return f"{boss.name} ({manager})" if boss is not None and boss is not person else manager


def _no_date(report: PlanReport, initiative: str, value: date | None) -> date | str | None:
    """A latest date, or 'no go-live set' when there is none because the initiative has no go-live to count back
    from (a blank read as 'no deadline' or as a missing value)."""
    if value is not None:
        return value
    gate = next((i.go_live for i in report.initiatives if i.id == initiative), None)
    return "no go-live set" if gate is None else None


def assignments_table(report: PlanReport) -> Table:
    """Who moves where, at what FTE, and why."""
    people = {p.id: p for p in report.people}
    cols = [Column("Person ID", max_width=10, identity=True), Column("Name", "wrap", max_width=16, identity=True),
            Column("Currently", "wrap", max_width=24), Column("Organisation", "wrap", max_width=13),
            Column("Manager", "wrap", max_width=13), Column("Cost center", max_width=9),
            Column("New initiative", "wrap", max_width=15, identity=True),
            Column("New role", "wrap", max_width=17, identity=True), Column(FTE, "fte", total=True),
            Column("Start", "date"), Column("Moved?", max_width=7), Column(INTERNAL_COST, "money", pay=True, total=True),
            Column("Reason", "wrap", max_width=38), *_DECISION_TAIL]
    plan = report.plan
    pins = _pins(report)
    rows = []
    for a, key in zip(plan.assignments, assignment_keys(plan.assignments), strict=True):
        person = people.get(a.person_id)
        today = current_work(person, role_names=report.role_names, exclude=a.initiative, today=report.generated,
                             name_of=report.initiative_name)
        name = a.person_name or (person.name if person else "")
        hr = [person.organisation or "", manager_of(person, people), person.cost_center or ""] if person else ["", "", ""]
        pin = pins.get((a.person_id, a.initiative, a.role)) if a.pinned else None
        by_approver = pin is not None and pin.by_approver
        rows.append([a.person_id, name, today, *hr, report.initiative_name(a.initiative), report.role_name(a.role, a.role_name),
                     a.fte, a.start, _yes(a.moved), a.cost, a.reason,
                     "Approved" if by_approver else "Proposed", "", key])
    lead_pins = pinned_counts(report)[0]
    return Table("Assignments", "Assignments", cols, rows, decision=True,
                 note="Rows pinned by the delivery lead need your approval too." if lead_pins else "")


def _pins(report: PlanReport) -> dict[tuple[str, str, str], Pin]:
    """The scenario's pins by (person, initiative, role)."""
    return {(p.person_id, p.initiative, p.role): p for p in report.pins}


def pinned_counts(report: PlanReport) -> tuple[int, int]:
    """(assignments pinned by the delivery lead, assignments approvers approved in an earlier round) in the plan."""
    pins = _pins(report)
    held = [pins.get((a.person_id, a.initiative, a.role)) for a in report.plan.assignments if a.pinned]
    return sum(1 for p in held if p is not None and not p.by_approver), sum(1 for p in held if p and p.by_approver)


def upskilling_table(report: PlanReport) -> Table:
    """Training steps the plan relies on, with their cost and latest start."""
    people = {p.id: p for p in report.people}
    cols = [Column("Person ID", max_width=10, identity=True), Column("Name", "wrap", max_width=18, identity=True),
            Column("Initiative", "wrap", max_width=18, identity=True), Column("Role", "wrap", max_width=20, identity=True),
            Column("Skill", "wrap", max_width=20, identity=True), Column("From level", "int", identity=True),
            Column("To level", "int", identity=True), Column("Weeks", "weeks", total=True),
            Column(COST, "money", pay=True, total=True), Column("Latest start", "date"),
            Column("Reason", "wrap", max_width=50), *_DECISION_TAIL]
    plan = report.plan
    rows = []
    for t, key in zip(plan.trainings, training_keys(plan.trainings), strict=True):
        person = people.get(t.person_id)
        name = t.person_name or (person.name if person else "")
        rows.append([t.person_id, name, report.initiative_name(t.initiative), report.role_name_in(t.initiative, t.role) if t.role else "",
                     report.skill_name(t.skill), t.from_level, t.to_level, t.weeks, t.cost,
                     _no_date(report, t.initiative, t.latest_start),
                     t.reason + _assumed(report, t.initiative, "latest start"),
                     "Approved" if _approved(report, "training", t.person_id, t.skill) else "Proposed", "", key])
    return Table("Upskilling", "Upskilling", cols, rows, decision=True)


def hiring_table(report: PlanReport) -> Table:
    """Hires and contractors, with cost, lead time and the latest date to open the requisition."""
    cols = [Column("Initiative", "wrap", max_width=20, identity=True), Column("Role", "wrap", max_width=24, identity=True),
            Column(HIRE_OR_CONTRACT, max_width=10, identity=True), Column(FTE, "fte", total=True),
            Column(HEADS, "int", total=True), Column(COST, "money", pay=True, total=True),
            Column("Lead time (weeks)", "int"), Column("Latest requisition", "date"),
            Column("Reason", "wrap", max_width=50), *_DECISION_TAIL]
    plan = report.plan
    rows = [[report.initiative_name(h.initiative), report.role_name(h.role, h.role_name), KIND_LABELS[h.kind], h.fte, h.heads, h.cost,
             h.lead_time_weeks, _no_date(report, h.initiative, h.latest_requisition),
             h.reason + _limited(report, h) + _assumed(report, h.initiative, "latest requisition"),
             "Approved" if _approved(report, h.kind, h.initiative, h.role, h.fte) else "Proposed", "", key]
            for h, key in zip(plan.hires, hire_keys(plan.hires), strict=True)]
    return Table("Hiring", "Hiring", cols, rows, decision=True)


def _approved(report: PlanReport, subject: str, first: str, second: str, fte: float | None = None) -> bool:
    """Approvers said yes to this hire or contract of a role (at this FTE or more), or this person's training in this
    skill, in an earlier round."""
    for a in report.approvals:
        if a.subject != subject:
            continue
        if subject == "training" and (a.person_id, a.skill) == (first, second):
            return True
        if subject != "training" and (a.initiative, a.role) == (first, second):
            return fte is None or a.fte is None or fte <= a.fte + 1e-6
    return False


def _limited(report: PlanReport, h) -> str:
    """'; hiring for this role was rejected earlier' on a contract row (and the like for a hire row, or a limit):
    why the plan takes the other route."""
    said = []
    for lim in report.sourcing_limits:
        if (lim.initiative, lim.role) == (h.initiative, h.role):
            route = "hiring" if lim.kind == "hire" else "contracting"
            said.append(f"{route} for this role was rejected earlier" if lim.rejected else
                        f"{route} for this role is limited to {lim.max_fte:g} FTE by an earlier decision")
    return "".join(f"; {s}" for s in said)


def _assumed(report: PlanReport, initiative: str, what: str) -> str:
    """'; the latest start counts back from an assumed go-live (5 Jun 2027: none was set)' for a row of an initiative
    planned to an assumed go-live; '' otherwise."""
    if initiative not in report.assumed_go_live:
        return ""
    gate = next((i.go_live for i in report.initiatives if i.id == initiative), None)
    when = f" ({day(gate)}: none was set)" if gate else " (none was set)"
    return f"; the {what} counts back from an assumed go-live{when}"


def uncovered_table(report: PlanReport) -> Table:
    """What the plan leaves open, and why."""
    cols = [Column("Initiative", "wrap", max_width=22), Column("Role", "wrap", max_width=26),
            Column(FTE, "fte", total=True), Column("Cause", "wrap", max_width=70)]
    rows = [[report.initiative_name(u.initiative), report.role_name(u.role, u.role_name), u.fte, u.cause] for u in report.plan.uncovered]
    return Table("Uncovered", "Uncovered", cols, rows)


def _skills_text(person: Person, report: PlanReport) -> str:
    return "; ".join(f"{report.skill_name(s)} {lvl.level}" for s, lvl in sorted(person.skills.items()))


def touched(report: PlanReport) -> set[str]:
    """People the plan touches: those it places or trains (whom it releases, 'Team changes' lists)."""
    plan = report.plan
    return {a.person_id for a in plan.assignments} | {t.person_id for t in plan.trainings}


def team_changes_table(report: PlanReport, changes: list[TeamChange]) -> Table:
    """Who is released from a team, who joins one, and whose other work then needs a backfill, with their manager
    (organisation and cost center: Assignments and the roster snapshot)."""
    cols = [Column("Person ID", max_width=12), Column("Name", "wrap", max_width=18),
            Column("Organisation", "wrap", max_width=16), Column("Cost center", max_width=10),
            Column("Manager", "wrap", max_width=18), Column("Initiative", "wrap", max_width=18),
            Column("Change", "wrap", max_width=15), Column("FTE committed", "fte", total=True),
            Column("Committed when", "wrap", max_width=24), Column("FTE in the plan", "fte", total=True),
            Column("Backfill needed", "wrap", max_width=36)]
    rows, people = [], {p.id: p for p in report.people}
    for c in changes:
        p = c.person
        hr = [p.organisation or "", p.cost_center or "", manager_of(p, people)] if p else ["", "", ""]
        rows.append([c.person_id, c.name, *hr, report.initiative_name(c.initiative), c.change, c.fte_today, _committed_when(p, c.initiative),
                     c.fte_plan, c.backfill])
    return Table("Team changes", "TeamChanges", cols, rows)


def _committed_when(person: Person | None, initiative: str) -> str:
    """The dates of a person's commitments to an initiative ('2026-12-20 to 2027-04-23', 'from …', 'to …'; 'no
    dates' when the roster gives none)."""
    if person is None:
        return ""
    spans = [_dates(c).removeprefix(", ") for c in person.commitments if c.initiative == initiative]
    return "; ".join(s or "no dates" for s in spans)


def _dates(c: Commitment) -> str:
    """', 2027-01-01 to 2027-03-31' (from …, to …) for a dated commitment; '' without dates."""
    if c.start and c.end:
        return f", {day(c.start)} to {day(c.end)}"
    return f", from {day(c.start)}" if c.start else (f", to {day(c.end)}" if c.end else "")


def roster_table(report: PlanReport, *, only: set[str] | None = None) -> Table:
    """The roster as the plan saw it (only the people in `only`, when given)."""
    cols = [Column("Person ID", max_width=14), Column("Name", max_width=24), Column("Title", max_width=24),
            Column("Organisation", max_width=20), Column("Location", max_width=14),
            Column("Cost center", max_width=12), Column("Manager", max_width=20), Column(FTE, "fte"),
            Column("Free FTE today", "fte"), Column("Commitments", "wrap", max_width=30),
            Column("Available", max_width=10), Column("Skills", "wrap", max_width=48),
            Column("Cost rate (annual)", "money", pay=True)]
    rows, today, people = [], date.today(), {p.id: p for p in report.people}
    for p in report.people:
        if only is not None and p.id not in only:
            continue
        commitments = "; ".join(f"{report.initiative_name(c.initiative)} ({c.fte:g}{_dates(c)})"
                                for c in p.commitments)
        rows.append([p.id, p.name, p.title or "", p.organisation or "", p.location or "", p.cost_center or "",
                     manager_of(p, people), p.fte, p.free_fte(on=today), commitments, _yes(p.available), _skills_text(p, report),
                     p.cost_rate])
    return Table("Roster snapshot", "Roster", cols, rows)


def gap_table(report: PlanReport) -> Table:
    """The role × skill gap matrix in long form."""
    cols = [Column("Role", "wrap", max_width=30), Column("Failure modes", "wrap", max_width=30),
            Column("Skill", "wrap", max_width=24), Column("Required level", "int"), Column("Best available", "int"),
            Column("Gap", "int"), Column("Role ID", "wrap", max_width=26), Column("Skill ID", "wrap", max_width=20)]
    rows = [[c.role_name or report.role_name(c.role), "; ".join(FAILURE_MODE_LABELS[m] for m in c.failure_modes),
             c.skill_name or report.skill_name(c.skill), c.required_level, c.best_level_available, c.gap, c.role,
             c.skill] for c in report.gap_matrix]
    return Table("Gap details", "GapDetail", cols, rows)


def readiness_table(report: PlanReport) -> Table:
    """Readiness per failure mode before and after the plan (shares 0–1)."""
    cols = [Column("Failure mode", max_width=34), Column("Before", "percent"), Column("After", "percent")]
    rows = [[FAILURE_MODE_LABELS[m], report.readiness_before.get(m), report.readiness_after.get(m)]
            for m in FailureMode if m in report.readiness_before or m in report.readiness_after]
    return Table("Summary", "Readiness", cols, rows)


def initiatives_table(report: PlanReport) -> Table:
    """The initiatives in the plan, with phases, go-live (and whether it was assumed) and budget."""
    cols = [Column("Initiative", max_width=22), Column("Name", max_width=34), Column("Current phase", max_width=16),
            Column("Target phase", max_width=16), Column("Go-live", "date"), Column("Go-live set?", max_width=60),
            Column("Priority", "int"), Column("Budget", "money", pay=True)]
    rows = [[i.id, i.name, i.current_phase.label, i.target_phase.label, i.go_live,
             report.assumed_go_live.get(i.id, "yes" if i.go_live else "no go-live set"), i.priority, i.budget]
            for i in report.initiatives]
    return Table("Summary", "Initiatives", cols, rows)


def earlier_table(report: PlanReport) -> Table:
    """The decisions taken before this plan (approved assignments, the delivery lead's pins, rejections, limits) and
    whether it keeps each; a lead's pin reads 'Pinned by lead', never 'Approved'."""
    cols = [Column("Decision", max_width=15), Column("What", "wrap", max_width=60),
            Column("Respected by this plan?", max_width=12), Column("Reason given", "wrap", max_width=40)]
    names, plan = {p.id: p.name for p in report.people}, report.plan
    who = lambda pid: names.get(pid) or pid  # noqa: E731
    role = report.role_name_in
    rows = [["Approved" if p.by_approver else LEAD_PIN_DECISION, f"{who(p.person_id)} as {role(p.initiative, p.role)} on {report.initiative_name(p.initiative)}"
             + (f" at {p.fte:g} FTE" if p.fte is not None else ""),
             _yes(any((a.person_id, a.initiative, a.role) == (p.person_id, p.initiative, p.role) for a in plan.assignments)),
             p.comment] for p in report.pins]
    rows += [["Rejected", f"{who(e.person_id)} on " + (report.initiative_name(e.initiative) if e.initiative
                                                          else "any initiative"),
              _yes(not any(a.person_id == e.person_id and e.initiative in (None, a.initiative)
                           for a in plan.assignments)), e.reason] for e in report.exclusions]
    def route(kind: str, initiative: str, role_id: str) -> str:
        return (f"{'Hiring' if kind == 'hire' else 'Contracting'} for {role(initiative, role_id)} on "
                f"{report.initiative_name(initiative)}")

    rows += [["Rejected" if lim.rejected else "Limited",
              route(lim.kind, lim.initiative, lim.role) + ("" if lim.rejected else f": at most {lim.max_fte:g} FTE"),
              _yes(lim.used_in(plan) <= lim.max_fte + 1e-6), lim.reason] for lim in report.sourcing_limits]
    for a in report.approvals:
        what = (f"Training {who(a.person_id or '')} in {report.skill_name(a.skill or '')}" if a.subject == "training"
                else route(a.subject, a.initiative, a.role) + (f" at {a.fte:g} FTE" if a.fte is not None else ""))
        rows.append(["Approved", what, _yes(a.kept_by(plan)), a.comment])
    rows += [["Rejected", f"Training {who(t.person_id)} in {report.skill_name(t.skill)}",
              _yes(not any((x.person_id, x.skill) == (t.person_id, t.skill) for x in plan.trainings)), t.reason]
             for t in report.rejected_trainings]
    for row in rows:  # a rejection without a comment is said so by its decision, not as if an approver wrote it
        row[3] = "" if row[3] == NO_COMMENT else row[3]
    return Table(EARLIER_SHEET, "DecidedEarlier", cols, rows)


def decision_tables(report: PlanReport) -> list[Table]:
    """The three sheets approvers decide on."""
    return [assignments_table(report), upskilling_table(report), hiring_table(report)]


def all_tables(report: PlanReport, *, include_pay: bool = True, changes: list[TeamChange] | None = None,
               full_roster: bool = False) -> list[Table]:
    """Every exported table of a report as `for_audience` words it, pay columns removed when `include_pay` is False;
    the roster snapshot holds the people the plan touches unless `full_roster`."""
    changes = team_changes(report) if changes is None else changes
    only = None if full_roster else touched(report)
    tables = [*decision_tables(report), team_changes_table(report, changes), uncovered_table(report),
              gap_table(report), roster_table(report, only=only), readiness_table(report), earlier_table(report)]
    return tables if include_pay else [t.without_pay() for t in tables]
