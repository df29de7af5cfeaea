"""What reading approvers' decisions back yields: decisions to apply, and every change, note and problem by cell."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, computed_field

from app.domain.plans import Approval, Exclusion, Pin, Plan, SourcingLimit, TrainingRejection
from app.planning.words.numbers import count


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
    without_pay: str = Field(default="", description="The reason without any amount, for readers who must not see "
                                                     "pay; set only when `reason` or `value` holds one.")

    def one_line(self, *, include_pay: bool = True) -> str:
        """`sheet 'Assignments', row 5, column 'FTE' ('abc'): reason` (no amount at all without pay)."""
        hide = not include_pay and bool(self.without_pay)
        where = [f"sheet '{self.sheet}'"]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        shown = f" ({self.value!r})" if self.value and not hide else ""
        return f"{', '.join(where)}{shown}: {self.without_pay if hide else self.reason}"


class DeletedRow(BaseModel):
    """A decision row that was exported but is no longer in the workbook (its proposal would come back)."""

    sheet: str
    key: str
    label: str


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
    initiatives: list[str] = Field(default_factory=list, description="The initiative ids the workbook's decision "
                                                                     "rows name (to tell another project's workbook).")

    @computed_field
    @property
    def complete(self) -> bool:
        """True when every decision in the workbook could be applied as the approver meant it."""
        return not (self.problems or self.deleted)

    def kind_lines(self) -> list[str]:
        """How many decisions of each kind were read and what each does, one line per kind found (the app's list)."""
        rejected = sum(1 for s in self.sourcing_limits if s.rejected)
        kinds = [
            (len(self.pins), "approved (or FTE-edited) assignment", None, "pinned, the re-plan keeps {them}"),
            (len(self.exclusions), "rejected assignment", None, "{those} excluded from that initiative"),
            (rejected, "rejected hire or contract", "rejected hires or contracts",
             "the re-plan does not hire or contract there"),
            (len(self.sourcing_limits) - rejected, "hire or contract limited to a lower FTE",
             "hires or contracts limited to a lower FTE", ""),
            (len(self.rejected_trainings), "rejected training", None, "the re-plan does not rely on {them}"),
            (len(self.approvals), "approved hire, contract or training", "approved hires, contracts or trainings",
             "kept while the plan still needs {them}"),
            (self.unchanged, "row unchanged (still Proposed)", "rows unchanged (still Proposed)", ""),
        ]
        out = []
        for n, noun, plural, does in kinds:
            if n:
                what = does.format(them="it" if n == 1 else "them",
                                   those="that person is" if n == 1 else "those people are")
                out.append(count(n, noun, plural) + (f": {what}" if what else ""))
        return out

    def change_lines(self) -> list[str]:
        """Each decision understood, where it stands: `Assignments row 5: approved Ana Duarte → …`."""
        return [f"{c.sheet} row {c.row}: {c.text}" for c in self.changes]

    def problem_lines(self, *, include_pay: bool = True) -> list[str]:
        """Each deleted row and each problem, one line each (no amount without pay)."""
        lines = [f"deleted from {d.sheet}: {d.label} (its proposal comes back in a re-plan; mark it Rejected to drop "
                 "it)" for d in self.deleted]
        return lines + [f"problem: {p.one_line(include_pay=include_pay)}" for p in self.problems]

    def summary_lines(self, *, include_pay: bool = True) -> list[str]:
        """What was understood and what was not, one line each, for the CLI and the app (no amount without pay)."""
        rejected_sourcing = sum(1 for s in self.sourcing_limits if s.rejected)
        parts = [count(len(self.pins), "pin"), count(len(self.exclusions), "exclusion"),
                 count(rejected_sourcing, "rejected hire or contract", "rejected hires or contracts"),
                 count(len(self.sourcing_limits) - rejected_sourcing, "FTE limit on hiring", "FTE limits on hiring"),
                 count(len(self.rejected_trainings), "rejected training"),
                 count(len(self.approvals), "approved hire, contract or training",
                       "approved hires, contracts or trainings"),
                 count(len(self.deleted), "deleted row"), count(len(self.problems), "problem"),
                 count(self.unchanged, "row unchanged", "rows unchanged")]
        lines = [f"{self.file}: {', '.join(parts)}"]
        return lines + [f"  {line}" for line in (*self.notes, *self.change_lines(),
                                                 *self.problem_lines(include_pay=include_pay))]

    def approvals_dropped(self, plan: Plan) -> list[str]:
        """Each approved hire, contract or training a new plan no longer has, in words."""
        return [f"{a.text}, but the new plan no longer needs it" for a in self.approvals if not a.kept_by(plan)]
