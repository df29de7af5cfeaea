"""`phasegate plan` on the bundled sample says what it proved and counts what a delivery lead counts."""
from __future__ import annotations

import contextlib
import io
import json
from datetime import date, timedelta
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from app.cli import main
from app.planning.words import fte
from app.planning.words.numbers import day
from app.project.sample import SAMPLE_ROSTER

ROSTER = str(SAMPLE_ROSTER)


def run_cli(args: list[str]) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of one CLI run."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def claims(tmp_path_factory) -> tuple[str, str, dict, dict, Path]:
    """One plan of the sample's Claims Triage Assistant, at most 5 hires: (text, stderr, JSON, schema, workbook)."""
    folder = tmp_path_factory.mktemp("plan")
    path, book = folder / "plan.json", folder / "plan.xlsx"
    code, text, err = run_cli(["plan", ROSTER, "--initiative", "Claims Triage Assistant", "--to", "production",
                               "--max-hires", "5", "--time-limit", "3", "--json", str(path), "--xlsx", str(book)])
    assert code == 0, err
    schema_code, schema, _ = run_cli(["schema", "plan"])
    assert schema_code == 0
    return text, err, json.loads(path.read_text("utf-8")), json.loads(schema), book


def _pairs(ws, key: int, value: int) -> dict:
    return {r[key]: r[value] for r in ws.iter_rows(values_only=True) if len(r) > value and r[key] is not None}


def test_hires_are_counted_in_heads_in_text_and_json(claims) -> None:
    text, _, data, schema, _ = claims
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


def test_status_says_optimal_only_among_the_candidates_considered(claims) -> None:
    text, _, data, _, book = claims
    wb = openpyxl.load_workbook(book, read_only=True)
    assumptions = _pairs(wb["Assumptions"], 1, 2)
    pairs = int(next(v for k, v in assumptions.items() if str(k).endswith("(pruning_trainable_dropped)")))
    dropped = int(next(v for k, v in assumptions.items() if str(k).endswith("(pruning_trainable_people_dropped)")))
    assert 0 < dropped <= pairs  # the sample prunes trainees, so "every level proven" would overstate the proof
    assert data["status"] in ("optimal", "feasible")  # the status values stay stable
    detail = data["status_detail"]
    assert f"{dropped} more people who could be trained in time for a role were not considered for it" in detail
    if data["status"] == "optimal":
        assert detail.startswith("optimal among the people considered (")
    status_line = next(line for line in text.splitlines() if line.startswith("Status: "))
    assert status_line == f"Status: {detail}" and "optimal (proven best)" not in text
    assert assumptions["What was proven"] == detail
    assert _pairs(wb["Summary"], 0, 1)["What was proven"] == detail


def test_objective_levels_use_one_name_and_user_terms(claims) -> None:
    text, _, data, _, _ = claims
    levels = {lv["name"]: lv for lv in data["levels"]}
    assert list(levels) == list(data["objective"]) == ["uncovered", "cost", "disruption"]
    assert levels["uncovered"]["measure"] == data["kpis"]["uncovered_fte"]
    assert levels["disruption"]["measure"] == data["kpis"]["people_moved"]
    assert [lv["label"] for lv in data["levels"]] == ["Coverage", "Cost", "Moves"]
    for i, lv in enumerate(data["levels"], start=1):
        assert f"  {i}. {lv['label']}: {lv['text']}" in text
    assert levels["uncovered"]["text"].startswith(f"{fte(data['kpis']['uncovered_fte'])} FTE left open")
    assert levels["disruption"]["text"].startswith(f"{data['kpis']['people_moved']} people moved")
    assert "score" not in text and "gap" not in text.lower().replace("gaps", "")


def test_without_go_live_one_warning_and_every_date_fills(claims) -> None:
    text, err, data, _, book = claims
    warnings = [line for line in err.splitlines() if "no go-live" in line]
    assert warnings == [next(line for line in err.splitlines() if line.startswith("warning: no go-live for "
                                                                                  "Claims Triage Assistant; "))]
    end = day(date.today() + timedelta(weeks=26))
    assert f"end of the 26-week horizon ({end}); pass --go-live to set it" in warnings[0]
    assert f"Pilot → Production, go-live {end}" in text
    assert data["trainings"] and all(t["latest_start"] for t in data["trainings"])
    assert data["hires"] and all(h["latest_requisition"] for h in data["hires"])
    wb = openpyxl.load_workbook(book)  # page 1 shows the date and that it was assumed, not set
    rows = [r for r in wb["Summary"].iter_rows(values_only=True) if r[0] == "Claims Triage Assistant"]
    assert any(r[1] == f"{end} (assumed)" for r in rows)


def test_a_project_that_knows_the_go_live_uses_it_without_warning(tmp_path) -> None:
    from app.project.io import save_project
    from app.project.sample import load_sample_project

    project = load_sample_project()
    known = project.initiative("Churn Predictor").go_live
    assert known is not None
    path = save_project(project, tmp_path / "northwind.phasegate")
    code, text, err = run_cli(["plan", str(path), "--initiative", "Churn Predictor", "--to", "operations",
                               "--time-limit", "2"])
    assert code == 0 and "no go-live" not in err
    assert f"go-live {day(known)}" in text


def test_alternatives_side_by_side_with_heads_and_same_coverage(tmp_path) -> None:
    path = tmp_path / "plan.json"
    code, text, err = run_cli(["plan", ROSTER, "--initiative", "Contract Analyzer", "--to", "pilot", "--go-live-weeks",
                               "16", "--alternatives", "--time-limit", "2", "--json", str(path)])
    assert code == 0, err
    data = json.loads(path.read_text("utf-8"))
    alts = data["alternatives"]
    assert [a["kind"] for a in alts] == ["fewest_hires", "most_internal_growth", "lowest_cost"]
    assert all(a["coverage"] == data["kpis"]["coverage"] for a in alts)
    table = text[text.index("Alternatives at the best coverage, side by side"):].splitlines()
    assert table[1].split() == ["Current", "plan", "Fewest", "hires", "Most", "internal", "growth", "Lowest", "cost"]
    rows = {line[:21].strip(): line[21:].split() for line in table[2:10]}
    kpis = data["kpis"]
    assert rows["Hires (heads)"] == [str(kpis["hires"]), *(str(a["hires"]) for a in alts)]
    assert rows["Contractors (heads)"] == [str(kpis["contracts"]), *(str(a["contracts"]) for a in alts)]
    assert rows["Trainings"] == [str(kpis["trainings"]), *(str(a["trainings"]) for a in alts)]
    assert rows["People moved"] == [str(kpis["people_moved"]), *(str(a["people_moved"]) for a in alts)]
    assert len(set(rows["Coverage"])) == 1 and rows["Cost"][0].startswith("€")
    fewest = alts[0]
    assert fewest["hires"] + fewest["contracts"] <= kpis["hires"] + kpis["contracts"]
    assert f"  Fewest hires: {fewest['description']}" in text
