"""Find the real header row under report titles, a second header row, category rows and totals rows."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.domain.skills import SkillCatalogue
from app.roster_import.levels import level_word, numeric_level
from app.roster_import.mapping import exact_target, match_skill
from app.roster_import.normalise import as_text, is_blank
from app.roster_import.readers import RawSheet

SCAN_ROWS = 30
TOTALS = re.compile(r"^(?:grand\s+total|sub-?total|total|totals|sum|count|average|avg|summe|gesamt)\b", re.I)


@dataclass
class HeaderInfo:
    """Where the header is (0-based indexes into sheet.rows) and the column names it gives."""

    index: int
    names: list[str]
    second_index: int | None = None
    categories: list[str | None] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def data_start(self) -> int:
        """Index of the first row after the header row(s)."""
        return (self.second_index if self.second_index is not None else self.index) + 1


def _texts(row: list) -> list[str]:
    return [as_text(c) for c in row]


def header_score(row: list, catalogue: SkillCatalogue) -> float:
    """How much a row looks like a roster header: known field names count most, skills next, text a little."""
    score = 0.0
    texts = 0
    for cell in row:
        if not isinstance(cell, str) or not cell.strip():
            if not is_blank(cell):
                score -= 0.5  # numbers and dates are data, not headers
            continue
        texts += 1
        if exact_target(cell):
            score += 2
        elif catalogue.resolve(cell):
            score += 1
    return score + (0.1 * texts if texts >= 2 else 0)


def detect_header(sheet: RawSheet, catalogue: SkillCatalogue, *, header_row: int | None = None) -> HeaderInfo:
    """The header row (1-based override allowed), a second header row when present, and category labels."""
    rows = sheet.rows
    if header_row is not None:
        index = header_row - 1 - sheet.first_row
        if not 0 <= index < len(rows):
            raise IndexError(header_row)
    else:
        best, index = float("-inf"), 0
        for i, row in enumerate(rows[:SCAN_ROWS]):
            score = header_score(row, catalogue)
            if score > best:
                best, index = score, i
    names = _texts(rows[index]) if rows else []
    info = HeaderInfo(index=index, names=names)
    if header_row is None and index + 1 < len(rows):
        _maybe_second_header(info, rows[index + 1], catalogue)
    info.categories = _categories(sheet, info.index)
    info.names = _unique(_fill_names(info.names))
    return info


def _maybe_second_header(info: HeaderInfo, below: list, catalogue: SkillCatalogue) -> None:
    cells = [c for c in below if not is_blank(c)]
    if len(cells) < 2 or not all(isinstance(c, str) for c in cells):
        return
    if sum(1 for c in cells if level_word(c) is not None) > len(cells) / 3:
        return  # a row of level words is data
    hits = sum(1 for c in cells if exact_target(c) or catalogue.resolve(c))
    if hits < max(2, len(cells) // 3):
        return
    upper = info.names
    lower = _texts(below)
    upper_hits = sum(1 for c in upper if c and (exact_target(c) or catalogue.resolve(c)))
    merged = []
    for i in range(max(len(upper), len(lower))):
        a = upper[i] if i < len(upper) else ""
        b = lower[i] if i < len(lower) else ""
        # prefer the label that names a known field; the other row keeps technical ids
        if b and (exact_target(b) or catalogue.resolve(b) or not a):
            merged.append(b)
        elif a and (exact_target(a) or catalogue.resolve(a)):
            merged.append(a)
        else:
            merged.append(b or a)
    info.second_index = info.index + 1
    info.names = merged
    info.notes.append(f"two header rows (rows {info.index + 1} and {info.index + 2} of the data area); "
                      f"{upper_hits} known names in the first, {hits} in the second")


def _categories(sheet: RawSheet, index: int) -> list[str | None]:
    """Labels of a category row above the header (merged cells spread across the columns they cover)."""
    if index == 0:
        return []
    above = sheet.rows[index - 1]
    width = len(sheet.rows[index])
    filled = [as_text(c) or None for c in above] + [None] * max(0, width - len(above))
    absolute_row = sheet.first_row + index - 1
    spread = False
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 <= absolute_row <= r1 and c1 > c0:
            label = filled[c0 - sheet.first_col] if 0 <= c0 - sheet.first_col < len(filled) else None
            for c in range(c0, c1 + 1):
                j = c - sheet.first_col
                if 0 <= j < len(filled) and label:
                    filled[j] = label
                    spread = True
    non_empty = sum(1 for x in filled if x)
    if not spread and non_empty < 2:
        return []  # a lone title cell is a report title, not a category row
    return filled[:width]


def _fill_names(names: list[str]) -> list[str]:
    return [n if n else f"Column {i + 1}" for i, n in enumerate(names)]


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        if n in seen:
            seen[n] += 1
            out.append(f"{n} ({seen[n]})")
        else:
            seen[n] = 1
            out.append(n)
    return out


def is_totals_row(row: list) -> bool:
    """True when the first filled cell says Total / Sum / Count … (a summary row, not a person)."""
    for cell in row[:3]:
        if isinstance(cell, str) and cell.strip():
            return bool(TOTALS.match(cell.strip()))
    return False


def skill_like_columns(sheet: RawSheet, info: HeaderInfo, *, sample: int = 200) -> list[bool]:
    """Per column: are the filled values (in a sample of data rows) all level numbers 0–10 or level words?"""
    rows = sheet.rows[info.data_start:info.data_start + sample]
    width = len(info.names)
    out = []
    for j in range(width):
        seen = 0
        ok = True
        for row in rows:
            if j >= len(row) or is_blank(row[j]):
                continue
            seen += 1
            value = row[j]
            number = numeric_level(value)
            if number is not None:
                if not 0 <= number <= 10:
                    ok = False
                    break
            elif not isinstance(value, str) or level_word(value) is None:
                ok = False
                break
        out.append(ok and seen > 0)
    return out


def fuzzy_skill_headers(names: list[str], catalogue: SkillCatalogue, threshold: float) -> dict[str, tuple[str, float]]:
    """Skill matches for header names, for the wizard's preview."""
    out = {}
    for n in names:
        m = match_skill(n, catalogue, threshold=threshold)
        if m:
            out[n] = m
    return out
