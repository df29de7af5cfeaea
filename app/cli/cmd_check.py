"""`phasegate check ROSTER`: read a roster as HR sent it and say what would be imported, rejected and why.

When a column cannot be decided, check asks instead of guessing: it exits 1, lists the unsure columns with the
candidates it considered, and writes a ready-to-edit mapping file to pass back with --mapping.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.errors import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the `check` sub-command."""
    parser = subparsers.add_parser("check", help="check an HR roster file before importing it",
                                   description="Read a roster (xlsx, xlsm, ods, xls, csv) and report what would be "
                                               "imported, rejected and why. Exit 0 importable, 1 not importable or "
                                               "a column needs your decision (a mapping file to edit is written), "
                                               "2 unreadable file or usage error.")
    parser.add_argument("roster", metavar="ROSTER", help="the roster file as HR sent it")
    parser.add_argument("--sheet", help="sheet to read (default: the one that looks like a roster)")
    parser.add_argument("--header-row", type=int, metavar="N", help="1-based row of the header (default: detect)")
    parser.add_argument("--mapping", metavar="FILE", help="column mapping (all or some columns) saved earlier or "
                                                          "written by a check that asked")
    parser.add_argument("--save-mapping", metavar="FILE", help="save the column mapping (also when the import stops "
                                                               "to ask), to edit and reuse")
    parser.add_argument("--catalogue", metavar="FILE", help="skill catalogue YAML (default: the bundled one)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON (see 'phasegate schema')")
    parser.set_defaults(handler=run)


def _catalogue(path: str | None):
    from app.templates import load_catalogue

    return load_catalogue(path)


def mapping_file_for(roster: str, *, save_to: str | None, given: str | None) -> Path:
    """Where a suggested mapping is written: --save-mapping, else '<roster name>.mapping.json' here (never over
    a file the user did not name: a number is added instead)."""
    if save_to:
        return Path(save_to)
    base = Path.cwd() / f"{Path(roster).stem}.mapping.json"
    path, n = base, 2
    while path.exists() and (given is None or path.resolve() != Path(given).resolve()):
        path = base.with_name(f"{Path(roster).stem}.mapping-{n}.json")
        n += 1
    return path


def run(args: argparse.Namespace) -> int:
    """Imports the roster, prints the summary or JSON, returns 0 (importable); asks (exit 1) when unsure."""
    from app.roster_import import (  # not for --help
        ColumnMapping,
        UnsureColumnsError,
        check_output,
        import_roster,
        question_lines,
        summary_lines,
    )
    from app.roster_import.models import MappingNeeded

    if args.header_row is not None and args.header_row < 1:
        raise UsageError("--header-row must be 1 or more")
    mapping = ColumnMapping.load(args.mapping) if args.mapping else None
    try:
        result = import_roster(args.roster, catalogue=_catalogue(args.catalogue), sheet=args.sheet,
                               header_row=args.header_row, mapping=mapping)
    except MappingNeeded as exc:
        if not isinstance(exc, UnsureColumnsError) and not args.save_mapping:
            raise  # nothing to ask about column by column: the one error line says what is missing
        path = mapping_file_for(args.roster, save_to=args.save_mapping, given=args.mapping)
        exc.mapping.save(path)
        if isinstance(exc, UnsureColumnsError):
            if args.json:
                json.dump(_questions_json(exc, path), sys.stdout, indent=2, ensure_ascii=False)
                sys.stdout.write("\n")
            else:
                print("\n".join(question_lines(exc, mapping_file=str(path), roster=args.roster)))
        elif not args.json:
            print(f"Mapping written to {path}: set the target of the column that holds the names to \"name\", "
                  f"then run: phasegate check {args.roster} --mapping {path}")
        raise
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


def _questions_json(exc, path: Path) -> dict:
    """The --json answer of a check that asks: the unsure columns, their candidates, and the mapping file."""
    from app.roster_import import label

    questions = []
    for name in exc.mapping.unsure():
        entry = exc.mapping.columns[name]
        questions.append({"column": name, "suggestion": entry.target, "label": label(entry.target),
                          "confidence": entry.confidence, "reason": entry.reason,
                          "candidates": [c.model_dump() for c in entry.candidates]})
    return {"status": "needs_decision", "error": exc.one_line(), "questions": questions, "notes": exc.notes,
            "mapping_file": str(path), "mapping": exc.mapping.model_dump(mode="json")}
