"""The sample project: the core's sample loader when it exists, else the bundled Northwind roster imported here."""
from __future__ import annotations

import importlib
from datetime import date

from app.domain import Initiative, Policy, Portfolio, Roster
from app.domain.roles import Phase
from app.project import Project, RosterSource

#: Where the four Northwind initiatives stand (used until app.project ships its own sample project).
_INITIATIVES = (
    ("Claims Triage Assistant", Phase.PILOT, Phase.PRODUCTION, date(2026, 10, 1), 450_000, 9, False),
    ("Churn Predictor", Phase.POC, Phase.PILOT, date(2026, 8, 1), 180_000, 6, False),
    ("Demand Forecasting", Phase.PRODUCTION, Phase.OPERATIONS, date(2026, 7, 1), 220_000, 7, True),
    ("Contract Analyzer", Phase.POC, Phase.PILOT, date(2026, 12, 1), 150_000, 4, False),
)


def builtin_sample_project() -> Project:
    """The Northwind demo: the bundled Workday-style roster, default templates and four initiatives."""
    from app.roster_import import import_roster
    from app.sample_data import SAMPLE_ROSTER
    from app.templates import load_phase_templates

    templates = load_phase_templates(use_library=False)
    result = import_roster(SAMPLE_ROSTER, catalogue=templates.catalogue)
    roster = Roster(people=result.people)
    found = roster.initiatives()
    initiatives = [
        Initiative(id=name, current_phase=cur, target_phase=tgt, go_live=go, budget=budget, priority=prio,
                   policy=Policy(hiring_freeze=freeze))
        for name, cur, tgt, go, budget, prio, freeze in _INITIATIVES if name in found
    ]
    initiatives += [Initiative(id=name) for name in found if name not in {i.id for i in initiatives}]
    return Project(
        name="Northwind sample", roster=roster, catalogue=templates.catalogue, templates=dict(templates.phases),
        portfolio=Portfolio(initiatives=initiatives),
        source=RosterSource(file_name=SAMPLE_ROSTER.name, sha256=result.sha256, sheet=result.sheet,
                            header_row=result.header_row, mapping=result.mapping.model_dump(mode="json")),
    )


def load_sample_project() -> Project:
    """The sample project from app.project when the core provides one, else the built-in Northwind demo."""
    for module_name, attr in (("app.project.sample", "load_sample_project"), ("app.project", "load_sample_project"),
                              ("app.sample_data", "load_sample_project")):
        try:
            loader = getattr(importlib.import_module(module_name), attr, None)
        except ModuleNotFoundError:
            continue
        if loader is not None:
            return loader()
    return builtin_sample_project()
