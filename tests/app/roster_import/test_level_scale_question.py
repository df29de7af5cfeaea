"""Levels that stop below 5 with nothing to say the scale are asked, however small the file; a header that says the
scale ('Python (1-4)', 'SQL /4', 'Level (0–4)') is read."""
from __future__ import annotations

import json

import pytest

from app.cli import main
from app.roster_import import ColumnMapping, import_roster
from app.roster_import.models import UnsureScaleError

from .conftest import write_text

ONE_TO_FOUR = "Name,Python,SQL\nAnn Archer,4,1\nBo Birch,2,3\nCy Cole,3,4\n"


def _levels(result) -> list[dict[str, int]]:
    return [{s: lv.level for s, lv in p.skills.items()} for p in result.people]


def test_levels_one_to_four_with_nothing_saying_the_scale_are_asked_not_read_as_one_to_five(tmp_path, catalogue):
    path = write_text(tmp_path / "four.csv", ONE_TO_FOUR)
    with pytest.raises(UnsureScaleError) as caught:  # was: read as 1–5 in silence, 4 of 4 = Advanced
        import_roster(path, catalogue=catalogue)
    asked = caught.value.mapping
    question = asked.columns["Python"].reason
    assert asked.unsure() == ["Python"] and asked.scale == "1-5"
    assert 'is 4 the top (set "scale" to "1-4": 4 = Expert)' in question and "4 = Advanced" in question
    top = import_roster(path, catalogue=catalogue, mapping=asked.model_copy(update={"scale": "1-4"}))
    assert _levels(top)[0] == {"python": 5, "sql": 2} and top.scale == "1-4"
    assert _levels(import_roster(path, catalogue=catalogue, mapping=asked))[0] == {"python": 4, "sql": 1}


def test_the_cli_asks_the_scale_with_a_mapping_file_and_takes_the_answer(tmp_path, capsys, catalogue):
    path = write_text(tmp_path / "four.csv", ONE_TO_FOUR)
    saved = tmp_path / "four.mapping.json"
    assert main(["check", str(path), "--save-mapping", str(saved)]) == 1
    assert "the level scale could not be decided" in capsys.readouterr().err
    answer = json.loads(saved.read_text())
    assert answer["scale"] == "1-5"
    answer["scale"] = "1-4"
    saved.write_text(json.dumps(answer))
    assert main(["check", str(path), "--mapping", str(saved), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["scale"] == "1-4"


@pytest.mark.parametrize("header", ["Python (1-4)", "Python (1–4)", "Python /4", "Python (out of 4)"])
def test_a_header_that_says_the_scale_is_read(tmp_path, catalogue, header):
    text = f"Name,{header},SQL\nAnn Archer,4,1\nBo Birch,2,3\n"
    result = import_roster(write_text(tmp_path / "said.csv", text), catalogue=catalogue)
    assert result.scale == "1-4" and _levels(result)[0] == {"python": 5, "sql": 2}
    assert any(f"level scale 1–4, as '{header}' says" in w.reason for w in result.warnings)


def test_a_title_above_the_header_that_names_the_scale_is_read(tmp_path, catalogue):
    text = "Skills matrix - rating scale 0-4\n\nName,Python,SQL\nAnn Archer,4,0\nBo Birch,2,3\n"
    result = import_roster(write_text(tmp_path / "titled.csv", text), catalogue=catalogue)
    assert result.scale == "0-4" and _levels(result)[0] == {"python": 5}


def test_a_file_of_two_ratings_is_asked_the_same_question(tmp_path, catalogue):
    """A small file settles the scale no better than a big one: asked, not read as 1–5 (was: fewer than 6 ratings
    were read as 1–5 in silence)."""
    path = write_text(tmp_path / "small.csv", "Name,Python\nAnn Archer,3\nBo Birch,2\n")
    with pytest.raises(UnsureScaleError, match='is 3 the top'):
        import_roster(path, catalogue=catalogue)
    answered = import_roster(path, catalogue=catalogue, mapping=ColumnMapping(scale="1-3"))
    assert _levels(answered) == [{"python": 5}, {"python": 3}]


def test_levels_from_zero_that_stop_below_five_are_asked_too(tmp_path, catalogue):
    path = write_text(tmp_path / "zero.csv", "Name,Python,SQL\nAnn Archer,0,4\nBo Birch,1,2\n")
    with pytest.raises(UnsureScaleError) as caught:  # was: read as 0–4 in silence
        import_roster(path, catalogue=catalogue)
    assert caught.value.mapping.scale == "0-5" and '"0-4": 4 = Expert' in str(caught.value)


def test_levels_that_reach_five_or_a_legend_are_not_asked(tmp_path, catalogue):
    five = import_roster(write_text(tmp_path / "five.csv", "Name,Python\nAnn Archer,5\nBo Birch,2\n"),
                         catalogue=catalogue)
    assert five.scale == "1-5"
    legend = "1 = basic,2 = working,3 = strong,4 = expert\n\nName,Python\nAnn Archer,4\nBo Birch,2\n"
    assert import_roster(write_text(tmp_path / "legend.csv", legend), catalogue=catalogue).scale == "1-4"
