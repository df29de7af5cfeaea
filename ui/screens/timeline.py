"""Timeline screen: who is booked and free when (people × weeks, months or quarters, grouped by organisation or
initiative, gate lines, over-allocation in red), as bars or a utilisation heatmap, and capacity against demand."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.timeline.calendar import Granularity
from ui.models.timeline import COLOURS, FIXED_COLUMNS, OVER, TimelineDelegate, TimelineModel
from ui.services import Services
from ui.snapshot import project_snapshot
from ui.template_cache import template_set
from ui.widgets.capacity_chart import CapacityChart

#: How far ahead each zoom looks from the current period.
SPAN = {Granularity.WEEK: timedelta(weeks=16), Granularity.MONTH: timedelta(weeks=52),
        Granularity.QUARTER: timedelta(weeks=104)}
CELL_WIDTH = {Granularity.WEEK: 56, Granularity.MONTH: 72, Granularity.QUARTER: 80}


def group_of(person, how: str) -> str:
    """A person's group: their organisation, or the initiative that holds most of their time."""
    if how == "organisation":
        return person.organisation or "(no organisation)"
    if not person.commitments:
        return "(no initiative)"
    return max(person.commitments, key=lambda c: c.fte).initiative


def compute(project, *, by: Granularity, with_plan: bool, today: date) -> dict:
    """Everything the screen shows, computed off the GUI thread: the grid and both chart series sets."""
    from app.timeline.calendar import make_grid
    from app.timeline.chart_data import capacity_vs_demand, timeline_grid

    grid = make_grid(today, today + SPAN[by], by=by)
    initiatives = project.portfolio.initiatives
    plan = project.scenario().plan if with_plan else None
    templates = template_set(project)
    name_of = templates.catalogue.name_of
    return {"grid": timeline_grid(project.roster.people, initiatives, plan, grid, today=today),
            "modes": capacity_vs_demand(project.roster.people, initiatives, templates.phases, grid, by="mode"),
            "skills": capacity_vs_demand(project.roster.people, initiatives, templates.phases, grid, by="skill",
                                         skill_name=name_of),
            "by": by}


class TimelineScreen(QWidget):
    """People over time, and capacity against demand; recomputed on a worker when the inputs or the zoom change."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.doc = services.doc
        self.worker = services.workers.get("timeline")
        self.result: dict | None = None
        self.stale = True
        self.zoom = QComboBox()
        self.zoom.setAccessibleName("Zoom")
        for g, label in ((Granularity.WEEK, "Weeks"), (Granularity.MONTH, "Months"), (Granularity.QUARTER, "Quarters")):
            self.zoom.addItem(label, g)
        self.zoom.setCurrentIndex(1)
        self.view_mode = QComboBox()
        self.view_mode.setAccessibleName("View")
        self.view_mode.addItems(["Bars", "Utilisation heatmap"])
        self.group = QComboBox()
        self.group.setAccessibleName("Group by")
        self.group.addItem("Organisation", "organisation")
        self.group.addItem("Initiative", "initiative")
        self.with_plan = QCheckBox("Show the plan")
        self.with_plan.setToolTip("Lay the active scenario's plan over the roster: its assignments run in their "
                                  "initiative's target phase window (green)")
        self.with_plan.setChecked(True)
        self.summary = QLabel()
        self.summary.setAccessibleName("Timeline summary")
        legend = QLabel(" ".join(f"<span style='background:{c}'>&nbsp;&nbsp;&nbsp;</span> {n}" for n, c in (
            ("confirmed", COLOURS["confirmed"]), ("this plan", COLOURS["planned"]),
            ("tentative", COLOURS["tentative"]), ("leave", COLOURS["leave"]))) +
            f" <span style='color:{OVER}'>▭ over-allocated</span> · ◆ gate (dashed line)")
        top = QHBoxLayout()
        for label, widget in (("Zoom", self.zoom), ("View", self.view_mode), ("Group by", self.group)):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addWidget(self.with_plan)
        top.addWidget(legend, 1)

        self.model = TimelineModel(self)
        self.delegate = TimelineDelegate(self.model, self)
        self.table = QTableView()
        self.table.setAccessibleName("People over time")
        self.table.setModel(self.model)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.verticalHeader().hide()

        self.series_kind = QComboBox()
        self.series_kind.setAccessibleName("Chart by")
        self.series_kind.addItem("By failure mode", "modes")
        self.series_kind.addItem("By skill", "skills")
        self.series = QComboBox()
        self.series.setAccessibleName("Series")
        self.chart = CapacityChart()
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_top = QHBoxLayout()
        chart_top.addWidget(QLabel("Capacity against demand"))
        chart_top.addWidget(self.series_kind)
        chart_top.addWidget(self.series, 1)
        chart_layout.addLayout(chart_top)
        chart_layout.addWidget(self.chart, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(chart_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(lambda message, details: self.summary.setText(message))
        self.zoom.currentIndexChanged.connect(lambda _i: self.recompute())
        self.with_plan.toggled.connect(lambda _b: self.recompute())
        self.group.currentIndexChanged.connect(lambda _i: self._show())
        self.view_mode.currentIndexChanged.connect(self._on_view_mode)
        self.series_kind.currentIndexChanged.connect(lambda _i: self._fill_series())
        self.series.currentIndexChanged.connect(lambda _i: self._show_series())
        self.doc.project_replaced.connect(self._inputs_changed)
        self.doc.on_inputs_changed(self._inputs_changed)
        self.doc.plan_changed.connect(self._inputs_changed)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Compute on entry when the inputs changed since the last time (in the background)."""
        super().showEvent(event)
        if self.stale:
            self.recompute()

    def _inputs_changed(self, *_args) -> None:
        self.stale = True
        if self.isVisible():
            self.recompute()

    def recompute(self) -> bool:
        """Start the computation on the 'timeline' worker; False when one is already running."""
        if self.worker.is_running():
            return False
        snapshot = project_snapshot(self.doc.project)
        by, plan = self.zoom.currentData(), self.with_plan.isChecked()
        today = date.today()

        def job(progress, _cancel):
            progress(0.1, f"Laying out {len(snapshot.roster.people):,} people over time…")
            return compute(snapshot, by=by, with_plan=plan, today=today)

        started = self.worker.start(job)
        if started:
            self.stale = False
            self.summary.setText("Computing the timeline…")
        return started

    def _on_finished(self, result: object) -> None:
        self.result = result  # type: ignore[assignment]
        self._show()
        self._fill_series()
        self.services.status("Timeline ready")

    def _show(self) -> None:
        if self.result is None:
            return
        grid, by = self.result["grid"], self.result["by"]
        how = self.group.currentData()
        groups = [group_of(p, how) for p in grid.people]
        order = sorted(range(len(grid.people)), key=lambda i: (groups[i].casefold(), grid.people[i].name.casefold()))
        self.model.set_grid(grid, order=order, groups=[groups[i] for i in order], by=by)
        header = self.table.horizontalHeader()
        for col in range(len(FIXED_COLUMNS), self.model.columnCount()):
            header.resizeSection(col, CELL_WIDTH[by])
        header.resizeSection(0, 150)
        header.resizeSection(1, 170)
        over = int((grid.over > 0.0005).any(axis=1).sum())
        gates = sum(len(g) for g in grid.gates)
        self.summary.setText(f"{len(grid.people):,} people, {len(grid.periods)} periods from "
                             f"{grid.periods[0].start.isoformat()} · {over} over-allocated in some period · "
                             f"{gates} gate{'s' if gates != 1 else ''} in view")

    def _on_view_mode(self, index: int) -> None:
        self.delegate.heatmap = index == 1
        self.table.viewport().update()

    def _fill_series(self) -> None:
        self.series.blockSignals(True)
        self.series.clear()
        for s in (self.result or {}).get(self.series_kind.currentData(), []):
            self.series.addItem(s.label, s.key)
        self.series.blockSignals(False)
        self._show_series()

    def _show_series(self) -> None:
        if self.result is None:
            return
        found = next((s for s in self.result[self.series_kind.currentData()] if s.key == self.series.currentData()),
                     None)
        if found is None:
            self.chart.set_series("", [], [], [])
            return
        labels = [self.model.headerData(c, Qt.Orientation.Horizontal).lstrip("◆ ")
                  for c in range(len(FIXED_COLUMNS), self.model.columnCount())]
        self.chart.set_series(found.label, labels, [round(float(v), 2) for v in found.capacity],
                              [round(float(v), 2) for v in found.demand])
