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
