"""Phase template files: the strict file layout, reading one file and checking its skills against the catalogue."""
from __future__ import annotations

from pathlib import Path

from pydantic import ConfigDict, Field, ValidationError

from app.domain.roles import PhaseTemplate, RoleTemplate, SkillRequirement
from app.domain.skills import FailureMode, SkillCatalogue
from app.templates.errors import TemplateFileError, did_you_mean, display_path, read_yaml, validation_error


class RequirementEntry(SkillRequirement):
    """A skill requirement as written in a phase file (unknown fields are errors, so typos are caught)."""

    model_config = ConfigDict(extra="forbid")


class RoleEntry(RoleTemplate):
    """A role as written in a phase file; it must name the failure modes it guards against."""

    model_config = ConfigDict(extra="forbid")

    required: list[RequirementEntry] = Field(default_factory=list)
    optional: list[RequirementEntry] = Field(default_factory=list)
    failure_modes: list[FailureMode] = Field(min_length=1, description="Failure modes this role guards against.")


class PhaseFile(PhaseTemplate):
    """The layout of a phase template file (`role_templates/phases/<phase>.yaml`)."""

    model_config = ConfigDict(extra="forbid", title="Phasegate phase template")

    roles: list[RoleEntry] = Field(default_factory=list)


def check_skills(template: PhaseTemplate, *, catalogue: SkillCatalogue, file: str) -> None:
    """Every required and optional skill must be a catalogue id; the error suggests the closest one."""
    ids = [s.id for s in catalogue.skills]
    for role in template.roles:
        for kind in ("required", "optional"):
            for i, req in enumerate(getattr(role, kind)):
                if req.skill not in catalogue:
                    resolved = catalogue.resolve(req.skill)
                    hint = f" (did you mean '{resolved}'?)" if resolved else did_you_mean(req.skill, ids)
                    raise TemplateFileError(
                        f"unknown skill id{hint}", file=file, role=role.id, field=f"{kind}[{i}].skill", skill=req.skill
                    )


def parse_phase(data: object, *, file: str, catalogue: SkillCatalogue | None = None) -> PhaseTemplate:
    """Validates parsed YAML as a phase template; errors name the file, role and field."""
    try:
        parsed = PhaseFile.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, model=PhaseFile, file=file, data=data, item_key="roles") from None
    template = PhaseTemplate.model_validate(parsed.model_dump())
    if catalogue is not None:
        check_skills(template, catalogue=catalogue, file=file)
    return template


def read_phase_file(path: Path | str, *, catalogue: SkillCatalogue | None = None) -> PhaseTemplate:
    """Reads and validates one phase template file."""
    path = Path(path)
    return parse_phase(read_yaml(path), file=display_path(path), catalogue=catalogue)
