"""A real legacy .xls (BIFF8, written by LibreOffice from a CSV the test makes) imports like any other roster."""
from __future__ import annotations

import pytest

from app.roster_import import import_roster
from app.templates import load_catalogue
from tests.libreoffice import convert

pytestmark = pytest.mark.libreoffice

ROWS = [
    ("Employee ID", "Worker", "Business Title", "FTE", "Python (1-5)", "Kubernetes (1-5)"),
    ("E1", "Ana Lindqvist", "ML Engineer", "1", "4", "2"),
    ("E2", "Bo Carvalho", "Data Engineer", "0.5", "3", ""),
    ("E3", "Cy Okafor", "SRE", "0.8", "2", "4"),
]


def test_a_real_xls_file_imports_every_row(tmp_path):
    source = tmp_path / "legacy.csv"
    source.write_text("\n".join(",".join(row) for row in ROWS) + "\n", encoding="utf-8")
    convert(source, "xls:MS Excel 97", tmp_path)
    book = tmp_path / "legacy.xls"
    assert book.read_bytes()[:4] == bytes.fromhex("D0CF11E0"), "LibreOffice did not write an OLE2 .xls"

    result = import_roster(book, catalogue=load_catalogue())

    assert result.format == "xls"
    assert result.counts.imported == 3 and result.counts.rejected == 0
    people = {p.id: p for p in result.people}
    assert people["E2"].name == "Bo Carvalho" and people["E2"].fte == 0.5
    assert people["E1"].skills["python"].level == 4 and people["E3"].skills["kubernetes"].level == 4
