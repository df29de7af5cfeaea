"""Shared fixtures: a small skill catalogue and helpers that write roster files of every kind."""
from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from app.domain.skills import Skill, SkillCatalogue


@pytest.fixture(scope="module", autouse=True)
def _run_in_a_temporary_folder(tmp_path_factory):
    """`phasegate check` writes the mapping file it asks about into the current folder: a test that forgets
    --save-mapping leaves it in a temporary folder, never in the repository."""
    before = Path.cwd()
    os.chdir(tmp_path_factory.mktemp("cwd"))
    yield
    os.chdir(before)


@pytest.fixture
def catalogue() -> SkillCatalogue:
    """A small catalogue with the canonical ids the tests use."""
    return SkillCatalogue(skills=[
        Skill(id="python", name="Python"),
        Skill(id="sql", name="SQL", aliases=("PostgreSQL",)),
        Skill(id="model_monitoring", name="Model monitoring", aliases=("MLOps monitoring",)),
        Skill(id="kubernetes", name="Kubernetes", aliases=("k8s",)),
        Skill(id="change_management", name="Change management"),
        Skill(id="data_modelling", name="Data modelling", aliases=("dbt",)),
    ])


def write_xlsx(path: Path, rows: list[list], *, title: str = "Sheet1", merges: tuple[str, ...] = (),
               text_cells: tuple[str, ...] = ()) -> Path:
    """Writes rows to an xlsx (cells named in text_cells are forced to text, e.g. '=Eve')."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for ref in text_cells:
        ws[ref].data_type = "s"
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Writes a text file in the given encoding."""
    path.write_bytes(text.encode(encoding))
    return path
