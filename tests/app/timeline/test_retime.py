"""Where a dragged commitment lands, period by period, and whether a change reaches a plan's window."""
from __future__ import annotations

from datetime import date

from app.timeline.calendar import make_grid
from app.timeline.retime import Edge, dragged, touches, words

MONTHS = make_grid(date(2027, 1, 1), date(2027, 12, 31), by="month").periods
WEEKS = make_grid(date(2027, 1, 4), date(2027, 3, 28), by="week").periods
QUARTERS = make_grid(date(2027, 1, 1), date(2027, 12, 31), by="quarter").periods


def test_an_end_lands_on_the_last_day_of_its_period_and_a_start_on_the_first():
    span = (date(2027, 1, 18), date(2027, 4, 30))
    assert dragged(*span, edge=Edge.END, periods=MONTHS, from_t=3, to_t=1) == (date(2027, 1, 18), date(2027, 2, 28))
    assert dragged(*span, edge=Edge.START, periods=MONTHS, from_t=0, to_t=2) == (date(2027, 3, 1), date(2027, 4, 30))
    assert dragged(*span, edge=Edge.END, periods=WEEKS, from_t=0, to_t=2) == (date(2027, 1, 18), date(2027, 1, 24))
    # an open end gets a date; a start dragged past the end is handed back as it is, for the caller to refuse
    assert dragged(None, None, edge=Edge.END, periods=MONTHS, from_t=11, to_t=5) == (None, date(2027, 6, 30))
    assert dragged(*span, edge=Edge.START, periods=MONTHS, from_t=0, to_t=6) == (date(2027, 7, 1), date(2027, 4, 30))


def test_a_whole_bar_moves_by_the_periods_crossed():
    span = (date(2027, 1, 18), date(2027, 4, 30))
    # months keep the day of the month, and a month's last day stays a month's last day
    assert dragged(*span, edge=Edge.WHOLE, periods=MONTHS, from_t=1, to_t=2) == (date(2027, 2, 18), date(2027, 5, 31))
    assert dragged(date(2027, 1, 31), date(2027, 3, 30), edge=Edge.WHOLE, periods=MONTHS, from_t=2, to_t=3) == (
        date(2027, 2, 28), date(2027, 4, 30))
    assert dragged(*span, edge=Edge.WHOLE, periods=WEEKS, from_t=5, to_t=3) == (date(2027, 1, 4), date(2027, 4, 16))
    assert dragged(*span, edge=Edge.WHOLE, periods=QUARTERS, from_t=0, to_t=1) == (date(2027, 4, 18),
                                                                                    date(2027, 7, 31))
    assert dragged(None, date(2027, 4, 30), edge=Edge.WHOLE, periods=MONTHS, from_t=0, to_t=1) == (
        None, date(2027, 5, 31))
    assert dragged(*span, edge=Edge.WHOLE, periods=MONTHS, from_t=4, to_t=4) == span


def test_a_change_touches_a_window_when_its_days_inside_it_differ():
    first, last = date(2027, 3, 1), date(2027, 8, 31)
    assert not touches((date(2026, 1, 1), date(2027, 1, 31)), (date(2026, 1, 1), date(2027, 2, 26)), first=first,
                       last=last)  # both end before the window
    assert not touches((date(2027, 10, 1), None), (date(2027, 9, 6), None), first=first, last=last)  # both after it
    assert not touches((None, date(2027, 9, 30)), (None, date(2027, 12, 31)), first=first, last=last)  # whole window
    assert touches((None, date(2027, 2, 26)), (None, date(2027, 3, 31)), first=first, last=last)  # into it
    assert touches((None, None), (None, date(2027, 2, 26)), first=first, last=last)  # undated, now ends before it


def test_dates_in_words():
    assert words(date(2027, 1, 4), date(2027, 4, 30)) == "from 4 Jan 2027 to 30 Apr 2027"
    assert words(None, date(2027, 4, 30)) == "until 30 Apr 2027"
    assert words(date(2027, 1, 4), None) == "from 4 Jan 2027"
    assert words(None, None) == "with no dates"
