"""The active scenario's pins and exclusions, and the approvers' other decisions it keeps (rejected or approved hires,
contracts and trainings): what each says, what the next solve does with it; unpin, include again or withdraw."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.planning.edits import Reference, references
from ui.commands import EditRejected
from ui.models.records import Field, RecordTableModel, fit_columns
from ui.scenario_commands import DropAbsent, include, unpin
from ui.services import Services
from ui.undo import push
from ui.widgets.decided_rows import Decided, decided_rows, withdraw

NOT_APPLIED = QColor("#ffe0b2")


def former_names(project) -> dict[str, str]:
    """Person id → name as the scenarios' plans wrote it: who a pin or exclusion names after they left the roster
    (the roster no longer has them; 'employee id E2348' said nothing to the reader)."""
    names: dict[str, str] = {}
    for sc in project.scenarios:
        if sc.plan is not None:
            for row in (*sc.plan.assignments, *sc.plan.trainings):
                if row.person_name:
                    names.setdefault(row.person_id, row.person_name)
    return names


def who(ref: Reference, former: dict[str, str]) -> str:
    """The person a pin or exclusion names: 'Will Novak (employee id E2348)' for someone no longer in the roster
    whose name a plan still holds, else the core's words."""
    name = former.get(ref.item.person_id) if ref.absent else None
    return f"{name} (employee id {ref.item.person_id})" if name else ref.who


def words(ref: Reference, former: dict[str, str]) -> str:
    """The core's sentence for a pin or exclusion, naming someone who left by the name a plan holds."""
    text = ref.words()
    return who(ref, former) + text[len(ref.who):] if text.startswith(ref.who) else text


def pin_words(pins, excluded: int) -> str:
    """'1 pinned by you, 2 approved by approvers, 1 excluded' ('0 pinned, 1 excluded' without pins)."""
    approved = sum(1 for p in pins if p.by_approver)
    lead = len(pins) - approved
    parts = ([f"{lead} pinned by you"] if lead or not approved else []) + (
        [f"{approved} approved by approver{'s' if approved != 1 else ''}"] if approved else [])
    return ", ".join([*parts, f"{excluded} excluded"])


def _fte(r) -> float | str:
    if isinstance(r, Decided):
        return "" if r.fte is None else r.fte
    return "" if r.kind != "pin" or r.item.fte is None else r.item.fte


def _next_solve(r) -> str:
    if isinstance(r, Decided):
        return r.next_solve
    return f"not applied: {r.not_applied}" if r.not_applied else "kept by the next solve"


def kind(r) -> str:
    """'Pinned by you' (the delivery lead's pin), 'Approved by approver' (a pin read from a workbook), 'Excluded', or
    the label of an approvers' other decision."""
    if isinstance(r, Decided):
        return r.label
    if r.kind != "pin":
        return "Excluded"
    return "Approved by approver" if r.item.by_approver else "Pinned by you"


def _comment(r) -> str:
    if isinstance(r, Decided):
        return r.comment
    return r.item.comment if r.kind == "pin" and r.item.by_approver else ""


FIELDS = [
    Field("Kind", kind,
          "Pinned by you: the solver must keep this assignment; the next workbook asks approvers for it (Proposed). "
          "Approved by approver: an approver approved it in a workbook; the solver keeps it and the next workbook "
          "shows it Approved. Excluded: the solver must not use the person there. Rejected or approved: the "
          "approvers' decision read from a workbook (File → Read approvers' decisions…)"),
    Field("Person", lambda r: r.who or "—"),  # the panel names people who left by their former name (see `who`)
    Field("Initiative", lambda r: r.initiative or "—"),
    Field("Role", lambda r: r.role or "—"),
    Field("FTE", _fte),
    Field("Next solve", _next_solve, "What the next solve does with it; a pin or exclusion that cannot apply stays "
          "here for later"),
    Field("Approvers' comment", _comment),
]


class PinsPanel(QWidget):
    """Pins and exclusions of the active scenario, with Unpin / Include again and Drop for people who left."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.doc = services.doc
        self.former: dict[str, str] = {}
        fields = [Field("Person", lambda r: r.who or "—" if isinstance(r, Decided) else who(r, self.former))
                  if f.header == "Person" else f for f in FIELDS]
        self.model = RecordTableModel(fields, self, tint=lambda r: NOT_APPLIED if r.not_applied else None)
        self.view = QTableView()
        self.view.setAccessibleName("Pins and exclusions")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setWordWrap(False)
        self.remove_button = QPushButton("Unpin / include / withdraw")
        self.remove_button.setAccessibleName("Unpin, include again or withdraw")
        self.remove_button.setToolTip("Remove the selected pin, exclusion or approvers' decision (undoable); the "
                                      "next solve is free of it again")
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.drop_button = QPushButton("Drop those of people no longer in the roster")
        self.drop_button.setAccessibleName("Drop pins and exclusions of people no longer in the roster")
        self.drop_button.clicked.connect(lambda: self.drop_absent())
        self.summary = QLabel()
        self.summary.setAccessibleName("Pins and exclusions summary")
        self.summary.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addWidget(self.drop_button)
        row.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.refresh()

    def refresh(self) -> None:
        """Reload the active scenario's pins and exclusions."""
        self.former = former_names(self.doc.project)
        rows = references(self.doc.project)
        decided = decided_rows(self.doc.project)
        self.model.set_records([*rows, *decided])
        fit_columns(self.view, self.model)
        pins = sum(1 for r in rows if r.kind == "pin")
        absent = sum(1 for r in rows if r.absent)
        idle = sum(1 for r in rows if r.not_applied)
        said = pin_words([r.item for r in rows if r.kind == "pin"], len(rows) - pins) if rows else ""
        if decided:
            approved = sum(1 for d in decided if d.field == "approvals")
            no = len(decided) - approved
            said += (" · " if said else "") + "approvers' " + " and ".join(w for w in (
                f"{no} rejection{'s' if no != 1 else ''}" if no else "",
                f"{approved} approval{'s' if approved != 1 else ''}" if approved else "") if w)
        text = (f"{said} in scenario “{self.doc.project.active_scenario}”"
                if said else "No pins or exclusions. Pin an assignment (Plan tables) to keep it in every re-solve; "
                             "exclude a person to keep them out.")
        if idle:
            text += f" · {idle} not applied" + (f" ({absent} of people no longer in the roster)" if absent else "")
        self.summary.setText(text)
        self.drop_button.setVisible(absent > 0)
        self.remove_button.setEnabled(bool(rows or decided))

    def selected(self) -> Reference | None:
        """The selected pin or exclusion."""
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(Qt.ItemDataRole.UserRole) if rows else None

    def remove_selected(self, row: int | None = None) -> bool:
        """Unpin or include again the selected (or given) row (undoable)."""
        ref = self.model.records[row] if row is not None and 0 <= row < len(self.model.records) else self.selected()
        if ref is None:
            self.services.status("Select a pin or exclusion to remove")
            return False
        if isinstance(ref, Decided):
            return self.services.edit(lambda: withdraw(self.doc, ref), title="Cannot withdraw it",
                                      then=" — press Solve to re-plan")
        item = ref.item
        return self.services.edit(
            lambda: unpin(self.doc, person_id=item.person_id, initiative=item.initiative, role=item.role,
                          role_name=ref.role) if ref.kind == "pin" else
            include(self.doc, person_id=item.person_id, initiative=item.initiative),
            title="Cannot remove it", then=" — press Solve to re-plan")

    def drop_absent(self) -> bool:
        """Drop, in every scenario, the pins and exclusions of people no longer in the roster (undoable)."""
        try:
            command = DropAbsent(self.doc)
        except EditRejected as exc:
            self.services.status(str(exc))
            return False
        push(self.doc.undo_stack, command)
        self.services.status(command.text)
        return True
