"""Scans outputs that promise no pay for money: any currency amount, or any pay figure of the plan in any form."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from app.domain.plans import Plan
from app.domain.reasons import Fact
from app.planning.words import MONEY, money

#: A figure below this is not looked for in text: FTE, weeks, levels and counts are small numbers too.
SMALLEST = 100


def _fact_amounts(fact: object) -> Iterator[float]:
    """Every pay-marked amount in a fact and the facts inside it."""
    if isinstance(fact, Fact):
        for name, field in type(fact).model_fields.items():
            value = getattr(fact, name)
            extra = field.json_schema_extra
            if isinstance(extra, dict) and extra.get("pay") and isinstance(value, int | float):
                yield float(value)
            else:
                yield from _fact_amounts(value)
    elif isinstance(fact, list):
        for item in fact:
            yield from _fact_amounts(item)


def pay_amounts(plan: Plan, *, people: Iterable = (), initiatives: Iterable = (), budget: float | None = None
                ) -> set[float]:
    """Every amount from which pay could be derived: costs, cost rates, budgets, and the facts behind reasons."""
    amounts = {plan.total_cost, *(t.cost for t in plan.trainings), *(h.cost for h in plan.hires),
               sum(t.cost for t in plan.trainings), sum(h.cost for h in plan.hires),
               *(lv.value for lv in plan.objective if lv.name == "cost"),
               *(lv.bound for lv in plan.objective if lv.name == "cost")}
    for row in (*plan.assignments, *plan.hires, *plan.uncovered):
        amounts.update(abs(a) for a in _fact_amounts(row.why))
    amounts.update(p.cost_rate for p in people if p.cost_rate)
    for ini in initiatives:
        amounts.update({ini.budget, ini.policy.displacement_cost, ini.policy.training_cost_per_week,
                        ini.policy.default_internal_annual_cost})
    amounts.add(budget)
    return {float(a) for a in amounts if a}


def _forms(amount: float) -> set[str]:
    forms = {money(amount), f"{amount:,.0f}", f"{amount:.0f}"}
    if amount != round(amount):
        forms |= {f"{amount:,.2f}", f"{amount:.2f}"}
    return forms


def money_in(text: str, amounts: set[float]) -> list[str]:
    """The money found in one text: currency amounts, and pay figures written any usual way."""
    found = MONEY.findall(text)
    numbers = set(re.findall(r"[0-9][0-9,.]*", text))
    for amount in amounts:
        if amount >= SMALLEST:
            found += [form for form in _forms(amount) if form in numbers or (form.startswith("€") and form in text)]
    return found


def scan(cells: Iterable[tuple[str, object]], amounts: set[float]) -> int:
    """Asserts no (where, value) holds money; returns how many values were looked at."""
    checked = 0
    for where, value in cells:
        if value is None or isinstance(value, bool):
            continue
        checked += 1
        if isinstance(value, int | float):
            assert float(value) not in amounts or float(value) < SMALLEST, f"{where} holds a pay figure: {value}"
            continue
        found = money_in(str(value), amounts)
        assert not found, f"{where} holds money {found}: {value!r}"
    return checked


def json_cells(data: object, where: str = "$") -> Iterator[tuple[str, object]]:
    """Every leaf of a JSON document, with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from json_cells(value, f"{where}.{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from json_cells(value, f"{where}[{i}]")
    else:
        yield where, data


def workbook_cells(path: Path) -> Iterator[tuple[str, object]]:
    """Every cell of a workbook (values and formulas); a cell formatted as money reads as '€' plus its value."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    formula = isinstance(cell.value, str) and cell.value.startswith("=")
                    yield f"{ws.title}!{cell.coordinate}", cell.value.replace("$", "") if formula else cell.value
                    if re.search(r"[€$£]|EUR|USD|GBP", cell.number_format):
                        yield f"{ws.title}!{cell.coordinate} format", f"€1 ({cell.number_format})"


def csv_cells(folder: Path) -> Iterator[tuple[str, object]]:
    """Every field of every CSV file in a folder."""
    import csv

    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for r, row in enumerate(csv.reader(handle), start=1):
                for c, value in enumerate(row, start=1):
                    yield f"{path.name}:{r}:{c}", value


def lines(text: str, name: str) -> Iterator[tuple[str, object]]:
    """Every line of a text output."""
    for i, line in enumerate(text.splitlines(), start=1):
        yield f"{name}:{i}", line
