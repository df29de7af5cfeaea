"""The person panel's text: who, FTE, commitments (initiative and role names), skills with evidence, and what the
active scenario says about them."""
from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from app.domain import LEVEL_LABELS, Evidence, Person
from app.planning.words.numbers import day as day_text
from app.project import Project
from ui.models.commitments import commitment_span, over_committed_words


def scenario_lines(project: Project, person_id: str) -> list[str]:
    """What the active scenario pins or excludes for one person, in words: who fixed each pin ('pinned by you to
    MLOps engineer on Claims at 0.5 FTE', 'approved by approver for … (approver's comment: “…”)')."""
    sc = project.scenario()
    name = project.portfolio.names()
    roles = {r.id: r.name for t in project.templates.values() for r in t.roles}
    out = [f"{'approved by approver for' if p.by_approver else 'pinned by you to'} {roles.get(p.role, p.role)} on "
           f"{name.get(p.initiative, p.initiative)}" + (f" at {p.fte:g} FTE" if p.fte is not None else "")
           + (f" (approver's comment: “{p.comment}”)" if p.by_approver and p.comment else "")
           for p in sc.pins if p.person_id == person_id]
    out += [f"excluded from {'every initiative' if e.initiative is None else name.get(e.initiative, e.initiative)}"
            for e in sc.exclusions if e.person_id == person_id]
    return out


def person_html(person: Person, *, project: Project, skill_name: Callable[[str], str]) -> str:
    """The panel for one person."""
    e = html.escape
    today = date.today()
    names = project.portfolio.names()
    roles = {r.id: r.name for t in project.templates.values() for r in t.roles}
    lines = [f"<h3>{e(person.name)}</h3>",
             # organisation and location apart: "Retail Banking > Analytics London" read as one name
             f"<p>{e(person.title or '')}<br>{e(' · '.join(x for x in (person.organisation, person.location) if x))}"
             f"{'<br>Manager: ' + e(_manager(person, project)) if person.manager else ''}</p>"]
    if person.available:
        lines.append(f"<p><b>FTE</b> {person.fte:.2f} · <b>committed today</b> {person.committed_fte(on=today):.2f} "
                     f"· <b>free today</b> {person.fte - person.committed_fte(on=today):.2f}</p>")
    else:  # a leaver read 'free today 1.00' and 'None — fully free' beside 'Not available'
        lines.append(f"<p><b>FTE</b> {person.fte:.2f} · <b>Not available</b> for planning{e(_why_away(person))}: no "
                     "plan uses this person.</p>")
    if person.available and person.over_committed():
        lines.append(f"<p style='color:#c62828'>{e(over_committed_words(person))}.</p>")
    marks = scenario_lines(project, person.id)
    if marks:
        lines.append(f"<p><b>In scenario “{e(project.active_scenario)}”</b>: {e('; '.join(marks))}</p>")
    lines.append("<h4>Commitments</h4>")
    if person.commitments:
        lines.append("<ul>" + "".join(
            f"<li>{e(names.get(c.initiative, c.initiative))} — {c.fte:.2f} FTE ({c.status.value}"
            f"{', ' + e(roles.get(c.role, c.role)) if c.role else ''}){e(commitment_span(c))}</li>"
            for c in person.commitments) + "</ul>")
    else:
        lines.append("<p>None — fully free.</p>" if person.available else "<p>None.</p>")
    lines.append("<h4>Skills</h4>" + ("" if person.skills else "<p>None in the roster.</p>") + "<table cellspacing='4'>")
    for skill_id, entry in sorted(person.skills.items(), key=lambda kv: -kv[1].level):
        how = "" if entry.evidence == Evidence.UNKNOWN else entry.evidence.value
        source = f"“{e(entry.source_value)}” in the file" if entry.source_value else ""
        lines.append(f"<tr><td>{e(skill_name(skill_id))}</td><td><b>{entry.level}</b> {LEVEL_LABELS[entry.level]}"
                     f"</td><td>{', '.join(x for x in (how, source) if x)}</td></tr>")
    lines.append("</table>")
    if person.extra:
        lines.append("<h4>Other columns kept</h4><p>" + "<br>".join(
            f"{e(k)}: {e(v)}" for k, v in person.extra.items()) + "</p>")
    return "".join(lines)


def _manager(person: Person, project: Project) -> str:
    """The manager as the roster names them: by name when the file gave another person's employee id."""
    manager = person.manager or ""
    boss = next((p for p in project.roster.people if p.id == manager), None)
    return f"{boss.name} ({manager})" if boss is not None else manager


def _why_away(person: Person) -> str:
    """' (Voluntarily Terminated, left 16 Jun 2016)', ' (on leave)', or '' when the roster says no more."""
    parts = [person.employment_status] if person.employment_status else []
    if person.leaving_date is not None:
        day = person.leaving_date
        parts.append(f"{'left' if day <= date.today() else 'leaves'} {day_text(day)}")
    return f" ({', '.join(parts)})" if parts else ""
