"""The wizard's column-mapping step: where each column goes, in business words, with its confidence and reason.

A suggestion Phasegate is not sure about (under ASK_BELOW) is marked and must be accepted with one click, or
changed, before the import can go on; a choice is remembered for the next file with the same headers.
"""
from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ui.models.later import sliced
from ui.wizard.common import WARN, mapping_key
from ui.wizard.common import cell_item as _item

if TYPE_CHECKING:
    from ui.import_wizard import ImportWizard


#: Combo boxes made at once when the page shows: each costs ~0.7 ms (widget, 30 items, placing it in the table); 25
#: columns in one go froze the wizard 20-40 ms, so the first rows show at once and the rest follow in 5 ms slices.
ROWS_PER_TURN = 6
SOURCE, TARGET, CONFIDENCE, WHY, DECISION = range(5)
_HEADERS = ["Source column", "Goes to", "Confidence", "Why", "Your check"]


class MappingTable(QTableWidget):
    """The mapping table; its target combo boxes are made a few rows at a time (see ROWS_PER_TURN)."""

    def __init__(self, fill_all: Callable[[], None]) -> None:
        super().__init__(0, len(_HEADERS))
        self._fill_all = fill_all

    def cellWidget(self, row: int, column: int) -> QWidget | None:  # noqa: N802 - Qt override
        """The widget in a cell; a row whose combo box is still to come gets it now (callers see every row)."""
        self._fill_all()
        return super().cellWidget(row, column)


class MappingPage(QWizardPage):
    """Step 3: where each column goes, with the suggestion's confidence and reason; unsure ones need a click."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self._targets: list[str] = []  # per row, what the column goes to (the combo boxes write here)
        self._decided: list[bool] = []  # per row: sure, accepted or changed by the user
        self._filled = 0  # rows that have their combo box
        self._rest = sliced(self, self._combos_pass, lambda _none: None)
        self.setTitle("Column mapping")
        self.setSubTitle("Suggested from each column's header and values. Columns not used are kept with each "
                         "person or left out with the reason shown, never dropped silently.")
        self.asking = QLabel()
        self.asking.setWordWrap(True)
        self.asking.setAccessibleName("Columns that need your decision")
        self.table = MappingTable(self._rest.finish_now)
        self.table.setAccessibleName("Column mapping")
        self.table.setHorizontalHeaderLabels(_HEADERS)
        self.table.horizontalHeader().setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
        self.saved_note = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.asking)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.saved_note)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        """Fill the table from the saved mapping for these headers, else from the suggestion."""
        from app.roster_import.models import ColumnMapping

        info = self.w.info
        saved = self.w.services.settings.value(mapping_key(info.columns))
        mapping = info.mapping
        self.saved_note.setText("")
        if saved:
            try:
                mapping = ColumnMapping.model_validate_json(saved).decided()
                self.saved_note.setText("Using the mapping you saved last time for these columns.")
            except ValueError:
                mapping = info.mapping
        self._shown = mapping
        self.table.clearContents()
        self.table.setRowCount(len(info.columns))
        self._targets, self._decided, self._filled = [], [], 0
        for r, column in enumerate(info.columns):
            entry = mapping.columns.get(column)
            self._targets.append(entry.target if entry else "extra")
            self._decided.append(entry is None or not entry.unsure)
            self.table.setItem(r, SOURCE, _item(column))
            self.table.setItem(r, CONFIDENCE, _item(""))
            self.table.setItem(r, WHY, _item(entry.reason or "" if entry else "", tip=entry.reason or "" if entry
                                             else ""))
            self._show_confidence(r)
        self._show_asking()
        self._make_combos(ROWS_PER_TURN)
        self._rest.start()  # also drops a pass still making the combo boxes of the columns shown before
        self.completeChanged.emit()

    def _entry(self, r: int):
        return self._shown.columns.get(self.w.info.columns[r])

    def _show_confidence(self, r: int) -> None:
        entry = self._entry(r)
        item = self.table.item(r, CONFIDENCE)
        changed = entry is not None and entry.target != self._targets[r]
        if changed:
            item.setText("your choice")
            item.setToolTip("How sure the suggestion is; under 80 % it is asked, never applied")
        elif entry is not None and entry.target == "extra" and entry.confidence >= 1.0:
            # nothing matched: a "100%" here read as a sure match of a column no field was found for
            item.setText("no match")
            item.setToolTip("No field matches this column, so it is kept with each person as an extra field; "
                            "choose a field under “Goes to” if it is one")
        else:
            item.setText(f"{entry.confidence if entry else 1.0:.0%}")
            item.setToolTip("How sure the suggestion is; under 80 % it is asked, never applied")
        marked = not self._decided[r]
        for column in (SOURCE, CONFIDENCE, WHY):
            cell = self.table.item(r, column)
            cell.setBackground(QBrush(WARN) if marked else QBrush())
            if marked:
                cell.setForeground(QBrush(QColor("#000000")))

    def _show_asking(self) -> None:
        open_rows = [self.w.info.columns[r] for r, done in enumerate(self._decided) if not done]
        if open_rows:
            self.asking.setText(f"<b>{len(open_rows)} column{'s need' if len(open_rows) > 1 else ' needs'} your "
                                f"decision</b> (marked): {', '.join(open_rows)}. Accept the suggestion or choose "
                                "where the column goes.")
        else:
            self.asking.setText("")
        self.asking.setVisible(bool(open_rows))

    def _combos_pass(self) -> Generator[None, None, None]:
        while self._filled < len(self._targets):
            self._make_combos(1)
            yield

    def _make_combos(self, count: int) -> None:
        """Combo boxes (and accept buttons) for the next `count` rows; then the columns fit their contents."""
        from app.roster_import.targets import ALL_TARGETS, LABELS

        targets = sorted(ALL_TARGETS - {"skill_evidence"}, key=lambda t: LABELS[t])
        columns = self.w.info.columns
        end = min(self._filled + count, len(self._targets))
        for r in range(self._filled, end):
            combo = QComboBox()
            combo.setAccessibleName(f"Target of column {columns[r]}")
            for target in targets:
                combo.addItem(LABELS[target], target)
            combo.setCurrentIndex(max(0, combo.findData(self._targets[r])))
            combo.currentIndexChanged.connect(lambda _i, r=r, c=combo: self._on_chosen(r, c.currentData()))
            QTableWidget.setCellWidget(self.table, r, TARGET, combo)
            self._decision_cell(r)
        self._filled = end
        if end == len(self._targets):
            for column in (SOURCE, TARGET, CONFIDENCE, DECISION):
                self.table.resizeColumnToContents(column)

    def _decision_cell(self, r: int) -> None:
        if not self._decided[r]:
            button = QPushButton("Accept")
            button.setAccessibleName(f"Accept the suggestion for column {self.w.info.columns[r]}")
            button.setToolTip("Take the suggestion as your decision")
            button.clicked.connect(lambda _checked=False, r=r: self.accept_row(r))
            QTableWidget.setCellWidget(self.table, r, DECISION, button)
        else:
            QTableWidget.removeCellWidget(self.table, r, DECISION)
            entry = self._entry(r)
            was_unsure = entry is not None and entry.unsure
            self.table.setItem(r, DECISION, _item("accepted" if was_unsure else ""))

    def _on_chosen(self, r: int, target: str) -> None:
        self._targets[r] = target
        self._decide(r)

    def _decide(self, r: int) -> None:
        self._decided[r] = True
        if r < self._filled:
            self._decision_cell(r)
        self._show_confidence(r)
        self._show_asking()
        self.completeChanged.emit()

    def accept_row(self, r: int) -> None:
        """Take row r's suggestion as the user's decision (the Accept button)."""
        self._decide(r)

    def accept(self, column: str) -> None:
        """Accept the suggestion for one column, as the user would with its Accept button."""
        self.accept_row(self.w.info.columns.index(column))

    def unsure(self) -> list[str]:
        """Columns still waiting for the user's decision."""
        return [c for c, done in zip(self.w.info.columns, self._decided, strict=True) if not done]

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        """Next only once every unsure column is accepted or changed."""
        return not self.unsure()

    def mapping(self):
        """The mapping as decided: unchanged suggestions keep their confidence; accepted or changed ones are 1.0."""
        from app.roster_import.models import ColumnMapping, ColumnTarget

        info = self.w.info
        columns: dict[str, ColumnTarget] = {}
        for r, (column, target) in enumerate(zip(info.columns, self._targets, strict=True)):
            old = self._shown.columns.get(column)
            if old is not None and old.target == target:
                columns[column] = old if not old.unsure or not self._decided[r] else old.model_copy(
                    update={"confidence": 1.0, "reason": f"{old.reason or ''} (accepted by you)".strip()})
            else:
                columns[column] = ColumnTarget(target=target, confidence=1.0, reason="your choice")
        return ColumnMapping(columns=columns, layout=info.mapping.layout, scale=info.mapping.scale,
                             binary_level=info.mapping.binary_level)

    def set_target(self, column: str, target: str) -> None:
        """Change where one column goes (as the user would with the combo box)."""
        r = self.w.info.columns.index(column)
        self._targets[r] = target
        if r < self._filled:
            combo = QTableWidget.cellWidget(self.table, r, TARGET)
            combo.setCurrentIndex(combo.findData(target))
        self._decide(r)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """Remember the mapping for the next file with the same headers."""
        if self.unsure():
            return False
        mapping = self.mapping()
        self.w.mapping = mapping
        self.w.services.settings.setValue(mapping_key(self.w.info.columns), mapping.model_dump_json())
        return True
