"""Skill names as HR writes them → catalogue skills, on whole words; unknown names become new skills, reported.

'ML' never matches inside 'HTML', 'Go' never inside 'Django', 'Java' never inside 'JavaScript': a name matches a
catalogue skill when it *is* its id, name or an alias (short aliases of 3 characters or fewer only this way), when
it is one written without its spaces ('ML Ops monitoring' = 'MLOps monitoring'), when it is a catalogue name plus a
word such as 'admin' or 'development' ('Kubernetes admin'), or when it is a typing slip of a name at least six
letters long ('Kubernets'). Nothing else: 'Data Analysis' stays a new skill rather than becoming Statistics.
"""
from __future__ import annotations

import re
import zlib
from functools import cached_property

from rapidfuzz import fuzz

from app.domain.skills import Skill, SkillCatalogue, normalise_key
from app.roster_import.header_words import without_scale
from app.roster_import.models import ColumnMapping

#: Words that may follow a catalogue skill's name without changing the skill ('Kubernetes admin').
QUALIFIERS = frozenset({"admin", "administration", "development", "developer", "engineering", "programming",
                        "basics", "fundamentals", "advanced", "skills", "skill", "knowledge", "experience",
                        "expertise", "proficiency", "language", "platform", "tools", "tooling", "practice", "core"})
SHORT = 3
_PAREN = re.compile(r"\s*\([^)]*\)")


class SkillMatcher:
    """Matches one skill name to a catalogue skill id with a confidence (1.0 for the catalogue's own names)."""

    def __init__(self, catalogue: SkillCatalogue, *, typo_threshold: float = 90.0) -> None:
        self.catalogue = catalogue
        self.typo_threshold = typo_threshold

    @cached_property
    def _keys(self) -> dict[str, str]:
        """Every comparison key (ids, names, names without their parenthesis, aliases) → skill id."""
        keys = dict(self.catalogue.keys())
        for skill in self.catalogue.skills:
            bare = normalise_key(_PAREN.sub("", skill.name))
            if bare:
                keys.setdefault(bare, skill.id)
        return keys

    @cached_property
    def _squashed(self) -> dict[str, str]:
        return {k.replace(" ", ""): v for k, v in self._keys.items() if len(k.replace(" ", "")) > SHORT}

    @cached_property
    def _words_of(self) -> dict[str, frozenset[str]]:
        """Squashed key → the words of the name it was made from."""
        return {k.replace(" ", ""): frozenset(k.split()) for k in self._keys}

    def _how_exact(self, skill_id: str, key: str, written: str) -> str:
        """'its name', 'its id', or "a name the catalogue lists for it ('k8s')" (an alias is no name of its)."""
        skill = self.catalogue.get(skill_id)
        if skill is None or key in (normalise_key(skill.name), normalise_key(_PAREN.sub("", skill.name))):
            return "its name"
        if key == normalise_key(skill.id):
            return "its id"
        return f"a name the catalogue lists for it ('{written.strip()}')"

    def match(self, name: str) -> tuple[str, float, str] | None:
        """(skill id, confidence, how) for a skill name, or None when it is not a catalogue skill."""
        name = without_scale(name)
        key = normalise_key(name)
        if not key:
            return None
        exact = self.catalogue.resolve(name) or self._keys.get(key)
        if exact:
            return exact, 1.0, self._how_exact(exact, key, name)
        squashed = key.replace(" ", "")
        if squashed in self._squashed:
            return self._squashed[squashed], 0.95, "its name written without spaces"
        words = key.split()
        if len(words) >= 2 and words[-1] in QUALIFIERS:
            base = " ".join(words[:-1])
            found = self._keys.get(base)
            if found and len(base.replace(" ", "")) > SHORT:
                return found, 0.85, f"its name followed by '{words[-1]}'"
        if len(squashed) >= 6:
            best: tuple[str, float] | None = None
            for other, skill_id in self._squashed.items():
                if len(other) >= 6 and abs(len(other) - len(squashed)) <= 2 and not self._adds_words(words, other):
                    ratio = fuzz.ratio(squashed, other)
                    if ratio >= self.typo_threshold and (best is None or ratio > best[1]):
                        best = (skill_id, ratio)
            if best:
                return best[0], round(min(0.9, best[1] / 100 - 0.05), 2), "a typing slip of its name"
        return None

    def _adds_words(self, words: list[str], other: str) -> bool:
        """True when one name is the other plus whole words: 'Risk management' is no slip of 'AI risk management'."""
        mine, theirs = set(words), self._words_of.get(other, frozenset())
        return len(mine) != len(theirs) and (mine < theirs or theirs < mine)


class SkillNames:
    """Skill-name resolution for one import: catalogue matches (reported when not exact), else new custom skills."""

    def __init__(self, catalogue: SkillCatalogue, *, threshold: float = 90.0) -> None:
        self.catalogue = catalogue
        self.matcher = SkillMatcher(catalogue, typo_threshold=threshold)
        self._cache: dict[str, str] = {}
        self.matches: list[str] = []
        self.new_skills: dict[str, Skill] = {}

    def resolve(self, name: str, *, category: str | None = None) -> str:
        """The skill id for a name, recording matches that were not exact and new custom skills on the way."""
        name = without_scale(name)
        key = _key(name)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        found = self.matcher.match(name)
        if found:
            skill_id, confidence, how = found
            if confidence < 1.0:
                self.matches.append(f"'{name.strip()}' matched to {self.catalogue.name_of(skill_id)} "
                                    f"({confidence:.0%}, {how})")
        else:
            skill_id = self._custom(name, key, category)
        self._cache[key] = skill_id
        return skill_id

    def _custom(self, name: str, key: str, category: str | None) -> str:
        if key.isascii():
            base = re.sub(r"[^a-z0-9_+#]+", "_", key).strip("_") or "skill"
        else:  # 'Информационная безопасность': ids are ASCII, so a stable code stands in; the name is kept
            base = f"skill_{zlib.crc32(key.encode()):08x}"
        skill_id = base
        n = 2
        while skill_id in self.catalogue or (skill_id in self.new_skills and
                                             _key(self.new_skills[skill_id].name) != key):
            skill_id = f"{base}_{n}"
            n += 1
        if skill_id not in self.new_skills:
            self.new_skills[skill_id] = Skill(id=skill_id, name=name.strip(), custom=True,
                                              category=(category or "Imported").strip() or "Imported")
        return skill_id


def _key(name: str) -> str:
    """A skill name's comparison key; names in other scripts (Cyrillic, Japanese) keep their own letters, so two
    of them never fold to the same empty key and become one skill."""
    return normalise_key(name) or " ".join(re.findall(r"\w+", name.casefold()))


def matrix_columns(mapping: ColumnMapping, names: list[str], categories: list[str | None],
                   skills: SkillNames, *, labels: list[str] | None = None) -> tuple[list[tuple[int, str]], list[str]]:
    """(column, skill id) of each skill column (catalogue skill or a new one), and notes on columns sharing a skill.

    A skill is named by the column's label (the header without a group prefix such as 'skills-')."""
    matrix: list[tuple[int, str]] = []
    catalogue = skills.catalogue
    for j, name in enumerate(names):
        target = mapping.columns.get(name)
        if target is None or target.target != "skill":
            continue
        label = labels[j] if labels and j < len(labels) else name
        known = target.skill_id if target.skill_id and target.skill_id in catalogue else None
        if known and target.confidence < 1.0 and (found := skills.matcher.match(label)) and found[1] < 1.0:
            skills.matches.append(f"'{name}' matched to {catalogue.name_of(known)} ({found[1]:.0%}, {found[2]})")
        category = categories[j] if j < len(categories) else None
        matrix.append((j, known or skills.resolve(label, category=category)))
    by_skill: dict[str, list[str]] = {}
    for j, skill_id in matrix:
        by_skill.setdefault(skill_id, []).append(names[j])
    notes = [f"columns {', '.join(repr(c) for c in cols)} all mean {catalogue.name_of(sid) if sid in catalogue else sid}; "
             "each person's highest level is kept" for sid, cols in by_skill.items() if len(cols) > 1]
    return matrix, notes
