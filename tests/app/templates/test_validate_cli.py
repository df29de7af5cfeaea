"""`phasegate templates validate` lists every problem (file, role, field each); exit 1 invalid, 2 unreadable."""
from __future__ import annotations

import json

import yaml

from app.cli import main
from role_templates import DATA_DIR


def _broken_production(tmp_path, *, bad_levels: int):
    """The bundled production template with `bad_levels` required levels set to 9 across its roles."""
    data = yaml.safe_load((DATA_DIR / "phases" / "production.yaml").read_text("utf-8"))
    spoiled = []
    for role in data["roles"]:
        for i, req in enumerate(role["required"]):
            if len(spoiled) < bad_levels:
                req["min_level"] = 9
                spoiled.append((role["id"], f"required[{i}].min_level"))
    assert len(spoiled) == bad_levels
    path = tmp_path / "production.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return path, spoiled


def test_every_bad_value_is_reported_with_role_and_field_exit_1(tmp_path, capsys) -> None:
    path, spoiled = _broken_production(tmp_path, bad_levels=12)
    assert main(["templates", "validate", str(path)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    errors = [line for line in lines if line.startswith("error  ")]
    assert len(errors) == 12
    for role, field in spoiled:
        assert f"error  {path}, role '{role}', field '{field}': must be between 1 and 5, not 9" in errors
    assert lines[-1] == "12 problem(s) found in 1 file."


def test_json_lists_every_error_per_file(tmp_path, capsys) -> None:
    path, _ = _broken_production(tmp_path, bad_levels=3)
    text = path.read_text("utf-8").replace("  - skill: ", "  - skill: nonsense_", 1)
    path.write_text(text, "utf-8")
    assert main(["templates", "validate", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    (entry,) = data["files"]
    assert data["ok"] is False and data["problems"] == 4 == len(entry["errors"])
    assert entry["readable"] is True and entry["error"] == entry["errors"][0]
    assert sum("unknown skill id" in e for e in entry["errors"]) == 1


def test_unreadable_file_is_exit_2_and_named(tmp_path, capsys) -> None:
    folder = tmp_path / "lib"
    (folder / "phases").mkdir(parents=True)
    (folder / "phases" / "pilot.yaml").write_text("phase: pilot\nroles: [oops\n", "utf-8")
    broken, _ = _broken_production(folder / "phases", bad_levels=2)
    assert main(["templates", "validate", str(folder)]) == 2
    out = capsys.readouterr().out
    assert f"error  {folder / 'phases' / 'pilot.yaml'}, line 3: YAML syntax error" in out
    assert out.count(f"error  {broken}, role ") == 2
    assert out.strip().endswith("3 problem(s) found in 2 files.")


def test_valid_file_is_exit_0(capsys) -> None:
    assert main(["templates", "validate", str(DATA_DIR / "phases" / "pilot.yaml")]) == 0
    assert capsys.readouterr().out.strip().endswith("All template files are valid.")
