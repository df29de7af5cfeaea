"""Export screen: the approvers' Excel plan, CSV tables, JSON and a one-page PDF summary, each with or without pay;
and the way back, the approvers' decisions read from their workbook."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.planning.words import Words
from app.project import Project
from ui.services import Services
from ui.snapshot import project_snapshot
from ui.widgets.decisions_dialog import DecisionsDialog


def plan_report(project: Project):
    """The core's PlanReport of the active scenario's plan (input of every export), with readiness and gaps."""
    from app.planning.report import plan_report as core_plan_report
    from ui.template_cache import template_set

    return core_plan_report(project, scenario=project.active_scenario, templates=template_set(project),
                            include_gaps=True)


class ExportScreen(QWidget):
    """Write the plan for HR, finance and the steering committee; every export runs in the background."""

    #: kind, button label, what it is, file filter ("" = a folder)
    FORMATS = (
        ("excel", "Excel plan", "Staffing plan workbook for HR and finance, with decision columns", "Excel (*.xlsx)"),
        ("csv", "CSV tables", "One CSV file per table, written into a folder you choose", ""),
        ("json", "JSON plan", "The documented plan JSON for other tools", "JSON (*.json)"),
        ("pdf", "One-page summary (PDF)", "Key figures, readiness before/after and top uncovered items",
         "PDF (*.pdf)"),
    )

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.doc = services.doc
        self.worker = services.workers.get("export")
        box = QGroupBox("Export the active scenario's plan")
        grid = QGridLayout(box)
        self.without_pay = QCheckBox("Leave out pay (salaries, costs, budgets) — applies to every format")
        self.without_pay.setAccessibleName("Leave out pay")
        self.without_pay.setToolTip("For readers who must not see salaries or costs")
        grid.addWidget(self.without_pay, 0, 0, 1, 2)
        self.buttons: dict[str, QPushButton] = {}
        for row, (key, label, tip, _filter) in enumerate(self.FORMATS, start=1):
            button = QPushButton(label + "…")
            button.setAccessibleName(label)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, k=key: self.export(k))
            self.buttons[key] = button
            grid.addWidget(button, row, 0)
            grid.addWidget(QLabel(tip), row, 1)
        self.read_button = QPushButton("Read approvers' decisions…")
        self.read_button.setAccessibleName("Read approvers' decisions")
        self.read_button.setToolTip("Open a workbook approvers marked Approved or Rejected and apply their decisions "
                                    "to the active scenario (File menu too)")
        self.read_button.clicked.connect(lambda: self.read_decisions())
        back = QGroupBox("After approval")
        back_row = QHBoxLayout(back)
        back_row.addWidget(self.read_button)
        self.after_words = QLabel("Approved assignments become pins, approved hires, contracts and trainings are "
                                  "kept while the plan needs them; rejected people, hires, contracts and trainings "
                                  "stay out of the re-plan; every row that cannot be read as meant is listed")
        self.after_words.setWordWrap(True)
        back_row.addWidget(self.after_words, 1)
        self.decisions_dialog: DecisionsDialog | None = None
        self.status = QLabel()
        self.status.setAccessibleName("Export status")
        self.status.setWordWrap(True)
        self.written: str | None = None  # the last file (or folder) written
        self.open_button = QPushButton("Open")
        self.open_button.setAccessibleName("Open the exported file")
        self.open_button.setToolTip("Open the file just written in its program (the spreadsheet, the PDF viewer)")
        self.open_button.clicked.connect(lambda: self.open_written())
        self.folder_button = QPushButton("Show in folder")
        self.folder_button.setAccessibleName("Show the exported file in its folder")
        self.folder_button.clicked.connect(lambda: self.show_folder())
        done = QHBoxLayout()
        done.addWidget(self.open_button)
        done.addWidget(self.folder_button)
        done.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(back)
        layout.addWidget(self.status)
        layout.addLayout(done)
        layout.addStretch(1)
        self._show_written(None)
        self.worker.finished.connect(self._on_written)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(lambda: self._done("Export cancelled."))
        self.doc.plan_changed.connect(self.refresh)
        self.doc.project_replaced.connect(self.refresh)
        self.doc.project_replaced.connect(lambda: self._show_written(None))  # the last export was another project's
        self.doc.on_inputs_changed(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Enable exports only when there is a plan."""
        has_plan = self.doc.project.scenario().plan is not None
        for button in self.buttons.values():
            button.setEnabled(has_plan)
        if not has_plan:
            self.status.setText("Solve a scenario first (Plan screen, Ctrl+R); exports use its plan.")
        else:
            scenario = self.doc.project.scenario()
            stale = (" It is out of date (the roster, initiatives or scenario changed since it was solved): solve "
                     "it again first to export what holds now." if self.doc.is_stale() else "")
            status = Words().status(scenario.plan)
            broken = self._decisions_broken()
            said = f"{len(broken)} approvers' {'decision' if len(broken) == 1 else 'decisions'}"
            kept = (f" It breaks {said} ({broken[0]}{' …' if len(broken) > 1 else ''}); "
                    "the Plan screen lists them." if broken else "")
            self.status.setText(f"Exports use the plan of scenario “{scenario.name}”: {status}.{stale}{kept}")

    def _decisions_broken(self) -> list[str]:
        """The approvers' rejections the active scenario's up-to-date plan does not keep, in words."""
        sc = self.doc.project.scenario()
        if sc.plan is None or not (sc.sourcing_limits or sc.rejected_trainings) or self.doc.is_stale():
            return []
        # imported here, not on opening: only a scenario holding approvers' decisions gets this far
        from app.planning.decisions import unhonoured

        return unhonoured(sc.plan, limits=sc.sourcing_limits, trainings=sc.rejected_trainings,
                          initiative_names=self.doc.project.portfolio.names())

    def read_decisions(self, path: str | None = None) -> DecisionsDialog | None:
        """Ask for an approvers' workbook (unless given; the dialog starts in the last folder used), read it on a
        worker and show what it says in a dialog whose Apply is one undoable edit; None when no file was chosen."""
        path = path or self.services.interaction.choose_open_file(title="Read approvers' decisions",
                                                                  filters="Excel workbook (*.xlsx)")
        if not path:
            return None
        if self.decisions_dialog is not None:
            self.decisions_dialog.reject()
            self.decisions_dialog.deleteLater()
        dialog = DecisionsDialog(self.services, path, include_pay=not self.without_pay.isChecked(),
                                 parent=self.window())
        self.decisions_dialog = dialog
        dialog.open()
        dialog.start()
        return dialog

    def _ask_target(self, kind: str, label: str, file_filter: str) -> str | None:
        if not file_filter:
            return self.services.interaction.choose_directory(title=f"Export {label} into a folder")
        suffix = file_filter.split("*")[1].rstrip(")")
        # the scenario in the name: exporting two scenarios' plans must not offer to overwrite the first
        return self.services.interaction.choose_save_file(
            title=f"Export {label}", filters=file_filter,
            directory=f"{self.doc.display_name()} - {self.doc.project.active_scenario}{suffix}")

    def export(self, kind: str, path: str | None = None, *, include_pay: bool | None = None) -> bool:
        """Ask for a file or folder (unless given) and write it on the 'export' worker; False when not started."""
        if kind == "excel_nopay":  # the first pass's name for the pay-free workbook
            kind, include_pay = "excel", False
        if self.doc.project.scenario().plan is None:
            self.services.status("Solve a scenario first; exports use its plan")
            return False
        include_pay = (not self.without_pay.isChecked()) if include_pay is None else include_pay
        label, file_filter = next((f[1], f[3]) for f in self.FORMATS if f[0] == kind)
        path = path or self._ask_target(kind, label, file_filter)
        if not path:
            return False
        project = project_snapshot(self.doc.project)
        pay = "" if include_pay else " without pay"
        # what was written is said with the scenario and whether pay is in it: the reader checks before sending
        what = f" (scenario “{project.active_scenario}”{', pay left out' if not include_pay else ''})"

        def job(progress, _cancel):
            progress(0.1, f"Preparing the {label}{pay}…")
            report = plan_report(project)
            progress(0.4, f"Writing the {label}{pay}…")
            if kind == "json":
                from app.export import write_plan_json

                written = write_plan_json(report, path, include_pay=include_pay)
                return str(written), f"Written {written}{what}"
            if kind == "csv":
                from app.export import write_plan_csv

                files = write_plan_csv(report, path, include_pay=include_pay)
                return str(path), f"Written {len(files)} CSV files into {path}{what}"
            if kind == "pdf":
                from ui.pdf_summary import write_summary_pdf

                written = write_summary_pdf(report, path, scenario=project.active_scenario, include_pay=include_pay)
                return str(written), f"Written {written}{what}"
            from app.export import write_plan_workbook

            written = write_plan_workbook(report, path, include_pay=include_pay)
            return str(written), f"Written {written}{what}"

        started = self.worker.start(job)
        if started:
            self.status.setText(f"Writing the {label}{pay}…")
        return started

    def _on_written(self, result: object) -> None:
        path, text = result
        self._show_written(path)
        self._done(text)

    def _show_written(self, path: str | None) -> None:
        self.written = path
        self.open_button.setVisible(path is not None)
        self.folder_button.setVisible(path is not None)

    def open_written(self) -> None:
        """Open the last exported file (or folder of CSV files) in the desktop's program for it."""
        if self.written:
            self.services.interaction.open_location(self.written)

    def show_folder(self) -> None:
        """Open the folder holding the last export."""
        if self.written:
            path = Path(self.written)
            self.services.interaction.open_location(str(path if path.is_dir() else path.parent))

    def _done(self, text: str) -> None:
        self.status.setText(text)
        self.services.status(text)

    def _on_failed(self, message: str, details: str) -> None:
        self._done(message)
        self.services.interaction.show_error(title="Export failed", message=message, details=details)
