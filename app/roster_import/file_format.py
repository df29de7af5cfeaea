"""Tell a file's real format from its bytes and refuse hostile archives before any parser sees them."""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from app.errors import UnreadableFileError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"

#: Bounds that keep a hostile or absurd file from taking the machine down.
MAX_TOTAL_UNCOMPRESSED = 1 << 30  # 1 GiB across all parts
MAX_RATIO = 200  # deflate ratio above this on a large part is a zip bomb, not a spreadsheet
RATIO_CHECK_FROM = 20 << 20  # only parts over 20 MiB uncompressed are ratio-checked
MAX_PARTS = 10_000
XML_HEAD_BYTES = 4096
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLS = 16_384

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


@dataclass
class ZipFacts:
    """What the archive inspection learned: sheet XML part per sheet name, the date system, sizes."""

    sheet_parts: dict[str, str] = field(default_factory=dict)
    date1904: bool = False
    dimensions: dict[str, tuple[int, int]] = field(default_factory=dict)


def _fail(name: str, message: str) -> UnreadableFileError:
    return UnreadableFileError(message, file=name)


def sniff_format(path: Path) -> str:
    """The file's format from its bytes: xlsx, xlsm, ods, xls, encrypted, csv (text) or empty."""
    name = path.name
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise _fail(name, "file not found") from None
    except IsADirectoryError:
        raise _fail(name, "is a folder, not a file") from None
    except OSError as exc:
        raise _fail(name, f"cannot open the file ({exc.strerror or exc})") from None
    if not head:
        return "empty"
    if head.startswith(OLE2_MAGIC):
        return "encrypted" if _ole_has_encryption(path) else "xls"
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(path)
    if head.startswith(b"PK"):
        raise _fail(name, "the file is a damaged zip archive (truncated or corrupt); export it again")
    return "csv"


def _ole_has_encryption(path: Path) -> bool:
    import olefile  # only OLE2 files (legacy .xls, encrypted OOXML) need it

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage")
    except Exception:  # a damaged OLE file is reported by the xls reader
        return False


def _zip_kind(path: Path) -> str:
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                info = zf.getinfo("mimetype")
                if info.file_size <= 200 and zf.read("mimetype").strip() == ODS_MIME:
                    return "ods"
            if "xl/workbook.xml" in names:
                ctypes = zf.read("[Content_Types].xml")[:1 << 20] if "[Content_Types].xml" in names else b""
                return "xlsm" if b"macroEnabled" in ctypes else "xlsx"
            if "xl/workbook.bin" in names:
                raise _fail(name, "binary Excel workbooks (.xlsb) are not supported; save it as .xlsx")
    except zipfile.BadZipFile:
        raise _fail(name, "the file is a damaged zip archive (truncated or corrupt); export it again") from None
    except (OSError, EOFError, zipfile.LargeZipFile, RuntimeError, NotImplementedError) as exc:
        raise _fail(name, f"the zip archive cannot be read ({exc})") from None
    raise _fail(name, "is a zip archive but not a spreadsheet (no xl/workbook.xml or ODS mimetype)")


def _refuse_entities(name: str, part: str, head: bytes) -> None:
    lowered = head.lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:
        raise _fail(name, f"refused: '{part}' declares XML entities (a known attack); re-save the file in Excel")


def _bounded_read(zf: zipfile.ZipFile, part: str, limit: int) -> bytes:
    with zf.open(part) as fh:
        return fh.read(limit)


def _head(zf: zipfile.ZipFile, part: str) -> bytes:
    return _bounded_read(zf, part, XML_HEAD_BYTES)


def inspect_zip(path: Path, kind: str) -> ZipFacts:
    """Checks sizes, ratios, required parts and entity declarations; returns sheet parts and the date system."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_PARTS:
                raise _fail(name, f"refused: the archive holds {len(infos):,} parts (a spreadsheet has a few dozen)")
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > RATIO_CHECK_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise _fail(name, f"refused: '{info.filename}' expands {info.file_size // max(info.compress_size, 1):,}"
                                      "-fold (a zip bomb)")
            if total > MAX_TOTAL_UNCOMPRESSED:
                raise _fail(name, f"refused: the archive expands to {total / (1 << 30):.1f} GiB, over the 1 GiB bound")
            bad = zf.testzip() if len(infos) <= 64 and total <= (64 << 20) else None
            if bad:
                raise _fail(name, f"the archive part '{bad}' is corrupt (bad checksum); export the file again")
            names = {i.filename for i in infos}
            for info in infos:
                if info.filename.endswith((".xml", ".rels")) and info.file_size:
                    _refuse_entities(name, info.filename, _head(zf, info.filename))
            if kind == "ods":
                if "content.xml" not in names:
                    raise _fail(name, "the ODS file has no content.xml (incomplete file); export it again")
                return ZipFacts()
            return _ooxml_facts(zf, names, name)
    except UnreadableFileError:
        raise
    except zipfile.BadZipFile:
        raise _fail(name, "the file is a damaged zip archive (truncated or corrupt); export it again") from None
    except (OSError, EOFError, zipfile.LargeZipFile, RuntimeError, NotImplementedError, ValueError) as exc:
        raise _fail(name, f"the zip archive cannot be read ({exc})") from None


def _parse_small_xml(zf: zipfile.ZipFile, part: str, file_name: str):
    data = _bounded_read(zf, part, 16 << 20)
    try:
        return SafeET.fromstring(data)
    except (DefusedXmlException, SafeET.ParseError) as exc:
        raise _fail(file_name, f"'{part}' is not valid XML ({exc}); export the file again") from None


def _ooxml_facts(zf: zipfile.ZipFile, names: set[str], file_name: str) -> ZipFacts:
    workbook = _parse_small_xml(zf, "xl/workbook.xml", file_name)
    facts = ZipFacts()
    pr = workbook.find(f"{_NS_MAIN}workbookPr")
    if pr is not None and pr.get("date1904", "0").lower() in ("1", "true"):
        facts.date1904 = True
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in names:
        rels = _parse_small_xml(zf, "xl/_rels/workbook.xml.rels", file_name)
        for rel in rels.iter(f"{_NS_PKG_REL}Relationship"):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id", "")] = target
    sheets = workbook.find(f"{_NS_MAIN}sheets")
    for sheet in (sheets if sheets is not None else []):
        part = targets.get(sheet.get(f"{_NS_REL}id", ""))
        sheet_name = sheet.get("name", "")
        if part is None:
            continue
        if part not in names:
            raise _fail(file_name, f"sheet '{sheet_name}' is missing from the archive (incomplete file)")
        facts.sheet_parts[sheet_name] = part
        dims = _dimension(_head(zf, part))
        if dims:
            rows, cols = dims
            if rows > EXCEL_MAX_ROWS or cols > EXCEL_MAX_COLS:
                raise _fail(file_name, f"sheet '{sheet_name}' claims {rows:,} rows × {cols:,} columns, beyond "
                                       "Excel's limits (a corrupt or hostile file)")
            facts.dimensions[sheet_name] = dims
    return facts


def column_number(letters: bytes | str) -> int:
    """'A' → 1, 'XFD' → 16384."""
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode("ascii"):
        n = n * 26 + (ord(ch) - 64)
    return n


def column_letters(number: int) -> str:
    """1 → 'A', 16384 → 'XFD'."""
    out = ""
    while number > 0:
        number, rem = divmod(number - 1, 26)
        out = chr(65 + rem) + out
    return out


def _dimension(head: bytes) -> tuple[int, int] | None:
    m = _DIMENSION.search(head)
    if not m:
        return None
    last_col, last_row = (m.group(3), m.group(4)) if m.group(3) else (m.group(1), m.group(2))
    return int(last_row), column_number(last_col)
