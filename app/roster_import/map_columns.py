"""Decide where each column goes, from its header AND its values, with an honest confidence and a reason.

The header proposes targets (whole words, see header_words); the values confirm, weaken or veto them (see
value_profiles). Each single-valued target goes to the column that fits it best. A suggestion under ASK_BELOW is
kept as a question, never applied. Every column ends mapped, kept as an extra field, or left out, with the reason.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.domain.skills import SkillCatalogue
from app.roster_import.cell_values import as_text, integral_text, is_blank
from app.roster_import.header_words import (
    header_targets,
    header_words,
    is_other_pay,
    is_sensitive,
)
from app.roster_import.long_layout import LongLayout
from app.roster_import.models import ASK_BELOW, Candidate, ColumnMapping, ColumnTarget, ImportOptions, Layout
from app.roster_import.people_columns import PeopleColumns
from app.roster_import.read_skills import SkillMatcher
from app.roster_import.skill_columns import SKILL_CATEGORY, SkillColumns
from app.roster_import.skill_levels import split_skill_list
from app.roster_import.skill_pairs import SkillPairs
from app.roster_import.targets import KEEP, LEAVE_OUT, MANY, label
from app.roster_import.value_profiles import (
    CONTRADICTS,
    DOUBTS,
    FITS,
    MOSTLY,
    NEUTRAL,
    fit,
    level_like,
    profile,
)
from app.roster_import.working_time import WorkingTime

_ROW_NUMBER_HEADERS = frozenset({"", "#", "no", "nr", "n", "nº", "sno", "s no", "sr no", "sl no", "row", "index",
                                 "lfd nr", "pos"})
_BLANK_HEADER = re.compile(r"^Column \d+$")
#: Words of a share that may be a target rather than time booked ('Utilisation', 'Billable %'): always asked.
_TARGET_WORDS = frozenset({"utilisation", "utilization", "billable", "billability", "auslastung", "occupation",
                           "ocupacion"})
#: Start and end dates that say nothing of what starts or ends (folded header words).
_PLAIN_DATES = frozenset({"start", "start date", "from", "begin", "begin date", "end", "end date", "to", "until",
                          "finish", "finish date", "startdatum", "beginn", "enddatum", "einddatum", "date debut",
                          "date fin", "fecha inicio", "fecha fin", "data inicio", "data termino", "data fim"})


@dataclass
class SheetFacts:
    """What the mapper looks at: headers, a sample of each column's values (row-aligned), and the sheet's marks."""

    names: list[str]
    columns: list[list] = field(default_factory=list)
    categories: list[str | None] = field(default_factory=list)
    formula_share: list[float] = field(default_factory=list)
    has_legend: bool = False

    def column(self, j: int) -> list:
        """The sampled values of column j (empty when no values were given)."""
        return self.columns[j] if j < len(self.columns) else []


def _combine(header_score: float, verdict: str) -> float:
    if verdict == CONTRADICTS:
        return 0.0
    if verdict == DOUBTS:
        return min(header_score, 0.6)  # asked
    if verdict == FITS:
        return header_score if header_score >= 0.95 else round(min(0.95, header_score + 0.1), 2)
    return round(header_score * 0.85, 2)


def _your_choice(entry: ColumnTarget) -> ColumnTarget:
    """A column the mapping file decides, with the reason of what was chosen: a saved question whose target was
    changed to one of its other candidates ('Leave out') said the question's words under 'left out'."""
    picked = next((c for c in entry.candidates if c.target == entry.target and c.reason), None)
    if picked is not None:
        reason = f"your choice: {picked.reason}"
    elif entry.confidence < ASK_BELOW and entry.reason:
        reason = f"your choice (the suggestion was asked: {entry.reason})"
    else:
        reason = entry.reason or "your choice"
    return entry.model_copy(update={"confidence": 1.0, "reason": reason})


def _layout(targets: set[str]) -> Layout:
    if "skill_name" in targets:
        return "long"
    if "skills_list" in targets:
        return "list"
    if "skill" in targets:
        return "matrix"
    return "none"


def detect_layout(mapping: ColumnMapping) -> Layout:
    """Long when a skill-name column exists, list for a skills-in-one-cell column, matrix for skill columns."""
    return _layout({t.target for t in mapping.columns.values()})


class _Mapper:
    """One suggestion: candidates per column, single targets assigned best-first, the rest kept or left out."""

    def __init__(self, facts: SheetFacts, catalogue: SkillCatalogue, options: ImportOptions,
                 given: ColumnMapping | None, headers: list[str] | None = None) -> None:
        self.facts, self.options = facts, options
        self.names = facts.names
        self.matcher = SkillMatcher(catalogue, typo_threshold=options.skill_match_threshold)
        self.catalogue = catalogue
        self.profiles = [profile(facts.column(j)) for j in range(len(self.names))]
        self.decided: dict[int, ColumnTarget] = {}
        self.why_not: dict[int, str] = {}  # column → why a target it named was not given to it
        self.candidates: dict[int, list[tuple[str, float, str, str | None]]] = defaultdict(list)
        self.rank: dict[tuple[int, str], int] = {}  # (column, target) → place of the synonym its header matched
        self.repeated = False  # rows repeat per person with no skill on them (one row per person and period)
        for j, name in enumerate(headers or self.names):  # the mapping names columns by their whole header
            if given is not None and name in given.columns:
                self.decided[j] = _your_choice(given.columns[name])
        self.given = set(self.decided)

    # -- candidates -----------------------------------------------------------------------------------------------
    def _left_out(self, j: int) -> str | None:
        name, p = self.names[j], self.profiles[j]
        if is_sensitive(name):
            return "personal data a staffing plan does not need (left out, never stored)"
        if not header_targets(name) and p.filled and p.share(p.phones) >= MOSTLY and p.share(p.dates) < 0.5:
            return f"personal data: the values are phone numbers ({p.shown()}); left out, never stored"
        if is_other_pay(name) and not header_targets(name):
            return "pay data that is not the yearly cost (left out so no pay can be derived from it)"
        if self.facts.columns and p.filled == 0 and not header_targets(name):
            return "the column is empty"
        if self._row_numbers(j):
            return "row numbers of the sheet (1, 2, 3 …), not data about a person"
        return None

    def _names_pay(self, j: int) -> bool:
        name = self.names[j]
        return is_other_pay(name) or any(m.target in ("salary", "cost_rate") for m in header_targets(name))

    def _row_numbers(self, j: int) -> bool:
        words = " ".join(header_words(self.names[j])) if not _BLANK_HEADER.match(self.names[j]) else ""
        if words not in _ROW_NUMBER_HEADERS:
            return False
        numbers = [c for c in self.facts.column(j) if not is_blank(c)]
        if len(numbers) < 2 or not all(isinstance(c, int | float) and float(c).is_integer() for c in numbers):
            return False
        return all(b - a == 1 for a, b in zip(numbers, numbers[1:], strict=False))

    def _field_candidates(self, j: int) -> None:
        name, p = self.names[j], self.profiles[j]
        for match in header_targets(name, typo_threshold=self.options.column_match_threshold):
            if match.target == "manager":
                verdict, why = self.manager_fit(j)
            else:
                verdict, why = fit(match.target, p, need=0.5 if match.score >= 0.95 else MOSTLY)
            score = _combine(match.score, verdict)
            if verdict == CONTRADICTS:
                self.why_not.setdefault(j, f"the header reads like {label(match.target)}, but {why}")
                self._hours_of_availability(j, match.target)
                continue
            reason = match.how + (f"; the values fit ({why})" if verdict == FITS and why else
                                  f"; but {why}: is it?" if verdict == DOUBTS else
                                  "; no values to check it against" if verdict == NEUTRAL else "")
            self.candidates[j].append((match.target, score, reason, None))
            self.rank[(j, match.target)] = match.rank

    def _hours_of_availability(self, j: int, target: str) -> None:
        """'availability' holding 40, 35, 25 is no yes/no flag but hours a week, most likely: asked, never applied
        (kept, the column would leave everyone full time in silence)."""
        p = self.profiles[j]
        if target != "available" or p.share(p.integers) < MOSTLY or fit("weekly_hours", p)[0] != FITS:
            return
        if (p.low or 0) < 4:  # 0/1 flags and small counts are not hours
            return
        self.candidates[j].append(("weekly_hours", 0.6, f"the header reads like availability, but the values "
                                   f"({p.shown()}) are not yes / no: are they the hours a week the person works?",
                                   None))

    def _skill_candidate(self, j: int) -> None:
        name, p = self.names[j], self.profiles[j]
        if _BLANK_HEADER.match(name):
            return
        category = (self.facts.categories[j] if j < len(self.facts.categories) else None) or ""
        under_skills = any(w in category.lower() for w in SKILL_CATEGORY)
        found = self.matcher.match(name)
        if not found and not under_skills:
            return
        if self.formula(j):
            self.why_not.setdefault(j, "computed by a formula (a total or a score), never a level")
            return
        named = under_skills or (found is not None and found[1] >= 0.95)
        # a column its header names as a skill keeps a few bad cells (each reported); others must be mostly levels
        if p.filled and (p.share(p.levels) < 0.5 if named else not level_like(p)):
            what = f"the skill {self.catalogue.name_of(found[0])}" if found else "a skill"
            self.why_not.setdefault(j, f"the header reads like {what}, but the values are not levels ({p.shown()})")
            return
        if found:
            skill_id, confidence, how = found
            self.candidates[j].append(("skill", confidence, f"the header is the skill "
                                       f"{self.catalogue.name_of(skill_id)} ({how}); the values are levels", skill_id))
        else:
            self.candidates[j].append(("skill", 0.9, f"under the '{category}' heading; the values are levels", None))

    def formula(self, j: int) -> bool:
        return j < len(self.facts.formula_share) and self.facts.formula_share[j] >= 0.5

    def manager_fit(self, j: int) -> tuple[str, str]:
        p = self.profiles[j]
        if p.filled == 0:
            return NEUTRAL, ""
        people = {integral_text(as_text(v)).casefold() for k, t in self.decided.items() if t.target in ("id", "name")
                  for v in self.facts.column(k) if not is_blank(v)}
        values = [integral_text(as_text(v)).casefold() for v in self.facts.column(j) if not is_blank(v)]
        if people and sum(v in people for v in values) >= 0.5 * len(values):
            return FITS, "people in this file"
        if p.share(p.multiword) >= 0.5:
            return FITS, "names"
        if p.share(p.numbers) >= 0.5:
            return CONTRADICTS, f"the values ({p.shown()}) are not the ids or names of people in this file"
        return fit("manager", p)

    # -- assignment -----------------------------------------------------------------------------------------------
    def run(self) -> dict[int, ColumnTarget]:
        """Every column's decision, in column order."""
        open_cols = [j for j in range(len(self.names)) if j not in self.decided]
        for j in open_cols:
            reason = self._left_out(j)
            if reason:
                self.decided[j] = ColumnTarget(target=LEAVE_OUT, reason=reason)
        open_cols = [j for j in open_cols if j not in self.decided]
        for j in open_cols:
            if "manager" not in {m.target for m in header_targets(self.names[j])}:
                self._field_candidates(j)
            self._skill_candidate(j)
        self._assign(open_cols, skip={"manager"})
        for j in open_cols:  # the manager is checked against the people found above
            if j not in self.decided and "manager" in {m.target for m in header_targets(self.names[j])}:
                self._field_candidates(j)
        self._assign(open_cols, skip=set())
        SkillPairs(self).infer(open_cols)
        SkillColumns(self).infer(open_cols)
        self._assignment_dates()
        self._one_skill_per_row()
        LongLayout(self).infer(open_cols)
        WorkingTime(self).infer(open_cols)
        self._level_without_skill()
        self._assignment_without_initiative()
        PeopleColumns(self).infer(open_cols)
        for j in range(len(self.names)):
            if j not in self.decided:
                why = self.why_not.get(j) or "no field matches this header"
                if self._names_pay(j):  # a pay column not used as the one cost column is never kept
                    self.decided[j] = ColumnTarget(target=LEAVE_OUT, reason=f"{why}; pay data that is not used as "
                                                   "the yearly cost (left out so no pay can be derived from it)")
                else:
                    self.decided[j] = ColumnTarget(target=KEEP, reason=f"{why}; kept as an extra field")
        return dict(sorted(self.decided.items()))

    def taken(self) -> dict[str, int]:
        """Single targets already given, → their column."""
        return {t.target: j for j, t in self.decided.items() if t.target not in MANY}

    def _assign(self, columns: Sequence[int], *, skip: set[str]) -> None:
        pairs = [(score, j, target, reason, skill_id) for j in columns if j not in self.decided
                 for target, score, reason, skill_id in self.candidates[j] if target not in skip]
        # best score first; between equal scores the more usual name ('department' before 'unit'), then the first
        pairs.sort(key=lambda t: (-t[0], self.rank.get((t[1], t[2]), 0), t[1]))
        for score, j, target, reason, skill_id in pairs:
            if j in self.decided:
                continue
            taken = self.taken()
            if target not in MANY and target in taken:
                self.why_not.setdefault(j, f"{label(target)} is column '{self.names[taken[target]]}'")
                continue
            others = [(t, s) for t, s, _, _ in self.candidates[j] if t != target]
            decided = self.target(target, score, reason, skill_id, others)
            if self._names_pay(j):  # the other choice for pay is leaving it out, never keeping it
                decided.candidates = [c if c.target != KEEP else Candidate(
                    target=LEAVE_OUT, confidence=c.confidence, reason="pay data: left out so no pay can be derived "
                    "from it") for c in decided.candidates]
            self.decided[j] = decided

    @staticmethod
    def target(target: str, score: float, reason: str, skill_id: str | None,
                others: list[tuple[str, float]]) -> ColumnTarget:
        candidates = [Candidate(target=t, confidence=s) for t, s in sorted(others, key=lambda x: -x[1])]
        candidates.append(Candidate(target=KEEP, confidence=round(1 - score, 2), reason="kept with each person"))
        return ColumnTarget(target=target, confidence=score, reason=reason, skill_id=skill_id, candidates=candidates)

    def _assignment_dates(self) -> None:
        """Beside an initiative column a plain 'Start Date' / 'End Date' is the assignment's, not the job's: read as
        hire and leaving dates they would make everyone whose assignment ended a leaver."""
        taken = self.taken()
        if "initiative" not in taken:
            return
        for field_name, target in (("start_date", "initiative_start"), ("leaving_date", "initiative_end")):
            j = taken.get(field_name)
            if j is None or target in taken or " ".join(header_words(self.names[j])) not in _PLAIN_DATES:
                continue
            self.decided[j] = self.decided[j].model_copy(update={
                "target": target, "reason": f"a plain {self.names[j]!r} beside the initiative column "
                f"'{self.names[taken['initiative']]}' dates the assignment (not the job)"})

    def _level_without_skill(self) -> None:
        targets = {t.target for t in self.decided.values()}
        if "skill_level" in targets and "skill_name" not in targets:
            for j, t in list(self.decided.items()):
                if t.target == "skill_level" and t.confidence >= 0.8:
                    self.decided[j] = ColumnTarget(target=KEEP, reason="a level with no skill-name column beside it "
                                                   "(one row per person and skill); kept as an extra field")

    def _assignment_without_initiative(self) -> None:
        """With no initiative column a share of time ('allocation_percentage' alone) is time booked on work the roster
        does not name: the person is that much less free (read as one initiative's share it was dropped, and the
        person planned as fully free). A utilisation or billable share may be a target, not a booking: asked. An
        assignment state cannot be tied to anything: kept, said why. Beside an initiative column a booked share would
        count that initiative's time twice: kept."""
        if "initiative" in self.taken():
            for j, t in list(self.decided.items()):
                if t.target == "committed_elsewhere" and j not in self.given:
                    self.decided[j] = ColumnTarget(target=KEEP, reason=f"the header reads like {label(t.target)}, "
                                                   "but beside the initiative column it would count that time twice; "
                                                   "kept as an extra field")
            return
        for j, t in list(self.decided.items()):
            if t.target == "initiative_fte" and t.confidence >= ASK_BELOW and "committed_elsewhere" not in self.taken():
                self.decided[j] = t.model_copy(update={
                    "target": "committed_elsewhere", "reason": f"the header reads like {label(t.target)} ({t.reason}), "
                    "but the file has no initiative (project) column: read as time booked on other work the roster "
                    "does not name (free time is what is left)"})
            elif t.target == "committed_elsewhere" and j not in self.given and _TARGET_WORDS & set(
                    header_words(self.names[j])):
                self.decided[j] = t.model_copy(update={
                    "confidence": min(t.confidence, 0.6), "reason": f"{t.reason}; but utilisation or a billable share "
                    "may be a target, not time booked: is it the share of time already booked on other work the "
                    "roster does not name?"})
            elif t.target in ("initiative_fte", "commitment_status") and t.confidence >= ASK_BELOW:
                self.decided[j] = ColumnTarget(target=KEEP, reason=f"the header reads like {label(t.target)}, but "
                                               "there is no initiative (project) column to tie it to; kept as an "
                                               "extra field")

    def _one_skill_per_row(self) -> None:
        """A 'Skills' column holding one skill per cell beside a 'Level' column is one row per person and skill."""
        targets = {t.target for t in self.decided.values()}
        if not {"skill_level", "skills_list"} <= targets or "skill_name" in targets:
            return
        level_j = next(j for j, t in self.decided.items() if t.target == "skill_level")
        taken = self.taken()
        key_j = taken.get("id", taken.get("name"))
        key = [as_text(v) for v in self.facts.column(key_j) if not is_blank(v)] if key_j is not None else []
        if len(set(key)) > 0.8 * len(key):  # people on one row each: 'Level' is theirs (a job level), not a skill's
            return
        for j, t in list(self.decided.items()):
            if t.target != "skills_list" or t.confidence < ASK_BELOW:
                continue
            cells = [as_text(c) for c in self.facts.column(j) if not is_blank(c)]
            if not cells or sum(len(split_skill_list(c)) == 1 for c in cells) < MOSTLY * len(cells):
                continue
            self.decided[j] = t.model_copy(update={
                "target": "skill_name", "confidence": 0.85,
                "reason": f"one skill per cell beside the level column '{self.names[level_j]}': one row per person "
                          "and skill"})
            return

def suggest_mapping(
    headers: list[str],
    *,
    catalogue: SkillCatalogue,
    options: ImportOptions | None = None,
    categories: list[str | None] | None = None,
    columns: list[list] | None = None,
    formula_share: list[float] | None = None,
    has_legend: bool = False,
    given: ColumnMapping | None = None,
    labels: list[str] | None = None,
) -> ColumnMapping:
    """Where each column goes: the user's choices in `given` as they are, the other columns decided here.

    `labels` are the headers as matched (without a group prefix such as 'skills-'); the mapping keeps `headers`.
    """
    facts = SheetFacts(names=list(labels or headers), columns=columns or [], categories=categories or [],
                       formula_share=formula_share or [], has_legend=has_legend)
    mapper = _Mapper(facts, catalogue, options or ImportOptions(), given, headers)
    decided = mapper.run()
    repeated = given.repeated_rows if given is not None and given.repeated_rows is not None else (
        True if mapper.repeated else None)
    mapping = ColumnMapping(columns={headers[j]: t for j, t in decided.items()},
                            layout=given.layout if given else None, scale=given.scale if given else None,
                            binary_level=given.binary_level if given else None, repeated_rows=repeated)
    return mapping
