"""Numbers and names as every output writes them: money with its currency, FTE, counts, roles."""
from __future__ import annotations

import math
import re
from datetime import date

from app.domain.reasons import RoleRef

_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}
#: A money amount as the words (and the formats before them) write it: €850, €18k, €1.75M, 1,200 CHF.
MONEY = re.compile(r"[-−]?[€$£]\s?[0-9][0-9.,]*\s?[kM]?|\b[0-9][0-9.,]*\s?[kM]?\s?(?:EUR|USD|GBP|CHF)\b")
HIDDEN = "—"


def money(amount: float, currency: str = "EUR") -> str:
    """An amount the way a delivery lead reads it, always with its currency: €850, €9.5k, €232k, €1.75M."""
    value, sign = abs(amount), "-" if amount < 0 else ""
    # each step starts where the one below would round up to it (999,700 reads €1M, not €1000k)
    if value >= 999_500:
        text = f"{math.floor(value / 10_000 + 0.5) / 100:g}M"
    elif value >= 9_950:
        text = f"{math.floor(value / 1000 + 0.5)}k"
    elif value >= 999.5:
        text = f"{math.floor(value / 100 + 0.5) / 10:g}k"
    else:
        text = f"{math.floor(value + 0.5)}"
    symbol = _SYMBOLS.get(currency)
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {currency}"


def day(d: date) -> str:
    """A date as the product writes it: '2 Mar 2026'."""
    return f"{d.day} {d:%b %Y}"


def fte(value: float) -> str:
    """FTE without trailing zeros: 1, 0.5, 0.25."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def weeks(n: float | None) -> str:
    """'1 week', '3 weeks', '6.75 weeks' ('weeks' when not known: a cause's words are formatted before the template
    that uses them is chosen)."""
    if n is None:
        return "weeks"
    return f"{n:g} week" if n == 1 else f"{n:g} weeks"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'1 hire', '3 hires'."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def role(ref: RoleRef) -> str:
    """'MLOps engineer on Claims Triage'."""
    return f"{ref.role_name or ref.role} on {ref.initiative_name or ref.initiative}"


def roles(refs: list[RoleRef]) -> str:
    """Several roles, joined with commas."""
    return ", ".join(role(r) for r in refs)
