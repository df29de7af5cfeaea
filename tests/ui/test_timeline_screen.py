"""The Timeline screen on the sample: people over time with their bookings, gates, the plan, over-allocation,
a utilisation heatmap and capacity against demand — computed off the GUI thread."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.planning.words.numbers import day as day_text
from tests.ui.timeline_helpers import open_timeline
from ui.models.timeline import FIXED_COLUMNS, FiguresRole, TimelineModel


def _row(model: TimelineModel, person_id: str) -> int:
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data(Qt.ItemDataRole.UserRole).id == person_id)


def test_people_over_time_with_gates_leave_and_over_allocation(qtbot, window, sample_project, qtmodeltester):
    screen = open_timeline(qtbot, window, sample_project.model_copy(deep=True))
    model = screen.model
    qtmodeltester.check(model, force_py=True)
    assert model.columnCount() == len(FIXED_COLUMNS) + len(model.grid.periods)
    assert screen.summary.text().startswith(f"{len(sample_project.roster.people):,} people, ")
    # the Claims production gate is marked in its month's header, with the gate in the tooltip
    claims = sample_project.initiative("Claims Triage Assistant")
    gate = claims.go_live
    col = next(c for c in range(len(FIXED_COLUMNS), model.columnCount())
               if model.grid.periods[c - len(FIXED_COLUMNS)].start <= gate <= model.grid.periods[c - len(FIXED_COLUMNS)].end)
    assert model.headerData(col, Qt.Orientation.Horizontal).startswith("◆ ")
    assert f"Claims Triage Assistant: Production gate {day_text(gate)}" in model.headerData(
        col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    # Ines Larkspur is on the Platform Migration through the winter: the tooltip says so, with its roll-off date
    row = _row(model, "NW01042")
    ines = sample_project.roster.by_id()["NW01042"]
    migration = next(c for c in ines.commitments if c.initiative == "Platform Migration")
    t = next(k for k, p in enumerate(model.grid.periods) if p.start <= migration.end <= p.end)
    tip = model.index(row, len(FIXED_COLUMNS) + t).data(Qt.ItemDataRole.ToolTipRole)
    assert f"Platform Migration 1 confirmed until {day_text(migration.end)}" in tip
    # Ines Copperkettle's holiday on top of a full-time commitment shows as leave and over-allocation
    row = _row(model, "NW01040")
    holiday = sample_project.roster.by_id()["NW01040"].absences[0]
    t = next(k for k, p in enumerate(model.grid.periods) if p.start <= holiday.start <= p.end)
    figures = model.index(row, len(FIXED_COLUMNS) + t).data(FiguresRole)
    assert figures["leave"] > 0 and figures["over"] > 0
    assert "Holiday" in model.index(row, len(FIXED_COLUMNS) + t).data(Qt.ItemDataRole.ToolTipRole)


def test_zoom_grouping_heatmap_and_chart(qtbot, window, sample_project):
    screen = open_timeline(qtbot, window, sample_project.model_copy(deep=True))
    months = len(screen.model.grid.periods)
    screen.zoom.setCurrentIndex(0)  # weeks
    qtbot.waitUntil(lambda: not screen.worker.is_running() and len(screen.model.grid.periods) != months,
                    timeout=30_000)
    assert screen.model.headerData(len(FIXED_COLUMNS), Qt.Orientation.Horizontal).split()[-1].isalpha()
    screen.group.setCurrentIndex(1)  # by initiative
    groups = [screen.model.index(r, 0).data() for r in range(screen.model.rowCount())]
    assert groups == sorted(groups, key=str.casefold) and "Claims Triage Assistant" in groups
    screen.view_mode.setCurrentIndex(1)
    assert screen.delegate.heatmap
    assert screen.series.count() >= 1 and screen.chart.labels
    assert screen.chart.toolTip().startswith(screen.series.currentText())
    screen.series_kind.setCurrentIndex(1)  # by skill
    assert "≥" in screen.series.currentText()


def test_a_timeline_computed_behind_another_screen_leaves_that_screens_status_line(qtbot, window, sample_project):
    """'Timeline ready' replaced 'Imported 310 people from …' when the import started from the Timeline screen."""
    window.show()
    window.doc.replace(sample_project.model_copy(deep=True))
    screen = window.screens["timeline"]
    window.go_to("roster")
    window.show_status("Imported 79 people from northwind.xlsx")
    with qtbot.waitSignal(screen.worker.finished, timeout=60_000):
        assert screen.recompute()
    assert window.status_label.text() == "Imported 79 people from northwind.xlsx"
    window.go_to("timeline")
    qtbot.waitUntil(lambda: not screen.worker.is_running(), timeout=60_000)
    with qtbot.waitSignal(screen.worker.finished, timeout=60_000):
        assert screen.recompute()
    assert window.status_label.text() == "Timeline ready"
    window.doc.undo_stack.clear()


def test_period_headers_with_a_gate_are_wide_enough_for_their_label(qtbot, window, sample_project):
    """'◆ Aug 2027' was cut to '◆ Aug 202' in the 72 px month columns."""
    from PySide6.QtCore import Qt

    from ui.models.timeline import FIXED_COLUMNS

    screen = open_timeline(qtbot, window, sample_project.model_copy(deep=True))
    header, model = screen.table.horizontalHeader(), screen.model
    labels = {c: model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(FIXED_COLUMNS), model.columnCount())}
    gated = [c for c, text in labels.items() if text.startswith("◆")]
    assert gated
    for c in gated:
        assert header.sectionSize(c) >= header.fontMetrics().horizontalAdvance(labels[c]) + 12  # + the margins


def test_people_who_left_before_the_view_are_left_out_and_counted(qtbot, window, sample_project):
    """HRDataset's 104 leavers of 2016-2018 were 104 empty rows, read as people free all year."""
    from datetime import date

    project = sample_project.model_copy(deep=True)
    gone = project.roster.people[:3]
    for person in gone:
        person.leaving_date, person.available = date(2016, 6, 16), False
    screen = open_timeline(qtbot, window, project)
    ids = {p.id for p in screen.model.grid.people}
    assert not ids & {p.id for p in gone} and len(ids) == len(project.roster.people) - 3
    first = screen.model.grid.periods[0].start
    assert screen.summary.text().startswith(
        f"{len(ids)} people (3 who left before {first.day} {first:%b %Y} not shown), ")


def test_a_long_organisation_name_is_not_cut_in_the_group_column(qtbot, window, sample_project):
    """'Group Technology > AI Centre of Excellence' showed as 'Group Technology > …' in a 150 px column on every row
    of that organisation; the column is as wide as its longest group (up to 300 px), the tooltip says it in full."""
    from PySide6.QtCore import Qt

    project = sample_project.model_copy(deep=True)
    long = "Group Technology > AI Centre"
    project.roster.people = [p.model_copy(update={"organisation": long}) if i % 2 else p
                             for i, p in enumerate(project.roster.people)]
    screen = open_timeline(qtbot, window, project)
    header, model = screen.table.horizontalHeader(), screen.model
    rows = [r for r in range(model.rowCount()) if model.index(r, 0).data() == long]
    assert rows and model.index(rows[0], 0).data(Qt.ItemDataRole.ToolTipRole) == long
    assert header.sectionSize(0) >= header.fontMetrics().horizontalAdvance(long) + 12
