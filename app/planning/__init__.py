"""The planning bridge: project + scenario → solver Instance → staffing Plan with reasons, and scenario tools.

The names below are loaded on first use: the planner pulls in OR-Tools and numpy (seconds the first time), which
the scenario edits (`app.planning.edits`, used on the window's thread) must not wait for.
"""
from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "build_instance": "bridge", "initiatives_in_scope": "bridge",
    "scenario_of": "edits", "exclude_person": "edits", "include_person": "edits", "pin_assignment": "edits",
    "unpin": "edits",
    "plan_to_solution": "convert", "solution_to_plan": "convert",
    "PreparedInstance": "prepared",
    "plan_report": "report",
    "ScenarioSummary": "service", "alternative_plans": "service", "compare_scenarios": "service",
    "plan_scenario": "service", "prepare": "service", "solver_config": "service", "summarise": "service",
    "validate_plan": "service",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'app.planning' has no attribute '{name}'")
    value = getattr(importlib.import_module(f"app.planning.{where}"), name)
    globals()[name] = value
    return value
