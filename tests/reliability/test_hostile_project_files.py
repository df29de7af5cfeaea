"""Crafted project files, autosaves and portfolio files: each is refused in one line naming the file, never a crash.

The same answers through `open_project` (what the window's Open runs on a worker), the CLI (`phasegate plan
FILE.phasegate`, in a child limited to 2 GiB as in the corpus sweep) and the autosave recovery that runs at start-up.
"""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.errors import ProjectFileError, UsageError
from app.project import Project, open_project, pending_recovery, recover, save_project
from app.project.autosave import STATE_ENV, new_session_id, recovery_dir
from app.project.portfolio_file import read_portfolio_file

from .test_hostile_corpus import ROOT, TIMEOUT_S, _limit_memory

DEPTH = 200_000
DIGITS = "9" * 5_000
HEAD = '{"format": "phasegate-project", "schema_version": 1, "name": "Crafted"'

#: name -> (file content, what the one line says)
PROJECT_FILES = {
    "arrays_200000_deep": (b"[" * DEPTH + b"]" * DEPTH, "nested too deeply"),
    "objects_200000_deep_in_a_field": (
        (HEAD + ', "source": {"file_name": "a.xlsx", "mapping": ' + '{"a": ' * DEPTH + "1" + "}" * DEPTH + "}}")
        .encode(), "nested too deeply"),
    "cut_short_inside_deep_arrays": (HEAD.encode() + b', "scenarios": ' + b"[" * DEPTH, "nested too deeply"),
    "a_5000_digit_budget": ((HEAD + ', "portfolio": {"budget": ' + DIGITS + "}}").encode(), "more than 4,300 digits"),
    "a_5000_digit_fte": ((HEAD + ', "roster": {"people": [{"id": "E1", "name": "A", "fte": 0.' + DIGITS + "}]}}")
                         .encode(), None),
    "a_5000_digit_format_version": (('{"format": "phasegate-project", "schema_version": ' + DIGITS + "}").encode(),
                                    "more than 4,300 digits"),
    "a_4000_digit_format_version": (('{"format": "phasegate-project", "schema_version": 1' + "0" * 4000 + "}")
                                    .encode(), "unknown file format version"),
    "infinity": ((HEAD + ', "portfolio": {"budget": Infinity}}').encode(), "'Infinity' is not a number"),
    "nan": ((HEAD + ', "portfolio": {"budget": NaN}}').encode(), "'NaN' is not a number"),
    "1e999": ((HEAD + ', "portfolio": {"budget": 1e999}}').encode(), "too large"),
}


def _write(folder: Path, name: str, content: bytes, suffix: str = ".phasegate") -> Path:
    path = folder / f"{name}{suffix}"
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("name", PROJECT_FILES)
def test_a_crafted_project_file_is_one_line_and_left_untouched(tmp_path: Path, name: str) -> None:
    content, says = PROJECT_FILES[name]
    path = _write(tmp_path, name, content)
    try:
        project = open_project(path)
    except ProjectFileError as exc:
        line = exc.one_line()
        assert line.startswith(f"{path}: ") and "\n" not in line
        assert says is None or says in line, line
    else:  # a long fraction is only a float: the file is a project, and it saves and opens again
        assert says is None and project.roster.people[0].fte == 1.0
        assert open_project(save_project(project, tmp_path / "again.phasegate")).name == "Crafted"
    assert path.read_bytes() == content


def test_a_value_too_deep_to_save_is_refused_by_save_in_one_line(tmp_path: Path) -> None:
    """Nested below json's own limit it opens, but pydantic will not write it: the save says so, the file stays."""
    deep = '{"a": ' * 900 + "1" + "}" * 900
    path = _write(tmp_path, "deep_mapping", (HEAD + ', "source": {"file_name": "a.xlsx", "mapping": ' + deep + "}}")
                  .encode())
    project = open_project(path)
    target = save_project(Project(name="Before"), tmp_path / "target.phasegate")
    with pytest.raises(ProjectFileError, match="cannot save the project .*; the previous file is unchanged") as info:
        save_project(project, target)
    assert "\n" not in info.value.one_line()
    assert open_project(target).name == "Before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep_mapping.phasegate", "target.phasegate"]


@pytest.mark.parametrize("name", ["arrays_200000_deep", "a_5000_digit_budget", "infinity"])
def test_the_cli_answers_a_crafted_project_in_one_error_line(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name, PROJECT_FILES[name][0])
    done = subprocess.run([sys.executable, "-m", "app", "plan", str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=TIMEOUT_S, preexec_fn=_limit_memory, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith(f"error: {path}: ") and PROJECT_FILES[name][1] in line


@pytest.fixture
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(STATE_ENV, str(tmp_path / "state"))
    return tmp_path / "state"


@pytest.mark.parametrize("name", ["arrays_200000_deep", "a_5000_digit_budget", "infinity"])
def test_a_crafted_autosave_is_listed_and_refused_in_one_line(state_dir: Path, name: str) -> None:
    session = new_session_id()
    _write(recovery_dir(), session, PROJECT_FILES[name][0])
    [entry] = pending_recovery()
    assert entry.session_id == session
    with pytest.raises(ProjectFileError) as info:
        recover(entry)
    assert PROJECT_FILES[name][1] in info.value.one_line() and "\n" not in info.value.one_line()


@pytest.mark.parametrize("note", [b"[" * DEPTH, b'{"saved_at": ' + DIGITS.encode() + b"}", b'{"saved_at": NaN}'])
def test_a_crafted_autosave_note_falls_back_to_the_files_own_time(state_dir: Path, note: bytes) -> None:
    session = new_session_id()
    save_project(Project(name="Kept"), recovery_dir() / f"{session}.phasegate")
    _write(recovery_dir(), session, note, suffix=".json")
    [entry] = pending_recovery()
    assert entry.project_name == "Untitled project" and recover(entry).name == "Kept"


PORTFOLIO_FILES = {
    "deep.yaml": (b"[" * DEPTH + b"]" * DEPTH, "nested too deeply"),
    "deep.json": (b"[" * DEPTH + b"]" * DEPTH, "nested too deeply"),
    "digits.yaml": (b"budget: " + DIGITS.encode() + b"\ninitiatives: [{id: X}]\n", "4300 digits"),
    "digits.json": (b'{"budget": ' + DIGITS.encode() + b', "initiatives": [{"id": "X"}]}', "4300 digits"),
    "no_such_day.yaml": (b"initiatives:\n  - {id: X, go_live: 2027-02-30}\n", "day is out of range for month"),
}


@pytest.mark.parametrize("name", PORTFOLIO_FILES)
def test_a_crafted_portfolio_file_is_one_line(tmp_path: Path, name: str) -> None:
    content, says = PORTFOLIO_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UsageError) as info:
        read_portfolio_file(path, today=date(2026, 11, 2))
    line = info.value.one_line()
    assert line.startswith(f"{path}: ") and says in line and "\n" not in line
    assert "set_int_max_str_digits" not in line  # Python's advice to its programmers is not for this reader


def test_the_windows_open_worker_reports_a_crafted_file_in_one_line(qtbot, tmp_path: Path) -> None:
    """The window opens files on a QThread, whose stack is not the main thread's: still one line, no crash."""
    from ui.workers import Worker

    path = _write(tmp_path, "deep", PROJECT_FILES["arrays_200000_deep"][0])
    worker = Worker("open")
    with qtbot.waitSignal(worker.failed, timeout=30_000) as failed:
        assert worker.start(lambda _p, _c: open_project(path))
    message, details = failed.args
    assert message.startswith(f"{path}: ") and "nested too deeply" in message and details == ""


def test_the_crafted_files_are_what_they_claim() -> None:
    """The builders above really nest 200,000 deep and really hold 5,000 digits (so the tests above can fail)."""
    assert PROJECT_FILES["arrays_200000_deep"][0].count(b"[") == DEPTH
    assert DIGITS in PROJECT_FILES["a_5000_digit_budget"][0].decode()
    with pytest.raises(RecursionError):
        json.loads(PROJECT_FILES["arrays_200000_deep"][0])
    with pytest.raises(ValueError, match="digits"):
        json.loads(PROJECT_FILES["a_5000_digit_budget"][0])
