"""Each readable format imports; the format is sniffed from the bytes, not the name."""
from __future__ import annotations

import zipfile
from datetime import date

import openpyxl
import pytest

from app.roster_import import import_roster, inspect_file

from .conftest import write_text, write_xlsx

ROWS = [["Employee ID", "Name", "FTE", "Python", "SQL"], ["E1", "Ann Archer", 1, 4, 2], ["E2", "Bo Birch", 0.5, 3, 5]]


def _names(result):
    return [p.name for p in result.people]


def test_xlsx(tmp_path, catalogue):
    result = import_roster(write_xlsx(tmp_path / "r.xlsx", ROWS), catalogue=catalogue)
    assert result.format == "xlsx"
    assert _names(result) == ["Ann Archer", "Bo Birch"]
    assert result.people[1].fte == 0.5
    assert result.people[0].skills["python"].level == 4
    assert len(result.sha256) == 64


def test_xlsm_is_recognised(tmp_path, catalogue):
    path = write_xlsx(tmp_path / "r.xlsx", ROWS)
    xlsm = tmp_path / "r.xlsm"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(xlsm, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"spreadsheetml.sheet.main+xml",
                                    b"ms-excel.sheet.macroEnabled.main+xml")
            dst.writestr(info, data)
    result = import_roster(xlsm, catalogue=catalogue)
    assert result.format == "xlsm"
    assert _names(result) == ["Ann Archer", "Bo Birch"]


def _ods(path, rows):
    def cell(v):
        if isinstance(v, int | float):
            return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
    body = "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>" for r in rows)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="People">{body}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def test_ods_written_by_hand(tmp_path, catalogue):
    result = import_roster(_ods(tmp_path / "r.ods", ROWS), catalogue=catalogue)
    assert result.format == "ods"
    assert result.sheet == "People"
    assert _names(result) == ["Ann Archer", "Bo Birch"]
    assert result.people[1].skills["sql"].level == 5


def test_csv_with_bom_semicolon_and_decimal_comma(tmp_path, catalogue):
    text = "Employee ID;Name;FTE;Annual salary\nE1;Ann Archer;0,5;€95.000,00\nE2;Bo Birch;1;€120.500,50\n"
    path = write_text(tmp_path / "r.csv", "\ufeff" + text)
    result = import_roster(path, catalogue=catalogue)
    assert result.format == "csv"
    assert [p.id for p in result.people] == ["E1", "E2"]
    assert result.people[0].fte == 0.5
    assert result.people[0].cost_rate == 95000.0
    assert result.people[1].cost_rate == 120500.5


def test_csv_cp1252_is_read_and_reported(tmp_path, catalogue):
    path = write_text(tmp_path / "r.csv", "Employee ID,Name\nE1,Zoë Ångström\n", encoding="cp1252")
    result = import_roster(path, catalogue=catalogue)
    assert result.people[0].name == "Zoë Ångström"
    assert any("Windows-1252" in w.reason for w in result.warnings)


def test_tsv_and_utf16(tmp_path, catalogue):
    path = write_text(tmp_path / "r.txt", "\ufeffEmployee ID\tName\nE1\tAnn Archer\n", encoding="utf-16-le")
    result = import_roster(path, catalogue=catalogue)
    assert result.format == "tsv"
    assert result.people[0].name == "Ann Archer"


def test_csv_renamed_xlsx_imports_as_csv(tmp_path, catalogue):
    path = write_text(tmp_path / "roster.xlsx", "Employee ID,Name\nE1,Ann Archer\n")
    result = import_roster(path, catalogue=catalogue)
    assert result.format == "csv"
    assert result.people[0].id == "E1"


def test_xlsx_renamed_csv_imports_as_xlsx(tmp_path, catalogue):
    path = write_xlsx(tmp_path / "r.xlsx", ROWS).rename(tmp_path / "roster.csv")
    result = import_roster(path, catalogue=catalogue)
    assert result.format == "xlsx"
    assert len(result.people) == 2


@pytest.mark.parametrize("epoch", ["1900", "1904"])
def test_dates_right_in_both_date_systems(tmp_path, catalogue, epoch):
    wb = openpyxl.Workbook()
    if epoch == "1904":
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["Employee ID", "Name", "Hire Date", "Start serial"])
    ws.append(["E1", "Ann Archer", date(2026, 12, 31), None])
    path = tmp_path / "d.xlsx"
    wb.save(path)
    result = import_roster(path, catalogue=catalogue)
    assert result.people[0].start_date == date(2026, 12, 31)


def test_inspect_file_gives_the_wizard_a_preview(tmp_path, catalogue):
    rows = [["Worker skills report"], [], *ROWS]
    info = inspect_file(write_xlsx(tmp_path / "r.xlsx", rows), catalogue=catalogue)
    assert info.format == "xlsx"
    assert info.header_row == 3
    assert info.columns == ["Employee ID", "Name", "FTE", "Python", "SQL"]
    assert info.preview[0][:2] == ["E1", "Ann Archer"]
    assert info.mapping.target_of("Python") == "skill"
    assert info.layout == "matrix"
