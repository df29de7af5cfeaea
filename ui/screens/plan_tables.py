"""The Plan screen's four tables (assignments, trainings, hires and contracts, uncovered), in business words.

Cells name people, skills, roles and initiatives (never ids), show money in one format and mark who is pinned or
excluded, and which hires, contracts and trainings approvers approved, in the active scenario with words and a tint
(no emoji: without an emoji font it is a missing-glyph box).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from app.domain import Pin, Plan
from app.planning.words import Words
from app.planning.words.numbers import day as day_text
from app.project import Project
from ui.models.plan_rows import PINNED, AssignmentTableModel
from ui.models.records import Field, RecordTableModel, attr, fit_columns
from ui.screens.plan_empty import empty_notes

UNCOVERED = QColor("#ffcdd2")
WORDS = Words()  # the window shows pay; every sentence about a plan comes from the core's words


@dataclass
class Names:
    """What the tables look names up in, refreshed with the project: initiatives, skills, pins, exclusions."""

    initiatives: dict[str, str] = field(default_factory=dict)
    skill: object = str
    pinned: dict[tuple[str, str, str], Pin] = field(default_factory=dict)
    excluded: dict[str, set[str | None]] = field(default_factory=dict)
    undated: set[str] = field(default_factory=set)  # initiatives without a go-live
    approved: set[tuple[str, ...]] = field(default_factory=set)  # (kind, initiative, role) or (person, skill)
    limits: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (initiative, role) → approvers' words

    def update(self, project: Project) -> None:
        """Read the names and the active scenario's pins and exclusions."""
        sc = project.scenario()
        self.initiatives = project.portfolio.names()
        self.undated = {i.id for i in project.portfolio.initiatives if i.go_live is None}
        self.skill = project.catalogue.name_of if project.catalogue else str
        self.pinned = {(p.person_id, p.initiative, p.role): p for p in sc.pins}
        self.excluded = {}
        for e in sc.exclusions:
            self.excluded.setdefault(e.person_id, set()).add(e.initiative)
        self.approved = {(a.person_id or "", a.skill or "") if a.subject == "training" else
                         (a.subject, a.initiative, a.role) for a in sc.approvals}
        self.limits = {}
        for lim in sc.sourcing_limits:  # a contract row where hiring was rejected said nothing of it
            route = "hiring" if lim.kind == "hire" else "contracting"
            self.limits.setdefault((lim.initiative, lim.role), []).append(
                f"{route} rejected" if lim.rejected else f"{route} limited to {lim.max_fte:g} FTE")

    def initiative(self, initiative_id: str) -> str:
        """An initiative's name."""
        return self.initiatives.get(initiative_id, initiative_id)

    def by(self, day, initiative: str):
        """A latest date, or why there is none: a blank 'Start by' read as 'no hurry' where no go-live is set. Where
        none is set the plan counts back from the end of the planning horizon (app.planning.prepared.due): the date
        says it is assumed, as the CLI and the workbook say."""
        if initiative not in self.undated:
            return day
        return "no go-live set" if day is None else f"{day_text(day)} (assumed: no go-live set)"

    def mark(self, person_id: str, initiative: str, role: str = "") -> str:
        """'pinned by you' (the delivery lead's pin), 'approved by approver' (with the approver's comment, if any),
        'excluded' (from this initiative or every one) or ''."""
        pin = self.pinned.get((person_id, initiative, role))
        if pin is not None:
            if not pin.by_approver:
                return "pinned by you"
            return f"approved by approver ({pin.comment})" if pin.comment else "approved by approver"
        where = self.excluded.get(person_id, set())
        return "excluded" if None in where or initiative in where else ""

    def is_approved(self, row) -> bool:
        """True when approvers approved this hire, contract (same initiative, role and kind) or training (same person
        and skill) in an earlier round: the scenario keeps it while the plan needs it."""
        if hasattr(row, "kind"):
            return (row.kind, row.initiative, row.role) in self.approved
        return (row.person_id, row.skill) in self.approved

    def approvers(self, h) -> str:
        """What approvers decided on a hire or contract row's role: 'approved', 'hiring rejected', 'contracting
        limited to 0.5 FTE', or ''."""
        return "; ".join((["approved"] if self.is_approved(h) else []) + self.limits.get((h.initiative, h.role), []))

    def training_mark(self, t) -> str:
        """'approved', 'pinned', 'excluded', both ('approved, pinned') or ''."""
        return ", ".join(w for w in ("approved" if self.is_approved(t) else "",
                                     self.mark(t.person_id, t.initiative, t.role)) if w)

    def is_pinned(self, a) -> bool:
        """True when the active scenario pins this assignment."""
        return (a.person_id, a.initiative, a.role) in self.pinned


def table(model: RecordTableModel, name: str) -> QTableView:
    """A read-only, row-selecting view of a record model; long texts are elided (full text in the tooltip)."""
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSortingEnabled(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class PlanTables:
    """The models and views of the plan's tables, filled from a plan with `show(plan)`."""

    def __init__(self, parent, *, on_fte_edited) -> None:
        self.names = n = Names()
        self.assignments = AssignmentTableModel([
            attr("Person", "person_name"), Field("Initiative", lambda a: n.initiative(a.initiative)),
            attr("Role", "role_name"), attr("FTE", "fte", "Double-click to change; the plan is checked at once"),
            Field("Moved", lambda a: "moves in" if a.moved else "", "Moves in: not on this initiative's team yet"),
            Field("Pin / exclusion", lambda a: n.mark(a.person_id, a.initiative, a.role),
                  "Pinned by you: kept in every re-solve; the next workbook asks approvers for it (Proposed). "
                  "Approved by approver: approved in a workbook, kept in every re-solve. Excluded: this scenario "
                  "keeps the person out (re-solve)"),
            Field("Reason", WORDS.assignment)], parent, fte_column=3, on_edit=on_fte_edited, pinned=n.is_pinned)
        self.trainings = RecordTableModel([
            attr("Person", "person_name"), Field("Skill", lambda t: t.skill_name or n.skill(t.skill)),
            Field("Levels", lambda t: f"{t.from_level} → {t.to_level}", "Canonical level now → after the training"),
            Field("Weeks", lambda t: int(t.weeks) if float(t.weeks).is_integer() else t.weeks),
            Field("Cost", lambda t: WORDS.money(t.cost)),
            Field("Start by", lambda t: n.by(t.latest_start, t.initiative), "Latest start to finish before the "
                  "go-live (none while the initiative has no go-live: set one on the Initiatives screen)"),
            Field("Pin / exclusion", n.training_mark, "Approved: approvers approved this training in an earlier "
                  "round; the scenario keeps it while the plan needs it. Pinned by you / approved by approver: it serves "
                  "a pinned assignment"),
            Field("Reason", WORDS.training)], parent, tint=lambda t: PINNED if n.is_approved(t) else None)
        self.hires = RecordTableModel([
            Field("Initiative", lambda h: n.initiative(h.initiative)), attr("Role", "role_name"),
            Field("Kind", lambda h: "Hire" if h.kind == "hire" else "Contractor"),
            Field("People", lambda h: h.heads, "People to recruit or engage"), attr("FTE", "fte"),
            Field("Cost", lambda h: WORDS.money(h.cost)), Field("Lead time", lambda h: f"{h.lead_time_weeks} weeks"),
            Field("Open requisition by", lambda h: n.by(h.latest_requisition, h.initiative),
                  "Latest day to open the requisition for the person to arrive by the go-live (none while the "
                  "initiative has no go-live)"),
            Field("Approvers", n.approvers, "Approved: approvers approved this hire or contract in an earlier "
                  "round; the scenario keeps it while the plan needs it. Hiring or contracting rejected (or limited): "
                  "why the plan takes this route"),
            Field("Reason", WORDS.hire)], parent, tint=lambda h: PINNED if n.is_approved(h) else None)
        self.uncovered = RecordTableModel([
            Field("Initiative", lambda u: n.initiative(u.initiative)), attr("Role", "role_name"),
            attr("FTE", "fte"), Field("Cause", WORDS.uncovered)], parent, tint=lambda _u: UNCOVERED)
        self.assignment_view = table(self.assignments, "Assignments")
        self.assignment_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.views = {"Assignments": (self.assignments, self.assignment_view),
                      "Trainings": (self.trainings, table(self.trainings, "Trainings")),
                      "Hires and contracts": (self.hires, table(self.hires, "Hires and contracts")),
                      "Uncovered": (self.uncovered, table(self.uncovered, "Uncovered"))}
        #: tab label → the sentence over its table saying why it is empty (hidden while it has rows)
        self.notes: dict[str, QLabel] = {}
        #: tab label → the tab's page: the note over the table
        self.pages: dict[str, QWidget] = {}
        for label, (_model, view) in self.views.items():
            note = QLabel()
            note.setAccessibleName(f"{label}: why empty")
            note.setWordWrap(True)
            note.setContentsMargins(6, 6, 6, 6)
            page = QWidget()
            layout = QVBoxLayout(page)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(note)
            layout.addWidget(view, 1)
            self.notes[label], self.pages[label] = note, page

    def show(self, project: Project, plan: Plan | None) -> None:
        """Fill every table from the plan (empty without one), sized to their contents."""
        self.names.update(project)
        self.assignments.set_records(plan.assignments if plan else [])
        self.trainings.set_records(plan.trainings if plan else [])
        self.hires.set_records(plan.hires if plan else [])
        self.uncovered.set_records(plan.uncovered if plan else [])
        for model, view in self.views.values():
            fit_columns(view, model)
        notes = empty_notes(project, plan)
        for label, (model, _view) in self.views.items():
            self.notes[label].setText(notes[label])
            self.notes[label].setVisible(not model.records)
