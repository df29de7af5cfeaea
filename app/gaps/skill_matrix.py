"""People's skill levels as one array (person × skill), so a requirement is read per skill for everyone at once.

Gap analysis asks the same questions of 100,000 people for each role: who holds this skill at this level, how much
free time do they have, how well do they match. Answered person by person in Python that took 4–11 s; one pass
builds the array and each question is then a column comparison. Sums are taken in Python over the selected values,
in roster order, so every figure is bit-for-bit the one the per-person loop gave.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from app.domain.people import Person


class SkillColumns:
    """Skill id → column number, shared by every matrix of one analysis."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def column(self, skill: str) -> int:
        """The skill's column (a new one for a skill not seen before)."""
        col = self.index.get(skill)
        if col is None:
            col = self.index[skill] = len(self.index)
        return col


class SkillMatrix:
    """Levels of a group of people (rows, in the given order) by skill column."""

    def __init__(self, people: Sequence[Person], columns: SkillColumns) -> None:
        rows: list[int] = []
        cols: list[int] = []
        values: list[int] = []
        index = columns.index
        for i, person in enumerate(people):
            skills = person.skills
            if not skills:
                continue
            rows.extend([i] * len(skills))
            for skill, entry in skills.items():
                col = index.get(skill)
                if col is None:
                    col = index[skill] = len(index)
                cols.append(col)
                values.append(entry.level)
        self.people = list(people)
        self.columns = columns
        self._levels = np.zeros((len(self.people), max(1, len(columns.index))), dtype=np.int8)
        if rows:
            self._levels[np.asarray(rows), np.asarray(cols)] = np.asarray(values, dtype=np.int8)

    def __len__(self) -> int:
        return len(self.people)

    def level(self, skill: str) -> np.ndarray:
        """Everyone's level in the skill (zeros for a skill nobody in the matrix holds)."""
        col = self.columns.index.get(skill)
        if col is None or col >= self._levels.shape[1]:
            return np.zeros(len(self.people), dtype=np.int8)
        return self._levels[:, col]

    def qualified(self, reqs: Sequence[tuple[str, int]]) -> np.ndarray:
        """True for each person holding every (skill, minimum level)."""
        mask = np.ones(len(self.people), dtype=bool)
        for skill, need in reqs:
            mask &= self.level(skill) >= need
        return mask

    def scores(self, reqs: Sequence[tuple[str, int, float]], total_weight: float, rows: np.ndarray) -> np.ndarray:
        """The match score of the people at `rows`: the same arithmetic, in the same order, as `match_score`."""
        if total_weight <= 0:
            return np.full(len(rows), 100.0)
        got = np.zeros(len(rows), dtype=np.float64)
        for skill, need, weight in reqs:
            have = self.level(skill)[rows].astype(np.float64)
            part = weight * have / need if need > 0 else np.zeros_like(have)
            got = got + np.where(have >= need, weight, part)
        return 100.0 * got / total_weight


def fsum_in_order(values: np.ndarray) -> float:
    """The plain left-to-right sum the per-person loops used (numpy's pairwise sum can differ in the last bit)."""
    return sum(values.tolist())
