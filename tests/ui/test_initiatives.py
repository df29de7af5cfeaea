"""Initiatives are first-class in the window: made from the roster's column, added, renamed, edited, deleted, undone."""
from __future__ import annotations

from datetime import date

from app.domain import Pin
from app.domain.roles import Phase
from app.project import Project, Scenario, open_project, save_project
from ui.commands import ReplaceRoster
from ui.undo import push


def _names(screen) -> list[str]:
    return [screen.list.item(r).text() for r in range(screen.list.count())]


def test_an_import_makes_initiatives_from_the_roster_column_to_review(qtbot, window, sample_project):
    people = sample_project.roster.people
    window.doc.replace(Project(name="New project"))
    screen = window.screens["initiatives"]
    assert screen.empty_note.isVisibleTo(screen) and screen.list.count() == 0
    push(window.doc.undo_stack, ReplaceRoster(window.doc, people=list(people), source=None, new_skills=[]))
    names = sample_project.roster.initiatives()
    assert [i.id for i in window.doc.project.portfolio.initiatives] == names
    assert _names(screen)[0] == f"{names[0]}\nPilot → Production · to review"
    assert screen.review_note.isVisibleTo(screen) and not screen.empty_note.isVisibleTo(screen)
    team = window.doc.project.roster.team_of(names[0])
    qtbot.waitUntil(lambda: screen.team.count() == len(team), timeout=5_000)  # the team follows in slices
    assert screen.team_box.title() == f"Current team of {names[0]}: {len(team)} people"
    assert screen.team.count() == len(team) and screen.team.item(0).text().startswith(team[0].name)
    assert window.doc.undo_stack.undoText().startswith(f"Import {len(people)} people from a roster (new initiatives: ")

    screen.form.target_phase.setCurrentIndex(screen.form.target_phase.findData(Phase.OPERATIONS))
    assert screen.apply()
    assert window.doc.undo_stack.undoText() == f"Set {names[0]}: target phase Operations"
    assert "to review" not in _names(screen)[0] and not screen.review_note.isVisibleTo(screen)

    window.doc.undo_stack.undo()  # the edit's undo marks it 'to review' again …
    assert _names(screen)[0].endswith(" · to review")
    window.doc.undo_stack.undo()  # the import goes, and with it the initiatives it made
    assert window.doc.project.portfolio.initiatives == [] and screen.list.count() == 0
    window.doc.undo_stack.redo()
    window.doc.undo_stack.redo()  # … and a redo of both leaves it reviewed (it came back 'to review' with the import)
    assert "to review" not in _names(screen)[0] and _names(screen)[1].endswith(" · to review")


def test_the_to_review_mark_is_saved_with_the_project_until_the_defaults_are_kept(window, sample_project, tmp_path):
    people = sample_project.roster.people
    window.doc.replace(Project(name="New project"))
    push(window.doc.undo_stack, ReplaceRoster(window.doc, people=list(people), source=None, new_skills=[]))
    names = sample_project.roster.initiatives()
    save_project(window.doc.project, tmp_path / "own.phasegate")

    window.doc.replace(open_project(tmp_path / "own.phasegate"))  # closed and opened again
    screen = window.screens["initiatives"]
    assert _names(screen)[0] == f"{names[0]}\nPilot → Production · to review"
    assert screen.review_note.isVisibleTo(screen)
    screen.list.setCurrentRow(0)
    assert not screen.apply()  # nothing changed: the defaults were looked at and kept (no edit to undo)
    save_project(window.doc.project, tmp_path / "own.phasegate")
    window.doc.replace(open_project(tmp_path / "own.phasegate"))
    assert "to review" not in _names(screen)[0] and "to review" in _names(screen)[1]


def test_add_rename_edit_and_delete_with_undo_in_words(window, sample_project, interaction):
    project = sample_project.model_copy(deep=True)
    project.scenarios = [Scenario(name="Baseline", pins=[Pin(person_id=project.roster.people[0].id,
                                                             initiative="Churn Predictor", role="ml_engineer")])]
    window.doc.replace(project)
    screen = window.screens["initiatives"]
    stack = window.doc.undo_stack
    interaction.texts.append("Fraud Radar")
    assert screen.add_initiative()
    assert stack.undoText() == "Add initiative Fraud Radar" and screen.selected().id == "Fraud Radar"
    assert not screen.add_initiative("Fraud Radar")
    assert interaction.errors[-1][1] == "the project already has an initiative called “Fraud Radar”"

    form = screen.form
    form.name.setText("Fraud Radar 2")
    form.has_go_live.setChecked(True)
    form.go_live.setDate(date(2027, 3, 1))
    form.budget.setValue(300_000)
    form.freeze.setChecked(True)
    form.max_hires.setValue(2)
    assert screen.apply()
    assert stack.undoText() == ("Set Fraud Radar (now Fraud Radar 2): go-live 1 Mar 2027, budget €300k, hiring "
                                "freeze on, at most 2 hires")
    edited = window.doc.project.initiative("Fraud Radar")
    assert (edited.name, edited.go_live, edited.budget, edited.policy.max_hires) == (
        "Fraud Radar 2", date(2027, 3, 1), 300_000, 2)
    assert "{" not in stack.undoText() and "'" not in stack.undoText()
    assert window.screens["gaps"].initiative.findText("Fraud Radar 2 (Pilot → Production)") >= 0
    screen.fill_team()
    assert screen.team_box.title() == "Current team of Fraud Radar 2: 0 people"

    screen.select("Churn Predictor")
    assert screen.delete_selected()
    assert "The scenarios' 1 pin or exclusion on it go too." in interaction.asked[-1]
    assert window.doc.project.initiative("Churn Predictor") is None
    assert window.doc.project.scenario().pins == [] and stack.undoText() == "Delete initiative Churn Predictor"
    stack.undo()
    assert window.doc.project.initiative("Churn Predictor") is not None
    assert [p.initiative for p in window.doc.project.scenario().pins] == ["Churn Predictor"]
    stack.undo()
    stack.undo()
    assert window.doc.project.initiative("Fraud Radar") is None


def test_go_live_and_budget_can_be_cleared(window, sample_project):
    window.doc.replace(sample_project.model_copy(deep=True))
    screen = window.screens["initiatives"]
    ini = screen.selected()
    assert ini.go_live is not None and ini.budget is not None
    screen.form.has_go_live.setChecked(False)
    screen.form.budget.setValue(0)
    assert screen.apply()
    after = window.doc.project.initiative(ini.id)
    assert after.go_live is None and after.budget is None
    assert window.doc.undo_stack.undoText() == f"Set {ini.name}: no go-live, no budget"
    assert screen.form.budget.text() == "no budget"


def test_roadmap_gates_are_edited_beside_the_go_live(window, sample_project, interaction):
    window.doc.replace(sample_project.model_copy(deep=True))
    screen = window.screens["initiatives"]
    screen.select("Claims Triage Assistant")
    ini = screen.selected()
    form = screen.form
    target_check, _ = form.gates[Phase.PRODUCTION]
    assert not target_check.isEnabled() and target_check.toolTip() == "the go-live above"  # the go-live is that gate
    check, day = form.gates[Phase.OPERATIONS]
    assert check.isChecked() and day.date().toPython() == ini.gate(Phase.OPERATIONS)
    pilot_check, pilot_day = form.gates[Phase.PILOT]
    pilot_check.setChecked(True)
    pilot_day.setDate(date(2026, 6, 1))
    check.setChecked(False)
    assert screen.apply()
    after = window.doc.project.initiative(ini.id)
    assert after.roadmap == {Phase.PILOT: date(2026, 6, 1), Phase.PRODUCTION: ini.go_live}
    assert window.doc.undo_stack.undoText() == f"Set {ini.name}: pilot gate 1 Jun 2026, no operations gate"
    window.doc.undo_stack.undo()
    assert window.doc.project.initiative(ini.id).roadmap == ini.roadmap

    day.setDate(date(2020, 1, 1))  # before the production gate: refused in words, nothing changes
    check.setChecked(True)
    assert not screen.apply()
    assert window.doc.project.initiative(ini.id).roadmap == ini.roadmap
    assert "the operations gate (2020-01-01) comes before the production gate" in interaction.errors[-1][1]


def test_the_current_team_leaves_out_who_rolled_off_and_says_when_a_booked_person_joins(qtbot, window, sample_project):
    from datetime import timedelta

    from app.domain.people import Commitment

    project = sample_project.model_copy(deep=True)
    name = project.portfolio.initiatives[0].id
    today = date.today()
    joins = today + timedelta(days=40)
    first, second = project.roster.people[0], project.roster.people[1]
    project.roster.people[0] = first.model_copy(update={"commitments": [
        Commitment(initiative=name, fte=1.0, start=today - timedelta(days=300), end=today - timedelta(days=1))]})
    project.roster.people[1] = second.model_copy(update={"commitments": [
        Commitment(initiative=name, fte=0.5, start=joins)]})
    window.doc.replace(project)
    screen = window.screens["initiatives"]
    screen.list.setCurrentRow(0)
    team = project.roster.team_of(name, on=today)
    qtbot.waitUntil(lambda: screen.team.count() == len(team), timeout=5_000)
    lines = [screen.team.item(r).text() for r in range(screen.team.count())]
    assert not any(line.startswith(first.name) for line in lines)  # rolled off yesterday
    title = f" — {second.title}" if second.title else ""
    assert f"{second.name}{title} (from {joins.day} {joins:%b %Y})" in lines
    assert screen.team_box.title() == f"Current team of {name}: {len(team)} people"


def test_the_current_team_says_until_when_someone_is_on_it(qtbot, window, sample_project):
    """Who rolls off before the go-live is what a lead reads the team for: 'Ana (1.00 FTE)' hid that Ana's work there
    ends on 31 March; an open-ended commitment says no end."""
    from datetime import timedelta

    from app.domain.people import Commitment
    from app.planning.words.numbers import day

    project = sample_project.model_copy(deep=True)
    name = project.portfolio.initiatives[0].id
    today = date.today()
    ends = today + timedelta(days=90)
    first, second = project.roster.people[0], project.roster.people[1]
    project.roster.people[0] = first.model_copy(update={"commitments": [
        Commitment(initiative=name, fte=1.0, start=today - timedelta(days=30), end=ends)]})
    project.roster.people[1] = second.model_copy(update={"commitments": [Commitment(initiative=name, fte=0.5)]})
    window.doc.replace(project)
    screen = window.screens["initiatives"]
    screen.list.setCurrentRow(0)
    team = project.roster.team_of(name, on=today)
    qtbot.waitUntil(lambda: screen.team.count() == len(team), timeout=5_000)
    lines = {screen.team.item(r).text().split(" — ")[0].split(" (")[0]: screen.team.item(r).text()
             for r in range(screen.team.count())}
    assert lines[first.name].endswith(f"(1.00 FTE, to {day(ends)})")
    assert lines[second.name].endswith("(0.50 FTE)")
