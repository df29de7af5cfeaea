"""Autosave writes a recovery file; the next start lists it; recover and discard work."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ProjectFileError
from app.project import Project
from app.project.autosave import (
    STATE_ENV,
    autosave,
    discard_recovery,
    new_session_id,
    pending_recovery,
    recover,
    recovery_dir,
)


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(STATE_ENV, str(tmp_path))
    return tmp_path


def test_autosave_then_recover_on_next_start(state_dir: Path) -> None:
    crashed, running = new_session_id(), new_session_id()
    autosave(Project(name="Claims plan"), session_id=crashed, source_path="/plans/claims.phasegate")
    autosave(Project(name="Current"), session_id=running)
    assert recovery_dir() == state_dir / "recovery"
    pending = pending_recovery(exclude_session=running)
    assert [(e.session_id, e.project_name, e.source_path) for e in pending] == [
        (crashed, "Claims plan", "/plans/claims.phasegate")]
    assert recover(pending[0]).name == "Claims plan"
    discard_recovery(crashed)
    assert pending_recovery(exclude_session=running) == []
    assert sorted(p.name for p in recovery_dir().iterdir()) == [f"{running}.json", f"{running}.phasegate"]


def test_later_autosave_replaces_the_earlier_one() -> None:
    session = new_session_id()
    autosave(Project(name="v1"), session_id=session)
    autosave(Project(name="v2"), session_id=session)
    assert [e.project_name for e in pending_recovery()] == ["v2"]
    assert recover(session).name == "v2"


def test_damaged_autosave_is_listed_but_refused_cleanly() -> None:
    session = new_session_id()
    autosave(Project(name="x"), session_id=session)
    (recovery_dir() / f"{session}.phasegate").write_bytes(b'{"format": "phasegate-pro')
    assert [e.session_id for e in pending_recovery()] == [session]
    with pytest.raises(ProjectFileError, match="damaged"):
        recover(session)


def test_session_ids_cannot_escape_the_folder() -> None:
    with pytest.raises(ValueError):
        autosave(Project(), session_id="../evil")
