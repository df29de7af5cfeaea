"""include_pay=False leaves every salary, cost rate, cost, budget and cost total out of every export."""
from __future__ import annotations

import csv
import json
import re

import openpyxl

from app.export import PlanReport, write_plan_csv, write_plan_json, write_plan_workbook

PAY_HEADERS = {"Cost", "Cost rate (annual)", "Budget"}


def pay_numbers(report: PlanReport) -> set[float]:
    """Every money amount the sample report holds."""
    plan = report.plan
    amounts = {plan.total_cost, *(t.cost for t in plan.trainings), *(h.cost for h in plan.hires),
               *(p.cost_rate for p in report.people if p.cost_rate), sum(t.cost for t in plan.trainings),
               *(a.cost for a in plan.assignments if a.cost), sum(a.cost or 0 for a in plan.assignments),
               *(h.annual_cost for h in plan.hires if h.annual_cost),
               sum(h.cost for h in plan.hires),
               plan.total_cost - sum(t.cost for t in plan.trainings) - sum(h.cost for h in plan.hires),
               *(lvl.value for lvl in plan.objective if lvl.name == "cost"),
               *(lvl.bound for lvl in plan.objective if lvl.name == "cost")}
    for init in report.initiatives:
        amounts |= {init.budget, init.policy.displacement_cost, init.policy.training_cost_per_week,
                    init.policy.default_internal_annual_cost}
    return {float(a) for a in amounts if a}


def test_pay_numbers_exist_in_the_full_export(report, tmp_path):
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "full.xlsx"))
    numbers = {float(c.value) for ws in book for row in ws.iter_rows() for c in row
               if isinstance(c.value, int | float) and not isinstance(c.value, bool)}
    assert {6000.0, 61500.0, 98000.0, 250000.0, 5000.0, 231750.5} <= numbers


def test_workbook_without_pay_checked_cell_by_cell(report, tmp_path):
    book = openpyxl.load_workbook(write_plan_workbook(report, tmp_path / "nopay.xlsx", include_pay=False))
    money = pay_numbers(report)
    checked = 0
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if value is None:
                    continue
                checked += 1
                where = f"{ws.title}!{cell.coordinate}"
                assert "€" not in cell.number_format, where
                if isinstance(value, int | float) and not isinstance(value, bool):
                    assert float(value) not in money, f"{where} holds a pay amount {value}"
                text = str(value)
                assert text not in PAY_HEADERS, f"{where} is a pay column header"
                lowered = text.lower().replace("cost center", "").replace("cost centre", "")
                is_label = cell.font.b or (ws.title in ("Summary", "Assumptions") and cell.column <= 2)
                assert not is_label or not any(word in lowered for word in ("cost", "budget", "salary", "rate (annual)")), \
                    f"{where} mentions pay: {text!r}"
                for amount in money:
                    assert f"{amount:,.0f}" not in text and f"{amount:g}" not in text.split(), where
    assert checked > 200
    kpis = [r[0].value for r in book["Summary"].iter_rows() if r[0].value]
    assert "Coverage" in kpis and "Total cost" not in kpis
    assert "Cost" not in [c.value for c in book["Upskilling"][3]]


def test_csv_and_json_without_pay(report, tmp_path):
    files = write_plan_csv(report, tmp_path / "csv", include_pay=False)
    money = pay_numbers(report)
    for path in files:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert not PAY_HEADERS & set(rows[0]), path.name
        for row in rows[1:]:
            numbers = [float(v) for v in row if re.fullmatch(r"-?[0-9.]+", v)]
            assert not money & set(numbers), f"{path.name}: {row}"
    data = json.loads(write_plan_json(report, tmp_path / "plan.json", include_pay=False).read_text())
    text = json.dumps(data)
    assert '"cost"' not in text and '"total_cost"' not in text and '"budget"' not in text
    assert "cost_weight_scale" not in data["plan"]["settings"]
    assert data["include_pay"] is False and data["currency"] is None
    assert [lvl["name"] for lvl in data["plan"]["objective"]] == ["uncovered", "disruption"]
