"""Templates screen ↔ the org library: save, import, export through the UI, and library problems shown on start."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.domain.roles import Phase
from app.templates import load_phase_templates


@pytest.fixture
def library(tmp_path: Path, monkeypatch) -> Path:
    """An empty org library folder, used through PHASEGATE_LIBRARY like an installation would."""
    folder = tmp_path / "library"
    monkeypatch.setenv("PHASEGATE_LIBRARY", str(folder))
    return folder


def test_broken_library_is_reported_on_start_and_defaults_are_used(qtbot, library, interaction, settings):
    (library / "phases").mkdir(parents=True)
    (library / "phases" / "production.yaml").write_text("phase: production\nroles:\n  - id: Bad Role!\n",
                                                        encoding="utf-8")
    from ui.main_window import MainWindow

    start_worker_done = []
    window = MainWindow(interaction=interaction, settings=settings)
    qtbot.addWidget(window)
    start = window.screens["start"]
    start.library_worker.finished.connect(start_worker_done.append)
    qtbot.waitUntil(lambda: bool(start.library_problems), timeout=20_000)
    window.show()
    assert window.current_screen() == "start"
    assert start.library_banner.isVisible()
    banner = start.library_banner.text()
    assert "production.yaml" in banner and "default" in banner
    assert "Template library: 1 problem" in window.status_label.text()
    assert interaction.errors == []  # shown in place, never a blocking dialog
    window.open_sample()  # the app still works, with the default Production roles
    defaults = load_phase_templates(use_library=False).phases[Phase.PRODUCTION]
    assert [r.id for r in window.doc.project.templates[Phase.PRODUCTION].roles] == [r.id for r in defaults.roles]


def test_no_library_means_no_banner_and_no_background_job(window, library):
    start = window.screens["start"]
    assert start.check_library() is False
    assert start.library_banner.isHidden()


def test_save_to_library_then_the_library_loads_it(sample_window, library):
    screen = sample_window.screens["templates"]
    role = sample_window.doc.project.templates[Phase.PILOT].roles[0]
    screen.select_path((Phase.PILOT, role.id, None))
    assert screen.library.current_phase() == Phase.PILOT  # follows the tree selection
    screen.role_heads.setValue(role.headcount + 2)
    screen.apply_role()
    sample_window.findChild(type(screen.library.save_action), "save_to_library").trigger()
    saved = library / "phases" / "pilot.yaml"
    assert saved.is_file()
    assert "Saved the Pilot template to the library" in screen.library.note.text()
    loaded = load_phase_templates()
    assert loaded.problems == []
    assert loaded.phases[Phase.PILOT].role(role.id).headcount == role.headcount + 2


def test_export_then_import_a_changed_file_is_one_undoable_edit(sample_window, interaction, tmp_path):
    screen = sample_window.screens["templates"]
    doc = sample_window.doc
    screen.library.set_phase(Phase.PRODUCTION)
    out = tmp_path / "production.yaml"
    interaction.save_files.append(str(out))
    screen.library.export_action.trigger()
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    before = [r.id for r in doc.project.templates[Phase.PRODUCTION].roles]
    assert [r["id"] for r in data["roles"]] == before
    data["roles"] = data["roles"][:2]
    data["name"] = "Lean production"
    edited = tmp_path / "lean.yaml"
    edited.write_text(yaml.safe_dump(data), encoding="utf-8")
    interaction.open_files.append(str(edited))
    screen.library.import_action.trigger()
    assert [r.id for r in doc.project.templates[Phase.PRODUCTION].roles] == before[:2]
    assert doc.undo_stack.undoText() == "Import the Production template from lean.yaml"
    assert screen.tree.topLevelItem(2).text(1) == "2 roles"
    sample_window.actions_by_name["undo"].trigger()
    assert [r.id for r in doc.project.templates[Phase.PRODUCTION].roles] == before


def test_importing_a_broken_file_shows_one_line_with_details(sample_window, interaction, tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("phase: pilot\nroles:\n  - id: ml_engineer\n    name: ML engineer\n    fte: 3\n", encoding="utf-8")
    interaction.open_files.append(str(bad))
    before = sample_window.doc.project.templates[Phase.PILOT]
    sample_window.screens["templates"].library.import_file()
    title, message, details = interaction.errors[-1]
    assert title == "Cannot import the template"
    assert "broken.yaml" in message and "fte" in message and "\n" not in message
    assert "Template library:" in details and str(bad) in details
    assert sample_window.doc.project.templates[Phase.PILOT] is before


def test_templates_menu_offers_the_library_actions(window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Templates")
    assert [a.text() for a in menu.actions()] == ["Save to library", "Import template…", "Export template…"]
