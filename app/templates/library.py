"""The organisation's template library folder, and exporting/importing single phase templates."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import yaml

from app.domain.roles import PhaseTemplate
from app.domain.skills import SkillCatalogue
from app.templates.errors import TemplateFileError, display_path
from app.templates.phases import parse_phase, read_phase_file

LIBRARY_ENV = "PHASEGATE_LIBRARY"


def library_dir(library: Path | str | None = None) -> Path:
    """The library folder: the argument, else $PHASEGATE_LIBRARY, else the user data folder's `templates`."""
    if library is not None:
        return Path(library)
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("Phasegate", appauthor=False)) / "templates"


def template_yaml(template: PhaseTemplate) -> str:
    """A phase template as the YAML text a person can read and edit."""
    data = template.model_dump(mode="json", exclude_none=True)
    if not data.get("remove_roles"):
        data.pop("remove_roles", None)
    header = f"# Phasegate phase template: {template.name or template.phase.label}\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)


def export_template(template: PhaseTemplate, path: Path | str) -> Path:
    """Writes one phase template to a YAML file (e.g. to share with another programme office)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(template_yaml(template), encoding="utf-8")
    tmp.replace(path)
    return path


def import_template(path: Path | str, *, catalogue: SkillCatalogue | None = None) -> PhaseTemplate:
    """Reads and validates a phase template file written by `export_template` or by hand."""
    return read_phase_file(path, catalogue=catalogue)


def save_to_library(
    template: PhaseTemplate, *, library: Path | str | None = None, catalogue: SkillCatalogue | None = None
) -> Path:
    """Saves a phase template into the library, where it overrides the default for its phase from now on."""
    folder = library_dir(library) / "phases"
    target = folder / f"{template.phase.value}.yaml"
    text = template_yaml(template)
    parse_phase(yaml.safe_load(text), file=display_path(target), catalogue=catalogue)  # never save a broken file
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        raise TemplateFileError(f"cannot save to the template library ({exc.strerror or exc})",
                                file=display_path(target)) from None
    return target
