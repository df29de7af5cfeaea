"""Skill levels: the source scale (from a legend or the values), every scale onto the canonical 0–5, list cells."""
from __future__ import annotations

import ast
import json
import math
import re
import unicodedata
from collections.abc import Iterable

from app.domain.people import Evidence
from app.roster_import.cell_values import ValueProblem, as_text, is_blank

#: Canonical level of each source scale value (LEVEL_LABELS: 0 None … 5 Expert).
SCALE_MAPS: dict[str, dict[int, int]] = {
    "0-5": {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5},
    "1-5": {1: 1, 2: 2, 3: 3, 4: 4, 5: 5},
    "0-4": {0: 0, 1: 2, 2: 3, 3: 4, 4: 5},
    "0-3": {0: 0, 1: 2, 2: 3, 3: 5},
    "1-3": {1: 2, 2: 3, 3: 5},
    "1-4": {1: 2, 2: 3, 3: 4, 4: 5},
    "1-7": {1: 1, 2: 2, 3: 3, 4: 3, 5: 4, 6: 5, 7: 5},
    "0-10": {0: 0, 1: 1, 2: 1, 3: 2, 4: 2, 5: 3, 6: 3, 7: 4, 8: 4, 9: 5, 10: 5},
}
SCALES = (*SCALE_MAPS, "0-100", "binary", "words")
#: Level a 1 stands for in a skill column holding only 0 and 1 ("has the skill"), unless the user says otherwise.
BINARY_LEVEL = 3

#: Level words as HR files write them (Dreyfus, NIH, home-made), folded to lower case.
LEVEL_WORDS: dict[str, int] = {
    "none": 0, "no knowledge": 0, "not applicable": 0,
    "awareness": 1, "aware": 1, "fundamental awareness": 1, "novice": 1, "basic awareness": 1, "trainee": 1,
    "beginner": 2, "basic": 2, "advanced beginner": 2, "foundation": 2, "familiar": 2, "limited": 2, "low": 2,
    "elementary": 2, "junior": 2,
    "intermediate": 3, "practitioner": 3, "competent": 3, "working": 3, "working knowledge": 3, "medium": 3,
    "proficient": 3, "applied": 3, "mid": 3,
    "advanced": 4, "strong": 4, "skilled": 4, "high": 4, "senior": 4, "experienced": 4,
    "expert": 5, "master": 5, "authority": 5, "lead": 5, "guru": 5, "very high": 5,
    # French, German, Spanish, Portuguese, Dutch, Italian (folded: no accents)
    "aucun": 0, "aucune": 0, "keine": 0, "keine kenntnisse": 0, "ninguno": 0, "nenhum": 0, "geen": 0, "nessuno": 0,
    "notions": 1, "sensibilisation": 1, "grundlagen": 2, "grundkenntnisse": 2, "anfanger": 2, "einsteiger": 2,
    "debutant": 2, "elementaire": 2, "de base": 2, "basico": 2, "principiante": 2, "bajo": 2, "iniciante": 2,
    "basis": 2, "basiskennis": 2, "beginnend": 2, "base": 2,
    "intermediaire": 3, "moyen": 3, "mittel": 3, "gut": 3, "gute kenntnisse": 3, "intermedio": 3, "medio": 3,
    "intermediario": 3, "gemiddeld": 3, "redelijk": 3,
    "avance": 4, "confirme": 4, "fortgeschritten": 4, "sehr gut": 4, "sehr gute kenntnisse": 4, "avanzado": 4,
    "alto": 4, "avancado": 4, "experiente": 4, "gevorderd": 4, "goed": 4, "avanzato": 4,
    "experte": 5, "expertise": 5, "profi": 5, "experto": 5, "especialista": 5, "esperto": 5, "deskundig": 5,
}
_EVIDENCE_WORDS: dict[str, Evidence] = {
    "self": Evidence.SELF, "self-rated": Evidence.SELF, "self rated": Evidence.SELF, "self assessed": Evidence.SELF,
    "self-assessed": Evidence.SELF, "self-assessment": Evidence.SELF, "employee": Evidence.SELF,
    "manager": Evidence.MANAGER, "manager-rated": Evidence.MANAGER, "manager rated": Evidence.MANAGER,
    "manager assessed": Evidence.MANAGER, "line manager": Evidence.MANAGER, "peer": Evidence.MANAGER,
    "certified": Evidence.CERTIFIED, "certification": Evidence.CERTIFIED, "certificate": Evidence.CERTIFIED,
    "cert": Evidence.CERTIFIED, "verified": Evidence.CERTIFIED, "assessed": Evidence.CERTIFIED,
}
#: A level number, optionally after a level word or a level code's letter ('Level 3', 'Lvl 2', 'L3', 'D2', 'P4').
_NUMBER = re.compile(r"^\s*(?:(?:level|lvl|niveau|nivel|nível|stufe)\s*|[ldp](?=\d\s*$))?(\d+(?:[.,]\d+)?)\s*"
                     r"(?:/\s*\d+)?\s*(%)?\s*$", re.IGNORECASE)


def _word_key(text: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z -]+", " ", folded).replace("-", " ").split())


def level_word(text: str) -> int | None:
    """Canonical level of a level word ('Advanced' → 4), or None when it is not one."""
    key = _word_key(text)
    if key in LEVEL_WORDS:
        return LEVEL_WORDS[key]
    hyphen = text.strip().lower()
    return LEVEL_WORDS.get(hyphen)


def numeric_level(value: object) -> float | None:
    """The number in a level cell (3, '3', '3/5', '3,5', '80%'), or None when the cell is not numeric."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    m = _NUMBER.match(str(value))
    if not m:
        return None
    number = float(m.group(1).replace(",", "."))
    return number


def detect_scale(numbers: Iterable[float]) -> str | None:
    """The source scale that explains the numbers seen; a 0 among them means a scale that starts at 0.

    Only 0 and 1 → 'binary' (has the skill or not); else '0-3', '0-4', '0-5', '1-5', '1-7', '0-10' or '0-100'.
    """
    seen = [n for n in numbers if n >= 0]
    if not seen:
        return None
    low, high = min(seen), max(seen)
    if high > 10:
        return "0-100"
    if low == 0 and set(seen) <= {0.0, 1.0}:
        return "binary"
    if high > 7:
        return "0-10"
    if high > 5:
        return "0-10" if low == 0 else "1-7"
    if low == 0:
        return "0-3" if high <= 3 else "0-4" if high <= 4 else "0-5"
    return "1-5"


def scale_of_legend(numbers: Iterable[int]) -> str | None:
    """The scale a legend describes ('0 = none … 4 = expert' → '0-4'), when it is one Phasegate knows."""
    seen = sorted(set(numbers))
    if len(seen) < 2 or seen != list(range(seen[0], seen[-1] + 1)):
        return None
    scale = f"{seen[0]}-{seen[-1]}"
    if seen == [0, 1]:
        return "binary"
    return scale if scale in SCALE_MAPS else None


def to_canonical(number: float, scale: str, *, binary_level: int = BINARY_LEVEL) -> int:
    """Canonical 0–5 level of a number on a source scale; raises ValueProblem when outside the scale."""
    if scale == "binary":
        if number in (0, 1):
            return binary_level if number == 1 else 0
        raise ValueProblem(f"{number:g} is neither 0 nor 1 (the skill columns hold only 0 and 1)")
    if scale == "0-100":
        if not 0 <= number <= 100:  # also false for NaN
            raise ValueProblem(f"{number:g} is outside the 0–100 scale")
        return min(5, int(number / 20 + 0.5))
    table = SCALE_MAPS.get(scale)
    if not math.isfinite(number):
        raise ValueProblem("the level is not a finite number")
    if table is None:
        raise ValueProblem(f"unknown scale '{scale}'")
    rounded = int(number + 0.5)
    if rounded not in table:
        low, high = min(table), max(table)
        raise ValueProblem(f"{number:g} is outside the {low}–{high} scale used in this file")
    return table[rounded]


_MARKS = frozenset({"x", "✓", "✔", "yes", "y"})


def parse_level(value: object, scale: str | None, *, binary_level: int = BINARY_LEVEL) -> int | None:
    """Canonical level of a cell (None for blank, '-', 'n/a'); words work on any scale; 'x' marks a binary skill."""
    if is_blank(value) and not (isinstance(value, str) and value.strip().lower() == "none"):
        return None
    number = numeric_level(value)
    if number is not None:
        if isinstance(value, str) and value.strip().endswith("%"):
            return to_canonical(number, "0-100")
        return to_canonical(number, scale or "0-5", binary_level=binary_level)
    if scale == "binary" and isinstance(value, str) and value.strip().lower() in _MARKS:
        return binary_level
    word = level_word(str(value))
    if word is None:
        raise ValueProblem(f"'{str(value).strip()[:30]}' is not a skill level (use a number or a word such as "
                           "Beginner / Intermediate / Advanced / Expert)")
    return word


def parse_evidence(value: object) -> Evidence:
    """Evidence from words such as self / manager / certified (UNKNOWN when blank or not recognised)."""
    if is_blank(value):
        return Evidence.UNKNOWN
    text = " ".join(str(value).strip().lower().split())
    return _EVIDENCE_WORDS.get(text) or _EVIDENCE_WORDS.get(text.split(" ")[0], Evidence.UNKNOWN)


_LIST_SPLIT = re.compile(r"[;\n|]+|,(?![^()]*\))")
_ITEM = re.compile(r"^\s*(?P<name>.+?)\s*(?:\((?P<paren>[^()]*)\)|[:=]\s*(?P<after>[^:=]+)|\s+-\s+(?P<dash>.+))?\s*$")


def literal_items(text: str) -> list[tuple[str, str | None]] | None:
    """Items of a cell written as a Python or JSON list ("['frontend', 'sql']", '[["Python", 4]]', '{"SQL": 3}')."""
    stripped = text.strip()
    if not (stripped[:1] in "[{(" and stripped[-1:] in "]})"):
        return None
    try:
        value = json.loads(stripped)
    except ValueError:
        try:
            value = ast.literal_eval(stripped)  # literals only: never runs code
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return None
    if isinstance(value, dict):
        return [(as_text(k), as_text(v) or None) for k, v in value.items() if as_text(k)]
    if not isinstance(value, list | tuple):
        return None
    items = []
    for item in value:
        if isinstance(item, list | tuple) and item:
            items.append((as_text(item[0]), as_text(item[1]) if len(item) > 1 and as_text(item[1]) else None))
        elif as_text(item):
            items.append((as_text(item), None))
    return [(n, lv) for n, lv in items if n]


#: A list answer that names no skill ('None', 'N/A', 'Non of the above', 'Keine').
_NO_SKILL = re.compile(r"^\s*(?:(?:none?|no|nil|nothing|n/?a|-+|nenhum[a]?|ninguno|ninguna|keine?|aucun[e]?)"
                       r"(?:\s+of\s+(?:the\s+)?above)?)\s*[.!]?\s*$", re.IGNORECASE)


def _level_text(text: str) -> bool:
    """True when a text can be a level: a number, a percentage, a level word or a tick."""
    text = text.strip()
    return numeric_level(text) is not None or level_word(text) is not None or text.lower() in ("x", "✓", "✔")


def split_skill_list(text: str) -> list[tuple[str, str | None]]:
    """'Python (Expert); SQL: 3, dbt=2' → [('Python', 'Expert'), ('SQL', '3'), ('dbt', '2')]; list literals too."""
    literal = literal_items(text)
    if literal is not None:
        return literal
    items = []
    for part in _LIST_SPLIT.split(text):
        if not part.strip():
            continue
        m = _ITEM.match(part)
        if not m:
            continue
        level = m.group("paren") or m.group("after") or m.group("dash")
        name = m.group("name").strip()
        if (m.group("paren") or m.group("dash")) and not _level_text(level):
            # 'Python - Pandas - data manipulation', 'Python (pandas)': the dash or parenthesis holds no level,
            # so it is part of the skill's name rather than a level to reject
            name, level = part.strip(), None
        if level is None:
            tail = re.match(r"^(.*?)\s+(\d(?:[.,]\d)?)$", name)
            if tail:
                name, level = tail.group(1), tail.group(2)
        if name and not _NO_SKILL.match(name):
            items.append((name, level.strip() if level else None))
    return items
