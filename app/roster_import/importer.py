"""The importer's two operations: inspect a file (for the wizard) and import a roster from it.

One path for every file: read the sheet (read_file), find the header (find_header), decide the columns from their
headers and values (map_columns), tell person rows from the others (data_rows), find the level scale
(skill_levels), then check each row and make its Person (check_row).
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.domain.skills import SkillCatalogue
from app.errors import NotImportableError, UsageError
from app.roster_import.booking_rows import refuse_bookings
from app.roster_import.cell_values import as_text, detect_date_order, is_blank, is_last_first
from app.roster_import.check_row import RowChecker
from app.roster_import.converters import CellReader
from app.roster_import.data_rows import PERSON, RowKind, RowSorter, spread_merged_down
from app.roster_import.find_header import HeaderInfo, data_like, detect_header, header_score
from app.roster_import.level_scale import read_scale
from app.roster_import.map_columns import detect_layout, suggest_mapping
from app.roster_import.models import (
    ColumnMapping,
    ColumnPlan,
    ColumnTarget,
    FileInfo,
    ImportCancelled,
    ImportOptions,
    ImportResult,
    MappingNeeded,
    RowIssue,
    Severity,
    UnsureColumnsError,
    UnsureScaleError,
)
from app.roster_import.read_file import (
    FormulaScan,
    RawSheet,
    Workbook,
    open_workbook,
    read_sheet,
    scan_formulas,
)
from app.roster_import.read_skills import SkillMatcher, SkillNames, matrix_columns
from app.roster_import.sheet_notes import sheet_notes
from app.roster_import.skill_pairs import join_pairs, pairs_of
from app.roster_import.targets import KEEP, LEAVE_OUT
from app.roster_import.working_time import usual_week

log = logging.getLogger("phasegate.import")
PREVIEW_ROWS = 20
#: Data rows whose values the column decisions look at: the first ones and an even spread of the rest.
SAMPLE_ROWS = 500
#: Rows between two progress reports (and cancel checks).
TICK_ROWS = 2000
Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]

__all__ = ["detect_layout", "import_roster", "inspect_file"]


def _suggest_sheet(book: Workbook, catalogue: SkillCatalogue, options: ImportOptions) -> str:
    """The sheet whose top rows look most like a roster header (the first sheet on a tie)."""
    if len(book.sheet_names) == 1:
        return book.sheet_names[0]
    matcher = SkillMatcher(catalogue)
    best, chosen = float("-inf"), book.sheet_names[0]
    for name in book.sheet_names:
        try:
            top = read_sheet(book, name, max_rows=options.max_rows, max_columns=options.max_columns, nrows=30)
        except Exception:  # an unreadable extra sheet must not hide a good one; the chosen sheet is read again
            continue
        score = max((header_score(top.rows, i, matcher) for i in range(len(top.rows))), default=float("-inf"))
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


def _open(path: Path, catalogue: SkillCatalogue, sheet: str | None, options: ImportOptions,
          nrows: int | None = None) -> tuple[Workbook, RawSheet]:
    book = open_workbook(path, max_rows=options.max_rows)
    chosen = sheet if sheet is not None else _suggest_sheet(book, catalogue, options)
    raw = read_sheet(book, chosen, max_rows=options.max_rows, max_columns=options.max_columns, nrows=nrows,
                     cooperative=options.cooperative and not nrows)
    return book, raw


@dataclass
class _Decision:
    """The columns decided for one sheet, and how person rows are told from the others."""

    mapping: ColumnMapping
    sorter: RowSorter
    notes: list[str]
    last_first: bool = False


def _sample(count: int) -> list[int]:
    if count <= SAMPLE_ROWS:
        return list(range(count))
    head = SAMPLE_ROWS * 3 // 5
    step = (count - head) / (SAMPLE_ROWS - head)
    return list(range(head)) + [head + int(k * step) for k in range(SAMPLE_ROWS - head)]


def _sorter(mapping: ColumnMapping, header: HeaderInfo, raw: RawSheet, rows: list[int]) -> RowSorter:
    names = header.names
    at = {t: j for j, n in enumerate(names) for t in [mapping.target_of(n)] if t}
    name_cols = [j for j, n in enumerate(names) if mapping.target_of(n) in ("name", "first_name", "last_name")]
    left_out = {j for j, n in enumerate(names) if mapping.target_of(n) == LEAVE_OUT
                and "personal data" not in (mapping.columns[n].reason or "")
                and "pay data" not in (mapping.columns[n].reason or "")}
    content = [j for j in range(len(names)) if j not in left_out]
    data = raw.rows[header.data_start:]
    counts = sorted(sum(1 for j in content if j < len(data[k]) and not is_blank(data[k][j])) for k in rows
                    if k < len(data))
    typical = counts[len(counts) * 3 // 4] if counts else 0  # upper quartile: templates hold many emptier rows
    ragged = {i - header.data_start: n for i, n in raw.ragged.items() if i >= header.data_start}
    return RowSorter(name_columns=name_cols or ([at["id"]] if "id" in at else []), id_column=at.get("id"),
                     content=content, width=len(names), typical_filled=typical, ragged=ragged, names=names,
                     initiative_column=at.get("initiative"))


def _decide(raw: RawSheet, header: HeaderInfo, scan: FormulaScan, *, catalogue: SkillCatalogue,
            options: ImportOptions, given: ColumnMapping | None) -> _Decision:
    """Decide the columns from a sample of the rows; then again from the person rows alone (no totals, notes)."""
    data = raw.rows[header.data_start:]
    width = len(header.names)
    rows = [k for k in _sample(len(data)) if any(c not in ("", None) for c in data[k])]
    mapping = ColumnMapping()
    for _ in range(2):
        columns = [[data[k][j] if j < len(data[k]) else "" for k in rows] for j in range(width)]
        formula = _formula_share(scan, raw, header, rows, columns)
        mapping = suggest_mapping(header.names, catalogue=catalogue, options=options, categories=header.categories,
                                  columns=columns, formula_share=formula, has_legend=header.legend is not None,
                                  given=given, labels=header.labels)
        sorter = _sorter(mapping, header, raw, rows)
        people = [k for k in rows if sorter.kind(k, data[k]) is PERSON]
        if people == rows:
            break
        rows = people
    notes = []
    name_j = next((j for j, n in enumerate(header.names) if mapping.target_of(n) == "name"), None)
    plan_last_first = False
    if name_j is not None:
        names = [data[k][name_j] for k in rows if name_j < len(data[k]) and not is_blank(data[k][name_j])]
        plan_last_first = bool(names) and sum(map(is_last_first, names)) >= 0.6 * len(names)
        if plan_last_first:
            notes.append(f"names in '{header.names[name_j]}' are written 'Last, First'; shown as 'First Last', "
                         "the name as written kept with each person")
    return _Decision(mapping=mapping, sorter=sorter, notes=notes, last_first=plan_last_first)


def _formula_share(scan: FormulaScan, raw: RawSheet, header: HeaderInfo, rows: list[int],
                   columns: list[list]) -> list[float]:
    if not scan.by_column:
        return []
    absolute = {raw.first_row + header.data_start + k for k in rows}
    out = []
    for j, column in enumerate(columns):
        filled = sum(1 for v in column if not is_blank(v)) or 1
        out.append(len(scan.by_column.get(raw.first_col + j, set()) & absolute) / filled)
    return out


def inspect_file(path: str | Path, *, catalogue: SkillCatalogue, sheet: str | None = None,
                 header_row: int | None = None, options: ImportOptions | None = None) -> FileInfo:
    """Format, sheets, suggested sheet and header row, columns, a preview and the mapping suggestion (for a wizard)."""
    options = options or ImportOptions()
    path = Path(path)
    book, raw = _open(path, catalogue, sheet, options, nrows=2000)
    header = _header(raw, catalogue, header_row, path.name)
    merged = spread_merged_down(raw, header.data_start, header.names)
    decision = _decide(raw, header, scan_formulas(book, raw.name), catalogue=catalogue, options=options, given=None)
    mapping = decision.mapping
    if header.legend is not None:
        mapping = mapping.model_copy(update={"scale": None})
    preview = [[as_text(c) for c in row] for row in raw.rows[header.data_start:header.data_start + PREVIEW_ROWS]]
    notes = [*book.notes, *merged, *header.notes, *decision.notes]
    if header_row is None and data_like(raw.rows[header.index]):
        notes.insert(0, _no_header(raw))
    if header.legend is not None:
        notes.append(f"level scale {header.legend.describe()}")
    return FileInfo(file=path.name, format=book.format, sheets=book.sheet_names, sheet=raw.name,
                    header_row=raw.row_number(header.second_index if header.second_index is not None else header.index),
                    header_rows=2 if header.second_index is not None else 1, columns=header.names, preview=preview,
                    mapping=mapping, layout=detect_layout(mapping), warnings=notes,
                    legend_scale=header.legend.scale if header.legend else None)


def _no_header(raw: RawSheet) -> str:
    first = next((r for r in raw.rows if any(not is_blank(c) for c in r)), [])
    shown = ", ".join(repr(as_text(c)) for c in first if not is_blank(c))
    return (f"no header row found: the top rows hold data, not column names (row {raw.row_number(raw.rows.index(first))}"
            f": {shown[:80]}{' …' if len(shown) > 80 else ''}); add a row naming the columns at the top, or give the "
            "header's row with --header-row")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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

    `mapping` is the user's decision for every column it names; the other columns are decided here. A column that
    cannot be decided raises UnsureColumnsError (exit 1) carrying the suggested mapping to edit. Also raises
    UnreadableFileError (exit 2), NotImportableError (exit 1), UsageError, or ImportCancelled.
    """
    options = options or ImportOptions()
    path = Path(path)
    if progress:
        progress(0.0, "reading the file")
    book, raw = _open(path, catalogue, sheet, options)
    try:
        return _import(path, book, raw, catalogue=catalogue, header_row=header_row, given=mapping,
                       options=options, progress=progress, cancel=cancel)
    finally:
        # the sheet's cells (2.5 million objects for 100,000 rows) freed 2,048 rows at a time: dropped whole they are
        # one deallocation in C that holds the GIL 50-100 ms while a window waits for it; a slice takes ~1 ms
        rows = raw.rows
        while rows:
            del rows[-2048:]


def _import(path: Path, book: Workbook, raw: RawSheet, *, catalogue: SkillCatalogue, header_row: int | None,
            given: ColumnMapping | None, options: ImportOptions, progress: Progress | None,
            cancel: Cancel | None) -> ImportResult:
    file_name = path.name
    header = _header(raw, catalogue, header_row, file_name)
    if header_row is None and data_like(raw.rows[header.index]):
        raise NotImportableError(_no_header(raw), file=file_name, sheet=raw.name)
    if cancel is not None and cancel():
        raise ImportCancelled("import cancelled", file=file_name)
    if progress:
        progress(0.1, "deciding the columns")
    merged = spread_merged_down(raw, header.data_start, header.names)
    issues = [RowIssue(sheet=raw.name, reason=n, severity=Severity.WARNING) for n in [*book.notes, *merged]]
    names = header.names
    if given is not None:
        given = given.decided()
        issues += [RowIssue(sheet=raw.name, column=name, reason="the mapping names this column but the file does "
                            "not have it", severity=Severity.WARNING) for name in given.columns if name not in names]
    scan = scan_formulas(book, raw.name)
    decision = _decide(raw, header, scan, catalogue=catalogue, options=options, given=given)
    mapping = decision.mapping
    header_at = raw.row_number(header.second_index if header.second_index is not None else header.index)
    if mapping.unsure():
        rows = raw.rows[header.data_start:header.data_start + 5000]  # bookings are said before their columns asked
        refuse_bookings(mapping, header.names, rows, [k for k, r in enumerate(rows) if decision.sorter.kind(k, r) is
                                                      PERSON], first_row=raw.first_row + header.data_start,
                        date1904=raw.date1904, file=file_name, sheet=raw.name)
        raise UnsureColumnsError(mapping=mapping, file=file_name, sheet=raw.name, header_row=header_at,
                                 notes=decision.notes)
    targets = {t.target for t in mapping.columns.values()}
    if not targets & {"name", "first_name", "last_name", "id"}:
        raise MappingNeeded(f"no name column found in the header on row {header_at} (columns: "
                            f"{', '.join(names[:8])}{' …' if len(names) > 8 else ''}), and no employee id to show "
                            "people by; pick the header row or map a column to 'name' with --mapping",
                            mapping=mapping, file=file_name, sheet=raw.name)
    data = raw.rows[header.data_start:]
    if not any(any(c is not None and str(c).strip() for c in row) for row in data):
        blank = len(data)
        raise NotImportableError("the sheet has a header but no data rows"
                                 + (f" (only {blank} blank row{'s' if blank > 1 else ''} below it)" if blank else ""),
                                 file=file_name, sheet=raw.name)
    layout = mapping.layout or detect_layout(mapping)
    mapping = _within_layout(mapping, layout)
    kinds = [decision.sorter.kind(k, row) for k, row in enumerate(data)]
    if layout == "list" and (pairs := pairs_of(names, [mapping.target_of(n) for n in names])):
        join_pairs(data, pairs)  # 'Skill 1' + 'Level 1' → 'Python (Expert)', read like a skill list
    skills = SkillNames(catalogue, threshold=options.skill_match_threshold)
    matrix, shared = matrix_columns(mapping, names, header.categories, skills, labels=header.labels)
    cells = CellReader(options=options, decimal_comma=raw.decimal_comma, date1904=raw.date1904,
                       binary_level=mapping.binary_level)
    legend = header.legend
    person_rows = [k for k, kind in enumerate(kinds) if kind is PERSON]
    if layout != "long":
        refuse_bookings(mapping, names, data, person_rows, first_row=raw.first_row + header.data_start,
                        date1904=raw.date1904, file=file_name, sheet=raw.name)
    scale_notes = shared + read_scale(cells, mapping, legend=(legend.scale, legend.describe()) if legend else None,
                                      names=names, categories=header.categories, above=raw.rows[:header.index],
                                      layout=layout, matrix=matrix, data=data, person_rows=person_rows)
    if cells.scale_question:
        raise UnsureScaleError(mapping=_scale_asked(mapping, cells.scale_question, cells.scale or "1-5"),
                               file=file_name, sheet=raw.name, header_row=header_at, question=cells.scale_question,
                               notes=decision.notes)
    plan = ColumnPlan.of(mapping, names, matrix)
    plan.last_first = decision.last_first
    at = plan.get
    cells.file_date_order = detect_date_order([r[j] for j in (at("start_date"), at("leaving_date"), at(
        "initiative_start"), at("initiative_end")) if j is not None for r in data[:5000]])
    checker = RowChecker(
        plan=plan, cells=cells, skills=skills, options=options, sheet=raw.name, file_name=file_name,
        first_row=raw.first_row + header.data_start, layout=layout, repeated=bool(mapping.repeated_rows),
        start_dates=tuple(r[at("start_date")] for r in data[:5000]) if at("start_date") is not None else (),
        leaving_dates=tuple(r[at("leaving_date")] for r in data[:5000]) if at("leaving_date") is not None else (),
        commitment_dates=tuple(r[j] for j in (at("initiative_start"), at("initiative_end")) if j is not None
                               for r in data[:5000]),
        usual_week=usual_week(cells.converter("fte"), cells.converter(plan.hours), [
            (data[k][at("fte")], data[k][at("weekly_hours")]) for k in person_rows[:5000]])
        if at("fte") is not None and at("weekly_hours") is not None else None)
    people = _rows(checker, data, kinds, progress=progress, cancel=cancel, file_name=file_name)
    checker.finish()
    out = checker.out
    issues += sheet_notes(raw, header, mapping, scan, [*decision.notes, *scale_notes], out, options, people,
                          [s for s in book.sheet_names if s != raw.name])
    warnings = issues + out.warnings
    counts = out.counts
    counts.blank_rows = sum(1 for k in kinds if k.kind == "blank")
    counts.data_rows = len(kinds) - counts.blank_rows
    counts.imported, counts.rejected, counts.skipped = len(people), len(out.rejected), len(out.skipped)
    counts.warnings = len(warnings)
    found = sorted({s for p in people for s in p.skills})
    result = ImportResult(
        rejected=out.rejected, warnings=warnings, skipped=out.skipped, skills_found=found,
        new_skills=[s for sid, s in skills.new_skills.items() if sid in found], skill_matches=skills.matches,
        unmapped_columns=[n for n in names if mapping.target_of(n) == KEEP],
        ignored_columns={n: mapping.columns[n].reason or "" for n in names if mapping.target_of(n) == LEAVE_OUT},
        mapping=mapping.model_copy(update={"layout": layout, "scale": cells.scale}),
        layout=layout, scale=cells.scale, format=book.format, sheet=raw.name, header_row=header_at,
        counts=counts, source_file=file_name, sha256=_sha256(path))
    result.people = people  # checked row by row already; not validated a second time
    log.info("imported %d people, %d rejected, %d warnings", counts.imported, counts.rejected, counts.warnings)
    if progress:
        progress(1.0, "done")
    return result


def _scale_asked(mapping: ColumnMapping, question: str, suggestion: str) -> ColumnMapping:
    """The mapping to edit when the levels do not settle the scale: the first level column asked (the question
    covers them all), the 5-topped reading written in as the suggestion (the question names the other answer)."""
    first = next(n for n, t in mapping.columns.items() if t.target in ("skill", "skill_level", "skills_list"))
    asked = mapping.columns[first].model_copy(update={"confidence": 0.6, "reason": question, "candidates": []})
    return mapping.model_copy(update={"scale": suggestion, "columns": {**mapping.columns, first: asked}})


_LAYOUT_TARGETS = {"matrix": {"skill"}, "list": {"skills_list", "list_level"}, "long": {"skill_name", "skill_level"}, "none": set()}


def _within_layout(mapping: ColumnMapping, layout: str) -> ColumnMapping:
    """Skill columns of another layout than the one chosen are kept as extra fields (nothing is lost)."""
    other = set().union(*_LAYOUT_TARGETS.values()) - _LAYOUT_TARGETS.get(layout, set())
    if not any(t.target in other for t in mapping.columns.values()):
        return mapping
    columns = {name: (ColumnTarget(target=KEEP, reason=f"the skills layout chosen is '{layout}'; kept as an extra "
                                                       "field") if t.target in other else t)
               for name, t in mapping.columns.items()}
    return mapping.model_copy(update={"columns": columns})


def _rows(checker: RowChecker, data: list[list], kinds: list[RowKind], *, progress: Progress | None,
          cancel: Cancel | None, file_name: str) -> list:
    """Every data row once, in order: a person, a rejection, a skip or a blank row."""
    people = []
    total = max(len(data), 1)
    for k, (row, kind) in enumerate(zip(data, kinds, strict=True)):
        if k % TICK_ROWS == 0:
            if cancel is not None and cancel():
                raise ImportCancelled("import cancelled", file=file_name)
            if progress is not None:
                progress(0.2 + 0.75 * k / total, f"row {k:,} of {total:,}")
        if kind.kind == "person":
            person = checker.person(k, row)
            if person is not None:
                people.append(person)
        elif kind.kind == "skipped":
            checker.skip(k, kind.reason)
    return people
