"""solution_to_plan pauses the cyclic GC while it writes rows, and always leaves it as it found it."""
from __future__ import annotations

import gc

import pytest

from app.planning import build_instance, solution_to_plan, solver_config
from app.planning.words import Words
from solver.solve import solve
from tests.app.planning.conftest import TODAY

WORDS = Words()


@pytest.fixture
def gc_restored():
    """Puts the GC back as the test found it."""
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("enabled", [True, False])
def test_gc_state_is_kept_and_the_plan_is_written(tiny_project, tiny_templates, gc_restored, enabled) -> None:
    prepared = build_instance(tiny_project, None, templates=tiny_templates, today=TODAY)
    solution = solve(prepared.instance, config=solver_config(time_limit=5.0))
    (gc.enable if enabled else gc.disable)()
    plan = solution_to_plan(prepared, solution)
    assert gc.isenabled() is enabled
    assert plan.assignments and all(a.why is not None and WORDS.assignment(a) for a in plan.assignments)


def test_gc_is_enabled_again_when_writing_fails(tiny_project, tiny_templates, gc_restored) -> None:
    prepared = build_instance(tiny_project, None, templates=tiny_templates, today=TODAY)
    solution = solve(prepared.instance, config=solver_config(time_limit=5.0))
    prepared.demands.clear()  # every row now names a demand the instance does not know
    gc.enable()
    with pytest.raises(KeyError):
        solution_to_plan(prepared, solution)
    assert gc.isenabled()
