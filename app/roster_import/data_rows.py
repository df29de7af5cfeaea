"""Which rows below the header hold people: totals, summaries, notes, template placeholders and shifted rows do not.

Such rows are skipped and reported with the reason, never imported as people and never silently dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.roster_import.cell_values import as_text, is_blank
from app.roster_import.read_file import RawSheet

TOTALS = re.compile(r"^(?:grand\s+total|sub-?total|total|totals|sum|count|average|avg|mean|headcount|summe|gesamt\w*|"
                    r"anzahl|effectifs?|recuento|aantal|contagem|人数|итого|всего|"
                    r"durchschnitt|somme|moyenne|total\s+g[ée]n[ée]ral|suma|promedio|totaal|gemiddelde|soma|"
                    r"m[ée]dia|合計|小計|平均)\b", re.I)
_SUMMARY = re.compile(r"(?:\bper\s+(?:skill|person|team|column)\b|\bthreshold\b|\brequired\?|\btotal\b|\baverage\b)",
                      re.I)
_NOTE = re.compile(r"^(?:note|notes|guide|source|legend|instructions?|how to|generated|created|printed|page\b|"
                   r"hinweis|quelle|remarque|nota|opmerking|注)", re.I)


@dataclass(frozen=True)
class RowKind:
    """What a data row is: a person, a blank row, or a row skipped on purpose (with the reason shown)."""

    kind: str  # "person", "blank" or "skipped"
    reason: str = ""


PERSON, BLANK = RowKind("person"), RowKind("blank")


def _filled(value: object) -> bool:
    return value is not None and value != "" and not (isinstance(value, str) and not value.strip())


def is_totals_row(row: list) -> bool:
    """True when the first filled cell says Total / Sum / Count … (a summary row, not a person)."""
    for cell in row[:3]:
        if isinstance(cell, str) and cell.strip():
            return bool(TOTALS.match(cell.strip()))
    return False


def _sentence(text: str) -> bool:
    """A note or guide line rather than a name: ends like a sentence or a label, is long, or is a web address."""
    stripped = text.strip()
    return (stripped.endswith((":", ".", "?", "!")) or len(stripped.split()) >= 5 or "www." in stripped
            or "http" in stripped or "©" in stripped or bool(_NOTE.match(stripped)))


@dataclass
class RowSorter:
    """Tells person rows from the others, knowing which columns hold names and which hold no person data."""

    name_columns: list[int]
    id_column: int | None
    content: list[int]  # columns that say something about a person (not row numbers, formulas or empty columns)
    width: int
    typical_filled: int  # filled content cells in a typical data row
    ragged: dict[int, int]  # row index → cells the row really had, when the rest of the file agrees on the width
    names: list[str]
    initiative_column: int | None = None

    def kind(self, index: int, row: list) -> RowKind:
        """The kind of one data row (index into the sheet's rows)."""
        empty = row.count("") + row.count(None)
        if empty == len(row):
            return BLANK
        if index in self.ragged:
            return RowKind("skipped", f"the row has {self.ragged[index]} cells where the header has {self.width}: "
                                      "its values are shifted into the wrong columns; fix the row and import again")
        names = self.name_columns
        has_name = any(j < len(row) and _filled(row[j]) and not is_blank(row[j]) for j in names)
        if has_name and len(row) - empty >= 3 and not is_totals_row(row):
            return PERSON  # the usual row: a name and more; the checks below are for the rows that are not
        return self._unusual(row, has_name)

    def _unusual(self, row: list, has_name: bool) -> RowKind:
        filled = [j for j in self.content if j < len(row) and _filled(row[j]) and not is_blank(row[j])]
        if not filled:
            return RowKind("skipped", "holds no person data (a numbered or computed template row)")
        key_cells = [row[j] for j in [*self.name_columns, *([self.id_column] if self.id_column is not None else [])]
                     if j < len(row)]
        texts = [as_text(c) for c in key_cells if isinstance(c, str) and c.strip()]
        if is_totals_row(row) and (not has_name or any(TOTALS.match(t) for t in texts)):
            return RowKind("skipped", "looks like a totals/summary row; not imported")
        names = [row[j] for j in self.name_columns if j < len(row) and _filled(row[j])]
        if (has_name and self.typical_filled >= 3 and len(filled) <= 2 and names
                and all(isinstance(c, int | float) and not isinstance(c, bool) for c in names)):
            return RowKind("skipped", f"a nearly empty row whose name is a number ('{as_text(names[0])}'): a count "
                                      "or total line, not a person")
        if not has_name:
            ij = self.initiative_column
            if ij is not None and ij < len(row) and _filled(row[ij]) and not is_blank(row[ij]):
                return RowKind("skipped", f"names the initiative '{as_text(row[ij])[:40]}' but no person (nobody "
                                          "assigned on this row)")
            labels = [as_text(row[j]) for j in filled if isinstance(row[j], str)]
            label = next((t for t in labels if t.rstrip().endswith((":", "?"))), None) or next(
                (t for t in labels if _SUMMARY.search(t)), None)
            if label is not None:
                return RowKind("skipped", f"a summary line ('{label[:40]}'), not a person")
        if len(filled) == 1 and self.typical_filled >= 3:
            text = as_text(row[filled[0]])
            if isinstance(row[filled[0]], str) and _sentence(text):
                return RowKind("skipped", f"a note or footer line ('{text[:40]}'), not a person")
        return PERSON


def spread_merged_down(sheet: RawSheet, data_start: int, names: list[str]) -> list[str]:
    """Text cells merged over several data rows (a project or team over its people) hold their label on every row
    they cover; left as read, the rows below the first would lose it. Merged numbers are not spread (a level or an
    amount is never invented for a second person). Returns the note that says so."""
    first, columns, spans = sheet.first_row + data_start, [], []
    for (r0, c0), (r1, c1) in sheet.merged:
        top = r0 - sheet.first_row
        if r1 <= r0 or r0 < first or top >= len(sheet.rows):
            continue
        for c in range(c0, c1 + 1):
            j = c - sheet.first_col
            if not 0 <= j < len(sheet.rows[top]) or not isinstance(sheet.rows[top][j], str):
                continue
            for row in sheet.rows[top + 1:r1 - sheet.first_row + 1]:
                if j < len(row) and row[j] in ("", None):
                    row[j] = sheet.rows[top][j]
            if j < len(names) and names[j] not in columns:
                columns.append(names[j])
            if f"{r0 + 1}–{r1 + 1}" not in spans:
                spans.append(f"{r0 + 1}–{r1 + 1}")
    if not spans:
        return []
    shown = ", ".join(spans[:3]) + (" …" if len(spans) > 3 else "")
    return [f"cells merged over several rows (column{'s' if len(columns) > 1 else ''} "
            f"{', '.join(repr(c) for c in columns)}; rows {shown}) are read as their value on each row they cover"]
