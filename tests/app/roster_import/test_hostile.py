"""Hostile and broken files: each gives one clear line naming the file, or a clean import. All generated here."""
from __future__ import annotations

import io
import re
import struct
import zipfile

import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from app.cli import main
from app.errors import NotImportableError, UnreadableFileError
from app.roster_import import import_roster

from .conftest import write_text, write_xlsx

ROWS = [["Employee ID", "Name"], ["E1", "Ann Archer"]]


def _error_line(capsys, argv) -> tuple[int, str]:
    code = main(argv)
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("error:")
    assert "Traceback" not in err[0]
    return code, err[0]


def _rewrite(src, dst, replace: dict[str, bytes]):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
    return dst


def test_encrypted_xlsx(tmp_path, capsys):
    plain = write_xlsx(tmp_path / "plain.xlsx", ROWS)
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as fin, locked.open("wb") as fout:
        office = OOXMLFile(fin)
        office.encrypt("secret", fout)
    code, line = _error_line(capsys, ["check", str(locked)])
    assert code == 2
    assert "locked.xlsx" in line and "password-protected" in line


def test_truncated_zip(tmp_path, capsys):
    data = write_xlsx(tmp_path / "ok.xlsx", ROWS).read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    code, line = _error_line(capsys, ["check", str(cut)])
    assert code == 2
    assert "cut.xlsx" in line and "damaged zip" in line


def test_legacy_xls_bytes_that_are_not_a_workbook(tmp_path, capsys):
    fake = tmp_path / "old.xls"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    code, line = _error_line(capsys, ["check", str(fake)])
    assert code == 2
    assert "old.xls" in line and "legacy Excel" in line


def test_xml_entity_bomb_refused(tmp_path, catalogue):
    ok = write_xlsx(tmp_path / "ok.xlsx", ROWS)
    with zipfile.ZipFile(ok) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
            + sheet.split(b"?>", 1)[-1])
    path = _rewrite(ok, tmp_path / "bomb.xlsx", {"xl/worksheets/sheet1.xml": bomb})
    with pytest.raises(UnreadableFileError, match="declares XML entities"):
        import_roster(path, catalogue=catalogue)


def test_zip_bomb_refused_quickly(tmp_path, catalogue):
    ok = write_xlsx(tmp_path / "ok.xlsx", ROWS)
    path = tmp_path / "zipbomb.xlsx"
    with zipfile.ZipFile(ok) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        with zout.open("xl/media/padding.bin", "w") as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(64):
                fh.write(chunk)
    with pytest.raises(UnreadableFileError, match="zip bomb"):
        import_roster(path, catalogue=catalogue)


def test_declared_size_over_a_gibibyte_refused(tmp_path, catalogue):
    ok = write_xlsx(tmp_path / "ok.xlsx", ROWS)
    data = bytearray(ok.read_bytes())
    # patch the central directory: declare 3 GiB uncompressed for the first entry
    pos = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, pos + 24, 3 << 30)
    path = tmp_path / "huge.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(UnreadableFileError) as err:
        import_roster(path, catalogue=catalogue)
    assert "huge.xlsx" in str(err.value)


def test_dimension_at_excel_row_limit(tmp_path, catalogue):
    ok = write_xlsx(tmp_path / "ok.xlsx", ROWS)
    with zipfile.ZipFile(ok) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    rows = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    crafted = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:B1048576"', sheet)
    crafted = crafted.replace(b"</sheetData>", rows)
    path = _rewrite(ok, tmp_path / "tall.xlsx", {"xl/worksheets/sheet1.xml": crafted})
    with pytest.raises(UnreadableFileError, match="at most 500,000"):
        import_roster(path, catalogue=catalogue)


def test_dimension_beyond_excel_limits(tmp_path, catalogue):
    ok = write_xlsx(tmp_path / "ok.xlsx", ROWS)
    with zipfile.ZipFile(ok) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    crafted = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:B2000000"', sheet)
    assert crafted != sheet
    path = _rewrite(ok, tmp_path / "liar.xlsx", {"xl/worksheets/sheet1.xml": crafted})
    with pytest.raises(UnreadableFileError, match="beyond Excel's limits"):
        import_roster(path, catalogue=catalogue)


def test_ten_thousand_columns(tmp_path, catalogue):
    header = ["Employee ID", "Name"] + [f"c{i}" for i in range(9998)]
    path = write_text(tmp_path / "wide.csv", ",".join(header) + "\nE1,Ann\n")
    with pytest.raises(UnreadableFileError, match="at most 2,000"):
        import_roster(path, catalogue=catalogue)


def test_empty_workbook_and_empty_file(tmp_path, catalogue, capsys):
    empty = write_xlsx(tmp_path / "blank.xlsx", [])
    with pytest.raises(NotImportableError, match="empty"):
        import_roster(empty, catalogue=catalogue)
    zero = tmp_path / "zero.csv"
    zero.write_bytes(b"")
    code, line = _error_line(capsys, ["check", str(zero)])
    assert code == 2 and "empty" in line


def test_only_headers(tmp_path, capsys):
    path = write_xlsx(tmp_path / "hdr.xlsx", [["Employee ID", "Name", "FTE"]])
    code, line = _error_line(capsys, ["check", str(path)])
    assert code == 1
    assert "no data rows" in line


def test_merged_cells_everywhere(tmp_path, catalogue):
    rows = [["Report"], [], ["Employee ID", "Name", "Python /5"], ["E1", "Ann Archer", 3], ["E2", "Bo Birch", 4]]
    path = write_xlsx(tmp_path / "m.xlsx", rows, merges=("A1:C2", "C4:C5"))
    result = import_roster(path, catalogue=catalogue)
    assert [p.id for p in result.people] == ["E1", "E2"]
    assert result.people[0].skills["python"].level == 3
    assert "python" not in result.people[1].skills  # merged away: blank, not invented


def test_formulas_without_cached_values_are_reported_with_cell_refs(tmp_path, catalogue):
    rows = [["Employee ID", "Name", "FTE"], ["E1", "Ann Archer", "=0.5*1"], ["E2", "Bo Birch", 1]]
    result = import_roster(write_xlsx(tmp_path / "f.xlsx", rows), catalogue=catalogue)
    formula = [w for w in result.warnings if "formula" in w.reason]
    assert formula and "C2" in formula[0].reason
    assert len(result.people) == 2


def test_invalid_utf8_and_nul_bytes(tmp_path, catalogue):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"Employee ID,Name\nE1,Ann\x00 Archer\nE2,Bo \xff\xfe Birch\n")
    result = import_roster(path, catalogue=catalogue)
    assert [p.id for p in result.people] == ["E1", "E2"]
    assert any("NUL" in w.reason for w in result.warnings)


def test_duplicate_ids_and_names_starting_with_equals(tmp_path, catalogue):
    rows = [["Employee ID", "Name"], ["E1", "Ann Archer"], ["E1", "Ann Again"], ["E2", "=HYPERLINK(1)"]]
    path = write_xlsx(tmp_path / "d.xlsx", rows, text_cells=("B4",))
    result = import_roster(path, catalogue=catalogue)
    assert [p.name for p in result.people] == ["Ann Archer", "=HYPERLINK(1)"]
    assert result.rejected[0].row == 3 and "first seen on row 2" in result.rejected[0].reason
    assert any("formula character" in w.reason and w.row == 4 for w in result.warnings)


def test_not_a_spreadsheet_zip(tmp_path, capsys):
    path = tmp_path / "notes.xlsx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    path.write_bytes(buf.getvalue())
    code, line = _error_line(capsys, ["check", str(path)])
    assert code == 2 and "not a spreadsheet" in line


def test_missing_file(tmp_path, capsys):
    code, line = _error_line(capsys, ["check", str(tmp_path / "nope.xlsx")])
    assert code == 2 and "not found" in line
