"""`phasegate plan` on the bundled sample says what it proved and counts what a delivery lead counts."""
from __future__ import annotations

import contextlib
import io
import json

import jsonschema
import pytest

from app.cli import main
from app.project.sample import SAMPLE_ROSTER

ROSTER = str(SAMPLE_ROSTER)


def run_cli(args: list[str]) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of one CLI run."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def claims(tmp_path_factory) -> tuple[str, str, dict, dict]:
    """One plan of the sample's Claims Triage Assistant with at most 5 hires: (text, stderr, JSON, schema)."""
    path = tmp_path_factory.mktemp("plan") / "plan.json"
    code, text, err = run_cli(["plan", ROSTER, "--initiative", "Claims Triage Assistant", "--to", "production",
                               "--max-hires", "5", "--time-limit", "3", "--json", str(path)])
    assert code == 0, err
    schema_code, schema, _ = run_cli(["schema", "plan"])
    assert schema_code == 0
    return text, err, json.loads(path.read_text("utf-8")), json.loads(schema)


def test_hires_are_counted_in_heads_in_text_and_json(claims) -> None:
    text, _, data, schema = claims
    jsonschema.validate(data, schema)
    assert {"heads", "fte", "kind"} <= set(schema["$defs"]["HireOut"]["properties"])
    heads = sum(h["heads"] for h in data["hires"] if h["kind"] == "hire")
    assert data["kpis"]["hires"] == heads <= 5
    assert data["kpis"]["hire_rows"] == len(data["hires"])
    assert all(h["heads"] >= round(h["fte"] + 0.49) for h in data["hires"])
    summary = next(line for line in text.splitlines() if line.strip().startswith("Covers "))
    assert f"{heads} hire" in summary
    for h in data["hires"]:
        assert f"{h['kind']} {h['heads']} head{'' if h['heads'] == 1 else 's'}, " in text
