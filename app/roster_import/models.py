"""The importer's contracts: options, the column mapping, row outcomes, file preview and the import result."""
from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from app.domain.people import Person
from app.domain.skills import Skill
from app.errors import PhasegateError, UsageError

#: Person fields a source column can map to, plus helper targets combined into Person fields.
PERSON_TARGETS: tuple[str, ...] = (
    "id", "name", "first_name", "last_name", "title", "organisation", "location", "cost_center", "manager",
    "email", "fte", "weekly_hours", "start_date", "cost_rate", "salary", "initiative", "initiative_fte",
    "commitment_status", "available",
)
#: Targets that describe skills rather than person fields.
SKILL_TARGETS: tuple[str, ...] = ("skill", "skills_list", "skill_name", "skill_level", "skill_evidence", "evidence")
#: Targets that keep or drop a column.
OTHER_TARGETS: tuple[str, ...] = ("extra", "ignore")
ALL_TARGETS = frozenset(PERSON_TARGETS + SKILL_TARGETS + OTHER_TARGETS)

Layout = Literal["matrix", "list", "long", "none"]


class Severity(StrEnum):
    """How bad a row issue is: a rejected row, a warning on an imported row, or a row skipped on purpose."""

    ERROR = "error"
    WARNING = "warning"
    SKIPPED = "skipped"


class ImportCancelled(PhasegateError):
    """The user cancelled the import. Exit code 130 (like Ctrl-C)."""

    exit_code = 130


class RowIssue(BaseModel):
    """One problem found in the source, located as the spreadsheet shows it (1-based row, column header)."""

    sheet: str | None = None
    row: int | None = Field(default=None, description="Row number the spreadsheet shows (1-based, titles counted).")
    column: str | None = None
    value: str | None = Field(default=None, description="The cell as written; blank for personal-data columns in logs.")
    reason: str
    severity: Severity = Severity.ERROR

    def one_line(self) -> str:
        """`sheet 'S', row 4, column 'FTE': reason` for the CLI and the wizard."""
        where = []
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.reason}" if where else self.reason


class ColumnTarget(BaseModel):
    """Where one source column goes, and how sure the suggestion was (1.0 = exact synonym or chosen by the user)."""

    target: str = Field(description="A Person field, a skill target ('skill', 'skills_list', …), 'extra' or 'ignore'.")
    confidence: float = Field(default=1.0, ge=0, le=1)
    skill_id: str | None = Field(default=None, description="For matrix skill columns: the resolved skill id.")


class ColumnMapping(BaseModel):
    """Source column header → target, plus the skill layout and scale. Saved as JSON and reused with `--mapping`."""

    columns: dict[str, ColumnTarget] = Field(default_factory=dict)
    layout: Layout | None = Field(default=None, description="Skill layout; None = detect.")
    scale: str | None = Field(default=None, description="Source skill scale ('0-4', '1-5', '0-5', …); None = detect.")

    def target_of(self, column: str) -> str | None:
        """The target of a source column, or None when the mapping does not mention it."""
        entry = self.columns.get(column)
        return entry.target if entry else None

    def columns_for(self, target: str) -> list[str]:
        """Source columns mapped to a target, in mapping order."""
        return [c for c, t in self.columns.items() if t.target == target]

    def save(self, path: str | Path) -> None:
        """Write the mapping as JSON."""
        try:
            Path(path).write_text(self.model_dump_json(indent=2), encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write the mapping file: {exc.strerror or exc}", file=str(path)) from None

    @classmethod
    def load(cls, path: str | Path) -> ColumnMapping:
        """Read a mapping saved by `save` (one-line error when missing or invalid)."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise UsageError(f"cannot read the mapping file: {exc.strerror or exc}", file=str(path)) from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise UsageError(f"the mapping file is not valid JSON ({exc})", file=str(path)) from None
        try:
            mapping = cls.model_validate(data)
        except ValueError as exc:
            first = str(exc).splitlines()
            raise UsageError(f"the mapping file is not a column mapping ({first[0] if first else exc})",
                             file=str(path)) from None
        unknown = sorted({t.target for t in mapping.columns.values()} - ALL_TARGETS)
        if unknown:
            raise UsageError(f"the mapping file uses unknown target(s) {', '.join(unknown)}", file=str(path))
        return mapping


class ImportOptions(BaseModel):
    """Knobs of the import; the defaults suit Workday, BambooHR and SuccessFactors exports."""

    standard_week_hours: float = Field(default=40.0, gt=0, le=80, description="Weekly hours of one FTE.")
    skill_match_threshold: float = Field(default=85.0, ge=0, le=100, description="Fuzzy skill-name cut-off (%).")
    column_match_threshold: float = Field(default=86.0, ge=0, le=100, description="Fuzzy column-name cut-off (%).")
    date_order: Literal["auto", "dmy", "mdy"] = Field(default="auto", description="Order of ambiguous d/m dates.")
    unrated_list_level: int = Field(default=3, ge=1, le=5, description="Level for skills listed without a level.")
    max_rows: int = Field(default=500_000, gt=0, description="Row cap per sheet (memory bound).")
    max_columns: int = Field(default=2_000, gt=0, description="Column cap per sheet.")
    cooperative: bool = Field(default=False, description="Read spreadsheet rows one by one so other threads (a "
                              "desktop window) keep running; the whole-sheet read holds the GIL ~0.1 s per 20k rows.")


class FileInfo(BaseModel):
    """What the wizard shows before importing: format, sheets, the suggested sheet and header, a preview."""

    file: str
    format: str = Field(description="xlsx, xlsm, ods, xls, csv or tsv, sniffed from the bytes.")
    sheets: list[str]
    sheet: str
    header_row: int = Field(description="1-based row of the (last) header row.")
    header_rows: int = Field(default=1, description="1 or 2 header rows.")
    columns: list[str]
    preview: list[list[str]] = Field(default_factory=list, description="First data rows as text.")
    mapping: ColumnMapping
    layout: Layout
    warnings: list[str] = Field(default_factory=list)


class ImportCounts(BaseModel):
    """How many rows went where: imported + merged + rejected + skipped == data_rows."""

    data_rows: int = 0
    imported: int = 0
    merged: int = Field(default=0, description="Rows that added skills to a person imported from an earlier row "
                                               "(long layout: one row per person and skill).")
    rejected: int = 0
    skipped: int = 0
    blank_rows: int = 0
    warnings: int = 0


class ImportResult(BaseModel):
    """Everything the import produced: people, rejected rows with reasons, warnings and how the file was read."""

    people: list[Person] = Field(default_factory=list)
    rejected: list[RowIssue] = Field(default_factory=list)
    warnings: list[RowIssue] = Field(default_factory=list)
    skipped: list[RowIssue] = Field(default_factory=list, description="Rows left out on purpose (totals).")
    skills_found: list[str] = Field(default_factory=list, description="Canonical skill ids seen.")
    new_skills: list[Skill] = Field(default_factory=list, description="Custom skills created for unknown names.")
    skill_matches: list[str] = Field(default_factory=list, description="Fuzzy matches made, as sentences.")
    unmapped_columns: list[str] = Field(default_factory=list, description="Columns kept in Person.extra.")
    mapping: ColumnMapping = Field(default_factory=ColumnMapping)
    layout: Layout = "none"
    scale: str | None = None
    format: str = ""
    sheet: str | None = None
    header_row: int | None = None
    counts: ImportCounts = Field(default_factory=ImportCounts)
    source_file: str = ""
    sha256: str = ""
