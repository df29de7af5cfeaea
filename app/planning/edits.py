"""Scenario edits between re-plans: pins, exclusions, and the list of both with whether each applies. Each edit
replaces the scenario's lists (never changes them in place), so a caller can keep the old lists to undo."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from app.domain.plans import Exclusion, Pin
from app.errors import UsageError
from app.project.model import Project, Scenario


def scenario_of(project: Project, scenario: Scenario | str | None) -> Scenario:
    """The scenario object (by name, or the active one); an unknown name is a one-line usage error."""
    if isinstance(scenario, Scenario):
        return scenario
    try:
        return project.scenario(scenario)
    except KeyError:
        names = ", ".join(sc.name for sc in project.scenarios) or "none"
        raise UsageError(f"no scenario named '{scenario}' (the project has: {names})") from None


_GONE = "the person is no longer in the roster (kept for later)"


def pin_not_applied(pin: Pin, *, people: Collection[str], roles: Collection[str],
                    initiatives: Collection[str]) -> str | None:
    """Why a pin cannot apply (the planner skips it and it stays on the scenario for later), or None."""
    if pin.person_id not in people:
        return _GONE
    if pin.initiative not in initiatives:
        return "this scenario does not plan the initiative"
    if f"{pin.initiative}/{pin.role}" not in roles:
        return "the initiative's target phase has no such role"
    return None


def _check_person(project: Project, person_id: str) -> None:
    if person_id not in project.roster.by_id():
        raise UsageError(f"employee id '{person_id}' is not in the roster")


def _keep(sc: Scenario, field: str, kept: list) -> int:
    """Sets the scenario's `field` list to `kept` when that drops something (a new list, never the old one
    changed); returns how many went."""
    gone = len(getattr(sc, field)) - len(kept)
    if gone:
        setattr(sc, field, kept)
    return gone


def _same_pin(p: Pin, person_id: str, initiative: str, role: str) -> bool:
    return p.person_id == person_id and p.initiative == initiative and p.role == role


def _same_fte(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-6)


def pin_assignment(
    project: Project, *, person_id: str, initiative: str, role: str, fte: float | None = None,
    scenario: Scenario | str | None = None,
) -> Pin:
    """The delivery lead pins a person to a role: one pin per person and role (pinning again replaces it, in its
    place, as the lead's — an approved FTE the lead changes goes back to the approvers; pinning an approved one again
    at the same FTE keeps the approval); lifts a clashing exclusion."""
    _check_person(project, person_id)
    if project.initiative(initiative) is None:
        raise UsageError(f"the project has no initiative '{initiative}'")
    sc = scenario_of(project, scenario)
    at = next((i for i, p in enumerate(sc.pins) if _same_pin(p, person_id, initiative, role)), len(sc.pins))
    kept = sc.pins[at] if at < len(sc.pins) else None
    if kept is not None and kept.by_approver and _same_fte(kept.fte, fte):
        pin = kept
    else:
        pin = Pin(person_id=person_id, initiative=initiative, role=role, fte=fte, source="lead")
    sc.pins = [*sc.pins[:at], pin, *sc.pins[at + 1:]]
    sc.exclusions = [e for e in sc.exclusions
                     if not (e.person_id == person_id and e.initiative in (None, initiative))]
    return pin


def unpin(project: Project, *, person_id: str, initiative: str, role: str,
          scenario: Scenario | str | None = None) -> bool:
    """Removes a pin; True when there was one."""
    sc = scenario_of(project, scenario)
    return _keep(sc, "pins", [p for p in sc.pins if not _same_pin(p, person_id, initiative, role)]) > 0


def exclude_person(
    project: Project, *, person_id: str, initiative: str | None = None, reason: str = "",
    scenario: Scenario | str | None = None,
) -> Exclusion:
    """Keeps a person out of one initiative (or all when None) and drops their pins there."""
    _check_person(project, person_id)
    sc = scenario_of(project, scenario)
    exclusion = Exclusion(person_id=person_id, initiative=initiative, reason=reason)
    sc.exclusions = [*(e for e in sc.exclusions if not (e.person_id == person_id and e.initiative == initiative)),
                     exclusion]
    sc.pins = [p for p in sc.pins if not (p.person_id == person_id and initiative in (None, p.initiative))]
    return exclusion


def include_person(project: Project, *, person_id: str, initiative: str | None = None,
                   scenario: Scenario | str | None = None) -> bool:
    """Lifts an exclusion; True when there was one."""
    sc = scenario_of(project, scenario)
    return _keep(sc, "exclusions", [e for e in sc.exclusions
                                    if not (e.person_id == person_id and e.initiative == initiative)]) > 0


@dataclass(frozen=True)
class Reference:
    """One pin or exclusion of a scenario as a delivery lead reads it, with why it does not apply (if it does not)."""

    item: Pin | Exclusion
    person: str  # the person's name, or the employee id when they are not in the roster
    initiative: str  # the initiative's name ("every initiative" for an exclusion from all)
    role: str  # the role's name ('' for an exclusion)
    not_applied: str = ""  # '' when the next solve applies it

    @property
    def kind(self) -> str:
        """'pin' or 'exclusion'."""
        return "pin" if isinstance(self.item, Pin) else "exclusion"

    @property
    def absent(self) -> bool:
        """True when the person is no longer in the roster."""
        return self.item.person_id == self.person and "roster" in self.not_applied

    @property
    def who(self) -> str:
        """The person's name, or 'employee id X' when they are not in the roster."""
        return f"employee id {self.person}" if self.absent else self.person

    def words(self) -> str:
        """'Ana Ruiz pinned to MLOps engineer on Claims Triage at 0.5 FTE' (the lead's pin), 'Ana Ruiz approved by an
        approver as MLOps engineer on Claims Triage at 0.5 FTE', 'Ben Ode excluded from every initiative'."""
        if isinstance(self.item, Pin):
            fte = "" if self.item.fte is None else f" at {self.item.fte:g} FTE"
            did = "approved by an approver as" if self.item.by_approver else "pinned to"
            return f"{self.who} {did} {self.role} on {self.initiative}{fte}"
        return f"{self.who} excluded from {self.initiative}"


def references(project: Project, scenario: Scenario | str | None = None, *, templates=None) -> list[Reference]:
    """The scenario's pins, then its exclusions, with names and why each does not apply (the next solve skips it);
    `templates` names the roles of phases the project keeps no template of (else they read as their ids)."""
    sc = scenario_of(project, scenario)
    if not sc.pins and not sc.exclusions:
        return []
    wanted = {x.person_id for x in (*sc.pins, *sc.exclusions)}
    people = {p.id: p.name for p in project.roster.people if p.id in wanted}
    planned = project.planned_initiatives(sc)
    phases = {**(templates.phases if templates is not None else {}), **project.templates}
    role_names = {r.id: r.name for t in phases.values() for r in t.roles}
    roles = {f"{ini.id}/{r.id}": r.name for ini in planned
             for r in (phases[ini.target_phase].roles if ini.target_phase in phases else ())}
    names = {i.id: i.name for i in project.portfolio.initiatives}
    scope = {i.id for i in planned}
    out = [Reference(p, people.get(p.person_id, p.person_id), names.get(p.initiative, p.initiative),
                     roles.get(f"{p.initiative}/{p.role}", role_names.get(p.role, p.role)),
                     pin_not_applied(p, people=people, roles=roles, initiatives=scope) or "")
           for p in sc.pins]
    return out + [Reference(e, people.get(e.person_id, e.person_id),
                            "every initiative" if e.initiative is None else names.get(e.initiative, e.initiative), "",
                            "" if e.person_id in people else _GONE) for e in sc.exclusions]


def absent_people(project: Project) -> dict[str, list[Pin | Exclusion]]:
    """Per scenario, the pins and exclusions naming people no longer in the roster (after a re-import, say)."""
    here = {p.id for p in project.roster.people}
    out: dict[str, list[Pin | Exclusion]] = {}
    for sc in project.scenarios:
        gone = [x for x in (*sc.pins, *sc.exclusions) if x.person_id not in here]
        if gone:
            out[sc.name] = gone
    return out


def drop_absent(project: Project) -> int:
    """Removes every pin and exclusion naming someone no longer in the roster; returns how many went."""
    here = {p.id for p in project.roster.people}
    return sum(_keep(sc, "pins", [p for p in sc.pins if p.person_id in here])
               + _keep(sc, "exclusions", [e for e in sc.exclusions if e.person_id in here]) for sc in project.scenarios)
