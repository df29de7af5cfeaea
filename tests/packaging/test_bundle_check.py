"""`phasegate --bundle-check`: each check run from source, and the report it prints."""
from __future__ import annotations

import bundle_check


def test_solver_check_solves_to_optimality() -> None:
    assert bundle_check.check_solver() == "optimal 14"


def test_excel_check_round_trips_a_workbook() -> None:
    assert bundle_check.check_excel_round_trip() == "xlsx written by XlsxWriter, read back by calamine and openpyxl"


def test_library_check_exercises_each_helper() -> None:
    assert "rapidfuzz" in bundle_check.check_libraries()


def test_entry_point_check_finds_the_gui_entry_points() -> None:
    assert bundle_check.check_entry_points() == "run, self_test"


def test_own_module_check_imports_every_module_but_never_runs_main(tmp_path, monkeypatch) -> None:
    package = tmp_path / "pg_demo_pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("VALUE = 1\n")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "b.py").write_text("VALUE = 2\n")
    (package / "__main__.py").write_text("raise SystemExit('the command line ran')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(bundle_check, "OWN_PACKAGES", ("pg_demo_pkg",))
    assert bundle_check.check_own_modules() == "4 modules"


def test_qt_check_renders_the_svg_icon_and_shows_a_window(qapp) -> None:
    assert bundle_check.check_qt().endswith("SVG icon rendered")


def test_report_prints_one_line_per_check_and_fails_when_one_fails(monkeypatch, capsys) -> None:
    def broken() -> str:
        raise RuntimeError("no icons found")

    monkeypatch.setattr(bundle_check, "CHECKS", (("good", lambda: "fine"), ("bad", broken)))
    assert bundle_check.run_checks() == 1
    assert capsys.readouterr().out.splitlines() == [
        "ok   good: fine",
        "FAIL bad: RuntimeError: no icons found",
        "bundle check: 1 failed",
    ]


def test_pdf_check_writes_a_pdf_with_embedded_fonts(qapp) -> None:
    assert bundle_check.check_pdf().startswith("PDF written with embedded fonts")
