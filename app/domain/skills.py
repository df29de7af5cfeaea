"""Skills, the canonical proficiency scale and the skill catalogue."""
from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

#: The one proficiency scale used inside Phasegate. Source scales are mapped onto it on import.
LEVEL_LABELS: dict[int, str] = {
    0: "None",
    1: "Awareness",
    2: "Beginner",
    3: "Practitioner",
    4: "Advanced",
    5: "Expert",
}
MAX_LEVEL = 5


class FailureMode(StrEnum):
    """The five execution-layer failure modes that every gap is read against."""

    MLOPS = "mlops"
    GOVERNANCE = "governance"
    OPERATIONAL_INTEGRATION = "operational_integration"
    DATA_DEPENDENCY = "data_dependency"
    TEAM_COMPOSITION = "team_composition"

    @property
    def label(self) -> str:
        """Human name of the failure mode."""
        return FAILURE_MODE_LABELS[self]


FAILURE_MODE_LABELS: dict[FailureMode, str] = {
    FailureMode.MLOPS: "MLOps infrastructure absent",
    FailureMode.GOVERNANCE: "Governance pathway absent",
    FailureMode.OPERATIONAL_INTEGRATION: "Operational integration failure",
    FailureMode.DATA_DEPENDENCY: "Data dependency underestimated",
    FailureMode.TEAM_COMPOSITION: "Team composition mismatch",
}


def normalise_key(text: str) -> str:
    """Folds a skill or column name to a comparison key: accents, case, punctuation and spacing removed."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9+#]+", " ", text.lower()).strip()


class Skill(BaseModel):
    """One skill in the catalogue."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Stable identifier, snake_case (e.g. 'kubernetes').", pattern=r"^[a-z0-9_+#]+$")
    name: str = Field(description="Display name (e.g. 'Kubernetes').", min_length=1)
    category: str = Field(default="General", description="Grouping shown in the catalogue and heatmaps.")
    aliases: tuple[str, ...] = Field(default=(), description="Other names HR files use (e.g. 'k8s').")
    failure_modes: tuple[FailureMode, ...] = Field(default=(), description="Failure modes this skill guards against.")
    reference: str | None = Field(default=None, description="Optional O*NET or ESCO identifier (no SFIA text).")
    custom: bool = Field(default=False, description="True for skills found in a roster but not in the catalogue.")


class SkillCatalogue(BaseModel):
    """The organisation's skills, looked up by id, name or alias."""

    skills: list[Skill] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> SkillCatalogue:
        seen: dict[str, str] = {}
        for skill in self.skills:
            for key in (skill.id, normalise_key(skill.name), *map(normalise_key, skill.aliases)):
                other = seen.get(key)
                if other is not None and other != skill.id:
                    raise ValueError(f"the name or alias '{key}' is used by both '{other}' and '{skill.id}'")
                seen[key] = skill.id
        return self

    def model_post_init(self, __context: object) -> None:
        self._by_id = {s.id: s for s in self.skills}
        self._by_key: dict[str, str] = {}
        for s in self.skills:
            self._by_key[s.id] = s.id
            self._by_key[normalise_key(s.id)] = s.id
            self._by_key[normalise_key(s.name)] = s.id
            for alias in s.aliases:
                self._by_key[normalise_key(alias)] = s.id

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self._by_id

    def __len__(self) -> int:
        return len(self.skills)

    def get(self, skill_id: str) -> Skill | None:
        """The skill with this id, or None."""
        return self._by_id.get(skill_id)

    def name_of(self, skill_id: str) -> str:
        """Display name of a skill id (the id itself when unknown)."""
        skill = self._by_id.get(skill_id)
        return skill.name if skill else skill_id

    def resolve(self, text: str) -> str | None:
        """Exact id, name or alias match (case/punctuation-insensitive); None when not found."""
        return self._by_key.get(normalise_key(text)) or self._by_key.get(text)

    def keys(self) -> dict[str, str]:
        """All comparison keys (names and aliases) mapped to skill ids, for fuzzy matching."""
        return dict(self._by_key)

    def with_skill(self, skill: Skill) -> SkillCatalogue:
        """A copy of the catalogue with one more skill."""
        return SkillCatalogue(skills=[*self.skills, skill])
