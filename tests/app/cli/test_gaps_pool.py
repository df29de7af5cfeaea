"""`phasegate gaps`: the pool figure capped at one head per person is labelled as usable, next to what is free."""
from __future__ import annotations

import json

from app.cli import main
from app.project.sample import SAMPLE_ROSTER

ARGS = ["gaps", str(SAMPLE_ROSTER), "--initiative", "Claims Triage Assistant", "--to", "production"]


def _fte(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def test_capped_pool_fte_is_labelled_usable_of_free(capsys) -> None:
    assert main([*ARGS, "--json"]) == 0
    roles = json.loads(capsys.readouterr().out)["roles"]
    assert main(ARGS) == 0
    text = capsys.readouterr().out
    capped = [r for r in roles if r["gap_fte"] > 0 and r["pool_free_fte"] > r["pool_fte"]]
    assert capped, "the sample has roles whose qualified outsiders have more free time than one head uses"
    for r in capped:
        assert (f"pool: {r['pool_people']} qualified {'person' if r['pool_people'] == 1 else 'people'} elsewhere, "
                f"{_fte(r['pool_fte'])} FTE usable of {_fte(r['pool_free_fte'])} free "
                f"(up to {_fte(r['per_head_fte'])} FTE per person)") in text
    uncapped = [r for r in roles if r["gap_fte"] > 0 and r["pool_people"] and r["pool_free_fte"] <= r["pool_fte"]]
    for r in uncapped:
        assert f"elsewhere, {_fte(r['pool_fte'])} FTE free\n" in text
    assert all(r["pool_free_fte"] >= r["pool_fte"] for r in roles)
    assert "FTE free\n" in text or not uncapped
