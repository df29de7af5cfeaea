"""Working-time columns no header settles: hours a month under a working-hours header, a share of time under an
availability header — each asked (below ASK_BELOW), never applied: kept, such a column would leave everyone full time
with only a warning."""
from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence

from app.roster_import.header_words import header_targets, header_words, vocabulary
from app.roster_import.value_profiles import FITS, MOSTLY, fit, monthly_rather_than_weekly

_TIME = frozenset({"fte", "weekly_hours", "monthly_hours"})
#: Words that may stand beside an availability word in a header of shares ('Availability (%)', 'Available %').
_SHARE_WORDS = frozenset({"%", "percent", "pct", "percentage", "pourcentage", "porcentaje", "prozent", "share"})


class WorkingTime:
    """Hours a month and shares of availability the headers only hint at."""

    def __init__(self, mapper) -> None:
        self.m = mapper  # the column mapper: names, profiles, decided, taken(), target()

    def infer(self, columns: Sequence[int]) -> None:
        """Asks about at most one column: hours a month first, then a share of availability."""
        self._hours_a_month(columns)
        self._share_of_availability(columns)

    def _open(self, columns: Sequence[int]) -> list[int]:
        m = self.m
        return [] if m.taken().keys() & _TIME else [j for j in columns if j not in m.decided]

    def _hours_a_month(self, columns: Sequence[int]) -> None:
        """'Carga Horária' holding 220: too many hours for a week, as many as a month holds."""
        m = self.m
        for j in self._open(columns):
            p = m.profiles[j]
            if monthly_rather_than_weekly(p) and "weekly_hours" in {t.target for t in header_targets(m.names[j])}:
                m.decided[j] = m.target("monthly_hours", 0.6, f"the header reads like working hours, but the values "
                                        f"({p.shown()}) are too many for a week: are they the hours a month the "
                                        "person works?", None, [])
                return

    def _share_of_availability(self, columns: Sequence[int]) -> None:
        """'Availability' holding 50%, 100%, 20%: a share of the person's time, no yes / no flag."""
        m = self.m
        for j in self._open(columns):
            p = m.profiles[j]
            if not _availability_header(m.names[j]) or p.share(p.bools) >= MOSTLY or fit("fte", p)[0] != FITS:
                continue
            m.decided[j] = m.target("fte", 0.6, f"the header reads like availability, but the values ({p.shown()}) "
                                    "are shares of time, not yes / no: is it the share of full time the person can "
                                    "give (taken as their FTE)?", None, [])
            return


def _availability_header(header: str) -> bool:
    """'Availability', 'Availability (%)', 'Disponibilidad': the words of an availability flag (and of a share)."""
    vocab = vocabulary()
    words = [w for w in header_words(header) if w not in _SHARE_WORDS and w not in vocab.filler]
    return bool(words) and vocab.synonyms.get(tuple(words)) == "available" and words[0] not in _ACTIVE


#: Flags of an active record, never shares of time.
_ACTIVE = frozenset({"active", "aktiv", "actif", "activo", "actief", "ativo", "isactive", "is"})


#: How far a row's hours may stray from what its FTE and the file's usual week make (a 10 % rounding margin).
HOURS_MARGIN = 0.1


def usual_week(fte_of: Callable, hours_of: Callable, pairs: Iterable[tuple[object, object]]) -> float | None:
    """The file's hours of a full-time week over the converters' standard one (1.0 for 40 h on a 40 h week; 0.875
    for a file of 35 h weeks): the median of hours ÷ FTE over rows that give both; None when no row does."""
    ratios = []
    for fte_cell, hours_cell in pairs:
        fte, bad = fte_of(fte_cell)
        hours, worse = hours_of(hours_cell)
        if not bad and not worse and fte and hours:
            ratios.append(hours / fte)
    return statistics.median(ratios) if ratios else None


def hours_disagree(fte: float, hours: float | None, usual: float, *, week_hours: float) -> str | None:
    """Why a row's FTE and its weekly hours disagree (0.5 FTE but 40 h a week), or None when they agree."""
    if hours is None or abs(hours - fte * usual) <= HOURS_MARGIN * max(fte * usual, hours):
        return None
    full = usual * week_hours
    return (f"FTE {fte:.0%} but {hours * week_hours:g} hours a week, which is {hours / usual:.0%} of this file's "
            f"{full:g}-hour week: the two disagree; the FTE column is used, please check")
