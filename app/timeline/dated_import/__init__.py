"""Import dated commitments and leave as HR and resourcing tools export them, onto an imported roster.

Three forms: a separate file in long format (one row per person × initiative × date range, or per person × leave
range), the other sheets of the roster workbook (found by their headers), and — once the roster importer's mapping
carries them — dated columns in the roster sheet itself. Every row is imported, skipped or rejected with its sheet,
row, column and reason, as in the roster import; files are read with the roster importer's readers.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from app.domain.people import Person
from app.errors import NotImportableError, UsageError
from app.roster_import.models import RowIssue
from app.roster_import.read_file import open_workbook, read_sheet
from app.timeline.dated_import.apply import apply_dated
from app.timeline.dated_import.columns import Kind, find_columns
from app.timeline.dated_import.rows import RowsRead, read_rows

_LABEL = {"commitments": "dated commitments", "absences": "leave"}


class DatedCounts(BaseModel):
    """How many rows went where: imported + rejected + skipped == data_rows."""

    data_rows: int = 0
    imported: int = 0
    rejected: int = 0
    skipped: int = 0
    blank_rows: int = 0
    warnings: int = 0


class DatedImport(BaseModel):
    """One sheet of dated commitments or leave, as read: where, which columns, and every row's outcome."""

    kind: Kind
    file: str
    sheet: str
    header_row: int
    columns: dict[str, str] = Field(description="Source header → field (id, name, initiative, start, end, …).")
    unused_columns: list[str] = Field(default_factory=list, description="Columns no field takes (not read).")
    counts: DatedCounts = Field(default_factory=DatedCounts)
    rejected: list[RowIssue] = Field(default_factory=list)
    warnings: list[RowIssue] = Field(default_factory=list)
    skipped: list[RowIssue] = Field(default_factory=list)


class DatedResult(BaseModel):
    """The roster with its dated data laid on, and what each dated sheet contributed."""

    people: list[Person] = Field(default_factory=list, exclude=True)
    sheets: list[DatedImport] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="Undated roster commitments replaced, sheets passed.")


def _summary(read: RowsRead, file: str) -> DatedImport:
    counts = DatedCounts(data_rows=read.data_rows, imported=len(read.items), rejected=len(read.rejected),
                         skipped=len(read.skipped), blank_rows=read.blank_rows, warnings=len(read.warnings))
    return DatedImport(kind=read.kind, file=file, sheet=read.sheet, header_row=read.header_row, columns=read.columns,
                       unused_columns=read.unused_columns, counts=counts,
                       rejected=sorted(read.rejected, key=lambda r: r.row or 0),
                       warnings=sorted(read.warnings, key=lambda r: r.row or 0),
                       skipped=sorted(read.skipped, key=lambda r: r.row or 0))


def _read_book(path: Path, people: Sequence[Person], *, kind: Kind | None, sheet: str | None, skip: str | None,
               week_hours: float, date_order: str, notes: list[str]) -> list[RowsRead]:
    """Reads each sheet that holds dated rows of `kind` (any kind when None), or exactly `sheet`."""
    book = open_workbook(path)
    names = [sheet] if sheet is not None else [n for n in book.sheet_names if n != skip]
    reads = []
    for name in names:
        raw = read_sheet(book, name, max_rows=500_000, max_columns=2_000)
        cols = find_columns(raw.rows)
        found = cols.kind() if cols else None
        if found is None or (kind is not None and found != kind):
            if sheet is not None or kind is not None:
                notes.append(f"sheet '{name}' holds no {_LABEL[kind] if kind else 'dated rows'}")
            elif skip is not None:
                notes.append(f"sheet '{name}' holds neither dated commitments nor leave; not read")
            continue
        reads.append(read_rows(raw, cols, found, people, week_hours=week_hours, date_order=date_order))
    return reads


def import_dated(people: Sequence[Person], *, commitments: Sequence[Path | str] = (),
                 absences: Sequence[Path | str] = (), roster: Path | str | None = None,
                 roster_sheet: str | None = None, week_hours: float = 40.0,
                 date_order: str = "auto") -> DatedResult:
    """Reads dated commitments and leave from separate files and from the roster workbook's other sheets.

    A file named as commitments or absences must hold such a sheet (else NotImportableError, exit 1); the roster
    workbook's other sheets are read when their headers say what they are, and passed over (noted) otherwise.
    """
    notes: list[str] = []
    reads: list[tuple[RowsRead, str]] = []
    for paths, kind in ((commitments, "commitments"), (absences, "absences")):
        for path in paths:
            path = Path(path)
            got = _read_book(path, people, kind=kind, sheet=None, skip=None, week_hours=week_hours,
                             date_order=date_order, notes=[])
            if not got:
                raise NotImportableError(f"no sheet holds {_LABEL[kind]}: it needs a person column (employee id, "
                                         f"e-mail or name){', an initiative column' if kind == 'commitments' else ''}"
                                         f" and {'a start or end' if kind == 'commitments' else 'start and end'} "
                                         "date column", file=path.name)
            reads += [(r, path.name) for r in got]
    if roster is not None:
        path = Path(roster)
        if path.suffix.lower() not in (".csv", ".tsv", ".txt"):
            reads += [(r, path.name) for r in _read_book(path, people, kind=None, sheet=None, skip=roster_sheet,
                                                         week_hours=week_hours, date_order=date_order, notes=notes)]
    merged, replaced = apply_dated(people, [r for r, _ in reads])
    return DatedResult(people=merged, sheets=[_summary(r, f) for r, f in reads], notes=notes + replaced)


def check_dated_paths(*paths: Path | str | None) -> None:
    """A usage error naming the first given path that is not a file."""
    for p in paths:
        if p is not None and not Path(p).is_file():
            raise UsageError("no such file", file=str(p))


__all__ = ["DatedCounts", "DatedImport", "DatedResult", "check_dated_paths", "import_dated"]
