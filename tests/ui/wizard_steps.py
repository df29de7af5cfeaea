"""Test helper: press Next on the import wizard's file page and wait while the file is read in the background."""
from __future__ import annotations


def next_after_reading(qtbot, wizard, *, timeout: int = 20_000) -> None:
    """Next on the file page, then wait until the sheet page shows (the reading runs on a worker)."""
    assert wizard.currentPage() is wizard.file_page
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.sheet_page, timeout=timeout)


def import_to_preview(qtbot, wizard, *, timeout: int = 10_000) -> None:
    """From the file page with every suggestion kept: read the file, pass the sheet and mapping pages, and wait for
    the import that the skills page's Next starts."""
    next_after_reading(qtbot, wizard)
    wizard.next()
    wizard.next()
    with qtbot.waitSignal(wizard.worker.finished, timeout=timeout):
        wizard.next()
