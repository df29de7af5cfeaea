"""Loading the full template set: bundled defaults, overridden per file by the org library, with problems listed."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.roles import Phase, PhaseTemplate
from app.domain.skills import SkillCatalogue
from app.errors import PhasegateError, TemplateError
from app.templates.catalogue import DEFAULT_CATALOGUE, merge_catalogues, read_skills_file
from app.templates.errors import TemplateFileError, display_path
from app.templates.graph import DEFAULT_GRAPH, load_skill_graph
from app.templates.library import library_dir
from app.templates.phases import read_phase_file
from app.templates.resolve import resolve_chain
from role_templates import DATA_DIR

if TYPE_CHECKING:
    import networkx as nx

DEFAULT_PHASES_DIR = DATA_DIR / "phases"


@dataclass
class TemplateSet:
    """Resolved phase templates with the catalogue, skill graph, where each came from, and library problems."""

    phases: dict[Phase, PhaseTemplate]
    raw: dict[Phase, PhaseTemplate]
    catalogue: SkillCatalogue
    graph: nx.DiGraph
    sources: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def phase(self, phase: Phase | str) -> PhaseTemplate:
        """The resolved template of a phase."""
        return self.phases[Phase(phase)]


def resolve_phase(templates: TemplateSet, phase: Phase | str) -> PhaseTemplate:
    """The template of a phase with its `extends` chain applied."""
    sources = {Phase(k): v for k, v in templates.sources.items() if k in Phase.__members__.values()}
    return resolve_chain(templates.raw, Phase(phase), sources=sources)


def _library_file(folder: Path, *names: str) -> Path | None:
    path = folder.joinpath(*names)
    return path if path.is_file() else None


def load_phase_templates(*, library: Path | str | None = None, use_library: bool = True) -> TemplateSet:
    """All four phases resolved, with the catalogue and skill graph; broken library files fall back to defaults.

    Broken bundled files raise TemplateError (the installation is damaged); a broken library file is reported in
    `problems` as one line and its default is used instead, so the app can start and show it.
    """
    folder = library_dir(library) if use_library else None
    problems: list[str] = []
    sources: dict[str, str] = {"skills": display_path(DEFAULT_CATALOGUE), "skill_graph": display_path(DEFAULT_GRAPH)}

    catalogue = SkillCatalogue(skills=read_skills_file(DEFAULT_CATALOGUE).skills)
    lib_skills = _library_file(folder, "skills.yaml") if folder else None
    if lib_skills:
        try:
            catalogue = merge_catalogues(catalogue, read_skills_file(lib_skills), file=display_path(lib_skills))
            sources["skills"] = display_path(lib_skills)
        except PhasegateError as exc:
            problems.append(f"{exc.one_line()} (using the default catalogue)")

    graph = load_skill_graph(DEFAULT_GRAPH, catalogue=catalogue)
    lib_graph = _library_file(folder, "skill_graph.yaml") if folder else None
    if lib_graph:
        try:
            graph = load_skill_graph(lib_graph, catalogue=catalogue)
            sources["skill_graph"] = display_path(lib_graph)
        except PhasegateError as exc:
            problems.append(f"{exc.one_line()} (using the default skill graph)")

    defaults: dict[Phase, PhaseTemplate] = {}
    raw: dict[Phase, PhaseTemplate] = {}
    phase_sources: dict[Phase, str] = {}
    for phase in Phase:
        path = DEFAULT_PHASES_DIR / f"{phase.value}.yaml"
        defaults[phase] = raw[phase] = read_phase_file(path, catalogue=catalogue)
        phase_sources[phase] = display_path(path)
        lib_file = _library_file(folder, "phases", f"{phase.value}.yaml") if folder else None
        if lib_file:
            try:
                template = read_phase_file(lib_file, catalogue=catalogue)
                if template.phase != phase:
                    raise TemplateError(f"is a '{template.phase.value}' template, filed as '{phase.value}'",
                                        file=display_path(lib_file))
                raw[phase] = template
                phase_sources[phase] = display_path(lib_file)
            except PhasegateError as exc:
                problems.append(f"{exc.one_line()} (using the default {phase.label} template)")

    resolved = _resolve_with_fallback(raw, defaults, phase_sources, problems)
    sources.update({p.value: s for p, s in phase_sources.items()})
    return TemplateSet(phases=resolved, raw=raw, catalogue=catalogue, graph=graph, sources=sources,
                       problems=problems)


def _resolve_with_fallback(
    raw: dict[Phase, PhaseTemplate], defaults: dict[Phase, PhaseTemplate], sources: dict[Phase, str],
    problems: list[str],
) -> dict[Phase, PhaseTemplate]:
    """Resolves every phase; a library file that breaks resolution (cycle, bad removal) is replaced by its default."""
    while True:
        try:
            return {p: resolve_chain(raw, p, sources=sources) for p in Phase}
        except TemplateFileError as exc:
            from_library = [p for p in Phase if raw[p] is not defaults[p]]
            if not from_library:
                raise
            culprits = [p for p in from_library if sources[p] == exc.file] or from_library
            names = ", ".join(p.label for p in culprits)
            problems.append(f"{exc.one_line()} (using the default template for {names})")
            for p in culprits:
                raw[p] = defaults[p]
                sources[p] = display_path(DEFAULT_PHASES_DIR / f"{p.value}.yaml")
