"""Training time from the skill-adjacency graph: adjacent rates, from-scratch rates and level multipliers."""
from __future__ import annotations

import pytest

from app.domain.people import Person, SkillLevel
from app.errors import TemplateError
from app.templates import build_skill_graph, levels_of, load_catalogue, load_skill_graph, training_weeks
from app.templates.graph import SkillGraphFile


@pytest.fixture(scope="module")
def graph():
    return load_skill_graph(catalogue=load_catalogue())


def test_adjacent_skill_uses_its_rate(graph):
    # containers -> kubernetes is 3 weeks per level; steps into levels 1, 2, 3 weigh 0.5 + 0.75 + 1.0
    assert training_weeks({"containers": 3}, "kubernetes", 0, 3, graph) == (6.75, "containers")


def test_without_an_adjacent_skill_it_is_from_scratch(graph):
    assert training_weeks({}, "kubernetes", 0, 3, graph) == (22.5, None)


def test_adjacent_skill_below_minimum_level_does_not_count(graph):
    # containers at 2 is below min_source_level 3: from scratch, steps into 3 and 4 weigh 1.0 + 1.5
    assert training_weeks({"containers": 2}, "kubernetes", 2, 4, graph) == (25.0, None)


def test_fastest_adjacent_skill_wins(graph):
    # data_engineering -> data_contracts (2/level) beats api_design -> data_contracts (3/level)
    weeks, via = training_weeks({"api_design": 4, "data_engineering": 3}, "data_contracts", 2, 3, graph)
    assert (weeks, via) == (2.0, "data_engineering")


def test_brief_examples_are_in_the_graph(graph):
    expected = {
        ("containers", "kubernetes"): 3, ("software_engineering", "ml_pipelines"): 4,
        ("data_engineering", "data_contracts"): 2, ("statistics", "machine_learning"): 4,
        ("audit", "ai_risk_management"): 4, ("stakeholder_engagement", "change_management"): 3,
    }
    for (a, b), weeks in expected.items():
        assert graph.edges[a, b]["weeks"] == weeks


def test_no_training_needed_costs_nothing(graph):
    assert training_weeks({"kubernetes": 4}, "kubernetes", 4, 3, graph) == (0.0, None)


def test_levels_of_person_feeds_training_weeks(graph):
    person = Person(id="1", name="Ana", skills={"statistics": SkillLevel(level=4)})
    assert training_weeks(levels_of(person), "machine_learning", 1, 3, graph) == (7.0, "statistics")


def test_every_adjacent_rate_beats_from_scratch(graph):
    scratch = graph.graph["from_scratch"]
    assert all(d["weeks"] < scratch for _, _, d in graph.edges(data=True))


def test_unknown_skill_in_graph_is_named(tmp_path):
    path = tmp_path / "skill_graph.yaml"
    path.write_text("from_scratch_weeks_per_level: 10\nedges:\n  - {from: containers, to: kubernets, weeks_per_level: 3}\n")
    with pytest.raises(TemplateError) as err:
        load_skill_graph(path, catalogue=load_catalogue())
    assert str(err.value) == (
        f"{path}, field 'edges[0].to', skill 'kubernets': unknown skill id (did you mean 'kubernetes'?)"
    )


def test_multipliers_can_be_changed():
    graph = build_skill_graph(SkillGraphFile(from_scratch_weeks_per_level=4, level_multipliers={5: 3.0}))
    assert training_weeks({}, "x", 4, 5, graph) == (12.0, None)
