"""Turn the data rows of a sheet into people: every row ends imported, rejected or skipped, with a reason."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import countOf
from types import SimpleNamespace

from app.domain.people import FTE_HARD_LIMIT, Commitment, CommitmentStatus, Evidence, Person
from app.roster_import import fast
from app.roster_import.bulk import CleanRows, none_for_empty, stripped
from app.roster_import.cells import CellReader, ValueCache
from app.roster_import.headers import TOTALS, HeaderInfo, is_totals_row
from app.roster_import.models import (
    ColumnMapping,
    ImportCancelled,
    ImportCounts,
    ImportOptions,
    RowIssue,
    Severity,
)
from app.roster_import.normalise import as_text, is_blank
from app.roster_import.prebuild import Prebuilt
from app.roster_import.readers import RawSheet
from app.roster_import.skill_names import SkillNames

_TEXT_FIELDS = ("title", "organisation", "location", "cost_center", "manager", "email")
_FORMULA_START = ("=", "+", "@")
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


def _stripped(value: object) -> str | None:
    """Cell → stripped text, or None when empty."""
    return (value.strip() if type(value) is str else as_text(value)) or None


class RowBuilder:
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
        c.base.update(fte=1.0, available=True)
        c.columns = columns
        c.text_fields = tuple(f for f, _ in c.text_cols)
        c.fte_vals = list(map(c.fte_conv, columns[c.fte_j])) if c.fte_conv is not None else []
        c.hours_vals = list(map(c.hours_conv, columns[c.hours_j])) if c.hours_conv is not None else []
        c.date_vals = list(map(c.date_conv, columns[c.start_j])) if c.date_conv is not None else []
        c.money_vals = list(map(c.money_conv, columns[c.money_j])) if c.money_conv is not None else []
        c.bool_vals = list(map(c.bool_conv, columns[c.avail_j])) if c.bool_conv is not None else []
        text_cache = ValueCache(_stripped).__getitem__
        c.text_columns = [none_for_empty(texts) if (texts := stripped(columns[j])) is not None else
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
            c.fast_levels = list(zip(*(map(levels.__getitem__, columns[j]) for j, _ in c.matrix), strict=True))
        c.seen = {}
        return c

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
        blanks = list(map(countOf, data, repeat("")))
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

    def _row(self, i: int) -> Person | None:
        """One data row the column-wise path did not take: the Person, or None (rejected, skipped, merged)."""
        c = self._c
        names, width = c.names, c.width
        issue = self._issue
        name_j, id_j, fte_j, hours_j, start_j = c.name_j, c.id_j, c.fte_j, c.hours_j, c.start_j
        row = self.sheet.rows[i]
        if len(row) < width:
            row = [*row, *([""] * (width - len(row)))]
        rn = self.sheet.first_row + i + 1
        if "" in row and row.count("") == width:
            return None  # a blank row (counted)
        # --- identity
        if name_j is not None:
            raw_name = row[name_j]
            name = raw_name.strip() if type(raw_name) is str else as_text(raw_name)
        else:
            parts = [as_text(row[j]) for j in (c.first_j, c.last_j) if j is not None]
            name = " ".join(p for p in parts if p)
        name_col = names[name_j] if name_j is not None else names[c.first_j if c.first_j is not None else c.last_j]
        if not name or is_blank(name):
            if is_totals_row(row):
                issue(rn, None, None, "looks like a totals/summary row; not imported", Severity.SKIPPED)
            else:
                issue(rn, name_col, None, "missing name; row not imported", Severity.ERROR)
            return None
        if id_j is not None:
            raw_id = row[id_j]
            pid = raw_id.strip() if type(raw_id) is str else as_text(raw_id)
            if not pid:
                issue(rn, names[id_j], None, "missing employee id; row not imported", Severity.ERROR)
                return None
        else:
            pid = name
        if (TOTALS.match(pid) or TOTALS.match(name)) and is_totals_row(row):
            issue(rn, None, None, "looks like a totals/summary row; not imported", Severity.SKIPPED)
            return None
        if name[0] in _FORMULA_START:
            issue(rn, name_col, None, "name starts with a formula character; kept as text", Severity.WARNING)
        prior = c.seen.get(pid)
        if prior is not None and self.layout != "long":
            issue(rn, names[id_j] if id_j is not None else name_col, pid,
                  f"duplicate employee id; first seen on row {prior[0]}; row not imported", Severity.ERROR)
            return None
        extra: dict[str, str] = {}
        # --- capacity
        fte = None
        k = i - self.header.data_start
        if c.fte_conv is not None:
            fte, problem = c.fte_vals[k]
            if problem:
                issue(rn, names[fte_j], row[fte_j], f"{problem}; row not imported", Severity.ERROR)
                return None
        if fte is None and c.hours_conv is not None:
            fte, problem = c.hours_vals[k]
            if problem:
                issue(rn, names[hours_j], row[hours_j], f"{problem}; row not imported", Severity.ERROR)
                return None
        if fte is None:
            fte = 1.0
        elif fte > 1.0:
            fcol = fte_j if fte_j is not None else hours_j
            issue(rn, names[fcol], row[fcol], f"FTE {fte:.0%} is over 100 %; imported as is, please check",
                  Severity.WARNING)
        values = c.base.copy()
        values["id"] = pid
        values["name"] = name
        for field_name, texts in zip(c.text_fields, c.text_columns, strict=True):
            values[field_name] = texts[k]
        values["fte"] = fte
        if c.date_conv is not None and row[start_j] != "":
            when, problem, warning = c.date_vals[k]
            if problem:
                issue(rn, names[start_j], row[start_j], f"{problem}; left empty, value kept", Severity.WARNING)
                extra[names[start_j]] = as_text(row[start_j])
            elif warning:
                issue(rn, names[start_j], row[start_j], warning, Severity.WARNING)
            values["start_date"] = when
        if c.money_conv is not None:
            amount, problem = c.money_vals[k]
            if problem:
                issue(rn, names[c.money_j], None, f"{problem}; left empty, value kept", Severity.WARNING)
                extra[names[c.money_j]] = as_text(row[c.money_j])
            values["cost_rate"] = amount
        if c.bool_conv is not None:
            available, problem = c.bool_vals[k]
            if problem:
                issue(rn, names[c.avail_j], row[c.avail_j], f"{problem}; treated as available", Severity.WARNING)
            if available is not None:
                values["available"] = available
        # --- skills
        skills: dict = {}
        evidence = self.cells.evidence(row[c.evidence_j]) if c.evidence_j is not None else Evidence.UNKNOWN
        if c.fast_levels is not None and k not in c.level_problem_rows:
            row_levels = c.fast_levels[k]
            skills = dict(compress(zip(c.skill_ids, row_levels, strict=True), row_levels))
        else:
            quick_level = self.cells.quick_levels().__getitem__
            for j, skill_id in c.matrix:
                v = row[j]
                if v == "":
                    continue
                hit = quick_level(v) if c.evidence_j is None else None
                level, problem = hit if hit is not None else self.cells.level_cell(v, evidence)
                if problem:
                    issue(rn, names[j], v, f"{problem}; skill left out, value kept", Severity.WARNING)
                    extra[names[j]] = as_text(v)
                elif level is not None:
                    if c.shared_skills:
                        old = skills.get(skill_id)
                        if old is not None and old.level >= level.level:
                            continue
                    skills[skill_id] = level
        for j in c.list_cols:
            if not is_blank(row[j]):
                self._list_cell(row[j], evidence, skills, rn, names[j])
        if c.long_name_j is not None and not is_blank(row[c.long_name_j]):
            self._long_cell(row, c.long_name_j, c.long_level_j, evidence, skills, rn)
        # --- current assignment
        commitments = []
        if c.init_j is not None and row[c.init_j] != "" and not is_blank(row[c.init_j]):
            commitment = self._commitment(row, rn, c.init_j, c.init_fte_j, c.status_j, c.status_conv, fte)
            if commitment is not None:
                commitments.append(commitment)
        for cname, j in c.extra_cols:
            v = row[j]
            if v != "" and v is not None:
                extra[cname] = v.strip() if type(v) is str else as_text(v)
        if prior is not None:  # long layout: more skills for someone already seen
            self._merge(prior, name, skills, rn, names[id_j] if id_j is not None else name_col)
            return None
        values["skills"] = skills
        values["commitments"] = commitments
        values["extra"] = extra
        values["source"] = fast.source_ref(self.file_name, self.sheet.name, rn)
        p = fast.checked(Person, values, values.keys())
        c.seen[pid] = (rn, p)
        return p

    def _commitment(self, row: list, rn: int, init_j: int, fte_j: int | None, status_j: int | None,
                    status_conv, person_fte: float) -> Commitment | None:
        names = self.header.names
        initiative = as_text(row[init_j])
        share = person_fte
        converted, problem = self._share(row[fte_j]) if fte_j is not None else (None, None)
        if problem:
            self._issue(rn, names[fte_j], row[fte_j], f"{problem}; assignment to '{initiative}' not recorded",
                        Severity.WARNING)
            return None
        if converted is not None:
            share = converted
        else:
            self._issue(rn, names[init_j], None, f"no allocation given for '{initiative}'; assumed the person's "
                        f"full FTE ({person_fte:g})", Severity.WARNING)
        status = CommitmentStatus.CONFIRMED
        if status_j is not None:
            converted, problem = status_conv(row[status_j])
            if problem:
                self._issue(rn, names[status_j], row[status_j], f"{problem}; treated as confirmed", Severity.WARNING)
            elif converted is not None:
                status = converted
        if share > person_fte + 1e-9:
            self._issue(rn, names[fte_j] if fte_j is not None else names[init_j], row[fte_j] if fte_j is not None
                        else None, f"allocation {share:.0%} is more than the person's FTE {person_fte:.0%}",
                        Severity.WARNING)
        return fast.checked(Commitment, {"initiative": initiative, "fte": min(share, FTE_HARD_LIMIT),
                                         "status": status, "role": None}, {"initiative", "fte", "status"})

    def _list_cell(self, value: object, evidence: Evidence, skills: dict, rn: int, column: str) -> None:
        for skill_name, level_text, problem, level in self.cells.list_items(value, evidence):
            if problem:
                self._issue(rn, column, f"{skill_name} {level_text}", f"'{skill_name}': {problem}; skill left out",
                            Severity.WARNING)
                continue
            if not level_text:
                self.unrated += 1
            if level is not None:
                skills[self.skills.resolve(skill_name)] = level

    def _long_cell(self, row: list, name_j: int, level_j: int | None, evidence: Evidence, skills: dict,
                   rn: int) -> None:
        names = self.header.names
        skill_id = self.skills.resolve(as_text(row[name_j]))
        raw = row[level_j] if level_j is not None else ""
        if is_blank(raw):
            self._issue(rn, names[name_j], row[name_j], "skill listed without a level; left out", Severity.WARNING)
            return
        level, problem = self.cells.level_cell(raw, evidence)
        if problem:
            self._issue(rn, names[level_j], raw, f"{problem}; skill left out", Severity.WARNING)
        elif level is not None:
            skills[skill_id] = level

    def _merge(self, prior: tuple[int, Person], name: str, skills: dict, rn: int, column: str) -> None:
        first_row, person = prior
        if person.name != name:
            self._issue(rn, column, person.id, f"employee id also used on row {first_row} for a different name; "
                        "row not imported", Severity.ERROR)
            return
        self.out.merged += 1
        for skill_id, level in skills.items():
            old = person.skills.get(skill_id)
            if old is not None and old.level != level.level:
                self._issue(rn, None, None, f"skill '{skill_id}' rated twice for this person (row {first_row} too);"
                            " the higher level is kept", Severity.WARNING)
                if old.level >= level.level:
                    continue
            person.skills[skill_id] = level
