"""Role templates, the skill catalogue and the skill-adjacency graph: loading, validation and the org library."""
from app.templates.catalogue import DEFAULT_CATALOGUE, SkillsFile, load_catalogue
from app.templates.compare import PhaseDiff, compare_phases
from app.templates.errors import TemplateFileError
from app.templates.graph import SkillGraphFile, build_skill_graph, levels_of, load_skill_graph, training_weeks
from app.templates.library import LIBRARY_ENV, export_template, import_template, library_dir, save_to_library
from app.templates.loader import TemplateSet, load_phase_templates, resolve_phase
from app.templates.phases import PhaseFile, read_phase_file
from app.templates.schemas import template_schemas, write_template_schemas

__all__ = [
    "DEFAULT_CATALOGUE", "LIBRARY_ENV", "PhaseDiff", "PhaseFile", "SkillGraphFile", "SkillsFile", "TemplateFileError",
    "TemplateSet", "build_skill_graph", "compare_phases", "export_template", "import_template", "levels_of",
    "library_dir", "load_catalogue", "load_phase_templates", "load_skill_graph", "read_phase_file", "resolve_phase",
    "save_to_library", "template_schemas", "training_weeks", "write_template_schemas",
]
