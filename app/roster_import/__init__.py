"""Import the HR roster as HR sent it: xlsx/xlsm/ods/xls/csv, any header layout, any skill scale.

Public API (stable; the wizard and the CLI call it): `inspect_file`, `suggest_mapping`, `import_roster`,
`check_output_schema`, and the models they use.
"""
from app.roster_import.importer import detect_layout, import_roster, inspect_file
from app.roster_import.mapping import suggest_mapping
from app.roster_import.models import (
    ColumnMapping,
    ColumnTarget,
    FileInfo,
    ImportCancelled,
    ImportCounts,
    ImportOptions,
    ImportResult,
    RowIssue,
    Severity,
)
from app.roster_import.report import check_output, check_output_schema, summary_lines

__all__ = [
    "ColumnMapping", "ColumnTarget", "FileInfo", "ImportCancelled", "ImportCounts", "ImportOptions", "ImportResult",
    "RowIssue", "Severity", "check_output", "check_output_schema", "detect_layout", "import_roster", "inspect_file",
    "suggest_mapping", "summary_lines",
]
