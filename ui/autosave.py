"""Autosave every minute while there are unsaved edits, and offer recovery after a crash."""
from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from app.errors import PhasegateError
from app.planning.words.numbers import day as day_text
from app.project import (
    Project,
    RecoveryEntry,
    autosave,
    discard_recovery,
    new_session_id,
    pending_recovery,
    recover,
)
from ui.document import ProjectDocument
from ui.interaction import Interaction
from ui.snapshot import project_snapshot
from ui.workers import Workers

AUTOSAVE_MS = 60_000


class Autosaver(QObject):
    """Writes the project to this session's recovery file on the 'autosave' worker when it has unsaved edits."""

    def __init__(self, doc: ProjectDocument, workers: Workers, *, interval_ms: int = AUTOSAVE_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.workers = workers
        self.session_id = new_session_id()
        self.saves = 0
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()
        saver = workers.get("autosave")
        saver.collects_garbage = False  # dicts and strings dumped to JSON: no cycles to collect
        saver.finished.connect(self._on_saved)

    def save_now(self) -> bool:
        """Autosave a snapshot now (only when there are unsaved edits); True when a save was started."""
        if not self.doc.is_modified():
            return False
        snapshot = project_snapshot(self.doc.project)  # a deep copy of 20,000 people froze the GUI for 1.6 s
        source, session = self.doc.path, self.session_id
        return self.workers.get("autosave").start(
            lambda _p, _c: autosave(snapshot, session_id=session, source_path=source))

    def _on_saved(self, _path: object) -> None:
        self.saves += 1

    def discard(self) -> None:
        """Forget this session's recovery file (after a clean close)."""
        self.timer.stop()
        # nothing to discard, or the folder is gone: a clean close must not fail on it
        with contextlib.suppress(OSError, PhasegateError):
            discard_recovery(self.session_id)


def choose_recovery(interaction: Interaction, *, exclude_session: str) -> RecoveryEntry | None:
    """Ask whether to reopen the newest autosave left by a crashed session; the entry to read, or None.

    Declining discards that autosave. Reading it is left to the caller, on a worker (a big roster takes seconds).
    """
    entries = pending_recovery(exclude_session=exclude_session)
    if not entries:
        return None
    entry = entries[0]
    if not interaction.confirm(title="Recover unsaved work",
                               text=f"Phasegate closed unexpectedly while “{entry.project_name}” had unsaved "
                                    f"changes (autosaved {day_text(entry.saved_at)} {entry.saved_at:%H:%M}). Recover "
                                    "them?",
                               ok_text="Recover"):
        discard_recovery(entry.session_id)
        return None
    return entry


def offer_recovery(interaction: Interaction, *, exclude_session: str,
                   read: Callable[[RecoveryEntry], Project] = recover) -> Project | None:
    """Ask about the newest crashed session's autosave and read it with `read`; the Project, or None.

    A damaged autosave is reported in one line and kept (nothing is deleted that was not recovered).
    """
    entry = choose_recovery(interaction, exclude_session=exclude_session)
    if entry is None:
        return None
    try:
        project = read(entry)
    except PhasegateError as exc:
        interaction.show_error(title="Cannot recover", message=exc.one_line())
        return None
    discard_recovery(entry.session_id)
    return project
