"""Work done while calamine parses a sheet: the parse releases the GIL, so a second thread can work meanwhile.

The thread makes one SourceRef per sheet row and one empty Person shell per row, in small chunks, until the main
thread has the rows (it then asks it to stop and waits for at most one chunk). Whatever was not made in time is
made afterwards, and unused objects are dropped, so the result never depends on how far the thread got.
"""
from __future__ import annotations

import threading
import zipfile
from itertools import repeat
from pathlib import Path

from app.domain.people import Person, SourceRef
from app.roster_import import fast

_SOURCE_FIELDS = ("file", "sheet", "row")
_SAMPLE_BYTES = 256 << 10


def estimated_rows(path: Path, part: str) -> int | None:
    """Rows of a sheet XML part guessed from its size and the rows in its first 256 KiB (None when unsure)."""
    try:
        with zipfile.ZipFile(path) as zf:
            size = zf.getinfo(part).file_size
            with zf.open(part) as fh:
                head = fh.read(_SAMPLE_BYTES)
    except (OSError, KeyError, zipfile.BadZipFile, EOFError, ValueError):
        return None
    rows = head.count(b"<row ") + head.count(b"<row>")
    if not rows:
        return None
    if len(head) >= size:
        return rows
    return int(size / len(head) * rows) + 1


def source_refs(file: str, sheet: str, rows: list[int] | range) -> list[SourceRef]:
    """One SourceRef per 1-based row number, built in C-level loops."""
    dicts = map(dict, map(zip, repeat(_SOURCE_FIELDS), zip(repeat(file), repeat(sheet), rows)))
    return fast.many(SourceRef, dicts, _SOURCE_FIELDS, len(rows))


class Prebuilt:
    """SourceRefs (one per sheet row, from row 1) and Person shells made ahead, on a side thread."""

    CHUNK = fast.SLICE

    def __init__(self, *, file: str, sheet: str, limit: int) -> None:
        self.file, self.sheet, self.limit = file, sheet, limit
        self._sources: list[SourceRef] = []  # _sources[i] is row i + 1
        self._shells: list[Person] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Prebuilt:
        """Starts the side thread; returns self."""
        self._thread = threading.Thread(target=self._run, name="import-prebuild", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set() and len(self._sources) < self.limit:
            start = len(self._sources)
            n = min(self.CHUNK, self.limit - start)
            self._sources += source_refs(self.file, self.sheet, range(start + 1, start + n + 1))
            self._shells += fast.shells(Person, n)

    def finish(self) -> None:
        """Stops the side thread and waits for it (one chunk at most); call before reading the objects."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def sources_for(self, rows: list[int]) -> list[SourceRef]:
        """SourceRefs for these ascending 1-based row numbers of the sheet; rows not made ahead are made now."""
        made = self._sources
        ready = [r for r in rows if r <= len(made)] if rows and rows[-1] > len(made) else rows
        out = list(map(made.__getitem__, [r - 1 for r in ready]))
        if len(ready) < len(rows):
            out += source_refs(self.file, self.sheet, rows[len(ready):])
        return out

    def shells(self, count: int) -> list[Person]:
        """`count` Person shells for `fast.many`: those made ahead first, then new ones."""
        taken, self._shells = self._shells[:count], self._shells[count:]
        if len(taken) < count:
            taken += fast.shells(Person, count - len(taken))
        return taken
