"""Exports for approvers and other tools: the Excel staffing plan, CSV and JSON, and the round trip back."""
from app.export.decision_result import Approval, CellProblem, DecisionChange, DecisionResult, DeletedRow
from app.export.decisions import read_decisions
from app.export.flat import plan_json, write_plan_csv, write_plan_json
from app.export.report import GapCell, PlanReport, TemplateVersion, build_plan_report, file_sha256
from app.export.workbook import write_plan_workbook

__all__ = [
    "Approval", "CellProblem", "DecisionChange", "DecisionResult", "DeletedRow", "GapCell", "PlanReport",
    "TemplateVersion", "build_plan_report", "file_sha256", "plan_json", "read_decisions", "write_plan_csv",
    "write_plan_json", "write_plan_workbook",
]
