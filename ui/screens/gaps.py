"""Gaps screen: readiness per failure mode, role × skill gaps, required vs available FTE, candidates per role."""
from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain import FAILURE_MODE_LABELS
from ui.models.records import Field, RecordTableModel, attr, fit_columns
from ui.services import Services
from ui.snapshot import project_snapshot
from ui.template_cache import default_catalogue, template_set
from ui.widgets.bars import Bar, BarChart
from ui.widgets.legend import Legend
from ui.widgets.rotated_header import use_rotated_header

NONE, PARTLY, COVERED = "#ef5350", "#ffb74d", "#81c784"


def coverage_colour(coverage: float) -> QColor:
    """Red (nobody) through amber to green (fully covered)."""
    return QColor(NONE) if coverage < 0.34 else QColor(PARTLY) if coverage < 0.99 else QColor(COVERED)


def candidates_html(role, marks: dict[str, str] | None = None, *, name_of=lambda skill_id: skill_id) -> str:
    """Full matches and alternatives for one role gap, with what each alternative is missing; `marks` says who the
    active scenario pins or excludes (person id → 'pinned' / 'excluded'); `name_of` names skills by their ids (the
    catalogue's), so the adjacent skill a training goes 'via' reads as a name too."""
    marks = marks or {}
    e = html.escape
    parts = [f"<h3>{e(role.name)}</h3><p>Needs {role.required_fte:.2f} FTE; team covers {role.team_fte:.2f}; "
             f"gap {role.gap_fte:.2f}.</p>"]
    for title, people in (("Full matches", role.full_matches), ("Alternatives (with training)", role.alternatives)):
        parts.append(f"<h4>{title}</h4>")
        if not people:
            parts.append("<p>None in the pool.</p>")
            continue
        parts.append("<ul>")
        for c in people:
            missing = "; ".join(f"{e(m.name or name_of(m.skill))} {m.have}→{m.need} (~{m.training_weeks:g} wk"
                                f"{', via ' + e(name_of(m.via)) if m.via else ''})" for m in c.missing)
            mark = f" <i>({marks[c.person_id]} in this scenario)</i>" if c.person_id in marks else ""
            # 'score 62' was a number nobody could read: it is the weighted share of the role's levels held
            parts.append(f"<li><b>{e(c.name)}</b>{mark} {e(c.title or '')} — holds {c.score:.0f} % of the "
                         "required levels, "
                         f"{c.available_fte:.2f} FTE free{' (on the team)' if c.on_team else ''}"
                         f"{'<br>missing: ' + missing if missing else ''}</li>")
        parts.append("</ul>")
    return "".join(parts)


class GapsScreen(QWidget):
    """What the target phase needs that the team lacks, read by failure mode, with who could fill each role."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.doc = services.doc
        self.worker = services.workers.get("gaps")
        self.initiative = QComboBox()
        self.initiative.setAccessibleName("Initiative")
        self.initiative.setMinimumWidth(260)
        self.analyse_button = QPushButton("Analyse again")
        self.analyse_button.setAccessibleName("Analyse gaps")
        self.analyse_button.setToolTip("Compare the team with the target phase's roles (runs in the background)")
        self.analyse_button.clicked.connect(self.analyse)
        self.summary = QLabel()
        self.summary.setAccessibleName("Gap summary")
        self.window_note = QLabel()
        self.window_note.setAccessibleName("Capacity window")
        self.window_note.setWordWrap(True)
        self.window_note.setToolTip("The days whose free time the analysis counts: the optimiser's window for the "
                                    "target phase (its gate to the next gate or the planning horizon)")
        top = QHBoxLayout()
        top.addWidget(QLabel("Initiative"))
        top.addWidget(self.initiative)
        top.addWidget(self.analyse_button)
        top.addWidget(self.summary, 1)

        self.readiness = BarChart(title="Readiness by failure mode (%)", maximum=100, colour_by_value=True,
                                  labels_above=True)
        self.fte_chart = BarChart(title="Required vs available FTE per skill", legend=("Required", "Team + pool"),
                                  labels_above=True)
        self.matrix = QTableWidget()
        use_rotated_header(self.matrix, max_label=170)  # the rows need the room more; full names in the tooltips
        self.matrix.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.matrix.verticalHeader().setDefaultSectionSize(24)
        self.matrix.setAccessibleName("Role by skill gaps")
        self.matrix.setToolTip("Coverage of each role's required skills: red none, amber partial, green covered")
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roles_model = RecordTableModel([
            attr("Role", "name"),
            Field("New", lambda r: "added" if r.added else "", "Roles the target phase adds"),
            attr("Need", "required_fte", "FTE the target phase needs in this role"),
            attr("Team", "team_fte", "FTE the current team covers"),
            attr("Gap", "gap_fte", "FTE still missing"),
            attr("In pool", "pool_people", "People in the pool qualified for the role"),
            Field("Failure modes", lambda r: ", ".join(FAILURE_MODE_LABELS[m] for m in r.failure_modes),
                  "What goes wrong in production when this role is missing"),
        ], self, tint=lambda r: QColor("#ffcdd2") if r.gap_fte > 0 else None)
        self.roles = QTableView()
        self.roles.setAccessibleName("Role gaps")
        self.roles.setModel(self.roles_model)
        self.roles.horizontalHeader().setStretchLastSection(True)
        self.roles.setWordWrap(False)
        self.roles.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.roles.clicked.connect(lambda idx: self.show_candidates(idx.data(Qt.ItemDataRole.UserRole)))
        self.candidates = QTextBrowser()
        self.candidates.setAccessibleName("Candidates for the selected role")
        self.candidates.setHtml("<p>Select a role to see full matches and alternatives.</p>")

        grid = QGridLayout()
        charts = QVBoxLayout()
        charts.addWidget(self.readiness)
        charts.addWidget(self.fte_chart)
        charts.addStretch(1)
        chart_panel = QWidget()
        chart_panel.setLayout(charts)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(chart_panel)
        scroll.setAccessibleName("Charts")
        grid.addWidget(scroll, 0, 0, 2, 1)
        roles_box = QGroupBox("Roles of the target phase")
        QVBoxLayout(roles_box).addWidget(self.roles)
        grid.addWidget(roles_box, 0, 1)
        cand_box = QGroupBox("Who could fill it")
        QVBoxLayout(cand_box).addWidget(self.candidates)
        grid.addWidget(cand_box, 0, 2)
        matrix_box = QGroupBox("Role × skill coverage")
        matrix_layout = QVBoxLayout(matrix_box)
        self.matrix_legend = Legend("Coverage:", [
            (COVERED, "✓ covered", "#000000"), (PARTLY, "partly: FTE still missing", "#000000"),
            (NONE, "hardly: FTE still missing", "#000000"), ("#ffffff", "blank: not required", "#000000")],
            name="Coverage legend")
        matrix_layout.addWidget(self.matrix_legend)
        matrix_layout.addWidget(self.matrix, 1)
        grid.addWidget(matrix_box, 1, 1, 1, 2)
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(1, 11)
        grid.setColumnStretch(2, 4)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.window_note)
        layout.addLayout(grid, 1)

        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(lambda: self.summary.setText("Analysis cancelled."))
        self.doc.project_replaced.connect(self.refresh)
        self.doc.portfolio_changed.connect(self.refresh)
        self.doc.gaps_changed.connect(self.show_report)
        self.initiative.activated.connect(lambda _i: self.analyse_if_stale())
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Analyse on entry when the report on show is missing or out of date (in the background)."""
        super().showEvent(event)
        self.analyse_if_stale()

    def analyse_if_stale(self) -> bool:
        """Start the analysis of the chosen initiative unless its report is already on show; True when started."""
        report, chosen = self.doc.gap_report, self.doc.project.initiative(self.initiative.currentData() or "")
        if chosen is None or self.worker.is_running():
            return False
        if report is not None and report.initiative == chosen.id and report.to_phase == chosen.target_phase:
            return False
        self.analyse()
        return True

    def refresh(self) -> None:
        """Reload the initiative list."""
        current = self.initiative.currentData()
        self.initiative.clear()
        for i in self.doc.project.portfolio.initiatives:
            self.initiative.addItem(f"{i.name} ({i.current_phase.label} → {i.target_phase.label})", i.id)
        if current is not None and self.initiative.findData(current) >= 0:
            self.initiative.setCurrentIndex(self.initiative.findData(current))
        self.show_report()

    def analyse(self) -> None:
        """Run the gap analysis for the chosen initiative on the 'gaps' worker."""
        initiative = self.doc.project.initiative(self.initiative.currentData() or "")
        if initiative is None:
            self.services.status("Add an initiative first (Initiatives screen)")
            return
        snapshot, today = project_snapshot(self.doc.project), date.today()

        def job(progress, _cancel):
            from app.gaps import analyse_gaps  # numpy and the matrix code load here, never on the GUI thread
            from app.timeline.window_gaps import over_window

            progress(0.1, f"Analysing the gaps of {initiative.name}…")
            people, window = over_window(snapshot.roster.people, initiative, today=today)
            return analyse_gaps(people, initiative=initiative.id, to_phase=initiative.target_phase,
                                from_phase=initiative.current_phase, templates=template_set(snapshot), window=window)

        if self.worker.start(job):
            self.summary.setText(f"Analysing {initiative.name}…")

    def _on_finished(self, report: object) -> None:
        self.doc.set_gap_report(report)
        if self.isVisible():  # analysed behind another screen, it must not replace what that screen said
            self.services.status("Gap analysis ready")

    def _on_failed(self, message: str, details: str) -> None:
        self.summary.setText(message)
        self.services.interaction.show_error(title="Gap analysis failed", message=message, details=details)

    def show_report(self) -> None:
        """Render the document's gap report (or clear the views when there is none)."""
        report = self.doc.gap_report
        if report is None:
            self.summary.setText("Analysing…" if self.worker.is_running() else
                                 "Choose an initiative; its gaps are analysed when this screen opens." if
                                 self.initiative.count() else "No initiative yet: add one on the Initiatives screen.")
            self.candidates.setHtml("<p>Select a role to see full matches and alternatives.</p>")
            self.window_note.setText("")
            self.readiness.set_bars([])
            self.fte_chart.set_bars([])
            self.roles_model.set_records([])
            self.matrix.clear()
            self.matrix.setRowCount(0)
            self.matrix.setColumnCount(0)
            return
        found = self.doc.project.initiative(report.initiative)
        self.summary.setText(f"{found.name if found else report.initiative}: {report.from_phase.label} → {report.to_phase.label} · "
                             f"needs {report.required_fte:.2f} FTE, team covers {report.covered_fte:.2f}, "
                             f"gap {report.gap_fte:.2f} FTE · {len(report.added_roles)} roles added")
        window = report.capacity_window
        name = found.name if found else report.initiative
        alone = ("" if report.team else f"Nobody in the roster is on {name}'s team over this window (a team comes "
                 "from the roster's initiative column), so every role is a gap; “In pool” counts who could move in. ")
        self.window_note.setText(alone + (f"{window.words[:1].upper()}{window.words[1:]}: who works on it throughout, "
                                          "and the least free time each person has there, as the Plan screen counts "
                                          "them." if window else ""))
        self.readiness.set_bars([Bar(FAILURE_MODE_LABELS[m], v, text=f"{v:.0f} %") for m, v in report.readiness.items()])
        self.fte_chart.set_bars([Bar(s.name or s.skill, s.required_fte, s.team_fte + s.pool_fte,
                                     text=f"{s.required_fte:.1f} / {s.team_fte + s.pool_fte:.1f}")
                                 for s in report.skill_fte])
        self.roles_model.set_records(report.roles)
        fit_columns(self.roles, self.roles_model, widest=200)  # the failure modes stretch, elided, in full in the tooltip
        self._fill_matrix(report)
        gaps = [r for r in report.roles if r.gap_fte > 0]
        if gaps:
            self.show_candidates(gaps[0])

    def show_candidates(self, role) -> None:
        """Who could fill one role, marking those the active scenario pins or excludes."""
        catalogue = self.doc.project.catalogue or default_catalogue()
        self.candidates.setHtml(candidates_html(role, self.doc.marks(), name_of=catalogue.name_of))

    def _fill_matrix(self, report) -> None:
        roles = list(dict.fromkeys(c.role for c in report.matrix))
        skills = list(dict.fromkeys(c.skill for c in report.matrix))
        role_names = {r.role: r.name for r in report.roles}
        catalogue = self.doc.project.catalogue
        self.matrix.clear()
        self.matrix.setRowCount(len(roles))
        self.matrix.setColumnCount(len(skills))
        self.matrix.setVerticalHeaderLabels([role_names.get(r, r) for r in roles])
        names = [catalogue.name_of(s) if catalogue else s for s in skills]
        self.matrix.setHorizontalHeaderLabels(names)
        for column, name in enumerate(names):
            self.matrix.horizontalHeaderItem(column).setToolTip(name)
        for cell in report.matrix:
            item = QTableWidgetItem(f"{cell.gap_fte:.1f}" if cell.gap_fte > 0 else "✓")
            item.setBackground(QBrush(coverage_colour(cell.coverage)))
            item.setForeground(QBrush(QColor("#000000")))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setToolTip(f"{role_names.get(cell.role, cell.role)} needs {names[skills.index(cell.skill)]} at level "
                            f"{cell.need_level}: "
                            f"{cell.coverage:.0%} covered, gap {cell.gap_fte:.2f} FTE")
            self.matrix.setItem(roles.index(cell.role), skills.index(cell.skill), item)

