"""A project file read in small steps decodes to exactly what json.loads gives, errors and positions included."""
from __future__ import annotations

import json

import pytest

from app.project.io import project_bytes
from app.project.json_pieces import loads, text_of
from app.project.sample import load_sample_project


def test_a_project_file_decodes_as_json_loads_does():
    data = project_bytes(load_sample_project())
    assert loads(text_of(data)) == json.loads(data.decode("utf-8"))
    assert text_of(b"\xef\xbb\xbf" + data) == data.decode("utf-8")  # a BOM is dropped, as utf-8-sig does


def test_text_split_inside_a_multibyte_character_is_decoded_whole(monkeypatch):
    import app.project.json_pieces as pieces

    monkeypatch.setattr(pieces, "_TEXT_PIECE", 3)
    assert text_of("Zoë Núñez — ✓".encode()) == "Zoë Núñez — ✓"


@pytest.mark.parametrize("text", [
    '{"a": 1,}', '{"a" 1}', "[1, 2", '{"roster": {"people": [{"id": 1}, ]}}', '{"a": 1} x', "", "   ",
    '{"roster": {"people": [1 2]}}', '{"roster": {"people": [{"id": "E1", "name": "A"}, {"id": }]}}',
    '{"scenarios": [{"plan": {"assignments": [{"fte": 1.5}, {"fte": 0.5}]}}]}', '{"a": "\\u00e9\\n", "b": [true, null]}',
    '{"roster": {"people": []}, "roster": {"people": [{"id": "x"}]}}',
])
def test_good_and_bad_text_give_what_json_loads_gives(text):
    try:
        expected = ("ok", json.loads(text))
    except json.JSONDecodeError as exc:
        expected = ("error", exc.msg, exc.lineno, exc.colno)
    try:
        got = ("ok", loads(text))
    except json.JSONDecodeError as exc:
        got = ("error", exc.msg, exc.lineno, exc.colno)
    assert got == expected


def test_a_bad_person_after_good_ones_is_named_by_its_place(tmp_path):
    from app.errors import ProjectFileError
    from app.project import open_project, save_project

    project = load_sample_project()
    path = tmp_path / "p.phasegate"
    save_project(project, path)
    data = json.loads(path.read_text("utf-8"))
    data["roster"]["people"][3]["fte"] = 7
    data["roster"]["people"][5]["fte"] = "lots"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProjectFileError) as caught:
        open_project(path)
    message = caught.value.one_line()
    assert "invalid content at roster.people.3.fte" in message and "(and 1 more problems)" in message
    assert path.name in message
