"""Errors written for a delivery lead: one line, naming the file, sheet, row and column where known."""
from __future__ import annotations


class PhasegateError(Exception):
    """A problem the user can act on. `str()` is the one line shown; `exit_code` is what the CLI returns."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.message = message
        self.file, self.sheet, self.row, self.column = file, sheet, row, column
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """`file, sheet 'S', row 4, column 'FTE': message` with the parts that are known."""
        where = []
        if self.file:
            where.append(self.file)
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        text = " ".join(self.message.split())
        return f"{', '.join(where)}: {text}" if where else text


class UnreadableFileError(PhasegateError):
    """The file cannot be read at all (corrupt, encrypted, not a spreadsheet, too large). Exit code 2."""

    exit_code = 2


class NotImportableError(PhasegateError):
    """The file reads, but holds no roster we can use (e.g. no name column). Exit code 1."""

    exit_code = 1


class DecisionsNotAppliedError(PhasegateError):
    """Approvers' decisions that cannot all be applied (unread cells, a rejection the plan cannot keep). Exit 1."""

    exit_code = 1


class TemplateError(PhasegateError):
    """A role template or skill catalogue file is invalid. Exit code 2."""

    exit_code = 2


class UsageError(PhasegateError):
    """The command was called wrongly. Exit code 2."""

    exit_code = 2


class ProjectFileError(PhasegateError):
    """A project file cannot be opened (corrupt, from a newer version). Exit code 2."""

    exit_code = 2


class NeedsAnswerError(PhasegateError):
    """The input reads, but Phasegate must be told something it will not guess (the message says what). Exit 1."""

    exit_code = 1
