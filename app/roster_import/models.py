"""The importer's contracts: options, the column mapping, row outcomes, file preview and the import result."""
from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from app.domain.people import Person
from app.domain.skills import Skill
from app.errors import NotImportableError, PhasegateError, UsageError
from app.roster_import.targets import ALL_TARGETS, KEEP, LEAVE_OUT, label

#: A suggestion below this confidence is asked, never applied: the CLI exits 1 naming the column and the window
#: marks it until the user accepts or changes it (documented in docs/import.md, "What is asked").
ASK_BELOW = 0.8

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


class Candidate(BaseModel):
    """Another target considered for a column, with its confidence and why."""

    target: str
    confidence: float = Field(ge=0, le=1)
    skill_id: str | None = None
    reason: str = ""


class ColumnTarget(BaseModel):
    """Where one source column goes, how sure the suggestion was (1.0 = certain or chosen by the user), and why."""

    target: str = Field(description="A Person field, a skill target ('skill', 'skills_list', …), 'extra' or 'ignore'.")
    confidence: float = Field(default=1.0, ge=0, le=1)
    skill_id: str | None = Field(default=None, description="For matrix skill columns: the resolved skill id.")
    reason: str | None = Field(default=None, description="Why the column goes there (or is kept, or left out).")
    candidates: list[Candidate] = Field(default_factory=list, description="Other targets considered, best first.")

    @property
    def unsure(self) -> bool:
        """True when the suggestion is below ASK_BELOW: it is asked, never applied."""
        return self.confidence < ASK_BELOW

    @property
    def outcome(self) -> str:
        """'mapped', 'kept' (as an extra field) or 'left out'."""
        return {KEEP: "kept", LEAVE_OUT: "left out"}.get(self.target, "mapped")

    def describe(self) -> str:
        """'Employee id (100%): the header names it' — the target in business words, the confidence and reason."""
        text = f"{label(self.target)} ({self.confidence:.0%})"
        return f"{text}: {self.reason}" if self.reason else text


class ColumnMapping(BaseModel):
    """Source column header → target, plus the skill layout and scale. Saved as JSON and reused with `--mapping`."""

    columns: dict[str, ColumnTarget] = Field(default_factory=dict)
    layout: Layout | None = Field(default=None, description="Skill layout; None = detect.")
    scale: str | None = Field(default=None, description="Source skill scale ('0-4', '1-5', '0-5', …); None = detect.")
    binary_level: int | None = Field(default=None, ge=1, le=5, description="Level a 1 stands for in skill columns "
                                     "holding only 0 and 1 (has the skill or not); None = 3, Practitioner.")
    repeated_rows: bool | None = Field(default=None, description="Each person appears on several rows (one row per "
                                       "person and period or item): rows with the same id are one person, merged. "
                                       "None = detect; false = a repeated id is a duplicate, rejected.")

    def target_of(self, column: str) -> str | None:
        """The target of a source column, or None when the mapping does not mention it."""
        entry = self.columns.get(column)
        return entry.target if entry else None

    def columns_for(self, target: str) -> list[str]:
        """Source columns mapped to a target, in mapping order."""
        return [c for c, t in self.columns.items() if t.target == target]

    def unsure(self) -> list[str]:
        """Columns whose suggestion is below ASK_BELOW, in column order."""
        return [c for c, t in self.columns.items() if t.unsure]

    def decided(self) -> ColumnMapping:
        """The same mapping taken as the user's decision: every column it names at confidence 1.0."""
        return self.model_copy(update={"columns": {c: t.model_copy(update={"confidence": 1.0})
                                                   for c, t in self.columns.items()}})

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
    skill_match_threshold: float = Field(default=90.0, ge=0, le=100, description="How alike a mistyped skill "
                                         "name must be to a catalogue skill to be matched to it (%).")
    column_match_threshold: float = Field(default=86.0, ge=0, le=100, description="How alike a mistyped header "
                                          "must be to a known column name to be suggested (%).")
    leavers: Literal["unavailable", "skip"] = Field(default="unavailable", description="People who have left: "
                                                   "imported as not available (with the date), or skipped.")
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
    legend_scale: str | None = Field(default=None, description="The level scale a legend above the header gives.")

    @property
    def unsure(self) -> list[str]:
        """Columns the suggestion is not sure about (to be accepted or changed)."""
        return self.mapping.unsure()


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
    ignored_columns: dict[str, str] = Field(default_factory=dict, description="Columns left out → why.")
    mapping: ColumnMapping = Field(default_factory=ColumnMapping)
    layout: Layout = "none"
    scale: str | None = None
    format: str = ""
    sheet: str | None = None
    header_row: int | None = None
    counts: ImportCounts = Field(default_factory=ImportCounts)
    source_file: str = ""
    sha256: str = ""


class MappingNeeded(NotImportableError):
    """The file reads but its columns need the user's word (exit 1); `mapping` is the suggestion to edit and reuse."""

    def __init__(self, message: str, *, mapping: ColumnMapping, file: str, sheet: str | None) -> None:
        self.mapping = mapping
        super().__init__(message, file=file, sheet=sheet)


class UnsureColumnsError(MappingNeeded):
    """Some columns could not be decided: the import stops (exit 1) and asks, with the suggested mapping to edit."""

    def __init__(self, *, mapping: ColumnMapping, file: str, sheet: str | None, header_row: int,
                 notes: list[str] | None = None) -> None:
        self.header_row = header_row
        self.notes = list(notes or [])
        names = mapping.unsure()
        nameless = any(mapping.columns[n].target in ("id", "name") and (mapping.columns[n].reason or "").startswith(
            "no header names") for n in names)
        super().__init__(("no name column found in the header; " if nameless else "") + f"{len(names)} column{'s' if len(names) > 1 else ''} could not be decided "
                         f"({', '.join(repr(n) for n in names)}); say where {'they go' if len(names) > 1 else 'it goes'}"
                         " in a mapping file (--mapping)", mapping=mapping, file=file, sheet=sheet)

    def questions(self) -> list[str]:
        """One line per unsure column: the suggestion, the other candidates and why."""
        lines = []
        for name in self.mapping.unsure():
            entry = self.mapping.columns[name]
            others = "; ".join(f"{label(c.target)} ({c.confidence:.0%})" for c in entry.candidates
                               if c.target != entry.target)
            lines.append(f"'{name}': {entry.describe()}" + (f"; also possible: {others}" if others else ""))
        return lines


class UnsureScaleError(UnsureColumnsError):
    """The levels do not settle the scale (1–3 only): asked on the first level column, the mapping to edit carrying
    the suggested "scale"; the message says it is the scale that is asked, for the CLI and the import window alike."""

    def __init__(self, *, mapping: ColumnMapping, file: str, sheet: str | None, header_row: int, question: str,
                 notes: list[str] | None = None) -> None:
        super().__init__(mapping=mapping, file=file, sheet=sheet, header_row=header_row, notes=notes)
        self.message = (f"the level scale could not be decided: {question} Say it with \"scale\" in a mapping file "
                        "(--mapping), or choose the level scale in the import window's Skills step")
        self.args = (self.one_line(),)


@dataclass
class ColumnPlan:
    """The mapping placed on one sheet's columns: where each target is, which columns are skills or extras."""

    names: list[str]
    at: dict[str, int]
    matrix: list[tuple[int, str]]
    list_cols: list[int]
    extra_cols: list[tuple[str, int]]
    last_first: bool = False
    hours: str = "weekly_hours"  # the hours column's unit: 'weekly_hours' or 'monthly_hours'

    @classmethod
    def of(cls, mapping: ColumnMapping, names: list[str], matrix: list[tuple[int, str]]) -> ColumnPlan:
        """Positions of the mapped targets (the first column of each), the skill columns and the kept columns."""
        at: dict[str, int] = {}
        for j, name in enumerate(names):
            target = mapping.target_of(name)
            if target and target not in at:
                at[target] = j
        if "salary" in at and "cost_rate" not in at:
            at["cost_rate"] = at["salary"]
        if "skill_evidence" in at and "evidence" not in at:
            at["evidence"] = at["skill_evidence"]
        hours = "monthly_hours" if "monthly_hours" in at and "weekly_hours" not in at else "weekly_hours"
        if hours == "monthly_hours":
            at["weekly_hours"] = at["monthly_hours"]
        list_cols = [j for j, n in enumerate(names) if mapping.target_of(n) == "skills_list"]
        extra = [(n, j) for j, n in enumerate(names) if mapping.target_of(n) in (KEEP, None)]
        return cls(names=names, at=at, matrix=matrix, list_cols=list_cols, extra_cols=extra, hours=hours)

    def get(self, target: str) -> int | None:
        """The column of a target, or None."""
        return self.at.get(target)
