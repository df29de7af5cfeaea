"""One sheet of the approvers' workbook written with XlsxWriter: safe cells, formats, formulas with their values,
tables, drop-downs, widths on every column, and print settings (headers, footers, one page wide)."""
from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime

from xlsxwriter.utility import xl_col_to_name

from app.export.safe import FORMULA_TRIGGERS, ILLEGAL_CHARACTERS, clean_text, looks_like_formula
from app.export.tables import APPROVAL_CHOICES, Column, Table

#: Column kinds whose cells are numbers (right-aligned), and so are their headers.
NUMBER_KINDS = frozenset({"fte", "int", "weeks", "money", "date", "percent"})
FIXED_WIDTHS = {"fte": 8, "int": 9, "weeks": 8, "money": 13, "date": 12, "percent": 9, "approval": 12}
CURRENCY_FORMATS = {"EUR": '"€"#,##0', "USD": '"$"#,##0', "GBP": '"£"#,##0', "CHF": '"CHF "#,##0'}
#: Every list sheet: title on row 1, totals on rows 2–3, headers on row 4, data from row 5 (1-based).
TOTAL_ROW, APPROVED_ROW, HEADER_ROW, FIRST_ROW = 2, 3, 4, 5
#: Rows sampled to size a column; enough to be representative without walking 10,000 rows.
WIDTH_SAMPLE = 400
BLUE, HIGHLIGHT = "#1F4E79", "#FCE4D6"
_ILLEGAL = ILLEGAL_CHARACTERS
#: First characters of text that may be read as a formula (a leading space may hide one).
_TRIGGER_STARTS = frozenset((*FORMULA_TRIGGERS, " "))
#: Points per line of text; spreadsheet programs do not size rows to wrapped text in files they did not write.
LINE_HEIGHT = 15
MAX_LINES = 12
#: Characters of running text per unit of column width, measured on LibreOffice's PDF with DejaVu Sans.
CHARS_PER_WIDTH = 1.12


def number_formats(currency: str) -> dict[str, str]:
    """Excel number format per column kind."""
    money = CURRENCY_FORMATS.get(currency, f'#,##0 "{currency}"')
    return {"fte": "0.00", "weeks": "0.0", "int": "0", "money": money, "date": "d mmm yyyy", "percent": "0%"}


def col_name(column: int) -> str:
    """Excel letters of a 1-based column."""
    return xl_col_to_name(column - 1)


def data_range(table: Table, header: str, *, absolute: bool = True) -> str | None:
    """`'Sheet'!$G$5:$G$20` for one column's data on a list sheet, or None when the table has no rows."""
    if not table.rows or not any(c.header == header for c in table.columns):
        return None
    letter = col_name(table.index(header) + 1)
    d = "$" if absolute else ""
    return f"'{table.sheet}'!{d}{letter}{d}{FIRST_ROW}:{d}{letter}{d}{FIRST_ROW + len(table.rows) - 1}"


class Formats:
    """The workbook's cell formats, made once per combination (XlsxWriter formats belong to the workbook)."""

    def __init__(self, workbook, *, currency: str) -> None:
        self.workbook = workbook
        self.numbers = number_formats(currency)
        self._made: dict[tuple, object] = {}

    def get(self, kind: str = "text", *, bold: bool = False, style: str = "", quote: bool = False,
            fill: str | None = None, fmt: str | None = None):
        """The format for a cell kind with options; None for a plain cell."""
        key = (kind, bold, style, quote, fill, fmt)
        if key in self._made:
            return self._made[key]
        props: dict[str, object] = {"valign": "top"}
        number = None if style.endswith("header") else fmt or self.numbers.get(kind)
        if number:
            props["num_format"] = number
        if kind == "wrap" or style in ("header", "number header", "note"):
            props["text_wrap"] = True
        if bold:
            props["bold"] = True
        if quote:
            props["quote_prefix"] = True
        if fill:
            props["bg_color"] = fill
        header = {"bold": True, "font_color": "#FFFFFF", "bg_color": BLUE, "border": 1, "border_color": "#BFBFBF"}
        props.update({"header": header,
                      # over a column of numbers: right-aligned like them, so '3' under 'Required level' is not read
                      # as the next column's; indented clear of the filter button Excel draws at the cell's right
                      "number header": {**header, "align": "right", "indent": 2},
                      "title": {"bold": True, "font_size": 14, "font_color": BLUE},
                      "long title": {"bold": True, "font_size": 14, "font_color": BLUE, "text_wrap": True},
                      "section": {"bold": True, "font_size": 12, "font_color": BLUE, "valign": "bottom"},
                      "note": {"italic": True, "font_color": "#595959"}}.get(style, {}))
        made = self.workbook.add_format(props)
        self._made[key] = made
        return made


class SheetWriter:
    """Writes one sheet top to bottom, keeping the 1-based row count so formulas can name real ranges."""

    def __init__(self, workbook, ws, formats: Formats) -> None:
        self.workbook, self.ws, self.formats = workbook, ws, formats
        self.row = 0
        self.width_of: dict[int, float] = {}
        self.longest: dict[int, int] = {}  # 1-based column → the longest text sampled by `widths`

    # ----------------------------------------------------------------------------------------------- cells

    def put(self, row: int, column: int, value: object, *, kind: str = "text", bold: bool = False,
            style: str = "", fill: str | None = None, fmt: str | None = None) -> None:
        """One cell at a 1-based position: text is never a formula, numbers and dates carry their format."""
        r, c = row - 1, column - 1
        if value is None or value == "":
            if fill or style == "header":
                self.ws.write_blank(r, c, None, self.formats.get(kind, bold=bold, style=style, fill=fill))
            return
        if isinstance(value, str):
            value = clean_text(value)
            quote = looks_like_formula(value)
            self.ws.write_string(r, c, value, self.formats.get(kind, bold=bold, style=style, quote=quote, fill=fill))
        elif isinstance(value, bool):
            self.ws.write_string(r, c, "Yes" if value else "No", self.formats.get(kind, bold=bold, fill=fill))
        elif isinstance(value, datetime | date):
            self.ws.write_datetime(r, c, value, self.formats.get("date", bold=bold, style=style, fill=fill))
        else:
            self.ws.write_number(r, c, value, self.formats.get(kind, bold=bold, style=style, fill=fill, fmt=fmt))

    def formula(self, row: int, column: int, text: str, value: object, *, kind: str = "text", bold: bool = False,
                fill: str | None = None) -> None:
        """A formula Phasegate builds itself, saved with its computed value (viewers that do not recalculate)."""
        self.ws.write_formula(row - 1, column - 1, text, self.formats.get(kind, bold=bold, fill=fill),
                              0 if value is None else value)

    def append(self, values: Sequence[object] = (), *, kinds: Sequence[str] | None = None, bold: bool = False,
               style: str = "", first_col: int = 1, fill: str | None = None) -> int:
        """Writes the next row; returns its 1-based number."""
        self.row += 1
        for i, value in enumerate(values):
            self.put(self.row, first_col + i, value, kind=kinds[i] if kinds else "text", bold=bold, style=style,
                     fill=fill)
        return self.row

    def title(self, text: str, *, span: int = 1) -> int:
        """A large title row (merged across `span` columns and wrapped, so it never runs off the page)."""
        if span <= 1:
            return self.append([text], style="title")
        self.row += 1
        self.ws.merge_range(self.row - 1, 0, self.row - 1, span - 1, clean_text(text),
                            self.formats.get(style="long title"))
        saved = dict(self.width_of)
        self.width_of[1] = sum(saved.get(c, 9) for c in range(1, span + 1)) * 0.75  # 14 pt bold: wider letters
        lines = self.lines(1, text, bold=True)
        self.width_of = saved
        self.ws.set_row(self.row - 1, 20 * lines)
        return self.row

    def section(self, text: str) -> int:
        """A section heading row, with room above it."""
        row = self.append([text], style="section")
        self.ws.set_row(row - 1, 24)
        return row

    def note(self, text: str, *, span: int = 1, bold: bool = False) -> int:
        """A grey explanatory line (`bold`: a black bold one), merged across `span` columns so it wraps instead of
        spilling past the page's edge."""
        self.row += 1
        kind, style = ("wrap", "") if bold else ("text", "note")
        if span > 1:
            fmt = self.formats.get(kind, bold=bold, style=style)
            self.ws.merge_range(self.row - 1, 0, self.row - 1, span - 1, clean_text(text), fmt)
            self.fit_merged(self.row, [(1, span, text)], bold=bold)
        else:
            self.put(self.row, 1, text, kind=kind, bold=bold, style=style)
        return self.row

    def header(self, headers: Sequence[str], *, first_col: int = 1) -> int:
        """A row of white-on-blue column headers, as tall as the longest header wraps to."""
        row = self.append(list(headers), style="header", first_col=first_col)
        # counted two characters narrower (a header over numbers is indented by 2) and always set: a row left to
        # LibreOffice's own sizing came out three lines tall over one line of text
        saved = dict(self.width_of)
        self.width_of = {c: max(1, w - 2) if w else w for c, w in saved.items()}
        lines = max((self.lines(first_col + i, h, bold=True) for i, h in enumerate(headers)
                     if h and saved.get(first_col + i) != 0), default=1)  # width 0: a hidden column
        self.width_of = saved
        self.ws.set_row(row - 1, LINE_HEIGHT * lines)
        return row

    def lines(self, column: int, text: object, *, bold: bool = False) -> int:
        """Lines a text takes when wrapped in a column (by its width in characters, words kept whole; a word longer
        than the column is broken across lines, as spreadsheet programs do)."""
        # A column of width w holds about 1.2 w characters of running text in Calibri, fewer in DejaVu Sans
        # (LibreOffice's stand-in where Calibri and Carlito are missing: 1.25 left the last word of a reason below
        # its row), fewer in bold (and a cell's padding).
        width = (self.width_of.get(column, 9) or 9) * (0.9 if bold else CHARS_PER_WIDTH)
        text = str(text)
        if len(text) <= width:
            return 1
        if len(text) > 8 * width:  # long text: words average out, so count characters (a 10,000-row roster)
            return min(math.ceil(len(text) / (width * 0.85)), MAX_LINES)
        count, used = 1, 0
        for word in text.split():
            if len(word) > width:  # broken inside the word: it fills lines of its own
                count += (1 if used else 0) + math.ceil(len(word) / width) - 1
                used = len(word) % math.ceil(width) or math.ceil(width)
                continue
            size = len(word) + (1 if used else 0)
            if used and used + size > width:
                count, used = count + 1, len(word)
            else:
                used += size
        return min(count, MAX_LINES)

    def fit_merged(self, row: int, spans: list[tuple[int, int, object]], *, bold: bool = False) -> None:
        """Sets a row's height to its tallest text merged across columns (first, last, text)."""
        saved = dict(self.width_of)
        for first, last, _ in spans:
            self.width_of[first] = sum(saved.get(c, 9) for c in range(first, last + 1))
        self.fit_height(row, {first: text for first, _, text in spans}, bold=bold)
        self.width_of = saved

    def fit_height(self, row: int, texts: dict[int, object], *, bold: bool = False) -> None:
        """Sets a row's height to its tallest wrapped text (nothing for a one-line row)."""
        lines = max((self.lines(c, t, bold=bold) for c, t in texts.items() if t), default=1)
        if lines > 1:
            self.ws.set_row(row - 1, LINE_HEIGHT * lines)

    def data_rows(self, table: Table, *, first_col: int = 1, fill: str | None = None) -> tuple[int, int]:
        """The table's rows with formats and heights; returns (first, last) 1-based row numbers (last < first when
        empty)."""
        kinds = [c.kind for c in table.columns]
        # a text column whose longest text is wider than the column wraps rather than being cut at the cell's edge
        kinds = ["wrap" if k == "text" and self.longest.get(first_col + j, 0) > (self.width_of.get(first_col + j) or 0)
                 else k for j, k in enumerate(kinds)]
        return self.rows(kinds, table.rows, first_col=first_col, fill=fill)

    def rows(self, kinds: Sequence[str], rows: Sequence[Sequence[object]], *, first_col: int = 1,
             fill: str | None = None) -> tuple[int, int]:
        """Plain rows below the current one, each cell formatted by its column's kind (as `put` would), each row as
        tall as its wrapped text; returns (first, last) 1-based row numbers (last < first when empty).

        The hot loop of a 10,000-person export: formats are resolved once per column, not per cell."""
        get = self.formats.get
        write_string, write_number, write_datetime = self.ws.write_string, self.ws.write_number, self.ws.write_datetime
        dates = get("date", fill=fill)
        # per column: (0-based sheet column, its format, its format with Excel's quote prefix)
        columns = [(first_col - 1 + j, get(k, fill=fill), get(k, quote=True, fill=fill)) for j, k in enumerate(kinds)]
        wrapped = [(j, first_col + j) for j, k in enumerate(kinds) if k == "wrap"]
        first = self.row + 1
        for values in rows:
            r = self.row
            self.row += 1
            for v, (c, plain, quoted) in zip(values, columns, strict=True):
                kind = type(v)
                if kind is float or kind is int:
                    write_number(r, c, v, plain)
                elif kind is str:
                    if not v:
                        continue
                    if _ILLEGAL.search(v):
                        v = clean_text(v)
                    write_string(r, c, v, quoted if v[:1] in _TRIGGER_STARTS and looks_like_formula(v) else plain)
                elif v is None:
                    continue
                elif kind is bool:
                    write_string(r, c, "Yes" if v else "No", plain)
                else:
                    write_datetime(r, c, v, dates)
            if wrapped:
                self.fit_height(self.row, {col: values[j] for j, col in wrapped})
        return first, self.row

    # ---------------------------------------------------------------------------------------------- layout

    def add_table(self, table: Table, *, header_row: int, last_row: int, first_col: int = 1,
                  style: str = "Table Style Medium 2", headers: Sequence[str] | None = None) -> None:
        """A native Excel table (filter buttons) over header + data rows; nothing when there are no rows."""
        if last_row <= header_row:
            return
        names = list(headers or [c.header for c in table.columns])
        kinds = [c.kind for c in table.columns] if len(table.columns) == len(names) else ["text"] * len(names)
        formats = [self.formats.get(style="number header" if k in NUMBER_KINDS else "header") for k in kinds]
        self.ws.add_table(header_row - 1, first_col - 1, last_row - 1, first_col + len(names) - 2, {
            "name": table.name.replace(" ", "_"), "style": style, "autofilter": True,
            "columns": [{"header": h, "header_format": f} for h, f in zip(names, formats, strict=True)]})

    def widths(self, *blocks: tuple[Sequence[Column], Sequence[Sequence[object]]], first_col: int = 1,
               minimum: int = 8) -> None:
        """A width on every column from headers and a sample of content (capped; wrapped columns at their cap);
        key columns hidden."""
        for columns, rows in blocks:
            sample = rows[:WIDTH_SAMPLE]
            for offset, col in enumerate(columns):
                index = first_col + offset
                if col.kind == "key":
                    self.ws.set_column(index - 1, index - 1, 12, None, {"hidden": True})
                    self.width_of[index] = 0
                    continue
                longest = max((len(str(r[offset])) for r in sample if r[offset] is not None), default=0)
                self.longest[index] = max(self.longest.get(index, 0), longest)
                longest = max(longest, FIXED_WIDTHS.get(col.kind, 0))
                header_need = min(len(col.header) + 3, 22)
                width = min(max(longest + 2, header_need, minimum), max(col.max_width, header_need))
                if col.kind == "wrap" and longest > col.max_width:
                    width = col.max_width
                width = max(width, self.width_of.get(index, 0))
                self.width_of[index] = width
                self.ws.set_column(index - 1, index - 1, width)

    def approval_dropdown(self, column: int, first: int, last: int) -> None:
        """A Proposed / Approved / Rejected drop-down on the Approval cells."""
        if last < first:
            return
        self.ws.data_validation(first - 1, column - 1, last - 1, column - 1, {
            "validate": "list", "source": list(APPROVAL_CHOICES), "ignore_blank": True,
            "input_title": "Approval", "input_message": "Proposed, Approved or Rejected",
            "error_title": "Approval", "error_message": "Choose Proposed, Approved or Rejected."})

    def print_setup(self, *, header: str, footer: str, title_rows: int | None = None,
                    freeze: tuple[int, int] | None = None, tab_color: str | None = None,
                    portrait: bool = False) -> None:
        """A4, one page wide, header/footer on every page, header rows repeated, frozen panes."""
        ws = self.ws
        if freeze:
            ws.freeze_panes(*freeze)
        if tab_color:
            ws.set_tab_color(tab_color)
        if not portrait:
            ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.7)
        ws.set_header(header, {"margin": 0.3})
        ws.set_footer(footer, {"margin": 0.3})
        if title_rows:
            ws.repeat_rows(title_rows - 1)

    def print_columns(self, last_column: int, last_row: int) -> None:
        """The print area: the visible columns down to the last row written."""
        self.ws.print_area(0, 0, max(last_row, 1) - 1, last_column - 1)
