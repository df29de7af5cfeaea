"""Undoable edits made on the Timeline: a commitment's dates changed by dragging its bar or in the dates dialog."""
from __future__ import annotations

from datetime import date

from app.domain import Person
from app.domain.people import Commitment
from app.planning.words.numbers import day as day_text
from app.timeline.retime import touches, words
from app.timeline.window import target_window
from ui.commands import EditRejected, validated
from ui.document import ProjectDocument
from ui.undo import Command


def _first_name(person: Person) -> str:
    return person.name.split()[0] if person.name.split() else person.id


class SetCommitmentDates(Command):
    """Move one commitment ('Move Ines's Platform Migration commitment to 2026-11-02 – 2027-04-30').

    A plan whose target window the change does not reach stays as up to date as it was: the optimiser reads a
    person's time only inside that window (app/timeline/window.py), so the plan would come out the same.
    """

    def __init__(self, doc: ProjectDocument, *, person_id: str, index: int, start: date | None, end: date | None,
                 today: date | None = None) -> None:
        self.doc, self.person_id, self.today = doc, person_id, today or date.today()
        row = doc.row_of(person_id)
        if row < 0:
            raise EditRejected(f"no one in the roster has employee id '{person_id}'")
        self.before = doc.people[row]
        if not 0 <= index < len(self.before.commitments):
            raise EditRejected(f"{self.before.name} has no commitment number {index + 1}")
        old = self.before.commitments[index]
        who = f"{_first_name(self.before)}'s {old.initiative} commitment"
        if start is not None and end is not None and end < start:
            raise EditRejected(f"{who} cannot end on {day_text(end)}, before it starts on {day_text(start)}")
        new = validated(Commitment, {**old.model_dump(), "start": start, "end": end})
        commitments = list(self.before.commitments)
        commitments[index] = new
        self.after = self.before.model_copy(update={"commitments": commitments})
        self.spans = ((old.start, old.end), (new.start, new.end))
        self.text = f"Move {who} to run {words(start, end)}"

    def _untouched_plans(self) -> list[str]:
        """Scenarios whose plan is up to date and whose target window this change does not reach."""
        project, out = self.doc.project, []
        for sc in project.scenarios:
            chosen = project.planned_initiatives(sc)
            if sc.plan is None or not chosen or self.doc.is_stale(sc.name):
                continue
            horizon = max(i.policy.horizon_weeks for i in chosen)
            first, last = target_window(chosen, today=self.today, horizon_weeks=horizon)
            if not touches(*self.spans, first=first, last=last):
                out.append(sc.name)
        return out

    def _put(self, person: Person) -> None:
        keep = self._untouched_plans()
        row = self.doc.row_of(self.person_id)
        self.doc.people[row] = person  # in place first, so the plans it leaves alone are re-stamped before views hear
        for name in keep:
            self.doc.solved_with[name] = self.doc.project.plan_inputs(name)
        self.doc.set_person(row, person)

    def do(self) -> None:
        """Apply the edit."""
        self._put(self.after)

    def undo(self) -> None:
        """Revert the edit."""
        self._put(self.before)
