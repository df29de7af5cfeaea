"""Capacity per person over time: contracted FTE, less leave, less dated commitments, inside the employment window.

Per atom of the grid (see calendar.py), for each person:

* contracted — their FTE on the days they are employed (from `start_date`, to `leaving_date`); zero all along for
  someone HR marks not available when no date says when that ends;
* leave — FTE away (an absence's share of the contract, or its FTE), on employed days only;
* confirmed / tentative — FTE promised to initiatives by commitments of that status, on employed days only;
* present = contracted − leave; free = present − confirmed − tentative, never below zero; free if the tentative
  commitments fall through = present − confirmed, never below zero; over = how far commitments exceed present time.

Leave is taken from the time a person is present: commitments are served from what is left, so a person away for
a whole week gives that week to nobody (their commitments that week count as over-allocation, not as free time).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np

from app.domain.people import CommitmentStatus, Person
from app.timeline.calendar import Grid
from app.timeline.spread import Intervals, spread


def status_unavailable(person: Person) -> bool:
    """True when HR marks the person not available and no date says when that starts or ends."""
    return not person.available and person.leaving_date is None and not person.absences


def _window(person: Person, first: date | None, last: date | None) -> tuple[date | None, date | None]:
    """A date range clipped to the person's employment (start date to leaving date)."""
    if person.start_date is not None and (first is None or first < person.start_date):
        first = person.start_date
    if person.leaving_date is not None and (last is None or last > person.leaving_date):
        last = person.leaving_date
    return first, last


@dataclass
class Capacity:
    """Per person (rows, in the given order) and per atom of `grid` (columns): the FTE figures of the module doc."""

    grid: Grid
    people: list[Person]
    contracted: np.ndarray
    leave: np.ndarray
    confirmed: np.ndarray
    tentative: np.ndarray
    _cache: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @cached_property
    def present(self) -> np.ndarray:
        """Contracted time less leave."""
        return np.maximum(0.0, self.contracted - self.leave)

    @cached_property
    def free(self) -> np.ndarray:
        """Time no commitment holds (confirmed or tentative), never below zero."""
        return np.maximum(0.0, self.present - self.confirmed - self.tentative)

    @cached_property
    def free_if_tentative_drops(self) -> np.ndarray:
        """Free time if every tentative commitment fell through."""
        return np.maximum(0.0, self.present - self.confirmed)

    @cached_property
    def over(self) -> np.ndarray:
        """How far commitments exceed the time a person is present (over-allocation)."""
        return np.maximum(0.0, self.confirmed + self.tentative - self.present)

    def by_period(self, figure: str) -> np.ndarray:
        """A figure ('free', 'leave', …) per person and displayed period (working-day-weighted means of atoms)."""
        if figure not in self._cache:
            self._cache[figure] = self.grid.to_periods(getattr(self, figure))
        return self._cache[figure]

    def served_share(self) -> np.ndarray:
        """Per person and atom, the share of their committed time they can give (1 unless over-allocated)."""
        committed = self.confirmed + self.tentative
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(committed > 1e-9, np.minimum(1.0, self.present / committed), 1.0)
        return share

    def min_free(self, first: date, last: date) -> np.ndarray:
        """Per person, the least free FTE in any atom from `first` to `last` (the whole window must be free)."""
        atoms = self.grid.atoms_in(first, last)
        if len(atoms) == 0:
            return np.zeros(len(self.people))
        return self.free[:, atoms].min(axis=1)


def capacity(people: Sequence[Person], grid: Grid, *, exclude: frozenset[str] | set[str] = frozenset()) -> Capacity:
    """The capacity of `people` over `grid`, computed for everyone at once.

    Commitments to the initiatives in `exclude` are left out (the planner asks what time is free for them).
    """
    people = list(people)
    contracted, leave, confirmed, tentative = Intervals(), Intervals(), Intervals(), Intervals()
    for i, p in enumerate(people):
        if status_unavailable(p):
            continue
        if p.start_date is None and p.leaving_date is None:
            contracted.add(i, None, None, p.fte)
        else:
            first, last = _window(p, None, None)
            if first is None or last is None or first <= last:
                contracted.add(i, first, last, p.fte)
        for c in p.commitments:
            if c.initiative in exclude:
                continue
            first, last = _window(p, c.start, c.end)
            if first is None or last is None or first <= last:
                (tentative if c.status == CommitmentStatus.TENTATIVE else confirmed).add(i, first, last, c.fte)
        for a in p.absences:
            first, last = _window(p, a.start, a.end)
            if first is None or last is None or first <= last:
                leave.add(i, first, last, a.fte_off(p.fte))
    n = len(people)
    return Capacity(grid=grid, people=people, contracted=spread(contracted, n, grid), leave=spread(leave, n, grid),
                    confirmed=spread(confirmed, n, grid), tentative=spread(tentative, n, grid))


def team_time(cap: Capacity, initiative: str) -> np.ndarray:
    """Per person and atom, the FTE they actually give `initiative` (their commitments there, less what leave or
    over-allocation takes: a person serves each commitment in proportion when they cannot serve them all)."""
    promised = Intervals()
    for i, p in enumerate(cap.people):
        if status_unavailable(p):
            continue
        for c in p.commitments:
            if c.initiative == initiative:
                first, last = _window(p, c.start, c.end)
                if first is None or last is None or first <= last:
                    promised.add(i, first, last, c.fte)
    return spread(promised, len(cap.people), cap.grid) * cap.served_share()
