"""Edits as commands: small classes with symmetric do/undo and a human text, wrapped for one QUndoStack."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand, QUndoStack


class Command:
    """One user edit; `do` and `undo` must be exact inverses and `text` reads like 'Set Ana's FTE to 0.8'."""

    text: str = "Edit"

    def do(self) -> None:
        """Apply the edit."""
        raise NotImplementedError

    def undo(self) -> None:
        """Revert the edit."""
        raise NotImplementedError


class FunctionCommand(Command):
    """A command from two callables, for edits that are one assignment each way."""

    def __init__(self, text: str, *, do: Callable[[], None], undo: Callable[[], None]) -> None:
        self.text = text
        self._do, self._undo = do, undo

    def do(self) -> None:
        """Apply the edit."""
        self._do()

    def undo(self) -> None:
        """Revert the edit."""
        self._undo()


class CompoundCommand(Command):
    """Several commands done in order and undone in reverse, shown as one undo step."""

    def __init__(self, text: str, children: Sequence[Command]) -> None:
        self.text = text
        self.children = list(children)

    def do(self) -> None:
        """Apply every child in order."""
        for child in self.children:
            child.do()

    def undo(self) -> None:
        """Revert every child in reverse order."""
        for child in reversed(self.children):
            child.undo()


class QtUndoCommand(QUndoCommand):
    """Thin QUndoCommand over a Command: QUndoStack calls redo() on push, which runs do()."""

    def __init__(self, command: Command) -> None:
        super().__init__(command.text)
        self.command = command

    def redo(self) -> None:
        """Qt's name for do."""
        self.command.do()

    def undo(self) -> None:
        """Revert."""
        self.command.undo()


def push(stack: QUndoStack, command: Command) -> None:
    """Run a command through the undo stack (so it can be undone with Ctrl+Z)."""
    stack.push(QtUndoCommand(command))
