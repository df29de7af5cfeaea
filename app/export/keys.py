"""Stable row keys that let a re-imported workbook be matched to the plan, whatever order its rows are in."""
from __future__ import annotations

from urllib.parse import quote

from app.domain.plans import Assignment, Hire, Plan, Training

ASSIGNMENT, TRAINING, HIRE = "A", "T", "H"
#: Which sheet holds each kind of key, and what the parts of a key name.
PREFIX_SHEET = {ASSIGNMENT: "Assignments", TRAINING: "Upskilling", HIRE: "Hiring"}
KEY_PARTS = {ASSIGNMENT: ("person_id", "initiative", "role"), TRAINING: ("person_id", "skill", "initiative", "role"),
             HIRE: ("initiative", "role", "hire_kind")}


def _part(text: str) -> str:
    return quote(str(text), safe=" ._-()")


def _key(prefix: str, *parts: str) -> str:
    return f"{prefix}:" + "|".join(_part(p) for p in parts)


def _numbered(keys: list[str]) -> list[str]:
    """Adds `#2`, `#3`… to keys seen before, so two identical rows still get distinct keys."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return out


def assignment_keys(assignments: list[Assignment]) -> list[str]:
    """`A:person|initiative|role` per assignment, in plan order."""
    return _numbered([_key(ASSIGNMENT, a.person_id, a.initiative, a.role) for a in assignments])


def training_keys(trainings: list[Training]) -> list[str]:
    """`T:person|skill|initiative|role` per training, in plan order."""
    return _numbered([_key(TRAINING, t.person_id, t.skill, t.initiative, t.role) for t in trainings])


def hire_keys(hires: list[Hire]) -> list[str]:
    """`H:initiative|role|kind` per hire or contract, in plan order."""
    return _numbered([_key(HIRE, h.initiative, h.role, h.kind) for h in hires])


def plan_keys(plan: Plan) -> dict[str, Assignment | Training | Hire]:
    """Every decision row of the plan by its key."""
    keyed: dict[str, Assignment | Training | Hire] = {}
    keyed.update(zip(assignment_keys(plan.assignments), plan.assignments, strict=True))
    keyed.update(zip(training_keys(plan.trainings), plan.trainings, strict=True))
    keyed.update(zip(hire_keys(plan.hires), plan.hires, strict=True))
    return keyed
