"""What goes into the desktop bundle: package data, Qt plugins kept, modules excluded (used by phasegate.spec)."""
from __future__ import annotations

import posixpath
from pathlib import Path, PurePosixPath

#: Third-party modules the app needs at run time, listed so the bundle carries them even before every
#: module that imports them has landed (static analysis would otherwise miss lazily imported ones).
RUNTIME_LIBRARIES = (
    "pydantic",
    "networkx",
    "numpy",  # the gap analysis' skill matrix (also needed by ortools)
    "ortools.sat.python.cp_model",
    "openpyxl",
    "xlsxwriter",  # writes the approvers' workbook
    "defusedxml",
    "python_calamine",
    "olefile",  # tells encrypted OOXML and legacy .xls apart
    "rapidfuzz",
    "platformdirs",
    "yaml",
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtSvg",
)

#: Never shipped: test and REPL tools, GUI toolkits and science stacks Phasegate does not use, and the Qt
#: modules outside QtCore/QtGui/QtWidgets/QtSvg (QtPrintSupport stays possible: the UI may use it for PDF).
EXCLUDED_MODULES = (
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "lib2to3", "ensurepip", "venv", "distutils",
    "pytest", "_pytest", "pytestqt", "hypothesis", "pluggy", "iniconfig", "IPython", "jupyter_client",
    "ipykernel", "notebook", "matplotlib", "scipy", "PIL", "sphinx", "docutils", "setuptools", "pkg_resources",
    "pip", "wheel", "PyInstaller", "importlinter", "grimp", "highspy", "msoffcrypto", "ruff",
    "numpy.f2py", "numpy.tests", "pandas.tests", "pandas.io.formats.style", "jinja2", "rich", "pygments",
    "markdown_it", "mdurl", "ssl", "_ssl", "ftplib",
    "pydoc_data",  # help() topics
    # openpyxl only reads approvers' workbooks now, as fast with ElementTree/defusedxml; an lxml left in the build
    # environment would otherwise be bundled through openpyxl's optional import
    "lxml",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest", "PySide6.QtQmlFeatures", "PySide6.QtNetwork", "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets", "PySide6.Qt3DCore", "PySide6.QtMultimedia", "PySide6.QtDesigner",
    "PySide6.QtUiTools", "PySide6.QtHelp", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtDBus", "PySide6.QtConcurrent", "PySide6.QtXml",
    "PySide6.QtLabsStyleKit", "PySide6.QtSvgWidgets", "sqlite3",
)

#: Qt plugins kept, by plugin folder, as names without the `lib` prefix and file extension. Folders not
#: listed are dropped whole; `None` keeps the whole folder.
KEPT_QT_PLUGINS: dict[str, set[str] | None] = {
    # offscreen for the self-test and CI, xcb for X11/XWayland desktops, minimal as a last resort;
    # qwindows/qcocoa are the native ones on the other platforms.
    "platforms": {"qoffscreen", "qxcb", "qminimal", "qwindows", "qcocoa"},
    "imageformats": {"qsvg"},  # PNG is built into QtGui; the icons are SVG/PNG
    "iconengines": {"qsvgicon"},
    "platforminputcontexts": {"composeplatforminputcontextplugin"},  # dead keys/compose for accented names
    "xcbglintegrations": {"qxcb-glx-integration", "qxcb-egl-integration"},
    "platformthemes": {"qxdgdesktopportal"},  # native file dialogs through the portal; GTK theme dropped
    "styles": None,  # the native Windows/macOS styles
}
PRINT_SUPPORT_FOLDER = "printsupport"

#: Package data shipped inside the bundle (and the wheel), as globs relative to the repository root.
DATA_GLOBS = (
    "role_templates/**/*.yaml",
    "role_templates/**/*.yml",
    "role_templates/**/*.json",
    "app/sample_data/**/*",
    "app/**/*.yaml",  # the importer's header synonyms (app/roster_import/header_synonyms.yaml)
    "ui/resources/*",
)


def _plugin_name(filename: str) -> str:
    stem = filename.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_plugin(dest: str, *, print_support: bool = False) -> bool:
    """True unless `dest` (a bundle path) is a Qt plugin Phasegate does not use."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "plugins" not in parts:
        return True
    at = parts.index("plugins")
    if at == 0 or parts[at - 1] != "Qt" or len(parts) - at < 3:
        return True
    folder, filename = parts[at + 1], parts[-1]
    if folder == PRINT_SUPPORT_FOLDER:
        return print_support
    if folder not in KEPT_QT_PLUGINS:
        return False
    wanted = KEPT_QT_PLUGINS[folder]
    return wanted is None or _plugin_name(filename) in wanted


def keep_data(dest: str) -> bool:
    """True unless `dest` is a data file the bundle does not need (Qt's translations: the UI is English)."""
    return "/Qt/translations/" not in "/" + dest.replace("\\", "/")


def data_files(root: Path) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for every package data file under `root` matching DATA_GLOBS."""
    found: dict[Path, None] = {}
    for pattern in DATA_GLOBS:
        for path in sorted(root.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".py", ".pyc"):
                found[path] = None
    return [(str(path), str(path.parent.relative_to(root))) for path in found]


def drop_dangling_symlinks(datas: list[tuple[str, str, str]], *,
                           shipped: list[str]) -> list[tuple[str, str, str]]:
    """`datas` without the SYMLINK entries whose target (a bundle path in `shipped`, or a kept link) was pruned."""
    present = {posixpath.normpath(dest.replace("\\", "/")) for dest in shipped}
    present |= {posixpath.normpath(d.replace("\\", "/")) for d, _src, kind in datas if kind != "SYMLINK"}
    links = [entry for entry in datas if entry[2] == "SYMLINK"]
    kept: set[tuple[str, str, str]] = set()
    changed = True
    while changed:  # a link may point at another link
        changed = False
        for dest, src, kind in links:
            if (dest, src, kind) in kept:
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(dest.replace("\\", "/")), src))
            if target in present:
                kept.add((dest, src, kind))
                present.add(posixpath.normpath(dest.replace("\\", "/")))
                changed = True
    return [entry for entry in datas if entry[2] != "SYMLINK" or entry in kept]
