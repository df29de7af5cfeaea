"""Autosave to a recovery folder, and recovery of sessions that ended without saving (crash, power loss).

Each running session writes `<session>.phasegate` plus a small `<session>.json` note (project name, the file it
was opened from, when) into the recovery folder: platformdirs' user state dir + /recovery, or
$PHASEGATE_STATE_DIR/recovery. A clean close discards its entry; whatever remains on the next start is offered.
"""
from __future__ import annotations

import contextlib
import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import platformdirs

from app.errors import ProjectFileError
from app.project.io import EXTENSION, open_project, save_project, write_atomic
from app.project.model import Project

STATE_ENV = "PHASEGATE_STATE_DIR"


def recovery_dir() -> Path:
    """The folder holding autosaves (created on demand)."""
    base = os.environ.get(STATE_ENV) or platformdirs.user_state_dir("Phasegate", appauthor=False)
    folder = Path(base) / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_session_id() -> str:
    """A fresh id for one run of the app (file-name safe)."""
    return datetime.now().strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:8]


@dataclass(frozen=True)
class RecoveryEntry:
    """An autosave left behind by a session that did not close cleanly."""

    session_id: str
    path: Path
    project_name: str
    source_path: str | None
    saved_at: datetime


def _safe(session_id: str) -> str:
    if not session_id or any(ch in session_id for ch in "/\\:") or session_id.startswith("."):
        raise ValueError(f"not a valid session id: {session_id!r}")
    return session_id


def autosave(project: Project, *, session_id: str, source_path: str | Path | None = None) -> Path:
    """Writes the project to this session's recovery file (atomically) and returns its path."""
    folder = recovery_dir()
    target = folder / f"{_safe(session_id)}{EXTENSION}"
    save_project(project, target)
    note = {"session_id": session_id, "project_name": project.name,
            "source_path": None if source_path is None else str(source_path),
            "saved_at": datetime.now().isoformat(timespec="seconds")}
    write_atomic(folder / f"{session_id}.json", json.dumps(note).encode("utf-8"))
    return target


def pending_recovery(*, exclude_session: str | None = None) -> list[RecoveryEntry]:
    """Recoverable autosaves, newest first (the caller's own running session left out)."""
    entries = []
    for path in recovery_dir().glob(f"*{EXTENSION}"):
        session = path.name[: -len(EXTENSION)]
        if session == exclude_session or session.startswith("."):
            continue
        try:
            note = json.loads((path.with_name(f"{session}.json")).read_text("utf-8"))
            saved = datetime.fromisoformat(note["saved_at"])
            name, source = str(note.get("project_name") or ""), note.get("source_path")
        except (OSError, ValueError, KeyError, TypeError, RecursionError):  # a damaged note: the file's own time
            saved = datetime.fromtimestamp(path.stat().st_mtime)
            name, source = "", None
        entries.append(RecoveryEntry(session, path, name or "Untitled project", source, saved))
    return sorted(entries, key=lambda e: e.saved_at, reverse=True)


def recover(entry: RecoveryEntry | str) -> Project:
    """The project of an autosave (by entry or session id); a damaged autosave is a ProjectFileError."""
    session = entry.session_id if isinstance(entry, RecoveryEntry) else _safe(entry)
    path = recovery_dir() / f"{session}{EXTENSION}"
    if not path.is_file():
        raise ProjectFileError("no autosave for this session", file=str(path))
    return open_project(path)


def discard_recovery(session_id: str) -> None:
    """Deletes a session's autosave and note (on clean close, or when the user declines to recover)."""
    folder = recovery_dir()
    for name in (f"{_safe(session_id)}{EXTENSION}", f"{session_id}.json"):
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()
