"""`phasegate plan` says who fixed a pinned row: '[pinned by you]' for the delivery lead's own pin, '[approved by
approver]' for one approved in a returned workbook (both read '[pinned]' before); the JSON keeps `pinned` and adds
`pinned_by` ('lead', 'approver' or null), which `phasegate schema plan` describes."""
from __future__ import annotations

import json

import jsonschema
import pytest

from app.cli import main
from app.planning.service import plan_scenario
from app.project.io import open_project, save_project
from app.templates import load_phase_templates
from tests.own_roster import write_roster
from tests.pins import pin_lead_and_approver


@pytest.fixture(scope="module")
def two_pins(tmp_path_factory):
    """A project whose lead pinned one assignment and whose approver approved another (with a comment)."""
    tmp = tmp_path_factory.mktemp("cli_pins")
    path = tmp / "acme.phasegate"
    assert main(["new", str(write_roster(tmp / "acme.csv")), "-o", str(path)]) == 0
    project = open_project(path)
    plan = plan_scenario(project, templates=load_phase_templates(use_library=False), time_limit=3)
    mine, other = pin_lead_and_approver(project.scenario(), plan)
    save_project(project, path)
    return path, mine, other


def _line_of(text: str, a) -> str:
    return next(line for line in text.splitlines() if f": {a.person_name} " in line and f"· {a.role_name}:" in line)


def test_the_text_says_who_pinned_each_row(two_pins, capsys):
    path, mine, other = two_pins
    assert main(["plan", str(path), "--time-limit", "3"]) == 0
    out = capsys.readouterr().out
    assert "[pinned by you]" in _line_of(out, mine) and "approver" not in _line_of(out, mine)
    assert "[approved by approver]" in _line_of(out, other)
    assert "[pinned]" not in out


def test_the_json_keeps_pinned_and_adds_who(two_pins, tmp_path, capsys):
    path, mine, other = two_pins
    out = tmp_path / "plan.json"
    assert main(["plan", str(path), "--time-limit", "3", "--json", str(out)]) == 0
    capsys.readouterr()
    data = json.loads(out.read_text("utf-8"))
    by = {(r["person_id"], r["initiative"], r["role"]): (r["pinned"], r["pinned_by"]) for r in data["assignments"]}
    assert by.pop((mine.person_id, mine.initiative, mine.role)) == (True, "lead")
    assert by.pop((other.person_id, other.initiative, other.role)) == (True, "approver")
    assert by and set(by.values()) == {(False, None)}
    assert main(["schema", "plan"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "'approver'" in schema["$defs"]["AssignmentOut"]["properties"]["pinned_by"]["description"]
    jsonschema.validate(data, schema)
    for row in data["assignments"]:
        row["pinned_by"] = "manager"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
