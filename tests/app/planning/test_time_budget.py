"""The time limit is what the user waits: building the instance comes out of the solver's share."""
from __future__ import annotations

import time

import pytest

import app.planning.service as service
from app.planning import plan_scenario
from app.planning.budget import MIN_SOLVE_S
from tests.app.planning.test_plan import TODAY


@pytest.fixture
def slow_build(monkeypatch):
    """Makes building the instance take `delay` seconds (set on the returned dict) and records the solver's limit."""
    real_prepare, real_solve, seen = service.prepare, service.solve, {"delay": 0.0}

    def slow_prepare(*args, **kwargs):
        time.sleep(seen["delay"])
        return real_prepare(*args, **kwargs)

    def spy_solve(instance, *, config, **kwargs):
        seen["limit"] = config.time_limit_s
        return real_solve(instance, config=config, **kwargs)

    monkeypatch.setattr(service, "prepare", slow_prepare)
    monkeypatch.setattr(service, "solve", spy_solve)
    return seen


def test_building_the_instance_is_taken_from_the_time_limit(tiny_project, tiny_templates, slow_build):
    slow_build["delay"] = 0.6
    plan = plan_scenario(tiny_project, templates=tiny_templates, today=TODAY, time_limit=5.0)
    assert slow_build["limit"] <= 5.0 - 0.6
    assert plan.settings["time_limit_s"] == 5.0


def test_the_solver_keeps_a_minimum_when_building_used_the_whole_limit(tiny_project, tiny_templates, slow_build):
    slow_build["delay"] = 1.2
    plan = plan_scenario(tiny_project, templates=tiny_templates, today=TODAY, time_limit=1.0)
    assert slow_build["limit"] == MIN_SOLVE_S
    assert plan.status.value in ("optimal", "feasible")
