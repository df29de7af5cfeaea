"""Scenarios side by side at the level of people: who is placed differently from one plan to another."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.plans import Plan


@dataclass(frozen=True)
class PersonDifference:
    """One person whose placements differ between plans: per plan (in the order given) what they do there."""

    person_id: str
    name: str
    placements: tuple[str, ...]  # per plan: 'MLOps engineer on Claims Triage 0.5 FTE; …', or '' when not placed


def placement_words(plan: Plan, person_id: str, initiative_names: Mapping[str, str]) -> str:
    """What a plan gives one person, in words ('MLOps engineer on Claims Triage 0.5 FTE'), '' when nothing."""
    return "; ".join(f"{a.role_name or a.role} on {initiative_names.get(a.initiative, a.initiative)} {a.fte:g} FTE"
                     for a in sorted(plan.assignments, key=lambda a: (a.initiative, a.role))
                     if a.person_id == person_id)


def assignment_differences(plans: Mapping[str, Plan], *, initiative_names: Mapping[str, str] | None = None
                           ) -> list[PersonDifference]:
    """Everyone placed differently by at least two of the plans (role, initiative or FTE), by name."""
    names = initiative_names or {}
    people: dict[str, str] = {}
    for plan in plans.values():
        for a in plan.assignments:
            people.setdefault(a.person_id, a.person_name or a.person_id)
    out = []
    for pid, name in people.items():
        placements = tuple(placement_words(plan, pid, names) for plan in plans.values())
        if len(set(placements)) > 1:
            out.append(PersonDifference(pid, name, placements))
    return sorted(out, key=lambda d: (d.name.casefold(), d.person_id))
