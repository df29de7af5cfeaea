"""What a column's values look like, and whether they fit a target: an id, a name, an FTE, a date, a level …

A header is a claim; the values are the evidence. 'StandardHours' holding 80 for everyone is not weekly hours,
'DateofTermination' is a date and never an FTE, 'SpecialProjectsCount' holds counts, not initiative names.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from app.roster_import.cell_values import (
    ValueProblem,
    as_text,
    employment_state,
    is_blank,
    is_last_first,
    parse_bool,
    parse_commitment_status,
    parse_date,
    parse_fte,
    parse_number,
)
from app.roster_import.skill_levels import level_word, numeric_level, parse_evidence, split_skill_list

FITS, NEUTRAL, CONTRADICTS = "fits", "neutral", "contradicts"
DOUBTS = "doubts"  # the values may mean the field, or something close to it: asked
#: Below this median a pay column may hold monthly amounts (2,900 … 24,000) rather than a yearly cost.
MONTHLY_BELOW = 15_000
#: Ticks in a yes/no skill matrix ('x' = has the skill).
_MARKS = frozenset({"x", "✓", "✔"})
#: Share of a column's filled cells that must look right for the values to fit a target.
MOSTLY = 0.8
#: A phone number as people write one: '+55 11 98765-4321', '(11) 98765-4321', '0171 234 5678' — a leading '+' or
#: '(' or digits grouped by spaces; a bare run of digits or codes joined by dashes (an id?) are not taken for one.
_PHONE = re.compile(r"^(?:\+|\(\d)[\d\s().\-/]+$|^\d[\d\s.\-/]*\s[\d\s.\-/]*\d$")
#: Weekly hours a person can plausibly be contracted for; above it a number is not weekly hours (80 = a fortnight).
MAX_WEEK_HOURS = 60.0
#: Hours a month a column of monthly hours may hold (a 44-hour week is 191 a month; 220 is Brazil's full month);
#: below MIN_MONTH_HOURS a number too many for a week may as well be a fortnight's hours.
MIN_MONTH_HOURS, MAX_MONTH_HOURS = 100.0, 260.0


def _ok(func, value) -> bool:
    try:
        func(value)
    except (ValueProblem, ValueError, TypeError, OverflowError):
        return False
    return True


@dataclass
class Profile:
    """Counts over a column's filled cells (a sample of the data rows), each distinct value judged once."""

    filled: int = 0
    distinct: int = 0
    numbers: int = 0
    integers: int = 0
    values: list[float] = field(default_factory=list)
    percents: int = 0
    dates: int = 0
    texts: int = 0
    multiword: int = 0
    spaceless: int = 0
    emails: int = 0
    phones: int = 0
    bools: int = 0
    levels: int = 0
    level_words: int = 0
    statuses: int = 0
    commitments: int = 0
    evidence: int = 0
    listy: int = 0
    last_first: int = 0
    ftes: int = 0  # text cells, no plain number nor percentage, that read as an FTE ('0.8 FTE', 'Full-time')
    examples: list[str] = field(default_factory=list)

    def share(self, count: int) -> float:
        """count / filled (0 for an empty column)."""
        return count / self.filled if self.filled else 0.0

    @property
    def low(self) -> float | None:
        """Smallest number seen."""
        return min(self.values) if self.values else None

    @property
    def high(self) -> float | None:
        """Largest number seen."""
        return max(self.values) if self.values else None

    @property
    def median(self) -> float | None:
        """Median of the numbers seen."""
        return statistics.median(self.values) if self.values else None

    def shown(self) -> str:
        """A few values as the user wrote them: "'80', '80'" for a reason."""
        return ", ".join(f"'{e}'" for e in self.examples[:3])


def profile(cells: Iterable[object]) -> Profile:
    """The profile of one column's cells."""
    counts = Counter(c for c in cells if not is_blank(c))
    p = Profile(filled=sum(counts.values()), distinct=len(counts))
    for value, n in counts.items():
        text = as_text(value)
        if len(p.examples) < 5:
            p.examples.append(text[:30])
        number = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str) and not text.endswith("%"):
            try:
                number = parse_number(text)
            except ValueProblem:
                number = None
        if number is not None:
            p.numbers += n
            p.integers += n if number.is_integer() else 0
            p.values += [number] * min(n, 50)
        if text.endswith("%") and numeric_level(text) is not None:
            p.percents += n
        digits = any(ch.isdigit() for ch in text)
        if isinstance(value, date) or (isinstance(value, str) and number is None and digits and _ok(parse_date, text)):
            p.dates += n
        if isinstance(value, str) and any(ch.isalpha() for ch in text):
            p.texts += n
            p.multiword += n if " " in text.strip() else 0
            p.emails += n if "@" in text and "." in text.split("@")[-1] else 0
            p.last_first += n if "," in text and is_last_first(text) else 0
            p.listy += n if ("," in text or ";" in text or "|" in text) and len(split_skill_list(text)) >= 2 else 0
            if len(text) <= 40 and not ("@" in text or digits):  # words: statuses, levels, evidence
                p.level_words += n if level_word(text) is not None else 0
                p.statuses += n if _ok(employment_state, text) else 0
                p.commitments += n if _ok(parse_commitment_status, text) else 0
                p.evidence += n if parse_evidence(text).value != "unknown" else 0
        p.phones += n if isinstance(value, str) and _PHONE.match(text.strip()) and 9 <= sum(
            ch.isdigit() for ch in text) <= 15 else 0
        if " " not in text.strip():
            p.spaceless += n
        p.bools += n if _ok(parse_bool, value) else 0
        p.ftes += n if isinstance(value, str) and number is None and not text.endswith("%") and _ok(
            parse_fte, value) else 0
        level = numeric_level(value)
        if (level is not None and 0 <= level <= 10) or level_word(text) is not None or (
                text.endswith("%") and level is not None and 0 <= level <= 100) or text.lower() in _MARKS:
            p.levels += n
    return p


def level_like(p: Profile) -> bool:
    """True when the filled cells are skill levels: small numbers (0–10), level words or percentages."""
    return p.filled > 0 and p.share(p.levels) >= MOSTLY


def fit(target: str, p: Profile, *, need: float = MOSTLY) -> tuple[str, str]:
    """Whether the values fit the target, and why (in words a user can check against the file).

    `need` is the share of cells that must look right: MOSTLY for a header that only resembles the target; half
    for a header that names it exactly (its few bad cells are then reported row by row).
    """
    if p.filled == 0:
        return NEUTRAL, "the column is empty in the rows read"
    check = _CHECKS.get(target)
    return check(p, need) if check else (NEUTRAL, "")


def _mostly(count: int, p: Profile, need: float, good: str, bad: str) -> tuple[str, str]:
    if p.share(count) >= need:
        return FITS, good
    return CONTRADICTS, f"{bad} ({p.shown()})"


def _id(p: Profile, need: float = MOSTLY) -> tuple[str, str]:
    if p.share(p.dates) >= 0.5:
        return CONTRADICTS, f"the values are dates ({p.shown()})"
    if p.numbers and p.share(p.integers) < 0.5:
        return CONTRADICTS, f"the values are fractions ({p.shown()})"
    if p.share(p.multiword) >= 0.5:
        return CONTRADICTS, f"the values are phrases, not codes ({p.shown()})"
    if p.filled >= 20 and p.distinct <= max(3, p.filled // 20):
        return CONTRADICTS, f"only {p.distinct} different values in {p.filled} rows ({p.shown()})"
    return FITS, "short codes"


def _words(p: Profile, need: float = MOSTLY, what: str = "words") -> tuple[str, str]:
    if p.share(p.bools) >= MOSTLY:
        return CONTRADICTS, f"the values are yes / no, not {what} ({p.shown()})"
    if p.share(p.texts) < 0.5:
        return CONTRADICTS, f"the values are numbers or dates, not {what} ({p.shown()})"
    return FITS, what


def _name(p: Profile, need: float = MOSTLY) -> tuple[str, str]:
    if p.filled >= 20 and p.distinct <= 3:
        return CONTRADICTS, f"only {p.distinct} different values ({p.shown()})"
    return _words(p, need, "names")


def _code(p: Profile, need: float = MOSTLY) -> tuple[str, str]:
    if p.share(p.dates) >= 0.5:
        return CONTRADICTS, f"the values are dates ({p.shown()})"
    return FITS, "codes"


def _fte(p: Profile, need: float = MOSTLY) -> tuple[str, str]:
    if p.share(p.dates) >= 0.5:
        return CONTRADICTS, f"the values are dates, not FTE ({p.shown()})"
    if p.share(p.numbers + p.percents + p.ftes) < need:
        return CONTRADICTS, f"the values are not numbers ({p.shown()})"
    high = p.high
    if p.values and high is not None and (high > 200 or (2 < (p.median or 0) < 10)):
        return CONTRADICTS, f"values such as {p.shown()} are neither fractions (up to 2) nor percentages"
    return FITS, "fractions or percentages"


def _hours(p: Profile, need: float = MOSTLY) -> tuple[str, str]:
    if p.share(p.numbers) < need:
        return CONTRADICTS, f"the values are not numbers ({p.shown()})"
    median = p.median or 0
    if median > MAX_WEEK_HOURS or median <= 0:
        return CONTRADICTS, (f"{p.shown()} is not a plausible number of hours a week (more than "
                             f"{MAX_WEEK_HOURS:g}: a fortnight or a month?)")
    return FITS, "hours a week"


def _monthly_hours(p: Profile, need: float = MOSTLY) -> tuple[str, str]:
    if p.share(p.numbers) < need:
        return CONTRADICTS, f"the values are not numbers ({p.shown()})"
    median = p.median or 0
    if median > MAX_MONTH_HOURS or median <= 0:
        return CONTRADICTS, f"{p.shown()} is not a plausible number of hours a month"
    if median <= MAX_WEEK_HOURS:
        return DOUBTS, f"values such as {p.shown()} look like hours a week"
    return FITS, "hours a month"


def monthly_rather_than_weekly(p: Profile) -> bool:
    """Numbers too many for a week and as many as a month holds ('220', 'Carga Horária'): hours a month? (80 is not
    asked: a fortnight, as likely.)"""
    return p.share(p.numbers) >= MOSTLY and MIN_MONTH_HOURS <= (p.median or 0) <= MAX_MONTH_HOURS


def _date(p: Profile, need: float = MOSTLY) -> tuple[str, str]:
    if p.share(p.dates) >= need:
        return FITS, "dates"
    if p.share(p.numbers) >= need and (p.low or 0) > 3000:  # Excel date serials
        return FITS, "dates (day numbers)"
    return CONTRADICTS, f"the values are not dates ({p.shown()})"


def _money(p: Profile, need: float = MOSTLY) -> tuple[str, str]:
    if p.share(p.numbers) < need and p.share(p.texts) > 0.5:
        return CONTRADICTS, f"the values are not amounts ({p.shown()})"
    if p.values and (p.median or 0) < 1000:
        return CONTRADICTS, f"amounts such as {p.shown()} are too small for a yearly cost"
    if p.values and (p.median or 0) < MONTHLY_BELOW:
        return DOUBTS, (f"amounts such as {p.shown()} could be monthly pay rather than a yearly cost (assumed: "
                        f"a yearly cost in euros, pounds or dollars is {MONTHLY_BELOW:,} or more; the file does not "
                        "say its currency)")
    return FITS, (f"yearly amounts (assumed: {MONTHLY_BELOW:,} or more is a year's cost in euros, pounds or dollars; "
                  "monthly pay in yen or rupees would pass too, so a header that says monthly is left out)")


def _initiative(p: Profile, need: float = MOSTLY) -> tuple[str, str]:
    if p.share(p.texts) < 0.5:
        return CONTRADICTS, f"the values are numbers, not initiative names ({p.shown()})"
    return FITS, "initiative names"


def _levels(p: Profile, need: float = MOSTLY) -> tuple[str, str]:
    return _mostly(p.levels, p, need, "skill levels", "the values are not skill levels")


def _words_of(attr: str, good: str, bad: str):
    return lambda p, need: _mostly(getattr(p, attr), p, need, good, bad)


def _list(p: Profile, need: float) -> tuple[str, str]:
    if p.share(p.texts) < 0.5:
        return CONTRADICTS, f"the values are numbers ({p.shown()})"
    return FITS, "skill names"


_CHECKS = {
    "id": _id, "name": _name, "first_name": _name, "last_name": _name,
    "title": _words, "organisation": _words, "location": _words, "manager": _words,
    "cost_center": _code,
    "email": _words_of("emails", "email addresses", "the values are not email addresses"),
    "fte": _fte, "initiative_fte": _fte, "committed_elsewhere": _fte,
    "weekly_hours": _hours, "monthly_hours": _monthly_hours,
    "start_date": _date, "leaving_date": _date,
    "cost_rate": _money, "salary": _money,
    "initiative": _initiative,
    "commitment_status": _words_of("commitments", "confirmed / tentative", "the values are not assignment states"),
    "available": _words_of("bools", "yes / no", "the values are not yes / no"),
    "left": _words_of("bools", "yes / no", "the values are not yes / no"),
    "employment_status": _words_of("statuses", "employment states", "the values are not employment states"),
    "skill": _levels, "skill_level": _levels,
    "skills_list": _list,
    "skill_name": _words,
    "evidence": lambda p, need: _mostly(p.evidence + p.bools, p, need, "self / manager / certified, or yes / no "
                                        "(certified or not)", "the values are not evidence words"),
    "skill_evidence": _words_of("evidence", "self / manager / certified", "the values are not evidence words"),
}
