"""`phasegate check`: exit codes 0/1/2, human summary, JSON output and its schema."""
from __future__ import annotations

import json

from app.cli import main
from app.roster_import import check_output_schema

from .conftest import write_xlsx


def test_check_json_on_the_bundled_sample(capsys):
    from app.sample_data import sample_roster_path

    assert main(["check", str(sample_roster_path()), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["people"] > 70
    assert {"sheet", "row", "column", "value", "reason"} <= set(out["rejected"][0])
    assert "python" in out["skills"] and "mapping" in out and isinstance(out["warnings"], list)
    schema = check_output_schema()
    assert set(schema["required"]) >= {"people", "rejected", "warnings", "skills", "mapping"}


def test_check_summary_and_save_mapping(tmp_path, capsys):
    path = write_xlsx(tmp_path / "r.xlsx", [["Employee ID", "Name", "Badge colour"], ["E1", "Ann", "red"],
                                           ["E1", "Ann 2", "blue"]])
    saved = tmp_path / "map.json"
    assert main(["check", str(path), "--save-mapping", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "1 people imported, 1 rows rejected" in out
    assert "row 3, column 'Employee ID': duplicate employee id" in out
    assert "Columns kept as extra fields: Badge colour" in out
    assert json.loads(saved.read_text())["columns"]["Name"]["target"] == "name"
    assert main(["check", str(path), "--mapping", str(saved)]) == 0


def test_not_importable_exit_1(tmp_path, capsys):
    path = write_xlsx(tmp_path / "r.xlsx", [["Colour", "Size"], ["red", 3]])
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:") and "no name column" in err[0] and "r.xlsx" in err[0]


def test_usage_errors_exit_2(tmp_path, capsys):
    path = write_xlsx(tmp_path / "r.xlsx", [["Name"], ["Ann"]])
    bad_map = tmp_path / "m.json"
    bad_map.write_text("{not json")
    for argv in (["check", str(path), "--mapping", str(bad_map)], ["check", str(path), "--sheet", "Nope"],
                 ["check", str(path), "--header-row", "99"]):
        assert main(argv) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("error:") and "Traceback" not in err[0]


def test_a_check_that_asks_writes_the_mapping_here_and_a_failed_import_saves_it_when_asked(tmp_path, capsys,
                                                                                           monkeypatch):
    rows = [["Emp ID", "Worker", "Operation", "Eff"]]
    for person in range(4):
        rows += [[f"OP{person}", f"Operator {person}", op, 70 + person + k] for k, op in
                 enumerate(["Pressing", "Hemming", "Packing"])]
    path = write_xlsx(tmp_path / "ops.xlsx", rows)
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "'Operation'" in out and "'Eff'" in out and "ops.mapping.json" in out
    assert err.startswith("error:") and err.count("\n") == 1
    written = json.loads((tmp_path / "ops.mapping.json").read_text())
    assert written["columns"]["Operation"]["target"] == "skill_name" and written["columns"]["Worker"]["target"] == "name"
    assert main(["check", str(path), "--json"]) == 1  # a second run never overwrites the first file
    asked = json.loads(capsys.readouterr().out)
    assert [q["column"] for q in asked["questions"]] == ["Operation", "Eff"]
    assert asked["mapping_file"].endswith("ops.mapping-2.json")
    partial = tmp_path / "partial.json"  # a mapping naming only the undecided columns; the rest is inferred
    partial.write_text(json.dumps({"columns": {"Operation": {"target": "skill_name"}, "Eff": {"target": "extra"}}}))
    assert main(["check", str(path), "--mapping", str(partial), "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["people"] == 4 and done["counts"]["merged"] == 8
    assert {c["column"]: c["target"] for c in done["columns"]}["Worker"] == "name"
    nameless = write_xlsx(tmp_path / "n.xlsx", [["Colour", "Size"], ["red", 3]])
    assert main(["check", str(nameless), "--save-mapping", str(tmp_path / "n.json")]) == 1
    assert json.loads((tmp_path / "n.json").read_text())["columns"]["Colour"]["target"] == "extra"
    assert not (tmp_path / "n.mapping.json").exists()
