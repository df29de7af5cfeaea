"""The streaming SpreadsheetML rows: what openpyxl reads back, and a workbook identical to the all-openpyxl one."""
from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from app.export import write_plan_workbook
from app.export.safe import clean_text
from app.export.sheetxml import RowStream, escape_text, splice_rows, splice_sheet
from app.export.xlsx import SheetWriter
from benchmarks.bench_export import make_report
from tests.app.export.conftest import sample_report


def _roundtrip(rows: list[list[object]], kinds: list[str], tmp_path) -> openpyxl.Workbook:
    """Rows streamed under a one-line header into an openpyxl-made package, then read back by openpyxl."""
    wb = Workbook(write_only=True)
    writer = SheetWriter(wb.create_sheet("Data"), currency="EUR")
    writer.append(["header"])
    stream = RowStream(first_row=2, styles=[writer.style_id(kind=k) for k in kinds],
                       quoted_style=writer.style_id(quoted=True))
    for row in rows:
        stream.add(row)
    skeleton = io.BytesIO()
    wb.save(skeleton)
    splice_rows(skeleton, tmp_path / "out.xlsx", {"xl/worksheets/sheet1.xml": stream})
    return openpyxl.load_workbook(tmp_path / "out.xlsx")


def test_values_types_and_formats_read_back(tmp_path):
    rows = [["E1", 0.5, date(2025, 3, 17), 61500.0, True, None, 3],
            ["=HYPERLINK(\"http://x\",\"y\")", 1, datetime(2025, 3, 17, 12, 0), 0.125, False, "", 0]]
    ws = _roundtrip(rows, ["text", "fte", "date", "money", "text", "text", "int"], tmp_path)["Data"]
    first = [c for c in ws[2]]
    assert [c.value for c in first[:5]] == ["E1", 0.5, datetime(2025, 3, 17), 61500, True]
    assert (first[1].number_format, first[2].number_format, first[3].number_format) == (
        "0.00", "yyyy-mm-dd", '"€"#,##0')
    assert first[5].value is None and first[6].value == 3 and first[6].number_format == "0"
    second = [c for c in ws[3]]
    assert second[0].value == '=HYPERLINK("http://x","y")' and second[0].data_type == "s"
    assert second[0].quotePrefix
    assert second[2].value == datetime(2025, 3, 17, 12, 0)
    assert second[4].value is False and second[5].value is None and second[6].value == 0


def test_other_numbers_and_objects(tmp_path):
    from decimal import Decimal
    from enum import Enum

    class Colour(Enum):
        RED = "red"

    ws = _roundtrip([[Decimal("2.5"), float("nan"), Colour.RED]], ["money", "fte", "text"], tmp_path)["Data"]
    (row,) = ws.iter_rows(min_row=2, max_row=2, values_only=True)
    assert row == (2.5, "nan", "Colour.RED")


def test_markup_and_control_characters_are_escaped_or_removed():
    assert escape_text("a < b & c > d\r") == "a &lt; b &amp; c &gt; d&#13;"
    assert escape_text("bell\x07 and nul\x00") == "bell and nul"
    assert len(escape_text("x" * 40_000)) == 32_767


def test_a_row_longer_than_the_columns_is_refused():
    stream = RowStream(first_row=4, styles=[0, 0], quoted_style=1)
    with pytest.raises(ValueError, match="3 values for 2 columns"):
        stream.add(["a", "b", "c"])


def test_splice_into_empty_sheet_data_and_missing_part(tmp_path):
    stream = RowStream(first_row=1, styles=[0], quoted_style=1)
    stream.add(["only row"])
    spliced = splice_sheet(b"<worksheet><sheetData/><pageMargins/></worksheet>", stream)
    assert spliced == (b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>only row</t></is></c>'
                       b"</row></sheetData><pageMargins/></worksheet>")
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as z:
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>")
    with pytest.raises(ValueError, match="sheet9"):
        splice_rows(package, tmp_path / "x.xlsx", {"xl/worksheets/sheet9.xml": stream})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=5))
def test_any_text_reads_back_as_itself_without_illegal_characters(texts, tmp_path):
    ws = _roundtrip([texts], ["text"] * len(texts), tmp_path)["Data"]
    expected = [clean_text(t) or None for t in texts]
    (row,) = ws.iter_rows(min_row=2, max_row=2, max_col=len(texts), values_only=True)
    assert list(row) == expected


def _cells(path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    return {ws.title: [(c.coordinate, c.value, c.data_type, c.number_format, bool(c.quotePrefix), bool(c.font.b))
                       for row in ws.iter_rows() for c in row if c.value is not None] for ws in book}


def _structure(path) -> dict[str, tuple]:
    book = openpyxl.load_workbook(path)
    return {ws.title: (sorted((t.name, t.ref) for t in ws.tables.values()),
                       [str(dv.sqref) for dv in ws.data_validations.dataValidation], ws.print_area,
                       ws.freeze_panes, ws.max_row, ws.sheet_state) for ws in book}


@pytest.mark.parametrize("include_pay", [True, False])
@pytest.mark.parametrize("make", [sample_report, lambda: make_report(people=300, assignments=90, trainings=20,
                                                                       hires=10)], ids=["sample", "generated"])
def test_streamed_workbook_equals_the_all_openpyxl_one(make, include_pay, tmp_path):
    report = make()
    fast = write_plan_workbook(report, tmp_path / "fast.xlsx", include_pay=include_pay)
    slow = write_plan_workbook(report, tmp_path / "slow.xlsx", include_pay=include_pay, fast_rows=False)
    assert _cells(fast) == _cells(slow)
    assert _structure(fast) == _structure(slow)
