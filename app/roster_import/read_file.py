"""Read one sheet of a workbook or a CSV into rows of plain values, whatever the file is named."""
from __future__ import annotations

import csv
import io
import re
import threading
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from app.errors import UnreadableFileError
from app.roster_import.file_format import (
    EXCEL_MAX_COLS,
    EXCEL_MAX_ROWS,
    ZipFacts,
    column_letters,
    column_number,
    inspect_zip,
    sniff_format,
)

MAX_CSV_BYTES = 512 << 20
_DELIMITERS = (",", ";", "\t", "|")
_DECIMAL_COMMA = re.compile(r"^\s*-?\d{1,3}(?:\.\d{3})*,\d+\s*%?\s*$")
_DECIMAL_POINT = re.compile(r"^\s*-?\d{1,3}(?:,\d{3})*\.\d+\s*%?\s*$")
_FORMULA = re.compile(rb"<f[ >/]")
_CELL_REF = re.compile(rb'<c\b[^>]*\br="([A-Z]+)(\d+)"')
_HAS_VALUE = re.compile(rb"<v>[^<]")


@dataclass
class Workbook:
    """An opened source: its sniffed format, sheet names, and what the archive inspection learned."""

    path: Path
    format: str
    sheet_names: list[str]
    facts: ZipFacts = field(default_factory=ZipFacts)
    notes: list[str] = field(default_factory=list)
    _calamine: CalamineWorkbook | None = None
    _csv_rows: list[list[str]] | None = None
    _csv_ragged: dict[int, int] = field(default_factory=dict)
    decimal_comma: bool = False


@dataclass
class RawSheet:
    """One sheet as rows of values; `first_row`/`first_col` are the 0-based sheet position of rows[0][0]."""

    name: str
    rows: list[list]
    first_row: int = 0
    first_col: int = 0
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    date1904: bool = False
    decimal_comma: bool = False
    ragged: dict[int, int] = field(default_factory=dict)  # row index → cells it really had (CSV, shifted rows)

    def row_number(self, index: int) -> int:
        """The 1-based row number the spreadsheet shows for rows[index]."""
        return self.first_row + index + 1


def open_workbook(path: Path, *, max_rows: int | None = None) -> Workbook:
    """Sniffs and opens the file; every failure is one UnreadableFileError line naming the file.

    A text file stops being parsed one row past `max_rows`, so an oversized CSV is refused without reading it all.
    """
    kind = sniff_format(path)
    name = path.name
    if kind == "empty":
        raise UnreadableFileError("the file is empty (0 bytes)", file=name)
    if kind == "encrypted":
        raise UnreadableFileError("password-protected workbook; save it without a password and import again", file=name)
    if kind == "csv":
        return _open_csv(path, max_rows=max_rows)
    facts = inspect_zip(path, kind) if kind in ("xlsx", "xlsm", "ods") else ZipFacts()
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = [m.name for m in book.sheets_metadata if str(m.typ).endswith("WorkSheet")] or list(book.sheet_names)
    except PasswordError:
        raise UnreadableFileError("password-protected workbook; save it without a password", file=name) from None
    except (CalamineError, OSError, ValueError, zipfile.BadZipFile) as exc:
        what = "legacy Excel (.xls) file" if kind == "xls" else f"{kind} file"
        detail = " ".join(str(exc).split())[:160]
        hint = "; open it in Excel or LibreOffice and save as .xlsx" if kind == "xls" else "; export it again"
        raise UnreadableFileError(f"cannot read this {what} ({detail}){hint}", file=name) from None
    if not names:
        raise UnreadableFileError("the workbook has no worksheets", file=name)
    return Workbook(path=path, format=kind, sheet_names=names, facts=facts, _calamine=book)


def read_sheet(book: Workbook, sheet: str | None, *, max_rows: int, max_columns: int,
               nrows: int | None = None, cooperative: bool = False) -> RawSheet:
    """The rows of one sheet (the first when `sheet` is None), refusing sheets beyond the bounds.

    `cooperative` reads row by row in a Python loop, which lets other threads take the GIL between rows.
    """
    name = book.path.name
    if book._csv_rows is not None:
        rows = book._csv_rows
        _check_size(name, book.sheet_names[0], len(rows), max((len(r) for r in rows), default=0), max_rows, max_columns)
        return RawSheet(name=book.sheet_names[0], rows=rows, decimal_comma=book.decimal_comma,
                        ragged=book._csv_ragged)
    sheet_name = sheet if sheet is not None else book.sheet_names[0]
    if sheet_name not in book.sheet_names:
        raise UnreadableFileError(f"no sheet named '{sheet_name}' (sheets: {', '.join(book.sheet_names)})", file=name)
    declared = book.facts.dimensions.get(sheet_name)
    assert book._calamine is not None
    try:
        cal = book._calamine.get_sheet_by_name(sheet_name)
        height, width = (cal.end[0] + 1, cal.end[1] + 1) if cal.end else (0, 0)
        if declared and declared[0] > max_rows + 100 and height > max_rows + 100:
            height = max(height, declared[0])
        _check_size(name, sheet_name, height, width, max_rows, max_columns)
        start = cal.start or (0, 0)
        if cooperative and not nrows:
            # iter_rows() yields the empty rows above the used area too (not the columns left of it): skip them
            rows = [row for i, row in enumerate(cal.iter_rows()) if i >= start[0]]
        elif nrows:
            rows = cal.to_python(skip_empty_area=True, nrows=nrows)
        else:
            rows = cal.to_python(skip_empty_area=True)
        merged = list(cal.merged_cell_ranges or [])
    except UnreadableFileError:
        raise
    except (CalamineError, OSError, ValueError, TypeError) as exc:
        detail = " ".join(str(exc).split())[:160]
        raise UnreadableFileError(f"cannot read this sheet ({detail}); export it again", file=name,
                                  sheet=sheet_name) from None
    return RawSheet(name=sheet_name, rows=rows, first_row=start[0], first_col=start[1], merged=merged,
                    date1904=book.facts.date1904)


def _check_size(name: str, sheet: str, rows: int, cols: int, max_rows: int, max_columns: int) -> None:
    if rows > EXCEL_MAX_ROWS or cols > EXCEL_MAX_COLS:
        raise UnreadableFileError(f"the sheet has {rows:,} rows × {cols:,} columns, beyond spreadsheet limits",
                                  file=name, sheet=sheet)
    if rows > max_rows:
        raise UnreadableFileError(f"the sheet has {rows:,} rows; Phasegate reads at most {max_rows:,} "
                                  "(split the roster or remove empty formatted rows)", file=name, sheet=sheet)
    if cols > max_columns:
        raise UnreadableFileError(f"the sheet has {cols:,} columns; Phasegate reads at most {max_columns:,} "
                                  "(a roster this wide is probably not a roster)", file=name, sheet=sheet)


@dataclass
class FormulaScan:
    """Formula cells of a sheet: those without a saved value (read as blank), and every formula cell per column."""

    missing: list[str] = field(default_factory=list)  # refs of formulas without a saved value, the first `limit`
    missing_count: int = 0
    by_column: dict[int, set[int]] = field(default_factory=dict)  # 0-based column → 0-based rows holding formulas


def scan_formulas(book: Workbook, sheet: str, *, limit: int = 50, stop: threading.Event | None = None) -> FormulaScan:
    """The sheet's formula cells, by a streaming scan of its XML (nothing for text files and ODS)."""
    part = book.facts.sheet_parts.get(sheet)
    scan = FormulaScan()
    if part is None or not _has_formula(book.path, part, stop):
        return scan
    by_column: dict[int, set[int]] = defaultdict(set)
    with zipfile.ZipFile(book.path) as zf, zf.open(part) as fh:
        carry = b""
        while True:
            if stop is not None and stop.is_set():
                return FormulaScan()
            chunk = fh.read(4 << 20)
            data = carry + chunk
            if not chunk:
                cut = len(data)
            else:
                cut = data.rfind(b"</c>")
                cut = cut + 4 if cut >= 0 else 0
            block, carry = data[:cut], data[cut:]
            if b"<f" in block and _FORMULA.search(block):  # the plain find is many times faster
                _scan_block(block, scan, by_column, limit)
            if not chunk:
                break
    scan.by_column = dict(by_column)
    return scan


def formulas_without_values(book: Workbook, sheet: str, *, limit: int = 50,
                            stop: threading.Event | None = None) -> tuple[list[str], int]:
    """Cell refs whose formula has no cached value (calamine reads them as blank), and how many there are."""
    scan = scan_formulas(book, sheet, limit=limit, stop=stop)
    return scan.missing, scan.missing_count


def _has_formula(path: Path, part: str, stop: threading.Event | None = None) -> bool:
    """Whether the sheet XML holds any `<f` at all: one pass of plain finds, no copies (most sheets have none)."""
    with zipfile.ZipFile(path) as zf, zf.open(part) as fh:
        last = b""
        while chunk := fh.read(4 << 20):
            if stop is not None and stop.is_set():
                return False
            if b"<f" in chunk or (last == b"<" and chunk[:1] == b"f"):
                return True
            last = chunk[-1:]
    return False


def _scan_block(block: bytes, scan: FormulaScan, by_column: dict[int, set[int]], limit: int) -> None:
    for m in _FORMULA.finditer(block):
        start = block.rfind(b"<c", 0, m.start())
        end = block.find(b"</c>", m.end())
        cell = block[start:end if end >= 0 else len(block)]
        ref = _CELL_REF.search(cell)
        if ref:
            by_column[column_number(ref.group(1)) - 1].add(int(ref.group(2)) - 1)
        if _HAS_VALUE.search(cell):
            continue
        scan.missing_count += 1
        if ref and len(scan.missing) < limit:
            scan.missing.append((ref.group(1) + ref.group(2)).decode("ascii"))


def _decode(raw: bytes, name: str) -> tuple[str, list[str]]:
    notes: list[str] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8", errors="replace")
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16", errors="replace")
    elif len(raw) >= 4 and raw[1:4:2] == b"\x00\x00" and raw[0:1] != b"\x00":
        text = raw.decode("utf-16-le", errors="replace")
        notes.append("read as UTF-16 (no byte-order mark)")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
            notes.append("the file is not valid UTF-8; read it as Windows-1252 (check accented names)")
    if "\x00" in text:
        text = text.replace("\x00", "")
        notes.append("the file contains NUL bytes; they were removed")
    if "\ufffd" in text:
        notes.append("some bytes could not be decoded and show as '\ufffd'")
    return text, notes


def _pick_delimiter(text: str) -> str:
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1.0
    for delim in _DELIMITERS:
        counts = [_count_outside_quotes(ln, delim) for ln in lines]
        nonzero = [c for c in counts if c]
        if not nonzero:
            continue
        mode = max(set(nonzero), key=nonzero.count)
        score = nonzero.count(mode) * (1 + min(mode, 50) / 100)
        if score > best_score:
            best, best_score = delim, score
    return best


def _count_outside_quotes(line: str, delim: str) -> int:
    if '"' not in line:
        return line.count(delim)
    inside, n = False, 0
    for ch in line:
        if ch == '"':
            inside = not inside
        elif ch == delim and not inside:
            n += 1
    return n


def _open_csv(path: Path, *, max_rows: int | None = None) -> Workbook:
    name = path.name
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise UnreadableFileError(f"the file is {size / (1 << 20):,.0f} MiB; Phasegate reads text files up to "
                                  f"{MAX_CSV_BYTES >> 20} MiB", file=name)
    raw = path.read_bytes()
    if raw[:2] in (b"\x1f\x8b", b"BZ") or raw[:4] == b"%PDF" or raw[:4] == b"\x7fELF":
        raise UnreadableFileError("is not a spreadsheet or a text (CSV) file", file=name)
    text, notes = _decode(raw, name)
    delim = _pick_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    rows = []
    try:
        for row in reader:
            rows.append([c.strip() for c in row])
            if max_rows is not None and len(rows) > max_rows:
                raise UnreadableFileError(f"the file has more than {max_rows:,} rows; Phasegate reads at most "
                                          f"{max_rows:,} (split the roster)", file=name)
    except csv.Error as exc:
        raise UnreadableFileError(f"cannot read this text file as CSV ({exc})", file=name,
                                  row=reader.line_num) from None
    unwrapped = _unwrap_quoted_lines(rows)
    if unwrapped is not None:
        rows, delim = unwrapped
        notes.append(f"each line of the file is one quoted cell holding the fields ('{delim}' between them): "
                     "read the fields inside the quotes")
    width = max((len(r) for r in rows), default=0)
    ragged = _shifted_rows(rows, width)
    rows = [r if len(r) == width else [*r, *([""] * (width - len(r)))] for r in rows]
    binary = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t")
    if binary > 64:
        raise UnreadableFileError("is not a spreadsheet or a text (CSV) file (binary content)", file=name)
    kind = "tsv" if delim == "\t" else "csv"
    book = Workbook(path=path, format=kind, sheet_names=[path.stem or "Sheet1"], notes=notes, _csv_rows=rows,
                    _csv_ragged=ragged)
    book.decimal_comma = _decimal_comma(rows, delim)
    return book


def _unwrap_quoted_lines(rows: list[list[str]]) -> tuple[list[list[str]], str] | None:
    """Rows of one cell each whose texts all hold another delimiter the same number of times ('"ID;Name;Hours"':
    a tool quoted every whole line): the rows read from inside the quotes, and that delimiter; else None."""
    filled = [r for r in rows if any(r)]
    if len(filled) < 2 or any(len(r) != 1 for r in filled):
        return None
    delim = _pick_delimiter("\n".join(r[0] for r in filled))
    counts = [_count_outside_quotes(r[0], delim) for r in filled]
    if counts[0] == 0 or len(set(counts)) > 1:  # every line, the header too, holds the same number of fields
        return None
    inner = [next(csv.reader([r[0]], delimiter=delim), []) if r and r[0] else [] for r in rows]
    return [[c.strip() for c in r] for r in inner], delim


_NUMERIC = re.compile(r"^-?[\d.,]+%?$")


def _kind(cell: str) -> str:
    return "" if not cell else "n" if _NUMERIC.match(cell) else "t"


def _shifted_rows(rows: list[list[str]], width: int) -> dict[int, int]:
    """Rows with a cell count of their own whose values do not fit their columns: a field is missing mid-row.

    Only when nearly every row agrees on the width; a row that merely lacks trailing cells is not shifted.
    """
    filled = [i for i, r in enumerate(rows) if any(r)]
    odd = [i for i in filled if len(rows[i]) != width]
    if not odd or len(odd) > max(1, len(filled) // 20):
        return {}
    full = [rows[i] for i in filled if len(rows[i]) == width][:500]
    usual = []
    for j in range(width):
        kinds = [_kind(r[j]) for r in full if r[j]]
        usual.append(max(set(kinds), key=kinds.count) if kinds else "")
    shifted = {}
    for i in odd:
        row = rows[i]
        wrong = sum(1 for j, cell in enumerate(row[:width]) if cell and usual[j] and _kind(cell) != usual[j])
        if wrong >= 2:
            shifted[i] = len(row)
    return shifted


def _decimal_comma(rows: list[list[str]], delim: str) -> bool:
    if delim == ",":
        return False
    comma = point = 0
    for row in rows[:500]:
        for cell in row:
            if "," in cell and _DECIMAL_COMMA.match(cell):
                comma += 1
            elif "." in cell and _DECIMAL_POINT.match(cell):
                point += 1
    return comma > point


def cell_ref(sheet: RawSheet, row_index: int, col_index: int) -> str:
    """'B7'-style reference of a cell in `sheet.rows`."""
    return f"{column_letters(sheet.first_col + col_index + 1)}{sheet.row_number(row_index)}"
