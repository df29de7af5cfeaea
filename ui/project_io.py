"""File kinds the window recognises, and project open/save through app.project."""
from __future__ import annotations

from pathlib import Path

from app.project import EXTENSION, Project, open_project, save_project

PROJECT_SUFFIXES = (EXTENSION, ".json")
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt")
PROJECT_FILTER = f"Phasegate projects (*{EXTENSION});;All files (*)"
ROSTER_FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt);;All files (*)"

__all__ = ["PROJECT_FILTER", "ROSTER_FILTER", "Project", "is_project_file", "is_spreadsheet", "open_project",
           "save_project"]


def is_project_file(path: str | Path) -> bool:
    """True for project files (by suffix)."""
    return Path(path).suffix.lower() in PROJECT_SUFFIXES


def is_spreadsheet(path: str | Path) -> bool:
    """True for files the roster importer reads (by suffix)."""
    return Path(path).suffix.lower() in SPREADSHEET_SUFFIXES
