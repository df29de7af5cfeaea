"""Find the header: a row of distinct text labels above a consistent block of data, under any report titles.

Also a second header row (SuccessFactors), a category row above the header ("Skills (1–5)" over the skill
columns), and a legend in the title block ("4 = Expert … 0 = Not familiar") that says the level scale.
A row inside the data never wins because its values happen to be field words ("Supervisor", "Active"): its values
repeat in the same columns of the rows below, and a header's labels do not.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from app.domain.skills import SkillCatalogue
from app.roster_import.cell_values import as_text, is_blank
from app.roster_import.header_words import header_targets
from app.roster_import.read_file import RawSheet
from app.roster_import.read_skills import SkillMatcher
from app.roster_import.skill_levels import level_word, scale_of_legend

SCAN_ROWS = 30
#: Rows below a candidate header whose values are compared with its labels.
LOOK_BELOW = 60
_LEGEND_CELL = re.compile(r"^\s*(?:level|lvl|niveau|stufe|nivel|n[ií]vel|レベル)?\s*(\d{1,2})\s*(?:=|:|-|–|—|\))\s*(\S.*)$",
                          re.I)


@dataclass
class Legend:
    """A level legend found above the header: the scale it describes and its labels."""

    scale: str
    labels: dict[int, str]
    row: int  # 1-based, as the spreadsheet shows it

    def describe(self) -> str:
        """'0–4 (0 = Not familiar … 4 = Trainer level), from the legend on row 3'."""
        low, high = min(self.labels), max(self.labels)
        words = f" ({low} = {self.labels[low]} … {high} = {self.labels[high]})" if self.labels[low] else ""
        return f"{low}–{high}{words}, from the legend on row {self.row}"


@dataclass
class HeaderInfo:
    """Where the header is (0-based indexes into sheet.rows), the column names it gives, and what sits above it."""

    index: int
    names: list[str]
    second_index: int | None = None
    categories: list[str | None] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    legend: Legend | None = None
    labels: list[str] = field(default_factory=list)  # the names without a shared group prefix ('skills-Python')

    def label(self, j: int) -> str:
        """Column j's name as matched against fields and skills: without its group prefix, when it has one."""
        return self.labels[j] if j < len(self.labels) else self.names[j]

    @property
    def data_start(self) -> int:
        """Index of the first row after the header row(s)."""
        return (self.second_index if self.second_index is not None else self.index) + 1


def _is_text(cell: object) -> bool:
    return isinstance(cell, str) and bool(cell.strip()) and not is_blank(cell)


def _known(cell: str, matcher: SkillMatcher) -> float:
    """2 for a field name, 1 for a catalogue skill, 0 otherwise."""
    if header_targets(cell):
        return 2.0
    found = matcher.match(cell)
    return 1.0 if found and found[1] >= 0.95 else 0.0


def header_score(rows: list[list], i: int, matcher: SkillMatcher) -> float:
    """How much row i looks like a header: distinct text labels, known names, and data (not itself) below it."""
    row = rows[i]
    score = 0.0
    labels: dict[str, int] = {}
    for j, cell in enumerate(row):
        if _is_text(cell):
            text = cell.strip()
            labels.setdefault(text.casefold(), j)
            score += 0.3 + _known(text, matcher)
        elif not is_blank(cell) and cell != "":
            score -= 1.0  # numbers and dates are data, not labels
    filled = sum(1 for c in row if not is_blank(c) and c != "")
    if len(labels) < 2:
        return score - 5.0
    score -= filled - len(labels)  # a header's labels are distinct
    below = rows[i + 1:i + 1 + LOOK_BELOW]
    data_rows = sum(1 for r in below if sum(1 for c in r if not is_blank(c) and c != "") >= max(2, filled // 3))
    if data_rows == 0:
        score -= 3.0
    for text, j in labels.items():
        if any(j < len(r) and _is_text(r[j]) and r[j].strip().casefold() == text for r in below):
            score -= 1.5  # the same value again in this column below: a data row, not a header
    return score


_NUMBER_TEXT = re.compile(r"^\s*[-+]?\d[\d.,\s]*%?\s*$")


def data_like(row: list) -> bool:
    """True for a row that holds data, not column names: mostly numbers (also written as text, '0,5', '80%') or
    dates, and no cell naming a field — the row a file without a header starts with."""
    filled = [c for c in row if not is_blank(c) and c != ""]
    if not filled or any(_is_text(c) and header_targets(c.strip()) for c in filled):
        return False
    numeric = sum(1 for c in filled if not isinstance(c, str) or _NUMBER_TEXT.match(c))
    return numeric > len(filled) / 2


def detect_header(sheet: RawSheet, catalogue: SkillCatalogue, *, header_row: int | None = None) -> HeaderInfo:
    """The header row (1-based override allowed), a second header row when present, categories and a legend."""
    rows = sheet.rows
    matcher = SkillMatcher(catalogue)
    if header_row is not None:
        index = header_row - 1 - sheet.first_row
        if not 0 <= index < len(rows):
            raise IndexError(header_row)
    else:
        best, index = float("-inf"), 0
        for i in range(min(SCAN_ROWS, len(rows))):
            score = header_score(rows, i, matcher)
            if score > best:
                best, index = score, i
    names = [as_text(c) for c in rows[index]] if rows else []
    info = HeaderInfo(index=index, names=names)
    if header_row is None and index + 1 < len(rows):
        _maybe_second_header(info, rows[index + 1], matcher, rows[index + 2:index + 2 + LOOK_BELOW])
    info.categories = _categories(sheet, info.index)
    info.names = _unique(_fill_names(info.names))
    info.labels = list(info.names)
    grouped = prefix_groups(info.names)
    if grouped is not None:
        info.labels, prefixes = grouped
        info.categories = [c or p for c, p in zip(info.categories or [None] * len(prefixes), prefixes, strict=False)]
        info.notes.append("the headers carry a group in front of the name ('" + next(
            n for n, p in zip(info.names, prefixes, strict=True) if p) + "'): each group is read as a category")
    info.legend = find_legend(sheet, info.index)
    return info


_PREFIXED = re.compile(r"^\s*([^-:|]{2,40}?)\s*[-:|]\s*(\S.*)$")


def prefix_groups(names: list[str]) -> tuple[list[str], list[str | None]] | None:
    """('skills-Python', 'ID-name' …) → labels ('Python', 'name') and groups ('skills', 'ID'), when most headers
    carry one of a few repeated group prefixes; None for ordinary headers ('E-mail', 'Full-time' stay whole)."""
    parts = [_PREFIXED.match(n) for n in names]
    prefixed = [m for m in parts if m]
    if len(prefixed) < max(4, 0.6 * len(names)):
        return None
    groups = Counter(m.group(1).strip().casefold() for m in prefixed)
    shared = sum(n for n in groups.values() if n > 1)  # headers whose group other headers share
    if groups.most_common(1)[0][1] < 3 or shared < 2 / 3 * len(prefixed):
        return None
    labels = [m.group(2).strip() if m else n for m, n in zip(parts, names, strict=True)]
    prefixes = [m.group(1).strip().replace("_", " ") if m else None for m in parts]
    return labels, prefixes


def _maybe_second_header(info: HeaderInfo, below: list, matcher: SkillMatcher, data: list[list]) -> None:
    cells = [c for c in below if not is_blank(c)]
    if len(cells) < 2 or not all(isinstance(c, str) and not _NUMBER_TEXT.match(c) for c in cells):
        return  # numbers, also written as text ('4' in a CSV), are data
    for j, cell in enumerate(below):  # under a header naming a field, a label names one too ('E1' under 'Employee ID')
        upper = info.names[j] if j < len(info.names) else ""
        if _is_text(cell) and upper and header_targets(upper) and not _known(cell.strip(), matcher):
            return
    for j, cell in enumerate(below):
        if _is_text(cell) and any(j < len(r) and _is_text(r[j]) and r[j].strip() == cell.strip() for r in data):
            return  # its values come again in the rows below: a data row
    if sum(1 for c in cells if level_word(c) is not None) > len(cells) / 3:
        return  # a row of level words is data
    hits = sum(1 for c in cells if _known(c, matcher))
    if hits < max(2, len(cells) // 3):
        return
    upper = info.names
    lower = [as_text(c) for c in below]
    upper_hits = sum(1 for c in upper if c and _known(c, matcher))
    merged = []
    for i in range(max(len(upper), len(lower))):
        a = upper[i] if i < len(upper) else ""
        b = lower[i] if i < len(lower) else ""
        # prefer the label that names a known field; the other row keeps technical ids
        if b and (_known(b, matcher) or not a):
            merged.append(b)
        elif a and _known(a, matcher):
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


def find_legend(sheet: RawSheet, header_index: int) -> Legend | None:
    """A level legend above the header: a run of consecutive numbers with labels beside them, or '0 = none' cells
    (in one row, or one per row)."""
    rows = sheet.rows[:header_index]
    every: dict[int, str] = {}
    first_row = None
    for r, row in enumerate(rows):
        cells = [(j, int(c)) for j, c in enumerate(row)
                 if isinstance(c, int | float) and not isinstance(c, bool) and float(c).is_integer() and 0 <= c <= 10]
        if len(cells) >= 3:
            numbers = [n for _, n in cells]
            scale = scale_of_legend(numbers)
            if scale and len(set(numbers)) == len(numbers):
                labels = {n: _label_near(rows, r, j) for j, n in cells}
                if sum(1 for v in labels.values() if v) >= len(labels) - 1:
                    return Legend(scale=scale, labels=labels, row=sheet.row_number(r))
        written = {}
        for c in row:
            m = _LEGEND_CELL.match(c) if isinstance(c, str) else None
            if m:
                written[int(m.group(1))] = m.group(2).strip()
        if len(written) >= 3 and (scale := scale_of_legend(written)):
            return Legend(scale=scale, labels=written, row=sheet.row_number(r))
        if written:
            first_row = r if first_row is None else first_row
            every.update(written)
    if len(every) >= 3 and first_row is not None and (scale := scale_of_legend(every)):
        return Legend(scale=scale, labels=every, row=sheet.row_number(first_row))
    return None


def _label_near(rows: list[list], r: int, j: int) -> str:
    """The text in the same column just below (or above) a legend number."""
    for k in (r + 1, r - 1):
        if 0 <= k < len(rows) and j < len(rows[k]) and _is_text(rows[k][j]):
            return rows[k][j].strip()
    return ""


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
