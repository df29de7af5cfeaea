"""`phasegate decisions WORKBOOK [--json]`: what approvers decided in an exported plan workbook."""
from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the `decisions` sub-command."""
    parser = subparsers.add_parser(
        "decisions", help="read approvals, rejections and edits back from an exported plan workbook",
        description="Reads an exported plan workbook after approvers changed it and prints what was understood: "
                    "pins, exclusions, rejected hires, contracts and trainings, deleted rows, and every cell that "
                    "could not be used. Exit 0 when every decision could be read as meant, 1 when some could not "
                    "(listed), 2 when the file cannot be read.")
    parser.add_argument("workbook", help="the .xlsx file exported by Phasegate and edited by approvers")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Prints the decisions found in the workbook; exit 1 when some could not be applied as meant."""
    from app.export.decisions import read_decisions  # openpyxl: 0.3 s, not for --help

    result = read_decisions(args.workbook)
    if args.json:
        print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print("\n".join(result.summary_lines()))
    return 0 if result.complete else 1
