"""Small adapters from the open Project to the core's inputs (no business rules here, only assembly)."""
from __future__ import annotations

import threading
from functools import lru_cache

from app.project import Project


@lru_cache(maxsize=1)
def default_catalogue():
    """The bundled skill catalogue, read once per session (parsing its YAML took 0.1–0.5 s on the GUI thread)."""
    from app.templates import load_catalogue

    return load_catalogue()


_graphs: dict[int, tuple[object, object]] = {}
_graphs_lock = threading.Lock()


def skill_graph(catalogue):
    """The skill graph of a catalogue, built once per catalogue object (reading its YAML is the slow part)."""
    from app.templates import load_skill_graph

    with _graphs_lock:
        cached = _graphs.get(id(catalogue))
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    graph = load_skill_graph(catalogue=catalogue)
    with _graphs_lock:
        if len(_graphs) >= 4:  # catalogues change rarely (an import's new skills); keep a few
            _graphs.pop(next(iter(_graphs)))
        _graphs[id(catalogue)] = (catalogue, graph)
    return graph


def template_set(project: Project):
    """A TemplateSet of the project's templates in use, with its catalogue and the skill graph."""
    from app.templates import TemplateSet, load_phase_templates

    if not project.templates:
        return load_phase_templates()
    catalogue = project.catalogue or default_catalogue()
    phases = dict(project.templates)
    return TemplateSet(phases=phases, raw=dict(phases), catalogue=catalogue, graph=skill_graph(catalogue))
