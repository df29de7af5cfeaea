"""Project files: round trip, atomic save under a kill, corrupt and newer files refused untouched, v0 migrated."""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
from datetime import date
from pathlib import Path

import pytest

from app.domain import Initiative, Person, Phase, Pin, Portfolio, Roster, SkillLevel
from app.errors import ProjectFileError
from app.project import SCHEMA_VERSION, Project, Scenario
from app.project.io import open_project, save_project


def _project(n: int = 3) -> Project:
    people = [Person(id=f"E{i}", name=f"Person {i}", skills={"python": SkillLevel(level=i % 6)}) for i in range(n)]
    ini = Initiative(id="claims", name="Claims Triage", target_phase=Phase.PRODUCTION, go_live=date(2027, 3, 1),
                     budget=250_000)
    return Project(name="Northwind", roster=Roster(people=people), portfolio=Portfolio(initiatives=[ini]),
                   scenarios=[Scenario(name="Baseline", pins=[Pin(person_id="E1", initiative="claims",
                                                                  role="mlops_engineer")]),
                              Scenario(name="Tight budget", budget=100_000)])


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    project = _project()
    path = save_project(project, tmp_path / "plan.phasegate")
    loaded = open_project(path)
    assert loaded.model_dump(exclude={"app_version"}) == project.model_dump(exclude={"app_version"})
    data = json.loads(path.read_text("utf-8"))
    assert data["format"] == "phasegate-project" and data["schema_version"] == SCHEMA_VERSION
    assert [p.name for p in tmp_path.iterdir()] == ["plan.phasegate"]  # no temp file left behind


def _save_then_hang(path: str, ready) -> None:
    """Child process: saves a large project and blocks for ever once half of it is written."""
    def hook(written: int, total: int) -> None:
        if written >= (total // 2 if total else 512 * 1024):  # pieces (total 0): well into the ~5 MB file
            ready.set()
            time.sleep(60)

    save_project(_project(3000), path, progress=hook)


def test_kill_during_save_leaves_the_old_file_intact(tmp_path: Path) -> None:
    path = tmp_path / "plan.phasegate"
    save_project(_project(), path)
    before = path.read_bytes()
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    ready = ctx.Event()
    child = ctx.Process(target=_save_then_hang, args=(str(path), ready))
    child.start()
    try:
        assert ready.wait(30), "the child never reached the middle of the save"
        leftovers = [p for p in tmp_path.iterdir() if p.name != "plan.phasegate"]
        assert leftovers and leftovers[0].stat().st_size > 0  # the half-written temp file really exists
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
    finally:
        if child.is_alive():
            child.kill()
    assert path.read_bytes() == before
    assert open_project(path).name == "Northwind"
    [leftover] = [p for p in tmp_path.iterdir() if p.name != "plan.phasegate"]
    assert leftover.name.startswith(".plan.phasegate.") and leftover.name.endswith(".tmp")
    save_project(_project(), tmp_path / "other.phasegate")  # another project's save leaves it be
    assert leftover.exists()
    save_project(_project(), path)  # the next save of this project clears what the killed one left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.phasegate", "plan.phasegate"]


@pytest.mark.skipif(os.name != "posix", reason="on Windows an open file cannot be deleted at all")
def test_a_save_still_writing_keeps_its_temporary_file(tmp_path: Path) -> None:
    import fcntl

    path = tmp_path / "plan.phasegate"
    running = tmp_path / ".plan.phasegate.abc123.tmp"
    with running.open("wb") as handle:  # what a save in another process looks like while it writes
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        save_project(_project(), path)
        assert running.exists()
    assert open_project(path).name == "Northwind"


def test_failed_write_keeps_old_file_and_reports_one_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.phasegate"
    save_project(_project(), path)
    before = path.read_bytes()

    def disk_full(written: int, total: int) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(ProjectFileError, match=r"\(No space left on device\); the previous file is unchanged"):
        save_project(_project(50), path, progress=disk_full)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.phasegate"]


@pytest.mark.parametrize(("content", "message"), [
    (b'{"format": "phasegate-project", "schema_version": 1, "name": "x", "roster": {"peo',
     "damaged or cut short"),
    (b"", "empty"),
    (b"\x00\x01\x02\xff\xfe", "not UTF-8"),
    (b'{"hello": "world"}', "not a Phasegate project file"),
    (b'{"format": "phasegate-project", "schema_version": 1, "roster": {"people": [{"id": "E1", "name": "A", '
     b'"fte": 7}]}}', "roster.people.0.fte"),
])
def test_corrupt_file_is_refused_and_untouched(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.phasegate"
    path.write_bytes(content)
    stamp = path.stat().st_mtime_ns
    with pytest.raises(ProjectFileError, match=message) as info:
        open_project(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)
    assert path.read_bytes() == content and path.stat().st_mtime_ns == stamp


def test_newer_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "future.phasegate"
    data = json.loads(save_project(_project(), path).read_text("utf-8"))
    data["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ProjectFileError, match=r"saved by a newer Phasegate .*update Phasegate"):
        open_project(path)


def test_v0_file_without_scenarios_is_migrated(tmp_path: Path) -> None:
    v0 = {  # the 0.0 preview layout: flat lists, one set of pins, no scenarios
        "version": 0, "name": "Old plan", "source_file": "roster.xlsx",
        "people": [{"id": "E1", "name": "Ana Ruiz", "skills": {"mlops": {"level": 4}}}],
        "initiatives": [{"id": "claims", "current_phase": "pilot", "target_phase": "production"}],
        "pins": [{"person_id": "E1", "initiative": "claims", "role": "mlops_engineer", "fte": 0.5}],
    }
    path = tmp_path / "old.phasegate"
    path.write_text(json.dumps(v0), "utf-8")
    project = open_project(path)
    assert project.schema_version == SCHEMA_VERSION
    assert project.roster.people[0].level("mlops") == 4
    assert project.initiative("claims").target_phase == Phase.PRODUCTION
    assert [s.name for s in project.scenarios] == ["Baseline"]
    assert project.scenario().pins[0].fte == 0.5
    assert project.source.file_name == "roster.xlsx"
    assert json.loads(path.read_text("utf-8")) == v0  # migrated in memory only


def test_a_file_with_a_byte_order_mark_opens(tmp_path: Path) -> None:
    path = save_project(_project(), tmp_path / "plan.phasegate")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # as some Windows editors save UTF-8
    assert open_project(path).name == "Northwind"


def test_a_bad_person_after_good_ones_is_named_by_its_place(tmp_path: Path) -> None:
    path = save_project(_project(8), tmp_path / "plan.phasegate")
    data = json.loads(path.read_text("utf-8"))
    data["roster"]["people"][3]["fte"] = 7
    data["roster"]["people"][5]["fte"] = "lots"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProjectFileError) as caught:
        open_project(path)
    message = caught.value.one_line()
    assert "invalid content at roster.people.3.fte" in message and "(and 1 more problems)" in message
    assert path.name in message
