"""`phasegate check ROSTER`: read a roster as HR sent it and say what would be imported, rejected and why."""
from __future__ import annotations

import argparse
import json
import sys

from app.errors import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the `check` sub-command."""
    parser = subparsers.add_parser("check", help="check an HR roster file before importing it",
                                   description="Read a roster (xlsx, xlsm, ods, xls, csv) and report what would be "
                                               "imported, rejected and why. Exit 0 importable, 1 not importable, "
                                               "2 unreadable file or usage error.")
    parser.add_argument("roster", metavar="ROSTER", help="the roster file as HR sent it")
    parser.add_argument("--sheet", help="sheet to read (default: the one that looks like a roster)")
    parser.add_argument("--header-row", type=int, metavar="N", help="1-based row of the header (default: detect)")
    parser.add_argument("--mapping", metavar="FILE", help="column mapping saved earlier with --save-mapping")
    parser.add_argument("--save-mapping", metavar="FILE", help="save the column mapping used, to reuse it")
    parser.add_argument("--catalogue", metavar="FILE", help="skill catalogue YAML (default: the bundled one)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON (see 'phasegate schema')")
    parser.set_defaults(handler=run)


def _catalogue(path: str | None):
    from app.templates import load_catalogue

    return load_catalogue(path)


def run(args: argparse.Namespace) -> int:
    """Imports the roster, prints the summary or JSON, returns 0 (importable)."""
    from app.roster_import import ColumnMapping, check_output, import_roster, summary_lines  # not for --help

    if args.header_row is not None and args.header_row < 1:
        raise UsageError("--header-row must be 1 or more")
    mapping = ColumnMapping.load(args.mapping) if args.mapping else None
    result = import_roster(args.roster, catalogue=_catalogue(args.catalogue), sheet=args.sheet,
                           header_row=args.header_row, mapping=mapping)
    if args.save_mapping:
        result.mapping.save(args.save_mapping)
    if args.json:
        json.dump(check_output(result), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print("\n".join(summary_lines(result)))
        if args.save_mapping:
            print(f"Mapping saved to {args.save_mapping}")
    return 0
