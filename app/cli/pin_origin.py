"""Who fixed a pinned row of `phasegate plan`: the delivery lead ('[pinned by you]', JSON `pinned_by: "lead"`) or an
approver in a returned workbook ('[approved by approver]', `pinned_by: "approver"`).

The plan's rows only say `pinned`; the scenario's pins say who. The text and JSON are written by
`app.planning.output`, so the words are put in here, after it, by the key of each row.
"""
from __future__ import annotations

from collections.abc import Callable

from app.domain import Pin, Plan
from app.planning.words.numbers import fte

TAGS = {"lead": " [pinned by you]", "approver": " [approved by approver]"}

PINNED_BY = {"type": ["string", "null"], "enum": ["lead", "approver", None], "default": None, "title": "Pinned By",
             "description": "Who fixed a pinned row: 'lead' (the delivery lead's own pin, not yet approved) or "
                            "'approver' (approved, or its FTE edited, in a returned workbook); null when not pinned."}


def origins(plan: Plan, pins: list[Pin]) -> list[str | None]:
    """Per assignment of the plan, 'lead' or 'approver' when the scenario pins it, else None."""
    by_key = {(p.person_id, p.initiative, p.role): p.source for p in pins}
    return [by_key.get((a.person_id, a.initiative, a.role), "lead") if a.pinned else None for a in plan.assignments]


def tag_lines(lines: list[str], plan: Plan, pins: list[Pin], *,
              initiative_name: Callable[[str], str]) -> list[str]:
    """The plan's text with each '[pinned]' row saying who pinned it."""
    tags: dict[str, str] = {}
    for a, origin in zip(plan.assignments, origins(plan, pins), strict=True):
        if origin is not None:
            head = (f"  {initiative_name(a.initiative)} · {a.role_name or a.role}: {a.person_name or a.person_id} "
                    f"{fte(a.fte)} FTE [pinned]")
            tags[head] = head.removesuffix(" [pinned]") + TAGS[origin]
    out = []
    for line in lines:
        head = next((h for h in tags if line.startswith(h)), None)
        out.append(line if head is None else tags[head] + line[len(head):])
    return out


def add_to_json(data: dict, plan: Plan, pins: list[Pin]) -> dict:
    """The plan's JSON with `pinned_by` on every assignment (`pinned` kept as it was)."""
    for row, origin in zip(data["assignments"], origins(plan, pins), strict=True):
        row["pinned_by"] = origin
    return data


def add_to_schema(schema: dict) -> dict:
    """The plan's JSON Schema with `pinned_by` on assignments."""
    schema["$defs"]["AssignmentOut"]["properties"]["pinned_by"] = dict(PINNED_BY)
    return schema
