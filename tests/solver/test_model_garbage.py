"""A model built and dropped leaves no reference cycle: a plan builds dozens of small models, and the cycles of
OR-Tools' camelCase aliases made the collection that ends a plan job in the window hold the GIL 25-50 ms at 20,000
people (benchmarks/bench_worker_freeze.py measures the wait; this checks its cause stays gone)."""
from __future__ import annotations

import gc

from solver.build import build
from solver.prepare import prepare
from tests.solver.conftest import demand, instance, option, person


def test_a_dropped_model_leaves_nothing_for_the_cyclic_collector() -> None:
    inst = instance([person("p1"), person("p2")], [demand("d1", units=10)], [option("p1", "d1"), option("p2", "d1")])
    prep = prepare(inst)
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        model = build(prep)
        assert model.cp.add_bool_or is not None  # the model works as OR-Tools' own
        del model
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
