"""Small adapters from the open Project to the core's inputs (no business rules here, only assembly)."""
from __future__ import annotations

from functools import lru_cache

from app.project import Project


@lru_cache(maxsize=1)
def default_catalogue():
    """The bundled skill catalogue, read once per session (parsing its YAML took 0.1–0.5 s on the GUI thread)."""
    from app.templates import load_catalogue

    return load_catalogue()


def template_set(project: Project):
    """A TemplateSet of the project's templates in use, with its catalogue and the skill graph."""
    from app.templates import TemplateSet, load_phase_templates, load_skill_graph

    if not project.templates:
        return load_phase_templates()
    catalogue = project.catalogue or default_catalogue()
    phases = dict(project.templates)
    return TemplateSet(phases=phases, raw=dict(phases), catalogue=catalogue, graph=load_skill_graph(catalogue=catalogue))
