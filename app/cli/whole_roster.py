"""A roster without an initiative column: the whole roster is the team (for `plan` and `gaps` alike)."""
from __future__ import annotations

from app.domain.people import Commitment, Person

#: Initiative id used when the roster has no initiative column: the whole roster is the team.
WHOLE_ROSTER = "Team"


def make_whole_roster_the_team(people: list[Person]) -> str:
    """Gives every person a commitment of their full FTE to WHOLE_ROSTER; returns that initiative's id."""
    for person in people:
        person.commitments.append(Commitment(initiative=WHOLE_ROSTER, fte=person.fte))
    return WHOLE_ROSTER
