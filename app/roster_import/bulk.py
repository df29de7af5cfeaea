"""The column-wise path: find the rows that need no message at all, and build their people in C-level loops.

A row is clean when every value in it converts without a problem or a warning; everything else (rejections,
warnings, totals rows, duplicates) goes through RowBuilder's row-by-row path, so messages stay the same.
"""
from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable
from functools import partial
from itertools import compress, repeat
from operator import is_
from types import SimpleNamespace
from typing import TYPE_CHECKING

from app.domain.people import FTE_HARD_LIMIT, Commitment, CommitmentStatus, Person
from app.roster_import import fast
from app.roster_import.cells import ValueCache
from app.roster_import.columns import Job
from app.roster_import.fast import many
from app.roster_import.headers import TOTALS
from app.roster_import.normalise import BLANK_WORDS as _BLANK_WORDS
from app.roster_import.normalise import as_text, is_blank
from app.roster_import.prebuild import source_refs

if TYPE_CHECKING:
    from app.roster_import.rows import RowBuilder

_BAD = object()  # marks a value that needs the row-by-row path
_FORMULA_START = ("=", "+", "@")
_COMMITMENT_FIELDS = ("initiative", "fte", "status")
_COMMITMENT_KEYS = ("initiative", "fte", "status", "role", "start", "end")
_TOTALS_PREFIXES = r"grand|sub|total|sum|count|average|avg|gesamt"
# Supersets of what sends a row to the row-by-row path (TOTALS is checked exactly there): an id that starts like a
# totals label; a name that does, or starts with a formula character, or is a placeholder word. One regex call per
# cell instead of lower() + three tests; re.I matches every character whose lower case is one of these letters.
_SUSPECT_ID = re.compile(rf"(?i)(?:{_TOTALS_PREFIXES})")
_SUSPECT_NAME = re.compile(rf"(?i)(?:{_TOTALS_PREFIXES}|[=+@])|(?:{'|'.join(map(re.escape, sorted(_BLANK_WORDS)))})\Z")


def _clean_name(value: object) -> str | None:
    name = value.strip() if type(value) is str else as_text(value)
    if not name or is_blank(name) or name[0] in _FORMULA_START or TOTALS.match(name):
        return None
    return name


def _clean_id(value: object) -> str | None:
    pid = value.strip() if type(value) is str else as_text(value)
    return pid if pid and not TOTALS.match(pid) else None


def _initiative(value: object) -> str | None:
    return None if value == "" or is_blank(value) else as_text(value)


def _extra_text(value: object) -> str | None:
    if value == "" or value is None:
        return None
    return value.strip() if type(value) is str else as_text(value)


def _clean_texts(texts: list | None, suspects: list | None, values: list | tuple, slow) -> list[str | None]:
    """Stripped names (or ids) per row; None where the row needs the row-by-row path (empty, totals, '=' …).

    `texts` and `suspects` come from the blocked pass (None when the column holds more than text).
    """
    if texts is None or suspects is None:
        return list(map(ValueCache(slow).__getitem__, values))
    for k in compress(range(len(texts)), suspects):
        texts[k] = None
    return none_for_empty(texts)


def none_for_empty(texts: list) -> list:
    """The list with each empty text replaced by None, in place (C-level scan; a Python step per empty cell only)."""
    if "" in texts:
        for k in compress(range(len(texts)), map(operator.not_, texts)):
            texts[k] = None
    return texts


def _unique_ids(texts: list | None) -> bool:
    """True when no two non-empty stripped ids are equal (None, for numbers and dates: checked row by row instead)."""
    if texts is None:
        return False
    distinct: set[str] = set()
    for part in fast.slices(len(texts)):  # a slice at a time: hashing 100,000 new strings is one long C loop
        distinct.update(texts[part.start:part.stop])
    distinct.discard("")
    return len(distinct) == len(texts) - texts.count("")


def _got(c: SimpleNamespace, name: str, j: int, func) -> list:
    """A job's results from the blocked pass, or the column converted value by value when the pass had to stop."""
    done = c.mapped.get(name)
    return done if done is not None else list(map(func, c.columns[j]))


def _suspects(pattern: re.Pattern) -> Callable[[list], Iterable]:
    match = pattern.match
    return lambda part: map(match, map(str.strip, part))


def _column_wise(builder: RowBuilder, c: SimpleNamespace) -> bool:
    """Whether the column-wise path can take this sheet's clean rows (else every row goes row by row)."""
    if builder.layout not in ("matrix", "none"):
        return False
    if c.name_j is None or c.list_cols or c.long_name_j is not None:
        return False
    if c.matrix and (c.evidence_j is not None or c.shared_skills):
        return False  # no level lookup per distinct value: the row-by-row path reads the levels
    columns = c.columns
    n = len(columns[0]) if columns else 0
    return bool(n) and len(columns) == c.width and n == len(builder.sheet.rows) - builder.header.data_start


def clean_rows_jobs(builder: RowBuilder, c: SimpleNamespace) -> dict[str, Job]:
    """The whole-column conversions CleanRows.find needs, for RowBuilder's one blocked pass (none if it won't run)."""
    if not _column_wise(builder, c):
        return {}
    strip = partial(map, str.strip)
    jobs: dict[str, Job] = {"name": (c.name_j, strip), "name?": (c.name_j, _suspects(_SUSPECT_NAME))}
    if c.id_j is not None:
        jobs["id"] = (c.id_j, strip)
        jobs["id?"] = (c.id_j, _suspects(_SUSPECT_ID))
    if c.init_j is not None:
        jobs["initiative"] = (c.init_j, partial(map, ValueCache(_initiative).__getitem__))
        if c.init_fte_j is not None:
            jobs["share"] = (c.init_fte_j, partial(map, builder._share))
        if c.status_conv is not None:
            jobs["status"] = (c.status_j, partial(map, c.status_conv))
    for _, j in c.extra_cols:
        jobs[f"extra:{j}"] = (j, partial(map, ValueCache(_extra_text).__getitem__))
    return jobs


def _bad_rows(values: list, marker: object) -> set[int]:
    return set(compress(range(len(values)), map(is_, values, repeat(marker))))


class CleanRows:
    """Which data rows are clean, the id of each, and a bulk builder for the accepted clean rows."""

    def __init__(self, builder: RowBuilder, c: SimpleNamespace, n: int) -> None:
        self.builder, self.c, self.n = builder, c, n
        self.clean: list[bool] = []
        self.ids: list[str | None] = []
        self.names: list[str | None] = []
        self.fte: list = []
        self.values: dict[str, list] = {}
        self.commitments: tuple[list, list, list] | None = None
        self.extra: list[list] = []
        self.unique = False  # True when no two rows carry the same id (so no row can be a duplicate)
        self.over_allocated: set[int] = set()

    @classmethod
    def find(cls, builder: RowBuilder, c: SimpleNamespace) -> CleanRows | None:
        """The clean rows of the sheet, or None when this layout or file always needs the row-by-row path."""
        columns = c.columns
        if not _column_wise(builder, c) or (c.matrix and c.fast_levels is None):
            return None  # (ragged rows among them: the row-by-row path pads them)
        n = len(columns[0])
        self = cls(builder, c, n)
        mapped = c.mapped
        self.unique = _unique_ids(mapped["id" if c.id_j is not None else "name"])  # before blanks become None
        self.names = _clean_texts(mapped["name"], mapped["name?"], columns[c.name_j], _clean_name)
        self.ids = self.names if c.id_j is None else _clean_texts(mapped["id"], mapped["id?"], columns[c.id_j],
                                                                  _clean_id)
        bad = _bad_rows(self.names, None) | _bad_rows(self.ids, None) | c.level_problem_rows
        self.fte = self._fte(c, n)
        bad |= _bad_rows(self.fte, _BAD)
        if c.date_conv is not None:
            self.values["start_date"] = [w if p is None and warn is None else _BAD for w, p, warn in c.date_vals]
        if c.money_conv is not None:
            self.values["cost_rate"] = [a if p is None else _BAD for a, p in c.money_vals]
        if c.bool_conv is not None:
            self.values["available"] = [(True if a is None else a) if p is None else _BAD for a, p in c.bool_vals]
        for values in self.values.values():
            bad |= _bad_rows(values, _BAD)
        if c.init_j is not None:
            bad |= self._commitments(builder, c)
        self.extra = [_got(c, f"extra:{j}", j, ValueCache(_extra_text).__getitem__) for _, j in c.extra_cols]
        clean = [True] * n
        for k in bad:
            clean[k] = False
        self.clean = clean
        return self

    @staticmethod
    def _fte(c: SimpleNamespace, n: int) -> list:
        if c.fte_conv is None and c.hours_conv is None:
            return [1.0] * n
        if c.hours_conv is None:  # the usual case, as one comprehension
            return [_BAD if fp is not None else 1.0 if f is None else f if f <= 1.0 else _BAD for f, fp in c.fte_vals]
        none = repeat((None, None), n)
        out = []
        for (f, fp), (h, hp) in zip(c.fte_vals or none, c.hours_vals, strict=False):
            if fp is None and f is None:
                f, fp = h, hp
            out.append(_BAD if fp is not None else 1.0 if f is None else f if f <= 1.0 else _BAD)
        return out

    def _commitments(self, builder: RowBuilder, c: SimpleNamespace) -> set[int]:
        inits = _got(c, "initiative", c.init_j, ValueCache(_initiative).__getitem__)
        if c.init_fte_j is None:
            return set(compress(range(len(inits)), inits))  # every assignment needs the "no allocation" warning
        shares = [None if init is None else
                  _BAD if problem is not None or share is None or fte is _BAD else share
                  for init, (share, problem), fte in zip(inits, _got(c, "share", c.init_fte_j, builder._share),
                                                         self.fte, strict=True)]
        if c.status_conv is not None:
            statuses = [_BAD if p is not None else (s if s is not None else CommitmentStatus.CONFIRMED)
                        for s, p in _got(c, "status", c.status_j, c.status_conv)]
            statuses = [s if i is not None else None for s, i in zip(statuses, inits, strict=True)]
        else:
            statuses = [CommitmentStatus.CONFIRMED] * len(inits)
        self.commitments = (inits, shares, statuses)
        # More allocation than FTE is only a warning: with unique ids the row stays clean and the warning is
        # written in row order beside the other rows' messages (see RowBuilder._build_unique).
        self.over_allocated = {k for k, (share, fte) in enumerate(zip(shares, self.fte, strict=True))
                               if share is not None and share is not _BAD and fte is not _BAD and share > fte + 1e-9}
        if not self.unique:
            return _bad_rows(shares, _BAD) | _bad_rows(statuses, _BAD) | self.over_allocated
        return _bad_rows(shares, _BAD) | _bad_rows(statuses, _BAD)

    def people(self, ks: list[int]) -> list[Person]:
        """People for the accepted clean rows `ks` (row offsets, in order), built column by column, a slice at a time."""
        builder, m = self.builder, len(ks)
        every = m == self.n
        first = builder.sheet.first_row + builder.header.data_start + 1
        row_numbers = list(range(first, first + m)) if every else list(map(first.__add__, ks))
        if builder.prebuilt is not None:
            sources = builder.prebuilt.sources_for(row_numbers)
            shells: list[Person] | None = builder.prebuilt.shells(m)
        else:
            sources, shells = source_refs(builder.file_name, builder.sheet.name, row_numbers), None
        people: list[Person] = []
        for part in fast.slices(m):
            a, b = part.start, part.stop
            rows = part if every else ks[a:b]
            people += self._people_slice(rows, sources[a:b], shells[a:b] if shells is not None else None,
                                         contiguous=every)
        return people

    def _people_slice(self, ks: range | list[int], sources: list, shells: list[Person] | None, *,
                      contiguous: bool) -> list[Person]:
        """People for the clean rows `ks` (a range when `contiguous`), with their SourceRefs (and shells to fill)."""
        c, m = self.c, len(ks)

        def pick(values: list) -> list:
            return values[ks.start:ks.stop] if contiguous else list(map(values.__getitem__, ks))

        fields: dict[str, object] = {"id": pick(self.ids), "name": pick(self.names), "fte": pick(self.fte)}
        for field_name, texts in zip(c.text_fields, c.text_columns, strict=True):
            fields[field_name] = pick(texts)
        for field_name, values in self.values.items():
            fields[field_name] = pick(values)
        if c.fast_levels is not None:
            levels = pick(c.fast_levels)
            fields["skills"] = list(map(dict, map(compress, map(zip, repeat(c.skill_ids), levels), levels)))
        else:
            fields["skills"] = list(map(dict, repeat((), m)))
        if self.commitments is not None:
            inits, shares, statuses = (pick(v) for v in self.commitments)
            on = list(map(operator.is_not, inits, repeat(None)))
            given = list(compress(shares, on))
            if given and max(given) > FTE_HARD_LIMIT:
                given = list(map(min, given, repeat(FTE_HARD_LIMIT)))
            made = many(Commitment, map(dict, map(zip, repeat(_COMMITMENT_KEYS), zip(
                compress(inits, on), given, compress(statuses, on), repeat(None), repeat(None), repeat(None),
                strict=False))),
                _COMMITMENT_FIELDS, len(given))
            per_row: list[tuple] = [()] * m
            for k, commitment in zip(compress(range(m), on), made, strict=True):
                per_row[k] = (commitment,)
            fields["commitments"] = list(map(list, per_row))
        else:
            fields["commitments"] = list(map(list, repeat((), m)))
        if self.extra:
            names = [name for name, _ in c.extra_cols]
            fields["extra"] = [{k: v for k, v in zip(names, vals, strict=True) if v is not None}
                               for vals in zip(*map(pick, self.extra), strict=True)]
        else:
            fields["extra"] = list(map(dict, repeat((), m)))
        fields["source"] = sources
        order = fast.PERSON_FIELD_ORDER
        columns = [fields[f] if f in fields else repeat(c.base[f], m) for f in order]
        return many(Person, fast.person_dicts(columns), order, m, shells)  # repeat() columns end with the lists
