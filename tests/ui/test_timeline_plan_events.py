"""The plan's trainings and hire/contractor arrivals on the Timeline: a strip on the trainee's cells while the
training runs, rows with a bar from the day each hire or contractor arrives, with the dates in the tooltips."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.planning.words.numbers import day as day_text
from app.timeline.plan_view import Arrival, arrivals, training_spans
from tests.ui.solved_sample import solved_sample
from tests.ui.timeline_helpers import open_timeline
from ui.models.timeline import FIXED_COLUMNS, FiguresRole, TrainingRole
from ui.screens.timeline_compute import ARRIVING


def _period(model, day) -> int:
    return next(k for k, p in enumerate(model.grid.periods) if p.start <= day <= p.end)


def test_trainings_and_arrivals_from_the_plan(qtbot, window, qtmodeltester):
    project = solved_sample()
    plan = project.scenario().plan
    screen = open_timeline(qtbot, window, project)
    model = screen.model
    qtmodeltester.check(model, force_py=True)
    # a training on the trainee's row: a strip over the days it runs and its dates in the tooltip
    training = min(training_spans(plan), key=lambda t: t.first)
    row = model.row_of(training.person_id)
    t = _period(model, training.first)
    cell = model.index(row, len(FIXED_COLUMNS) + t)
    (part,) = cell.data(TrainingRole)
    period = model.grid.periods[t]
    days = (period.end - period.start).days + 1
    assert part[0] == (training.first - period.start).days / days and part[1] > part[0]
    assert (f"training {training.what} from {day_text(training.first)} (latest start) to "
            f"{day_text(training.last)} (this plan)") in cell.data(Qt.ItemDataRole.ToolTipRole)
    quiet = model.index(row, len(FIXED_COLUMNS) + _period(model, training.last) + 2)
    assert quiet.data(TrainingRole) == [] and "training" not in quiet.data(Qt.ItemDataRole.ToolTipRole)

    # arrivals: their own rows, together at the end when grouped by organisation …
    expected = arrivals(plan, project.portfolio.initiatives)
    rows = [r for r in range(model.rowCount()) if isinstance(model.index(r, 1).data(Qt.ItemDataRole.UserRole),
                                                                Arrival)]
    assert len(rows) == len([a for a in expected if a.day <= model.grid.periods[-1].end]) > 0
    assert rows == list(range(model.rowCount() - len(rows), model.rowCount()))
    assert {model.index(r, 0).data() for r in rows} == {ARRIVING}
    trainings = sum(len(v) for v in model.trainings.values())
    heads = sum(h.heads for h in plan.hires)
    assert trainings > 0 and (f"this plan: {trainings} trainings, {len(rows)} hires and contracts ({heads} people)"
                              in screen.summary.text())
    # … and under their initiative when grouped by initiative
    screen.group.setCurrentIndex(1)
    mlops = next(r for r in range(model.rowCount())
                 if model.index(r, 1).data() == "+ MLOps engineer (hire, 2 heads)"
                 and model.index(r, 0).data() == "Claims Triage Assistant")
    hire = model.index(mlops, 1).data(Qt.ItemDataRole.UserRole)
    assert model.index(mlops - 1, 0).data() == "Claims Triage Assistant"
    arrive = _period(model, hire.day)
    cell = model.index(mlops, len(FIXED_COLUMNS) + arrive)
    figures = cell.data(FiguresRole)
    assert figures["arrives"] and 0 < figures["arrival"] <= hire.fte
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == (
        f"Claims Triage Assistant: MLOps engineer, 2 heads (hire), in post from {day_text(hire.day)} if requested "
        f"by {day_text(hire.requisition)} (12 weeks lead time)")
    assert model.index(mlops, len(FIXED_COLUMNS) + arrive + 1).data() == f"{hire.fte:g}"
    assert model.index(mlops, len(FIXED_COLUMNS) + arrive - 1).data() == ""  # not there before


def test_the_lane_shows_a_trainees_training_beside_their_commitments(qtbot, window):
    project = solved_sample()
    training = min(training_spans(project.scenario().plan), key=lambda t: t.first)
    screen = open_timeline(qtbot, window, project)
    assert screen.select_person(training.person_id)
    labels = [b.label for b in screen.lane.bars]
    assert f"training {training.what}" in labels
    assert (f"training {training.what} from {day_text(training.first)} to {day_text(training.last)}"
            in screen.lane.accessibleDescription())
    assert all(b.index is None for b in screen.lane.bars if b.label.startswith("training"))  # not draggable


def test_without_the_plan_there_are_no_trainings_or_arrivals(qtbot, window):
    screen = open_timeline(qtbot, window, solved_sample())
    screen.with_plan.setChecked(False)
    qtbot.waitUntil(lambda: not screen.worker.is_running() and not screen.model.arrivals, timeout=60_000)
    assert not screen.model.trainings and "this plan:" not in screen.summary.text()


def test_the_summary_says_which_trainings_and_arrivals_have_no_dates(qtbot, window):
    """An initiative without a go-live gives its trainings and hires no latest dates: the Timeline drew fewer than the
    Plan screen counts ('19 trainings' beside the plan's 27) without saying why."""
    project = solved_sample()
    plan = project.scenario().plan
    plan.trainings[0].latest_start = None
    plan.hires[0].latest_requisition = None
    screen = open_timeline(qtbot, window, project)
    trainings = sum(len(v) for v in screen.model.trainings.values())
    arriving = len(screen.model.arrivals)
    assert trainings < len(plan.trainings) and arriving < len(plan.hires)
    later = len(plan.trainings) + len(plan.hires) - trainings - arriving - 2
    assert (f"this plan: {trainings} of {len(plan.trainings)} trainings, {arriving} of {len(plan.hires)} hires and "
            "contracts; 2 have no dates (no go-live on their initiative)") in screen.summary.text()
    assert (f"; {later} outside this view" in screen.summary.text()) == (later > 0)
