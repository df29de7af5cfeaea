"""Export screen: the approvers' Excel plan (with or without pay), JSON, and a one-page PDF summary."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from app.project import Project
from ui.services import Services


def summary_html(project: Project) -> str:
    """The one-page summary of the active scenario's plan, as HTML for QTextDocument."""
    e = html.escape
    sc = project.scenario()
    plan = sc.plan
    parts = [f"<h1>{e(project.name)} — staffing plan</h1><p>Scenario <b>{e(sc.name)}</b>"]
    if plan is None:
        return "".join(parts) + " has no plan.</p>"
    parts.append(f": {plan.status.value}; coverage {plan.coverage:.0%}; uncovered {plan.uncovered_fte:.2f} FTE; "
                 f"total cost {plan.total_cost:,.0f}; {plan.people_moved} people moved.</p>"
                 f"<p>{e(plan.message)}</p><h2>Assignments</h2><table border='1' cellspacing='0' cellpadding='3'>"
                 "<tr><th>Person</th><th>Initiative</th><th>Role</th><th>FTE</th><th>Reason</th></tr>")
    for a in plan.assignments:
        parts.append(f"<tr><td>{e(a.person_name or a.person_id)}</td><td>{e(a.initiative)}</td>"
                     f"<td>{e(a.role_name or a.role)}</td><td>{a.fte:.2f}</td><td>{e(a.reason)}</td></tr>")
    parts.append("</table>")
    if plan.hires:
        parts.append("<h2>Hires and contracts</h2><ul>" + "".join(
            f"<li>{e(h.kind)} {e(h.role_name or h.role)} for {e(h.initiative)}, {h.fte:.2f} FTE, "
            f"{h.cost:,.0f} — {e(h.reason)}</li>" for h in plan.hires) + "</ul>")
    if plan.uncovered:
        parts.append("<h2>Left uncovered</h2><ul>" + "".join(
            f"<li>{e(u.role_name or u.role)} ({e(u.initiative)}), {u.fte:.2f} FTE — {e(u.cause)}</li>"
            for u in plan.uncovered) + "</ul>")
    return "".join(parts)


def write_summary_pdf(project: Project, path: str | Path) -> Path:
    """Print the one-page summary to a PDF (QPdfWriter + QTextDocument; safe off the GUI thread)."""
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setTitle(f"{project.name} — staffing plan")
    writer.setCreator("Phasegate")
    doc = QTextDocument()
    doc.setDefaultStyleSheet("body { font-size: 8pt; } h1 { font-size: 14pt; } h2 { font-size: 11pt; }")
    doc.setHtml(summary_html(project))
    doc.setPageSize(QSizeF(writer.width(), writer.height()))
    doc.print_(writer)
    return path


def plan_report(project: Project):
    """The core's PlanReport of the active scenario's plan (input of every Excel/CSV export)."""
    from app.export import build_plan_report

    source = project.source
    return build_plan_report(plan=project.scenario().plan, people=project.roster.people,
                             initiatives=project.portfolio.initiatives, templates=project.templates,
                             catalogue=project.catalogue, title=f"{project.name} — {project.active_scenario}",
                             source_sha256=source.sha256 if source and source.sha256 else None)


class ExportScreen(QWidget):
    """Write the plan for HR, finance and the steering committee; every export runs in the background."""

    FORMATS = (
        ("excel", "Excel plan (with pay)", "Staffing plan workbook for HR and finance", "Excel (*.xlsx)"),
        ("excel_nopay", "Excel plan (no pay)", "The same workbook without salary or cost columns", "Excel (*.xlsx)"),
        ("json", "JSON plan", "The plan as JSON for other tools", "JSON (*.json)"),
        ("pdf", "One-page summary (PDF)", "A printable summary for the steering committee", "PDF (*.pdf)"),
    )

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.doc = services.doc
        self.worker = services.workers.get("export")
        box = QGroupBox("Export the active scenario's plan")
        grid = QGridLayout(box)
        self.buttons: dict[str, QPushButton] = {}
        for row, (key, label, tip, _filter) in enumerate(self.FORMATS):
            button = QPushButton(label + "…")
            button.setAccessibleName(label)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, k=key: self.export(k))
            self.buttons[key] = button
            grid.addWidget(button, row, 0)
            grid.addWidget(QLabel(tip), row, 1)
        self.status = QLabel()
        self.status.setAccessibleName("Export status")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.worker.finished.connect(lambda path: self._done(f"Written {path}"))
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(lambda: self._done("Export cancelled."))
        self.doc.plan_changed.connect(self.refresh)
        self.doc.project_replaced.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Enable exports only when there is a plan."""
        has_plan = self.doc.project.scenario().plan is not None
        for button in self.buttons.values():
            button.setEnabled(has_plan)
        if not has_plan:
            self.status.setText("Solve a scenario first (Plan screen, Ctrl+R); exports use its plan.")

    def export(self, kind: str, path: str | None = None) -> bool:
        """Ask for a file (unless given) and write it on the 'export' worker."""
        label, file_filter = next((f[1], f[3]) for f in self.FORMATS if f[0] == kind)
        if path is None:
            suffix = file_filter.split("*")[1].rstrip(")")
            path = self.services.interaction.choose_save_file(
                title=f"Export {label}", filters=file_filter, directory=f"{self.doc.display_name()}{suffix}")
        if not path:
            return False
        project = self.doc.project.model_copy(deep=True)

        def job(progress, _cancel):
            progress(0.1, f"Writing {label}…")
            if kind == "json":
                Path(path).write_text(project.scenario().plan.model_dump_json(indent=2), encoding="utf-8")
                return path
            if kind == "pdf":
                return str(write_summary_pdf(project, path))
            from app.export import write_plan_workbook

            return str(write_plan_workbook(plan_report(project), path, include_pay=kind == "excel"))

        started = self.worker.start(job)
        if started:
            self.status.setText(f"Writing {label}…")
        return started

    def _done(self, text: str) -> None:
        self.status.setText(text)
        self.services.status(text)

    def _on_failed(self, message: str, details: str) -> None:
        self._done(message)
        self.services.interaction.show_error(title="Export failed", message=message, details=details)
