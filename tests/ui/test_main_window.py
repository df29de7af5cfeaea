"""The main window: title and dirty marker, shortcuts, navigation, save/open, recent files, drop, close prompt."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QWidget

from app import __version__
from ui.interaction import SaveChoice
from ui.models.roster import COLUMNS


def test_title_shows_project_and_unsaved_marker(sample_window):
    # the platform adds the application's display name ("Northwind sample — Phasegate"): never twice
    assert sample_window.windowTitle() == "Northwind sample[*]"
    assert not sample_window.isWindowModified()
    model = sample_window.screens["roster"].model
    fte = next(i for i, c in enumerate(COLUMNS) if c.field == "fte")
    assert model.setData(model.index(0, fte), 0.5)
    assert sample_window.isWindowModified()
    sample_window.actions_by_name["undo"].trigger()
    assert not sample_window.isWindowModified()


def test_every_main_action_has_its_shortcut(window):
    a = window.actions_by_name
    expected = {"open": "Ctrl+O", "save": "Ctrl+S", "import_roster": "Ctrl+I", "solve": "Ctrl+R",
                "cancel": "Esc", "export": "Ctrl+E", "undo": "Ctrl+Z", "redo": "Ctrl+Shift+Z"}
    for name, keys in expected.items():
        shortcuts = [s.toString() for s in a[name].shortcuts()]
        assert keys in shortcuts, (name, shortcuts)
    assert "F5" in [s.toString() for s in a["solve"].shortcuts()]
    assert all(action.toolTip() for action in a.values())


def test_every_control_has_an_accessible_name_or_text(sample_window):
    nameless = []
    for widget in sample_window.findChildren(QWidget):
        if isinstance(widget, QAbstractButton) and not (widget.accessibleName() or widget.text()):
            if widget.objectName().startswith("qt_") or type(widget).__name__ in ("QToolButton",):
                continue
            nameless.append(widget)
    assert nameless == []


def test_navigation_actions_have_ctrl_number_shortcuts(sample_window):
    show = {a.objectName(): a for a in sample_window.actions() if a.objectName().startswith("show_")}
    assert [s.toString() for s in show["show_initiatives"].shortcuts()] == ["Ctrl+4"]
    show["show_initiatives"].trigger()
    assert sample_window.current_screen() == "initiatives"
    sample_window.go_to("gaps")
    assert sample_window.stack.currentWidget() is sample_window.screens["gaps"]


def test_save_open_round_trip_and_recent_files(window, interaction, sample_project, tmp_path):
    window.doc.replace(sample_project.model_copy(deep=True))
    target = tmp_path / "north.phasegate"
    interaction.save_files.append(str(target))
    assert window.save()
    assert target.exists() and not window.isWindowModified()
    assert window.recent_files()[0] == str(target.resolve())
    window.open_sample()
    window.open_path(str(target))
    assert window.doc.path == target
    assert len(window.doc.people) == len(sample_project.roster.people)
    assert window.windowTitle().startswith("Northwind sample")


def test_open_recent_menu_lists_saved_projects_and_opens_one(window, interaction, sample_project, tmp_path):
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    recent = next(a.menu() for a in file_menu.actions() if a.menu() and a.text() == "Open &recent")
    recent.aboutToShow.emit()
    assert [a.text() for a in recent.actions()] == ["No recent projects"]
    assert not recent.actions()[0].isEnabled()
    window.doc.replace(sample_project.model_copy(deep=True))
    target = tmp_path / "north.phasegate"
    interaction.save_files.append(str(target))
    assert window.save()
    window.open_sample()
    recent.aboutToShow.emit()
    assert [a.text() for a in recent.actions()] == ["north.phasegate"]
    recent.actions()[0].trigger()
    assert window.doc.path == target


def test_opening_a_broken_project_shows_one_line_error(window, interaction, tmp_path):
    bad = tmp_path / "broken.phasegate"
    bad.write_text("{not json", encoding="utf-8")
    window.open_path(str(bad))
    assert len(interaction.errors) == 1
    title, message, _details = interaction.errors[0]
    assert title == "Cannot open the project"
    assert "broken.phasegate" in message and "\n" not in message


def test_opening_a_project_shows_a_busy_cursor_while_it_loads(window, sample_project, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    import ui.main_window as main_window

    seen = []
    replace = window.doc.replace

    def loaded(path):
        seen.append(("read", QApplication.overrideCursor().shape()))
        return sample_project.model_copy(deep=True)

    def replaced(project, **kwargs):
        seen.append(("models", QApplication.overrideCursor().shape()))
        replace(project, **kwargs)

    monkeypatch.setattr(main_window, "open_project", loaded)
    monkeypatch.setattr(window.doc, "replace", replaced)
    (tmp_path / "north.phasegate").write_text("{}", encoding="utf-8")
    window.open_path(str(tmp_path / "north.phasegate"))
    assert seen == [("read", Qt.CursorShape.WaitCursor), ("models", Qt.CursorShape.WaitCursor)]
    assert QApplication.overrideCursor() is None  # back to normal once the project is shown
    assert len(window.doc.people) == len(sample_project.roster.people)


def test_close_with_unsaved_changes_asks_and_can_cancel(window, interaction, sample_project):
    window.doc.replace(sample_project.model_copy(deep=True))
    window.doc.mark_modified()
    window.show()
    interaction.save_choices.append(SaveChoice.CANCEL)
    assert not window.close()
    assert window.isVisible()
    assert interaction.asked[-1].startswith("save?:")
    interaction.save_choices.append(SaveChoice.DISCARD)
    assert window.close()


def test_dropping_a_spreadsheet_opens_the_import_wizard(window, tmp_path):
    from app.sample_data import SAMPLE_ROSTER

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SAMPLE_ROSTER))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    wizard = window.screens["roster"].wizard
    assert wizard.isVisible()
    assert wizard.file_page.path_edit.text() == str(SAMPLE_ROSTER)
    wizard.reject()


def test_about_names_the_version(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.about()
    assert f"Phasegate {__version__}" in shown[0]
    assert QKeySequence("Ctrl+O").toString() == "Ctrl+O"


def test_autosave_then_recovery_after_a_crash(qtbot, window, interaction, sample_project, settings):
    from ui.main_window import MainWindow

    window.doc.replace(sample_project.model_copy(deep=True))
    window.doc.project.name = "Crashy"
    window.doc.mark_modified()
    with qtbot.waitSignal(window.workers.get("autosave").finished, timeout=5000):
        assert window.autosaver.save_now()
    # a second window (next session) finds the autosave of the first, which never closed cleanly
    second = MainWindow(interaction=interaction, settings=settings)
    qtbot.addWidget(second)
    interaction.confirms.append(True)
    assert second.recover_if_needed()
    assert second.doc.project.name == "Crashy" and second.isWindowModified()
    assert "Crashy" in interaction.asked[-1]
    assert not second.recover_if_needed()  # recovered once, then gone


def test_a_failed_save_shows_one_line_and_keeps_the_edits_unsaved(window, interaction, sample_project, tmp_path):
    window.doc.replace(sample_project.model_copy(deep=True))
    window.doc.mark_modified()
    interaction.save_files.append(str(tmp_path / "no such folder" / "north.phasegate"))
    assert not window.save()  # written on a worker; the failure comes back as one line
    assert len(interaction.errors) == 1
    title, message, _details = interaction.errors[0]
    assert title == "Cannot save the project" and "north.phasegate" in message and "\n" not in message
    assert window.doc.is_modified() and window.isEnabled()


def test_new_project_from_roster_reads_the_default_templates_off_the_gui_thread(window, monkeypatch):
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    import app.templates as templates

    on_gui_thread = []
    real = templates.load_phase_templates

    def load(**kwargs):
        on_gui_thread.append(QThread.currentThread() is QApplication.instance().thread())
        return real(**kwargs)

    monkeypatch.setattr(templates, "load_phase_templates", load)
    window.new_from_roster()
    assert on_gui_thread[0] is False  # their YAML took 0.3-0.5 s on the GUI thread
    assert window.doc.project.name == "New project" and len(window.doc.project.templates) == 4
    assert QApplication.overrideCursor() is None
    wizard = window.screens["roster"].wizard
    assert wizard.isVisible()
    wizard.reject()


def test_a_new_project_takes_its_rosters_name_as_phasegate_new_does(window):
    """A project started from a roster stayed 'New project' for good: title, recent list, export file names."""
    from app.domain import Person
    from app.project import Project, RosterSource
    from ui.commands import NEW_PROJECT, ReplaceRoster
    from ui.undo import push

    window.doc.replace(Project(name=NEW_PROJECT))
    people = [Person(id="E1", name="Ana Duarte"), Person(id="E2", name="Ben Okafor")]
    push(window.doc.undo_stack, ReplaceRoster(window.doc, people=people, new_skills=[],
                                              source=RosterSource(file_name="northstar_roster.csv", sha256="0")))
    assert window.doc.project.name == "northstar_roster"
    assert window.windowTitle() == "northstar_roster[*]"
    window.doc.undo_stack.undo()
    assert window.doc.project.name == NEW_PROJECT and window.windowTitle() == "New project[*]"
    window.doc.undo_stack.redo()
    # a second import keeps the name the project has by then
    push(window.doc.undo_stack, ReplaceRoster(window.doc, people=people[:1], new_skills=[],
                                              source=RosterSource(file_name="roster_v2.csv", sha256="1")))
    assert window.doc.project.name == "northstar_roster"
    window.doc.undo_stack.clear()


def test_help_explains_the_words_the_plan_summary_uses(qtbot, window):
    """The Plan screen says 'optimal among the people considered (35 more people … were not considered)', 'feasible:
    a valid plan, not proven best' and 'bus factor'; the glossary had none of them."""
    from app.domain import FAILURE_MODE_LABELS
    from app.planning.role_fit import TRAINING_OPTIONS_PER_DEMAND
    from ui.help import HelpDialog

    dialog = HelpDialog(window)
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    for term in ("Optimal among the people considered", "Feasible, not proven best", "Bus factor", "Out of date",
                 "Pin", "Exclusion", "Approvers' decisions", *FAILURE_MODE_LABELS.values()):
        assert f"\n{term}\n" in text, term
    assert f"the {TRAINING_OPTIONS_PER_DEMAND} people who come closest by training" in text


def test_cancelling_a_new_project_s_import_brings_the_open_project_back(window, sample_project):
    """'New project from roster' closed the open project at once: cancelling the wizard left an empty 'New project'."""
    window.doc.replace(sample_project.model_copy(deep=True))
    sample = window.doc.project
    window.new_from_roster()
    wizard = window.screens["roster"].wizard
    assert window.doc.project is not sample and wizard.isVisible()
    wizard.reject()
    assert window.doc.project is sample and len(window.doc.people) == len(sample_project.roster.people)
    assert window.windowTitle() == f"{sample.name}[*]" and not window.isWindowModified()
    assert window.status_label.text() == f"New project cancelled: back to “{sample.name}”"
