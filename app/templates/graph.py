"""The skill-adjacency graph: how long a person needs to reach a level in a skill, given the skills they hold."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from app.domain.people import Person
from app.domain.skills import MAX_LEVEL, SkillCatalogue
from app.templates.errors import TemplateFileError, did_you_mean, display_path, read_yaml, validation_error
from role_templates import DATA_DIR

if TYPE_CHECKING:
    import networkx as nx

DEFAULT_GRAPH = DATA_DIR / "skill_graph.yaml"
_DEFAULT_MULTIPLIERS = {1: 0.5, 2: 0.75, 3: 1.0, 4: 1.5, 5: 2.0}


class SkillEdge(BaseModel):
    """Holding `from` makes learning `to` cost `weeks_per_level` per level step."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    source: str = Field(alias="from", min_length=1, description="Skill already held.")
    target: str = Field(alias="to", min_length=1, description="Skill being learned.")
    weeks_per_level: Annotated[float, Field(gt=0, le=52, description="Weeks per level step via this skill.")]
    min_source_level: Annotated[int | None, Field(ge=1, le=MAX_LEVEL)] = Field(
        default=None, description="Level of `from` needed to use this edge; default: the file's min_source_level."
    )


class SkillGraphFile(BaseModel):
    """The layout of `skill_graph.yaml`: the from-scratch rate, level multipliers and adjacency edges."""

    model_config = ConfigDict(extra="forbid", title="Phasegate skill-adjacency graph")

    version: Annotated[int, Field(ge=1)] = 1
    from_scratch_weeks_per_level: Annotated[float, Field(gt=0, le=104, description="Weeks per level step, alone.")]
    min_source_level: Annotated[int, Field(ge=1, le=MAX_LEVEL, description="Adjacent skill level needed.")] = 3
    level_multipliers: dict[int, Annotated[float, Field(gt=0, le=10)]] = Field(
        default_factory=lambda: dict(_DEFAULT_MULTIPLIERS),
        description="Factor on the step INTO each level 1–5 (higher levels take longer).",
    )
    edges: list[SkillEdge] = Field(default_factory=list)

    @model_validator(mode="after")
    def _checks(self) -> SkillGraphFile:
        bad = sorted(k for k in self.level_multipliers if not 1 <= k <= MAX_LEVEL)
        if bad:
            raise ValueError(f"level_multipliers has level(s) outside 1–{MAX_LEVEL}: {bad}")
        pairs = [(e.source, e.target) for e in self.edges]
        dupes = sorted({f"{a}->{b}" for a, b in pairs if pairs.count((a, b)) > 1})
        if dupes:
            raise ValueError(f"edge(s) listed twice: {', '.join(dupes)}")
        loops = sorted(a for a, b in pairs if a == b)
        if loops:
            raise ValueError(f"a skill cannot be adjacent to itself: {', '.join(loops)}")
        return self


def read_graph_file(path: Path, *, catalogue: SkillCatalogue | None = None) -> SkillGraphFile:
    """Reads and validates a graph file; with a catalogue, unknown skill ids are errors with a suggestion."""
    data = read_yaml(path)
    shown = display_path(path)
    try:
        parsed = SkillGraphFile.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, model=SkillGraphFile, file=shown, data=data, item_key="edges") from None
    if catalogue is not None:
        ids = [s.id for s in catalogue.skills]
        for i, edge in enumerate(parsed.edges):
            for side, skill in (("from", edge.source), ("to", edge.target)):
                if skill not in catalogue:
                    raise TemplateFileError(
                        f"unknown skill id{did_you_mean(skill, ids)}", file=shown, field=f"edges[{i}].{side}",
                        skill=skill,
                    )
    return parsed


def build_skill_graph(spec: SkillGraphFile) -> nx.DiGraph:
    """A DiGraph (edge attribute `weeks`) carrying the rates, with incoming edges pre-sorted for fast look-ups."""
    import networkx as nx  # 0.2 s to import; only the commands that plan or show gaps need the graph

    graph = nx.DiGraph(
        from_scratch=float(spec.from_scratch_weeks_per_level),
        min_source_level=spec.min_source_level,
        multipliers={**_DEFAULT_MULTIPLIERS, **spec.level_multipliers},
    )
    for e in spec.edges:
        graph.add_edge(e.source, e.target, weeks=float(e.weeks_per_level),
                       min_level=e.min_source_level or spec.min_source_level)
    _index(graph)
    return graph


def _index(graph: nx.DiGraph) -> dict[str, tuple[tuple[str, float, int], ...]]:
    """Incoming edges per skill, fastest first; cached on the graph so each call is a dict look-up."""
    incoming = {
        node: tuple(sorted(((src, d["weeks"], d["min_level"]) for src, _, d in graph.in_edges(node, data=True)),
                           key=lambda t: (t[1], t[0])))
        for node in graph.nodes
    }
    graph.graph["incoming"] = incoming
    # Prefix sums of multipliers, so the weeks of a level range are one subtraction.
    mult = graph.graph.get("multipliers", _DEFAULT_MULTIPLIERS)
    cum = [0.0]
    for level in range(1, MAX_LEVEL + 1):
        cum.append(cum[-1] + mult.get(level, 1.0))
    graph.graph["cumulative"] = tuple(cum)
    return incoming


def load_skill_graph(path: Path | str | None = None, *, catalogue: SkillCatalogue | None = None) -> nx.DiGraph:
    """The skill-adjacency graph from a file (default: the bundled one)."""
    return build_skill_graph(read_graph_file(Path(path) if path else DEFAULT_GRAPH, catalogue=catalogue))


def training_weeks(
    person_skills: dict[str, int], skill: str, from_level: int, to_level: int, graph: nx.DiGraph
) -> tuple[float, str | None]:
    """Weeks to take `skill` from `from_level` to `to_level`, and the adjacent skill that makes it fastest.

    Rate: the fastest incoming edge whose source the person holds at or above its minimum level, else the
    from-scratch rate; weeks = rate × (sum of the level multipliers of the steps). Single hop only: a path through
    a skill the person lacks would need that skill learned first, which is training of its own.
    """
    if to_level <= from_level:
        return 0.0, None
    incoming = graph.graph.get("incoming")
    if incoming is None:
        incoming = _index(graph)
    cum = graph.graph["cumulative"]
    steps = cum[min(to_level, MAX_LEVEL)] - cum[max(from_level, 0)]
    for source, weeks, min_level in incoming.get(skill, ()):
        if person_skills.get(source, 0) >= min_level:
            return round(weeks * steps, 2), source
    return round(graph.graph["from_scratch"] * steps, 2), None


def levels_of(person: Person) -> dict[str, int]:
    """A person's skills as the plain id → level mapping `training_weeks` takes."""
    return {skill: entry.level for skill, entry in person.skills.items()}
