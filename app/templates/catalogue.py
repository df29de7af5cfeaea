"""The skill catalogue file: loading the bundled catalogue and merging an organisation's override."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.domain.skills import Skill, SkillCatalogue
from app.templates.errors import TemplateFileError, display_path, read_yaml, validation_error
from role_templates import DATA_DIR

DEFAULT_CATALOGUE = DATA_DIR / "skills.yaml"


class SkillsFile(BaseModel):
    """The layout of a `skills.yaml` file: a version and the list of skills."""

    model_config = ConfigDict(extra="forbid", title="Phasegate skill catalogue")

    version: Annotated[int, Field(ge=1, description="File format version.")] = 1
    skills: list[Skill] = Field(description="Every skill, with its display name, aliases and failure modes.")


def read_skills_file(path: Path) -> SkillsFile:
    """Reads and validates one skills file; errors name the file and the skill entry."""
    data = read_yaml(path)
    try:
        parsed = SkillsFile.model_validate(data)
        SkillCatalogue(skills=parsed.skills)  # alias clashes are a catalogue-level rule
    except ValidationError as exc:
        raise validation_error(exc, model=SkillsFile, file=display_path(path), data=data, item_key="skills") from None
    return parsed


def merge_catalogues(base: SkillCatalogue, override: SkillsFile, *, file: str) -> SkillCatalogue:
    """The base catalogue with the override's skills replacing same-id skills and new ones appended."""
    replaced = {s.id: s for s in override.skills}
    skills = [replaced.pop(s.id, s) for s in base.skills]
    skills.extend(replaced.values())
    try:
        return SkillCatalogue(skills=skills)
    except ValidationError as exc:
        message = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise TemplateFileError(f"clashes with the default catalogue: {message}", file=file) from None


def load_catalogue(path: Path | str | None = None, *, library: Path | str | None = None) -> SkillCatalogue:
    """The skill catalogue: `path` (default: the bundled one), merged with `library/skills.yaml` when present.

    A broken library file raises TemplateError; `load_phase_templates` catches it and keeps the defaults.
    """
    catalogue = SkillCatalogue(skills=read_skills_file(Path(path) if path else DEFAULT_CATALOGUE).skills)
    if library is not None:
        override = Path(library) / "skills.yaml"
        if override.is_file():
            catalogue = merge_catalogues(catalogue, read_skills_file(override), file=display_path(override))
    return catalogue
