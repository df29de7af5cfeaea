"""Undoable edits of plans and scenarios: FTE changes, removed or moved assignments, new/switch/delete scenario."""
from __future__ import annotations

from pydantic import ValidationError

from app.domain import Assignment, Plan
from app.domain.reasons import moved_by_hand
from app.project import Scenario
from ui.commands import EditRejected, first_error
from ui.document import ProjectDocument
from ui.undo import Command


def _fte_text(fte: float) -> str:
    return f"{fte:g}"


class _SetPlan(Command):
    """Replace one scenario's plan with an edited copy; the base of every plan edit (undo puts the old one back)."""

    def __init__(self, doc: ProjectDocument, *, scenario: str, after: Plan, text: str) -> None:
        self.doc, self.scenario, self.text = doc, scenario, text
        self.before = doc.project.scenario(scenario).plan
        self.after = after

    def _put(self, plan: Plan | None) -> None:
        # not doc.set_plan: that resets the clean state, and undoing back to the saved plan must read as unsaved-free
        self.doc.project.scenario(self.scenario).plan = plan
        self.doc.plan_changed.emit()

    def do(self) -> None:
        """Apply the edit."""
        self._put(self.after)

    def undo(self) -> None:
        """Revert the edit."""
        self._put(self.before)


def _plan_and_row(doc: ProjectDocument, scenario: str | None, row: int) -> tuple[str, Plan, Assignment]:
    name = scenario or doc.project.active_scenario
    plan = doc.project.scenario(name).plan
    if plan is None:
        raise EditRejected(f"scenario '{name}' has no plan to edit; press Solve first")
    if not 0 <= row < len(plan.assignments):
        raise EditRejected(f"the plan has no assignment row {row + 1}")
    return name, plan, plan.assignments[row]


def _edited(plan: Plan, assignments: list[Assignment]) -> Plan:
    settings = {**plan.settings, "edited_by_hand": True}
    return plan.model_copy(update={"assignments": assignments, "settings": settings})


def _who(a: Assignment) -> str:
    return a.person_name or a.person_id


def set_assignment_fte(doc: ProjectDocument, *, row: int, fte: float, scenario: str | None = None) -> Command:
    """Command changing the FTE of one assignment ('Set Ana Duarte on Data engineer to 0.6 FTE'), validated."""
    name, plan, old = _plan_and_row(doc, scenario, row)
    try:
        new = Assignment.model_validate({**old.model_dump(), "fte": fte})
    except ValidationError as exc:
        raise EditRejected(first_error(exc)) from None
    rows = list(plan.assignments)
    rows[row] = new
    return _SetPlan(doc, scenario=name, after=_edited(plan, rows),
                    text=f"Set {_who(old)} on {old.role_name or old.role} to {_fte_text(new.fte)} FTE")


def remove_assignment(doc: ProjectDocument, *, row: int, scenario: str | None = None) -> Command:
    """Command taking one assignment out of the plan ('Remove Ana Duarte from Data engineer')."""
    name, plan, old = _plan_and_row(doc, scenario, row)
    rows = [a for i, a in enumerate(plan.assignments) if i != row]
    return _SetPlan(doc, scenario=name, after=_edited(plan, rows),
                    text=f"Remove {_who(old)} from {old.role_name or old.role} ({old.initiative})")


def move_assignment(
    doc: ProjectDocument, *, row: int, initiative: str, role: str, role_name: str = "", fte: float | None = None,
    scenario: str | None = None,
) -> Command:
    """Command moving a person's assignment to another role (or initiative), keeping or changing the FTE."""
    name, plan, old = _plan_and_row(doc, scenario, row)
    named = doc.project.portfolio.names()
    if (initiative, role) == (old.initiative, old.role) and (fte is None or fte == old.fte):
        raise EditRejected(f"{_who(old)} is already on {old.role_name or old.role} of "
                           f"{named.get(old.initiative, old.initiative)}")
    if doc.project.initiative(initiative) is None:
        raise EditRejected(f"no initiative '{initiative}' in this project")
    try:
        new = Assignment.model_validate({
            **old.model_dump(), "initiative": initiative, "role": role, "role_name": role_name or role,
            "fte": old.fte if fte is None else fte, "pinned": False,
            "reason": "", "why": moved_by_hand(initiative=old.initiative, role=old.role, role_name=old.role_name,
                                                    initiative_name=named.get(old.initiative))})
    except ValidationError as exc:
        raise EditRejected(first_error(exc)) from None
    rows = list(plan.assignments)
    rows[row] = new
    return _SetPlan(doc, scenario=name, after=_edited(plan, rows),
                    text=f"Move {_who(old)} to {new.role_name} ({named.get(initiative, initiative)})")


class AddScenario(Command):
    """Add a scenario (a copy of another, or an adopted alternative plan) and make it active."""

    def __init__(self, doc: ProjectDocument, *, name: str, source: str | None = None, plan: Plan | None = None,
                 notes: str = "") -> None:
        name = (name or "").strip()
        project = doc.project
        if not name:
            raise EditRejected("a scenario needs a name")
        if any(s.name == name for s in project.scenarios):
            raise EditRejected(f"a scenario named '{name}' already exists")
        base = project.scenario(source)
        data = {**base.model_dump(), "name": name, "plan": None, "notes": notes or base.notes}
        self.scenario = Scenario.model_validate(data)
        self.scenario.plan = plan
        self.doc, self.previous = doc, project.active_scenario
        self.text = f"Add scenario {name}" + (" from an alternative plan" if plan is not None else "")

    def do(self) -> None:
        """Apply the edit."""
        self.doc.project.scenarios.append(self.scenario)
        self.doc.project.active_scenario = self.scenario.name
        if self.scenario.plan is not None:  # an adopted alternative: solved on what its copy holds
            self.doc.solved_with[self.scenario.name] = self.doc.project.plan_inputs(self.scenario)
        self.doc.notify_scenario()
        self.doc.plan_changed.emit()

    def undo(self) -> None:
        """Revert the edit."""
        self.doc.project.scenarios.remove(self.scenario)
        self.doc.project.active_scenario = self.previous
        self.doc.notify_scenario()
        self.doc.plan_changed.emit()


class SwitchScenario(Command):
    """Make another scenario the active one ('Switch to No hiring')."""

    def __init__(self, doc: ProjectDocument, *, name: str) -> None:
        if not any(s.name == name for s in doc.project.scenarios):
            raise EditRejected(f"no scenario named '{name}'")
        if name == doc.project.active_scenario:
            raise EditRejected(f"'{name}' is already the active scenario")
        self.doc, self.name, self.previous = doc, name, doc.project.active_scenario
        self.text = f"Switch to scenario {name}"

    def _activate(self, name: str) -> None:
        self.doc.project.active_scenario = name
        self.doc.notify_scenario()
        self.doc.plan_changed.emit()

    def do(self) -> None:
        """Apply the edit."""
        self._activate(self.name)

    def undo(self) -> None:
        """Revert the edit."""
        self._activate(self.previous)


class DeleteScenario(Command):
    """Delete a scenario (never the last one); the next one becomes active when the active one goes."""

    def __init__(self, doc: ProjectDocument, *, name: str) -> None:
        scenarios = doc.project.scenarios
        self.index = next((i for i, s in enumerate(scenarios) if s.name == name), -1)
        if self.index < 0:
            raise EditRejected(f"no scenario named '{name}'")
        if len(scenarios) == 1:
            raise EditRejected(f"'{name}' is the only scenario; a project keeps at least one")
        self.doc, self.scenario = doc, scenarios[self.index]
        self.previous = doc.project.active_scenario
        rest = [s.name for s in scenarios if s.name != name]
        self.next_active = self.previous if self.previous != name else rest[min(self.index, len(rest) - 1)]
        self.text = f"Delete scenario {name}"

    def do(self) -> None:
        """Apply the edit."""
        self.doc.project.scenarios.pop(self.index)
        self.doc.project.active_scenario = self.next_active
        self.doc.notify_scenario()
        self.doc.plan_changed.emit()

    def undo(self) -> None:
        """Revert the edit."""
        self.doc.project.scenarios.insert(self.index, self.scenario)
        self.doc.project.active_scenario = self.previous
        self.doc.notify_scenario()
        self.doc.plan_changed.emit()
