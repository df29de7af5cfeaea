"""Reading the roster for `plan` and `gaps`: the import, and the warnings a planner must see before the result."""
from __future__ import annotations

import sys

from app.roster_import import ColumnMapping, ImportResult, import_roster


def read_roster(path: str, *, catalogue, sheet: str | None, header_row: int | None,
                mapping_file: str | None) -> ImportResult:
    """Imports the roster and prints, as warnings, what changes how to read the plan or gaps that follow:
    rows rejected, and what the whole sheet lacks (no skills, no FTE, no ids …); row-level notes stay in `check`."""
    mapping = ColumnMapping.load(mapping_file) if mapping_file else None
    result = import_roster(path, catalogue=catalogue, sheet=sheet, header_row=header_row, mapping=mapping)
    if result.counts.rejected:
        print(f"warning: {result.counts.rejected} roster row(s) rejected; see 'phasegate check {path}'",
              file=sys.stderr)
    for issue in result.warnings:
        if issue.row is None:
            print(f"warning: {issue.reason}", file=sys.stderr)
    return result
