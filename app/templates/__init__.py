"""Role templates, the skill catalogue and the skill-adjacency graph: loading, validation and the org library."""
from app.templates.catalogue import DEFAULT_CATALOGUE, SkillsFile, load_catalogue

__all__ = ["DEFAULT_CATALOGUE", "SkillsFile", "load_catalogue"]
