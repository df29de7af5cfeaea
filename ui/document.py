"""The open project as the window sees it: the Project, its file, one undo stack and change signals."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.domain import Person, PhaseTemplate, Plan
from app.domain.roles import Phase
from app.project import Project
from ui.models.later import sliced

#: People dropped per step of the release pass (about half a millisecond).
RELEASE_STEP = 50


def with_templates(project: Project) -> Project:
    """The project, its empty template set (which means "the defaults") filled with the resolved templates in use.

    Resolving reads and checks the template YAML files (0.3-0.5 s): callers that can, call it on a worker first.
    """
    if not project.templates:
        from app.templates import load_phase_templates

        project.templates = dict(load_phase_templates().phases)
    return project


class ProjectDocument(QObject):
    """One open project; every edit goes through `undo_stack`, views listen to the *_changed signals."""

    project_replaced = Signal()
    person_changed = Signal(int)
    person_about_to_be_inserted = Signal(int)
    person_inserted = Signal(int)
    person_about_to_be_removed = Signal(int)
    person_removed = Signal(int)
    templates_changed = Signal()
    portfolio_changed = Signal()
    scenario_changed = Signal()
    plan_changed = Signal()
    gaps_changed = Signal()
    modified_changed = Signal(bool)

    def __init__(self, project: Project | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project or Project()
        self.path: Path | None = None
        self.gap_report: object | None = None  # app.gaps.GapReport once computed; cleared by edits
        #: scenario name → what its plan was solved on (`Project.plan_inputs`); a plan whose inputs differ is stale
        self.solved_with: dict[str, tuple] = {}
        self._marks: tuple[tuple, dict[str, str]] = ((), {})
        self.undo_stack = QUndoStack(self)
        # a replaced 20,000-person project dropped at once held the GIL 0.25-0.45 s, on the GUI thread or, from a
        # thread, with the GUI thread waiting for it: it is dropped a few people at a time in idle slices instead
        self._garbage: list[list] = []
        self._release = sliced(self, self._drop_garbage, lambda _done: None)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def on_inputs_changed(self, slot) -> None:
        """Call `slot()` after any change a plan depends on (people, templates, initiatives, scenario settings)."""
        for signal in (self.person_changed, self.person_inserted, self.person_removed, self.templates_changed,
                       self.portfolio_changed, self.scenario_changed):
            signal.connect(lambda *_args: slot())

    def _on_clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    # -- whole project -------------------------------------------------------------------------------------------
    def replace(self, project: Project, *, path: Path | None = None) -> None:
        """Swap in another project (open/new); clears undo history."""
        with_templates(project)  # a no-op when the caller resolved them on a worker, as Open does
        old, old_report = self.project, self.gap_report
        self.project = project
        self.path = path
        self.gap_report = None
        # plans saved with the project count as solved on what the file holds
        self.solved_with = {sc.name: project.plan_inputs(sc) for sc in project.scenarios if sc.plan is not None}
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.project_replaced.emit()
        if old is not project:
            # the people outlive their project in a list of their own, so the pass drops them a few at a time
            self._garbage.append([list(old.roster.people), old, old_report])
            self._release.start()

    def _drop_garbage(self) -> Iterator[None]:
        # nothing is held across a yield that is not also in `_garbage`: a pass started again drops no pile at once
        while self._garbage:
            garbage = self._garbage[-1]
            if not garbage:
                self._garbage.pop()
            elif type(garbage[-1]) is list and garbage[-1]:
                del garbage[-1][-RELEASE_STEP:]
            else:
                garbage.pop()  # the report, then the project (its people outlive it in the list that follows)
            yield

    def is_modified(self) -> bool:
        """True when there are unsaved edits."""
        return not self.undo_stack.isClean()

    def mark_saved(self, path: Path) -> None:
        """Record a successful save to `path`."""
        self.path = path
        self.undo_stack.setClean()

    def mark_modified(self) -> None:
        """Mark edits made outside the undo stack (an import, a solve) as unsaved."""
        self.undo_stack.resetClean()
        self.modified_changed.emit(True)

    def display_name(self) -> str:
        """Project name for the title bar."""
        return self.project.name or (self.path.stem if self.path else "Untitled project")

    # -- roster --------------------------------------------------------------------------------------------------
    @property
    def people(self) -> list[Person]:
        """The roster's people, in order (the list the table model adapts)."""
        return self.project.roster.people

    def row_of(self, person_id: str) -> int:
        """Row of a person in the roster, or -1."""
        return next((i for i, p in enumerate(self.people) if p.id == person_id), -1)

    def set_person(self, row: int, person: Person) -> None:
        """Replace the person at `row` (called by commands)."""
        self.people[row] = person
        self._invalidate()
        self.person_changed.emit(row)

    def insert_person(self, row: int, person: Person) -> None:
        """Insert a person at `row` (called by commands)."""
        self.person_about_to_be_inserted.emit(row)
        self.people.insert(row, person)
        self._invalidate()
        self.person_inserted.emit(row)

    def remove_person(self, row: int) -> Person:
        """Remove and return the person at `row` (called by commands)."""
        self.person_about_to_be_removed.emit(row)
        person = self.people.pop(row)
        self._invalidate()
        self.person_removed.emit(row)
        return person

    def set_roster(self, people: list[Person]) -> None:
        """Replace all people at once (after an import)."""
        self.project.roster.people[:] = people
        self._invalidate()
        self.project_replaced.emit()

    # -- templates, portfolio, scenarios -------------------------------------------------------------------------
    def set_template(self, phase: Phase, template: PhaseTemplate) -> None:
        """Replace the template of a phase (called by commands)."""
        self.project.templates[phase] = template
        self._invalidate()
        self.templates_changed.emit()

    def notify_portfolio(self) -> None:
        """Tell views that initiatives changed."""
        self._invalidate()
        self.portfolio_changed.emit()

    def marks(self) -> dict[str, str]:
        """Who the active scenario pins or excludes: person id → 'pinned by you' (the delivery lead's pin),
        'approved by approver' (a pin read back from a workbook), both ('approved by approver, pinned by you'), or
        'excluded' (a pin wins). The approver's comment is in the person panel and the Pins list: these words sit
        inside other sentences (Gaps' candidates, the pool's row headings)."""
        sc = self.project.scenario()
        key = (self.project.active_scenario, tuple(sc.pins), tuple(sc.exclusions))
        if self._marks[0] != key:
            marks = {e.person_id: "excluded" for e in sc.exclusions}
            origins: dict[str, set[bool]] = {}
            for p in sc.pins:
                origins.setdefault(p.person_id, set()).add(p.by_approver)
            marks.update({person: ", ".join(w for by, w in ((True, "approved by approver"), (False, "pinned by you"))
                                            if by in seen) for person, seen in origins.items()})
            self._marks = (key, marks)
        return self._marks[1]

    @property
    def to_review(self) -> set[str]:
        """Initiatives made from the roster's initiative column whose defaults the user has not reviewed yet (saved
        with the project, so the mark survives closing and reopening)."""
        return set(self.project.initiatives_to_review)

    def mark_for_review(self, initiative_ids: list[str], review: bool = True) -> None:
        """Mark initiatives as made with defaults to review (or as reviewed)."""
        marked = [i for i in self.project.initiatives_to_review if i not in initiative_ids]
        self.project.initiatives_to_review = [*marked, *initiative_ids] if review else marked

    def notify_scenario(self) -> None:
        """Tell views that the active scenario (pins, exclusions, policy) changed."""
        self.scenario_changed.emit()

    def set_plan(self, plan: Plan | None, *, scenario: str | None = None, inputs: tuple | None = None) -> None:
        """Store a plan on a scenario (the active one by default), solved on `inputs` (`Project.plan_inputs`)."""
        sc = self.project.scenario(scenario)
        sc.plan = plan
        self.solved_with[sc.name] = self.project.plan_inputs(sc) if inputs is None else inputs
        self.mark_modified()
        self.plan_changed.emit()

    def is_stale(self, scenario: str | None = None) -> bool:
        """True when the scenario's plan was solved before a change to what it depends on (roster, templates,
        initiatives, the scenario's settings, pins or exclusions)."""
        sc = self.project.scenario(scenario)
        return sc.plan is not None and self.solved_with.get(sc.name) != self.project.plan_inputs(sc)

    def scenario_renamed(self, old: str, new: str) -> None:
        """Keep what a renamed scenario's plan was solved on under its new name."""
        if old in self.solved_with:
            self.solved_with[new] = self.solved_with.pop(old)

    def set_gap_report(self, report: object | None) -> None:
        """Keep the latest gap report."""
        self.gap_report = report
        self.gaps_changed.emit()

    def _invalidate(self) -> None:
        if self.gap_report is not None:
            self.gap_report = None
            self.gaps_changed.emit()
