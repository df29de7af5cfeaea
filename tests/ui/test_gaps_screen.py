"""Gaps screen: readiness labels are whole failure-mode names; the coverage heatmap is compact with full names on hover."""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from app.domain import FAILURE_MODE_LABELS, Phase
from app.planning.words.numbers import day as day_text
from ui.widgets.bars import Bar, BarChart
from ui.widgets.rotated_header import COMPACT_WIDTH, RotatedHeaderView


def _analysed(qtbot, window):
    screen = window.screens["gaps"]
    screen.initiative.setCurrentIndex(screen.initiative.findData("Claims Triage Assistant"))
    with qtbot.waitSignal(screen.worker.finished, timeout=30_000):
        screen.analyse()
    return screen


def test_readiness_shows_full_failure_mode_names_and_compact_matrix(qtbot, sample_window):
    screen = _analysed(qtbot, sample_window)
    labels = [b.label for b in screen.readiness.bars]
    assert labels == [FAILURE_MODE_LABELS[m] for m in sample_window.doc.gap_report.readiness]
    assert "Operational integration failure" in labels
    assert screen.readiness.labels_above  # each name on its own full-width line, wrapped rather than cut

    header = screen.matrix.horizontalHeader()
    assert isinstance(header, RotatedHeaderView)
    assert screen.matrix.columnCount() > 5
    assert {header.sectionSize(c) for c in range(screen.matrix.columnCount())} == {COMPACT_WIDTH}
    name = screen.matrix.horizontalHeaderItem(0).text()
    assert screen.matrix.horizontalHeaderItem(0).toolTip() == name
    # vertical labels need height, not width: the header is as tall as the longest (capped) skill name
    longest = max(header.fontMetrics().horizontalAdvance(screen.matrix.horizontalHeaderItem(c).text())
                  for c in range(screen.matrix.columnCount()))
    assert header.sizeHint().height() >= min(longest, header.max_label)
    cell = next(screen.matrix.item(r, c) for r in range(screen.matrix.rowCount())
                for c in range(screen.matrix.columnCount()) if screen.matrix.item(r, c))
    assert screen.matrix.horizontalHeaderItem(cell.column()).text() in cell.toolTip()


def test_long_labels_wrap_instead_of_being_cut(qtbot):
    chart = BarChart(title="Readiness", maximum=100, labels_above=True)
    qtbot.addWidget(chart)
    long = "Operational integration failure in every downstream claims and underwriting system"
    chart.set_bars([Bar(long, 40, text="40 %"), Bar("Short", 90, text="90 %")])
    chart.resize(600, 300)
    wide = chart.sizeHint().height()
    chart.resize(160, 300)
    narrow = chart.sizeHint().height()
    assert narrow > wide  # the long name takes more lines when narrow instead of being elided
    image = chart.grab().toImage()
    assert not image.isNull() and image.width() == 160
    assert long in chart.toolTip()


def test_roster_heatmap_uses_the_compact_rotated_header(qtbot, sample_window):
    roster = sample_window.screens["roster"]
    header = roster.heatmap.horizontalHeader()
    assert isinstance(header, RotatedHeaderView)
    model = roster.heatmap.model()
    qtbot.waitUntil(lambda: model.columnCount() > 5, timeout=2_000)  # skill columns follow one event-loop turn later
    assert header.sectionSize(0) == 30
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == \
        model.headerData(0, Qt.Orientation.Horizontal)


def test_the_gaps_count_free_time_over_the_production_window_and_say_so(qtbot, sample_window):
    screen = _analysed(qtbot, sample_window)
    claims = sample_window.doc.project.initiative("Claims Triage Assistant")
    first, last = claims.roadmap[Phase.PRODUCTION], claims.roadmap[Phase.OPERATIONS] - timedelta(days=1)
    assert screen.window_note.text() == (
        f"Capacity over {day_text(first)} – {day_text(last)}, the production window of Claims Triage Assistant: "
        "who works on it throughout, and the least free time each person has there, as the Plan screen counts them.")
    # Felix is half on Demand Forecasting until before the gate: free full-time for the production role, as the
    # optimiser counts him (read as running now, he had half his time at most)
    felix = next(p for p in sample_window.doc.project.roster.people if p.name == "Felix Pebbleworth")
    assert felix.commitments[0].end < first
    row = next(r for r in range(screen.roles_model.rowCount())
               if screen.roles_model.index(r, 0).data() == "Data scientist")
    screen.show_candidates(screen.roles_model.index(row, 0).data(Qt.ItemDataRole.UserRole))
    assert "Felix Pebbleworth Data Scientist — holds 100 % of the required levels, 1.00 FTE free" in " ".join(screen.candidates.toPlainText().split())


def test_who_could_fill_a_role_names_the_skill_a_training_goes_via(qtbot, sample_window):
    """'via machine_learning' was the skill's id; the panel says the catalogue's name, as the CLI does."""
    screen = _analysed(qtbot, sample_window)
    report = sample_window.doc.gap_report
    role, via = next((r, m.via) for r in report.roles for c in r.alternatives for m in c.missing if m.via)
    screen.show_candidates(role)
    text = screen.candidates.toPlainText()
    name = sample_window.doc.project.catalogue.name_of(via)
    assert name != via and f"via {name})" in text
    assert f"via {via}" not in text
