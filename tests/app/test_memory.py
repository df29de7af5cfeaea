"""app.memory: big temporaries emptied piece by piece without touching what they held; the GC pause restored."""
from __future__ import annotations

import gc

from app.memory import let_go, paused_gc


def test_let_go_empties_the_containers_and_leaves_their_contents_alone():
    shared = {"a": 1}
    inner = [shared, shared]
    outer_list = [inner, shared, 3]
    outer_dict = {"k": inner, "j": shared}
    let_go(outer_list, outer_dict)
    assert outer_list == [] and outer_dict == {}
    assert inner == [shared, shared] and shared == {"a": 1}


def test_let_go_in_steps_frees_slices_from_the_end():
    rows = list(range(10))
    seen = []

    class Watched(list):
        def __delitem__(self, key):
            seen.append(len(self[key]))
            super().__delitem__(key)

    box = Watched(rows)
    let_go(box, step=4)
    assert box == [] and seen == [4, 4, 2] and rows == list(range(10))


def test_paused_gc_restores_an_enabled_collector_and_leaves_a_disabled_one_off():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_on_two_threads_restore_the_collector_only_when_the_last_ends():
    import threading

    first_in, second_done = threading.Event(), threading.Event()

    def other():
        with paused_gc():
            first_in.set()
            second_done.wait(5)

    worker = threading.Thread(target=other)
    with paused_gc():
        worker.start()
        first_in.wait(5)
    assert not gc.isenabled()  # this thread's pause ended, the other's has not
    second_done.set()
    worker.join(5)
    assert gc.isenabled()
