"""The `phasegate` command line. Each sub-command lives in its own module with `register(subparsers)`."""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from app import __version__
from app.errors import PhasegateError

#: Sub-command modules, in the order `--help` lists them. Each defines `register(subparsers)`.
COMMAND_MODULES = (
    "app.cli.cmd_check",
    "app.cli.cmd_templates",
    "app.cli.cmd_gaps",
    "app.cli.cmd_plan",
    "app.cli.cmd_export",
    "app.cli.cmd_decisions",
    "app.cli.cmd_schema",
    "app.cli.cmd_demo",
)


class _Parser(argparse.ArgumentParser):
    """argparse that raises a one-line usage error (exit 2) instead of printing usage and exiting."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse override
        raise PhasegateError(f"{self.prog}: {message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every available sub-command."""
    parser = _Parser(prog="phasegate", description="Phasegate: staff AI initiatives for the next phase.")
    parser.add_argument("--version", action="version", version=f"phasegate {__version__}")
    parser.add_argument("--self-test", action="store_true", help="open the window offscreen, solve, export, exit 0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that command is not built yet
                continue
            raise
        module.register(sub)
    return parser


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:  # argparse offers no public accessor for sub-command names
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: returns the process exit code; errors are one `error:` line on stderr, never a traceback."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    args_in = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
        first = next((a for a in args_in if not a.startswith("-")), None)
        if "--self-test" in args_in:
            from app.cli.cmd_demo import run_self_test

            return run_self_test()
        if first is None and not any(a in ("-h", "--help", "--version") for a in args_in):
            from app.cli.cmd_demo import open_window

            return open_window(None)
        if first is not None and first not in _commands(parser):
            from app.cli.cmd_demo import open_window

            return open_window(first)
        args = parser.parse_args(args_in)
        return int(args.handler(args) or 0)
    except PhasegateError as exc:
        print(f"error: {exc.one_line()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    except MemoryError:
        print("error: out of memory; the input is larger than this machine can hold", file=sys.stderr)
        return 2
    except Exception as exc:  # last resort: still one line, never a traceback
        logging.getLogger("phasegate").debug("unexpected error", exc_info=True)
        print(f"error: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
