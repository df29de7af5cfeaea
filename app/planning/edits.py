"""Scenario edits a delivery lead makes between re-plans: pin an agreed assignment, exclude a person."""
from __future__ import annotations

from app.domain.plans import Exclusion, Pin
from app.errors import UsageError
from app.planning.bridge import scenario_of
from app.project.model import Project, Scenario


def _check_person(project: Project, person_id: str) -> None:
    if person_id not in project.roster.by_id():
        raise UsageError(f"employee id '{person_id}' is not in the roster")


def pin_assignment(
    project: Project, *, person_id: str, initiative: str, role: str, fte: float | None = None,
    scenario: Scenario | str | None = None,
) -> Pin:
    """Pins a person to a role (replacing an earlier pin on the same pair) and lifts a clashing exclusion."""
    _check_person(project, person_id)
    if project.initiative(initiative) is None:
        raise UsageError(f"the project has no initiative '{initiative}'")
    sc = scenario_of(project, scenario)
    pin = Pin(person_id=person_id, initiative=initiative, role=role, fte=fte)
    sc.pins = [p for p in sc.pins if not (p.person_id == person_id and p.initiative == initiative and p.role == role)]
    sc.pins.append(pin)
    sc.exclusions = [e for e in sc.exclusions
                     if not (e.person_id == person_id and e.initiative in (None, initiative))]
    sc.plan = None
    return pin


def unpin(project: Project, *, person_id: str, initiative: str, role: str,
          scenario: Scenario | str | None = None) -> bool:
    """Removes a pin; True when there was one."""
    sc = scenario_of(project, scenario)
    before = len(sc.pins)
    sc.pins = [p for p in sc.pins if not (p.person_id == person_id and p.initiative == initiative and p.role == role)]
    if len(sc.pins) != before:
        sc.plan = None
    return len(sc.pins) != before


def exclude_person(
    project: Project, *, person_id: str, initiative: str | None = None, reason: str = "",
    scenario: Scenario | str | None = None,
) -> Exclusion:
    """Keeps a person out of one initiative (or all when None) and drops their pins there."""
    _check_person(project, person_id)
    sc = scenario_of(project, scenario)
    exclusion = Exclusion(person_id=person_id, initiative=initiative, reason=reason)
    sc.exclusions = [e for e in sc.exclusions if not (e.person_id == person_id and e.initiative == initiative)]
    sc.exclusions.append(exclusion)
    sc.pins = [p for p in sc.pins if not (p.person_id == person_id and initiative in (None, p.initiative))]
    sc.plan = None
    return exclusion


def include_person(project: Project, *, person_id: str, initiative: str | None = None,
                   scenario: Scenario | str | None = None) -> bool:
    """Lifts an exclusion; True when there was one."""
    sc = scenario_of(project, scenario)
    before = len(sc.exclusions)
    sc.exclusions = [e for e in sc.exclusions if not (e.person_id == person_id and e.initiative == initiative)]
    if len(sc.exclusions) != before:
        sc.plan = None
    return len(sc.exclusions) != before
