"""The bundled skill catalogue and skill graph, parsed once per session, and the template set of the open project."""
from __future__ import annotations

import threading
from functools import lru_cache

from app.project import Project


@lru_cache(maxsize=1)
def default_catalogue():
    """The bundled skill catalogue, read once per session (its YAML is slow to parse)."""
    from app.templates import load_catalogue

    return load_catalogue()


_graphs: dict[frozenset[str], object] = {}
_graphs_lock = threading.Lock()


def skill_graph(catalogue):
    """The bundled skill graph checked against a catalogue, built once per set of skill ids (its YAML is slow)."""
    from app.templates import load_skill_graph

    key = frozenset(s.id for s in catalogue.skills)  # the catalogue only decides which ids the graph may name
    with _graphs_lock:
        cached = _graphs.get(key)
    if cached is not None:
        return cached
    graph = load_skill_graph(catalogue=catalogue)
    with _graphs_lock:
        if len(_graphs) >= 4:  # catalogues change rarely (an import's new skills); keep a few
            _graphs.pop(next(iter(_graphs)))
        _graphs[key] = graph
    return graph


def template_set(project: Project):
    """A TemplateSet of the project's templates in use, with its catalogue and the skill graph."""
    from app.templates import TemplateSet, load_phase_templates

    if not project.templates:
        return load_phase_templates()
    catalogue = project.catalogue or default_catalogue()
    phases = dict(project.templates)
    return TemplateSet(phases=phases, raw=dict(phases), catalogue=catalogue, graph=skill_graph(catalogue))
