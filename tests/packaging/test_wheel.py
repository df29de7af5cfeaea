"""`pip install .` ships the role templates, the sample project and the icons as package data."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.packaging.paths import ICON_SIZES, ROOT

SOURCES = ("pyproject.toml", "README.md", "app", "solver", "ui", "role_templates")


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """File names inside a wheel built from a snapshot of the sources (so parallel edits don't disturb it)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            src.mkdir(exist_ok=True)
            shutil.copy(path, src / name)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w", str(tmp / "out")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = (tmp / "out").glob("phasegate-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def _source_files(folder: str, suffixes: tuple[str, ...]) -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).rglob("*")
            if p.is_file() and p.suffix.lower() in suffixes and "__pycache__" not in p.parts}


def test_wheel_contains_every_role_template(wheel_names: set[str]) -> None:
    templates = _source_files("role_templates", (".yaml", ".yml", ".json"))
    assert templates, "no role templates in the source tree"
    assert templates <= wheel_names, sorted(templates - wheel_names)


def test_wheel_contains_the_sample_roster(wheel_names: set[str]) -> None:
    assert (ROOT / "app" / "sample_data").is_dir(), "app/sample_data/ (the sample project) is not in the tree yet"
    sample = _source_files("app/sample_data", (".xlsx", ".csv", ".yaml", ".yml", ".json"))
    assert any(name.endswith(".xlsx") for name in sample), "no sample roster .xlsx in app/sample_data/"
    assert sample <= wheel_names, sorted(sample - wheel_names)


def test_wheel_contains_the_icons(wheel_names: set[str]) -> None:
    icons = {"ui/resources/phasegate.svg", *(f"ui/resources/phasegate-{s}.png" for s in ICON_SIZES)}
    assert icons <= wheel_names, sorted(icons - wheel_names)


def test_wheel_declares_the_command_and_gui_entry_points(wheel_names: set[str]) -> None:
    assert "phasegate-0.1.0.dist-info/entry_points.txt" in wheel_names
    assert not any(name.startswith(("tests/", "benchmarks/", "packaging/")) for name in wheel_names)
