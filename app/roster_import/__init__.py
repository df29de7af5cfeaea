"""Import the HR roster as HR sent it: xlsx/xlsm/ods/xls/csv, any header layout, any skill scale.

Public API (the wizard and the CLI call it): `inspect_file`, `suggest_mapping`, `import_roster`,
`check_output_schema`, and the models they use. The steps, by module: read_file (read the file), find_header
(find the header), map_columns (map the columns, from header_words and value_profiles), data_rows (which rows hold
people), read_skills and skill_levels (read skills), check_row (check a row), importer (the two operations).
"""
from app.roster_import.importer import detect_layout, import_roster, inspect_file
from app.roster_import.map_columns import suggest_mapping
from app.roster_import.models import (
    ASK_BELOW,
    ColumnMapping,
    ColumnTarget,
    FileInfo,
    ImportCancelled,
    ImportCounts,
    ImportOptions,
    ImportResult,
    RowIssue,
    Severity,
    UnsureColumnsError,
)
from app.roster_import.report import check_output, check_output_schema, question_lines, summary_lines
from app.roster_import.targets import label

__all__ = [
    "ASK_BELOW", "ColumnMapping", "ColumnTarget", "FileInfo", "ImportCancelled", "ImportCounts", "ImportOptions",
    "ImportResult", "RowIssue", "Severity", "UnsureColumnsError", "check_output", "check_output_schema",
    "detect_layout", "import_roster", "inspect_file", "label", "question_lines", "suggest_mapping", "summary_lines",
]
