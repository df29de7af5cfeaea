"""A roster as HR often sends it — names, titles, skills, no initiative column, so nobody is committed to anything —
with initiatives added by hand: what the Timeline, the pool, the current team and the Gaps screen say about it
(seen walking a 15-person web-agency roster: blank screens that did not say why, '…' between two dates, names cut)."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from app.domain import Initiative, Person, Portfolio, Roster
from app.domain.roles import Phase
from app.planning.words.numbers import day as day_text
from app.project import Project
from app.timeline.window import capacity_window, phase_window
from tests.ui.solved_sample import solved_sample
from tests.ui.timeline_helpers import open_timeline
from ui.document import with_templates
from ui.screens.initiatives import POOL_BLANK, POOL_LABEL
from ui.screens.timeline import PERSON_WIDEST

LONG = "Customer Support Assistant Rollout"
NAMES = ["Ana Duarte", "Christopher Walker-Montgomery", "Ben Okafor"]


def _own_project() -> Project:
    """Three people with skills and no commitments; two initiatives with go-lives, one named long."""
    go_live = date.today() + timedelta(days=120)
    people = [Person(id=f"E{k}", name=name, title="Developer", organisation="Engineering",
                     skills={"python": {"level": 3}, "sql": {"level": 3}}) for k, name in enumerate(NAMES)]
    initiatives = [Initiative(id=LONG, name=LONG, roadmap={Phase.PRODUCTION: go_live}),
                   Initiative(id="Invoice Matching", name="Invoice Matching", current_phase=Phase.POC,
                              target_phase=Phase.PILOT, roadmap={Phase.PILOT: go_live + timedelta(days=90)})]
    return with_templates(Project(name="web_agency", roster=Roster(people=people),
                                  portfolio=Portfolio(initiatives=initiatives)))


def test_the_timeline_says_its_dates_as_a_range_and_why_every_bar_is_empty(qtbot, window):
    screen = open_timeline(qtbot, window, _own_project())
    periods = screen.model.grid.periods
    text = screen.summary.text()
    assert text.startswith(f"3 people, {len(periods)} months: {day_text(periods[0].start)} – "
                           f"{day_text(periods[-1].end)} · ")
    assert "…" not in text
    assert ("nobody has a commitment or leave in the roster (no initiative column in it), so everyone shows as free"
            in text)
    # the lane under the grid says there is nothing to drag, instead of how to drag bars that are not there
    assert screen.select_person("E1")
    assert screen.lane.heading() == ("Christopher Walker-Montgomery has no commitment or leave in the roster and "
                                     "nothing in this plan.")


def test_the_timeline_of_a_booked_roster_does_not_call_it_empty(qtbot, window):
    screen = open_timeline(qtbot, window, solved_sample())
    assert "nobody has a commitment" not in screen.summary.text()
    assert " months: " in screen.summary.text() and " – " in screen.summary.text()


def test_the_person_column_fits_the_longest_name_or_arrival(qtbot, window):
    """'+ Integration / software engineer (hire, 2 heads)' was cut at 210 px; the tooltip keeps the full text."""
    screen = open_timeline(qtbot, window, solved_sample())
    model, header = screen.model, screen.table.horizontalHeader()
    metrics = header.fontMetrics()
    labels = [str(model.index(r, 1).data()) for r in range(model.rowCount())]
    longest = max(labels, key=metrics.horizontalAdvance)
    assert longest.startswith("+ ")  # an arrival is the longest label in the sample's plan
    assert header.sectionSize(1) >= min(PERSON_WIDEST, metrics.horizontalAdvance(longest) + 8) > 210
    row = labels.index(longest)
    assert model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole).startswith(
        model.index(row, 1).data(Qt.ItemDataRole.UserRole).initiative + ": ")


def test_the_summary_counts_the_plans_hires_in_people_as_the_plan_screen_does(qtbot, window):
    """'12 arrivals' beside the Plan screen's '16 hires, 1 contractor' read as two different plans."""
    project = solved_sample()
    hires = project.scenario().plan.hires
    screen = open_timeline(qtbot, window, project)
    rows, people = len(screen.model.arrivals), sum(h.heads for h in hires)
    if rows == len(hires):
        assert f"{rows} hires and contracts ({people} people)" in screen.summary.text()
    else:
        assert f"{rows} of {len(hires)} hires and contracts" in screen.summary.text()
    assert "arrivals" not in screen.summary.text()


def test_the_capacity_chart_says_why_it_has_no_bars(qtbot, window):
    screen = open_timeline(qtbot, window, _own_project())
    # nobody holds the skills of an MLOps role: the note says so, and that hires and trainings are not counted here
    screen.series_kind.setCurrentIndex(0)
    screen.series.setCurrentIndex(screen.series.findData("mlops"))
    assert screen.chart.labels and max(screen.chart.capacity) == 0
    assert screen.chart_note.text().startswith(
        "No capacity: nobody in the roster holds all the skills of a role guarding “MLOps infrastructure absent” at "
        "the level asked, so all the demand is short.")
    # a skill they hold has bars, and no note
    screen.series_kind.setCurrentIndex(1)
    screen.series.setCurrentIndex(screen.series.findText("Python", Qt.MatchFlag.MatchStartsWith))
    assert max(screen.chart.capacity) > 0 and screen.chart_note.text() == ""
    # no initiative: no demand, and the chart says what to do instead of 'Nothing to show yet.'
    project = _own_project()
    project.portfolio.initiatives = []
    screen = open_timeline(qtbot, window, project)
    assert screen.series.count() == 0 and screen.chart_note.text() == ""
    assert screen.chart.empty_text.startswith("No demand to draw: the project has no initiative yet. Add one on the "
                                              "Initiatives screen")
    assert screen.chart.toolTip() == screen.chart.empty_text


def test_the_pool_writes_initiative_names_in_full_and_says_why_it_is_blank(qtbot, window):
    window.doc.replace(_own_project())
    screen = window.screens["initiatives"]
    qtbot.waitUntil(lambda: LONG in screen.pool_model.initiatives, timeout=5_000)  # the columns follow in slices
    header = screen.pool.horizontalHeader()
    column = screen.pool_model.initiatives.index(LONG)
    assert header.sizeHint().height() >= header.fontMetrics().horizontalAdvance(LONG) + 14  # not cut at 140 px
    assert header.max_label == POOL_LABEL
    assert screen.pool_model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == LONG
    assert screen.pool_model.headerData(1, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole) == NAMES[1]
    assert not screen.pool_note.isHidden() and screen.pool_note.text() == POOL_BLANK  # on its tab
    # someone committed: the cells say it, so the note goes
    window.doc.replace(solved_sample())
    assert screen.pool_note.isHidden()


def test_an_initiative_without_a_team_says_why_and_shows_its_go_live(qtbot, window):
    project = _own_project()
    window.doc.replace(project)
    screen = window.screens["initiatives"]
    screen.select(LONG)
    screen.fill_team()
    assert screen.team_box.title() == f"Current team of {LONG}: 0 people"
    assert screen.team_note.isVisibleTo(screen) and screen.team_note.text().startswith(
        f"Nobody in the roster works on {LONG} today: a team comes from the roster's initiative (project) column.")
    go_live = project.initiative(LONG).go_live
    assert screen.list.item(0).text() == f"{LONG}\nPilot → Production\ngo-live {day_text(go_live)}"
    window.doc.replace(solved_sample())  # a team: no note
    screen.list.setCurrentRow(0)
    screen.fill_team()
    assert screen.team.count() > 0 and not screen.team_note.isVisibleTo(screen)


def test_gaps_say_the_window_as_a_range_and_that_the_team_is_empty(qtbot, window):
    project = _own_project()
    window.doc.replace(project)
    gaps = window.screens["gaps"]
    gaps.initiative.setCurrentIndex(gaps.initiative.findData(LONG))
    with qtbot.waitSignal(gaps.worker.finished, timeout=30_000):
        gaps.analyse()
    ini = project.initiative(LONG)
    found = capacity_window(ini, today=date.today())
    assert gaps.window_note.text() == (
        f"Nobody in the roster is on {LONG}'s team over this window (a team comes from the roster's initiative "
        "column), so every role is a gap; “In pool” counts who could move in. "
        f"Capacity over {day_text(found.first)} – {day_text(found.last)}, the production window of {LONG}: who works "
        "on it throughout, and the least free time each person has there, as the Plan screen counts them.")


def test_grouped_by_initiative_the_plans_people_sit_under_the_initiative_it_places_them_on(qtbot, window):
    """Someone with no commitment whom the plan moves onto an initiative was listed under '(no initiative)'."""
    from app.domain.plans import Assignment, Plan, PlanStatus

    project = _own_project()
    project.scenario().plan = Plan(status=PlanStatus.FEASIBLE, assignments=[
        Assignment(person_id="E1", person_name=NAMES[1], initiative=LONG, role="data_engineer", fte=1.0)])
    screen = open_timeline(qtbot, window, project)
    screen.group.setCurrentIndex(screen.group.findData("initiative"))
    model = screen.model
    groups = {model.index(r, 1).data(): model.index(r, 0).data() for r in range(model.rowCount())}
    assert groups[NAMES[1]] == LONG and groups[NAMES[0]] == "(no initiative)"
    # the cell and the lane say what the plan has them do, until when, and why it stops there
    ini = project.initiative(LONG)
    first, last, _ends = phase_window(ini, today=date.today(), horizon_weeks=ini.policy.horizon_weeks)
    row = model.row_of("E1")
    t = next(k for k, p in enumerate(model.grid.periods) if p.start <= first <= p.end)
    assert (f"  · this plan: data_engineer, {LONG} 1 FTE, {day_text(first)} – {day_text(last)} (then the end of the "
            "26-week planning horizon)") in model.index(row, 2 + t).data(Qt.ItemDataRole.ToolTipRole)
    assert screen.select_person("E1")
    assert [b.label for b in screen.lane.bars] == [f"this plan: data_engineer, {LONG}, 1 FTE"]
    assert screen.lane.heading() == (f"{NAMES[1]}: this plan's time, trainings and leave, to read; only a commitment "
                                     f"from the roster can be dragged, and {NAMES[1]} has none.")
    screen.with_plan.setChecked(False)  # without the plan, the roster alone decides
    qtbot.waitUntil(lambda: not screen.worker.is_running() and screen.result["plan_counts"] is None, timeout=60_000)
    groups = {model.index(r, 1).data(): model.index(r, 0).data() for r in range(model.rowCount())}
    assert groups[NAMES[1]] == "(no initiative)"


def test_weeks_are_headed_as_days_are_written_elsewhere(qtbot, window):
    """'07 Dec' above the grid beside '7 Dec 2026' in every tooltip and summary."""
    screen = open_timeline(qtbot, window, _own_project())
    screen.zoom.setCurrentIndex(screen.zoom.findText("Weeks"))
    qtbot.waitUntil(lambda: not screen.worker.is_running() and " weeks: " in screen.summary.text(), timeout=60_000)
    model = screen.model
    labels = [model.headerData(c, Qt.Orientation.Horizontal).lstrip("◆ ")
              for c in range(2, model.columnCount())]
    assert labels == [f"{p.start.day} {p.start:%b}" for p in model.grid.periods]
    assert not any(label.startswith("0") for label in labels)


def test_after_a_roster_without_an_initiative_column_the_empty_screen_says_what_to_do(qtbot, window):
    project = _own_project()
    project.portfolio.initiatives = []
    window.doc.replace(project)
    screen = window.screens["initiatives"]
    assert screen.empty_note.isVisibleTo(screen) and screen.empty_note.text() == (
        "No initiatives yet: the roster has no initiative (project) column, so nobody is on a team. Press “Add "
        "initiative…” for each initiative to staff, then set its phases and go-live here.")
    window.doc.replace(Project(name="New project"))  # no roster yet: import one
    assert screen.empty_note.text().startswith("No initiatives yet. Import a roster with an initiative (project) column")
