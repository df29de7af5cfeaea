"""What `phasegate check` prints: a human summary, or JSON whose schema is published by check_output_schema()."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from app.roster_import.models import ColumnMapping, ImportCounts, ImportResult, RowIssue


class CheckIssue(BaseModel):
    """One rejected row or warning in the check output."""

    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    reason: str


class CheckOutput(BaseModel):
    """The JSON `phasegate check --json` prints."""

    file: str = Field(description="Source file name.")
    sha256: str
    format: str
    sheet: str | None
    header_row: int | None
    layout: str
    scale: str | None
    people: int = Field(description="Number of people imported.")
    counts: ImportCounts
    rejected: list[CheckIssue]
    warnings: list[CheckIssue]
    skipped: list[CheckIssue]
    skills: list[str] = Field(description="Canonical skill ids found.")
    new_skills: list[str] = Field(description="Names of custom skills created for unknown names.")
    skill_matches: list[str] = Field(description="Fuzzy skill-name matches made.")
    unmapped_columns: list[str] = Field(description="Columns kept verbatim in each person's extra fields.")
    mapping: ColumnMapping


def _issue(issue: RowIssue) -> CheckIssue:
    return CheckIssue(sheet=issue.sheet, row=issue.row, column=issue.column, value=issue.value, reason=issue.reason)


def check_output(result: ImportResult) -> dict[str, Any]:
    """The check output of an import as a JSON-ready dict."""
    out = CheckOutput(
        file=result.source_file, sha256=result.sha256, format=result.format, sheet=result.sheet,
        header_row=result.header_row, layout=result.layout, scale=result.scale, people=len(result.people),
        counts=result.counts, rejected=[_issue(i) for i in result.rejected],
        warnings=[_issue(i) for i in result.warnings], skipped=[_issue(i) for i in result.skipped],
        skills=result.skills_found, new_skills=[s.name for s in result.new_skills],
        skill_matches=result.skill_matches, unmapped_columns=result.unmapped_columns, mapping=result.mapping)
    return out.model_dump(mode="json")


def check_output_schema() -> dict[str, Any]:
    """JSON Schema of `phasegate check --json` output."""
    return CheckOutput.model_json_schema()


def summary_lines(result: ImportResult, *, limit: int = 50) -> list[str]:
    """The human summary `phasegate check` prints (no personal data beyond what the user's own file shows)."""
    c = result.counts
    lines = [
        f"{result.source_file}: {result.format}, sheet '{result.sheet}', header on row {result.header_row}, "
        f"{result.layout} skill layout" + (f", scale {result.scale}" if result.scale else ""),
        f"{c.imported} people imported"
        + (f" (and {c.merged} more rows of their skills)" if c.merged else "")
        + f", {c.rejected} rows rejected, {c.skipped} rows skipped, "
        f"{c.warnings} warnings ({c.data_rows} data rows, {c.blank_rows} blank rows)",
    ]
    for title, issues in (("Rejected rows", result.rejected), ("Skipped rows", result.skipped),
                          ("Warnings", result.warnings)):
        if issues:
            lines.append(f"{title}:")
            lines += [f"  {i.one_line()}" for i in issues[:limit]]
            if len(issues) > limit:
                lines.append(f"  … and {len(issues) - limit} more (use --json for all)")
    lines.append(f"Skills found ({len(result.skills_found)}): {', '.join(result.skills_found) or 'none'}")
    if result.skill_matches:
        lines.append("Fuzzy skill matches: " + "; ".join(result.skill_matches))
    if result.new_skills:
        lines.append(f"New skills ({len(result.new_skills)}, not in the catalogue): "
                     + ", ".join(s.name for s in result.new_skills))
    if result.unmapped_columns:
        lines.append("Columns kept as extra fields: " + ", ".join(result.unmapped_columns))
    return lines
