"""Opening and saving project files through app.project, with a plain JSON fallback until its IO lands."""
from __future__ import annotations

import importlib
import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from app import __version__
from app.errors import ProjectFileError
from app.project import Project

PROJECT_SUFFIXES = (".phasegate", ".pgproj", ".json")
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt")
PROJECT_FILTER = "Phasegate projects (*.phasegate *.json);;All files (*)"
ROSTER_FILTER = "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt);;All files (*)"


def _core(name: str):
    try:
        module = importlib.import_module("app.project.io")
    except ModuleNotFoundError:
        module = importlib.import_module("app.project")
    return getattr(module, name, None)


def open_project(path: str | Path) -> Project:
    """Read a project file (one-line ProjectFileError when it cannot be used)."""
    core = _core("open_project") or _core("load_project")
    if core is not None:
        return core(Path(path))
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ProjectFileError(f"cannot read the project ({exc.strerror or exc})", file=Path(path).name) from None
    try:
        return Project.model_validate_json(text)
    except ValidationError as exc:
        raise ProjectFileError(f"not a Phasegate project ({exc.errors()[0]['msg']})", file=Path(path).name) from None


def save_project(project: Project, path: str | Path) -> None:
    """Write a project file atomically (temp file then rename)."""
    core = _core("save_project")
    if core is not None:
        core(project, Path(path))
        return
    target = Path(path)
    project.app_version = __version__
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".phasegate-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(project.model_dump_json(indent=1))
        os.replace(tmp, target)
    except OSError as exc:
        raise ProjectFileError(f"cannot save the project ({exc.strerror or exc})", file=target.name) from None


def is_project_file(path: str | Path) -> bool:
    """True for project files (by suffix)."""
    return Path(path).suffix.lower() in PROJECT_SUFFIXES


def is_spreadsheet(path: str | Path) -> bool:
    """True for files the roster importer reads (by suffix)."""
    return Path(path).suffix.lower() in SPREADSHEET_SUFFIXES
