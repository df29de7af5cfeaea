"""Normalisers: examples users send, and hypothesis checks that they never fail in unexpected ways."""
from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.roster_import.cell_values import (
    ValueProblem,
    date_to_excel_serial,
    excel_serial_to_date,
    parse_bool,
    parse_date,
    parse_fte,
    parse_money,
)
from app.roster_import.skill_levels import detect_scale, parse_level, split_skill_list, to_canonical

cells = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                  st.text(max_size=40), st.sampled_from(["50%", "0,5", "37.5 h", "€95.000,00", "$120,000", "1e309",
                                                          "31/12/2026", "12/31/2026", "Expert", "n/a", "-"]))


@pytest.mark.parametrize(("raw", "fte"), [(0.5, 0.5), ("50%", 0.5), ("0,5", 0.5), (1, 1.0), ("100", 1.0),
                                          ("37.5 h", 0.9375), ("20 hours", 0.5), ("150%", 1.5)])
def test_fte_examples(raw, fte):
    assert parse_fte(raw) == pytest.approx(fte)


@pytest.mark.parametrize("raw", ["250%", "-0.5", "3", "0", "abc"])
def test_fte_rejects(raw):
    with pytest.raises(ValueProblem):
        parse_fte(raw)


@pytest.mark.parametrize(("raw", "amount", "comma"), [("€95.000,00", 95000.0, True), ("$120,000", 120000.0, False),
                                                      ("EUR 80 000", 80000.0, False), ("95k", 95000.0, False),
                                                      ("1.234,56", 1234.56, False), ("1,234.56", 1234.56, False)])
def test_money_examples(raw, amount, comma):
    assert parse_money(raw, decimal_comma=comma) == pytest.approx(amount)


def test_dates_and_ambiguity():
    assert parse_date("2026-12-31") == (date(2026, 12, 31), None)
    assert parse_date("31/12/2026") == (date(2026, 12, 31), None)
    assert parse_date("12/31/2026") == (date(2026, 12, 31), None)
    when, warning = parse_date("03/04/2026")
    assert when == date(2026, 4, 3) and "could be" in warning
    assert parse_date("03/04/2026", order="mdy") == (date(2026, 3, 4), None)
    assert parse_date(46022.0)[0] == date(2025, 12, 31)
    assert parse_date(44560.0, date1904=True)[0] == date(2025, 12, 31)


def test_levels_and_scales():
    assert detect_scale([0, 1, 2, 3, 4]) == "0-4"
    assert detect_scale([1, 3, 5]) == "1-5"
    assert detect_scale([0, 5]) == "0-5"
    assert to_canonical(4, "0-4") == 5 and to_canonical(1, "0-4") == 2
    assert parse_level("Intermediate", "1-5") == 3 and parse_level("Master", None) == 5
    assert parse_level("n/a", "1-5") is None and parse_level("-", "1-5") is None
    with pytest.raises(ValueProblem):
        parse_level(7, "1-5")
    assert split_skill_list("Python (Expert); SQL: 3, dbt=2") == [("Python", "Expert"), ("SQL", "3"), ("dbt", "2")]


@settings(max_examples=300, deadline=None)
@given(cells)
def test_parsers_raise_only_value_problems(value):
    for parse in (parse_fte, parse_money, parse_bool, lambda v: parse_date(v), lambda v: parse_level(v, "1-5")):
        with contextlib.suppress(ValueProblem):
            parse(value)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0.01, max_value=2.0))
def test_fte_round_trips_through_percent_text(fte):
    assert parse_fte(f"{fte * 100:.4f}%") == pytest.approx(fte, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1904, 1, 2), max_value=date(9999, 12, 30)), st.booleans())
def test_excel_serial_round_trip(day, date1904):
    if not date1904 and day <= date(1900, 3, 1):
        return
    assert excel_serial_to_date(date_to_excel_serial(day, date1904=date1904), date1904=date1904) == day


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2069, 12, 31)))
def test_iso_and_day_first_text_round_trip(day):
    assert parse_date(day.isoformat())[0] == day
    assert parse_date(day.strftime("%d/%m/%Y"), order="dmy")[0] == day


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_money_round_trips_through_thousands_separators(amount):
    assert parse_money(f"${amount:,}") == amount
    assert parse_money(f"€{amount:,}".replace(",", "."), decimal_comma=True) == amount
