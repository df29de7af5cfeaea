"""Low-level writing of one sheet in openpyxl's streaming mode: safe cells, formats, tables, print settings."""
from __future__ import annotations

import warnings
from collections.abc import Sequence

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table as XlTable
from openpyxl.worksheet.table import TableColumn, TableStyleInfo

from app.export.safe import clean_text, looks_like_formula
from app.export.sheetxml import RowStream
from app.export.tables import APPROVAL_CHOICES, Column, Table

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
TITLE_FONT = Font(bold=True, size=14, color="1F4E79")
SECTION_FONT = Font(bold=True, size=12, color="1F4E79")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
FIXED_WIDTHS = {"fte": 8, "int": 9, "weeks": 8, "money": 13, "date": 12, "percent": 9, "approval": 12}
CURRENCY_FORMATS = {"EUR": '"€"#,##0', "USD": '"$"#,##0', "GBP": '"£"#,##0', "CHF": '"CHF "#,##0'}
#: Every list sheet: title on row 1, totals on row 2, headers on row 3, data from row 4.
TOTAL_ROW, HEADER_ROW, FIRST_ROW = 2, 3, 4
#: Rows sampled to size a column; enough to be representative without walking 10,000 rows.
WIDTH_SAMPLE = 400


def number_formats(currency: str) -> dict[str, str]:
    """Excel number format per column kind."""
    money = CURRENCY_FORMATS.get(currency, f'#,##0 "{currency}"')
    return {"fte": "0.00", "weeks": "0.0", "int": "0", "money": money, "date": "yyyy-mm-dd", "percent": "0%"}


def data_range(table: Table, header: str) -> str | None:
    """`'Sheet'!$G$4:$G$20` for one column's data on a list sheet, or None when the table has no rows."""
    if not table.rows:
        return None
    letter = get_column_letter(table.index(header) + 1)
    return f"'{table.sheet}'!${letter}${FIRST_ROW}:${letter}${FIRST_ROW + len(table.rows) - 1}"


class SheetWriter:
    """Appends rows to a streaming worksheet, keeping count so formulas can name real ranges.

    With `fast=True`, `data_rows(..., last=True)` writes the rows as SpreadsheetML text (`sheetxml`) that the
    workbook splices in when saving; `fast=False` sends every cell through openpyxl (same result, slower).
    """

    def __init__(self, ws, *, currency: str, fast: bool = True) -> None:
        self.ws = ws
        self.row = 0
        self.formats = number_formats(currency)
        self.fast = fast
        self.streamed: RowStream | None = None

    def cell(self, value: object, *, kind: str = "text", font: Font | None = None,
             fill: PatternFill | None = None, fmt: str | None = None, align: Alignment | None = None) -> object:
        """A value ready to append: text is never a formula, numbers and dates carry their format."""
        if value is None:
            return None
        styled = font is not None or fill is not None or align is not None
        if isinstance(value, str):
            value = clean_text(value)
            if not (looks_like_formula(value) or styled):
                return value
            out = WriteOnlyCell(self.ws, value=value)
            if looks_like_formula(value):
                out.data_type = "s"  # stored as text: HR data must never run as a formula
                out.quotePrefix = True
        else:
            fmt = fmt or self.formats.get(kind)
            if not (fmt or styled):
                return value
            out = WriteOnlyCell(self.ws, value=value)
            if fmt:
                out.number_format = fmt
        if font is not None:
            out.font = font
        if fill is not None:
            out.fill = fill
        if align is not None:
            out.alignment = align
        return out

    def formula(self, text: str, *, kind: str = "text", font: Font | None = None) -> WriteOnlyCell:
        """A real formula cell (only for formulas Phasegate builds itself)."""
        out = WriteOnlyCell(self.ws, value=text)
        fmt = self.formats.get(kind)
        if fmt:
            out.number_format = fmt
        if font is not None:
            out.font = font
        return out

    def style_id(self, *, kind: str = "text", quoted: bool = False) -> int:
        """The workbook's cell-style index for a column kind (0 = default), registered with openpyxl."""
        fmt = self.formats.get(kind)
        if not (fmt or quoted):
            return 0
        probe = WriteOnlyCell(self.ws)
        if fmt:
            probe.number_format = fmt
        if quoted:
            probe.quotePrefix = True
        return probe.style_id

    def append(self, values: Sequence[object] = ()) -> int:
        """Appends one row; returns its 1-based row number."""
        if self.streamed is not None:
            raise RuntimeError("this sheet's streamed rows must stay its last rows")
        self.ws.append(list(values))
        self.row += 1
        return self.row

    def title(self, text: str) -> int:
        """A bold title row."""
        return self.append([self.cell(text, font=TITLE_FONT)])

    def section(self, text: str) -> int:
        """A section heading row."""
        return self.append([self.cell(text, font=SECTION_FONT)])

    def header(self, headers: Sequence[str], *, first_col: int = 1) -> int:
        """A row of white-on-blue column headers."""
        pad = [None] * (first_col - 1)
        return self.append(pad + [self.cell(h, font=HEADER_FONT, fill=HEADER_FILL, align=WRAP) for h in headers])

    def data_rows(self, table: Table, *, last: bool = False) -> tuple[int, int]:
        """Appends a table's rows with formats; returns (first, last) row numbers (last < first when empty).

        `last=True` promises no row follows on this sheet, which lets a fast writer stream them.
        """
        kinds = [c.kind for c in table.columns]
        first = self.row + 1
        if last and self.fast:
            self.streamed = RowStream(first_row=first, styles=[self.style_id(kind=k) for k in kinds],
                                      quoted_style=self.style_id(quoted=True))
            for values in table.rows:
                self.row = self.streamed.add(values)
            return first, self.row
        for values in table.rows:
            self.append([self.cell(v, kind=k) for v, k in zip(values, kinds, strict=True)])
        return first, self.row

    def add_table(self, table: Table, *, header_row: int, last_row: int, first_col: int = 1,
                  style: str = "TableStyleMedium2") -> None:
        """A native Excel table (with filter buttons) over header + data rows; nothing when there are no rows."""
        if last_row <= header_row:
            return
        last_col = first_col + len(table.columns) - 1
        ref = f"{get_column_letter(first_col)}{header_row}:{get_column_letter(last_col)}{last_row}"
        xl = XlTable(displayName=table.name.replace(" ", "_"), ref=ref)
        xl.tableColumns = [TableColumn(id=i, name=c.header) for i, c in enumerate(table.columns, 1)]
        xl.autoFilter = AutoFilter(ref=ref)  # filter buttons on every header (streaming sheets skip the default)
        xl.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="In write-only mode you must add table columns manually")
            self.ws.add_table(xl)

    def widths(self, *blocks: tuple[Sequence[Column], Sequence[Sequence[object]]], first_col: int = 1,
               minimum: int = 8) -> None:
        """Column widths from headers and a sample of content (capped); key columns hidden. Call before rows."""
        if self.row:
            raise RuntimeError("streaming sheets take column widths only before the first row")
        widths: dict[int, float] = {}
        hidden: set[int] = set()
        for columns, rows in blocks:
            sample = rows[:WIDTH_SAMPLE]
            for offset, col in enumerate(columns):
                index = first_col + offset
                if col.kind == "key":
                    hidden.add(index)
                    continue
                longest = max((len(str(r[offset])) for r in sample if r[offset] is not None), default=0)
                longest = max(longest, FIXED_WIDTHS.get(col.kind, 0))
                header_need = min(len(col.header) + 3, 30)
                width = min(max(longest + 2, header_need, minimum), max(col.max_width, header_need))
                widths[index] = max(width, widths.get(index, 0))
        for index, width in widths.items():
            self.ws.column_dimensions[get_column_letter(index)].width = width
        for index in hidden:
            self.ws.column_dimensions[get_column_letter(index)].hidden = True

    def approval_dropdown(self, column: int, first: int, last: int) -> None:
        """A Proposed / Approved / Rejected drop-down on the Approval cells."""
        if last < first:
            return
        dv = DataValidation(type="list", formula1='"' + ",".join(APPROVAL_CHOICES) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="Approval",
                            error="Choose Proposed, Approved or Rejected.", promptTitle="Approval",
                            prompt="Proposed, Approved or Rejected", showInputMessage=True)
        letter = get_column_letter(column)
        dv.add(f"{letter}{first}:{letter}{last}")
        self.ws.data_validations.append(dv)

    def print_setup(self, *, title_rows: str | None = None, freeze: str | None = None,
                    tab_color: str | None = None) -> None:
        """Landscape A4, one page wide, header rows repeated, frozen panes. Call before the first row."""
        if self.row:
            raise RuntimeError("streaming sheets take sheet properties only before the first row")
        ws = self.ws
        if freeze:
            ws.freeze_panes = freeze
        if tab_color:
            ws.sheet_properties.tabColor = tab_color
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        if title_rows:
            ws.print_title_rows = title_rows
