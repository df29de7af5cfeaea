"""Test helper: press Next on the import wizard's file page and wait while the file is read in the background."""
from __future__ import annotations


def next_after_reading(qtbot, wizard, *, timeout: int = 20_000) -> None:
    """Next on the file page, then wait until the sheet page shows (the reading runs on a worker)."""
    assert wizard.currentPage() is wizard.file_page
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.sheet_page, timeout=timeout)
