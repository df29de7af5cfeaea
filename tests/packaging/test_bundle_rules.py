"""What the bundle recipe keeps and drops: Qt plugins, translations, package data, excluded modules."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from bundle_rules import (
    EXCLUDED_MODULES,
    RUNTIME_LIBRARIES,
    data_files,
    drop_dangling_symlinks,
    keep_data,
    keep_qt_plugin,
)

PLUGINS = "PySide6/Qt/plugins"


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        (f"{PLUGINS}/platforms/libqoffscreen.so", True),
        (f"{PLUGINS}/platforms/libqxcb.so", True),
        (f"{PLUGINS}/platforms/libqminimal.so", True),
        (f"{PLUGINS}/platforms/libqwayland.so", False),
        (f"{PLUGINS}/platforms/libqeglfs.so", False),
        (f"{PLUGINS}/platforms/libqvnc.so", False),
        (f"{PLUGINS}/imageformats/libqsvg.so", True),
        (f"{PLUGINS}/imageformats/libqpdf.so", False),
        (f"{PLUGINS}/imageformats/libqjpeg.so", False),
        (f"{PLUGINS}/iconengines/libqsvgicon.so", True),
        (f"{PLUGINS}/platformthemes/libqgtk3.so", False),
        (f"{PLUGINS}/wayland-shell-integration/libxdg-shell.so", False),
        (f"{PLUGINS}/tls/libqopensslbackend.so", False),
        (f"{PLUGINS}/printsupport/libcupsprintersupport.so", False),
        ("PySide6\\Qt\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\Qt\\plugins\\platforms\\qdirect2d.dll", False),
        ("PySide6\\Qt\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/lib/libQt6Gui.so.6", True),
        ("numpy/plugins/whatever.so", True),
    ],
)
def test_only_the_qt_plugins_phasegate_uses_are_kept(dest: str, kept: bool) -> None:
    assert keep_qt_plugin(dest) is kept


def test_print_support_plugin_follows_the_qtprintsupport_module() -> None:
    dest = f"{PLUGINS}/printsupport/libcupsprintersupport.so"
    assert keep_qt_plugin(dest, print_support=True) is True
    assert keep_qt_plugin(dest, print_support=False) is False


def test_qt_translations_are_dropped_and_other_data_kept() -> None:
    assert keep_data("PySide6/Qt/translations/qtbase_de.qm") is False
    assert keep_data("PySide6\\Qt\\translations\\qt_fr.qm") is False
    assert keep_data("role_templates/production.yaml") is True
    assert keep_data("pandas/io/formats/templates/html.tpl") is True


def test_data_files_collects_templates_sample_project_and_icons(tmp_path: Path) -> None:
    for rel in ("role_templates/__init__.py", "role_templates/phases/production.yaml", "role_templates/skills.json",
                "role_templates/__pycache__/x.yaml", "app/sample_data/roster.xlsx", "app/sample_data/README.txt",
                "ui/resources/phasegate.svg", "ui/resources/phasegate-16.png", "ui/app.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    pairs = {(Path(src).relative_to(tmp_path).as_posix(), dest) for src, dest in data_files(tmp_path)}
    assert pairs == {
        ("role_templates/phases/production.yaml", "role_templates/phases"),
        ("role_templates/skills.json", "role_templates"),
        ("app/sample_data/roster.xlsx", "app/sample_data"),
        ("app/sample_data/README.txt", "app/sample_data"),
        ("ui/resources/phasegate.svg", "ui/resources"),
        ("ui/resources/phasegate-16.png", "ui/resources"),
    }


def test_every_data_file_of_the_own_packages_is_shipped() -> None:
    """A data file the code reads but the bundle lacks breaks the app only once frozen (the header synonyms did:
    the bundle's self-test could not open the sample), so every non-Python file in app/, solver/, ui/ and
    role_templates/ that the wheel ships must be in the bundle's data too."""
    root = Path(__file__).resolve().parents[2]
    shipped = {Path(src).resolve() for src, _dest in data_files(root)}
    own = {p.resolve() for package in ("app", "solver", "ui", "role_templates") for p in (root / package).rglob("*")
           if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}
    assert own and sorted(str(p.relative_to(root)) for p in own - shipped) == []


def test_test_tools_and_unused_toolkits_are_excluded() -> None:
    for name in ("pytest", "_pytest", "hypothesis", "IPython", "tkinter", "PySide6.QtQml", "PySide6.QtQuick",
                 "PySide6.QtWebEngineCore", "PySide6.QtMultimedia", "PySide6.Qt3DCore"):
        assert name in EXCLUDED_MODULES


def test_no_runtime_library_is_excluded() -> None:
    for lib in RUNTIME_LIBRARIES:
        parts = lib.split(".")
        prefixes = {".".join(parts[: i + 1]) for i in range(len(parts))}
        assert not prefixes & set(EXCLUDED_MODULES), f"{lib} would be excluded from the bundle"


# Distribution names whose import name differs.
IMPORT_NAMES = {"python-calamine": "python_calamine", "pyyaml": "yaml", "pyside6-essentials": "PySide6"}


def test_every_runtime_dependency_of_the_project_is_bundled(root: Path) -> None:
    deps = tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]
    bundled = {lib.split(".")[0] for lib in RUNTIME_LIBRARIES}
    for dep in deps:
        dist = re.split(r"[<>=!~\[; ]", dep, maxsplit=1)[0].lower()
        name = IMPORT_NAMES.get(dist, dist.replace("-", "_"))
        assert name in bundled, f"dependency {dep!r} is not listed in packaging/bundle_rules.RUNTIME_LIBRARIES"


def test_spec_is_valid_python_and_uses_the_launcher(root: Path) -> None:
    source = (root / "packaging" / "phasegate.spec").read_text()
    compile(source, "phasegate.spec", "exec")
    assert "launch_phasegate.py" in source
    assert 'name="phasegate"' in source


def test_links_to_pruned_libraries_are_dropped_and_the_rest_kept() -> None:
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),  # library pruned
        ("libz.so.1", "ortools/.libs/libz.so.1", "SYMLINK"),
        ("libz.so", "libz.so.1", "SYMLINK"),  # a link to a kept link
        ("libnet.so", "libQt6Network.so.6", "SYMLINK"),  # a link to a dropped link
        ("app/sample_data/roster.xlsx", "/src/app/sample_data/roster.xlsx", "DATA"),
    ]
    shipped = ["PySide6/Qt/lib/libQt6Core.so.6", "ortools/.libs/libz.so.1"]
    kept = drop_dangling_symlinks(datas, shipped=shipped)
    assert [dest for dest, _src, _kind in kept] == [
        "libQt6Core.so.6", "libz.so.1", "libz.so", "app/sample_data/roster.xlsx"]


def test_the_workbook_writer_ships_and_help_topics_stay_out() -> None:
    assert "xlsxwriter" in RUNTIME_LIBRARIES and "xlsxwriter" not in EXCLUDED_MODULES  # writes the export
    assert "pydoc_data" in EXCLUDED_MODULES
    assert "lxml" in EXCLUDED_MODULES  # nothing uses it since openpyxl stopped writing the export
