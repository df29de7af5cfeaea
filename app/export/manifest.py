"""The decision manifest: a hidden sheet listing every decision row as exported, so the round trip needs no plan.

It repeats only what the decision rows themselves show at export (ids, names, roles, FTE; the cost only in the
with-pay copy), so unhiding it reveals nothing the workbook does not. Each row carries a check (SHA-256 of the
row, shortened): a row someone edited no longer matches and is reported instead of trusted. The first row names
the plan (its creation time), so a re-plan from the project can tell whether the workbook came from its plan.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from urllib.parse import unquote

from app.domain.plans import Plan
from app.export.keys import KEY_PARTS, PREFIX_SHEET
from app.export.report import PlanReport
from app.export.tables import COST, INTERNAL_COST, KEY, Table, decision_tables

MANIFEST_SHEET = "_phasegate"
#: The key says the sheet and the ids (see keys.py); a row adds what the key cannot say.
MANIFEST_HEADERS = ("key", "fte", "label", "shown", "cost", "check")
#: The copy without pay has no cost column at all (not even an empty one).
PAY_FREE_HEADERS = tuple(h for h in MANIFEST_HEADERS if h != "cost")
#: The manifest's first data row: which plan the workbook was exported from.
PLAN_KEY = "#plan"


@dataclass(frozen=True)
class DecisionEntry:
    """One decision row as exported: what it decides, at what FTE, what its identity cells showed."""

    key: str
    sheet: str
    person_id: str = ""
    initiative: str = ""
    role: str = ""
    skill: str = ""
    hire_kind: str = ""
    fte: float | None = None
    label: str = ""
    shown: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    cost: float | None = None

    def row(self, *, include_pay: bool = True) -> list[object]:
        """The manifest row for this entry, its check last."""
        values = [self.key, self.fte, self.label, json.dumps(self.shown, ensure_ascii=False, sort_keys=True)]
        values += [self.cost] if include_pay else []
        return [*values, row_check(values)]


def cell_text(value: object) -> str:
    """A cell as the text compared across the round trip (numbers as 0.5 / 3, dates ISO, text stripped)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def row_check(values: list[object]) -> str:
    """A short SHA-256 of a manifest row's values: tells an edited row from an exported one."""
    text = "\x1f".join(cell_text(v) for v in values)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def plan_id(plan: Plan) -> str:
    """What names a plan across the round trip: its creation time."""
    return plan.created.isoformat()


def decision_entries(source: PlanReport | Plan, *, include_pay: bool = True,
                     tables: list[Table] | None = None) -> dict[str, DecisionEntry]:
    """Every decision row of a plan by key, with the identity cells (and, with pay, the cost) its row shows.

    `tables`: the report's decision tables when already built (the workbook has them); else built here."""
    report = source if isinstance(source, PlanReport) else PlanReport(plan=source)
    plan = report.plan
    shown: dict[str, dict[str, str]] = {}
    costs: dict[str, float | None] = {}
    keys: dict[str, list[str]] = {}
    for table in tables or decision_tables(report):
        key_at = table.index(KEY)
        ident = [(i, c.header) for i, c in enumerate(table.columns) if c.identity]
        cost_at = next((i for i, c in enumerate(table.columns) if c.header in (COST, INTERNAL_COST)), None)
        keys[table.sheet] = [row[key_at] for row in table.rows]  # in plan order, as each table is built
        for row in table.rows:
            shown[row[key_at]] = {h: cell_text(row[i]) for i, h in ident}
            costs[row[key_at]] = row[cost_at] if include_pay and cost_at is not None else None
    entries: dict[str, DecisionEntry] = {}
    names = {i.id: i.name or i.id for i in report.initiatives}  # labels are words: names, never ids
    for a, key in zip(plan.assignments, keys["Assignments"], strict=True):
        label = (f"{a.person_name or a.person_id} → {names.get(a.initiative, a.initiative)} / {a.role_name or a.role} "
                 f"at {a.fte:g} FTE")
        entries[key] = DecisionEntry(key, "Assignments", a.person_id, a.initiative, a.role, fte=a.fte, label=label,
                                     shown=shown[key], cost=costs[key])
    for t, key in zip(plan.trainings, keys["Upskilling"], strict=True):
        label = f"{t.person_name or t.person_id}: {t.skill_name or t.skill} {t.from_level} → {t.to_level}"
        entries[key] = DecisionEntry(key, "Upskilling", t.person_id, t.initiative, t.role, t.skill, label=label,
                                     shown=shown[key], cost=costs[key])
    for h, key in zip(plan.hires, keys["Hiring"], strict=True):
        label = f"{h.kind} for {names.get(h.initiative, h.initiative)} / {h.role_name or h.role} at {h.fte:g} FTE"
        entries[key] = DecisionEntry(key, "Hiring", "", h.initiative, h.role, "", h.kind, h.fte, label,
                                     shown=shown[key], cost=costs[key])
    return entries


def entry_from_key(key: str) -> DecisionEntry | None:
    """What a key alone says a row decides (no exported FTE, no identity cells); None when it is no key."""
    prefix, _, rest = key.partition(":")
    if prefix not in KEY_PARTS or not rest:
        return None
    parts = [unquote(p) for p in rest.split("#", 1)[0].split("|")]
    if len(parts) != len(KEY_PARTS[prefix]):
        return None
    fields = dict(zip(KEY_PARTS[prefix], parts, strict=True))
    label = " / ".join(parts)
    return DecisionEntry(key, PREFIX_SHEET[prefix], label=label, **fields)


def manifest_rows(report: PlanReport, *, include_pay: bool, tables: list[Table] | None = None
                  ) -> list[list[object]]:
    """The manifest sheet's rows: header, the plan row, then one row per decision row (`tables`: the report's
    decision tables, when already built)."""
    head = [PLAN_KEY, None, plan_id(report.plan), ""] + ([None] if include_pay else [])
    entries = decision_entries(report, include_pay=include_pay, tables=tables)
    return [list(MANIFEST_HEADERS if include_pay else PAY_FREE_HEADERS), [*head, row_check(head)],
            *(e.row(include_pay=include_pay) for e in entries.values())]


@dataclass
class Manifest:
    """What the manifest sheet holds: entries that passed their check, the plan's id, rows that did not."""

    entries: dict[str, DecisionEntry] = field(default_factory=dict)
    plan_id: str | None = None
    edited_rows: list[tuple[int, str]] = field(default_factory=list)  # (sheet row, key) failing their check
    found: bool = False


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def read_manifest(rows: list[tuple]) -> Manifest:
    """The manifest from its sheet's rows (header first); a row whose check fails is listed, not trusted."""
    out = Manifest()
    headers = tuple(cell_text(v) for v in rows[0]) if rows else ()
    headers = next((h for h in (MANIFEST_HEADERS, PAY_FREE_HEADERS) if headers[: len(h)] == h), None)
    if headers is None:
        return out
    out.found = True
    width = len(headers)
    for number, values in enumerate(rows[1:], start=2):
        values = (tuple(values) + (None,) * width)[:width]
        if headers is PAY_FREE_HEADERS:
            values = (*values[:-1], None, values[-1])
        key = cell_text(values[0])
        if not key:
            continue
        checked = list(values[:-1]) if headers is MANIFEST_HEADERS else list(values[:-2])
        if row_check(checked) != cell_text(values[-1]):
            out.edited_rows.append((number, key))
            continue
        if key == PLAN_KEY:
            out.plan_id = cell_text(values[2])
            continue
        entry = entry_from_key(key)
        if entry is None:
            out.edited_rows.append((number, key))
            continue
        try:
            shown = json.loads(cell_text(values[3]) or "{}")
        except ValueError:
            shown = {}
        out.entries[key] = replace(entry, fte=_number(values[1]), label=cell_text(values[2]), shown=shown,
                                   cost=_number(values[4]))
    return out

