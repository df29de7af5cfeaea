"""Every empty table of the Plan screen says why it is empty and where to look (a new user's roster whose people
hold none of the roles' skills showed an empty Assignments table with no sentence)."""
from __future__ import annotations

from datetime import date, timedelta

from app.cli import main
from app.domain import Plan, PlanStatus
from app.domain.initiatives import Initiative, Portfolio
from app.domain.plans import Hire, Uncovered
from app.domain.reasons import HireWhy, OpenCause, SkillNeed, UncoveredWhy
from app.domain.roles import Phase
from app.project.io import open_project
from tests.ui.solved_sample import solved_sample
from ui.screens.plan_empty import empty_notes

ROSTER = ("Employee ID,Name,Job Title,FTE,Skills\n"
          'E1,Ann Lee,Senior Developer,1.0,"Java, Spring, React"\n'
          'E2,Bo Chen,Database Architect,1.0,"SQL Server, MongoDB"\n'
          'E3,Cy Diaz,Designer,0.8,"Figma, Sketch"\n')


def _shown(screen) -> dict[str, str]:
    """Tab label → the sentence over its table, for the tables that show one."""
    return {label: note.text() for label, note in screen.tables.notes.items() if not note.isHidden()}


def _developers_project(tmp_path):
    """Three developers and designers imported as HR sent them, plus one initiative added in the window's way."""
    (tmp_path / "devs.csv").write_text(ROSTER, encoding="utf-8")
    assert main(["new", str(tmp_path / "devs.csv"), "-o", str(tmp_path / "devs.phasegate")]) == 0
    project = open_project(tmp_path / "devs.phasegate")
    project.portfolio = Portfolio(initiatives=[Initiative(
        id="Claims Assistant", name="Claims Assistant", current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION,
        go_live=date.today() + timedelta(weeks=20))])
    return project


def test_nobody_holds_the_roles_skills_says_so_and_points_at_hires(qtbot, window, tmp_path, capsys):
    window.doc.replace(_developers_project(tmp_path))
    capsys.readouterr()
    screen = window.screens["plan"]
    assert _shown(screen)["Assignments"] == ("No plan yet: press Solve (Ctrl+R) to plan Claims Assistant. This table "
                                             "will list who goes on which role.")
    assert _shown(screen)["Uncovered"].endswith("This table will list what it leaves open, and why.")
    with qtbot.waitSignal(screen.worker.finished, timeout=60_000):
        assert screen.solve()
    plan = window.doc.project.scenario().plan
    assert plan.status in (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE) and not plan.assignments and plan.hires
    assert not plan.uncovered
    shown = _shown(screen)
    assert shown == {
        "Assignments": "Nobody from the roster is assigned: no one in the pool holds all the skills a role asks at the "
                       "levels asked, so the plan hires or contracts for every role — see Hires and contracts.",
        "Trainings": "No trainings: the plan places nobody from the roster, so it trains nobody — Assignments says why.",
        "Uncovered": "Nothing uncovered: every role is staffed by hiring or contracting (Hires and contracts)."}
    assert screen.hires.rowCount() == len(plan.hires)  # the table with rows has no sentence over it


def test_a_scenario_without_initiatives_says_to_add_one(window):
    window.doc.replace(solved_sample())
    sc = window.doc.project.scenario()
    window.doc.project.portfolio = Portfolio(initiatives=[])
    sc.plan, sc.initiative_ids = None, []
    window.doc.notify_portfolio()
    shown = _shown(window.screens["plan"])
    assert set(shown) == {"Assignments", "Trainings", "Hires and contracts", "Uncovered"}
    assert set(shown.values()) == {"No plan yet: this scenario plans no initiative. Add one on the Initiatives screen "
                                   "(Add initiative…), then press Solve."}


def test_a_plan_with_rows_everywhere_shows_no_sentence_and_an_infeasible_one_says_why_all_are_empty(window):
    project = solved_sample()
    plan = project.scenario().plan
    window.doc.replace(project)
    screen = window.screens["plan"]
    empty = {label for label, rows in (("Assignments", plan.assignments), ("Trainings", plan.trainings),
                                       ("Hires and contracts", plan.hires), ("Uncovered", plan.uncovered))
             if not rows}
    assert set(_shown(screen)) == empty and "Assignments" not in empty
    window.doc.set_plan(Plan(status=PlanStatus.INFEASIBLE))
    shown = _shown(screen)
    assert set(shown) == {"Assignments", "Trainings", "Hires and contracts", "Uncovered"}
    assert shown["Assignments"] == ("Nothing here: there is no plan — the agreed decisions (pins, budget, caps) "
                                    "contradict each other: the summary above names them; change one (Pins and "
                                    "decisions, Settings…) and press Solve.")


def test_the_words_follow_the_plans_facts():
    """Each sentence from the plan's own facts; a cause the facts do not give is not named."""
    project = solved_sample()
    staffed = project.scenario().plan
    ini = staffed.assignments[0].initiative
    need = SkillNeed(skill="mlops", skill_name="MLOps", level=3)
    frozen = OpenCause(kind="route", route="hire", case="frozen")
    open_role = Uncovered(initiative=ini, role="mlops_engineer", role_name="MLOps engineer", fte=1.0,
                          why=UncoveredWhy(causes=[OpenCause(kind="nobody_holds", skills=[need]), frozen]))
    plan = staffed.model_copy(update={"hires": [], "uncovered": [open_role], "trainings": []})
    notes = empty_notes(project, plan)
    assert notes["Hires and contracts"] == ("No hires or contracts: 1 role stays open instead — Uncovered says why "
                                            "each is not hired for.")
    assert notes["Trainings"] == ("No trainings: everyone the plan assigns already holds the skills their role asks "
                                  "at the levels asked (see Assignments).")
    closed = {i.id: i.policy.model_copy(update={"hiring_freeze": True, "allow_contractors": False,
                                                "allow_upskilling": False})
              for i in project.planned_initiatives()}
    project.scenario().policy_overrides = closed
    notes = empty_notes(project, plan)
    assert notes["Hires and contracts"].startswith("No hires or contracts: this scenario freezes hiring and allows "
                                                   "no contractors (Settings…)")
    assert notes["Trainings"].startswith("No trainings: upskilling is switched off for ")

    nobody = plan.model_copy(update={"assignments": [], "uncovered": [open_role], "hires": [Hire(
        initiative=ini, role="r", kind="contract", fte=1, cost=1, lead_time_weeks=3,
        why=HireWhy(case="no_free_time", count=2))]})
    assert empty_notes(project, nobody)["Assignments"] == (
        "Nobody is assigned: every role is hired for, contracted or left open, and each of those rows says why — see "
        "Hires and contracts and Uncovered.")  # two qualified people are busy: not 'nobody holds the skills'
    by_hand = staffed.model_copy(update={"uncovered": [], "settings": {**staffed.settings, "edited_by_hand": True}})
    assert empty_notes(project, by_hand)["Uncovered"].startswith("Nothing uncovered in the solver's plan: every "
                                                                 "role was staffed by ")
