"""Exports for approvers and other tools: the Excel staffing plan, CSV and JSON, and the round trip back."""
from app.export.report import GapCell, PlanReport, TemplateVersion, build_plan_report, file_sha256
from app.export.workbook import write_plan_workbook

__all__ = ["GapCell", "PlanReport", "TemplateVersion", "build_plan_report", "file_sha256", "write_plan_workbook"]
