"""Turn the data rows of a sheet into people: every row ends imported, rejected or skipped, with a reason."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import compress, repeat
from operator import countOf
from types import SimpleNamespace

from app.domain.people import Person
from app.roster_import import fast
from app.roster_import.bulk import CleanRows, clean_rows_jobs, none_for_empty
from app.roster_import.cells import CellReader, ValueCache
from app.roster_import.columns import Job, map_columns
from app.roster_import.headers import HeaderInfo
from app.roster_import.models import (
    ColumnMapping,
    ImportCancelled,
    ImportCounts,
    ImportOptions,
    RowIssue,
    Severity,
)
from app.roster_import.normalise import as_text
from app.roster_import.one_row import RowByRow
from app.roster_import.prebuild import Prebuilt
from app.roster_import.readers import RawSheet
from app.roster_import.skill_names import SkillNames

_TEXT_FIELDS = ("title", "organisation", "location", "cost_center", "manager", "email")
_ISSUE_FIELDS = frozenset(RowIssue.model_fields)
Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]


@dataclass
class RowOutcome:
    """People built from the rows and every issue met on the way."""

    people: list[Person] = field(default_factory=list)
    rejected: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    skipped: list[RowIssue] = field(default_factory=list)
    merged: int = 0
    counts: ImportCounts = field(default_factory=ImportCounts)
    saw_blank_cell: bool = False


def _result(c: SimpleNamespace, name: str, j: int | None, conv: Callable | None) -> list:
    """A converter's results over column j, from the blocked pass (or value by value if it had to stop)."""
    if conv is None:
        return []
    done = c.mapped[name]
    return done if done is not None else list(map(conv, c.columns[j]))


def _stripped(value: object) -> str | None:
    """Cell → stripped text, or None when empty."""
    return (value.strip() if type(value) is str else as_text(value)) or None


class RowBuilder(RowByRow):
    """Applies a column mapping to the data rows of one sheet."""

    def __init__(self, *, sheet: RawSheet, header: HeaderInfo, mapping: ColumnMapping, layout: str,
                 cells: CellReader, skills: SkillNames, options: ImportOptions, file_name: str,
                 columns: list[tuple] | None = None, prebuilt: Prebuilt | None = None) -> None:
        self.sheet, self.header, self.mapping, self.layout = sheet, header, mapping, layout
        self.cells, self.skills, self.options, self.file_name = cells, skills, options, file_name
        self.index = {name: j for j, name in enumerate(header.names)}
        self.out = RowOutcome()
        self.columns = columns  # the data rows transposed, when the caller already has them
        self.prebuilt = prebuilt  # SourceRefs and Person shells made while the sheet was parsed
        self.unrated = 0
        self._share = cells.converter("fte")
        self._said: dict[tuple, tuple[str, str]] = {}
        self._lists = {Severity.ERROR: self.out.rejected, Severity.WARNING: self.out.warnings,
                       Severity.SKIPPED: self.out.skipped}

    def _col(self, target: str) -> int | None:
        for name in self.mapping.columns_for(target):
            if name in self.index:
                return self.index[name]
        return None

    def _issue(self, row: int, column: str | None, value: object, reason: str, severity: Severity) -> RowIssue:
        return self._record(row, column, None if value is None else as_text(value)[:200], reason, severity)

    def _record(self, row: int | None, column: str | None, text: str | None, reason: str,
                severity: Severity) -> RowIssue:
        issue = fast.checked(RowIssue, {"sheet": self.sheet.name, "row": row, "column": column, "value": text,
                                        "reason": reason, "severity": severity}, _ISSUE_FIELDS)
        self._lists[severity].append(issue)
        return issue

    def _prepare(self) -> SimpleNamespace:
        """Column positions, converters compiled once per column, and the column-wise conversions (C loops)."""
        names = self.header.names
        width = len(names)
        col = self._col
        c = SimpleNamespace(names=names, width=width)
        c.id_j, c.name_j, c.first_j, c.last_j = col("id"), col("name"), col("first_name"), col("last_name")
        if c.name_j is None and c.first_j is None and c.last_j is None:
            raise ValueError("no name column")
        c.text_cols = [(f, j) for f in _TEXT_FIELDS if (j := col(f)) is not None]
        c.fte_j, c.hours_j = col("fte"), col("weekly_hours")
        c.start_j = col("start_date")
        money_j = col("cost_rate")
        c.money_j = money_j if money_j is not None else col("salary")
        c.init_j, c.init_fte_j = col("initiative"), col("initiative_fte")
        c.status_j, c.avail_j = col("commitment_status"), col("available")
        c.evidence_j = col("evidence") if col("evidence") is not None else col("skill_evidence")
        used = {j for j in (c.id_j, c.name_j, c.first_j, c.last_j, c.fte_j, c.hours_j, c.start_j, c.money_j, c.init_j,
                            c.init_fte_j, c.status_j, c.avail_j, c.evidence_j) if j is not None}
        used |= {j for _, j in c.text_cols}
        c.matrix = self.cells.matrix_columns if self.layout == "matrix" else []
        c.list_cols = [self.index[n] for n in self.mapping.columns_for("skills_list") if n in self.index]
        c.long_name_j, c.long_level_j = col("skill_name"), col("skill_level")
        used |= {j for j, _ in c.matrix} | set(c.list_cols)
        used |= {j for j in (c.long_name_j, c.long_level_j) if j is not None}
        c.extra_cols = [(names[j], j) for j in range(width) if j not in used and
                        self.mapping.target_of(names[j]) != "ignore"]
        cells = self.cells
        c.fte_conv = cells.converter("fte") if c.fte_j is not None else None
        c.hours_conv = cells.converter("weekly_hours") if c.hours_j is not None else None
        rows = self.sheet.rows
        data = rows[self.header.data_start:]
        columns = self.columns if self.columns is not None else list(zip(*data, strict=False))
        c.date_conv = cells.date_converter(columns[c.start_j]) if c.start_j is not None else None
        c.money_conv = cells.converter("money") if c.money_j is not None else None
        c.bool_conv = cells.converter("available") if c.avail_j is not None else None
        c.status_conv = cells.converter("status") if c.status_j is not None else None
        c.shared_skills = len({sid for _, sid in c.matrix}) < len(c.matrix)
        c.base = {name: None for name in fast.PERSON_FIELD_ORDER}
        c.base.update(fte=1.0, available=True, absences=())
        c.columns = columns
        c.text_fields = tuple(f for f, _ in c.text_cols)
        c.mapped = map_columns(columns, self._jobs(c))
        c.fte_vals = _result(c, "fte", c.fte_j, c.fte_conv)
        c.hours_vals = _result(c, "hours", c.hours_j, c.hours_conv)
        c.date_vals = _result(c, "date", c.start_j, c.date_conv)
        c.money_vals = _result(c, "money", c.money_j, c.money_conv)
        c.bool_vals = _result(c, "available", c.avail_j, c.bool_conv)
        text_cache = ValueCache(_stripped).__getitem__
        c.text_columns = [none_for_empty(texts) if (texts := c.mapped[f"text:{j}"]) is not None else
                          list(map(text_cache, columns[j])) for _, j in c.text_cols]
        c.fast_levels, c.level_problem_rows, c.skill_ids = None, set(), tuple(sid for _, sid in c.matrix)
        if c.matrix and c.evidence_j is None and not c.shared_skills:
            # Convert each distinct value once, then look cells up in a plain value → SkillLevel dict (C loops).
            cache = cells.quick_levels()
            distinct = cells.matrix_values
            if distinct is None:
                distinct = set().union(*(columns[j] for j, _ in c.matrix))
            distinct.add("")
            for value in distinct - cache.keys():
                cache[value]  # noqa: B018 - fills the cache
            levels = {value: level for value, (level, _) in cache.items()}
            problems = {value for value, (_, problem) in cache.items() if problem}
            n = len(columns[0]) if columns else 0
            for j, _ in c.matrix:
                if problems and not problems.isdisjoint(columns[j]):
                    c.level_problem_rows.update(compress(range(n), map(problems.__contains__, columns[j])))
            c.fast_levels = []
            for part in fast.slices(n):  # a slice at a time, so the GIL can change hands (fast.SLICE)
                a, b = part.start, part.stop
                c.fast_levels += zip(*(map(levels.__getitem__, columns[j][a:b]) for j, _ in c.matrix), strict=True)
        c.seen = {}
        return c

    def release(self) -> None:
        """Drops the per-column work once `build` is done, a slice at a time (fast.drop)."""
        c = getattr(self, "_c", None)
        if c is not None:
            held = [*vars(c).values(), *getattr(c, "mapped", {}).values()]
            fast.drop(*(v for v in held if isinstance(v, (list, dict)) and len(v) > 1000), vars(c))

    def _jobs(self, c: SimpleNamespace) -> dict[str, Job]:
        """Every whole-column conversion the column-wise path needs, for one blocked pass (columns.map_columns)."""
        jobs: dict[str, Job] = {}
        for name, j, conv in (("fte", c.fte_j, c.fte_conv), ("hours", c.hours_j, c.hours_conv),
                              ("date", c.start_j, c.date_conv), ("money", c.money_j, c.money_conv),
                              ("available", c.avail_j, c.bool_conv)):
            if conv is not None:
                jobs[name] = (j, partial(map, conv))
        for _, j in c.text_cols:
            jobs[f"text:{j}"] = (j, partial(map, str.strip))
        jobs.update(clean_rows_jobs(self, c))
        return jobs

    def build(self, *, progress: Progress | None, cancel: Cancel | None) -> RowOutcome:
        """Every data row once: clean rows are checked and built column-wise, the rest one by one, in row order."""
        c = self._c = self._prepare()
        if c.id_j is None:
            self._issue(None, None, None, "no employee id column; the name is used as the id", Severity.WARNING)
        out = self.out
        bulk_rows = CleanRows.find(self, c) if self.layout in ("matrix", "none") else None
        if bulk_rows is not None and bulk_rows.unique:
            out.people = self._build_unique(bulk_rows, progress=progress, cancel=cancel)
        else:
            out.people = self._build_in_order(bulk_rows, progress=progress, cancel=cancel)
        if self.unrated:
            level = self.options.unrated_list_level
            self._issue(None, None, None, f"{self.unrated} skill(s) were listed without a level and recorded at level "
                        f"{level}; write a level next to each skill to be precise", Severity.WARNING)
        data = self.sheet.rows[self.header.data_start:]
        blanks: list[int] = []
        for part in fast.slices(len(data)):
            blanks += map(countOf, data[part.start:part.stop], repeat(""))
        if set(map(len, data)) - {c.width}:  # ragged rows: missing cells are blank too
            blanks = [count + c.width - len(r) for r, count in zip(data, blanks, strict=True)]
        out.saw_blank_cell = any(blanks)
        out.counts.blank_rows = blanks.count(c.width)
        out.counts.data_rows = len(blanks) - out.counts.blank_rows
        out.counts.imported = len(out.people)
        out.counts.merged = out.merged
        out.counts.rejected = len(out.rejected)
        out.counts.skipped = len(out.skipped)
        return out

    def _build_in_order(self, bulk_rows: CleanRows | None, *, progress: Progress | None,
                        cancel: Cancel | None) -> list[Person]:
        """Rows in sheet order, so the first of two rows with one id wins; clean rows are still built in bulk."""
        start, end = self.header.data_start, len(self.sheet.rows)
        total = max(end - start, 1)
        first_row = self.sheet.first_row
        clean = bulk_rows.clean if bulk_rows is not None else None
        ids = bulk_rows.ids if bulk_rows is not None else None
        seen = self._c.seen
        slow_row = self._row
        slots: list = []  # a Person (built row by row) or the row offset of a clean row (built in bulk below)
        accepted: list[int] = []
        for i in range(start, end):
            k = i - start
            if k % 5000 == 0:
                self._tick(progress, cancel, 0.2 + 0.75 * k / total, f"row {k:,} of {total:,}")
            if clean is not None and clean[k]:
                pid = ids[k]
                if pid not in seen:
                    seen[pid] = (first_row + i + 1, None)
                    slots.append(k)
                    accepted.append(k)
                    continue
            person = slow_row(i)
            if person is not None:
                slots.append(person)
        if not accepted:
            return slots
        built = iter(bulk_rows.people(accepted))
        return [next(built) if type(s) is int else s for s in slots]

    def _build_unique(self, bulk_rows: CleanRows, *, progress: Progress | None,
                      cancel: Cancel | None) -> list[Person]:
        """No id repeats, so no row can be a duplicate: the other rows first, then the clean ones in bulk."""
        start = self.header.data_start
        clean = bulk_rows.clean
        others = [k for k, ok in enumerate(clean) if not ok]
        over = bulk_rows.over_allocated
        built: dict[int, Person] = {}
        for done, k in enumerate(sorted(over.union(others)) if over else others):
            if done % 5000 == 0:
                self._tick(progress, cancel, 0.2 + 0.5 * done / max(len(others) + len(over), 1),
                           f"checking row {done:,}")
            if k in over and clean[k]:
                self._over_allocated(bulk_rows, k)
                continue
            person = self._row(start + k)
            if person is not None:
                built[k] = person
        self._tick(progress, cancel, 0.7, f"building {len(clean) - len(others):,} people")
        made = bulk_rows.people([k for k, ok in enumerate(clean) if ok])
        if not built:
            return made
        rest = iter(made)
        return [next(rest) if ok else built[k] for k, ok in enumerate(clean) if ok or k in built]

    def _over_allocated(self, bulk_rows: CleanRows, k: int) -> None:
        c = self._c
        i = self.header.data_start + k
        raw = self.sheet.rows[i][c.init_fte_j]
        key = (raw, bulk_rows.commitments[1][k], bulk_rows.fte[k])
        said = self._said.get(key)  # the same few (cell, share, FTE) triples repeat across thousands of rows
        if said is None:
            said = self._said[key] = (as_text(raw)[:200], f"allocation {key[1]:.0%} is more than the person's FTE "
                                                          f"{key[2]:.0%}")
        self._record(self.sheet.first_row + i + 1, c.names[c.init_fte_j], *said, Severity.WARNING)

    def _tick(self, progress: Progress | None, cancel: Cancel | None, fraction: float, message: str) -> None:
        if cancel is not None and cancel():
            raise ImportCancelled("import cancelled", file=self.file_name)
        if progress is not None:
            progress(fraction, message)
