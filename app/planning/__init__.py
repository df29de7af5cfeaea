"""The planning bridge: project + scenario → solver Instance → staffing Plan with reasons, and scenario tools.

The names below load on first use, so `app.planning.words` (which every output imports, the window's too) does
not pull the solver and OR-Tools in with it.
"""
from __future__ import annotations

import importlib

_WHERE = {
    "build_instance": "bridge", "initiatives_in_scope": "bridge", "scenario_of": "edits",
    "plan_to_solution": "convert", "solution_to_plan": "convert",
    "exclude_person": "edits", "include_person": "edits", "pin_assignment": "edits", "unpin": "edits",
    "PreparedInstance": "prepared", "plan_report": "report",
    "alternative_plans": "service", "plan_scenario": "service", "prepare": "service", "solver_config": "service",
    "validate_plan": "service",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    """Loads `name` from the module that defines it."""
    if name not in _WHERE:
        raise AttributeError(f"module 'app.planning' has no attribute {name!r}")
    return getattr(importlib.import_module(f"app.planning.{_WHERE[name]}"), name)
