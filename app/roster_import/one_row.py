"""The row-by-row path: one data row the column-wise path did not take, to a Person with every message it needs.

RowBuilder (rows.py) mixes this in; the steps run in the order the messages are written, so a row's messages read
identity → capacity → details → skills → assignment, as they always have.
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import compress
from types import SimpleNamespace
from typing import TYPE_CHECKING

from app.domain.people import FTE_HARD_LIMIT, Commitment, CommitmentStatus, Evidence, Person
from app.roster_import import fast
from app.roster_import.cells import CellReader
from app.roster_import.headers import TOTALS, HeaderInfo, is_totals_row
from app.roster_import.models import RowIssue, Severity
from app.roster_import.normalise import as_text, is_blank
from app.roster_import.readers import RawSheet
from app.roster_import.skill_names import SkillNames

if TYPE_CHECKING:
    from app.roster_import.rows import RowOutcome

_FORMULA_START = ("=", "+", "@")


class RowByRow:
    """Turns single rows into people; expects the attributes RowBuilder sets (sheet, header, cells, _c …)."""

    sheet: RawSheet
    header: HeaderInfo
    layout: str
    cells: CellReader
    skills: SkillNames
    file_name: str
    unrated: int
    out: RowOutcome
    _c: SimpleNamespace
    _share: Callable[[object], tuple[object, str | None]]
    _issue: Callable[[int | None, str | None, object, str, Severity], RowIssue]  # RowBuilder records issues

    def _row(self, i: int) -> Person | None:
        """One data row: the Person, or None (blank, rejected, skipped, or merged into an earlier person)."""
        c = self._c
        row = self.sheet.rows[i]
        if len(row) < c.width:
            row = [*row, *([""] * (c.width - len(row)))]
        if "" in row and row.count("") == c.width:
            return None  # a blank row (counted)
        rn = self.sheet.first_row + i + 1
        identity = self._identity(row, rn)
        if identity is None:
            return None
        pid, name, id_col, prior = identity
        k = i - self.header.data_start
        fte = self._capacity(row, rn, k)
        if fte is None:
            return None
        extra: dict[str, str] = {}
        values = c.base.copy()
        values["id"] = pid
        values["name"] = name
        for field_name, texts in zip(c.text_fields, c.text_columns, strict=True):
            values[field_name] = texts[k]
        values["fte"] = fte
        self._details(row, rn, k, values, extra)
        skills = self._row_skills(row, rn, k, extra)
        commitments = self._assignment(row, rn, fte)
        for cname, j in c.extra_cols:
            v = row[j]
            if v != "" and v is not None:
                extra[cname] = v.strip() if type(v) is str else as_text(v)
        if prior is not None:  # long layout: more skills for someone already seen
            self._merge(prior, name, skills, rn, id_col)
            return None
        values["skills"] = skills
        values["commitments"] = commitments
        values["extra"] = extra
        values["source"] = fast.source_ref(self.file_name, self.sheet.name, rn)
        p = fast.checked(Person, values, values.keys())
        c.seen[pid] = (rn, p)
        return p

    def _identity(self, row: list, rn: int) -> tuple[str, str, str, tuple[int, Person] | None] | None:
        """(id, name, id column, earlier row with this id) or None when the row is rejected or skipped."""
        c, issue = self._c, self._issue
        names, name_j, id_j = c.names, c.name_j, c.id_j
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
        id_col = names[id_j] if id_j is not None else name_col
        prior = c.seen.get(pid)
        if prior is not None and self.layout != "long":
            issue(rn, id_col, pid, f"duplicate employee id; first seen on row {prior[0]}; row not imported",
                  Severity.ERROR)
            return None
        return pid, name, id_col, prior

    def _capacity(self, row: list, rn: int, k: int) -> float | None:
        """The person's FTE (from FTE or weekly hours; 1.0 when neither is given), or None when the row is rejected."""
        c, issue = self._c, self._issue
        names, fte_j, hours_j = c.names, c.fte_j, c.hours_j
        fte = None
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
            return 1.0
        if fte > 1.0:
            fcol = fte_j if fte_j is not None else hours_j
            issue(rn, names[fcol], row[fcol], f"FTE {fte:.0%} is over 100 %; imported as is, please check",
                  Severity.WARNING)
        return fte

    def _details(self, row: list, rn: int, k: int, values: dict, extra: dict[str, str]) -> None:
        """Start date, cost rate and availability into `values`; a value that does not convert is kept in `extra`."""
        c, issue = self._c, self._issue
        names, start_j = c.names, c.start_j
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

    def _row_skills(self, row: list, rn: int, k: int, extra: dict[str, str]) -> dict:
        """Skill id → level from the matrix columns, skill-list cells and the long layout's skill columns."""
        c = self._c
        names = c.names
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
                    self._issue(rn, names[j], v, f"{problem}; skill left out, value kept", Severity.WARNING)
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
        return skills

    def _assignment(self, row: list, rn: int, fte: float) -> list[Commitment]:
        """The row's current assignment to an initiative, when it names one."""
        c = self._c
        if c.init_j is not None and row[c.init_j] != "" and not is_blank(row[c.init_j]):
            commitment = self._commitment(row, rn, c.init_j, c.init_fte_j, c.status_j, c.status_conv, fte)
            if commitment is not None:
                return [commitment]
        return []

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
                                         "status": status, "role": None, "start": None, "end": None},
                            {"initiative", "fte", "status"})

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
