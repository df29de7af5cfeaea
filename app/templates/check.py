"""Checking a template file completely: every problem (file, role, field each), not just the first one."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from app.domain.skills import SkillCatalogue
from app.templates.catalogue import SkillsFile
from app.templates.errors import TemplateFileError, did_you_mean, display_path, read_yaml, validation_errors
from app.templates.graph import SkillGraphFile
from app.templates.phases import PhaseFile

#: read_yaml messages that mean the file could not be read or parsed at all (exit 2), not just invalid (exit 1).
_UNREADABLE = ("file not found", "cannot read the file", "YAML syntax error")


@dataclass
class FileCheck:
    """What checking one template file found: its kind, whether it could be read, and every problem in it."""

    file: str
    kind: str | None = None
    readable: bool = True
    problems: list[TemplateFileError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file was read and has no problem."""
        return self.readable and not self.problems


def template_kind(data: dict) -> str | None:
    """'phase', 'skills' or 'skill_graph' from the fields a parsed file holds; None when it is none of them."""
    if "phase" in data:
        return "phase"
    if "skills" in data:
        return "skills"
    if "edges" in data or "from_scratch_weeks_per_level" in data:
        return "skill_graph"
    return None


def check_template_file(path: Path | str, *, catalogue: SkillCatalogue) -> FileCheck:
    """Every problem in one phase, skills or skill-graph file; skills are checked against `catalogue`."""
    path = Path(path)
    result = FileCheck(file=display_path(path))
    try:
        data = read_yaml(path)
    except TemplateFileError as exc:
        result.readable = not exc.message.startswith(_UNREADABLE)
        result.problems.append(exc)
        return result
    result.kind = kind = template_kind(data)
    if kind is None:
        result.problems.append(TemplateFileError(
            "cannot tell the kind of template: expected a 'phase', 'skills' or 'edges' field", file=result.file))
    elif kind == "phase":
        result.problems += _model(PhaseFile, data, file=result.file, item_key="roles")
        result.problems += _phase_skills(data, catalogue=catalogue, file=result.file)
    elif kind == "skills":
        found = _model(SkillsFile, data, file=result.file, item_key="skills")
        if not found:
            try:
                SkillCatalogue(skills=SkillsFile.model_validate(data).skills)
            except ValidationError as exc:
                found = validation_errors(exc, model=SkillsFile, file=result.file, data=data)
        result.problems += found
    else:
        result.problems += _model(SkillGraphFile, data, file=result.file, item_key="edges")
        result.problems += _graph_skills(data, catalogue=catalogue, file=result.file)
    return result


def _model(model: type[BaseModel], data: Any, *, file: str, item_key: str) -> list[TemplateFileError]:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return validation_errors(exc, model=model, file=file, data=data, item_key=item_key)
    return []


def _unknown(skill: object, catalogue: SkillCatalogue) -> str | None:
    """' (did you mean …)' hint text when `skill` is a string the catalogue lacks; None when it is fine."""
    if not isinstance(skill, str) or not skill or skill in catalogue:
        return None
    resolved = catalogue.resolve(skill)
    return f" (did you mean '{resolved}'?)" if resolved else did_you_mean(skill, [s.id for s in catalogue.skills])


def _phase_skills(data: dict, *, catalogue: SkillCatalogue, file: str) -> list[TemplateFileError]:
    out = []
    roles = data.get("roles")
    for i, role in enumerate(roles if isinstance(roles, list) else []):
        if not isinstance(role, dict):
            continue
        name = str(role.get("id") or f"#{i + 1}")
        for kind in ("required", "optional"):
            reqs = role.get(kind)
            for j, req in enumerate(reqs if isinstance(reqs, list) else []):
                skill = req.get("skill") if isinstance(req, dict) else None
                hint = _unknown(skill, catalogue)
                if hint is not None:
                    out.append(TemplateFileError(f"unknown skill id{hint}", file=file, role=name,
                                                 field=f"{kind}[{j}].skill", skill=skill))
    return out


def _graph_skills(data: dict, *, catalogue: SkillCatalogue, file: str) -> list[TemplateFileError]:
    out = []
    edges = data.get("edges")
    for i, edge in enumerate(edges if isinstance(edges, list) else []):
        for side in ("from", "to"):
            skill = edge.get(side) if isinstance(edge, dict) else None
            hint = _unknown(skill, catalogue)
            if hint is not None:
                out.append(TemplateFileError(f"unknown skill id{hint}", file=file, field=f"edges[{i}].{side}",
                                             skill=skill))
    return out
