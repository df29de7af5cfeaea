"""Per-file cell converters, compiled once and cached by value, and the skill scale seen in the file."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from app.domain.people import Evidence, SkillLevel
from app.roster_import.cell_values import (
    ValueProblem,
    as_text,
    detect_date_order,
    employment_state,
    is_blank,
    is_placeholder_date,
    parse_bool,
    parse_commitment_status,
    parse_date,
    parse_fte,
    parse_hours,
    parse_money,
    parse_share,
)
from app.roster_import.models import ImportOptions
from app.roster_import.skill_levels import (
    BINARY_LEVEL,
    detect_scale,
    level_word,
    numeric_level,
    parse_evidence,
    parse_level,
    split_skill_list,
)

Converter = Callable[[object], tuple[object, str | None]]


class ValueCache(dict):
    """value → func(value), computed on first sight; lookups of known values stay in C."""

    def __init__(self, func: Callable[[object], object]) -> None:
        super().__init__()
        self._func = func

    def __missing__(self, value: object) -> object:
        result = self[value] = self._func(value)
        return result


def _cached(func: Callable[[object], object]) -> Converter:
    """Wraps a parser as value → (result, problem) with a per-value cache (rosters repeat values a lot)."""
    return ValueCache(lambda value: _call(func, value)).__getitem__


def _call(func: Callable[[object], object], value: object) -> tuple[object, str | None]:
    try:
        return (None, None) if is_blank(value) else (func(value), None)
    except ValueProblem as exc:
        return None, str(exc)


def _evidence_of(value: object) -> Evidence:
    """Evidence words (self / manager / certified), or yes / no under a 'certified' header (yes = certified)."""
    found = parse_evidence(value)
    if found is Evidence.UNKNOWN and not is_blank(value):
        try:
            return Evidence.CERTIFIED if parse_bool(value) else Evidence.UNKNOWN
        except ValueProblem:
            return found
    return found


class CellReader:
    """Converters for one file: its decimal separator, date system, week length and skill scale."""

    def __init__(self, *, options: ImportOptions, decimal_comma: bool, date1904: bool,
                 scale: str | None = None, binary_level: int | None = None) -> None:
        self.options = options
        self.decimal_comma = decimal_comma
        self.date1904 = date1904
        self.scale = scale
        self.scale_question: str | None = None  # a scale the levels do not settle (1–3 only): asked
        self.file_date_order: str | None = None  # 'dmy' / 'mdy' when some date column of the file settles it
        self.binary_level = binary_level or BINARY_LEVEL
        self._levels: dict = {}
        self._evidence: dict = {}
        self._lists: dict = {}

    def parse_fte(self, value: object) -> float:
        """FTE of a cell with this file's conventions (raises ValueProblem)."""
        return parse_fte(value, decimal_comma=self.decimal_comma, week_hours=self.options.standard_week_hours)

    def converter(self, kind: str) -> Converter:
        """A cached converter for 'fte', 'share', 'weekly_hours', 'monthly_hours', 'money', 'available', 'status' or 'employment'."""
        dc, week = self.decimal_comma, self.options.standard_week_hours
        funcs = {
            "fte": lambda v: parse_fte(v, decimal_comma=dc, week_hours=week),
            "share": lambda v: parse_share(v, decimal_comma=dc, week_hours=week),
            "weekly_hours": lambda v: parse_hours(v, decimal_comma=dc, week_hours=week),
            "monthly_hours": lambda v: parse_hours(v, decimal_comma=dc, week_hours=week, per="month"),
            "money": lambda v: parse_money(v, decimal_comma=dc),
            "available": parse_bool,
            "status": parse_commitment_status,
            "employment": employment_state,
        }
        return _cached(funcs[kind])

    def date_converter(self, column_values: list | tuple) -> Callable[[object], tuple[object, str | None, str | None]]:
        """A cached date converter; the day/month order is settled per column when any value settles it."""
        order = self.options.date_order
        if order == "auto":  # settled by this column, else by the file's other date columns (one convention a file)
            order = detect_date_order(list(column_values[:5000])) or self.file_date_order or "auto"
        date1904 = self.date1904

        def parse(value: object) -> tuple[object, str | None, str | None]:
            if is_blank(value):
                return None, None, None
            try:
                when, warning = parse_date(value, date1904=date1904, order=order)
                if is_placeholder_date(when):  # '01-01-1700': no date (counted once in the sheet's notes)
                    return None, None, None
                return when, None, warning
            except ValueProblem as exc:
                return None, str(exc), None

        return ValueCache(parse).__getitem__

    def detect_scale(self, values: Iterable[object]) -> str | None:
        """Sets and returns the source scale from level values seen in the file (numbers, or 'words')."""
        numbers: list[float] = []
        words = marks = 0
        for value in values:
            if isinstance(value, str) and value.strip().endswith("%"):
                continue
            number = numeric_level(value)
            if number is not None:
                numbers.append(number)
            elif isinstance(value, str) and level_word(value) is not None:
                words += 1
            elif isinstance(value, str) and value.strip().lower() in ("x", "✓", "✔"):
                marks += 1
        scale = detect_scale(numbers)
        if marks and not words and scale in (None, "binary"):
            scale = "binary"
        self.scale = scale or ("words" if words else None)
        return self.scale

    def level_cell(self, value: object, evidence: Evidence) -> tuple[SkillLevel | None, str | None]:
        """The SkillLevel of a cell (None for blank or level 0), or a problem; cached per value and evidence.

        The returned SkillLevel objects are shared by every cell with the same value: replace them, never mutate.
        """
        key = (value, evidence)
        hit = self._levels.get(key)
        if hit is not None:
            return hit
        try:
            level = parse_level(value, self.scale if self.scale != "words" else None, binary_level=self.binary_level)
        except ValueProblem as exc:
            hit = (None, str(exc))
        else:
            if not level:
                hit = (None, None)
            else:
                is_number = numeric_level(value) is not None
                scale = (self.scale or "0-5") if is_number else "words"
                if is_number and isinstance(value, str) and value.strip().endswith("%"):
                    scale = "0-100"
                hit = (SkillLevel(level=level, evidence=evidence, source_scale=scale, source_value=as_text(value)),
                       None)
        self._levels[key] = hit
        return hit

    def quick_levels(self) -> _QuickLevels:
        """A dict-like value → (SkillLevel | None, problem) for cells without an evidence column (hot path)."""
        return _QuickLevels(self)

    def evidence(self, value: object) -> Evidence:
        """Evidence of a cell, cached."""
        hit = self._evidence.get(value)
        if hit is None:
            hit = self._evidence[value] = _evidence_of(value)
        return hit

    def unrated(self, evidence: Evidence, name: str) -> SkillLevel:
        """The level of a skill listed without one (ImportOptions.unrated_list_level, source scale 'listed')."""
        return SkillLevel(level=self.options.unrated_list_level, evidence=evidence, source_scale="listed",
                          source_value=name)

    def list_values(self, value: object) -> list[str | None]:
        """Level texts inside a skill-list cell (for scale detection)."""
        return [level for _, level in split_skill_list(as_text(value))]

    def list_items(self, value: object, evidence: Evidence) -> list[tuple[str, str, str | None, SkillLevel | None]]:
        """(skill name, level text, problem, SkillLevel) for each item of a 'Python (Expert); SQL: 3' cell."""
        key = (as_text(value), evidence)
        hit = self._lists.get(key)
        if hit is not None:
            return hit
        items = []
        for name, level_text in split_skill_list(key[0]):
            if level_text is None:
                items.append((name, "", None, self.unrated(evidence, name)))
                continue
            sl, problem = self.level_cell(level_text, evidence)
            items.append((name, level_text, problem, sl))
        self._lists[key] = items
        return items


class _QuickLevels(dict):
    """Level cache keyed by the cell value alone; fills itself from CellReader.level_cell on a miss."""

    def __init__(self, reader: CellReader) -> None:
        super().__init__()
        self._reader = reader

    def __missing__(self, value: object) -> tuple[SkillLevel | None, str | None]:
        hit = self[value] = (None, None) if value == "" else self._reader.level_cell(value, Evidence.UNKNOWN)
        return hit
