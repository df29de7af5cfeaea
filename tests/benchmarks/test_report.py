"""The benchmark's verdicts on its targets, and the runner that finds every benchmark."""
from __future__ import annotations

import json
import random

import pytest

from benchmarks.bench_solver import main as bench_main
from benchmarks.run_all import choose, modules
from benchmarks.run_all import main as run_all_main
from benchmarks.solver_instances import _variants
from benchmarks.solver_report import render_markdown, solver_source, targets


def _method(cov: int, cost: int, short: int | None, *, proven_s: float | None = None, wall: float = 1.0,
            cov_proven: bool = False, cost_gap: float = 1.0) -> dict:
    return {
        "status": "optimal" if proven_s else "feasible", "message": "", "has_plan": short is not None,
        "uncovered_units": short, "uncovered_fte": None if short is None else short / 20, "cost": cost,
        "levels": {"coverage": {"value": cov, "bound": 0, "gap": 0.0, "proven": cov_proven, "status": "optimal",
                                "time_to_proof_s": 0.1, "wall_s": 0.1},
                   "cost": {"value": cost, "bound": 0, "gap": cost_gap, "proven": cost_gap == 0, "status": "feasible",
                            "time_to_proof_s": None, "wall_s": 0.1}},
        "first_plan_s": 0.1, "build_s": None, "proven_all_s": proven_s, "wall_s": wall,
        "validator_ok": short is not None, "violations": [], "repeats": 1,
    }


def _record(name: str, greedy: dict, highs: dict, phasegate: dict) -> dict:
    return {"instance": name, "options": 10, "highs_limit_s": 30.0,
            "methods": {"greedy": greedy, "highs": highs, "phasegate": phasegate}}


def test_verdicts_name_the_instances_that_miss():
    records = [
        _record("1000x150-loose", _method(50, 900, 10), _method(0, 700, 0, proven_s=8.0),
                _method(0, 700, 0, proven_s=1.0)),
        _record("6000x600-tight", _method(50, 900, 10), _method(40, 900, 5),
                _method(60, 800, 12, wall=9.0, cov_proven=True, cost_gap=0.005)),
    ]
    verdicts = {v["target"].split(" ")[0]: v for v in targets(records)}
    assert verdicts["Never"]["verdict"] == "not met" and "6000x600-tight" in verdicts["Never"]["detail"]
    assert verdicts["0"]["verdict"] == "met"  # 0 short reached only on 1000x150, and Phasegate reached it
    assert verdicts["6,000×600"]["verdict"] == "met"


def test_no_plan_counts_as_worse_and_is_listed_in_the_page():
    records = [_record("portfolio20-tight", _method(50, 900, 10), _method(40, 900, 5), _method(0, 0, None))]
    verdicts = targets(records)
    assert verdicts[0]["verdict"] == "not met"
    assert verdicts[2]["verdict"] == "not met"
    meta = {"date": "d", "duration_s": 1, "command": "c", "cpu": "x", "cores": 2, "memory": "1 GiB",
            "platform": "p", "python": "3", "ortools": "9", "highspy": "1", "load_start": [1, 1, 1],
            "load_end": [1, 1, 1], "repeats": 5, "big_repeats": 1}
    page = render_markdown(records, meta, verdicts)
    assert "| portfolio20-tight | 10 | phasegate | no plan |" in page
    assert "Runs without a valid plan" in page


def test_role_templates_ask_for_two_to_five_skills_at_level_three_or_four():
    for v in _variants(random.Random(4)):
        assert 2 <= len(v.skills) <= 5
        assert set(v.levels) <= {3, 4}


def test_run_all_finds_the_solver_benchmark():
    found = modules()
    assert "benchmarks.bench_solver" in found
    assert all(m.startswith("benchmarks.bench_") for m in found)


def test_run_all_chooses_benchmarks_by_short_or_full_name():
    found = ["benchmarks.bench_import", "benchmarks.bench_solver"]
    assert choose([], found) == found
    assert choose(["solver", "bench_import", "benchmarks.bench_solver"], found) == [
        "benchmarks.bench_solver", "benchmarks.bench_import"]


def test_run_all_refuses_an_unknown_name_in_one_line(capsys):
    assert run_all_main(["nosuch"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("error: no benchmark named nosuch") and "solver" in err


def test_run_all_lists_without_running(capsys):
    assert run_all_main(["--list", "solver"]) == 0
    assert capsys.readouterr().out.split() == ["benchmarks.bench_solver"]


def test_run_all_help_explains_how_to_run_one_benchmark(capsys):
    with pytest.raises(SystemExit) as stop:
        run_all_main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "--list" in out and "python -m benchmarks.bench_solver --quick" in out


def test_page_names_the_solver_code_measured_and_how_to_run_one_benchmark():
    records = [_record("200x40-loose", _method(5, 900, 1), _method(0, 700, 0), _method(0, 700, 0))]
    meta = {"date": "d", "duration_s": 1, "command": "c", "cpu": "x", "cores": 2, "memory": "1 GiB",
            "platform": "p", "python": "3", "ortools": "9", "highspy": "1", "load_start": [1, 1, 1],
            "load_end": [1, 1, 1], "repeats": 5, "big_repeats": 2, "solver_source": "commit abc1234 solver: x"}
    page = render_markdown(records, meta, targets(records))
    assert "Solver code measured: commit abc1234 solver: x." in page
    assert "python -m benchmarks.run_all solver" in page and "bench_solver --only" in page


def test_solver_source_names_a_commit_or_a_snapshot():
    assert solver_source().startswith(("commit ", "snapshot"))


def test_run_all_runs_each_chosen_benchmark_offscreen_and_names_the_failures(monkeypatch, capsys):
    calls = []

    def fake_call(cmd, *, cwd, env):
        calls.append((cmd[-1], env["QT_QPA_PLATFORM"]))
        return 3 if cmd[-1].endswith("gaps") else 0

    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr("benchmarks.run_all.subprocess.call", fake_call)
    assert run_all_main(["solver", "gaps"]) == 1
    assert calls == [("benchmarks.bench_solver", "offscreen"), ("benchmarks.bench_gaps", "offscreen")]
    assert capsys.readouterr().err.strip() == "error: benchmarks failed: benchmarks.bench_gaps"


def test_render_rewrites_the_page_from_the_json_with_notes(tmp_path):
    records = [_record("200x40-loose", _method(5, 900, 1), _method(0, 700, 0), _method(0, 700, 0))]
    meta = {"date": "d", "duration_s": 1, "command": "c", "cpu": "x", "cores": 2, "memory": "1 GiB",
            "platform": "p", "python": "3", "ortools": "9", "highspy": "1", "load_start": [1, 1, 1],
            "load_end": [1, 1, 1], "repeats": 5, "big_repeats": 1, "notes": ["Bug: hires blocked on paired demands"]}
    path = tmp_path / "solver.json"
    path.write_text(json.dumps({"meta": meta, "instances": records}), encoding="utf-8")
    assert bench_main(["--render", str(path)]) == 0
    page = (tmp_path / "solver.md").read_text(encoding="utf-8")
    assert "## Notes\n\n- Bug: hires blocked on paired demands" in page
    assert "single measurements, not medians" in page
    assert json.loads(path.read_text(encoding="utf-8"))["targets"][0]["verdict"] == "met"


def test_render_refuses_a_file_that_is_not_a_results_file(tmp_path, capsys):
    path = tmp_path / "solver.json"
    path.write_text("[1, 2]", encoding="utf-8")
    assert bench_main(["--render", str(path)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {path}: not a solver results file")


def test_page_counts_the_runs_that_proved_and_says_when_zero_short_was_never_reached():
    pg = _method(5, 700, 1, proven_s=3.0) | {"repeats": 5, "proofs": "2/5"}
    records = [_record("200x40-tight", _method(9, 900, 3), _method(5, 700, 1), pg)]
    meta = {"date": "d", "duration_s": 1, "command": "c", "cpu": "x", "cores": 2, "memory": "1 GiB",
            "platform": "p", "python": "3", "ortools": "9", "highspy": "1", "load_start": [1, 1, 1],
            "load_end": [1, 1, 1], "repeats": 5, "big_repeats": 2}
    verdicts = targets(records)
    assert verdicts[1]["verdict"] == "not measured"
    assert "no method reached 0 FTE short on any of the 1 instances" in verdicts[1]["detail"]
    assert "| 3.00 | 1.00 | yes | 5 (2/5) |" in render_markdown(records, meta, verdicts)
