"""A cheap, consistent copy of the open project for worker threads (no deep copy of a 100,000-person roster)."""
from __future__ import annotations

from app.project import Project


def project_snapshot(project: Project) -> Project:
    """Copy the containers GUI edits mutate; the records inside are shared because edits replace, never mutate, them.

    A deep copy of a large roster takes seconds on the GUI thread; this copy takes milliseconds and still lets a
    worker read the project while the user keeps editing (every command swaps whole Person/Initiative/Plan objects).
    """
    scenarios = [s.model_copy(update={"pins": list(s.pins), "exclusions": list(s.exclusions),
                                      "initiative_ids": list(s.initiative_ids),
                                      "policy_overrides": dict(s.policy_overrides),
                                      "budget_overrides": dict(s.budget_overrides),
                                      "sourcing_limits": list(s.sourcing_limits),
                                      "rejected_trainings": list(s.rejected_trainings)}) for s in project.scenarios]
    return project.model_copy(update={
        "roster": project.roster.model_copy(update={"people": list(project.roster.people)}),
        "templates": dict(project.templates),
        "portfolio": project.portfolio.model_copy(update={"initiatives": list(project.portfolio.initiatives)}),
        "scenarios": scenarios,
    })
