"""Memory hygiene for big jobs on a worker thread: no cyclic-GC walks over millions of fresh objects, and big
temporaries freed a piece at a time, so a GUI thread waiting for the GIL gets it within milliseconds."""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside; afterwards the objects made inside count as old, without a scan.

    An import, a gap report or a solver instance allocates millions of objects that stay alive and form no cycles:
    collections during the job, and the young-generation collection right after it (0.1 s after building a
    20,000-person instance), would walk them all for nothing. freeze() then unfreeze() moves every tracked object
    into the oldest generation in constant time (skipped when the application froze objects itself, so its frozen
    set is left alone). The collector's state is process-wide: pauses on several threads are counted, and only the
    last one to end restores it (one thread ending its pause must not switch collection on under another's job).
    """
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                if gc.get_freeze_count() == 0:
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()


def let_go(*containers: list | dict, step: int = 1) -> None:
    """Empties `containers` `step` list elements (or one dict item) at a time; what they hold is dropped whole (and
    may be shared).

    Dropping a 20,000-person skill index in one go is a single deallocation cascade in C that held the GIL for
    80-110 ms — a visible freeze while the GUI waits; in small pieces the interpreter can hand the GIL over between
    them. One element at a time suits lists of big structures; lists of small rows go a slice at a time (the
    importer's 2,048: the same short holds with far fewer interpreter steps).
    """
    for box in containers:
        if isinstance(box, dict):
            while box:
                box.popitem()
        else:
            while box:
                del box[-step:]
