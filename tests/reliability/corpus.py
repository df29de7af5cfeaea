"""The hostile-file corpus of issue 7: each case writes one file and says what `phasegate check` must do with it.

`exit_code` is the documented one (0 importable, 1 readable but no roster, 2 unreadable or refused); `rows` is how
many rows the file holds below its header, blank ones included (None when the file must be refused); `says` is a
fragment the one `error:` line must contain. Everything is generated here from a seed; nothing is downloaded.
"""
from __future__ import annotations

import random
import re
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from msoffcrypto.format.ooxml import OOXMLFile

from tests.app.roster_import.conftest import write_xlsx

ROWS = [["Employee ID", "Name", "FTE", "Python (1-5)"], ["E1", "Ann Archer", "100%", 3], ["E2", "Bo Birch", "50%", 4]]


@dataclass(frozen=True)
class Case:
    """One hostile file and the outcome `phasegate check FILE --json` must give."""

    name: str
    build: Callable[[Path], Path]
    exit_code: int
    rows: int | None = None
    says: str | None = None


def _rewrite(src: Path, dst: Path, replace: dict[str, bytes], *, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def _sheet_xml(folder: Path) -> tuple[Path, bytes]:
    ok = write_xlsx(folder / "_base.xlsx", ROWS)
    with zipfile.ZipFile(ok) as z:
        return ok, z.read("xl/worksheets/sheet1.xml")


def encrypted(folder: Path) -> Path:
    """An xlsx protected with a password (real ECMA-376 agile encryption)."""
    plain = write_xlsx(folder / "_plain.xlsx", ROWS)
    out = folder / "encrypted.xlsx"
    with plain.open("rb") as fin, out.open("wb") as fout:
        OOXMLFile(fin).encrypt("secret", fout)
    return out


def truncated_zip(folder: Path) -> Path:
    """The first half of a valid xlsx."""
    data = write_xlsx(folder / "_ok.xlsx", ROWS).read_bytes()
    out = folder / "truncated.xlsx"
    out.write_bytes(data[: len(data) // 2])
    return out


def csv_named_xlsx(folder: Path) -> Path:
    """A CSV saved with an .xlsx name (sniffed from the bytes)."""
    out = folder / "really_csv.xlsx"
    out.write_text("Employee ID,Name,FTE\nE1,Ann Archer,1\nE2,Bo Birch,0.5\nE3,Cy Cole,80%\n", encoding="utf-8")
    return out


def fake_xls(folder: Path) -> Path:
    """The OLE2 signature of a legacy .xls followed by zeros."""
    out = folder / "legacy.xls"
    out.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    return out


def entity_bomb(folder: Path) -> Path:
    """Billion laughs in the worksheet XML."""
    ok, sheet = _sheet_xml(folder)
    levels = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    dtd = f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{levels}]>'.encode()
    body = sheet.split(b"?>", 1)[-1].replace(b"<t>Ann Archer</t>", b"<t>&l9;</t>")
    return _rewrite(ok, folder / "entity_bomb.xlsx", {"xl/worksheets/sheet1.xml": dtd + body})


def external_entity(folder: Path) -> Path:
    """An XXE: the shared strings pull /etc/passwd through an external entity."""
    ok = write_xlsx(folder / "_x.xlsx", ROWS)
    with zipfile.ZipFile(ok) as z:
        names = z.namelist()
        part = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else "xl/worksheets/sheet1.xml"
        xml = z.read(part)
    dtd = b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    body = xml.split(b"?>", 1)[-1].replace(b"Ann Archer", b"&x;")
    return _rewrite(ok, folder / "xxe.xlsx", {part: dtd + body})


def zip_bomb(folder: Path) -> Path:
    """A valid xlsx carrying 256 MiB of zeros that deflate to about 250 KiB."""
    ok = write_xlsx(folder / "_zb.xlsx", ROWS)
    out = folder / "zip_bomb.xlsx"
    with zipfile.ZipFile(ok) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        with zout.open("xl/media/padding.bin", "w") as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(256):
                fh.write(chunk)
    return out


def sheet_bomb(folder: Path) -> Path:
    """The worksheet itself inflates to 300 MiB (one huge inline string): a bomb inside the part that is read."""
    ok, sheet = _sheet_xml(folder)
    out = folder / "sheet_bomb.xlsx"
    head, tail = sheet.split(b"</sheetData>", 1)
    with zipfile.ZipFile(ok) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for info in zin.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(info.filename, zin.read(info.filename))
        with zout.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(head + b'<row r="9"><c r="A9" t="inlineStr"><is><t>')
            chunk = b"A" * (1 << 20)
            for _ in range(300):
                fh.write(chunk)
            fh.write(b"</t></is></c></row></sheetData>" + tail)
    return out


def declared_huge(folder: Path) -> Path:
    """A central directory that declares 3 GiB for the first part."""
    data = bytearray(write_xlsx(folder / "_h.xlsx", ROWS).read_bytes())
    pos = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, pos + 24, 3 << 30)
    out = folder / "declared_3gib.xlsx"
    out.write_bytes(bytes(data))
    return out


def excel_row_limit(folder: Path) -> Path:
    """A sheet whose last row is 1,048,576 (Excel's limit)."""
    ok, sheet = _sheet_xml(folder)
    rows = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    crafted = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:D1048576"', sheet).replace(b"</sheetData>", rows)
    return _rewrite(ok, folder / "rows_1048576.xlsx", {"xl/worksheets/sheet1.xml": crafted})


def million_row_csv(folder: Path) -> Path:
    """A real 1,048,576-line CSV (about 24 MB): over the 500,000-row bound."""
    out = folder / "rows_1048576.csv"
    with out.open("w", encoding="utf-8") as fh:
        fh.write("Employee ID,Name,FTE\n")
        fh.writelines(f"E{i},Person {i},1\n" for i in range(1_048_575))
    return out


def ten_thousand_columns(folder: Path) -> Path:
    """10,000 columns in an xlsx."""
    header = ["Employee ID", "Name"] + [f"c{i}" for i in range(9998)]
    return write_xlsx(folder / "cols_10000.xlsx", [header, ["E1", "Ann", *range(9998)]])


def empty_file(folder: Path) -> Path:
    """Zero bytes."""
    out = folder / "empty.csv"
    out.write_bytes(b"")
    return out


def empty_workbook(folder: Path) -> Path:
    """A workbook with one empty sheet."""
    return write_xlsx(folder / "empty_book.xlsx", [])


def only_headers(folder: Path) -> Path:
    """A header and nothing else."""
    return write_xlsx(folder / "only_headers.xlsx", [ROWS[0]])


def merged(folder: Path) -> Path:
    """Merged title, merged data cells."""
    rows = [["Report"], [], ROWS[0], *ROWS[1:], ["E3", "Cy Cole", "1", 2]]
    return write_xlsx(folder / "merged.xlsx", rows, merges=("A1:D2", "D4:D5", "C5:C6"))


def formulas_no_values(folder: Path) -> Path:
    """Formulas written by a library, never calculated (no cached values)."""
    rows = [ROWS[0], ["E1", "Ann Archer", "=0.5*2", "=1+2"], ["E2", "Bo Birch", 1, "=A1"], ["E3", "=B2", 1, 3]]
    return write_xlsx(folder / "formulas.xlsx", rows)


def invalid_utf8(folder: Path) -> Path:
    """Bytes that are not UTF-8 in names and levels."""
    out = folder / "invalid_utf8.csv"
    out.write_bytes(b"Employee ID,Name,Python (1-5)\nE1,Ann \xff\xfe Archer,3\nE2,Bo \xc3\x28 Birch,\xe9\n")
    return out


def nul_bytes(folder: Path) -> Path:
    """NUL bytes in a header cell and in data cells."""
    out = folder / "nul.csv"
    out.write_bytes(b"Employee ID,Na\x00me,Py\x00thon (1-5)\nE1,Ann\x00 Archer,3\n\x00,\x00,\x00\nE3,Cy Cole,4\x00\n")
    return out


def nul_header_xlsx(folder: Path) -> Path:
    """A NUL-like control character in an xlsx header cell (XML escape _x0000_)."""
    return write_xlsx(folder / "nul_header.xlsx", [["Employee ID", "Name_x0000_", "Python (1-5)"], ["E1", "Ann", 3],
                                              ["E2", "Bo", 2]])


def duplicate_ids(folder: Path) -> Path:
    """The same employee id three times."""
    rows = [ROWS[0], ["E1", "Ann Archer", 1, 3], ["E1", "Ann Again", 1, 2], ["e1 ", "Ann Thrice", 1, 1],
            ["E2", "Bo Birch", 1, 4]]
    return write_xlsx(folder / "duplicate_ids.xlsx", rows)


def formula_names(folder: Path) -> Path:
    """Names and titles that a spreadsheet would run as formulas."""
    out = folder / "formula_names.csv"
    out.write_text('Employee ID,Name,Business Title\nE1,"=HYPERLINK(""http://x"",""y"")",Analyst\n'
                   "E2,+cmd|' /C calc'!A0,@SUM(1)\nE3,-2+3,=1\nE4,Plain Name,Engineer\n", encoding="utf-8")
    return out


def binary_garbage(folder: Path) -> Path:
    """Random bytes named .xlsx."""
    out = folder / "garbage.xlsx"
    out.write_bytes(random.Random(7).randbytes(65536))
    return out


def pdf_named_csv(folder: Path) -> Path:
    """A PDF renamed to .csv."""
    out = folder / "report.csv"
    out.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return out


def utf16_semicolons(folder: Path) -> Path:
    """UTF-16 with BOM, semicolons and decimal commas, as Excel's 'Unicode text' export writes it."""
    out = folder / "utf16.csv"
    text = "Employee ID;Name;FTE;Python (1-5)\r\nE1;Ann Ärcher;0,5;3\r\nE2;Bø Birch;1,0;4\r\nE3;Çy Cole;0,8;2\r\n"
    out.write_bytes(text.encode("utf-16"))
    return out


def huge_cell(folder: Path) -> Path:
    """One 16 MiB name in a CSV."""
    out = folder / "huge_cell.csv"
    out.write_bytes(b"Employee ID,Name\nE1," + b"A" * (16 << 20) + b"\nE2,Bo Birch\n")
    return out


def unbalanced_quotes(folder: Path) -> Path:
    """A quote that never closes, swallowing the rest of the file."""
    out = folder / "quotes.csv"
    out.write_text('Employee ID,Name\nE1,"Ann Archer\nE2,Bo Birch\nE3,Cy Cole\n', encoding="utf-8")
    return out


def many_zip_entries(folder: Path) -> Path:
    """An xlsx with 20,000 extra tiny parts (a large central directory)."""
    ok = write_xlsx(folder / "_m.xlsx", ROWS)
    return _rewrite(ok, folder / "many_parts.xlsx", {}, extra={f"xl/junk/{i}.xml": b"<a/>" for i in range(20_000)})


def deep_xml(folder: Path) -> Path:
    """Shared strings nested 200,000 elements deep."""
    ok = write_xlsx(folder / "_d.xlsx", ROWS)
    with zipfile.ZipFile(ok) as z:
        names = z.namelist()
    part = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else "xl/worksheets/sheet1.xml"
    deep = b"<a>" * 200_000 + b"</a>" * 200_000
    with zipfile.ZipFile(ok) as z:
        xml = z.read(part)
    crafted = xml.replace(b"<t>Ann Archer</t>", b"<t>Ann Archer</t>" + deep, 1)
    return _rewrite(ok, folder / "deep_xml.xlsx", {part: crafted})


def bad_shared_string_index(folder: Path) -> Path:
    """A cell that points at shared string 999,999 which does not exist."""
    ok, sheet = _sheet_xml(folder)
    crafted = re.sub(rb'(<c r="B2"[^>]*t=")[a-zA-Z]+("[^>]*>)(.*?)</c>',
                     rb'\1s\2<v>999999</v></c>', sheet, count=1)
    return _rewrite(ok, folder / "bad_sst.xlsx", {"xl/worksheets/sheet1.xml": crafted})


def directory(folder: Path) -> Path:
    """A folder passed where a file is expected."""
    out = folder / "a_folder.xlsx"
    out.mkdir()
    return out


def workday_messy(folder: Path) -> Path:
    """Title rows, two header rows, blank rows and a Total row: all rows accounted for."""
    rows = [["Worker report"], ["Run 2026-01-01"], [], ["Worker", None, "Skills"],
            ["Employee ID", "Worker", "Python", "SQL"], ["E1", "Ann Archer", 3, 2], [], ["E2", "Bo Birch", "Expert", 1],
            ["E3", "", 2, 2], ["E4", "Dee Dunn", 9, 2], ["Total", None, 5, 4]]
    return write_xlsx(folder / "workday_messy.xlsx", rows)


def no_name_column(folder: Path) -> Path:
    """A readable sheet of numbers with no column that could hold names."""
    return write_xlsx(folder / "numbers.xlsx", [["Quarter", "Revenue"], [1, 100], [2, 120]])


def missing_file(folder: Path) -> Path:
    """A path that does not exist."""
    return folder / "never_written.xlsx"


#: The corpus: file, documented exit code, rows below the header (accounted for in the JSON), words the error names.
CASES: tuple[Case, ...] = (
    Case("encrypted", encrypted, 2, says="password-protected"),
    Case("truncated_zip", truncated_zip, 2, says="truncated.xlsx"),
    Case("csv_named_xlsx", csv_named_xlsx, 0, rows=3),
    Case("fake_xls", fake_xls, 2, says="legacy.xls"),
    Case("entity_bomb", entity_bomb, 2, says="entity_bomb.xlsx"),
    Case("external_entity", external_entity, 2, says="xxe.xlsx"),
    Case("zip_bomb", zip_bomb, 2, says="zip_bomb.xlsx"),
    Case("sheet_bomb", sheet_bomb, 2, says="sheet_bomb.xlsx"),
    Case("declared_3gib", declared_huge, 2, says="declared_3gib.xlsx"),
    Case("rows_1048576_xlsx", excel_row_limit, 2, says="500,000"),
    Case("rows_1048576_csv", million_row_csv, 2, says="500,000"),
    Case("cols_10000", ten_thousand_columns, 2, says="2,000"),
    Case("empty_file", empty_file, 2, says="empty"),
    Case("empty_workbook", empty_workbook, 1, says="empty"),
    Case("only_headers", only_headers, 1, says="no data rows"),
    Case("merged", merged, 0, rows=3),
    Case("formulas_no_values", formulas_no_values, 0, rows=3),
    Case("invalid_utf8", invalid_utf8, 0, rows=2),
    Case("nul_bytes", nul_bytes, 0, rows=3),
    Case("nul_header_xlsx", nul_header_xlsx, 0, rows=2),
    Case("duplicate_ids", duplicate_ids, 0, rows=4),
    Case("formula_names", formula_names, 0, rows=4),
    Case("binary_garbage", binary_garbage, 2, says="garbage.xlsx"),
    Case("pdf_named_csv", pdf_named_csv, 2, says="report.csv"),
    Case("utf16_semicolons", utf16_semicolons, 0, rows=3),
    Case("huge_cell", huge_cell, 2, says="field limit"),
    Case("unbalanced_quotes", unbalanced_quotes, 0, rows=1),
    Case("many_zip_entries", many_zip_entries, 2, says="20,009 parts"),
    Case("deep_xml", deep_xml, 0, rows=2),
    Case("bad_shared_string_index", bad_shared_string_index, 2, says="shared strings"),
    Case("directory", directory, 2, says="a_folder.xlsx"),
    Case("workday_messy", workday_messy, 0, rows=6),
    Case("no_name_column", no_name_column, 1, says="no name column"),
    Case("missing_file", missing_file, 2, says="never_written.xlsx"),
)


def build_all(folder: Path) -> dict[str, Path]:
    """Writes every corpus file under `folder`; returns case name → path."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for case in CASES:
        sub = folder / case.name
        sub.mkdir()
        out[case.name] = case.build(sub)
    return out

