"""Untrusted text (names and titles from HR files) made safe for spreadsheets: never a formula, never bad XML."""
from __future__ import annotations

import re

#: Control characters XML (and so .xlsx) cannot hold (tab, LF and CR it can); the set openpyxl refuses.
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

#: A cell starting with one of these is read as a formula by spreadsheet programs (OWASP CSV injection list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def clean_text(text: str) -> str:
    """Removes control characters that XML (and so .xlsx) cannot hold."""
    return ILLEGAL_CHARACTERS.sub("", text)


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet could take this text for a formula."""
    return text.lstrip(" ").startswith(FORMULA_TRIGGERS)


def csv_safe(value: object) -> object:
    """A CSV cell value: text that could be a formula gets a leading apostrophe (OWASP); other values unchanged."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value
