"""Undoable edits of the portfolio: add, rename, edit and delete initiatives, with texts in a delivery lead's words."""
from __future__ import annotations

from datetime import date
from typing import Any

from app.domain import Initiative, Phase, Policy
from app.planning.words import money
from app.planning.words.numbers import day as day_text
from app.project import Scenario
from ui.commands import EditRejected, validated
from ui.document import ProjectDocument
from ui.undo import Command

#: Policy switches as the undo text names them: (field, words when True, words when False).
_SWITCHES = (("hiring_freeze", "hiring freeze on", "hiring freeze off"),
             ("allow_contractors", "contractors allowed", "no contractors"),
             ("allow_upskilling", "upskilling allowed", "no upskilling"))


def when(day: date | None) -> str:
    """A go-live date as a person writes it ('1 Oct 2026'), or 'no go-live'."""
    return day_text(day) if day else "no go-live"


def policy_words(before: Policy, after: Policy) -> list[str]:
    """What changed between two policies, in words ('hiring freeze on', 'at most 2 hires')."""
    out = [on if getattr(after, f) else off for f, on, off in _SWITCHES if getattr(before, f) != getattr(after, f)]
    if before.max_hires != after.max_hires:
        out.append("no cap on hires" if after.max_hires is None else f"at most {after.max_hires} hires")
    rest = [f for f in Policy.model_fields if f not in {s[0] for s in _SWITCHES} | {"max_hires"}
            and getattr(before, f) != getattr(after, f)]
    out += [f"{f.replace('_', ' ')} {getattr(after, f)}" for f in rest]
    return out


def change_words(before: Initiative, after: Initiative) -> list[str]:
    """What changed between two versions of an initiative, in words, in the form's order."""
    out = []
    if before.current_phase != after.current_phase:
        out.append(f"current phase {after.current_phase.label}")
    if before.target_phase != after.target_phase:
        out.append(f"target phase {after.target_phase.label}")
    if before.go_live != after.go_live:
        out.append(when(after.go_live) if after.go_live is None else f"go-live {when(after.go_live)}")
    for phase in sorted(after.roadmap.keys() | before.roadmap.keys(), key=list(Phase).index):
        if phase != after.target_phase and before.gate(phase) != after.gate(phase):
            gate = after.gate(phase)
            out.append(f"{phase.label.lower()} gate {when(gate)}" if gate else f"no {phase.label.lower()} gate")
    if before.budget != after.budget:
        out.append("no budget" if after.budget is None else f"budget {money(after.budget)}")
    if before.priority != after.priority:
        out.append(f"priority {after.priority}")
    return out + policy_words(before.policy, after.policy)


def _index(doc: ProjectDocument, initiative_id: str) -> int:
    index = next((i for i, x in enumerate(doc.project.portfolio.initiatives) if x.id == initiative_id), -1)
    if index < 0:
        raise EditRejected(f"the project has no initiative '{initiative_id}'")
    return index


class SetInitiative(Command):
    """Change fields of an initiative ('Set Claims Triage: hiring freeze on, budget €450k'), validated."""

    def __init__(self, doc: ProjectDocument, *, initiative_id: str, changes: dict[str, Any]) -> None:
        self.doc = doc
        self.index = _index(doc, initiative_id)
        self.before = doc.project.portfolio.initiatives[self.index]
        # an edit of an initiative made from the roster is its review: the 'to review' mark goes with the edit and
        # comes back with its undo (set beside the command, a redo of the import marked every one again)
        self.reviews = initiative_id in doc.to_review
        if "name" in changes:
            changes = {**changes, "name": str(changes["name"]).strip()}
            if not changes["name"]:
                raise EditRejected("an initiative needs a name")
            if any(i.name == changes["name"] and i.id != initiative_id for i in doc.project.portfolio.initiatives):
                raise EditRejected(f"another initiative is already called “{changes['name']}”")
        self.after = validated(Initiative, {**self.before.model_dump(), **changes})
        words = change_words(self.before, self.after)
        renamed = self.after.name != self.before.name
        if renamed and not words:
            self.text = f"Rename {self.before.name} to {self.after.name}"
        else:
            head = f"{self.before.name} (now {self.after.name})" if renamed else self.before.name
            self.text = f"Set {head}: {', '.join(words)}" if words else f"Set {head}"

    def _put(self, value: Initiative, *, to_review: bool) -> None:
        self.doc.project.portfolio.initiatives[self.index] = value
        if self.reviews:
            self.doc.mark_for_review([value.id], to_review)
        self.doc.notify_portfolio()

    def do(self) -> None:
        """Apply the edit."""
        self._put(self.after, to_review=False)

    def undo(self) -> None:
        """Revert the edit."""
        self._put(self.before, to_review=True)


class AddInitiative(Command):
    """Add an initiative to the portfolio ('Add initiative Fraud Radar')."""

    def __init__(self, doc: ProjectDocument, *, initiative: Initiative) -> None:
        items = doc.project.portfolio.initiatives
        if any(i.id == initiative.id or i.name == initiative.name for i in items):
            raise EditRejected(f"the project already has an initiative called “{initiative.name}”")
        self.doc, self.initiative = doc, initiative
        self.text = f"Add initiative {initiative.name}"

    def do(self) -> None:
        """Apply the edit."""
        self.doc.project.portfolio.initiatives.append(self.initiative)
        self.doc.notify_portfolio()

    def undo(self) -> None:
        """Revert the edit."""
        self.doc.project.portfolio.initiatives.remove(self.initiative)
        self.doc.notify_portfolio()


def new_initiative(doc: ProjectDocument, name: str) -> AddInitiative:
    """Command adding an initiative called `name` with the default phases and policy (validated)."""
    name = (name or "").strip()
    if not name:
        raise EditRejected("an initiative needs a name")
    return AddInitiative(doc, initiative=validated(Initiative, {"id": name, "name": name}))


def _without(sc: Scenario, initiative_id: str) -> dict[str, Any]:
    """A scenario's settings with every mention of one initiative taken out."""
    return {"initiative_ids": [x for x in sc.initiative_ids if x != initiative_id],
            "policy_overrides": {k: v for k, v in sc.policy_overrides.items() if k != initiative_id},
            "budget_overrides": {k: v for k, v in sc.budget_overrides.items() if k != initiative_id},
            "pins": [p for p in sc.pins if p.initiative != initiative_id],
            "exclusions": [e for e in sc.exclusions if e.initiative != initiative_id],
            "sourcing_limits": [x for x in sc.sourcing_limits if x.initiative != initiative_id]}


class DeleteInitiative(Command):
    """Delete an initiative with its scenario settings, pins and exclusions (one undo step brings all back)."""

    def __init__(self, doc: ProjectDocument, *, initiative_id: str) -> None:
        self.doc = doc
        self.index = _index(doc, initiative_id)
        self.initiative = doc.project.portfolio.initiatives[self.index]
        self.before = {sc.name: {k: getattr(sc, k) for k in _without(sc, initiative_id)} for sc in doc.project.scenarios}
        self.after = {sc.name: _without(sc, initiative_id) for sc in doc.project.scenarios}
        self.references = sum(len(sc.pins) + len(sc.exclusions) - len(self.after[sc.name]["pins"])
                              - len(self.after[sc.name]["exclusions"]) for sc in doc.project.scenarios)
        self.text = f"Delete initiative {self.initiative.name}"

    def _scenarios(self, state: dict[str, dict[str, Any]]) -> None:
        for sc in self.doc.project.scenarios:
            for key, value in state.get(sc.name, {}).items():
                setattr(sc, key, value)

    def do(self) -> None:
        """Apply the edit."""
        self.doc.project.portfolio.initiatives.pop(self.index)
        self._scenarios(self.after)
        self.doc.notify_portfolio()
        self.doc.notify_scenario()

    def undo(self) -> None:
        """Revert the edit."""
        self.doc.project.portfolio.initiatives.insert(self.index, self.initiative)
        self._scenarios(self.before)
        self.doc.notify_portfolio()
        self.doc.notify_scenario()
