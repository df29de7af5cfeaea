"""The `phasegate` command line. Each sub-command lives in its own module with `register(subparsers)`."""
from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from app import __version__
from app.errors import PhasegateError, UsageError

#: Sub-command name → (module, one-line help), in the order `--help` lists them. Only the chosen command's module
#: is imported, so start-up stays fast: `phasegate check` does not load the optimiser or the Excel writer.
COMMANDS: dict[str, tuple[str, str]] = {
    "new": ("app.cli.cmd_new", "a project file from an HR roster, one initiative per name in its initiative column"),
    "check": ("app.cli.cmd_check", "import and validate an HR roster: every row imported or rejected with its reason"),
    "templates": ("app.cli.cmd_templates", "list, show or validate the phase role templates"),
    "gaps": ("app.cli.cmd_gaps", "skill gaps of an initiative moving to its next phase, by failure mode"),
    "availability": ("app.cli.cmd_availability", "who is free when: free FTE per person per week or month, the bench"),
    "plan": ("app.cli.cmd_plan", "an optimal, explained staffing plan for an initiative or a portfolio"),
    "decisions": ("app.cli.cmd_decisions", "read approvers' decisions back from an exported plan workbook"),
    "schema": ("app.cli.cmd_schema", "print the JSON Schema of an output or file format"),
    "demo": ("app.cli.cmd_demo", "open Phasegate on the bundled sample project (--headless: print it)"),
}


class _Parser(argparse.ArgumentParser):
    """argparse that raises a one-line usage error (exit 2) instead of printing usage and exiting."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse override
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: the full parser of `command`, and a one-line entry per other command for `--help`."""
    parser = _Parser(prog="phasegate", description="Phasegate: staff AI initiatives for the next phase.",
                     epilog="Without a command Phasegate opens the desktop app; 'phasegate FILE' opens a file in it.")
    parser.add_argument("--version", action="version", version=f"phasegate {__version__}")
    parser.add_argument("--self-test", action="store_true", help="open the window offscreen, solve, export, exit 0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module_name, help_text) in COMMANDS.items():
        if name == command:
            importlib.import_module(module_name).register(sub)
        else:
            sub.add_parser(name, help=help_text, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: returns the process exit code; errors are one `error:` line on stderr, never a traceback."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    args_in = list(sys.argv[1:] if argv is None else argv)
    try:
        first = next((a for a in args_in if not a.startswith("-")), None)
        parser = build_parser(first if first in COMMANDS else None)
        if "--self-test" in args_in:
            from app.cli.cmd_demo import run_self_test

            return run_self_test()
        if first is None and not any(a in ("-h", "--help", "--version") for a in args_in):
            from app.cli.cmd_demo import open_window

            return open_window(None)
        if first is not None and first not in COMMANDS:
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
    except BrokenPipeError:  # the reader stopped early ('phasegate check F | head'): nothing to say, as for `yes`
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit's flush
        return 141
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    except MemoryError:
        print("error: out of memory; the input is larger than this machine can hold", file=sys.stderr)
        return 2
    except Exception as exc:  # last resort: still one line, never a traceback
        logging.getLogger("phasegate").debug("unexpected error", exc_info=True)
        print(f"error: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
