"""The `phasegate` entry point: help, lazy commands, one-line errors, and the window launcher's refusals."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from app.cli import COMMANDS, main
from app.cli.gui import has_display


def test_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert f"    {name}" in out


def test_a_command_loads_only_its_own_module():
    code = ("import sys; from app.cli import main; main(['templates', 'list']); "
            "print('LOADED', sorted(m for m in ('ortools', 'openpyxl', 'app.planning', 'app.roster_import') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "LOADED []" in out, out


def test_unknown_option_is_one_usage_line(capsys):
    assert main(["templates", "list", "--frobnicate"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: phasegate") and "unrecognized arguments: --frobnicate" in err[0]


def test_unknown_word_is_neither_command_nor_file(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["planz"]) == 2
    assert capsys.readouterr().err.strip() == "error: no such file or command: 'planz' (see 'phasegate --help')"


def test_window_without_a_display_is_refused_in_one_line(capsys, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    assert main([]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no display" in err[0] and "demo --headless" in err[0]


@pytest.mark.parametrize(("env", "expected"), [
    ({}, False), ({"DISPLAY": ":0"}, True), ({"WAYLAND_DISPLAY": "wayland-0"}, True),
    ({"QT_QPA_PLATFORM": "offscreen"}, True),
])
def test_has_display_on_linux(monkeypatch, env, expected):
    monkeypatch.setattr(sys, "platform", "linux")
    assert has_display(env) is expected


def test_headless_demo_prints_gaps_and_a_validated_plan(capsys):
    assert main(["demo", "--headless", "--time-limit", "5"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Phasegate demo — ")
    assert "Claims Triage Assistant" in out and "MLOps" in out
    # the sample is dated: its gaps are read over the optimiser's window, as 'phasegate gaps' reads them
    assert "the production window of Claims Triage Assistant; each person's free time is the least" in out
    assert any(word in out for word in ("optimal", "feasible"))


def test_make_run_falls_back_to_the_headless_demo_without_a_display(capsys, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    assert main(["demo", "--or-headless", "--time-limit", "5"]) == 0
    captured = capsys.readouterr()
    assert "no display here" in captured.err
    assert captured.out.startswith("Phasegate demo — ") and "Claims Triage Assistant" in captured.out


def test_schema_of_every_documented_name_is_json_schema(capsys):
    for name in ("plan", "check", "gaps", "project", "portfolio"):
        assert main(["schema", name]) == 0, name
        schema = json.loads(capsys.readouterr().out)
        assert schema.get("type") == "object" or "properties" in schema or "$defs" in schema, name


def test_output_piped_into_a_reader_that_stops_early_ends_quietly(tmp_path):
    # 1,500 ids each given to two names: ~290 KB of JSON, far more than a pipe holds, so the writer meets the close
    rows = ["Employee ID,Name,FTE,Python (1-5)"] + [f"E{i % 1500},Person {i},1,3" for i in range(3000)]
    (tmp_path / "big.csv").write_text("\n".join(rows) + "\n", "utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "app", "check", str(tmp_path / "big.csv"), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert proc.stdout.read(10)  # like `| head -c 10`: read a little, then close the pipe
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141 and err == ""  # no 'error: unexpected BrokenPipeError'
