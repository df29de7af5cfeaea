"""Streaming SpreadsheetML for the big data sheets: rows of plain values as XML text, spliced into openpyxl's package.

openpyxl builds every cell as an object (≈ 25 µs each); a 10,000-person roster is 130,000 cells. Here a row is a
few string joins. openpyxl still writes everything else (styles, tables, validation, print settings, charts), and
the style ids used here are ones openpyxl registered, so both halves agree.
"""
from __future__ import annotations

import math
import numbers
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from app.export.safe import clean_text, looks_like_formula

#: Excel keeps at most this many characters in a cell (openpyxl truncates the same way).
MAX_CELL_TEXT = 32767
_CLOSE = b"</sheetData>"
_EMPTY = b"<sheetData/>"
_TABLE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def escape_text(text: str) -> str:
    """Cell text made safe for XML: illegal control characters removed, markup characters escaped."""
    return clean_text(text)[:MAX_CELL_TEXT].translate(_TABLE)


class RowStream:
    """The data rows of one sheet as SpreadsheetML, one style index per column (0 = none)."""

    def __init__(self, *, first_row: int, styles: Sequence[int], quoted_style: int) -> None:
        self.first_row = first_row
        self.last_row = first_row - 1
        self.styles = list(styles)
        self.quoted_style = quoted_style
        self._letters = [get_column_letter(i) for i in range(1, len(self.styles) + 1)]
        self._parts: list[str] = []
        self._texts: dict[str, str] = {}  # repeated values ("Proposed", "Yes", org names) are escaped once

    def add(self, values: Sequence[object]) -> int:
        """Appends one row of plain values (text, numbers, dates, booleans, None); returns its row number."""
        if len(values) > len(self.styles):
            raise ValueError(f"row has {len(values)} values for {len(self.styles)} columns")
        self.last_row += 1
        r = str(self.last_row)
        cells = [f'<row r="{r}">']
        texts = self._texts
        for value, letter, style in zip(values, self._letters, self.styles, strict=False):
            if value is None or value == "":
                continue
            if type(value) is str:  # the common case, kept inline
                tail = texts.get(value) or self._text_tail(value)
                if tail:  # empty once illegal characters are removed: no cell
                    cells.append(f'<c r="{letter}{r}"{tail}')
            else:
                cells.append(self._cell(letter + r, value, style))
        cells.append("</row>")
        self._parts.append("".join(cells))
        return self.last_row

    def _cell(self, ref: str, value: object, style: int) -> str:
        kind = type(value)
        if kind is str or isinstance(value, str):
            return self._text(ref, value)
        if kind is bool:
            return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
        if kind is int or kind is float:
            if kind is float and not math.isfinite(value):
                return self._text(ref, str(value))
            number = repr(value)
        elif isinstance(value, date):
            number = repr(to_excel(value))
        elif isinstance(value, numbers.Real | Decimal):  # e.g. numpy scalars, Decimal
            if not math.isfinite(float(value)):
                return self._text(ref, str(value))
            number = repr(float(value))
        else:
            return self._text(ref, str(value))
        return f'<c r="{ref}" s="{style}"><v>{number}</v></c>' if style else f'<c r="{ref}"><v>{number}</v></c>'

    def _text(self, ref: str, value: str) -> str:
        tail = self._texts.get(value) or self._text_tail(value)
        return f'<c r="{ref}"{tail}' if tail else ""

    def _text_tail(self, value: str) -> str:
        # HR text that a spreadsheet could run as a formula is stored as text with the quote-prefix style.
        style = f' s="{self.quoted_style}"' if looks_like_formula(value) else ""
        text = escape_text(value)
        if not text:
            return ""
        space = ' xml:space="preserve"' if text != text.strip() else ""
        tail = self._texts[value] = f'{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'
        return tail

    def xml(self) -> bytes:
        """The rows as UTF-8 SpreadsheetML, ready to go before `</sheetData>`."""
        return "".join(self._parts).encode("utf-8")


def splice_sheet(part: bytes, stream: RowStream) -> bytes:
    """A worksheet part with the stream's rows added at the end of its sheet data."""
    rows = stream.xml()
    at = part.rfind(_CLOSE)
    if at >= 0:
        return part[:at] + rows + part[at:]
    at = part.find(_EMPTY)
    if at < 0:
        raise ValueError("worksheet part has no sheetData element")
    return part[:at] + b"<sheetData>" + rows + _CLOSE + part[at + len(_EMPTY):]


def splice_rows(package: BinaryIO, target: str | Path, streams: Mapping[str, RowStream], *,
                compresslevel: int = 6) -> None:
    """Copies an .xlsx package to `target`, adding each stream's rows to its worksheet part (e.g. `xl/worksheets/sheet2.xml`)."""
    missing = set(streams)
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED,
                                                                compresslevel=compresslevel) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in streams:
                data = splice_sheet(data, streams[info.filename])
                missing.discard(info.filename)
            out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
    if missing:
        raise ValueError(f"package has no part {sorted(missing)[0]}")
