"""Portfolio files carry roadmaps: gate dates or gates in N weeks from today, the go-live being the target gate."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from app.domain import Phase
from app.errors import UsageError
from app.project.portfolio_file import read_portfolio_file

TODAY = date(2026, 11, 2)


def test_gates_by_date_and_by_weeks_join_the_go_live(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("initiatives:\n"
                    "  - {id: X, current_phase: pilot, target_phase: production, go_live_weeks: 14,\n"
                    "     roadmap: {pilot: 2026-09-07}, roadmap_weeks: {operations: 40}}\n", "utf-8")
    [x] = read_portfolio_file(path, today=TODAY).initiatives
    assert x.roadmap == {Phase.PILOT: date(2026, 9, 7), Phase.PRODUCTION: TODAY + timedelta(weeks=14),
                         Phase.OPERATIONS: TODAY + timedelta(weeks=40)}
    assert x.go_live == TODAY + timedelta(weeks=14)


@pytest.mark.parametrize(("text", "message"), [
    ("initiatives:\n  - {id: X, go_live: 2027-01-01, roadmap: {production: 2027-02-01}}\n", "give it once"),
    ("initiatives:\n  - {id: X, roadmap: {pilot: 2027-01-01}, roadmap_weeks: {pilot: 3}}\n", "pilot gate is given"),
    ("initiatives:\n  - {id: X, roadmap: {production: 2027-05-01, operations: 2027-01-01}}\n",
     "operations gate (2027-01-01) comes before the production gate"),
    ("initiatives:\n  - {id: X, roadmap: {prod: 2027-05-01}}\n", "initiatives.0.roadmap"),
])
def test_bad_roadmaps_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(UsageError) as info:
        read_portfolio_file(path, today=TODAY)
    line = info.value.one_line()
    assert message in line and str(path) in line and "\n" not in line
