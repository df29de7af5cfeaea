"""The planning bridge: project + scenario → solver Instance → staffing Plan with reasons, and scenario tools."""
from app.planning.bridge import build_instance, initiatives_in_scope, scenario_of
from app.planning.convert import plan_to_solution, solution_to_plan
from app.planning.edits import exclude_person, include_person, pin_assignment, unpin
from app.planning.prepared import PreparedInstance
from app.planning.report import plan_report
from app.planning.service import (
    ScenarioSummary,
    alternative_plans,
    compare_scenarios,
    plan_scenario,
    prepare,
    solver_config,
    summarise,
    validate_plan,
)

__all__ = [
    "PreparedInstance", "ScenarioSummary", "alternative_plans", "build_instance", "compare_scenarios",
    "exclude_person", "include_person", "initiatives_in_scope", "pin_assignment", "plan_report",
    "plan_scenario", "plan_to_solution", "prepare", "scenario_of", "solution_to_plan", "solver_config", "summarise", "unpin",
    "validate_plan",
]
