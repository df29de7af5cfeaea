"""Read approvers' decisions back from an exported workbook: what each does, every problem, Apply as one undo step.

The workbook is read on the 'decisions' worker against a snapshot of the project (`app.export.scenario_decisions`,
what `phasegate plan … --decisions` uses); the dialog lists what was read in words and applies it to the scenario's
pins, exclusions, hiring limits and rejected trainings. A workbook that could not be read completely is applied only
when the user ticks the marked choice (the window's `--accept-partial`).
"""
from __future__ import annotations

import contextlib
import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.export.scenario_decisions import ScenarioDecisions
from app.planning.words.numbers import count as words_count
from ui.commands import EditRejected
from ui.scenario_commands import SetScenarioFields
from ui.services import Services
from ui.snapshot import project_snapshot
from ui.template_cache import template_set
from ui.undo import push

PROBLEM = QColor("#ffe0b2")
ERROR_STYLE = "color: #b71c1c; font-weight: bold"
#: The choice to go on with a workbook read in part is marked, like the import wizard's questions.
MARKED_STYLE = "QCheckBox { background: #fff3e0; border: 1px solid #e65100; padding: 4px; font-weight: bold }"


def what_applies(d: ScenarioDecisions) -> str:
    """The core's '1 pin, 1 rejected training' with the approved hires, contracts and trainings the scenario keeps
    too ('…, 1 approved hire, contract or training'): Apply adds them, so its undo text names them."""
    words, approved = d.short_words(), len(d.result.approvals)
    if not approved:
        return words
    said = f"{approved} approved hire, contract or training" if approved == 1 else (
        f"{approved} approved hires, contracts or trainings")
    return said if words == "no decision" else f"{words}, {said}"


class DecisionsDialog(QDialog):
    """What an approvers' workbook says for the active scenario, its problems, and Apply (one undoable edit)."""

    def __init__(self, services: Services, path: str | Path, *, include_pay: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.doc = services, services.doc
        self.path = Path(path)
        self.include_pay = include_pay
        self.scenario = self.doc.project.active_scenario
        self.worker = services.workers.get("decisions")
        self.decisions: ScenarioDecisions | None = None
        self.setWindowTitle(f"Approvers' decisions — {self.path.name}")
        self.setAccessibleName("Approvers' decisions")
        self.resize(900, 560)
        self.headline = QLabel()
        self.headline.setAccessibleName("What was read")
        self.headline.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress of reading the workbook")
        self.progress.setRange(0, 1000)
        self.error = QLabel()
        self.error.setAccessibleName("Why the workbook cannot be read")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.list = QListWidget()
        self.list.setAccessibleName("Decisions and problems")
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setSpacing(1)
        self.partial = QCheckBox()
        self.partial.setAccessibleName("Apply what could be read")
        self.partial.setToolTip("Apply the decisions that could be read as the approvers meant them; the rows with "
                                "a problem are left as they were (the re-plan may propose them again)")
        self.partial.setStyleSheet(MARKED_STYLE)
        self.partial.toggled.connect(lambda _on: self._update_apply())
        self.partial.hide()
        self.buttons = QDialogButtonBox()
        self.apply_button = QPushButton("Apply")
        self.apply_button.setAccessibleName("Apply the decisions")
        self.apply_button.setToolTip("Add these decisions to the scenario as one edit (Ctrl+Z removes all of it); "
                                     "the next Solve respects them")
        self.apply_button.setEnabled(False)
        self.close_button = QPushButton("Cancel")
        self.close_button.setAccessibleName("Cancel or close")
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_button.clicked.connect(lambda: self.apply())
        self.close_button.clicked.connect(lambda: self._close_or_cancel())
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.partial)
        layout.addWidget(self.buttons)
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_read)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        self.doc.project_replaced.connect(self.reject)  # the decisions were read for the project that went

    # -- reading -------------------------------------------------------------------------------------------------
    def start(self) -> bool:
        """Read the workbook on the 'decisions' worker; False (said in the dialog) when another read is running."""
        snapshot = project_snapshot(self.doc.project)
        scenario = snapshot.scenario(self.scenario)
        path = self.path

        def job(progress, cancel) -> ScenarioDecisions:
            from app.export.scenario_decisions import read_for_scenario

            progress(0.05, f"Reading approvers' decisions from {path.name}…")
            return read_for_scenario(path, project=snapshot, scenario=scenario, templates=template_set(snapshot),
                                     cancel=cancel)

        self.headline.setText(f"Reading {self.path.name} for scenario “{self.scenario}”…")
        self.close_button.setText("Cancel")
        if not self.worker.start(job):
            self._show_error("Another workbook is still being read; wait for it or cancel it (Esc).")
            return False
        return True

    def _on_progress(self, fraction: float, _message: str) -> None:
        self.progress.setValue(int(fraction * 1000))

    def _on_read(self, decisions: object) -> None:
        if not isinstance(decisions, ScenarioDecisions):
            return
        self.decisions = decisions
        self.progress.hide()
        self.close_button.setText("Close")
        result = decisions.result
        count = decisions.problem_count
        state = ("every decision can be applied as the approvers meant it" if decisions.complete else
                 f"{count} problem{'s' if count != 1 else ''} (listed below): the workbook could not be read "
                 "completely")
        self.headline.setText(f"<b>{html.escape(self.path.name)}</b>, read for scenario “{html.escape(self.scenario)}”: "
                              f"{state}. Apply adds the decisions to the scenario as one edit (Ctrl+Z removes it); "
                              "the plan is then out of date and the next Solve respects them.")
        self.list.clear()
        self._section("What the approvers decided", result.kind_lines() or ["No decision: every row is still "
                                                                            "Proposed"])
        if result.changes or result.notes:
            self._section("Row by row", [*result.notes, *result.change_lines()])
        if count:
            self._section(f"Problems ({count})", decisions.problem_lines(include_pay=self.include_pay), problem=True)
            self.partial.setText(f"Apply what could be read ({count} problem{'s' if count != 1 else ''} above)")
            self.partial.show()
        self._update_apply()
        self.services.status(f"Read {self.path.name}: {what_applies(decisions)}"
                             + (f", {words_count(count, 'problem')}" if count else ""))

    def _on_failed(self, message: str, _details: str) -> None:
        self._show_error(message)

    def _on_cancelled(self) -> None:
        self._show_error("Reading the workbook was cancelled.")

    def _show_error(self, message: str) -> None:
        self.progress.hide()
        self.headline.setText(f"{self.path.name} cannot be read for scenario “{self.scenario}”.")
        self.error.setText(message)
        self.error.show()
        self.close_button.setText("Close")
        self._update_apply()

    def _section(self, title: str, lines: list[str], *, problem: bool = False) -> None:
        if self.list.count():
            gap = QListWidgetItem("")
            gap.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(gap)
        head = QListWidgetItem(title)
        font = QFont(head.font())
        font.setBold(True)
        head.setFont(font)
        self.list.addItem(head)
        for line in lines:
            item = QListWidgetItem(line)
            if problem:
                item.setBackground(QBrush(PROBLEM))
            self.list.addItem(item)

    # -- what the user sees --------------------------------------------------------------------------------------
    def lines(self) -> list[str]:
        """Every line of the list as shown (section titles included)."""
        return [self.list.item(i).text() for i in range(self.list.count()) if self.list.item(i).text()]

    def _update_apply(self) -> None:
        d = self.decisions
        self.apply_button.setEnabled(d is not None and (d.complete or self.partial.isChecked()))

    def _close_or_cancel(self) -> None:
        if self.decisions is None and self.worker.is_running():
            self.worker.cancel()
            return
        self.reject()

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        """Closing stops a read under way and stops listening to the worker (the next dialog has it)."""
        if self.decisions is None and self.worker.is_running():
            self.worker.cancel()
        for signal, slot in ((self.worker.progress, self._on_progress), (self.worker.finished, self._on_read),
                             (self.worker.failed, self._on_failed), (self.worker.cancelled, self._on_cancelled),
                             (self.doc.project_replaced, self.reject)):
            with contextlib.suppress(RuntimeError, TypeError):  # already disconnected (done() twice)
                signal.disconnect(slot)
        super().done(result)

    # -- applying ------------------------------------------------------------------------------------------------
    def apply(self) -> bool:
        """Add the decisions to the scenario they were read for, as one undoable edit; True when applied."""
        d = self.decisions
        if d is None or not (d.complete or self.partial.isChecked()):
            return False
        try:
            command = self._command(d)
        except EditRejected as exc:
            self._show_error(str(exc))
            return False
        push(self.doc.undo_stack, command)
        self.services.status(f"{command.text} — press Solve to re-plan")
        self.accept()
        return True

    def _command(self, d: ScenarioDecisions) -> SetScenarioFields:
        if not any(s.name == self.scenario for s in self.doc.project.scenarios):
            raise EditRejected(f"scenario “{self.scenario}” is gone (deleted or renamed); read the workbook again")
        lists = d.scenario_lists(self.doc.project.scenario(self.scenario))
        partial = "" if d.complete else f", {words_count(d.problem_count, 'problem')} left out"
        return SetScenarioFields(self.doc, scenario=self.scenario, after=lists,
                                 text=f"Apply approvers' decisions from {self.path.name} ({what_applies(d)}{partial})")
