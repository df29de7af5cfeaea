"""Editing an exported workbook the way approvers do, by header and row subject rather than by position."""
from __future__ import annotations


def header_row(ws) -> int:
    """The row holding a list sheet's column headers (the one with the hidden key, else the first blue row)."""
    for r in range(1, 11):
        if any(c.value == "Phasegate key" for c in ws[r]):
            return r
    return 4


def col(ws, header: str) -> int:
    """1-based column of a header on a list sheet."""
    return next(c.column for c in ws[header_row(ws)] if c.value == header)


def row_of(ws, value: str, *, key_header: str = "Person ID") -> int:
    """The first data row whose `key_header` cell holds `value`."""
    at = col(ws, key_header)
    return next(r for r in range(header_row(ws) + 1, ws.max_row + 1) if ws.cell(r, at).value == value)


def cell(ws, value: str, header: str, *, key_header: str = "Person ID"):
    """The cell under `header` in the row whose `key_header` holds `value`."""
    return ws.cell(row_of(ws, value, key_header=key_header), col(ws, header))


def set_cell(ws, value: str, header: str, new: object, *, key_header: str = "Person ID") -> None:
    """Sets the cell under `header` in the row whose `key_header` holds `value`."""
    cell(ws, value, header, key_header=key_header).value = new


def sheet_rows(ws) -> list[dict[str, object]]:
    """A list sheet's rows under its header, each as header → value (rows with an empty first cell left out)."""
    head = header_row(ws)
    names = [c.value for c in ws[head]]
    return [dict(zip(names, (c.value for c in row), strict=False)) for row in ws.iter_rows(min_row=head + 1)
            if row[0].value is not None]
