"""What reading approvers' decisions back yields: decisions to apply, and every change, note and problem by cell."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, computed_field

from app.domain.plans import Exclusion, Pin, Plan, SourcingLimit, TrainingRejection


class DecisionChange(BaseModel):
    """One change the reader understood (an approval, a rejection, an FTE edit, a comment)."""

    sheet: str
    row: int
    key: str
    action: Literal["approved", "rejected", "fte_edited", "commented"]
    text: str


class CellProblem(BaseModel):
    """A cell, row or sheet the reader could not use as the approver meant it, and what happened instead."""

    sheet: str
    row: int | None = None
    column: str | None = None
    value: str = ""
    reason: str

    def one_line(self) -> str:
        """`sheet 'Assignments', row 5, column 'FTE' ('abc'): reason`."""
        where = [f"sheet '{self.sheet}'"]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        shown = f" ({self.value!r})" if self.value else ""
        return f"{', '.join(where)}{shown}: {self.reason}"


class DeletedRow(BaseModel):
    """A decision row that was exported but is no longer in the workbook (its proposal would come back)."""

    sheet: str
    key: str
    label: str


class Approval(BaseModel):
    """An approved hire, contract or training: the re-plan keeps it while the plan still needs it, and says when not."""

    subject: Literal["hire", "contract", "training"]
    initiative: str = ""
    role: str = ""
    person_id: str | None = None
    skill: str | None = None
    fte: float | None = None
    comment: str = ""
    text: str


class DecisionResult(BaseModel):
    """Everything read back from a workbook: the decisions to apply, and each change, note or problem by cell.

    `complete` is False when anything an approver did could not be applied as meant (a problem or a deleted row):
    a re-plan then stops unless told to go on with what could be read.
    """

    file: str
    pins: list[Pin] = Field(default_factory=list)
    exclusions: list[Exclusion] = Field(default_factory=list)
    sourcing_limits: list[SourcingLimit] = Field(default_factory=list)
    rejected_trainings: list[TrainingRejection] = Field(default_factory=list)
    approvals: list[Approval] = Field(default_factory=list)
    changes: list[DecisionChange] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="Things done differently but fully understood (a "
                                                               "renamed sheet, the plan read from the project).")
    problems: list[CellProblem] = Field(default_factory=list)
    deleted: list[DeletedRow] = Field(default_factory=list)
    unchanged: int = Field(default=0, description="Rows still Proposed with nothing edited and no problem.")

    @computed_field
    @property
    def complete(self) -> bool:
        """True when every decision in the workbook could be applied as the approver meant it."""
        return not (self.problems or self.deleted)

    def summary_lines(self) -> list[str]:
        """What was understood and what was not, one line each, for the CLI and the app."""
        rejected_sourcing = sum(1 for s in self.sourcing_limits if s.rejected)
        lines = [f"{self.file}: {len(self.pins)} pin(s), {len(self.exclusions)} exclusion(s), "
                 f"{rejected_sourcing} rejected hire(s)/contract(s), "
                 f"{len(self.sourcing_limits) - rejected_sourcing} FTE limit(s) on hiring, "
                 f"{len(self.rejected_trainings)} rejected training(s), {len(self.approvals)} approved "
                 f"hire(s)/contract(s)/training(s), {len(self.deleted)} deleted row(s), {len(self.problems)} "
                 f"problem(s), {self.unchanged} row(s) unchanged"]
        lines += [f"  {n}" for n in self.notes]
        lines += [f"  {c.sheet} row {c.row}: {c.text}" for c in self.changes]
        lines += [f"  deleted from {d.sheet}: {d.label} (its proposal comes back in a re-plan; mark it Rejected "
                  "to drop it)" for d in self.deleted]
        lines += [f"  problem: {p.one_line()}" for p in self.problems]
        return lines

    def approvals_dropped(self, plan: Plan) -> list[str]:
        """Each approved hire, contract or training a new plan no longer has, in words."""
        out = []
        for a in self.approvals:
            if a.subject == "training":
                kept = any((t.person_id, t.skill) == (a.person_id, a.skill) for t in plan.trainings)
            else:
                kept = any((h.initiative, h.role, h.kind) == (a.initiative, a.role, a.subject) for h in plan.hires)
            if not kept:
                out.append(f"{a.text}, but the new plan no longer needs it")
        return out
