"""Dated fields of the domain: commitments with open ends, leave, roadmaps, and go-live as the target gate."""
from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from app.domain import Absence, Commitment, Initiative, Phase


def test_a_commitment_may_be_open_at_either_end_but_not_end_before_it_starts() -> None:
    open_both = Commitment(initiative="claims", fte=0.5)
    assert open_both.active_on(date(1999, 1, 1)) and open_both.active_on(date(2099, 1, 1))
    rolls_off = Commitment(initiative="claims", fte=0.5, end=date(2027, 4, 30))
    assert rolls_off.active_on(date(2027, 4, 30)) and not rolls_off.active_on(date(2027, 5, 1))
    with pytest.raises(ValidationError, match=r"ends \(2027-01-31\) before it starts \(2027-02-01\)"):
        Commitment(initiative="claims", fte=0.5, start=date(2027, 2, 1), end=date(2027, 1, 31))


def test_leave_is_a_share_of_the_contract_or_an_fte_never_both() -> None:
    assert Absence(start=date(2027, 1, 4), end=date(2027, 1, 8)).fte_off(0.8) == 0.8  # whole days away
    assert Absence(start=date(2027, 1, 4), end=date(2027, 1, 8), share=0.5).fte_off(0.8) == pytest.approx(0.4)
    assert Absence(start=date(2027, 1, 4), end=date(2027, 1, 8), fte=1.0).fte_off(0.6) == 0.6  # never above it
    with pytest.raises(ValidationError, match="not both"):
        Absence(start=date(2027, 1, 4), end=date(2027, 1, 8), share=0.5, fte=0.5)
    with pytest.raises(ValidationError, match="before it starts"):
        Absence(start=date(2027, 1, 8), end=date(2027, 1, 4))


def test_go_live_reads_and_writes_the_target_phase_gate() -> None:
    ini = Initiative(id="claims", current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION, go_live=date(2027, 3, 1),
                     roadmap={Phase.OPERATIONS: date(2027, 9, 1)})
    assert ini.roadmap == {Phase.PRODUCTION: date(2027, 3, 1), Phase.OPERATIONS: date(2027, 9, 1)}
    ini.go_live = date(2027, 4, 1)
    assert ini.gate(Phase.PRODUCTION) == date(2027, 4, 1) and ini.gate(Phase.OPERATIONS) == date(2027, 9, 1)
    moved = ini.model_copy(update={"go_live": date(2027, 5, 3)})
    assert (moved.go_live, ini.go_live) == (date(2027, 5, 3), date(2027, 4, 1))
    # an edit laid over a dump (as the window's undo commands do) takes the new go-live
    edited = Initiative.model_validate({**ini.model_dump(), "go_live": date(2027, 6, 1)})
    assert edited.roadmap[Phase.PRODUCTION] == date(2027, 6, 1)
    cleared = Initiative.model_validate({**ini.model_dump(), "go_live": None})
    assert cleared.go_live is None and cleared.gate(Phase.OPERATIONS) == date(2027, 9, 1)


def test_gates_must_come_in_phase_order() -> None:
    with pytest.raises(ValidationError, match=r"operations gate \(2027-01-01\) comes before the production gate"):
        Initiative(id="claims", roadmap={"production": date(2027, 3, 1), "operations": date(2027, 1, 1)})
