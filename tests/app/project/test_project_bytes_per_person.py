"""A project file is dumped person by person (so other threads run), byte for byte what one whole dump gives."""
from __future__ import annotations

import json

from app import __version__
from app.project.io import FORMAT, project_bytes
from app.project.model import SCHEMA_VERSION
from app.project.sample import load_sample_project


def test_person_by_person_dump_gives_the_same_bytes_as_one_dump():
    project = load_sample_project()
    assert len(project.roster.people) > 10
    whole = project.model_dump(mode="json")
    whole["schema_version"], whole["app_version"] = SCHEMA_VERSION, __version__
    expected = json.dumps({"format": FORMAT, **whole}, ensure_ascii=False, indent=1).encode("utf-8")
    assert project_bytes(project) == expected


def test_pieces_are_one_person_each_and_join_to_the_whole_file():
    from app.project.io import project_chunks

    project = load_sample_project()
    people = project.roster.people
    people[0] = people[0].model_copy(update={"name": "Zoë \"Ana\" Núñez\nsecond line"})  # escapes, non-ASCII
    pieces = list(project_chunks(project))
    assert len(pieces) == len(people) + 4  # head, "[", one per person, "]", tail
    assert max(len(p) for p in pieces[2:-2]) < 20_000  # no piece holds the roster
    whole = project.model_dump(mode="json")
    whole["schema_version"], whole["app_version"] = SCHEMA_VERSION, __version__
    assert b"".join(pieces) == json.dumps({"format": FORMAT, **whole}, ensure_ascii=False, indent=1).encode("utf-8")


def test_an_empty_roster_gives_the_same_bytes_as_one_dump():
    from app.project import Project

    project = Project(name="Empty")
    whole = project.model_dump(mode="json")
    whole["schema_version"], whole["app_version"] = SCHEMA_VERSION, __version__
    assert project_bytes(project) == json.dumps({"format": FORMAT, **whole}, ensure_ascii=False,
                                                indent=1).encode("utf-8")
