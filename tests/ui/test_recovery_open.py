"""Crash recovery at start-up reads the autosave on a worker, as Open does: busy cursor, the window ticking."""
from __future__ import annotations

import random

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication

from app.domain import Commitment, Person, Roster, SkillLevel
from app.planning.words.numbers import day as day_text
from app.project import autosave, pending_recovery
from tests.ui.test_heartbeat_real import Heartbeat

PEOPLE = 20_000


def _crashed_session(project, *, session_id: str = "20260101-000000-crashed"):
    """An autosave left behind by a session that never closed cleanly."""
    return autosave(project, session_id=session_id, source_path=None)


def test_recovery_reads_the_autosave_on_a_worker_with_a_busy_cursor(window, interaction, sample_project,
                                                                    monkeypatch):
    import ui.main_window as main_window

    project = sample_project.model_copy(deep=True)
    project.name = "Crashy"
    _crashed_session(project)
    seen = []
    read = main_window.recover

    def recover(entry):
        seen.append((QThread.currentThread() is QApplication.instance().thread(),
                     QApplication.overrideCursor().shape(), window.workers.busy()))
        return read(entry)

    monkeypatch.setattr(main_window, "recover", recover)
    interaction.confirms.append(True)
    saved = pending_recovery(exclude_session=window.autosaver.session_id)[0].saved_at
    assert window.recover_if_needed()
    assert [(gui, cursor, "open" in busy) for gui, cursor, busy in seen] == [(False, Qt.CursorShape.WaitCursor, True)]
    assert QApplication.overrideCursor() is None
    assert window.doc.project.name == "Crashy" and window.isWindowModified()
    assert len(window.doc.people) == len(sample_project.roster.people)
    assert "Crashy" in interaction.asked[-1]
    # '5 Dec 2026 13:04', as every date in the window, not '2026-12-05 13:04'
    assert f"(autosaved {day_text(saved)} {saved:%H:%M})" in interaction.asked[-1]
    assert pending_recovery(exclude_session=window.autosaver.session_id) == []  # recovered once, then gone


def test_declining_recovery_discards_the_autosave_and_reads_nothing(window, interaction, sample_project,
                                                                   monkeypatch):
    import ui.main_window as main_window

    _crashed_session(sample_project)
    monkeypatch.setattr(main_window, "recover", lambda entry: (_ for _ in ()).throw(AssertionError("read")))
    interaction.confirms.append(False)
    assert not window.recover_if_needed()
    assert pending_recovery(exclude_session=window.autosaver.session_id) == []
    assert window.doc.project.name != sample_project.name and not window.isWindowModified()


def test_a_damaged_autosave_is_one_line_and_kept(window, interaction, sample_project):
    path = _crashed_session(sample_project)
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])  # cut short, as a power cut might
    interaction.confirms.append(True)
    assert not window.recover_if_needed()
    title, message, _details = interaction.errors[-1]
    assert title == "Cannot recover"
    assert path.name in message and "cut short" in message and "\n" not in message
    assert QApplication.overrideCursor() is None and not window.workers.busy()
    assert [e.path for e in pending_recovery(exclude_session=window.autosaver.session_id)] == [path]


def _big_roster(n: int) -> Roster:
    rng = random.Random(5)
    skills = ["python", "sql", "kubernetes", "model_monitoring", "data_engineering", "change_management"]
    people = []
    for i in range(n):
        held = {s: SkillLevel(level=rng.randint(1, 5)) for s in rng.sample(skills, rng.randint(2, 6))}
        commitments = [Commitment(initiative="Claims", fte=0.5)] if i % 3 == 0 else []
        people.append(Person(id=f"E{i:06d}", name=f"Zoë Person {i}", skills=held, commitments=commitments))
    return Roster(people=people)


def test_the_gui_ticks_while_a_20k_person_autosave_is_recovered(qtbot, window, interaction, sample_project):
    """The start-up recovery of a big autosave leaves the GUI ticking (the read took seconds on the GUI thread)."""
    project = sample_project.model_copy(update={"roster": _big_roster(PEOPLE), "name": "Big crash"})
    _crashed_session(project)
    del project
    window.show()
    qtbot.waitUntil(lambda: not window.workers.busy(), timeout=30_000)
    interaction.confirms.append(True)
    with Heartbeat(window.workers.get("open").is_running) as beat:
        assert window.recover_if_needed()
        qtbot.wait(300)  # the counts, heatmap and pool columns follow in slices
        qtbot.waitUntil(lambda: not window.workers.busy() and not window.screens["plan"].checker.busy(),
                        timeout=30_000)
    assert window.doc.project.name == "Big crash" and len(window.doc.people) == PEOPLE
    assert window.doc.people[7].name == "Zoë Person 7"
    assert beat.during > 0
