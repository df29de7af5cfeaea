"""analyse_gaps pauses the cyclic GC for speed but always leaves it as it found it, and the report is unchanged."""
from __future__ import annotations

import gc

import pytest

from app.errors import UsageError
from app.gaps import analyse_gaps


@pytest.fixture
def gc_restored():
    """Puts the GC back as the test found it, whatever the test does to it."""
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_gc_is_enabled_again_after_the_report(roster, tiny, gc_restored) -> None:
    gc.enable()
    report = analyse_gaps(roster, initiative="Fraud", to_phase="production", templates=tiny)
    assert gc.isenabled()
    assert {r.role: r.gap_fte for r in report.roles}["mlops_engineer"] == 1.0


def test_gc_a_caller_paused_stays_paused_and_the_report_is_the_same(roster, tiny, gc_restored) -> None:
    gc.enable()
    with_gc = analyse_gaps(roster, initiative="Fraud", to_phase="production", templates=tiny)
    gc.disable()
    without = analyse_gaps(roster, initiative="Fraud", to_phase="production", templates=tiny)
    assert not gc.isenabled()
    assert without == with_gc


def test_gc_is_enabled_again_after_a_usage_error(roster, tiny, gc_restored) -> None:
    gc.enable()
    with pytest.raises(UsageError, match="comes before"):
        analyse_gaps(roster, initiative="Fraud", to_phase="pilot", from_phase="production", templates=tiny)
    assert gc.isenabled()
