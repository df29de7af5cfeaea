"""Resolve skill names found in a roster to catalogue ids, creating custom skills for the unknown ones."""
from __future__ import annotations

import re

from app.domain.skills import Skill, SkillCatalogue, normalise_key
from app.roster_import.mapping import match_skill


class SkillNames:
    """Skill-name resolution for one import: exact/alias, fuzzy above a threshold, else a new custom skill."""

    def __init__(self, catalogue: SkillCatalogue, *, threshold: float) -> None:
        self.catalogue = catalogue
        self.threshold = threshold
        self._cache: dict[str, str] = {}
        self.matches: list[str] = []
        self.new_skills: dict[str, Skill] = {}

    def resolve(self, name: str, *, category: str | None = None) -> str:
        """The skill id for a name, recording fuzzy matches and new custom skills on the way."""
        key = normalise_key(name)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        found = match_skill(name, self.catalogue, threshold=self.threshold)
        if found:
            skill_id, confidence = found
            if confidence < 1.0:
                self.matches.append(f"'{name.strip()}' matched to {self.catalogue.name_of(skill_id)} "
                                    f"({confidence:.0%})")
        else:
            skill_id = self._custom(name, key, category)
        self._cache[key] = skill_id
        return skill_id

    def _custom(self, name: str, key: str, category: str | None) -> str:
        base = re.sub(r"[^a-z0-9_+#]+", "_", key).strip("_") or "skill"
        skill_id = base
        n = 2
        while skill_id in self.catalogue or (skill_id in self.new_skills and
                                             normalise_key(self.new_skills[skill_id].name) != key):
            skill_id = f"{base}_{n}"
            n += 1
        if skill_id not in self.new_skills:
            self.new_skills[skill_id] = Skill(id=skill_id, name=name.strip(), custom=True,
                                              category=(category or "Imported").strip() or "Imported")
        return skill_id
