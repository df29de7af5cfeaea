"""`phasegate --bundle-check`: proves a frozen bundle carries its modules, data, Qt plugins and solver."""
from __future__ import annotations

import importlib
import pkgutil
import sys
import tempfile
from collections.abc import Callable
from importlib.metadata import entry_points
from importlib.resources import files
from pathlib import Path

OWN_PACKAGES = ("app", "solver", "ui", "role_templates")


def check_entry_points() -> str:
    """The `phasegate.gui` entry points the core uses to find the window are in the bundled metadata."""
    names = sorted(ep.name for ep in entry_points(group="phasegate.gui"))
    if not {"run", "self_test"} <= set(names):
        raise RuntimeError(f"phasegate.gui entry points missing (found {names or 'none'})")
    return ", ".join(names)


def check_own_modules() -> str:
    """Every module of Phasegate's own packages imports inside the bundle."""
    count = 0
    for package_name in OWN_PACKAGES:
        package = importlib.import_module(package_name)
        count += 1
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            if info.name.endswith(".__main__"):  # importing it would run the command line
                continue
            importlib.import_module(info.name)
            count += 1
    return f"{count} modules"


def _data_count(package: str, subdir: str, suffixes: tuple[str, ...]) -> int:
    root = files(package).joinpath(subdir) if subdir else files(package)
    if not root.is_dir():
        return 0
    return sum(1 for p in Path(str(root)).rglob("*") if p.is_file() and p.suffix.lower() in suffixes)


def check_package_data() -> str:
    """Role templates, the sample project and the icons are reachable through importlib.resources."""
    templates = _data_count("role_templates", "", (".yaml", ".yml", ".json"))
    sample = _data_count("app", "sample_data", (".xlsx", ".csv", ".yaml", ".yml", ".json", ".phasegate"))
    icons = _data_count("ui", "resources", (".svg", ".png"))
    missing = [name for name, n in (("role templates", templates), ("sample project", sample), ("icons", icons))
               if n == 0]
    if missing:
        raise RuntimeError(f"no {', no '.join(missing)} found")
    return f"{templates} templates, {sample} sample files, {icons} icons"


def check_solver() -> str:
    """OR-Tools CP-SAT loads its native library and solves a two-variable model to optimality."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    x, y = model.new_int_var(0, 10, "x"), model.new_int_var(0, 10, "y")
    model.add(x + y <= 7)
    model.maximize(2 * x + y)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.solve(model)
    if status != cp_model.OPTIMAL or solver.objective_value != 14:
        raise RuntimeError(f"CP-SAT returned {solver.status_name(status)} with objective {solver.objective_value}")
    return "optimal 14"


def check_excel_round_trip() -> str:
    """XlsxWriter (the export's writer) writes a workbook that python-calamine and openpyxl (the decisions reader)
    both read back."""
    import openpyxl
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "check.xlsx"
        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, ["role", "fte"])
        sheet.write_row(1, 0, ["mlops_engineer", 0.5])
        book.close()
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        again = openpyxl.load_workbook(path, read_only=True)
        back = [tuple(r) for r in again.active.iter_rows(values_only=True)]
        again.close()
    if rows[1] != ["mlops_engineer", 0.5] or back != [("role", "fte"), ("mlops_engineer", 0.5)]:
        raise RuntimeError(f"round trip gave {rows!r} and {back!r}")
    return "xlsx written by XlsxWriter, read back by calamine and openpyxl"


def check_libraries() -> str:
    """The pure-Python helpers the core uses import and work (YAML, fuzzy match, graphs, settings paths)."""
    import defusedxml.ElementTree
    import networkx
    import platformdirs
    import pydantic
    import yaml
    from rapidfuzz import fuzz

    graph = networkx.Graph([("a", "b")])
    ok = (
        yaml.safe_load("a: 1") == {"a": 1}
        and fuzz.ratio("Employee ID", "Employee Id") > 80
        and graph.number_of_edges() == 1
        and platformdirs.user_config_dir("phasegate")
        and defusedxml.ElementTree.fromstring("<a/>").tag == "a"
        and pydantic.TypeAdapter(int).validate_python("3") == 3
    )
    if not ok:
        raise RuntimeError("a helper library returned an unexpected result")
    return "yaml, rapidfuzz, networkx, platformdirs, defusedxml, pydantic"


def check_qt() -> str:
    """Qt starts on the current platform plugin, renders the SVG icon and shows a window."""
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    icon_path = Path(str(files("ui").joinpath("resources", "phasegate.svg")))
    icon = QIcon(str(icon_path))
    if icon.pixmap(16, 16).isNull():
        raise RuntimeError(f"the SVG icon did not render (svg plugins missing?) from {icon_path.name}")
    window = QMainWindow()
    window.setWindowIcon(icon)
    window.resize(320, 200)
    window.show()
    app.processEvents()
    visible = window.isVisible()
    window.close()
    if not visible:
        raise RuntimeError("the window did not show")
    return f"platform {QGuiApplication.platformName()}, SVG icon rendered"


def check_pdf() -> str:
    """Qt writes a PDF with embedded fonts (the steering-committee summary is printed this way)."""
    from PySide6.QtGui import QPdfWriter, QTextDocument
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "check.pdf"
        writer = QPdfWriter(str(path))
        document = QTextDocument()
        document.setHtml("<h1>Phasegate</h1><p>Coverage 99 % — Zoë Ødegård</p>")
        document.print_(writer)
        del writer  # the file is finished when the writer goes away
        data = path.read_bytes()
    if not data.startswith(b"%PDF") or b"/FontFile" not in data:
        raise RuntimeError(f"the PDF has {'no embedded font' if data.startswith(b'%PDF') else 'no PDF header'}"
                           " (fontconfig or system fonts missing?)")
    return f"PDF written with embedded fonts ({len(data):,} bytes)"


CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("entry points", check_entry_points),
    ("own modules", check_own_modules),
    ("package data", check_package_data),
    ("solver", check_solver),
    ("excel", check_excel_round_trip),
    ("libraries", check_libraries),
    ("qt", check_qt),
    ("pdf", check_pdf),
)


def run_checks() -> int:
    """Runs every check, prints one line each, and returns 0 only when all pass."""
    failed = 0
    for name, check in CHECKS:
        try:
            print(f"ok   {name}: {check()}")
        except Exception as exc:  # a check reports, it never stops the others
            failed += 1
            print(f"FAIL {name}: {type(exc).__name__}: {exc}")
    print("bundle check: all passed" if not failed else f"bundle check: {failed} failed")
    return 0 if not failed else 1
