"""`phasegate --self-test` opens the window on the sample, solves, exports and says OK in one line."""
from __future__ import annotations

from ui.selftest import run_self_test


def test_self_test_passes_and_reports_each_step(qapp, capsys):
    assert run_self_test() == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("self-test: OK — platform offscreen; sample opened (")
    assert "solved: " in out and "exported self-test-plan.xlsx" in out


def test_a_sample_that_cannot_be_opened_is_the_verdict_not_a_timeout(qapp, capsys, monkeypatch):
    """A frozen bundle without a data file failed to open the sample in a dialog and then waited 60 s for a solve
    that never started; the verdict now names the file."""
    import ui.main_window

    def missing():
        raise FileNotFoundError("[Errno 2] No such file or directory: 'app/roster_import/header_synonyms.yaml'")

    monkeypatch.setattr(ui.main_window, "load_sample_project", missing)
    assert run_self_test() == 1
    err = capsys.readouterr().err
    assert "self-test: FAILED after 1 step(s): Cannot open the sample project" in err
    assert "header_synonyms.yaml" in err
