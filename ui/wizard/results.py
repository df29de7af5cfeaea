"""The wizard's last steps: the preview (the import runs on a worker; problem cells coloured) and the summary."""
from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTextBrowser,
    QVBoxLayout,
    QWizardPage,
)

from ui.models.later import sliced
from ui.wizard.common import SlicedPreview

if TYPE_CHECKING:
    from ui.import_wizard import ImportWizard


class PreviewPage(QWizardPage):
    """Step 5: the import runs in the background; the preview marks every cell with a problem."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Preview")
        self.setSubTitle("Red cells reject their row; amber cells are imported with a warning. Hover for the reason.")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName("Import progress")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton("Cancel import")
        self.cancel_button.setAccessibleName("Cancel import")
        self.cancel_button.setToolTip("Stop reading the file (Esc)")
        self.cancel_button.clicked.connect(lambda: self.w.worker.cancel())
        self.table = QTableWidget()
        self.table.setAccessibleName("Preview with problems")
        self.rows = SlicedPreview(self.table)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        """Start the import in the worker."""
        self.w.result = None
        self.progress.setValue(0)
        self.status.setText("Reading the file…")
        self.cancel_button.setEnabled(True)
        info = self.w.info  # the rows show while the import runs; their problems are marked when it is done
        self.rows.show(info.columns, info.preview, first_row=info.header_row + 1)
        self.w.start_import()
        self.completeChanged.emit()

    def on_progress(self, fraction: float, message: str) -> None:
        """Progress from the worker."""
        self.progress.setValue(int(fraction * 1000))
        self.status.setText(message)

    def on_done(self, error: str = "") -> None:
        """Show the outcome: highlighted preview or the error."""
        self.cancel_button.setEnabled(False)
        if error:
            self.status.setText(f"<span style='color:#c62828'>{error}</span>")
        else:
            result = self.w.result
            self.progress.setValue(1000)
            c = result.counts
            self.status.setText(f"{counts_words(c)}, {c.warnings} warning{'s' if c.warnings != 1 else ''}.")
            info = self.w.info
            shown = range(info.header_row + 1, info.header_row + 1 + len(info.preview))  # a big import has 10,000s
            issues: dict[tuple[int, str], tuple[str, bool]] = {}
            for issue in result.warnings:
                if issue.row in shown:
                    issues[(issue.row, issue.column or "")] = (issue.reason, False)
            for issue in result.rejected:
                if issue.row in shown:
                    issues[(issue.row, issue.column or "")] = (issue.reason, True)
            self.rows.mark(issues)
            # '10 warnings' over a preview with no amber cell: say where they are (the preview is the first rows)
            below = sum(1 for i in (*result.warnings, *result.rejected) if i.row is not None and i.row not in shown)
            if below:
                self.status.setText(f"{self.status.text()} The preview shows the first {len(info.preview)} rows; "
                                    f"{'1 problem is on a row' if below == 1 else f'{below} problems are on rows'} below them: "
                                    "the next step lists every one with its row.")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        """Next only once the import has produced a result."""
        return self.w.result is not None


_LAYOUT_WORDS = {"matrix": "one column per skill", "list": "listed in one cell", "long": "one row per person and "
                 "skill", "none": "none in this file"}

#: List items per piece of the summary: QTextBrowser lays out ~0.05 ms of HTML per item, so 445 rejected rows in one
#: setHtml froze the wizard 22 ms (and thousands would freeze it for seconds); pieces are appended in 5 ms slices.
ITEMS_PER_PIECE = 60


class SummaryPage(QWizardPage):
    """Step 6: what was imported, every rejected row with its reason, and the columns kept as extra."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Summary")
        self.setSubTitle("Finish replaces the project's roster (undo with Ctrl+Z).")
        self.text = QTextBrowser()
        self.text.setAccessibleName("Import summary")
        QVBoxLayout(self).addWidget(self.text)
        self._pieces: list[str] = []  # what follows the first piece
        self._rest = sliced(self, self._append_pieces, lambda _none: None)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        """Render the summary: its first piece now, the rest in slices on the next turns."""
        first, *self._pieces = summary_pieces(self.w.result)
        self.text.setHtml(first)
        self._rest.start()  # also drops a pass still appending the pieces of a summary shown before

    def _append_pieces(self) -> Generator[None, None, None]:
        for piece in self._pieces:
            cursor = QTextCursor(self.text.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            # a fresh plain block: else the piece's first line joins the last one shown, and a heading that follows
            # a list becomes one of its items (Warnings under "Skipped on purpose")
            if piece.startswith("<ul>"):  # more items of the list shown last
                cursor.insertBlock()
            else:
                cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
                current = cursor.currentList()
                if current is not None:
                    current.remove(cursor.block())
            cursor.insertHtml(piece)
            yield


#: File formats that have one sheet only: 'sheet own_sheet' named a sheet the reader never saw.
_ONE_SHEET = {"csv", "tsv", "txt"}


def counts_words(c: Any) -> str:
    """'25 people imported (4 more rows of the same people merged into them), 0 rows rejected' for ImportCounts."""
    merged = (f" ({c.merged} more row{'s' if c.merged != 1 else ''} of the same people merged into them)"
              if c.merged else "")
    return f"{c.imported} people imported{merged}, {c.rejected} row{'s' if c.rejected != 1 else ''} rejected"


def _where(issue: Any, result: Any) -> str:
    """An issue's line without the sheet the summary's first lines name already (every issue is on that sheet)."""
    if issue.sheet is not None and issue.sheet == result.sheet:
        return issue.model_copy(update={"sheet": None}).one_line()
    return issue.one_line()


def summary_html(result: Any) -> str:
    """The summary page's text for an ImportResult."""
    return "".join(summary_pieces(result))


def _items(title: str, lines: list[str]) -> list[str]:
    """A titled list cut into pieces of ITEMS_PER_PIECE items, each piece whole HTML."""
    import html

    pieces = [f"<ul>{''.join(f'<li>{html.escape(line)}</li>' for line in lines[k:k + ITEMS_PER_PIECE])}</ul>"
              for k in range(0, len(lines), ITEMS_PER_PIECE)]
    return [f"<h4>{title}</h4>{pieces[0]}", *pieces[1:]] if pieces else []


def _columns(result: Any) -> list[str]:
    """Every source column: where it went (in business words), kept with each person, or left out and why."""
    import html

    from app.roster_import.targets import label

    mapping = result.mapping
    used = [f"<li>{html.escape(name)} → {html.escape(label(t.target))}</li>" for name, t in mapping.columns.items()
            if t.outcome == "mapped"]
    out = []
    if used:
        out.append(f"<h4>Columns used</h4><ul>{''.join(used)}</ul>")
    if result.unmapped_columns:
        out.append("<h4>Columns kept with each person</h4><p>"
                   + ", ".join(html.escape(c) for c in result.unmapped_columns) + "</p>")
    if result.ignored_columns:
        out.append("<h4>Columns left out</h4><ul>" + "".join(
            f"<li>{html.escape(c)}: {html.escape(why)}</li>" for c, why in result.ignored_columns.items()) + "</ul>")
    return out


def summary_pieces(result: Any) -> list[str]:
    """The summary as pieces of HTML, each whole: the counts first, then the lists ITEMS_PER_PIECE items a piece."""
    import html

    c = result.counts
    sheet = f", sheet '{result.sheet}'" if result.sheet and result.format not in _ONE_SHEET else ""
    merged = (f", {c.merged} more row{'s' if c.merged != 1 else ''} of people read on an earlier row (merged into "
              "them)" if c.merged else "")
    head = [f"<h3>{c.imported} people imported</h3>",
            f"<p>{c.data_rows} data rows read from {html.escape((result.source_file or '') + sheet)}: "
            f"{c.imported} people{merged}, {c.rejected} rejected, {c.skipped} skipped on purpose, "
            f"{c.blank_rows} blank.</p>",
            f"<p>Skills: {_LAYOUT_WORDS.get(result.layout, result.layout)}; level scale: "
            f"{result.scale or 'not applicable'}; "
            f"{len(result.skills_found)} skills found, {len(result.new_skills)} new.</p>"]
    pieces = [*_items("Rejected rows", [_where(i, result) for i in result.rejected]),
              *_items("Skipped on purpose", [_where(i, result) for i in result.skipped]),
              *_items("Warnings", [_where(i, result) for i in result.warnings[:200]])]
    tail = []
    if len(result.warnings) > 200:
        tail.append(f"<p>… and {len(result.warnings) - 200} more warnings.</p>")
    tail += _columns(result)
    if result.skill_matches:
        tail.append("<h4>Skill names matched</h4><ul>" + "".join(
            f"<li>{html.escape(s)}</li>" for s in result.skill_matches) + "</ul>")
    if result.new_skills:
        tail.append("<h4>New skills (not in the catalogue)</h4><p>"
                    + ", ".join(html.escape(s.name) for s in result.new_skills) + "</p>")
    first = "".join(head) + (pieces[0] if pieces else "".join(tail))
    rest = pieces[1:] + (["".join(tail)] if pieces and tail else [])
    return [first, *rest]
