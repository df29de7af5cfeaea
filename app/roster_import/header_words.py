"""Headers as words: split camelCase, snake_case and run-together words, then match whole words to targets.

A header names a target only when its words *are* a synonym's words (or the synonym's words plus filler such as
"Employee"); a header that merely contains a synonym ("YearsWithCurrManager", "MaritalStatus") names nothing.
The synonyms, in English, German, French, Spanish, Dutch, Portuguese, Japanese and Russian, live in
`header_synonyms.yaml` beside this file.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

SYNONYMS_FILE = Path(__file__).with_name("header_synonyms.yaml")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_WORD = re.compile(r"[^\W_]+|[#%]")
#: How sure a header match is: the same words, the words plus filler, a plural of them, or a typing slip.
EXACT, WITH_FILLER, PLURAL = 1.0, 0.95, 0.9
#: A header that may be a field's name cut short: always asked.
ABBREVIATED = 0.6


def _fold(text: str) -> str:
    """Lower case without accents; letters of other scripts (Japanese) are kept as they are."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Vocabulary:
    """The synonym tables, read once: target → synonym word tuples, and the word lists that qualify them."""

    synonyms: dict[tuple[str, ...], str]
    squashed: dict[str, str]
    rank: dict[tuple[str, ...], int]
    filler: frozenset[str]
    sensitive: frozenset[str]
    pay: frozenset[str]
    measure: frozenset[str]
    stopwords: frozenset[str]
    known: frozenset[str]


def _raw_words(text: str) -> list[str]:
    return _WORD.findall(_fold(_CAMEL.sub(" ", str(text))))


@cache
def vocabulary() -> Vocabulary:
    """The header vocabulary from header_synonyms.yaml (loaded once per process)."""
    data = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8"))
    stop = frozenset(map(_fold, data["stopwords"]))
    lists = {key: frozenset(w for item in data[key] for w in _raw_words(item))
             for key in ("filler", "sensitive", "pay", "measure")}
    synonyms: dict[tuple[str, ...], str] = {}
    rank: dict[tuple[str, ...], int] = {}  # a synonym's place in its target's list: the usual names come first
    for target, languages in data["targets"].items():
        place = 0
        for names in languages.values():
            for name in names:
                key = tuple(w for w in _raw_words(name) if w not in stop)
                if key not in synonyms:  # the first target listing a synonym keeps it
                    synonyms[key], rank[key] = target, place
                place += 1
    known = frozenset(w for key in synonyms for w in key) | lists["filler"] | lists["measure"] | stop
    return Vocabulary(synonyms=synonyms, squashed={"".join(k): t for k, t in synonyms.items()}, rank=rank,
                      filler=lists["filler"], sensitive=lists["sensitive"], pay=lists["pay"],
                      measure=lists["measure"], stopwords=stop, known=known)


def _segment(word: str, known: frozenset[str]) -> list[str]:
    """'dateoftermination' → ['date', 'of', 'termination'] when every piece is a known word, else [word]."""
    if word in known or len(word) < 6 or not word.isascii():
        return [word]
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 20), end):
            piece = word[start:end]
            if best[start] is not None and piece in known and len(piece) > 1:
                candidate = [*best[start], piece]
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    return best[-1] or [word]


_SCALE_TO = r"\s*(?:-|–|—|to|bis|à|a|tot)\s*"
#: A scale statement at the end of a header, taken off before the skill's name is matched ('Python (1-4)' is Python).
_TRAILING = re.compile(rf"\s*(?:[(\[]\s*[01]{_SCALE_TO}\d{{1,2}}\s*[)\]]|[(\[]?\s*/\s*\d{{1,2}}\s*[)\]]?|"
                       rf"[(\[]?\s*(?:out\s+of|sur|von)\s+\d{{1,2}}\s*[)\]]?)\s*$", re.IGNORECASE)


def without_scale(name: str) -> str:
    """A header without the level scale it states at its end: 'SQL /4' → 'SQL', 'Python (1-4)' → 'Python'."""
    bare = _TRAILING.sub("", name)
    return bare if bare.strip() else name


@cache
def header_words(header: str) -> tuple[str, ...]:
    """The header's words, folded, without a level scale it states: 'DateofHire' → ('date', 'hire');
    'Employee #' → ('employee', '#'); 'Level (1-5)' → ('level',)."""
    vocab = vocabulary()
    words: list[str] = []
    for word in _raw_words(without_scale(header)):
        words += _segment(word, vocab.known)
    return tuple(w for w in words if w not in vocab.stopwords)


@dataclass(frozen=True)
class HeaderMatch:
    """A target the header names, how sure (0–1), and how it was matched (for the reason shown to the user)."""

    target: str
    score: float
    how: str
    rank: int = 0  # the synonym's place in its target's list (ties between columns go to the more usual name)


@cache
def header_targets(header: str, *, typo_threshold: float = 86.0) -> list[HeaderMatch]:
    """Targets this header names: its exact words, its words with filler beside them, or a slip of a synonym."""
    vocab = vocabulary()
    words = header_words(header)
    if not words:
        return []
    found: dict[str, HeaderMatch] = {}

    def add(key: tuple[str, ...] | str, score: float, how: str) -> bool:
        if isinstance(key, str):
            key = next((k for k in vocab.synonyms if "".join(k) == key), (key,))
        target = vocab.synonyms.get(key) or vocab.squashed.get("".join(key))
        if target is None:
            return False
        if target not in found or found[target].score < score:
            found[target] = HeaderMatch(target, score, how, vocab.rank.get(key, 0))
        return True

    add(words, EXACT, "the header names it")
    core = tuple(w for w in words if w not in vocab.filler)
    if core and core != words:
        add(core, WITH_FILLER, "the header names it")
    if not found:  # 'Roles', 'Departments': a synonym in the plural
        singular = tuple(_singular(w, vocab) for w in core or words)
        if singular != (core or words):
            add(singular, PLURAL, "the header names it (in the plural)")
    if not found and (period := _hours_per(words)):  # 'Std Hrs/Wk', 'Hours/Week', 'Hrs per month'
        found[period] = HeaderMatch(period, WITH_FILLER, "the header names it (hours and the period they count)")
    squashed = "".join(words)
    if not found and len(squashed) >= 5 and squashed.isascii():
        choices = [k for k in vocab.squashed if len(k) >= 5 and abs(len(k) - len(squashed)) <= 2]
        for key, ratio, _ in process.extract(squashed, choices, scorer=fuzz.ratio, score_cutoff=typo_threshold,
                                             limit=3):
            if not _adds_a_word(words, key, vocab):
                shown = " ".join(next(k for k in vocab.synonyms if "".join(k) == key))
                add(key, round(0.9 * ratio / 100, 2), f"the header looks like a typing slip of '{shown}'")
    if not found and len(words) == 1:
        _abbreviation(words[0], add)
    return sorted(found.values(), key=lambda m: -m.score)


#: Hours and the period they count, written short or in another language ('Std Hrs/Wk', 'Stunden/Woche').
_HOUR_WORDS = frozenset({"hours", "hrs", "hr", "h", "stunden", "std", "stunde", "arbeitsstunden", "heures", "horas", "uren",
                         "ore"})
_PERIODS = {"week": "weekly_hours", "wk": "weekly_hours", "weekly": "weekly_hours", "woche": "weekly_hours",
            "semaine": "weekly_hours", "semana": "weekly_hours", "semanal": "weekly_hours", "settimana": "weekly_hours",
            "month": "monthly_hours", "monthly": "monthly_hours", "mo": "monthly_hours", "monat": "monthly_hours",
            "mois": "monthly_hours", "mes": "monthly_hours", "mensal": "monthly_hours", "mensual": "monthly_hours",
            "maand": "monthly_hours"}
_HOURS_FILLER = frozenset({"std", "standard", "scheduled", "contracted", "contract", "contractual", "working", "work",
                           "per", "arbeit", "arbeits", "soll", "default"})


def _hours_per(words: tuple[str, ...]) -> str | None:
    """'weekly_hours' or 'monthly_hours' for a header of an hours word, one period word and filler; else None."""
    hours = [w for w in words if w in _HOUR_WORDS]
    periods = {_PERIODS[w] for w in words if w in _PERIODS}
    rest = [w for w in words if w not in _HOUR_WORDS and w not in _PERIODS and w not in _HOURS_FILLER]
    return periods.pop() if hours and len(periods) == 1 and not rest else None


#: An unknown word this long may be a field's name cut short ('Proj', 'Alloc'); shorter ones say too little.
ABBREVIATION_LETTERS = (3, 6)


def _abbreviation(word: str, add) -> None:
    """'Proj' → project, 'Alloc' → allocation: a word no synonym holds that begins exactly one field's one-word
    name, at a score that is always asked (never applied)."""
    vocab = vocabulary()
    low, high = ABBREVIATION_LETTERS
    if not (low <= len(word) <= high) or word in vocab.known or not word.isalpha():
        return
    longer = {key: target for key, target in vocab.synonyms.items()
              if len(key) == 1 and key[0].startswith(word) and key[0] != word}
    shortest = min((len(k[0]) for k in longer), default=0)
    nearest = {k: t for k, t in longer.items() if len(k[0]) == shortest}  # 'proj': 'projet' before 'projektende'
    if len(set(nearest.values())) == 1:  # said by the target's most usual name it begins ('project')
        target = next(iter(nearest.values()))
        key = min((k for k, t in longer.items() if t == target), key=lambda k: vocab.rank.get(k, 0))
        add(key, ABBREVIATED, f"the header may be short for '{key[0]}'")


def _singular(word: str, vocab: Vocabulary) -> str:
    """'roles' → 'role', 'companies' → 'company' when the singular is a word of some synonym; else the word."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return word
    for candidate in ((word[:-3] + "y") if word.endswith("ies") else None, word[:-1], word[:-2]):
        if candidate and candidate in vocab.known:
            return candidate
    return word


def _adds_a_word(words: tuple[str, ...], key: str, vocab: Vocabulary) -> bool:
    """True when the header holds a known word the synonym lacks ('PositionID' is not a slip of 'position')."""
    return any(w in vocab.known and w not in key for w in words)


def _unspaced(word: str) -> bool:
    """Words of scripts written without spaces (Japanese, Chinese): compounds such as 標準報酬月額 hold them."""
    return any("\u3040" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for c in word)


def _holds(header: str, words: frozenset[str]) -> bool:
    """A listed word is one of the header's words, or (scripts without spaces) inside one of them."""
    found = header_words(header)
    if any(w in words for w in found):
        return True
    return any(term in w for w in found if _unspaced(w) for term in words if _unspaced(term))


@cache
def _pay_words() -> frozenset[str]:
    """One-word names of the yearly pay ('salary', 'gehalt', 'sueldo' …)."""
    return frozenset(key[0] for key, target in vocabulary().synonyms.items() if target == "salary" and len(key) == 1)


def is_sensitive(header: str) -> bool:
    """True for personal data a staffing plan does not need (gender, date of birth, national id numbers, …)."""
    words = set(header_words(header))
    if {"mobile", "cell"} & words and {"number", "no", "nr", "num", "#"} & words:
        return True  # 'Mobile Number' (a private phone), though 'Mobile Development' is a skill
    return _holds(header, vocabulary().sensitive)


def is_other_pay(header: str) -> bool:
    """True for pay figures (income, bonus, stock, daily/hourly/monthly rates) that are not a cost column."""
    words = set(header_words(header))
    if _holds(header, vocabulary().pay) or words & _pay_words():
        return True  # 'Monthly Salary', 'Gehalt 2023': a pay word, though not the cost column's exact name
    return bool(words & _RATE_WORDS) and bool(words & _PERIOD_WORDS)


#: A rate per period is pay ('hourly rate', 'taux horaire', 'tarifa por hora', 'valor hora', 'taxa horária').
_RATE_WORDS = frozenset({"rate", "taux", "tarif", "tarifa", "taxa", "tasa", "valor", "precio", "preco", "prix"})
_PERIOD_WORDS = frozenset({"daily", "hourly", "monthly", "weekly", "day", "hour", "month", "horaire", "journalier",
                           "mensuel", "heure", "jour", "hora", "horaria", "dia", "diaria", "mes", "mensual", "mensal"})


#: Words for hours: a column of them is working time ('heures_travaillees', 'Horas trabajadas') when no FTE is read.
_HOURS_WORDS = frozenset({"hours", "hrs", "heures", "horas", "stunden", "uren", "ore", "часы", "часов"})


def names_hours(header: str) -> bool:
    """True when the header speaks of hours ('heures travaillées', 'Stunden', 'Monthly hours')."""
    return bool(set(header_words(header)) & _HOURS_WORDS)


def has_measure_word(header: str) -> bool:
    """True when the header names a count, a measure or a code ('YearsAtCompany', 'JobSatisfaction')."""
    return any(w in vocabulary().measure for w in header_words(header))


def names_a_field(header: str) -> bool:
    """True when the header names a field, or holds a one-word field name among other words ('FTE 2')."""
    if header_targets(header):
        return True
    single = {key[0] for key in vocabulary().synonyms if len(key) == 1}
    return any(w in single for w in header_words(header))
