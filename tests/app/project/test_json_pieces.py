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


_TEXTS = [
    '{"a": 1,}', '{"a" 1}', "[1, 2", '{"roster": {"people": [{"id": 1}, ]}}', '{"a": 1} x', "", "   ",
    '{"roster": {"people": [1 2]}}', '{"roster": {"people": [{"id": "E1", "name": "A"}, {"id": }]}}',
    '{"scenarios": [{"plan": {"assignments": [{"fte": 1.5}, {"fte": 0.5}]}}]}', '{"a": "\\u00e9\\n", "b": [true, null]}',
    '{\n "roster": {\n  "people": [\n   {"id": "E1", "name": "Zoë Núñez ≥ 😀"},\n   {"id": "E2", "fte": 12345.5e-3}\n'
    '  ]\n },\n "name": "p"\n}\n',
    '{\n "roster": {\n  "people": [\n   {"id": "E1"},\n   {"id": "E2", "fte": 1.}\n  ]\n }\n}',
    '{\n "roster": {\n  "people": [\n   {"id": "E1"}\n   {"id": "E2"}\n  ]\n }\n}',
    '{"roster": {"people": [12345678, 9, true, false, null, "x"]}, "n": 1234567890}',
    '{"roster": {"people": [{"id": "\\ud83d\\ude00"}, "unterminated]}}',
    '\n\n   {"roster"   :   {"people":[ ]   }  }   \n\n', '{"roster": {"people": [1, 2]}}\n\n\n  ]',
]


@pytest.mark.parametrize("piece", [1, 2, 3, 5, 8, 13])
@pytest.mark.parametrize("text", _TEXTS)
def test_bytes_read_in_small_pieces_give_what_json_loads_gives(monkeypatch, piece, text):
    import app.project.json_pieces as pieces

    monkeypatch.setattr(pieces, "_TEXT_PIECE", piece)  # every value, key and gap split between pieces somewhere
    try:
        expected = ("ok", json.loads(text))
    except json.JSONDecodeError as exc:
        expected = ("error", exc.msg, exc.lineno, exc.colno, exc.pos)
    try:
        got = ("ok", pieces.loads_bytes(text.encode("utf-8")))
    except json.JSONDecodeError as exc:
        got = ("error", exc.msg, exc.lineno, exc.colno, exc.pos)
        assert str(exc) == f"{exc.msg}: line {exc.lineno} column {exc.colno} (char {exc.pos})"
    assert got == expected


def test_a_whole_project_read_in_pieces_is_the_project(monkeypatch):
    import app.project.json_pieces as pieces

    project = load_sample_project()
    people = project.roster.people
    people[0] = people[0].model_copy(update={"name": "Zoë \"Ana\" Núñez ≥ 😀"})
    data = project_bytes(project)
    monkeypatch.setattr(pieces, "_TEXT_PIECE", 997)  # pieces end inside people, keys, numbers and characters
    assert pieces.loads_bytes(b"\xef\xbb\xbf" + data) == json.loads(data.decode("utf-8"))


def test_bytes_that_are_not_utf8_fail_as_a_decode_error():
    from app.project.json_pieces import loads_bytes

    with pytest.raises(UnicodeDecodeError):
        loads_bytes(b'{"name": "\xff"}')
