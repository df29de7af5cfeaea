"""`phasegate --self-test` opens the window on the sample, solves, exports and says OK in one line."""
from __future__ import annotations

from ui.selftest import run_self_test


def test_self_test_passes_and_reports_each_step(qapp, capsys):
    assert run_self_test() == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("self-test: OK — platform offscreen; sample opened (")
    assert "solved: " in out and "exported self-test-plan.xlsx" in out
