"""Timeline screen: who is booked and free when (people × weeks, months or quarters, grouped by organisation or
initiative, gate lines, over-allocation in red, the plan's trainings and arrivals), as bars or a utilisation heatmap;
the selected person's commitments as bars whose dates are changed by dragging; capacity against demand."""
from __future__ import annotations

from datetime import date

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

from app.planning.words.numbers import day as day_text
from app.timeline.calendar import Granularity
from ui.models.timeline import (
    ARRIVAL,
    COLOURS,
    FIXED_COLUMNS,
    OVER,
    TRAINING,
    TimelineDelegate,
    TimelineModel,
)
from ui.screens.timeline_compute import compute
from ui.services import Services
from ui.snapshot import project_snapshot
from ui.timeline_commands import SetCommitmentDates
from ui.widgets.capacity_chart import CapacityChart
from ui.widgets.dates_dialog import DatesDialog
from ui.widgets.timeline_lane import CommitmentLane

CELL_WIDTH = {Granularity.WEEK: 56, Granularity.MONTH: 72, Granularity.QUARTER: 80}
#: Room around a period's label in the header (the section's margins and the sort indicator's gap).
HEADER_PADDING = 16
UNIT = {Granularity.WEEK: "week", Granularity.MONTH: "month", Granularity.QUARTER: "quarter"}
#: Widest the person column grows to fit its longest name or arrival.
PERSON_WIDEST = 400


def summary_words(result: dict) -> str:
    """'15 people, 13 months: 1 Dec 2026 – 31 Dec 2027 · 0 over-allocated in some period · 2 gates in view · …'."""
    grid, by = result["grid"], result["by"]
    periods, n = grid.periods, len(grid.periods)
    left = result.get("left_before", 0)
    gone = f" ({left:,} who left before {day_text(periods[0].start)} not shown)" if left else ""
    gates = sum(len(g) for g in grid.gates)
    arrivals = result["arrivals"]
    plan = plan_words(sum(len(v) for v in result["trainings"].values()), len(arrivals), result.get("plan_counts"))
    empty = ("" if result.get("booked", True) else " · nobody has a commitment or leave in the roster (no "
             "initiative column in it), so everyone shows as free")
    return (f"{len(grid.people):,} people{gone}, {n} {UNIT[Granularity(by)]}{'s' if n != 1 else ''}: "
            f"{day_text(periods[0].start)} – {day_text(periods[-1].end)} · {result['over']} over-allocated in some "
            f"period · {gates} gate{'s' if gates != 1 else ''} in view{empty}{plan}")


def _hires(n: int) -> str:
    return f"{n} hire{'s' if n != 1 else ''} and contract{'s' if n != 1 else ''}"


def plan_words(trainings: int, arriving: int, counts: dict | None) -> str:
    """' · this plan: 19 of 27 trainings, 15 of 26 hires and contracts; 19 have no dates (…)', or the short form
    when the time line shows all of them, with the people they bring ('12 hires and contracts (17 people)': the
    Plan screen counts hires in people, the rows here are its requisitions)."""
    if counts is None or not (trainings or arriving or counts["trainings"] or counts["arrivals"]):
        return ""
    total_t, total_a, undated = counts["trainings"], counts["arrivals"], counts["undated"]
    if (trainings, arriving) == (total_t, total_a):
        people = counts.get("people", 0)
        heads = f" ({people} {'person' if people == 1 else 'people'})" if people and people != arriving else ""
        return f" · this plan: {trainings} training{'s' if trainings != 1 else ''}, {_hires(arriving)}{heads}"
    later = total_t + total_a - trainings - arriving - undated
    return (f" · this plan: {trainings} of {total_t} training{'s' if total_t != 1 else ''}, {arriving} of "
            f"{_hires(total_a)}"
            + (f"; {undated} {'has' if undated == 1 else 'have'} no dates (no go-live on their initiative)"
               if undated else "")
            + (f"; {later} outside this view" if later > 0 else ""))


def no_series_words(initiatives: list[str]) -> str:
    """Why the capacity chart is empty, and what to do next."""
    if not initiatives:
        return ("No demand to draw: the project has no initiative yet. Add one on the Initiatives screen (its phases "
                "and go-live set what its roles ask for, month by month); the bars are then the roster's free time "
                "for those roles.")
    return (f"No demand to draw: the phase templates of {', '.join(initiatives)} ask for no role in this view. "
            "Check their phases on the Initiatives screen and the roles on the Templates screen.")


def capacity_note(series, kind: str, unit: str) -> str:
    """What a chart without blue bars means: nobody holds the skills, or those who do are booked."""
    if series is None or float(series.capacity.max(initial=0.0)) > 0.005:
        return ""
    what = (f"{series.label}" if kind == "skills" else
            f"all the skills of a role guarding “{series.label}” at the level asked")
    if series.able == 0:
        return (f"No capacity: nobody in the roster holds {what}, so all the demand is short. The plan's hires, "
                "contractors and trainings are not counted here (Show the plan draws them above); the Gaps screen "
                "lists who comes nearest.")
    return (f"No capacity: the {series.able} {'person' if series.able == 1 else 'people'} in the roster who hold "
            f"{what} have no free time in any {unit} shown (booked on other work or on leave).")


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
        self.summary.setWordWrap(True)  # one long line widened the whole window past the screen
        legend = QLabel(" ".join(f"<span style='background:{c}'>&nbsp;&nbsp;&nbsp;</span> {n}" for n, c in (
            ("confirmed", COLOURS["confirmed"]), ("this plan", COLOURS["planned"]),
            ("tentative", COLOURS["tentative"]), ("leave", COLOURS["leave"]), ("training", TRAINING),
            ("arriving", ARRIVAL))) + f" <span style='color:{OVER}'>▭ over-allocated</span> · ◆ gate (dashed line)")
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
        self.lane = CommitmentLane(self.table, first_column=len(FIXED_COLUMNS))
        self.selected_id: str | None = None
        self.dates_dialog: DatesDialog | None = None
        people_box = QWidget()
        people_layout = QVBoxLayout(people_box)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.addWidget(self.table, 1)
        people_layout.addWidget(self.lane)

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
        self.chart_note = QLabel()
        self.chart_note.setAccessibleName("Capacity note")
        self.chart_note.setWordWrap(True)
        chart_layout.addLayout(chart_top)
        chart_layout.addWidget(self.chart_note)
        chart_layout.addWidget(self.chart, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(people_box)
        split.addWidget(chart_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(lambda message, details: self.summary.setText(message))
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.lane.dates_dropped.connect(self.change_dates)
        self.lane.dates_asked.connect(self.ask_dates)
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
        if self.isVisible():  # computed behind another screen, it must not replace what that screen said
            self.services.status("Timeline ready")
        if self.stale and self.isVisible():  # an edit came in while this ran
            self.recompute()

    # -- the selected person's commitments -----------------------------------------------------------------------------
    def _on_row(self, current, _previous=None) -> None:
        found = self.model.data(self.model.index(current.row(), 1), Qt.ItemDataRole.UserRole) if current.isValid() \
            else None
        self.selected_id = getattr(found, "id", None) if found is not None and hasattr(found, "commitments") else None
        self._show_lane()

    def _show_lane(self) -> None:
        grid = self.model.grid
        row = self.model.row_of(self.selected_id) if grid is not None and self.selected_id else -1
        if row < 0:
            self.lane.show_person(None, [], [])
            return
        k = self.model.order[row]
        self.lane.show_person(grid.people[k], grid.periods, self.model.trainings.get(k, []), unit=UNIT[self.model.by],
                              placed=self.model.placed.get(k, []))

    def select_person(self, person_id: str) -> bool:
        """Select a person's row (and show their commitments under the grid); False when not shown."""
        row = self.model.row_of(person_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 1))
        self.table.scrollTo(self.model.index(row, 1), QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def change_dates(self, index: int, start: date | None, end: date | None) -> bool:
        """Move the selected person's commitment `index` to `start`–`end` as one undoable edit (refused in words
        when it would end before it starts); the timeline is recomputed on its worker."""
        if self.selected_id is None:
            return False
        person_id = self.selected_id
        return self.services.edit(lambda: SetCommitmentDates(self.doc, person_id=person_id, index=index, start=start,
                                                             end=end),
                                  title="Change dates", then=" — recomputing the timeline")

    def ask_dates(self, index: int) -> DatesDialog | None:
        """'Change dates…' for the selected person's commitment `index` (non-blocking); OK applies it as one
        undoable edit."""
        person = self.lane.person
        if person is None or not 0 <= index < len(person.commitments):
            return None
        if self.dates_dialog is not None:
            self.dates_dialog.reject()
        c = person.commitments[index]
        dialog = DatesDialog(title=f"{person.name}: {c.initiative}, {c.fte:g} FTE {c.status.value}", start=c.start,
                             end=c.end, today=date.today(), parent=self.window())
        dialog.accepted.connect(lambda: self.change_dates(index, *dialog.values()))
        dialog.finished.connect(lambda _r: (setattr(self, "dates_dialog", None), dialog.deleteLater()))
        self.dates_dialog = dialog
        dialog.open()
        return dialog

    def _show(self) -> None:
        if self.result is None:
            return
        grid, by = self.result["grid"], self.result["by"]
        order, groups = self.result["orders"][self.group.currentData()]
        self.model.set_grid(grid, order=order, groups=groups, by=by, stack=self.result["stack"],
                            trainings=self.result["trainings"], arrivals=self.result["arrivals"],
                            placed=self.result.get("placed"),
                            arrival_fte=self.result["arrival_fte"])
        header = self.table.horizontalHeader()
        # wide enough for the longest label: '◆ Aug 2027' (a gate) was cut to '◆ Aug 202' in 72 px
        metrics, periods = header.fontMetrics(), range(len(FIXED_COLUMNS), self.model.columnCount())
        widest = max((metrics.horizontalAdvance(str(self.model.headerData(c, Qt.Orientation.Horizontal) or ""))
                      for c in periods), default=0)
        width = max(CELL_WIDTH[by], widest + HEADER_PADDING)
        for col in periods:
            header.resizeSection(col, width)
        # the group column as wide as its longest label (few distinct ones), up to 300 px: "Group Technology > …"
        labels = set(groups)
        longest = max((metrics.horizontalAdvance(g) for g in labels), default=0) if len(labels) <= 500 else 0
        header.resizeSection(0, min(300, max(150, longest + HEADER_PADDING)))
        header.resizeSection(1, self._person_width(metrics))
        self.summary.setText(summary_words(self.result))
        if self.selected_id is not None and not self.select_person(self.selected_id):
            self.selected_id = None
        self._show_lane()

    def _person_width(self, metrics) -> int:
        """The person column as wide as its longest label — a name, or an arrival such as '+ Integration / software
        engineer (hire, 2 heads)' (cut at 210 px before) — between 150 and PERSON_WIDEST px; the tooltip has it all."""
        grid = self.model.grid
        names = [max((p.name for p in grid.people), key=len, default="")]  # longest in letters: one pass, no metrics
        names += [str(self.model.index(r, 1).data() or "") for r, k in enumerate(self.model.order) if k < 0]
        longest = max((metrics.horizontalAdvance(n) for n in names), default=0)
        return min(PERSON_WIDEST, max(150, longest + HEADER_PADDING + 8))

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
        self.chart_note.setText(capacity_note(found, self.series_kind.currentData(), UNIT[self.model.by])
                                if found is not None else "")
        if found is None:
            self.chart.set_empty(no_series_words([i.name for i in self.doc.project.portfolio.initiatives]))
            return
        labels = [self.model.headerData(c, Qt.Orientation.Horizontal).lstrip("◆ ")
                  for c in range(len(FIXED_COLUMNS), self.model.columnCount())]
        self.chart.set_series(found.label, labels, [round(float(v), 2) for v in found.capacity],
                              [round(float(v), 2) for v in found.demand])
