"""The decision manifest: a hidden sheet listing every decision row as exported, so the round trip needs no plan."""
from __future__ import annotations

from dataclasses import dataclass

from app.domain.plans import Plan
from app.export.keys import assignment_keys, hire_keys, training_keys

MANIFEST_SHEET = "_phasegate"
MANIFEST_HEADERS = ("key", "sheet", "person_id", "initiative", "role", "skill", "hire_kind", "fte", "label")


@dataclass(frozen=True)
class DecisionEntry:
    """One decision row as exported: what it decides, at what FTE, and how to name it to a person."""

    key: str
    sheet: str
    person_id: str = ""
    initiative: str = ""
    role: str = ""
    skill: str = ""
    hire_kind: str = ""
    fte: float | None = None
    label: str = ""

    def row(self) -> list[object]:
        """The manifest row for this entry."""
        return [self.key, self.sheet, self.person_id, self.initiative, self.role, self.skill, self.hire_kind,
                self.fte, self.label]


def decision_entries(plan: Plan) -> dict[str, DecisionEntry]:
    """Every decision row of a plan by key (no pay data: costs are not needed to read decisions back)."""
    entries: dict[str, DecisionEntry] = {}
    for a, key in zip(plan.assignments, assignment_keys(plan.assignments), strict=True):
        label = f"{a.person_name or a.person_id} → {a.initiative} / {a.role_name or a.role} at {a.fte:g} FTE"
        entries[key] = DecisionEntry(key, "Assignments", a.person_id, a.initiative, a.role, fte=a.fte, label=label)
    for t, key in zip(plan.trainings, training_keys(plan.trainings), strict=True):
        label = f"{t.person_name or t.person_id}: {t.skill} {t.from_level} → {t.to_level}"
        entries[key] = DecisionEntry(key, "Upskilling", t.person_id, t.initiative, t.role, t.skill, label=label)
    for h, key in zip(plan.hires, hire_keys(plan.hires), strict=True):
        label = f"{h.kind} for {h.initiative} / {h.role_name or h.role} at {h.fte:g} FTE"
        entries[key] = DecisionEntry(key, "Hiring", "", h.initiative, h.role, "", h.kind, h.fte, label)
    return entries


def _text(value: object) -> str:
    return "" if value is None else str(value)


def read_manifest(rows: list[tuple]) -> dict[str, DecisionEntry]:
    """Entries from the manifest sheet's rows (header first); rows that do not parse are skipped."""
    if not rows or tuple(_text(v) for v in rows[0][: len(MANIFEST_HEADERS)]) != MANIFEST_HEADERS:
        return {}
    entries = {}
    for values in rows[1:]:
        values = tuple(values) + (None,) * (len(MANIFEST_HEADERS) - len(values))
        key = _text(values[0])
        if not key:
            continue
        fte = values[7] if isinstance(values[7], int | float) and not isinstance(values[7], bool) else None
        entries[key] = DecisionEntry(key, *(_text(v) for v in values[1:7]), fte=fte, label=_text(values[8]))
    return entries
