"""Undoable scenario edits: pins and exclusions (the core's semantics, `app.planning.edits`) and scenario settings.

Each command runs the core's edit on a shallow copy of the scenario (the core replaces lists, never changes them in
place), keeps the lists before and after, and swaps them on do/undo.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.domain import Policy
from app.errors import PhasegateError
from app.planning import edits
from app.planning.words import money
from app.project import Scenario
from ui.commands import EditRejected
from ui.document import ProjectDocument
from ui.initiative_commands import change_words
from ui.undo import Command

_LISTS = ("pins", "exclusions")


class SetScenarioFields(Command):
    """Replace some fields of one scenario (pins, exclusions, settings); do/undo swap the values."""

    def __init__(self, doc: ProjectDocument, *, scenario: str, after: dict[str, Any], text: str) -> None:
        sc = doc.project.scenario(scenario)
        self.doc, self.name, self.text = doc, scenario, text
        self.before = {k: getattr(sc, k) for k in after}
        self.after = after

    def _set(self, values: dict[str, Any], *, name: str) -> None:
        project = self.doc.project
        sc = project.scenario(name)
        for key, value in values.items():
            setattr(sc, key, value)
        if sc.name != name:
            self.doc.scenario_renamed(name, sc.name)
            if project.active_scenario == name:
                project.active_scenario = sc.name
        self.doc.notify_scenario()

    def do(self) -> None:
        """Apply the edit."""
        self._set(self.after, name=self.name)

    def undo(self) -> None:
        """Revert the edit."""
        self._set(self.before, name=self.after.get("name", self.name))


def _core_edit(doc: ProjectDocument, scenario: str | None, edit: Callable[[Scenario], object], text: str
               ) -> SetScenarioFields:
    """Run a core scenario edit on a copy of the scenario and make it an undoable command."""
    name = scenario or doc.project.active_scenario
    copy = doc.project.scenario(name).model_copy()
    try:
        edit(copy)
    except PhasegateError as exc:
        raise EditRejected(exc.one_line()) from None
    return SetScenarioFields(doc, scenario=name, after={k: getattr(copy, k) for k in _LISTS}, text=text)


def _person(doc: ProjectDocument, person_id: str) -> str:
    row = doc.row_of(person_id)
    return doc.people[row].name if row >= 0 else f"employee id {person_id}"


def _initiative(doc: ProjectDocument, initiative_id: str | None) -> str:
    if initiative_id is None:
        return "every initiative"
    found = doc.project.initiative(initiative_id)
    return found.name if found else initiative_id


def pin(doc: ProjectDocument, *, person_id: str, initiative: str, role: str, role_name: str = "",
        fte: float | None = None, scenario: str | None = None) -> SetScenarioFields:
    """Command pinning a person to a role ('Pin Ana Ruiz to MLOps engineer on Claims'); pinning again edits the pin."""
    sc = doc.project.scenario(scenario)
    again = any(p.person_id == person_id and p.initiative == initiative and p.role == role for p in sc.pins)
    who, where = _person(doc, person_id), f"{role_name or role} on {_initiative(doc, initiative)}"
    at = "" if fte is None else f" at {fte:g} FTE"
    text = f"Change the pin of {who} on {where}{at}" if again else f"Pin {who} to {where}{at}"
    return _core_edit(doc, scenario, lambda c: edits.pin_assignment(
        doc.project, person_id=person_id, initiative=initiative, role=role, fte=fte, scenario=c), text)


def unpin(doc: ProjectDocument, *, person_id: str, initiative: str, role: str, role_name: str = "",
          scenario: str | None = None) -> SetScenarioFields:
    """Command removing a pin ('Unpin Ana Ruiz from MLOps engineer on Claims')."""
    def edit(c: Scenario) -> None:
        if not edits.unpin(doc.project, person_id=person_id, initiative=initiative, role=role, scenario=c):
            raise EditRejected(f"{_person(doc, person_id)} is not pinned to {role_name or role}")

    return _core_edit(doc, scenario, edit, f"Unpin {_person(doc, person_id)} from {role_name or role} on "
                                           f"{_initiative(doc, initiative)}")


def exclude(doc: ProjectDocument, *, person_id: str, initiative: str | None = None, reason: str = "",
            scenario: str | None = None) -> SetScenarioFields:
    """Command keeping a person out of an initiative (or all) in this scenario; their pins there go."""
    return _core_edit(doc, scenario, lambda c: edits.exclude_person(
        doc.project, person_id=person_id, initiative=initiative, reason=reason, scenario=c),
        f"Exclude {_person(doc, person_id)} from {_initiative(doc, initiative)}")


def include(doc: ProjectDocument, *, person_id: str, initiative: str | None = None,
            scenario: str | None = None) -> SetScenarioFields:
    """Command lifting an exclusion ('Include Ben Ode in Claims again')."""
    def edit(c: Scenario) -> None:
        if not edits.include_person(doc.project, person_id=person_id, initiative=initiative, scenario=c):
            raise EditRejected(f"{_person(doc, person_id)} is not excluded from {_initiative(doc, initiative)}")

    return _core_edit(doc, scenario, edit,
                      f"Include {_person(doc, person_id)} in {_initiative(doc, initiative)} again")


class DropAbsent(Command):
    """Remove, in every scenario, the pins and exclusions naming people no longer in the roster (one undo step)."""

    def __init__(self, doc: ProjectDocument) -> None:
        project = doc.project
        copy = project.model_copy(update={"scenarios": [s.model_copy() for s in project.scenarios]})
        self.count = edits.drop_absent(copy)
        if not self.count:
            raise EditRejected("every pin and exclusion names someone in the roster")
        self.doc = doc
        self.before = {s.name: (s.pins, s.exclusions) for s in project.scenarios}
        self.after = {s.name: (s.pins, s.exclusions) for s in copy.scenarios}
        gone = len({x.person_id for xs in edits.absent_people(project).values() for x in xs})
        self.text = (f"Drop the pins and exclusions of {gone} {'person' if gone == 1 else 'people'} no longer in "
                     "the roster")

    def _set(self, state: dict[str, tuple]) -> None:
        for sc in self.doc.project.scenarios:
            if sc.name in state:
                sc.pins, sc.exclusions = state[sc.name]
        self.doc.notify_scenario()

    def do(self) -> None:
        """Apply the edit."""
        self._set(self.after)

    def undo(self) -> None:
        """Revert the edit."""
        self._set(self.before)


def scenario_settings(
    doc: ProjectDocument, *, scenario: str, name: str | None = None, initiative_ids: list[str] | None = None,
    policies: dict[str, Policy] | None = None, budgets: dict[str, float | None] | None = None,
    budget: float | None | str = "same",
) -> SetScenarioFields:
    """Command setting what makes a scenario different: its name, initiatives in scope, each initiative's policy and
    budget here (kept as overrides only where they differ from the initiative's own) and the shared budget."""
    project = doc.project
    sc = project.scenario(scenario)
    after: dict[str, Any] = {}
    if name is not None and name.strip() != sc.name:
        name = name.strip()
        if not name:
            raise EditRejected("a scenario needs a name")
        if any(s.name == name for s in project.scenarios):
            raise EditRejected(f"a scenario named '{name}' already exists")
        after["name"] = name
    if initiative_ids is not None:
        every = [i.id for i in project.portfolio.initiatives]
        if not initiative_ids:
            raise EditRejected("a scenario plans at least one initiative")
        after["initiative_ids"] = [] if set(initiative_ids) >= set(every) else [i for i in every if i in initiative_ids]
    own = {i.id: i for i in project.portfolio.initiatives}
    if policies is not None:
        after["policy_overrides"] = {k: v for k, v in policies.items() if k in own and v != own[k].policy}
    if budgets is not None:
        after["budget_overrides"] = {k: v for k, v in budgets.items() if k in own and v != own[k].budget}
    if budget != "same":
        after["budget"] = budget
    after = {k: v for k, v in after.items() if getattr(sc, k) != v}
    if not after:
        raise EditRejected("nothing changed")
    return SetScenarioFields(doc, scenario=sc.name, after=after,
                             text=f"Set scenario {sc.name}: {'; '.join(_settings_words(project, sc, after))}")


def _settings_words(project, sc: Scenario, after: dict[str, Any]) -> list[str]:
    """What a settings change does, in words ('hiring freeze on for Fraud Radar and Invoice Reader', 'plans Fraud
    Radar only')."""
    changed = sc.model_copy(update=after)
    out = [f"renamed to {after['name']}"] if "name" in after else []
    if "initiative_ids" in after:
        planned = project.planned_initiatives(changed)
        out.append("plans every initiative" if not changed.initiative_ids else
                   f"plans {', '.join(i.name for i in planned)} only")
    before = {i.id: i for i in project.planned_initiatives(sc)}
    # the same change to several initiatives is said once ('hiring freeze on for A, B and C')
    grouped: dict[str, list[str]] = {}
    for ini in project.planned_initiatives(changed):
        if ini.id in before:
            words = change_words(before[ini.id], ini)
            if words:
                grouped.setdefault(", ".join(words), []).append(ini.name)
    out += [f"{words} for {_and(names)}" for words, names in grouped.items()]
    if "budget" in after:
        out.append("no shared budget" if after["budget"] is None else f"shared budget {money(after['budget'])}")
    return out or ["settings"]


def _and(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
