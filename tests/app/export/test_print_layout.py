"""The workbook as an approver prints it: LibreOffice's PDF of a plan with long reasons, long names and ids, checked
word by word — every wrapped line of a reason inside its row, no text drawn over other text."""
from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest

from app.export import write_plan_workbook
from app.export.sheet import LINE_HEIGHT
from tests.app.export.conftest import sample_report
from tests.libreoffice import convert, tool

pytestmark = pytest.mark.libreoffice

#: Reasons as a real plan words them (a 120-person roster of three initiatives); the first word of each is its tag.
REASONS = [
    "Zofia Mbeki: Change management 4 ≥ 4, Training design 3 ≥ 3; after training Stakeholder engagement 2→3 "
    "(1 week); moves in from Customs Document AI; runner-up Aoife Oyelaran (after 5 weeks of training) costs €9.3k "
    "more",
    "Wojciech Abernathy-Whitcombe: Data engineering 3 ≥ 3, SQL 4 ≥ 3; after training Python 0→3 (5 weeks); on "
    "the team already; runner-up Ingrid Vasquez-Delacroix (after 5 weeks of training) is needed on Data engineer on "
    "BAU Hub Systems, Data engineer on Route Optimiser",
    "Hiroshi Haddad: Site reliability engineering 4 ≥ 4, Kubernetes 3 ≥ 3, Observability 4 ≥ 3; after training "
    "Incident management 2→3 (2 weeks); moves in from Fleet Predictive Maintenance, Route Optimiser; runner-up "
    "Nneka Nakamura (Site reliability engineering 4) costs €8k more",
    "Greta Szymańska: ML pipelines (CI/CD for ML) 3 ≥ 3, Model registry and versioning 3 ≥ 3; after training "
    "Model monitoring 1→3 (6 weeks), Kubernetes 2→3 (4 weeks); moves in from BAU Hub Systems",
]
HIRE_REASONS = [
    "nobody in the pool holds all of Software engineering 4, System integration 3, API design 3, Testing and QA 3 "
    "together; hire 2 heads (10 weeks lead time); open the requisition by 2027-01-04",
    "the 1 eligible person is fully used; hire 2 heads (12 weeks lead time); open the requisition by 2026-12-21",
]
LONG_MANAGER = "Uchenna Abernathy-Whitcombe-Featherstonehaugh"


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The sample plan with real-length reasons and a long manager name, written and printed to PDF once."""
    root = tmp_path_factory.mktemp("print")
    report = sample_report()
    for a, reason in zip(report.plan.assignments, REASONS, strict=True):
        a.reason, a.why = reason, None
    for h, reason in zip(report.plan.hires, HIRE_REASONS, strict=True):
        h.reason, h.why = reason, None
    for p in report.people:
        p.manager = LONG_MANAGER
    book = write_plan_workbook(report, root / "plan.xlsx")
    convert(book, "pdf", root)
    xml = subprocess.run([tool("pdftotext"), "-bbox", str(root / "plan.pdf"), "-"], capture_output=True,
                         text=True, timeout=60, check=True).stdout
    return book, _pages(xml)


def _pages(xml: str) -> list[list[tuple[float, float, float, float, str]]]:
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    return [[(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in word.findall(page)]
            for page in xml.split("<page ")[1:]]


def _lines_per_tag(pages, tags: list[str], header: str, after: str) -> dict[str, int]:
    """Rendered lines of each tagged text in the column between the words `header` and `after` of the header row."""
    counts: dict[str, int] = {}
    for words in pages:
        heads = [w for w in words if w[4] == header]
        ends = [w for w in words if w[4] == after and heads and abs(w[1] - heads[0][1]) < 2]
        if not heads or not ends:
            continue
        left, right, top = heads[0][0] - 1, ends[0][0] - 1, heads[0][3]
        lines: dict[float, list] = defaultdict(list)
        for x0, y0, _x1, _y1, text in words:
            if left <= x0 < right and y0 > top:
                lines[round(y0, 0)].append((x0, text))
        current = None
        for y in sorted(lines):
            first = min(lines[y])[1]
            if first in tags:
                current = first
                counts[current] = 0
            if current is not None:
                counts[current] += 1
    return counts


def _allotted(book: Path, sheet: str, tags: list[str], column: str) -> dict[str, int]:
    """Lines of text each tagged row is tall enough for (its height over the height of a line)."""
    ws = openpyxl.load_workbook(book)[sheet]
    col = next(c.column for c in ws[4] if c.value == column)
    out = {}
    for row in ws.iter_rows(min_row=5):
        text = row[col - 1].value or ""
        tag = text.split(" ", 1)[0]
        if tag in tags:
            height = ws.row_dimensions[row[0].row].height
            out[tag] = round((height or LINE_HEIGHT) / LINE_HEIGHT)
    return out


def test_every_line_of_a_reason_prints_inside_its_row(printed):
    book, pages = printed
    for sheet, texts in (("Assignments", REASONS), ("Hiring", HIRE_REASONS)):
        tags = [t.split(" ", 1)[0] for t in texts]
        shown = _lines_per_tag(pages, tags, "Reason", "Approval")
        room = _allotted(book, sheet, tags, "Reason")
        assert set(shown) == set(tags), (sheet, shown)
        for tag in tags:  # a row shorter than its text prints the last words over the next row
            assert shown[tag] <= room[tag], f"{sheet} {tag}: {shown[tag]} lines printed in a row for {room[tag]}"


def test_no_text_is_printed_over_other_text(printed):
    """Two words on one line of a page never overlap: a cell's text neither runs into the next cell nor is cut by
    it (ids without spaces, long names, the Assumptions' wrapped values)."""
    _, pages = printed
    found = []
    for n, words in enumerate(pages, 1):
        for i, (x0, y0, x1, y1, w) in enumerate(words):
            for a0, b0, a1, b1, v in words[i + 1:]:
                height = min(y1 - y0, b1 - b0)
                if min(x1, a1) - max(x0, a0) > 0.3 and min(y1, b1) - max(y0, b0) > 0.3 * height:
                    found.append((n, w, v))
    assert not found, found[:10]


def test_long_text_in_a_narrow_column_wraps_instead_of_being_cut(printed):
    book, _ = printed
    ws = openpyxl.load_workbook(book)["Team changes"]
    col = next(c.column for c in ws[4] if c.value == "Manager")
    cells = [row[col - 1] for row in ws.iter_rows(min_row=5) if row[col - 1].value == LONG_MANAGER]
    assert cells and all(c.alignment.wrap_text for c in cells)
    assert all((ws.row_dimensions[c.row].height or LINE_HEIGHT) >= 2 * LINE_HEIGHT for c in cells)
