"""A person's commitments over time: what is promised on a day, and the most promised at once."""
from __future__ import annotations

from datetime import date

from app.domain.people import Commitment, Person


def _person(*commitments: Commitment, fte: float = 1.0) -> Person:
    return Person(id="E1", name="Ada", fte=fte, commitments=list(commitments))


def test_back_to_back_projects_are_one_fte_at_once_not_two():
    ada = _person(Commitment(initiative="Claims", fte=1.0, end=date(2027, 3, 31)),
                  Commitment(initiative="Fraud", fte=1.0, start=date(2027, 4, 1)))
    assert ada.committed_fte() == 2.0  # everything ever promised
    assert ada.peak_committed() == (1.0, None) and not ada.over_committed()
    assert ada.free_fte(on=date(2027, 3, 31)) == 0.0 and ada.committed_fte(on=date(2027, 4, 1)) == 1.0
    assert ada.free_fte(on=date(2028, 1, 1), exclude="Fraud") == 1.0


def test_overlap_is_over_committed_from_the_day_it_starts():
    ada = _person(Commitment(initiative="Claims", fte=0.6),
                  Commitment(initiative="Fraud", fte=0.6, start=date(2027, 4, 1), end=date(2027, 6, 30)),
                  Commitment(initiative="Fraud", fte=0.3, start=date(2027, 9, 1)))
    assert ada.peak_committed() == (1.2, date(2027, 4, 1)) and ada.over_committed()
    assert ada.peak_committed("Fraud") == (0.6, date(2027, 4, 1))
    assert ada.free_fte(on=date(2026, 12, 5)) == 0.4


def test_undated_commitments_add_up_as_before():
    ada = _person(Commitment(initiative="Claims", fte=0.7), Commitment(initiative="Fraud", fte=0.5))
    assert ada.peak_committed() == (1.2, None) and ada.over_committed()
    assert not _person(fte=0.5).over_committed()  # nothing promised


def test_someone_who_rolled_off_is_not_on_the_team_any_more_and_someone_booked_later_is():
    from app.domain.people import Roster

    gone = Person(id="E1", name="Ada", commitments=[Commitment(initiative="Claims", fte=1.0, end=date(2026, 6, 30))])
    later = Person(id="E2", name="Bo", commitments=[Commitment(initiative="Claims", fte=0.5, start=date(2027, 2, 1))])
    now = Person(id="E3", name="Cy", commitments=[Commitment(initiative="Claims", fte=0.5)])
    roster = Roster(people=[gone, later, now])
    assert [p.id for p in roster.team_of("Claims")] == ["E1", "E2", "E3"]  # every commitment ever
    assert [p.id for p in roster.team_of("Claims", on=date(2026, 12, 5))] == ["E2", "E3"]
    assert gone.on_team("Claims", on=date(2026, 6, 30))  # its last day
