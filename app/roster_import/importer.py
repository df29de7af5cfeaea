"""The importer's public operations: inspect a file for the wizard, and import a roster from it."""
from __future__ import annotations

import hashlib
import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import chain
from pathlib import Path

from app.domain.skills import SkillCatalogue
from app.errors import NotImportableError, UsageError
from app.roster_import.cells import CellReader
from app.roster_import.columns import transpose
from app.roster_import.fast import drop, slices
from app.roster_import.headers import HeaderInfo, detect_header, header_score, skill_like_columns
from app.roster_import.mapping import suggest_mapping
from app.roster_import.models import (
    ColumnMapping,
    ColumnTarget,
    FileInfo,
    ImportOptions,
    ImportResult,
    Layout,
    RowIssue,
    Severity,
)
from app.roster_import.normalise import as_text
from app.roster_import.prebuild import Prebuilt, estimated_rows
from app.roster_import.readers import RawSheet, Workbook, formulas_without_values, open_workbook, read_sheet
from app.roster_import.rows import Cancel, Progress, RowBuilder
from app.roster_import.skill_names import SkillNames

log = logging.getLogger("phasegate.import")
PREVIEW_ROWS = 20


def _suggest_sheet(book: Workbook, catalogue: SkillCatalogue, options: ImportOptions) -> str:
    """The sheet whose top rows look most like a roster header (the first sheet on a tie)."""
    if len(book.sheet_names) == 1:
        return book.sheet_names[0]
    best, chosen = float("-inf"), book.sheet_names[0]
    for name in book.sheet_names:
        try:
            top = read_sheet(book, name, max_rows=options.max_rows, max_columns=options.max_columns, nrows=30)
        except Exception:  # an unreadable extra sheet must not hide a good one; the chosen sheet is read again
            continue
        score = max((header_score(r, catalogue) for r in top.rows), default=float("-inf"))
        if score > best:
            best, chosen = score, name
    return chosen


def _header(raw: RawSheet, catalogue: SkillCatalogue, header_row: int | None, file_name: str) -> HeaderInfo:
    if not any(any(as_text(c) for c in row) for row in raw.rows):
        raise NotImportableError("the sheet is empty", file=file_name, sheet=raw.name)
    try:
        return detect_header(raw, catalogue, header_row=header_row)
    except IndexError:
        last = raw.first_row + len(raw.rows)
        raise UsageError(f"header row {header_row} is outside the sheet (rows {raw.first_row + 1}–{last})",
                         file=file_name, sheet=raw.name) from None


def detect_layout(mapping: ColumnMapping) -> Layout:
    """Long when skill name + level columns exist, list for a skills-in-one-cell column, matrix for skill columns."""
    targets = {t.target for t in mapping.columns.values()}
    if "skill_name" in targets:
        return "long"
    if "skills_list" in targets:
        return "list"
    if "skill" in targets:
        return "matrix"
    return "none"


def _open(path: str | Path, catalogue: SkillCatalogue, sheet: str | None, options: ImportOptions,
          nrows: int | None = None) -> tuple[Workbook, RawSheet]:
    book = open_workbook(Path(path), max_rows=options.max_rows)
    chosen = sheet if sheet is not None else _suggest_sheet(book, catalogue, options)
    raw = read_sheet(book, chosen, max_rows=options.max_rows, max_columns=options.max_columns, nrows=nrows,
                     cooperative=options.cooperative)
    return book, raw


def inspect_file(path: str | Path, *, catalogue: SkillCatalogue, sheet: str | None = None,
                 header_row: int | None = None, options: ImportOptions | None = None) -> FileInfo:
    """Format, sheets, suggested sheet and header row, columns, a preview and a mapping suggestion (for a wizard)."""
    options = options or ImportOptions()
    file_name = Path(path).name
    book, raw = _open(path, catalogue, sheet, options, nrows=400)
    header = _header(raw, catalogue, header_row, file_name)
    mapping = suggest_mapping(header.names, catalogue=catalogue, options=options, categories=header.categories,
                              skill_like=skill_like_columns(raw, header))
    preview = [[as_text(c) for c in row] for row in raw.rows[header.data_start:header.data_start + PREVIEW_ROWS]]
    return FileInfo(file=file_name, format=book.format, sheets=book.sheet_names, sheet=raw.name,
                    header_row=raw.row_number(header.second_index if header.second_index is not None else header.index),
                    header_rows=2 if header.second_index is not None else 1, columns=header.names, preview=preview,
                    mapping=mapping, layout=detect_layout(mapping), warnings=[*book.notes, *header.notes])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _reconcile(mapping: ColumnMapping, header: HeaderInfo, issues: list[RowIssue], sheet: str) -> ColumnMapping:
    """A user mapping applied to this file: columns it does not know are kept as extra, missing ones reported."""
    columns = dict(mapping.columns)
    for name in mapping.columns:
        if name not in header.names:
            issues.append(RowIssue(sheet=sheet, column=name, reason="the mapping names this column but the file "
                                   "does not have it", severity=Severity.WARNING))
    for name in header.names:
        columns.setdefault(name, ColumnTarget(target="extra", confidence=1.0))
    return mapping.model_copy(update={"columns": columns})


def _scale_values(raw: RawSheet, header: HeaderInfo, cells: CellReader, mapping: ColumnMapping, layout: str,
                  matrix: list[tuple[int, str]], columns: list[tuple]) -> list[object]:
    rows = raw.rows[header.data_start:]
    index = {n: j for j, n in enumerate(header.names)}
    values: set = set()
    if layout == "matrix":
        present = [columns[j] for j, _ in matrix if j < len(columns)]
        # Row by row (zip), not column by column: a row's cells sit together in memory, a column's do not (3x).
        values = set()
        for part in slices(len(present[0]) if present else 0):  # a slice at a time: the GIL can change hands
            values.update(chain.from_iterable(zip(*(column[part.start:part.stop] for column in present), strict=True)))
        cells.matrix_values = set(values)  # the row builder converts each distinct value once, from this set
    elif layout == "list":
        for name in mapping.columns_for("skills_list"):
            j = index[name]
            for cell in {r[j] for r in rows if len(r) > j}:
                values.update(v for v in cells.list_values(cell) if v)
    elif layout == "long":
        for name in mapping.columns_for("skill_level"):
            values.update(r[index[name]] for r in rows if len(r) > index[name])
    values.discard("")
    values.discard(None)
    return list(values)


def _shared_skill_columns(matrix: list[tuple[int, str]], header: HeaderInfo, catalogue: SkillCatalogue,
                          sheet: str) -> list[RowIssue]:
    """Warns when several columns mean the same skill (the importer keeps each person's highest level)."""
    by_skill: dict[str, list[str]] = {}
    for j, skill_id in matrix:
        by_skill.setdefault(skill_id, []).append(header.names[j])
    return [RowIssue(sheet=sheet, column=cols[0], reason=f"columns {', '.join(repr(c) for c in cols)} all mean "
                     f"{catalogue.name_of(sid)}; each person's highest level is kept", severity=Severity.WARNING)
            for sid, cols in by_skill.items() if len(cols) > 1]


def import_roster(
    path: str | Path,
    *,
    catalogue: SkillCatalogue,
    sheet: str | None = None,
    header_row: int | None = None,
    mapping: ColumnMapping | None = None,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportResult:
    """Reads the roster as HR sent it: every data row ends imported, rejected or skipped, each with a reason.

    Raises UnreadableFileError (exit 2), NotImportableError (exit 1), UsageError, or ImportCancelled.
    SkillLevel objects are shared between cells with the same value: replace them, never mutate them in place.
    """
    options = options or ImportOptions()
    path = Path(path)
    if progress:
        progress(0.0, "reading the file")
    book = open_workbook(path, max_rows=options.max_rows)
    chosen = sheet if sheet is not None else _suggest_sheet(book, catalogue, options)
    side = _SideWork(book, chosen, path.name, options)
    try:
        raw = read_sheet(book, chosen, max_rows=options.max_rows, max_columns=options.max_columns,
                         cooperative=options.cooperative)
        if side.prebuilt is not None:
            side.prebuilt.finish()
        result = _import_rows(path, book, raw, side, catalogue=catalogue, header_row=header_row,
                              mapping=mapping, options=options, progress=progress, cancel=cancel)
        # the sheet's rows and cells (2.5 million objects for 100,000 rows) freed a slice at a time: dropped whole
        # they were one deallocation cascade that held the GIL 50-100 ms while a window waited for it
        drop(raw.rows)
        return result
    finally:
        side.close()


class _SideWork:
    """What runs beside the import: objects made while calamine parses (GIL released), and the formula scan."""

    def __init__(self, book: Workbook, sheet: str, file_name: str, options: ImportOptions) -> None:
        self.prebuilt: Prebuilt | None = None
        self._scan: ThreadPoolExecutor | None = None
        self.scanned: Future | None = None
        self._scan_later = False
        self._stop = threading.Event()
        self._book, self._sheet = book, sheet
        part = book.facts.sheet_parts.get(sheet)
        if book._calamine is None or part is None:
            return  # a text file is already parsed; an ODS sheet's size is unknown: nothing made ahead
        if options.cooperative:
            # A window waits for the GIL: on two cores two more busy threads left its thread waiting for a turn, so
            # nothing is made ahead and the formula scan runs after the rows, only when it is needed.
            self._scan_later = True
            return
        declared = book.facts.dimensions.get(sheet)
        limit = declared[0] if declared else estimated_rows(book.path, part)
        if limit:
            self.prebuilt = Prebuilt(file=file_name, sheet=sheet, limit=min(options.max_rows, limit)).start()
        # Formulas without a saved value read as blank cells; the scan (mostly zlib, which releases the GIL) starts
        # now and its result is used only when the data rows hold blank cells.
        self._scan = ThreadPoolExecutor(max_workers=1, thread_name_prefix="formula-scan")
        self.scanned = self._scan.submit(formulas_without_values, book, sheet, stop=self._stop)

    def formula_scan(self) -> tuple[list[str], int] | None:
        """Cells whose formula has no saved value, from the side thread (or scanned now); None for a text file."""
        if self.scanned is not None:
            return self.scanned.result()
        if self._scan_later:
            return formulas_without_values(self._book, self._sheet)
        return None

    def close(self) -> None:
        """Stops the side threads (after an error too, or when the scan's result was not wanted) and waits."""
        self._stop.set()
        if self.prebuilt is not None:
            self.prebuilt.finish()
        if self._scan is not None:
            self._scan.shutdown(wait=True)


def _import_rows(path: Path, book: Workbook, raw: RawSheet, side: _SideWork, *, catalogue: SkillCatalogue,
                 header_row: int | None, mapping: ColumnMapping | None, options: ImportOptions,
                 progress: Progress | None, cancel: Cancel | None) -> ImportResult:
    """import_roster once the sheet is read (the cyclic GC is paused by the caller)."""
    file_name = path.name
    header = _header(raw, catalogue, header_row, file_name)
    if progress:
        progress(0.15, "mapping columns")
    issues: list[RowIssue] = [RowIssue(sheet=raw.name, reason=n, severity=Severity.WARNING) for n in book.notes]
    if mapping is None:
        mapping = suggest_mapping(header.names, catalogue=catalogue, options=options, categories=header.categories,
                                  skill_like=skill_like_columns(raw, header))
    else:
        mapping = _reconcile(mapping, header, issues, raw.name)
    layout = mapping.layout or detect_layout(mapping)
    targets = {t.target for t in mapping.columns.values()}
    if not targets & {"name", "first_name", "last_name"}:
        raise NotImportableError(f"no name column found in the header on row {raw.row_number(header.index)} "
                                 f"(columns: {', '.join(header.names[:8])}{' …' if len(header.names) > 8 else ''}); "
                                 "pick the header row or map a column to 'name' with --mapping",
                                 file=file_name, sheet=raw.name)
    if not any(any(c is not None and str(c).strip() for c in row) for row in raw.rows[header.data_start:]):
        blank = len(raw.rows) - header.data_start
        raise NotImportableError("the sheet has a header but no data rows"
                                 + (f" (only {blank} blank row{'s' if blank > 1 else ''} below it)" if blank else ""),
                                 file=file_name, sheet=raw.name)
    skills = SkillNames(catalogue, threshold=options.skill_match_threshold)
    cells = CellReader(options=options, decimal_comma=raw.decimal_comma, date1904=raw.date1904)
    index = {n: j for j, n in enumerate(header.names)}
    matrix: list[tuple[int, str]] = []
    for name in mapping.columns_for("skill"):
        if name not in index:
            continue
        target = mapping.columns[name]
        j = index[name]
        category = header.categories[j] if j < len(header.categories) else None
        known = target.skill_id if target.skill_id and target.skill_id in catalogue else None
        if known and target.confidence < 1.0:
            skills.matches.append(f"'{name}' matched to {catalogue.name_of(known)} ({target.confidence:.0%})")
        matrix.append((j, known or skills.resolve(name, category=category)))
    issues += _shared_skill_columns(matrix, header, catalogue, raw.name)
    cells.matrix_columns = matrix
    columns = transpose(raw.rows[header.data_start:])
    cells.scale = mapping.scale or cells.detect_scale(_scale_values(raw, header, cells, mapping, layout, matrix,
                                                                    columns))
    builder = RowBuilder(sheet=raw, header=header, mapping=mapping, layout=layout, cells=cells, skills=skills,
                         options=options, file_name=file_name, columns=columns, prebuilt=side.prebuilt)
    outcome = builder.build(progress=progress, cancel=cancel)
    builder.release()
    drop(columns)
    scan = side.formula_scan() if outcome.saw_blank_cell else None
    if scan is not None:
        refs, count = scan
        if count:
            shown = ", ".join(refs[:10]) + (" …" if count > 10 else "")
            issues.append(RowIssue(sheet=raw.name, reason=f"{count} formula cell(s) have no saved value ({shown}) and "
                                   "read as blank; open the file in Excel or LibreOffice, let it calculate, save, and "
                                   "import again", severity=Severity.WARNING))
    for note in header.notes:
        issues.append(RowIssue(sheet=raw.name, row=raw.row_number(header.index), reason=note,
                               severity=Severity.WARNING))
    warnings = issues + outcome.warnings
    found_ids: set[str] = set()
    for part in slices(len(outcome.people)):
        found_ids.update(*[p.skills for p in outcome.people[part.start:part.stop]])
    found = sorted(found_ids)
    unmapped = [n for n in header.names if mapping.target_of(n) == "extra"]
    counts = outcome.counts
    counts.warnings = len(warnings)
    counts.rejected = len(outcome.rejected)
    result = ImportResult(
        people=[], rejected=outcome.rejected, warnings=warnings, skipped=outcome.skipped, skills_found=found,
        new_skills=[s for sid, s in skills.new_skills.items() if sid in found], skill_matches=skills.matches,
        unmapped_columns=unmapped, mapping=mapping.model_copy(update={"layout": layout, "scale": cells.scale}),
        layout=layout, scale=cells.scale, format=book.format, sheet=raw.name,
        header_row=raw.row_number(header.second_index if header.second_index is not None else header.index),
        counts=counts, source_file=file_name, sha256=_sha256(path))
    result.people = outcome.people  # already checked row by row; skip re-validating 100k people
    log.info("imported %d people, %d rejected, %d warnings", counts.imported, counts.rejected, counts.warnings)
    if progress:
        progress(1.0, "done")
    return result
