"""The file's level scale: the user's, a legend's, a header's ('Python (1-4)', 'SQL /4'), else the values' — and the
question to ask when the values stop below 5 and nothing says where the top is (4 may be Expert or Advanced)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.skills import LEVEL_LABELS
from app.roster_import.cell_values import as_text
from app.roster_import.converters import CellReader
from app.roster_import.header_words import without_scale
from app.roster_import.models import ColumnMapping
from app.roster_import.skill_levels import SCALE_MAPS, detect_scale, numeric_level

_TO = r"\s*(?:-|–|—|to|bis|à|a|tot)\s*"
#: A range in brackets ('(1-4)', '[0–5]'), or beside a word that says it is a scale ('scale 1-4', '1 to 4 rating').
_RANGE_BRACKETS = re.compile(rf"[(\[]\s*([01]){_TO}(\d{{1,2}})\s*[)\]]", re.IGNORECASE)
_SCALE_WORD = (r"(?:scale|skala|[ée]chelle|escala|schaal|levels?|rating|niveaux?|stufen?|nivel(?:es)?|"
               r"bewertung|notation)")
_RANGE_WORD = re.compile(rf"{_SCALE_WORD}\D{{0,12}}?(?<![\d.])([01]){_TO}(\d{{1,2}})(?![\d.])|"
                         rf"(?<![\d.])([01]){_TO}(\d{{1,2}})(?![\d.])\s*{_SCALE_WORD}", re.IGNORECASE)
#: Only the top: 'SQL /4', 'Python (/5)', 'out of 4', 'sur 4', 'von 5'.
_TOP = re.compile(r"(?:^|[\s(\[])/\s*(\d{1,2})\s*[)\]]?\s*$|\b(?:out\s+of|sur|von)\s+(\d{1,2})\b", re.IGNORECASE)


def stated_scale(texts: Iterable[str], *, zeros: bool, need_word: bool = False) -> tuple[str, str] | None:
    """(scale, the text that says it) when every text that states a level scale states the same one; None when none
    does or they disagree. A top alone ('/4') takes its low end from the values (a 0 among them: 0–4)."""
    found: dict[str, str] = {}
    for text in texts:
        scale = _scale_in(text, zeros=zeros, need_word=need_word)
        if scale:
            found.setdefault(scale, text)
    if len(found) != 1:
        return None
    return next(iter(found.items()))


def _scale_in(text: str, *, zeros: bool, need_word: bool) -> str | None:
    m = _RANGE_WORD.search(text) or (None if need_word else _RANGE_BRACKETS.search(text))
    if m:
        low, high = (int(g) for g in m.groups() if g is not None)
        scale = f"{low}-{high}"
        return scale if scale in SCALE_MAPS else _known(high, zeros)
    m = None if need_word else _TOP.search(text)
    if m:
        return _known(int(next(g for g in m.groups() if g is not None)), zeros)
    return None


def _known(top: int, zeros: bool) -> str | None:
    for low in ((0, 1) if zeros else (1, 0)):
        if f"{low}-{top}" in SCALE_MAPS:
            return f"{low}-{top}"
    return None


@dataclass(frozen=True)
class OpenScale:
    """Levels that stop below 5 with nothing to say the scale: the two readings and the question that asks."""

    short: str  # '1-4': the top seen is the top of the scale
    long: str  # '1-5': the top seen is below the top (written in the mapping file as the suggestion)
    question: str


def open_scale(values: Iterable[object]) -> OpenScale | None:
    """The question when numeric levels run no higher than 4 (1–4, 1–3, D1–D3, 0–4, 0–3): the top seen may be the
    scale's top (Expert) or below a 5 nobody reached; None when the values reach 5, are 0/1 only, or are no numbers."""
    numbered = sorted({(n, as_text(v).strip()) for v in values
                       if (n := numeric_level(v)) is not None and not as_text(v).strip().endswith("%")})
    if not numbered:
        return None
    low, high = numbered[0][0], numbered[-1][0]
    if high >= 5 or high < 2 or low < 0 or high != int(high):
        return None
    start = 0 if low < 1 else 1
    short, long = f"{start}-{3 if high <= 3 else 4}", f"{start}-5"
    top = int(high)
    low_text, high_text = numbered[0][1], numbered[-1][1]
    shown = ", ".join(dict.fromkeys(text for _, text in numbered))
    as_short = f"{high_text} = {LEVEL_LABELS[SCALE_MAPS[short][top]]}"
    as_long = f"{high_text} = {LEVEL_LABELS[SCALE_MAPS[long][top]]}"
    first = (f"is {high_text} the top" if int(short[-1]) == top else f"is the scale {short.replace('-', '–')}")
    question = (f"the skill levels run from {low_text} to {high_text} ({shown}) and nothing in the file says the scale "
                f"(no legend, no '({start}-5)' in a header): {first} (set \"scale\" to \"{short}\": {as_short}) or "
                f"is it a {long.replace('-', '–')} scale (\"scale\": \"{long}\", written in the mapping file: "
                f"{as_long})?")
    return OpenScale(short=short, long=long, question=question)


def read_scale(cells: CellReader, mapping: ColumnMapping, *, legend: tuple[str, str] | None, names: list[str],
               categories: list[str | None], above: list[list], layout: str, matrix: list[tuple[int, str]],
               data: list[list], person_rows: list[int]) -> list[str]:
    """Sets the file's level scale — the user's, the legend's, the level columns' headers' (or a title's above the
    header), else from the person rows' values — and the question to ask when the values do not settle it; notes
    on how it was found."""
    level_cols = [j for j, _ in matrix] if layout == "matrix" else [
        j for j, n in enumerate(names) if layout == "long" and mapping.target_of(n) == "skill_level"]
    list_cols = [j for j, n in enumerate(names) if layout == "list" and mapping.target_of(n) == "skills_list"]
    headers = [t for j in [*level_cols, *list_cols] for t in (names[j], (categories[j:j + 1] or [None])[0]) if t]
    titles = [c for row in above for c in row if isinstance(c, str) and c.strip()]
    values: set = set()
    rows = [data[k] for k in person_rows]
    for j in level_cols:
        try:
            values.update([row[j] for row in rows])
        except IndexError:  # ragged rows: the short ones lack the column
            values.update([row[j] for row in rows if j < len(row)])
    for j in list_cols:
        for cell in {row[j] for row in rows if j < len(row)}:
            values.update(v for v in cells.list_values(cell) if v)
    values.discard("")
    values.discard(None)
    notes: list[str] = []
    detected = cells.detect_scale(values)
    zeros = any(numeric_level(v) == 0 for v in values)
    said = None if mapping.scale or legend else (
        stated_scale(headers, zeros=zeros) or stated_scale(titles, zeros=zeros, need_word=True))
    if mapping.scale:
        cells.scale = mapping.scale
        return _binary_note(cells, notes)
    if legend or said:
        cells.scale, source = legend or (said[0], f"{said[0].replace('-', '–')}, as '{said[1]}' says")
        notes.append(f"level scale {source}")
        if detected and detected not in (cells.scale, "binary", "words"):
            notes.append(f"some levels fall outside the {'legend' if legend else 'header'}'s scale (they look like "
                         f"{detected}); those cells are reported")
        return _binary_note(cells, notes)
    if cells.scale not in (None, "binary", "words") and (asked := open_scale(values)):
        cells.scale, cells.scale_question = asked.long, asked.question
    return _binary_note(cells, notes)


def _binary_note(cells: CellReader, notes: list[str]) -> list[str]:
    if cells.scale == "binary":
        notes.append(f"the skill columns hold only 0 and 1 (has the skill or not): a 1 is recorded as level "
                     f"{cells.binary_level} ({LEVEL_LABELS[cells.binary_level]}); set \"binary_level\" in the mapping "
                     "file (or choose in the import window) if it stands for another level")
    return notes


__all__ = ["OpenScale", "detect_scale", "open_scale", "read_scale", "stated_scale", "without_scale"]
