"""Small adapters from the open Project to the core's inputs (no business rules here, only assembly)."""
from __future__ import annotations

from app.project import Project


def template_set(project: Project):
    """A TemplateSet of the project's templates in use, with its catalogue and the skill graph."""
    from app.templates import TemplateSet, load_catalogue, load_phase_templates, load_skill_graph

    if not project.templates:
        return load_phase_templates()
    catalogue = project.catalogue or load_catalogue()
    phases = dict(project.templates)
    return TemplateSet(phases=phases, raw=dict(phases), catalogue=catalogue, graph=load_skill_graph(catalogue=catalogue))
