"""Portfolio files: targets, relative go-lives, policy overrides, and one-line errors."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from app.errors import UsageError
from app.project.portfolio_file import read_portfolio_file
from app.project.sample import SAMPLE_INITIATIVES

TODAY = date(2026, 11, 2)


def test_sample_initiatives_file() -> None:
    portfolio = read_portfolio_file(SAMPLE_INITIATIVES, today=TODAY)
    claims = portfolio.get("Claims Triage Assistant")
    assert (claims.current_phase, claims.target_phase, claims.go_live) == (
        "pilot", "production", TODAY + timedelta(weeks=14))
    assert claims.policy.max_hires == 3 and claims.budget == 1_100_000
    assert portfolio.get("Contract Analyzer").policy.allow_contractors is False
    assert portfolio.budget == 2_600_000


def test_json_with_fixed_date(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"initiatives": [{"id": "X", "target_phase": "operations", "current_phase": "production",'
                    ' "go_live": "2027-05-03", "priority": 9}]}', "utf-8")
    [x] = read_portfolio_file(path, today=TODAY).initiatives
    assert (x.go_live, x.priority, x.name) == (date(2027, 5, 3), 9, "X")


@pytest.mark.parametrize(("text", "message"), [
    ("initiatives:\n  - {id: X, go_live: 2027-01-01, go_live_weeks: 3}\n", "not both"),
    ("initiatives:\n  - {id: X, policy: {hiring_frozen: true}}\n", "unknown policy setting(s) hiring_frozen"),
    ("initiatives:\n  - {id: X, target_phase: prod}\n", "initiatives.0.target_phase"),
    ("initiatives:\n  - {id: X, current_phase: operations, target_phase: pilot}\n", "comes before"),
    ("initiatives:\n  - {id: X}\n  - {id: X}\n", "listed twice"),
    ("initiatives: [\n", "not valid YAML/JSON at line"),
    ("initiatives: []\n", "initiatives"),
])
def test_bad_files_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(UsageError, match=None) as info:
        read_portfolio_file(path, today=TODAY)
    line = info.value.one_line()
    assert message in line and str(path) in line and "\n" not in line
