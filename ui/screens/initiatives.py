"""Initiatives screen: add, rename, edit and delete initiatives (undoable); each one's current team; the shared pool."""
from __future__ import annotations

from collections.abc import Generator
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import Initiative
from app.planning.words.numbers import day as day_text
from ui.commands import EditRejected
from ui.initiative_commands import DeleteInitiative, SetInitiative, new_initiative
from ui.models.later import roster_slices, sliced
from ui.models.pool import OVER_HEX, SHADE_HEX, PoolModel
from ui.services import Services
from ui.undo import push
from ui.widgets.buttons import button
from ui.widgets.initiative_form import InitiativeForm
from ui.widgets.legend import pool_legend
from ui.widgets.rotated_header import use_rotated_header
from ui.widgets.tables import uniform_rows

REVIEW = QColor("#fff3e0")
#: Shown above the form while the selected initiative still has the defaults it was made with.
REVIEW_NOTE = ("Made from the roster's initiative column with default phases (Pilot → Production), no go-live, no "
               "budget and the default policy. Check them and press Apply.")

EMPTY = "No initiatives yet. Import a roster with an initiative (project) column, or press “Add initiative…”."
#: After a roster without an initiative column: what to do now, not "import a roster" again.
EMPTY_WITH_PEOPLE = ("No initiatives yet: the roster has no initiative (project) column, so nobody is on a team. Press "
                     "“Add initiative…” for each initiative to staff, then set its phases and go-live here.")
#: Tallest an initiative's name is written up the pool's header before it elides (its tooltip has it in full).
POOL_LABEL = 240
POOL_BLANK = ("Every cell is blank: nobody in the roster is committed to an initiative (the roster has no initiative "
              "(project) column, or no share of time on one). This table shows the roster's commitments; the plan's "
              "placements are on the Plan screen, and on the Timeline with “Show the plan”.")
TEAM_EMPTY = ("Nobody in the roster works on {name} today: a team comes from the roster's initiative (project) "
              "column. The Gaps screen counts each of its roles as a gap; the Plan screen says who could move in.")


class InitiativesScreen(QWidget):
    """The portfolio: add, rename, delete; phases, go-live, budget, priority and policy; teams; who works where."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.doc = services.doc
        self.list = QListWidget()
        self.list.setAccessibleName("Initiatives")
        self.list.setMaximumWidth(300)
        self.list.currentRowChanged.connect(self._on_selected)
        self.add_button = button("Add initiative…", "Add an initiative to the portfolio (undoable)",
                                       self.add_initiative)
        self.delete_button = button("Delete initiative", "Delete the selected initiative, with its pins and "
                                          "scenario settings (undoable)", self.delete_selected)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        left.addLayout(buttons)

        self.form = InitiativeForm()
        self.review_note = QLabel(REVIEW_NOTE)
        self.review_note.setAccessibleName("Review note")
        self.review_note.setWordWrap(True)
        self.review_note.setStyleSheet("background:#fff3e0; padding:4px;")
        self.empty_note = QLabel(EMPTY)
        self.empty_note.setAccessibleName("No initiatives")
        self.empty_note.setWordWrap(True)
        self.apply_button = button("Apply", "Apply the changes to this initiative (undoable)", self.apply)
        self.apply_button.setAccessibleName("Apply initiative changes")
        box = QGroupBox("Initiative")
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.empty_note)
        box_layout.addWidget(self.review_note)
        box_layout.addWidget(self.form)
        box_layout.addWidget(self.apply_button)
        box_layout.addStretch(1)
        self.box = box

        self.team = QListWidget()
        self.team.setAccessibleName("Current team")
        self.team_box = QGroupBox("Current team")
        self.team_note = QLabel()
        self.team_note.setAccessibleName("Current team note")
        self.team_note.setWordWrap(True)
        self.team_note.hide()
        team_layout = QVBoxLayout(self.team_box)
        team_layout.addWidget(self.team_note)
        team_layout.addWidget(self.team, 1)

        self.pool_model = PoolModel(self.doc, self)
        self.pool = QTableView()
        self.pool.setAccessibleName("People pool by initiative")
        self.pool.setToolTip("Committed FTE per person and initiative; red = more promised than contracted")
        self.pool.setModel(self.pool_model)
        uniform_rows(self.pool, height=22)
        # initiative names read upwards in full up to POOL_LABEL px (cut at 140 before: "Customer Support As…"); longer
        # ones elide, and every name is in its column's tooltip, every person's in their row's
        use_rotated_header(self.pool, section_width=44, max_label=POOL_LABEL)
        pool_box = QGroupBox("Pool: committed FTE per person and initiative")
        pool_layout = QVBoxLayout(pool_box)
        self.pool_legend = pool_legend(SHADE_HEX, OVER_HEX)
        self.pool_note = QLabel()
        self.pool_note.setAccessibleName("Pool note")
        self.pool_note.setWordWrap(True)
        self.pool_note.setStyleSheet("background:#fff3e0; padding:4px;")
        self.pool_note.hide()
        pool_layout.addWidget(self.pool_legend)
        pool_layout.addWidget(self.pool_note)
        pool_layout.addWidget(self.pool, 1)

        top = QHBoxLayout(self)
        # the team and the pool side by side with the form, each with the screen's full height to show people
        self.right = QTabWidget()
        self.right.setAccessibleName("Team and pool")
        self.right.addTab(self.team_box, "Current team")
        self.right.addTab(pool_box, "Pool: who works where")
        top.addLayout(left)
        top.addWidget(box, 1)
        top.addWidget(self.right, 2)
        self._team_timer = sliced(self, self._team_pass, self._show_team)
        self.doc.project_replaced.connect(self.refresh)
        self.doc.portfolio_changed.connect(self.refresh)
        self.pool_model.modelReset.connect(self._show_pool_note)
        self.refresh()

    def refresh(self) -> None:
        """Reload the list (keeping the selected initiative when it is still there) and the selected one's form."""
        chosen = self.selected()
        items = self.doc.project.portfolio.initiatives
        self.list.blockSignals(True)
        self.list.clear()
        for ini in items:
            review = ini.id in self.doc.to_review
            when = f"\ngo-live {day_text(ini.go_live)}" if ini.go_live else ""  # a line of its own: the list is narrow
            item = QListWidgetItem(f"{ini.name}\n{ini.current_phase.label} → {ini.target_phase.label}"
                                   + (" · to review" if review else "") + when)
            item.setData(Qt.ItemDataRole.UserRole, ini.id)
            if review:
                item.setBackground(REVIEW)
                item.setToolTip(REVIEW_NOTE)
            self.list.addItem(item)
        ids = [i.id for i in items]
        row = ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0 if ids else -1
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        self._on_selected(row)
        self._show_pool_note()

    def _show_pool_note(self) -> None:
        """Say why the pool is blank: nobody in the roster is committed to an initiative (and where the plan is)."""
        people = self.doc.people
        blank = bool(people) and not any(p.commitments for p in people)
        self.pool_note.setText(POOL_BLANK if blank else "")
        self.pool_note.setVisible(blank)

    def selected(self) -> Initiative | None:
        """The selected Initiative, or None."""
        item = self.list.currentItem()
        return self.doc.project.initiative(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def select(self, initiative_id: str) -> None:
        """Select an initiative by id."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == initiative_id:
                self.list.setCurrentRow(row)

    def _on_selected(self, _row: int) -> None:
        initiative = self.selected()
        has = initiative is not None
        for widget in (self.form, self.apply_button, self.delete_button, self.team_box):
            widget.setEnabled(has)
        self.empty_note.setVisible(not self.doc.project.portfolio.initiatives)
        self.empty_note.setText(EMPTY_WITH_PEOPLE if self.doc.people else EMPTY)
        self.review_note.setVisible(has and initiative.id in self.doc.to_review)
        if not has:
            self.form.show_initiative(Initiative(id="—", name=""))
            self._show_team(("", []))
            return
        self.form.show_initiative(initiative)
        # the team is a pass over the whole roster: the core's query a slice at a time on the next turns of the
        # event loop, so replacing or opening a big roster is not one long freeze
        self._team_timer.start()

    def fill_team(self) -> None:
        """List the people committed to the selected initiative now (instead of in slices)."""
        self._team_timer.start()
        self._team_timer.finish_now()

    def _team_pass(self) -> Generator[None, None, tuple[str, list]]:
        initiative = self.selected()
        if initiative is None:
            return "", []
        team: list = []
        for part in roster_slices(self.doc.people):
            team += part.team_of(initiative.id, on=date.today())
            yield
        return initiative.id, team

    def _show_team(self, found: tuple[str, list]) -> None:
        initiative_id, team = found
        self.team.clear()
        initiative = self.doc.project.initiative(initiative_id)
        if initiative is None:
            self.team_box.setTitle("Current team")
            self.team_note.hide()
            return
        self.team_box.setTitle(f"Current team of {initiative.name}: {len(team)} "
                               f"{'person' if len(team) == 1 else 'people'}")
        self.team_note.setText("" if team else TEAM_EMPTY.format(name=initiative.name))
        self.team_note.setVisible(not team)
        lines, today = [], date.today()
        for person in team:
            mine = [c for c in person.commitments if c.initiative == initiative_id and (c.end is None or c.end >= today)]
            fte = sum(c.fte for c in mine if c.active_on(today))
            later = min((c.start for c in mine if c.start and c.start > today), default=None)
            when = f"{fte:.2f} FTE" if fte or later is None else f"from {day_text(later)}"
            ends = [c.end for c in mine]  # rolling off soon is what a lead looks for here: say until when
            if ends and None not in ends:
                when += f", to {day_text(max(ends))}"
            title = f" — {person.title}" if person.title else ""
            lines.append(f"{person.name}{title} ({when})")
        self.team.addItems(lines)

    def apply(self) -> bool:
        """Push the form's changes as one undoable edit (and count the initiative as reviewed)."""
        initiative = self.selected()
        if initiative is None:
            return False
        changes = self.form.changes(initiative)
        if not changes:
            if initiative.id in self.doc.to_review:  # the defaults were looked at and kept
                self.doc.mark_for_review([initiative.id], False)
                self.refresh()
            return False
        return self.services.edit(lambda: SetInitiative(self.doc, initiative_id=initiative.id, changes=changes),
                          title="Cannot change the initiative")  # the edit clears its 'to review' mark

    def add_initiative(self, name: str | None = None) -> bool:
        """Ask for a name (unless given) and add an initiative with the default phases and policy (undoable)."""
        if not isinstance(name, str):
            name = self.services.interaction.ask_text(title="Add initiative", label="Initiative name (as the roster "
                                                      "names it, if it does)")
            if name is None:
                return False
        if not self.services.edit(lambda: new_initiative(self.doc, name), title="Cannot add the initiative"):
            return False
        self.select(name.strip())
        return True

    def delete_selected(self) -> bool:
        """Delete the selected initiative after confirming (undoable)."""
        initiative = self.selected()
        if initiative is None:
            return False
        try:
            command = DeleteInitiative(self.doc, initiative_id=initiative.id)
        except EditRejected as exc:
            self.services.interaction.show_error(title="Cannot delete the initiative", message=str(exc))
            return False
        refs = command.references
        extra = (f" The scenarios' {refs} {'pin or exclusion' if refs == 1 else 'pins and exclusions'} on it go "
                 "too." if refs else "")
        if not self.services.interaction.confirm(
                title="Delete initiative", ok_text="Delete",
                text=f"Delete “{initiative.name}” from the project?{extra} The roster's commitments to it stay; "
                     "Ctrl+Z brings it back."):
            return False
        push(self.doc.undo_stack, command)
        self.services.status(command.text)
        return True
