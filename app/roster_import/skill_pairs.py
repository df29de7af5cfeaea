"""Several skills side by side on a person's row: 'Skill 1', 'Level 1', 'Skill 2', 'Level 2' … or 'Primary Skill',
'Secondary Skill'. Each numbered skill column holds one skill per cell (read like a skill list), and the level
column of the same number holds its level; the two are joined on each row before the skills are read."""
from __future__ import annotations

from collections.abc import Sequence

from app.roster_import.cell_values import as_text, is_blank
from app.roster_import.header_words import header_words, vocabulary

#: Ordinal words that number a column like a digit does ('Primary Skill', 'Second Skill', 'Other Skill').
_ORDINALS = {"primary": "1", "main": "1", "first": "1", "1st": "1", "secondary": "2", "second": "2", "2nd": "2",
             "tertiary": "3", "third": "3", "3rd": "3", "fourth": "4", "4th": "4", "fifth": "5", "5th": "5",
             "other": "9", "additional": "9"}
_SKILL, _LEVEL = "skill", "level"
_WHAT = {"skill_name": _SKILL, "skills_list": _SKILL, "skill_level": _LEVEL}


def numbered(header: str) -> tuple[str, str] | None:
    """('skill' or 'level', its number) for 'Skill 1', 'Skill_2 Level', 'Proficiency3', 'Secondary Skill'; else None."""
    words = header_words(header)
    keys = [w for w in words if w.isdigit() or w in _ORDINALS]
    if len(keys) != 1:
        return None
    rest = tuple(w for w in words if w not in keys)
    synonyms = vocabulary().synonyms
    what = _WHAT.get(synonyms.get(rest, "")) or _WHAT.get(synonyms.get(rest[-1:], "")) if rest else None
    return (what, _ORDINALS.get(keys[0], keys[0])) if what else None


def pairs_of(names: Sequence[str], targets: Sequence[str | None]) -> list[tuple[int, int | None]]:
    """(skill column, its level column or None) for the numbered skill columns mapped to skills_list."""
    levels = {}
    for j, (name, target) in enumerate(zip(names, targets, strict=True)):
        found = numbered(name)
        if target == "list_level" and found:
            levels.setdefault(found[1], j)
    out = []
    for j, (name, target) in enumerate(zip(names, targets, strict=True)):
        if target != "skills_list":
            continue
        found = numbered(name)
        level = levels.get(found[1]) if found else None
        if level is None and j + 1 < len(names) and targets[j + 1] == "list_level":
            level = j + 1  # a level column right after an unnumbered skill column
        out.append((j, level))
    return out


def join_pairs(rows: list[list], pairs: list[tuple[int, int | None]]) -> None:
    """Each skill cell takes its level beside it ('Python' + 'Expert' → 'Python (Expert)'), in place."""
    joined = [(s, lv) for s, lv in pairs if lv is not None]
    for row in rows:
        for s, lv in joined:
            if lv < len(row) and s < len(row) and not is_blank(row[lv]) and not is_blank(row[s]):
                row[s] = f"{as_text(row[s])} ({as_text(row[lv])})"


class SkillPairs:
    """Numbered skill columns (two or more) and their level columns, found from the headers and checked on values."""

    def __init__(self, mapper) -> None:
        self.m = mapper  # the column mapper: names, profiles, decided, given, target()

    def infer(self, columns: Sequence[int]) -> None:
        """Skill columns → one skill per cell; level columns of the same number → that skill's level."""
        m = self.m
        found = {j: hit for j in columns if j not in m.given and (hit := numbered(m.names[j])) is not None}
        skills = {j: key for j, (what, key) in found.items() if what == _SKILL and self._names(j)}
        if len(set(skills.values())) < 2:
            return
        levels = {key: j for j, (what, key) in found.items() if what == _LEVEL and self._levels(j)}
        shown = ", ".join(f"'{m.names[j]}'" for j in list(skills)[:3])
        for j, key in skills.items():
            level = levels.get(key)
            beside = f", its level in '{m.names[level]}'" if level is not None else ", without a level column"
            m.decided[j] = m.target("skills_list", 0.9, f"numbered skill columns ({shown} …): one skill per cell"
                                    f"{beside}", None, [])
            if level is not None:
                m.decided[level] = m.target("list_level", 0.9, f"the level of the skill in '{m.names[j]}'", None, [])

    def _names(self, j: int) -> bool:
        p = self.m.profiles[j]
        return p.filled == 0 or (p.share(p.texts) >= 0.8 and p.share(p.listy) < 0.5)

    def _levels(self, j: int) -> bool:
        p = self.m.profiles[j]
        return p.filled == 0 or p.share(p.levels) >= 0.8
