"""Turn the data rows of a sheet into people: every row ends imported, rejected or skipped, with a reason."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter

from app.domain.people import FTE_HARD_LIMIT, Commitment, CommitmentStatus, Evidence, Person, SourceRef
from app.roster_import import fast
from app.roster_import.cells import CellReader
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
from app.roster_import.readers import RawSheet
from app.roster_import.skill_names import SkillNames

_TEXT_FIELDS = ("title", "organisation", "location", "cost_center", "manager", "email")
_FORMULA_START = ("=", "+", "@")
Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]


@dataclass
class RowOutcome:
    """People built from the rows and every issue met on the way."""

    people: list[Person] = field(default_factory=list)
    rejected: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    skipped: list[RowIssue] = field(default_factory=list)
    counts: ImportCounts = field(default_factory=ImportCounts)
    saw_blank_cell: bool = False


class _TextCache(dict):
    """Cell → stripped text or None, computed once per distinct value."""

    def __missing__(self, value: object) -> str | None:
        text = value.strip() if type(value) is str else as_text(value)
        self[value] = text or None
        return text or None


class RowBuilder:
    """Applies a column mapping to the data rows of one sheet."""

    def __init__(self, *, sheet: RawSheet, header: HeaderInfo, mapping: ColumnMapping, layout: str,
                 cells: CellReader, skills: SkillNames, options: ImportOptions, file_name: str,
                 columns: list[tuple] | None = None) -> None:
        self.sheet, self.header, self.mapping, self.layout = sheet, header, mapping, layout
        self.cells, self.skills, self.options, self.file_name = cells, skills, options, file_name
        self.index = {name: j for j, name in enumerate(header.names)}
        self.out = RowOutcome()
        self.columns = columns  # the data rows transposed, when the caller already has them
        self.unrated = 0
        self._share = cells.converter("fte")

    def _col(self, target: str) -> int | None:
        for name in self.mapping.columns_for(target):
            if name in self.index:
                return self.index[name]
        return None

    def _issue(self, row: int, column: str | None, value: object, reason: str, severity: Severity) -> RowIssue:
        text = None if value is None else as_text(value)[:200]
        issue = RowIssue(sheet=self.sheet.name, row=row, column=column, value=text, reason=reason, severity=severity)
        {Severity.ERROR: self.out.rejected, Severity.WARNING: self.out.warnings,
         Severity.SKIPPED: self.out.skipped}[severity].append(issue)
        return issue

    def build(self, *, progress: Progress | None, cancel: Cancel | None) -> RowOutcome:
        """Walks the data rows once; the per-cell work is done by converters compiled once per column."""
        names = self.header.names
        width = len(names)
        col = self._col
        id_j, name_j, first_j, last_j = col("id"), col("name"), col("first_name"), col("last_name")
        if name_j is None and first_j is None and last_j is None:
            raise ValueError("no name column")
        text_cols = [(f, j) for f in _TEXT_FIELDS if (j := col(f)) is not None]
        fte_j, hours_j = col("fte"), col("weekly_hours")
        start_j = col("start_date")
        money_j = col("cost_rate")
        money_j = money_j if money_j is not None else col("salary")
        init_j, init_fte_j = col("initiative"), col("initiative_fte")
        status_j, avail_j = col("commitment_status"), col("available")
        evidence_j = col("evidence") if col("evidence") is not None else col("skill_evidence")
        used = {j for j in (id_j, name_j, first_j, last_j, fte_j, hours_j, start_j, money_j, init_j, init_fte_j,
                            status_j, avail_j, evidence_j) if j is not None} | {j for _, j in text_cols}
        matrix = self.cells.matrix_columns if self.layout == "matrix" else []
        list_cols = [self.index[n] for n in self.mapping.columns_for("skills_list") if n in self.index]
        long_name_j, long_level_j = col("skill_name"), col("skill_level")
        used |= {j for j, _ in matrix} | set(list_cols) | {j for j in (long_name_j, long_level_j) if j is not None}
        extra_cols = [(names[j], j) for j in range(width) if j not in used and
                      self.mapping.target_of(names[j]) != "ignore"]
        if id_j is None:
            self._issue(None, None, None, "no employee id column; the name is used as the id", Severity.WARNING)

        fte_conv = self.cells.converter("fte") if fte_j is not None else None
        hours_conv = self.cells.converter("weekly_hours") if hours_j is not None else None
        date_conv = self.cells.date_converter(self._column(start_j)) if start_j is not None else None
        money_conv = self.cells.converter("money") if money_j is not None else None
        bool_conv = self.cells.converter("available") if avail_j is not None else None
        status_conv = self.cells.converter("status") if status_j is not None else None
        level_cell = self.cells.level_cell
        seen: dict[str, tuple[int, Person]] = {}
        out = self.out
        rows = self.sheet.rows
        start, end = self.header.data_start, len(rows)
        total = max(end - start, 1)
        sheet_name, file_name = self.sheet.name, self.file_name
        first_row = self.sheet.first_row
        issue = self._issue
        step = 5000
        saw_blank, blank_rows, data_rows = False, 0, 0
        totals_match = TOTALS.match
        quick_level = self.cells.quick_levels().__getitem__
        shared_skills = len({sid for _, sid in matrix}) < len(matrix)
        base = {name: None for name in fast.PERSON_FIELD_ORDER}
        base.update(fte=1.0, available=True)
        people_append = out.people.append
        new, setattr_ = object.__new__, object.__setattr__
        # Column-wise work done once, in C loops: stripped text per text field, SkillLevel per matrix cell.
        data = rows[start:end]
        columns = self.columns if self.columns is not None else list(zip(*data, strict=False))
        text_fields = tuple(f for f, _ in text_cols)
        fte_vals = list(map(fte_conv, columns[fte_j])) if fte_conv is not None else []
        hours_vals = list(map(hours_conv, columns[hours_j])) if hours_conv is not None else []
        date_vals = list(map(date_conv, columns[start_j])) if date_conv is not None else []
        money_vals = list(map(money_conv, columns[money_j])) if money_conv is not None else []
        bool_vals = list(map(bool_conv, columns[avail_j])) if bool_conv is not None else []
        text_cache = _TextCache().__getitem__
        text_columns = [list(map(text_cache, columns[j])) for _, j in text_cols]
        text_rows = list(zip(*text_columns, strict=True)) if text_cols else []
        fast_levels, level_problem_rows, skill_ids = None, set(), tuple(sid for _, sid in matrix)
        if matrix and evidence_j is None and not shared_skills:
            cache = self.cells.quick_levels()
            hits = [list(map(cache.__getitem__, columns[j])) for j, _ in matrix]
            if any(problem for _, problem in cache.values()):
                level_problem_rows = {k for col_ in hits for k, hit in enumerate(col_) if hit[1]}
            first = itemgetter(0)
            fast_levels = list(zip(*(map(first, col_) for col_ in hits), strict=True))
        for i in range(start, end):
            if (i - start) % step == 0:
                if cancel is not None and cancel():
                    raise ImportCancelled("import cancelled", file=file_name)
                if progress is not None:
                    progress(0.2 + 0.75 * (i - start) / total, f"row {i - start:,} of {total:,}")
            row = rows[i]
            if len(row) < width:
                row = [*row, *([""] * (width - len(row)))]
            rn = first_row + i + 1
            if "" in row:
                saw_blank = True
                if row.count("") == width:
                    blank_rows += 1
                    continue
            data_rows += 1
            # --- identity
            if name_j is not None:
                raw_name = row[name_j]
                name = raw_name.strip() if type(raw_name) is str else as_text(raw_name)
            else:
                parts = [as_text(row[j]) for j in (first_j, last_j) if j is not None]
                name = " ".join(p for p in parts if p)
            name_col = names[name_j] if name_j is not None else names[first_j if first_j is not None else last_j]
            if not name or is_blank(name):
                if is_totals_row(row):
                    issue(rn, None, None, "looks like a totals/summary row; not imported", Severity.SKIPPED)
                else:
                    issue(rn, name_col, None, "missing name; row not imported", Severity.ERROR)
                continue
            if id_j is not None:
                raw_id = row[id_j]
                pid = raw_id.strip() if type(raw_id) is str else as_text(raw_id)
                if not pid:
                    issue(rn, names[id_j], None, "missing employee id; row not imported", Severity.ERROR)
                    continue
            else:
                pid = name
            if (totals_match(pid) or totals_match(name)) and is_totals_row(row):
                issue(rn, None, None, "looks like a totals/summary row; not imported", Severity.SKIPPED)
                continue
            if name[0] in _FORMULA_START:
                issue(rn, name_col, None, "name starts with a formula character; kept as text", Severity.WARNING)
            prior = seen.get(pid)
            if prior is not None and self.layout != "long":
                issue(rn, names[id_j] if id_j is not None else name_col, pid,
                      f"duplicate employee id; first seen on row {prior[0]}; row not imported", Severity.ERROR)
                continue
            extra: dict[str, str] = {}
            # --- capacity
            fte = None
            k = i - start
            if fte_conv is not None:
                fte, problem = fte_vals[k]
                if problem:
                    issue(rn, names[fte_j], row[fte_j], f"{problem}; row not imported", Severity.ERROR)
                    continue
            if fte is None and hours_conv is not None:
                fte, problem = hours_vals[k]
                if problem:
                    issue(rn, names[hours_j], row[hours_j], f"{problem}; row not imported", Severity.ERROR)
                    continue
            if fte is None:
                fte = 1.0
            elif fte > 1.0:
                fcol = fte_j if fte_j is not None else hours_j
                issue(rn, names[fcol], row[fcol], f"FTE {fte:.0%} is over 100 %; imported as is, please check",
                      Severity.WARNING)
            values = base.copy()
            values["id"] = pid
            values["name"] = name
            if text_fields:
                values.update(zip(text_fields, text_rows[i - start], strict=True))
            values["fte"] = fte
            if date_conv is not None and row[start_j] != "":
                when, problem, warning = date_vals[k]
                if problem:
                    issue(rn, names[start_j], row[start_j], f"{problem}; left empty, value kept", Severity.WARNING)
                    extra[names[start_j]] = as_text(row[start_j])
                elif warning:
                    issue(rn, names[start_j], row[start_j], warning, Severity.WARNING)
                values["start_date"] = when
            if money_conv is not None:
                amount, problem = money_vals[k]
                if problem:
                    issue(rn, names[money_j], None, f"{problem}; left empty, value kept", Severity.WARNING)
                    extra[names[money_j]] = as_text(row[money_j])
                values["cost_rate"] = amount
            if bool_conv is not None:
                available, problem = bool_vals[k]
                if problem:
                    issue(rn, names[avail_j], row[avail_j], f"{problem}; treated as available", Severity.WARNING)
                if available is not None:
                    values["available"] = available
            # --- skills
            skills: dict = {}
            evidence = self.cells.evidence(row[evidence_j]) if evidence_j is not None else Evidence.UNKNOWN
            if fast_levels is not None and (i - start) not in level_problem_rows:
                row_levels = fast_levels[i - start]
                skills = dict(compress(zip(skill_ids, row_levels, strict=True), row_levels))
            else:
                for j, skill_id in matrix:
                    v = row[j]
                    if v == "":
                        continue
                    hit = quick_level(v) if evidence_j is None else None
                    level, problem = hit if hit is not None else level_cell(v, evidence)
                    if problem:
                        issue(rn, names[j], v, f"{problem}; skill left out, value kept", Severity.WARNING)
                        extra[names[j]] = as_text(v)
                    elif level is not None:
                        if shared_skills:
                            old = skills.get(skill_id)
                            if old is not None and old.level >= level.level:
                                continue
                        skills[skill_id] = level
            for j in list_cols:
                if not is_blank(row[j]):
                    self._list_cell(row[j], evidence, skills, rn, names[j])
            if long_name_j is not None and not is_blank(row[long_name_j]):
                self._long_cell(row, long_name_j, long_level_j, evidence, skills, rn)
            # --- current assignment
            commitments = []
            if init_j is not None and row[init_j] != "" and not is_blank(row[init_j]):
                commitment = self._commitment(row, rn, init_j, init_fte_j, status_j, status_conv, fte)
                if commitment is not None:
                    commitments.append(commitment)
            for cname, j in extra_cols:
                v = row[j]
                if v != "" and v is not None:
                    extra[cname] = v.strip() if type(v) is str else as_text(v)
            if prior is not None:  # long layout: more skills for someone already seen
                self._merge(prior, name, skills, rn, names[id_j] if id_j is not None else name_col)
                continue
            values["skills"] = skills
            values["commitments"] = commitments
            values["extra"] = extra
            src = new(SourceRef)
            setattr_(src, "__dict__", {"file": file_name, "sheet": sheet_name, "row": rn})
            setattr_(src, "__pydantic_fields_set__", {"file", "sheet", "row"})
            setattr_(src, "__pydantic_extra__", None)
            setattr_(src, "__pydantic_private__", None)
            values["source"] = src
            p = new(Person)
            setattr_(p, "__dict__", values)
            setattr_(p, "__pydantic_fields_set__", set(values))
            setattr_(p, "__pydantic_extra__", None)
            setattr_(p, "__pydantic_private__", None)
            seen[pid] = (rn, p)
            people_append(p)
        if self.unrated:
            level = self.options.unrated_list_level
            issue(None, None, None, f"{self.unrated} skill(s) were listed without a level and recorded at level "
                  f"{level}; write a level next to each skill to be precise", Severity.WARNING)
        out.saw_blank_cell = saw_blank
        out.counts.blank_rows = blank_rows
        out.counts.data_rows = data_rows
        out.counts.imported = len(out.people)
        out.counts.rejected = len(out.rejected)
        out.counts.skipped = len(out.skipped)
        return out

    def _column(self, j: int) -> list:
        return [r[j] for r in self.sheet.rows[self.header.data_start:] if len(r) > j]

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
        for skill_id, level in skills.items():
            old = person.skills.get(skill_id)
            if old is not None and old.level != level.level:
                self._issue(rn, None, None, f"skill '{skill_id}' rated twice for this person (row {first_row} too);"
                            " the higher level is kept", Severity.WARNING)
                if old.level >= level.level:
                    continue
            person.skills[skill_id] = level
