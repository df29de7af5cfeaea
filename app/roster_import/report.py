"""What `phasegate check` prints: a human summary, or JSON whose schema is published by check_output_schema()."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from app.roster_import.models import (
    ASK_BELOW,
    ColumnMapping,
    ImportCounts,
    ImportResult,
    RowIssue,
    UnsureColumnsError,
)
from app.roster_import.targets import label


class CheckIssue(BaseModel):
    """One rejected row or warning in the check output."""

    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    reason: str


class CheckColumn(BaseModel):
    """Where one source column went: mapped to a target, kept as an extra field, or left out — and why."""

    column: str
    target: str
    label: str = Field(description="The target in business words.")
    outcome: str = Field(description="'mapped', 'kept' or 'left out'.")
    confidence: float
    reason: str | None = None


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
    ignored_columns: dict[str, str] = Field(default_factory=dict, description="Columns left out → why.")
    columns: list[CheckColumn] = Field(default_factory=list, description="Every source column and where it went.")
    mapping: ColumnMapping


def _issue(issue: RowIssue) -> CheckIssue:
    return CheckIssue(sheet=issue.sheet, row=issue.row, column=issue.column, value=issue.value, reason=issue.reason)


def column_outcomes(mapping: ColumnMapping) -> list[CheckColumn]:
    """Every column of a mapping with its target, outcome and reason, in column order."""
    return [CheckColumn(column=name, target=t.target, label=label(t.target), outcome=t.outcome,
                        confidence=t.confidence, reason=t.reason) for name, t in mapping.columns.items()]


def check_output(result: ImportResult) -> dict[str, Any]:
    """The check output of an import as a JSON-ready dict."""
    out = CheckOutput(
        file=result.source_file, sha256=result.sha256, format=result.format, sheet=result.sheet,
        header_row=result.header_row, layout=result.layout, scale=result.scale, people=len(result.people),
        counts=result.counts, rejected=[_issue(i) for i in result.rejected],
        warnings=[_issue(i) for i in result.warnings], skipped=[_issue(i) for i in result.skipped],
        skills=result.skills_found, new_skills=[s.name for s in result.new_skills],
        skill_matches=result.skill_matches, unmapped_columns=result.unmapped_columns,
        ignored_columns=result.ignored_columns, columns=column_outcomes(result.mapping), mapping=result.mapping)
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
        + (f" (and {c.merged} more rows of {'their skills' if result.layout == 'long' else 'the same people'})"
           if c.merged else "")
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
    mapped = [f"{n} → {label(t.target)}" for n, t in result.mapping.columns.items() if t.outcome == "mapped"]
    if mapped:
        lines.append("Columns used: " + "; ".join(mapped))
    if result.unmapped_columns:
        lines.append("Columns kept as extra fields: " + ", ".join(result.unmapped_columns))
    if result.ignored_columns:
        lines.append("Columns left out:")
        lines += [f"  {name}: {why}" for name, why in result.ignored_columns.items()]
    return lines


def question_lines(error: UnsureColumnsError, *, mapping_file: str | None, roster: str) -> list[str]:
    """What `phasegate check` prints when it must ask: each unsure column with its candidates, and what to do."""
    unsure = error.mapping.unsure()
    lines = [f"{len(unsure)} column{'s' if len(unsure) > 1 else ''} need{'' if len(unsure) > 1 else 's'} your "
             f"decision (suggestions under {ASK_BELOW:.0%} are asked, never applied):"]
    lines += [f"  {q}" for q in error.questions()]
    lines += [f"  {note}" for note in error.notes]
    if mapping_file:
        lines.append(f"Mapping written to {mapping_file}: it names every column with the suggestion filled in; "
                     "change the target of any column you disagree with (what the file says is taken as your "
                     f"decision), then run: phasegate check {roster} --mapping {mapping_file}")
    return lines
