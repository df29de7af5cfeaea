"""The sample project with a solved Baseline plan, solved once per test session (tests take deep copies)."""
from __future__ import annotations

from functools import lru_cache

from app.project import Project


@lru_cache(maxsize=1)
def _solved() -> Project:
    from app.planning import plan_scenario
    from app.project.sample import load_sample_project
    from app.templates import load_phase_templates
    from ui.template_cache import template_set

    project = load_sample_project()
    project.templates = project.templates or dict(load_phase_templates().phases)
    plan_scenario(project, templates=template_set(project), time_limit=2.0)
    return project


def solved_sample() -> Project:
    """A fresh deep copy of the solved sample project."""
    return _solved().model_copy(deep=True)
