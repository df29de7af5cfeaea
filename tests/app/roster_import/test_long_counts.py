"""Long layout (one row per person and skill): every row is counted, the rows after a person's first as merged."""
from __future__ import annotations

from app.cli import main
from app.roster_import import import_roster
from app.templates import load_catalogue

LONG = """Employee ID,Name,Skill,Level (1-5)
E1,Ana Lindqvist,Python,4
E1,Ana Lindqvist,SQL,3
E2,Bo Carvalho,Kubernetes,2
E1,Ana Lindqvist,Kubernetes,1
E2,Bo Carvalho,Python,3
E3,,Python,2
"""


def test_every_long_row_is_imported_merged_or_rejected(tmp_path, capsys):
    path = tmp_path / "long.csv"
    path.write_text(LONG, encoding="utf-8")
    result = import_roster(path, catalogue=load_catalogue())
    c = result.counts
    assert (c.data_rows, c.imported, c.merged, c.rejected, c.skipped) == (6, 2, 3, 1, 0)
    ana = next(p for p in result.people if p.id == "E1")
    assert {sid: s.level for sid, s in ana.skills.items()} == {"python": 4, "sql": 3, "kubernetes": 1}

    assert main(["check", str(path)]) == 0
    assert "2 people imported (and 3 more rows of their skills), 1 rows rejected" in capsys.readouterr().out
