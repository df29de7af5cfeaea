"""Roster screen: the people table (sort, filter, search, edit), the skills heatmap and a person panel."""
from __future__ import annotations

from collections.abc import Generator

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain import Person
from ui.commands import RemovePerson
from ui.models.heatmap import LEVEL_COLOURS, LevelDelegate, SkillHeatmapModel
from ui.models.later import STEP, later, sliced
from ui.models.roster import COLUMNS, RosterTableModel
from ui.models.roster_order import RosterOrderProxy
from ui.scenario_commands import DropAbsent
from ui.services import Services
from ui.undo import push
from ui.widgets.legend import level_legend
from ui.widgets.person_panel import person_html
from ui.widgets.rotated_header import use_rotated_header
from ui.widgets.tables import fit_to_sample, uniform_rows

#: The People table's column of employee ids (hidden when every id is the person's name).
ID_COLUMN = next(k for k, c in enumerate(COLUMNS) if c.field == "id")

SEARCH_PAUSE_MS = 200
PANEL_HINT = "<p>Select a person to see their skills, evidence and commitments.</p>"
DROP_ABSENT, KEEP_ABSENT = "Drop them", "Keep for later"


def count_words(pins: int, exclusions: int) -> str:
    """'1 pin', '2 pins and 1 exclusion', '3 exclusions'."""
    parts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((pins, "pin"), (exclusions, "exclusion")) if n]
    return " and ".join(parts) or "no pins"


class RosterScreen(QWidget):
    """The imported people: search, sort, edit with undo, the skills heatmap and each person's details."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.doc = services.doc
        self.model = RosterTableModel(self.doc, self)
        self.proxy = RosterOrderProxy(self)
        self.proxy.setSourceModel(self.model)
        runner = services.workers.get("roster-order")
        runner.collects_garbage = False  # an order is lists of numbers and strings: no cycles to collect
        self.proxy.set_runner(runner)  # a big roster is sorted and searched there
        self.proxy.ordering.connect(self._on_ordering)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search name, title, organisation, initiative, skill…")
        self.search.setAccessibleName("Search people")
        self.search.setToolTip("Filter the roster: matches the id, name, title, organisation, location, initiatives "
                               "and the names of the skills people hold")
        self.skill = QComboBox()
        self.skill.setAccessibleName("Filter by skill")
        self.skill.setToolTip("Show only people holding this skill at the level chosen or above")
        self.skill.setMinimumWidth(200)
        self.level = QSpinBox()
        self.level.setRange(1, 5)
        self.level.setPrefix("≥ ")
        self.level.setAccessibleName("Least skill level")
        self.level.setToolTip("The least level (1 Awareness … 5 Expert)")
        self.skill.currentIndexChanged.connect(lambda _i: self.apply_skill_filter())
        self.level.valueChanged.connect(lambda _v: self.apply_skill_filter())
        self.search.setClearButtonEnabled(True)
        # typing waits for a pause before filtering, so a 100,000-person roster is searched once, not per key
        self._over = self._away = 0
        # counted in slices on later event-loop turns, apart from the models' passes
        self._count_timer = sliced(self, self._count, self._on_counted)
        self._fit = later(self, self.fit_columns)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(lambda: self.apply_search(self.search.text()))
        self.search.textChanged.connect(self._on_search_edited)
        self.import_button = QPushButton("Import roster…")
        self.import_button.setToolTip("Import an HR roster with the import wizard (Ctrl+I)")
        self.import_button.setAccessibleName("Import roster")
        self.import_button.clicked.connect(lambda: self.open_import_wizard(None))
        self.remove_button = QPushButton("Remove person")
        self.remove_button.setToolTip("Remove the selected person from the roster (undoable)")
        self.remove_button.setAccessibleName("Remove person")
        self.remove_button.clicked.connect(self.remove_selected)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Roster size")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.skill)
        top.addWidget(self.level)
        top.addWidget(self.count_label)
        top.addWidget(self.import_button)
        top.addWidget(self.remove_button)

        self.table = QTableView()
        self.table.setAccessibleName("People")
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # HR's order until a click
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        uniform_rows(self.table)
        # PySide sets up a method's binding on its first call from Python (16 ms for viewport()): done here, at
        # start, rather than in the middle of the first sort of a big roster
        self.table.viewport().unsetCursor()
        for i, column in enumerate(COLUMNS):
            self.table.setColumnWidth(i, column.width)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.heatmap_model = SkillHeatmapModel(self.doc, self)
        self.heatmap = QTableView()
        self.heatmap.setAccessibleName("Skills heatmap")
        self.heatmap.setToolTip("Canonical level 0–5 per person and skill; hover for evidence")
        self.heatmap.setModel(self.heatmap_model)
        self.heatmap.setItemDelegate(LevelDelegate(self.heatmap))
        use_rotated_header(self.heatmap, section_width=30)
        uniform_rows(self.heatmap)
        self.heatmap.clicked.connect(lambda idx: self._show_person(idx.data(Qt.ItemDataRole.UserRole)))

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Roster views")
        self.tabs.addTab(self.table, "People")
        self.legend = level_legend(LEVEL_COLOURS)
        heatmap_page = QWidget()
        heatmap_layout = QVBoxLayout(heatmap_page)
        heatmap_layout.setContentsMargins(0, 4, 0, 0)
        heatmap_layout.addWidget(self.legend)
        heatmap_layout.addWidget(self.heatmap, 1)
        self.tabs.addTab(heatmap_page, "Skills heatmap")

        self.panel = QTextBrowser()
        self.panel.setAccessibleName("Person details")
        self.panel.setMinimumWidth(300)
        self.panel.setHtml(PANEL_HINT)
        splitter = QSplitter()
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.doc.project_replaced.connect(self._refresh)
        self.doc.project_replaced.connect(self._on_project_replaced)
        self.doc.scenario_changed.connect(self._on_selection_changed)
        self.doc.person_inserted.connect(lambda _r: self._refresh())
        self.doc.person_removed.connect(lambda _r: self._refresh())
        self.doc.person_changed.connect(lambda _r: self._on_selection_changed())
        self._refresh()
        self.fill_skills()

    def _on_project_replaced(self) -> None:
        """Nothing of the previous project stays: no person on show, the skills of this roster to filter by, the
        columns sized to this roster's texts."""
        self.panel.setHtml(PANEL_HINT)
        self.fill_skills()
        self._fit.start()  # on a turn of its own, after the reset

    def fit_columns(self) -> None:
        """Size the People table's columns to what its first rows show; the ID column shows only when some id is
        not the person's name (a roster without an id column: the names stand in for the ids, shown once)."""
        self.table.setColumnHidden(ID_COLUMN, all(p.id == p.name for p in self.doc.people))
        fit_to_sample(self.table, [c.header for c in COLUMNS], self.model.sample_texts())

    def fill_skills(self) -> None:
        """The skill filter's choices: every skill of the catalogue, by name (the filter is kept when it still fits)."""
        chosen = self.skill.currentData()
        catalogue = self.doc.project.catalogue
        self.skill.blockSignals(True)
        self.skill.clear()
        self.skill.addItem("Any skill", None)
        for skill in sorted(catalogue.skills if catalogue else [], key=lambda k: k.name.casefold()):
            self.skill.addItem(skill.name, skill.id)
        index = self.skill.findData(chosen) if chosen is not None else 0
        self.skill.setCurrentIndex(max(0, index))
        self.skill.blockSignals(False)
        self.apply_skill_filter()

    def apply_skill_filter(self) -> None:
        """Show only the people holding the chosen skill at the chosen level or above."""
        skill = self.skill.currentData()
        self.level.setEnabled(skill is not None)
        self.proxy.set_skill_filter(skill, self.level.value())
        self._show_count()

    def _on_search_edited(self, text: str) -> None:
        if not text:
            self._search_timer.stop()
            self.apply_search("")
        else:
            self._search_timer.start()

    def apply_search(self, text: str) -> None:
        """Show only the people matching `text` (any column), at once."""
        self._search_timer.stop()
        self.proxy.setFilterFixedString(text)
        self._show_count()

    def _on_ordering(self, busy: bool) -> None:
        if busy:
            self.count_label.setText("Sorting and searching…")
            self.table.viewport().setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.table.viewport().unsetCursor()
            self._show_count()

    def _show_count(self) -> None:
        if self.proxy.is_ordering():
            return  # the count follows when the new order is shown
        people = self.doc.people
        text = f"{len(people):,} people"
        shown = self.proxy.rowCount()
        if shown != len(people):
            text = f"{shown:,} of {text}"
        if self._away:  # people who left or are on leave: in the roster, never in a plan
            text += f" · {self._away:,} not available"
        if self._over:
            text += f" · {self._over:,} over-committed"
        self.count_label.setText(text)

    def _refresh(self) -> None:
        # counted on the next turn of the event loop, so replacing a big roster is not one long freeze
        self._count_timer.start()

    def _count(self) -> Generator[None, None, tuple[int, int]]:
        over = away = 0
        for i, p in enumerate(self.doc.people):
            if i % STEP == 0:
                yield
            if not p.available:
                away += 1
            elif p.over_committed():
                over += 1
        return over, away

    def _on_counted(self, counts: tuple[int, int]) -> None:
        self._over, self._away = counts
        self._show_count()

    def selected_person(self) -> Person | None:
        """The person selected in the table, or None."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(Qt.ItemDataRole.UserRole) if rows else None

    def _on_selection_changed(self, *_args: QItemSelection) -> None:
        self._show_person(self.selected_person())

    def _show_person(self, person: Person | None) -> None:
        if person is None:
            return
        catalogue = self.doc.project.catalogue
        self.panel.setHtml(person_html(person, project=self.doc.project,
                                       skill_name=catalogue.name_of if catalogue else str))

    def remove_selected(self) -> None:
        """Remove the selected person (undoable)."""
        person = self.selected_person()
        if person is None:
            self.services.status("Select a person to remove")
            return
        push(self.doc.undo_stack, RemovePerson(self.doc, row=self.doc.row_of(person.id)))

    def open_import_wizard(self, path: str | None) -> None:
        """Run the import wizard; on success the roster is replaced by the imported people."""
        from ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.services, path=path, parent=self.window())
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(self._on_imported)
        wizard.open()
        self.wizard = wizard

    def _on_imported(self, result: object) -> None:
        fresh = [i for i in self.doc.project.portfolio.initiatives if i.id in self.doc.to_review]
        people = len(self.doc.people)
        source = self.doc.project.source.file_name if self.doc.project.source else "the roster"
        text = f"Imported {people:,} {'person' if people == 1 else 'people'} from {source}"
        if fresh:
            text += (f" · {len(fresh)} initiative{'s' if len(fresh) != 1 else ''} made from its initiative column "
                     f"({', '.join(i.name for i in fresh)}): review {'them' if len(fresh) != 1 else 'it'} on the "
                     "Initiatives screen")
        none = not self.doc.project.portfolio.initiatives  # a new project from a roster without a project column
        if none:
            text += " · no initiative (project) column in it: add the initiative to staff on the Initiatives screen"
        self.services.status(text)
        self.reconcile_absent()
        # the next screen's first paint in a turn of its own, not on top of the wizard closing and the reset
        QTimer.singleShot(0, lambda: self.services.navigate("initiatives" if fresh or none else "roster"))

    def reconcile_absent(self) -> bool:
        """After a re-import: pins and exclusions naming people no longer in the roster are listed with a choice,
        drop them or keep them for later (not applied while the person is absent). True when any were found."""
        from app.planning.edits import absent_people, references
        from ui.widgets.pins_panel import former_names, words

        gone = absent_people(self.doc.project)
        if not gone:
            return False
        refs = [(name, ref) for name in gone for ref in references(self.doc.project, name) if ref.absent]
        former = former_names(self.doc.project)  # 'Will Novak (employee id E2348)', not only the id
        lines = [f"{name}: {words(ref, former)}" if len(self.doc.project.scenarios) > 1 else words(ref, former)
                 for name, ref in refs]
        shown = "\n".join(f"• {line}" for line in lines[:8]) + (f"\n… and {len(lines) - 8} more" if len(lines) > 8
                                                                 else "")
        what = count_words(sum(1 for _n, r in refs if r.kind == "pin"), sum(1 for _n, r in refs if r.kind != "pin"))
        answer = self.services.interaction.choose(
            title="Pins and exclusions of people no longer in the roster",
            text=f"{what} of people the new roster does not have:\n{shown}\n\nDrop them, or keep them for later? "
                 "Kept ones are not applied while the person is absent; the Plan screen lists them under “Pins and "
                 "exclusions”, where you can still drop them.",
            choices=[DROP_ABSENT, KEEP_ABSENT])
        if answer == DROP_ABSENT:
            command = DropAbsent(self.doc)
            push(self.doc.undo_stack, command)
            self.services.status(command.text)
        else:
            self.services.status(f"Kept {what} of people no longer in the roster for later; they are not applied "
                                 "while the person is absent")
        return True
