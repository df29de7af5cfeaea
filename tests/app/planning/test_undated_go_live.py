"""An initiative without a go-live is planned the same way wherever the plan is made: staffed from today, as the
gaps read it, with every date counted back from the end of its horizon and said to be assumed (the window left the
dates blank; the CLI dated the initiative and so also read everyone's time from the horizon's end)."""
from __future__ import annotations

from datetime import timedelta

from app.domain import Commitment, CommitmentStatus
from app.planning import plan_scenario
from app.planning.report import plan_report
from app.planning.words import Words
from tests.app.planning.conftest import TODAY, make_project, make_templates, person

END = TODAY + timedelta(weeks=26)  # the default 26-week horizon


def _undated(today=TODAY):
    """Claims without a go-live; Eve qualifies for MLOps but is busy elsewhere for the next ten weeks."""
    project = make_project()
    project.portfolio.initiatives[0].go_live = None
    eve = person("E5", "Eve Pin", {"mlops": 3, "kubernetes": 3})
    eve.commitments = [Commitment(initiative="other", fte=1.0, status=CommitmentStatus.CONFIRMED,
                                  end=today + timedelta(weeks=10))]
    project.roster.people.append(eve)
    return project


def test_the_plan_the_window_makes_counts_back_from_the_end_of_the_horizon() -> None:
    project, templates = _undated(), make_templates()
    plan = plan_scenario(project, templates=templates, today=TODAY, time_limit=5)
    [hire] = [h for h in plan.hires if h.role == "change_manager"]
    assert (hire.kind, hire.lead_time_weeks) == ("hire", 12)
    assert Words().hire(hire).endswith("; open the requisition by 8 Jun 2026")  # 31 Aug 2026 − 12 weeks
    report = plan_report(project, templates=templates, include_gaps=False)
    assert report.assumed_go_live == {"claims": "31 Aug 2026 is assumed: no go-live was set, so the plan runs to "
                                                "the end of its 26-week horizon"}
    assert [i.go_live for i in report.initiatives] == [END]


def test_the_cli_makes_the_same_plan_with_the_same_dates(tmp_path, capsys) -> None:
    import json
    from datetime import date

    from app.cli import main
    from app.project import save_project

    today, templates = date.today(), make_templates()  # the CLI plans from today
    project = _undated(today)
    project.templates, project.catalogue = dict(templates.phases), templates.catalogue
    save_project(project, tmp_path / "undated.phasegate")
    assert main(["plan", str(tmp_path / "undated.phasegate"), "--time-limit", "5", "--json",
                 str(tmp_path / "plan.json")]) == 0
    assert "warning: no go-live for Claims Triage; planning to the end of the 26-week horizon" in capsys.readouterr().err
    cli = json.loads((tmp_path / "plan.json").read_text())
    window = plan_scenario(_undated(today), templates=templates, today=today, time_limit=5)
    assert [(h["role"], h["latest_requisition"], h["reason"]) for h in cli["hires"]] == [
        (h.role, h.latest_requisition.isoformat(), Words().hire(h)) for h in window.hires]
    assert [a["reason"] for a in cli["assignments"]] == [Words().assignment(a) for a in window.assignments]


def test_time_is_read_from_today_as_the_gaps_read_it_and_dates_from_the_horizons_end() -> None:
    from app.planning import build_instance

    prepared = build_instance(_undated(), None, templates=make_templates(), today=TODAY)
    mlops = prepared.demands["claims/mlops_engineer"]
    assert {c.person_id: c.status for c in mlops.candidates}["E5"] == "no_capacity"  # busy for ten more weeks
    assert (mlops.go_live, mlops.learning_weeks) == (END, 26)
