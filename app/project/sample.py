"""The bundled Northwind sample: the sample roster imported as HR sent it, its dated commitments and leave, four
initiatives with their roadmaps, and a Baseline."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from app.project.model import Project, RosterSource, Scenario
from app.project.portfolio_file import read_portfolio_file

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
SAMPLE_ROSTER = SAMPLE_DIR / "northwind_roster.xlsx"
SAMPLE_INITIATIVES = SAMPLE_DIR / "northwind_initiatives.yaml"
SAMPLE_ASSIGNMENTS = SAMPLE_DIR / "northwind_assignments.csv"
SAMPLE_LEAVE = SAMPLE_DIR / "northwind_leave.csv"
#: The Monday the sample's dated files are written for (the roster report's run date); see make_dated.py.
SAMPLE_ANCHOR = date(2026, 11, 2)


def load_sample_project(*, today: date | None = None) -> Project:
    """A ready-to-plan project: the Northwind roster with its dated commitments and leave, its four initiatives
    (gates counted from today) and a Baseline. The dated files' days move with today, a whole number of weeks."""
    from app.domain.people import Roster
    from app.roster_import import import_roster
    from app.templates import load_catalogue
    from app.timeline.dated_import import import_dated

    today = today or date.today()
    catalogue = load_catalogue()
    result = import_roster(SAMPLE_ROSTER, catalogue=catalogue)
    dated = import_dated(result.people, commitments=[SAMPLE_ASSIGNMENTS], absences=[SAMPLE_LEAVE])
    portfolio = read_portfolio_file(SAMPLE_INITIATIVES, today=today)
    weeks = (today - timedelta(days=today.weekday()) - SAMPLE_ANCHOR).days // 7
    return Project(
        name="Northwind sample",
        roster=Roster(people=[_moved(p, weeks) for p in dated.people]),
        source=RosterSource(file_name=SAMPLE_ROSTER.name, sha256=result.sha256, sheet=result.sheet,
                            header_row=result.header_row, mapping=result.mapping.model_dump(mode="json")),
        catalogue=catalogue,
        portfolio=portfolio,
        scenarios=[Scenario(name="Baseline")],
        active_scenario="Baseline",
    )


def _moved(person, weeks: int):
    """The person with every dated commitment and leave moved by `weeks` (the same person when nothing moves)."""
    if not weeks or not (person.absences or any(c.start or c.end for c in person.commitments)):
        return person
    shift = timedelta(weeks=weeks)

    def day(d: date | None) -> date | None:
        return None if d is None else d + shift

    return person.model_copy(update={
        "commitments": [c.model_copy(update={"start": day(c.start), "end": day(c.end)}) for c in person.commitments],
        "absences": tuple(a.model_copy(update={"start": day(a.start), "end": day(a.end)}) for a in person.absences)})
