"""Project file migrations: a chain of steps, each taking the JSON of format version N to N+1.

To change the layout: bump SCHEMA_VERSION in app/project/model.py and add `_vN_to_vN+1` to STEPS; old files are
migrated on open and saved in the new layout next time (the original file is not rewritten on open).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.project.model import SCHEMA_VERSION

Json = dict[str, Any]


def file_version(data: Json) -> int:
    """The format version a parsed project file declares (v0 files wrote `version`, later ones `schema_version`)."""
    raw = data.get("schema_version", data.get("version", 0))
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ValueError(f"the format version '{raw}' is not a whole number")
    return raw


def _v0_to_v1(data: Json) -> Json:
    """v0 (Phasegate 0.0 previews): flat people/initiatives lists, one set of pins, one plan, no scenarios."""
    source = data.get("source_file")
    scenario: Json = {"name": "Baseline", "pins": data.get("pins", []), "exclusions": data.get("exclusions", [])}
    if data.get("plan") is not None:
        scenario["plan"] = data["plan"]
    out: Json = {
        "schema_version": 1,
        "app_version": data.get("app_version", ""),
        "name": data.get("name") or "Untitled project",
        "roster": {"people": data.get("people", [])},
        "portfolio": {"initiatives": data.get("initiatives", []), "budget": data.get("budget")},
        "scenarios": [scenario],
        "active_scenario": "Baseline",
    }
    if source:
        out["source"] = {"file_name": source, "sha256": data.get("source_sha256", "")}
    return out


def _v1_to_v2(data: Json) -> Json:
    """v1 → v2 (dated data): an initiative's `go_live` becomes its roadmap's gate of the target phase.

    Commitments without dates, people without absences or leaving dates need nothing: those fields are optional.
    """
    out = dict(data)
    portfolio = out.get("portfolio")
    if isinstance(portfolio, dict) and isinstance(portfolio.get("initiatives"), list):
        initiatives = []
        for item in portfolio["initiatives"]:
            if isinstance(item, dict) and "go_live" in item:
                item = dict(item)
                go_live = item.pop("go_live")
                if go_live is not None:
                    item["roadmap"] = {**(item.get("roadmap") or {}), item.get("target_phase", "production"): go_live}
            initiatives.append(item)
        out["portfolio"] = {**portfolio, "initiatives": initiatives}
    out["schema_version"] = 2
    return out


#: STEPS[n] migrates format n to n + 1.
STEPS: dict[int, Callable[[Json], Json]] = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(data: Json) -> Json:
    """The file's JSON brought up to SCHEMA_VERSION (newer files are the caller's to refuse)."""
    version = file_version(data)
    while version < SCHEMA_VERSION:
        step = STEPS.get(version)
        if step is None:
            raise ValueError(f"no migration from format version {version}")
        data = step(data)
        version = file_version(data)
    return data
