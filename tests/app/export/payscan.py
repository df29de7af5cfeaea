"""A scanner for pay in outputs that promise none: every value and text of a file is checked for money amounts.

"Without pay" means no amount from which a person's pay can be derived. The scanner flags, in any text:
a currency sign or code next to a number (€260, 1,200 EUR, $3k), any of the report's own money amounts written
the usual ways (61500, 61,500, 61500.0, €61.5k), pay words in headers and labels; in any number: one of the
report's money amounts; in any number format: a currency.
"""
from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import openpyxl

from app.domain.reasons import Fact
from app.export import PlanReport

CURRENCY_TEXT = re.compile(
    r"[€$£¥]\s?-?\d|\d\s?[€$£¥]|\b(?:EUR|USD|GBP|CHF)\s?-?\d|\d\s?(?:EUR|USD|GBP|CHF)\b|amount hidden\)?\s*[0-9]")
CURRENCY_FORMAT = re.compile(r"[€$£¥]|EUR|USD|GBP|CHF", re.IGNORECASE)
PAY_LABEL = re.compile(r"\b(cost|costs|budget|salary|salaries|pay rate|cost rate|wage|compensation|run-rate)\b",
                       re.IGNORECASE)
#: Words that contain "cost" but are not money ("cost centre" is an organisation code).
NOT_PAY = re.compile(r"cost cent(er|re)s?|\(amount hidden\)|amount hidden", re.IGNORECASE)
#: Solver settings that count candidates (people), never money (the key alone, or in brackets after its words):
#: their numbers may equal a small amount by chance.
COUNT_KEY = re.compile(r"^pruning_\w+$|\(pruning_\w+\)$")


def pay_amounts(report: PlanReport) -> set[float]:
    """Every money amount a with-pay export of this report shows or sums (rounded to cents)."""
    plan = report.plan
    training, hiring = sum(t.cost for t in plan.trainings), sum(h.cost for h in plan.hires)
    amounts = {plan.total_cost, training, hiring, plan.total_cost - training - hiring,
               *(t.cost for t in plan.trainings), *(h.cost for h in plan.hires),
               *(p.cost_rate for p in report.people if p.cost_rate),
               *(lv.value for lv in plan.objective if lv.name == "cost"),
               *(lv.bound for lv in plan.objective if lv.name == "cost"),
               *(a.cost for a in plan.assignments if a.cost),
               *(h.annual_cost for h in plan.hires if h.annual_cost)}
    for row in (*plan.assignments, *plan.hires, *plan.uncovered):
        amounts.update(abs(a) for a in fact_amounts(row.why))
    for init in report.initiatives:
        policy = report.policy_for(init.id)
        amounts |= {init.budget, policy.displacement_cost, policy.training_cost_per_week,
                    policy.default_internal_annual_cost}
    return {round(float(a), 2) for a in amounts if a and float(a) >= 100}


def fact_amounts(fact: object) -> Iterator[float]:
    """Every pay-marked amount in a row's facts (what a runner-up would cost more, what a hire saves, an overrun)."""
    if isinstance(fact, Fact):
        for name, field in type(fact).model_fields.items():
            value, extra = getattr(fact, name), field.json_schema_extra
            if isinstance(extra, dict) and extra.get("pay") and isinstance(value, int | float):
                yield float(value)
            else:
                yield from fact_amounts(value)
    elif isinstance(fact, list):
        for item in fact:
            yield from fact_amounts(item)


def _spellings(amount: float) -> set[str]:
    whole = f"{amount:.0f}"
    out = {whole, f"{amount:,.0f}", f"{amount:,.0f}".replace(",", " "), f"{amount:,.0f}".replace(",", ".")}
    if amount != math.floor(amount):
        out |= {f"{amount:.2f}", f"{amount:g}", f"{amount:,.2f}"}
    return {s for s in out if len(s) >= 4}


class PayScan:
    """Collects findings (where, why) over the values of one or more files."""

    def __init__(self, report: PlanReport) -> None:
        self.amounts = pay_amounts(report)
        self._spelled = re.compile(r"(?<![\d.,])(" + "|".join(
            re.escape(s) for a in sorted(self.amounts, reverse=True) for s in sorted(_spellings(a), key=len,
                                                                                       reverse=True))
            + r")(?![\d])") if self.amounts else None
        self.findings: list[str] = []
        self.checked = 0

    def number(self, where: str, value: float) -> None:
        """A numeric cell or JSON number: must not be one of the report's money amounts."""
        self.checked += 1
        if round(float(value), 2) in self.amounts:
            self.findings.append(f"{where}: pay amount {value}")

    def text(self, where: str, value: str, *, label: bool = False) -> None:
        """A text: no currency amount, no pay amount spelled out; a label must not name pay."""
        self.checked += 1
        if not value.startswith("=") and CURRENCY_TEXT.search(value):  # a formula's $A$1 is no dollar
            self.findings.append(f"{where}: currency amount in {value[:160]!r}")
        if self._spelled is not None and (m := self._spelled.search(value)):
            self.findings.append(f"{where}: pay amount {m.group(1)} in {value[:160]!r}")
        if label and PAY_LABEL.search(NOT_PAY.sub("", value)):
            self.findings.append(f"{where}: pay label {value[:80]!r}")

    def value(self, where: str, value: object, *, label: bool = False, count: bool = False) -> None:
        """Any scalar (`count`: a number known to count people, checked as text only)."""
        if value is None or isinstance(value, bool):
            return
        if isinstance(value, int | float):
            if not count:
                self.number(where, value)
        else:
            text = str(value)
            if re.fullmatch(r"-?\d+(\.\d+)?", text.strip()) and not count:
                self.number(where, float(text))
            self.text(where, text, label=label)

    def xlsx(self, path: Path) -> None:
        """Every cell of every sheet (hidden ones too), its number format, headers/footers and the properties;
        formulas and their saved values both."""
        self._book(path, openpyxl.load_workbook(path, data_only=True))
        self._book(path, openpyxl.load_workbook(path))

    def _book(self, path: Path, book) -> None:
        self.value(f"{path.name}:title", book.properties.title)
        for ws in book:
            for hf in (ws.oddHeader, ws.oddFooter, ws.evenHeader, ws.evenFooter, ws.firstHeader, ws.firstFooter):
                for part in (hf.left, hf.center, hf.right):
                    if part.text:
                        self.text(f"{path.name}:{ws.title}:header/footer", part.text)
            for row in ws.iter_rows():
                counts = any(isinstance(c.value, str) and COUNT_KEY.search(c.value) for c in row)
                for cell in row:
                    if cell.value is None:
                        continue
                    where = f"{path.name}:{ws.title}!{cell.coordinate}"
                    if CURRENCY_FORMAT.search(cell.number_format or ""):
                        self.findings.append(f"{where}: currency format {cell.number_format!r}")
                    self.value(where, cell.value, label=bool(cell.font and cell.font.b) or cell.row <= 4, count=counts)

    def csv_files(self, paths: Iterable[Path]) -> None:
        """Every cell of CSV files; the first row is a header (a label)."""
        for path in paths:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                for r, row in enumerate(csv.reader(handle), 1):
                    counts = any(COUNT_KEY.search(v) for v in row)
                    for c, value in enumerate(row, 1):
                        if value:
                            self.value(f"{path.name}:{r}:{c}", value, label=r == 1, count=counts)

    def json_file(self, path: Path) -> None:
        """Every key and value of a JSON document (keys are labels)."""
        for where, key, value in _walk(json.loads(path.read_text(encoding="utf-8")), path.name):
            if key is not None and key != "include_pay":
                self.text(f"{where} (key)", key, label=True)
            self.value(where, value, count=key is not None and bool(COUNT_KEY.match(key)))

    def lines(self, where: str, text: str) -> None:
        """Plain text (a PDF's text layer), line by line."""
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                self.text(f"{where}:{n}", line)


def _walk(node: object, trail: str, key: str | None = None) -> Iterator[tuple[str, str | None, object]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, f"{trail}.{k}", str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, f"{trail}[{i}]")
    else:
        yield trail, key, node
