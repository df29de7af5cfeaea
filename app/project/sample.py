"""The bundled Northwind sample: the sample roster imported as HR sent it, four initiatives and a Baseline."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from app.project.model import Project, RosterSource, Scenario
from app.project.portfolio_file import read_portfolio_file

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
SAMPLE_ROSTER = SAMPLE_DIR / "northwind_roster.xlsx"
SAMPLE_INITIATIVES = SAMPLE_DIR / "northwind_initiatives.yaml"


def load_sample_project(*, today: date | None = None) -> Project:
    """A ready-to-plan project: the Northwind roster, its four initiatives (go-lives from today) and a Baseline."""
    from app.domain.people import Roster
    from app.roster_import import import_roster
    from app.templates import load_catalogue

    catalogue = load_catalogue()
    result = import_roster(SAMPLE_ROSTER, catalogue=catalogue)
    portfolio = read_portfolio_file(SAMPLE_INITIATIVES, today=today or date.today())
    return Project(
        name="Northwind sample",
        roster=Roster(people=result.people),
        source=RosterSource(file_name=SAMPLE_ROSTER.name, sha256=result.sha256, sheet=result.sheet,
                            header_row=result.header_row, mapping=result.mapping.model_dump(mode="json")),
        catalogue=catalogue,
        portfolio=portfolio,
        scenarios=[Scenario(name="Baseline")],
        active_scenario="Baseline",
    )
