"""Check one data row and make its Person: every value converted, every problem a message naming row and column.

A row's messages read identity → capacity → details → skills → assignment. A rejected row gets one message that
says why; an imported row may carry warnings; nothing a row holds is lost (unused values stay in `extra`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pydantic import ValidationError

from app.domain.people import Evidence, Person
from app.roster_import.assignment_rows import AssignmentRows, peak_load
from app.roster_import.cell_values import as_text, display_name, integral_text, is_blank
from app.roster_import.converters import CellReader, ValueCache
from app.roster_import.models import ColumnPlan, ImportCounts, ImportOptions, RowIssue, Severity
from app.roster_import.read_skills import SkillNames
from app.roster_import.working_time import hours_disagree

_FORMULA_START = ("=", "+", "@")
_TEXT_FIELDS = ("title", "organisation", "location", "cost_center", "manager", "email")
_PERSON_FIELDS = (*_TEXT_FIELDS, "fte", "start_date", "leaving_date", "cost_rate", "employment_status")


def _stripped(value: object) -> str | None:
    """Cell → stripped text, or None when empty."""
    return None if is_blank(value) else (value.strip() if type(value) is str else as_text(value)) or None


@dataclass
class Outcome:
    """People made from the rows and every issue met on the way."""

    people: list[Person] = field(default_factory=list)
    rejected: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    skipped: list[RowIssue] = field(default_factory=list)
    counts: ImportCounts = field(default_factory=ImportCounts)
    unrated: int = 0


class RowChecker(AssignmentRows):
    """Turns data rows into people for one sheet, recording every rejection, warning and skip."""

    def __init__(self, *, plan: ColumnPlan, cells: CellReader, skills: SkillNames, options: ImportOptions,
                 sheet: str, file_name: str, first_row: int, layout: str, start_dates: tuple = (),
                 leaving_dates: tuple = (), today: date | None = None, repeated: bool = False,
                 commitment_dates: tuple = (), usual_week: float | None = None) -> None:
        self.plan, self.cells, self.skills, self.options = plan, cells, skills, options
        self.sheet, self.file_name, self.first_row, self.layout = sheet, file_name, first_row, layout
        self.merges = layout == "long" or repeated  # several rows per person: a repeated id is the same person
        self._said_assignments: list[int] = []  # rows read as a person's second assignment (the first few named)
        self.today = today or date.today()
        self.out = Outcome()
        self.seen: dict[str, tuple[int, Person]] = {}
        self._clashes: dict[str, list[int]] = {}  # kept column → rows whose value differs from the person's first
        self._rows_by_name: dict[str, dict[int, int]] = {}  # no id column: each name's distinct rows → row
        self._lists = {Severity.ERROR: self.out.rejected, Severity.WARNING: self.out.warnings,
                       Severity.SKIPPED: self.out.skipped}
        at = plan.get
        self._fte = cells.converter("fte") if at("fte") is not None else None
        self._hours = cells.converter(plan.hours) if at("weekly_hours") is not None else None
        self._disagree = usual_week and (lambda fte, cell: hours_disagree(  # FTE and hours both given: do they agree?
            fte, self._hours(cell)[0], usual_week, week_hours=options.standard_week_hours))
        self._share = cells.converter("share")
        self._money = cells.converter("money") if at("cost_rate") is not None else None
        self._bool = cells.converter("available")
        self._commit = cells.converter("status")
        self._employment = cells.converter("employment")
        self._start = cells.date_converter(start_dates) if at("start_date") is not None else None
        self._leaving = cells.date_converter(leaving_dates) if at("leaving_date") is not None else None
        dated = at("initiative_start") is not None or at("initiative_end") is not None
        self._span = cells.date_converter(commitment_dates) if dated else None
        self._text = ValueCache(_stripped).__getitem__
        self._blank = ValueCache(is_blank).__getitem__  # cells repeat: each distinct value judged once
        self._at = {target: at(target) for target in ("id", "name", "first_name", "last_name", "fte", "weekly_hours",
                                                      "start_date", "leaving_date", "cost_rate", "available",
                                                      "employment_status", "left", "evidence", "skill_name",
                                                      "skill_level", "initiative", "initiative_fte", "commitment_status",
                                                      "initiative_start", "initiative_end", "committed_elsewhere")}
        self._text_cols = [(f, j) for f in _TEXT_FIELDS if (j := at(f)) is not None]
        self._levels = cells.quick_levels().__getitem__

    def finish(self) -> None:
        """After the last row: one warning per kept column that differed on more rows than were listed, and the
        second assignments beyond the first three named."""
        if len(self._said_assignments) > 3:
            rest = self._said_assignments[3:]
            self.issue(None, None, None, f"{len(self._said_assignments)} rows in all were read as a person's second "
                       f"assignment (also rows {', '.join(map(str, rest[:8]))}{' …' if len(rest) > 8 else ''})",
                       Severity.WARNING)
        for column, rows in self._clashes.items():
            if len(rows) > 3:
                shown = ", ".join(map(str, rows[3:8])) + (" …" if len(rows) > 8 else "")
                self.issue(None, column, None, f"differs from the same person's first row on {len(rows)} rows in "
                           f"all (also rows {shown}): each person keeps their first row's value", Severity.WARNING)

    def issue(self, row: int | None, column: str | None, value: object, reason: str, severity: Severity) -> None:
        """Records one issue (the cell as written, cut to 200 characters)."""
        text = None if value is None else as_text(value)[:200]
        self._lists[severity].append(RowIssue(sheet=self.sheet, row=row, column=column, value=text, reason=reason,
                                              severity=severity))

    def skip(self, i: int, reason: str) -> None:
        """A row left out on purpose (a totals row, a note …)."""
        self.issue(self.first_row + i + 1, None, None, reason, Severity.SKIPPED)

    # -- one row ----------------------------------------------------------------------------------------------------
    def person(self, i: int, row: list) -> Person | None:
        """One data row: the Person, or None (rejected, skipped, or merged into a person of an earlier row)."""
        plan = self.plan
        if len(row) < len(plan.names):
            row = [*row, *([""] * (len(plan.names) - len(row)))]
        rn = self.first_row + i + 1
        identity = self._identity(row, rn)
        if identity is None:
            return None
        pid, name, extra, prior = identity
        fte = self._capacity(row, rn)
        if fte is None:
            return None
        values: dict[str, object] = {"id": pid, "name": name, "fte": fte}
        text = self._text
        for field_name, j in self._text_cols:
            values[field_name] = text(row[j])
        if values.get("manager"):  # '102.0': the id of person 102, written as a float
            values["manager"] = integral_text(values["manager"])
        self._details(row, rn, values, extra)
        if values.get("left"):
            if self.options.leavers == "skip":
                self.issue(rn, None, None, f"has left ({values.get('employment_status') or 'left'}); skipped as "
                           "chosen (leavers: skip)", Severity.SKIPPED)
                return None
            values["available"] = False
        values.pop("left", None)
        skills = self._row_skills(row, rn, extra)
        for cname, j in plan.extra_cols:
            v = row[j]
            if v != "" and v is not None and cname not in extra:
                extra[cname] = v.strip() if type(v) is str else as_text(v)
        if prior is not None:  # several rows per person: more of someone already seen
            self._merge(prior, name, skills, rn, values, row, extra)
            return None
        values["skills"] = skills
        values["commitments"] = self._assignment(row, rn, fte) + self._elsewhere(row, rn, fte)
        values["extra"] = extra
        values["source"] = {"file": self.file_name, "sheet": self.sheet, "row": rn}
        try:
            person = Person.model_validate(values)
        except ValidationError as exc:  # every value was checked above; this is a last guard, still one line
            first = exc.errors()[0]
            self.issue(rn, None, None, f"{'.'.join(map(str, first['loc']))}: {first['msg']}; row not imported",
                       Severity.ERROR)
            return None
        self.seen[pid] = (rn, person)
        return person

    def _identity(self, row: list, rn: int) -> tuple[str, str, dict, tuple[int, Person] | None] | None:
        """(id, name, extra so far, earlier row with this id) or None when the row is rejected."""
        plan, names, extra, at = self.plan, self.plan.names, {}, self._at.get
        name_j, id_j = at("name"), at("id")
        name = ""
        if name_j is not None:
            written = _stripped(row[name_j]) or ""
            name = display_name(written) if plan.last_first else written
            if plan.last_first and name != written:
                extra[names[name_j]] = written
        elif at("first_name") is not None or at("last_name") is not None:
            parts = [as_text(row[j]) for j in (at("first_name"), at("last_name")) if j is not None]
            name = " ".join(p for p in parts if p)
        pid = (_stripped(row[id_j]) or "") if id_j is not None else ""
        has_name_column = name_j is not None or at("first_name") is not None or at("last_name") is not None
        name_col = names[name_j] if name_j is not None else names[at("first_name") if at(
            "first_name") is not None else at("last_name")] if has_name_column else None
        if has_name_column and (not name or self._blank(name)):
            self.issue(rn, name_col, None, "missing name; row not imported", Severity.ERROR)
            return None
        if not has_name_column:
            if not pid or self._blank(pid):
                self.issue(rn, names[id_j] if id_j is not None else None, None, "missing employee id; row not "
                           "imported", Severity.ERROR)
                return None
            name = pid
        if id_j is None:
            pid = name
        elif not pid or self._blank(pid):
            if name in self.seen:
                self.issue(rn, names[id_j], None, "missing employee id, and the name is already the id of row "
                           f"{self.seen[name][0]}; row not imported", Severity.ERROR)
                return None
            self.issue(rn, names[id_j], None, "missing employee id; the name is used as the id", Severity.WARNING)
            pid = name
        if name[0] in _FORMULA_START:
            self.issue(rn, name_col, None, "name starts with a formula character; kept as text", Severity.WARNING)
        prior = self.seen.get(pid)
        if prior is not None and not self.merges and id_j is not None:
            if self._another_assignment(prior, name, row, rn):
                return pid, name, extra, prior
            self.issue(rn, names[id_j], pid, f"duplicate employee id; first seen on row {prior[0]}; row not imported",
                       Severity.ERROR)
            return None
        if id_j is None and not self.merges:  # the name stands in for the id: two people may share it
            copy = self._rows_by_name.setdefault(name, {}).setdefault(hash(tuple(as_text(c) for c in row)), rn)
            if prior is not None and copy != rn:
                self.issue(rn, None, None, f"the same values as row {copy} in every column (one person written twice)"
                           "; not imported again", Severity.SKIPPED)
                return None
            if prior is not None and self._another_assignment(prior, name, row, rn):
                return pid, name, extra, prior
            if prior is not None:
                pid = self._apart(name, rn)
                self.issue(rn, name_col, name, f"the same name as row {prior[0]} with other values, and no employee "
                           f"id column to tell them apart: imported as another person (id '{pid}'); if both rows "
                           "are one person, delete one or add an id column", Severity.WARNING)
                prior = None
        return pid, name, extra, prior

    def _apart(self, name: str, rn: int) -> str:
        """An id for a second person of the same name, from the row that holds them ('Tiago (row 4)')."""
        pid = f"{name} (row {rn})"
        while pid in self.seen:
            pid += "'"
        return pid

    def _capacity(self, row: list, rn: int) -> float | None:
        """The person's FTE (from FTE or weekly hours; 1.0 when neither is given), or None when the row is rejected."""
        names, fte_j, hours_j = self.plan.names, self._at["fte"], self._at["weekly_hours"]
        fte = None
        if self._fte is not None:
            fte, problem = self._fte(row[fte_j])
            if problem:
                self.issue(rn, names[fte_j], row[fte_j], f"{problem}; row not imported", Severity.ERROR)
                return None
        if fte is None and self._hours is not None:
            fte, problem = self._hours(row[hours_j])
            if problem:
                self.issue(rn, names[hours_j], row[hours_j], f"{problem}; row not imported", Severity.ERROR)
                return None
        elif fte is not None and self._disagree and (why := self._disagree(fte, row[hours_j])):
            self.issue(rn, names[hours_j], row[hours_j], why, Severity.WARNING)
        if fte is None:
            return 1.0
        if fte > 1.0:
            j = fte_j if fte_j is not None and not self._blank(row[fte_j]) else hours_j
            self.issue(rn, names[j], row[j], f"FTE {fte:.0%} is over 100 %; imported as is, please check",
                       Severity.WARNING)
        return fte

    def _details(self, row: list, rn: int, values: dict, extra: dict[str, str]) -> None:
        """Start date, cost, availability and status; a value that does not convert is kept in `extra`."""
        names, at, blank = self.plan.names, self._at.get, self._blank
        for field_name, conv in (("start_date", self._start), ("leaving_date", self._leaving)):
            j = at(field_name)
            if conv is None or blank(row[j]):
                continue
            when, problem, warning = conv(row[j])
            if problem:
                self.issue(rn, names[j], row[j], f"{problem}; left empty, value kept", Severity.WARNING)
                extra[names[j]] = as_text(row[j])
            elif warning:
                self.issue(rn, names[j], row[j], warning, Severity.WARNING)
            values[field_name] = when
        if self._money is not None:
            j = at("cost_rate")
            amount, problem = self._money(row[j])
            if problem:
                self.issue(rn, names[j], None, f"{problem}; left empty, value kept", Severity.WARNING)
                extra[names[j]] = as_text(row[j])
            values["cost_rate"] = amount
        self._status(row, rn, values)

    def _status(self, row: list, rn: int, values: dict) -> None:
        """Available or not, and why: an availability flag, an employment status, a has-left flag, a leaving date."""
        names, at, blank = self.plan.names, self._at.get, self._blank
        state = None
        if (j := at("available")) is not None and not blank(row[j]):
            available, problem = self._bool(row[j])
            if problem:
                self.issue(rn, names[j], row[j], f"{problem}; treated as available", Severity.WARNING)
            elif available is False:
                values["available"] = False
        if (j := at("employment_status")) is not None and not blank(row[j]):
            values["employment_status"] = _stripped(row[j])
            state, problem = self._employment(row[j])
            if problem:
                self.issue(rn, names[j], row[j], f"{problem}; treated as available", Severity.WARNING)
            elif state == "away":
                values["available"] = False
        left = state == "left"
        if (j := at("left")) is not None and not blank(row[j]):
            flag, problem = self._bool(row[j])
            if problem:
                self.issue(rn, names[j], row[j], f"{problem}; treated as not left", Severity.WARNING)
            left = left or bool(flag)
        leaving = values.get("leaving_date")
        if isinstance(leaving, date):
            left = leaving <= self.today  # else still here until then
            if left and state == "active":
                self.issue(rn, names[at("leaving_date")], row[at("leaving_date")], "the status says active but the "
                           "leaving date has passed; taken as left", Severity.WARNING)
        values["left"] = left

    def _row_skills(self, row: list, rn: int, extra: dict[str, str]) -> dict:
        """Skill id → level from the matrix columns, skill-list cells and the long layout's skill columns."""
        plan, cells = self.plan, self.cells
        names = plan.names
        skills: dict = {}
        evidence_j = self._at["evidence"]
        evidence = cells.evidence(row[evidence_j]) if evidence_j is not None else Evidence.UNKNOWN
        for j, skill_id in plan.matrix:
            v = row[j]
            if v == "" or v is None:
                continue
            level, problem = self._levels(v) if evidence_j is None else cells.level_cell(v, evidence)
            if problem:
                self.issue(rn, names[j], v, f"{problem}; skill left out, value kept", Severity.WARNING)
                extra[names[j]] = as_text(v)
            elif level is not None:
                old = skills.get(skill_id)
                if old is None or old.level < level.level:
                    skills[skill_id] = level
        for j in plan.list_cols:
            if not self._blank(row[j]):
                self._list_cell(row[j], evidence, skills, rn, names[j])
        name_j = self._at["skill_name"]
        if name_j is not None and not self._blank(row[name_j]):
            self._long_cell(row, name_j, self._at["skill_level"], evidence, skills, rn)
        return skills

    def _list_cell(self, value: object, evidence: Evidence, skills: dict, rn: int, column: str) -> None:
        for skill_name, level_text, problem, level in self.cells.list_items(value, evidence):
            if problem:
                self.issue(rn, column, f"{skill_name} {level_text}", f"'{skill_name}': {problem}; skill left out",
                           Severity.WARNING)
                continue
            if not level_text:
                self.out.unrated += 1
            if level is not None:
                skills[self.skills.resolve(skill_name)] = level

    def _long_cell(self, row: list, name_j: int, level_j: int | None, evidence: Evidence, skills: dict,
                   rn: int) -> None:
        names = self.plan.names
        skill_id = self.skills.resolve(as_text(row[name_j]))
        if level_j is None:  # a file without a level column lists skills, like a list cell without levels
            self.out.unrated += 1
            skills[skill_id] = self.cells.unrated(evidence, as_text(row[name_j]))
            return
        raw = row[level_j]
        if is_blank(raw):
            self.issue(rn, names[name_j], row[name_j], "skill listed without a level; left out", Severity.WARNING)
            return
        level, problem = self.cells.level_cell(raw, evidence)
        if problem:
            self.issue(rn, names[level_j], raw, f"{problem}; skill left out", Severity.WARNING)
        elif level is not None:
            skills[skill_id] = level

    def _merge(self, prior: tuple[int, Person], name: str, skills: dict, rn: int, values: dict, row: list,
               extra: dict[str, str]) -> None:
        first_row, person = prior
        if person.name != name:
            self.issue(rn, self.plan.names[j] if (j := self.plan.get("id")) is not None else None, person.id,
                       f"employee id also used on row {first_row} for a different name; row not imported",
                       Severity.ERROR)
            return
        self.out.counts.merged += 1
        for field_name in _PERSON_FIELDS:  # one person, one value: say so when the rows disagree
            new, old = values.get(field_name), getattr(person, field_name)
            if new is not None and old is not None and new != old:
                j, pay = self.plan.get(field_name), field_name == "cost_rate"  # never an amount in a message
                self.issue(rn, self.plan.names[j] if j is not None else None, None if pay else as_text(new),
                           f"the same person's row {first_row} says "
                           f"{'another cost' if pay else repr(as_text(old))}; the first row's value is kept",
                           Severity.WARNING)
        for column, new in extra.items():  # a kept column too: the first row's value, and a word when they differ
            old = person.extra.setdefault(column, new)
            if old != new:
                clashes = self._clashes.setdefault(column, [])
                clashes.append(rn)
                if len(clashes) <= 3:
                    self.issue(rn, column, new, f"the same person's row {first_row} says {old!r}; the first row's "
                               "value is kept", Severity.WARNING)
        for skill_id, level in skills.items():
            old = person.skills.get(skill_id)
            if old is not None and old.level != level.level:
                self.issue(rn, None, None, f"skill '{skill_id}' rated twice for this person (row {first_row} too);"
                           " the higher level is kept", Severity.WARNING)
                if old.level >= level.level:
                    continue
            person.skills[skill_id] = level
        init_j = self._at["initiative"]
        if init_j is not None and not self._blank(row[init_j]):  # one row per person and assignment: each counts
            for commitment in self._assignment(row, rn, person.fte):
                self._add_assignment(person, commitment, rn, first_row)
            total = peak_load(person.commitments)
            if total > person.fte + 1e-9:
                self.issue(rn, None, None, f"with this row the person's assignments add up to {total:.0%}, more "
                           f"than their FTE {person.fte:.0%}", Severity.WARNING)
