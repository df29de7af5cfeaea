"""Why a table of the Plan screen is empty, and where to look: a sentence read from the plan's own facts (its status,
the cases of its hires, the causes of what it leaves open), the scenario's settings and the roster.

A cause is named only when those facts say it; otherwise the sentence says only what is true ("the plan trains
nobody") and where the rows that are there explain themselves.
"""
from __future__ import annotations

from app.domain import Plan, PlanStatus
from app.project import Project

ASSIGNMENTS, TRAININGS, HIRES, UNCOVERED = "Assignments", "Trainings", "Hires and contracts", "Uncovered"

#: What each table lists once there is a plan, said when there is none yet.
_LISTS = {ASSIGNMENTS: "who goes on which role", TRAININGS: "the trainings the plan relies on",
          HIRES: "the hires and contractors it needs", UNCOVERED: "what it leaves open, and why"}


def empty_notes(project: Project, plan: Plan | None) -> dict[str, str]:
    """Tab label → why that table is empty (every tab gets a sentence; the screen shows it when its table is)."""
    if plan is None:
        return {tab: _no_plan(project, tab) for tab in _LISTS}
    if plan.status in (PlanStatus.INFEASIBLE, PlanStatus.NO_PLAN):
        said = ("the agreed decisions (pins, budget, caps) contradict each other: the summary above names them; "
                "change one (Pins and decisions, Settings…) and press Solve" if plan.status == PlanStatus.INFEASIBLE
                else "the search stopped before finding one: raise the time limit and press Solve")
        return {tab: f"Nothing here: there is no plan — {said}." for tab in _LISTS}
    return {ASSIGNMENTS: _assignments(project, plan), TRAININGS: _trainings(project, plan),
            HIRES: _hires(project, plan), UNCOVERED: _uncovered(plan)}


def _no_plan(project: Project, tab: str) -> str:
    try:
        names = [i.name or i.id for i in project.planned_initiatives()]
    except KeyError:
        names = []
    if not names:
        return ("No plan yet: this scenario plans no initiative. Add one on the Initiatives screen (Add "
                "initiative…), then press Solve.")
    return (f"No plan yet: press Solve (Ctrl+R) to plan {', '.join(names)}. This table will list "
            f"{_LISTS[tab]}.")


def _nobody_holds(plan: Plan) -> bool:
    """True when the plan says of every role it hires for or leaves open that nobody holds its skills."""
    cases = [h.why.case if h.why else None for h in plan.hires]
    cases += [c.kind for u in plan.uncovered for c in (u.why.causes if u.why else [None])]
    return bool(cases) and all(c == "nobody_holds" for c in cases)


def _see(plan: Plan) -> str:
    """' — see Hires and contracts and Uncovered' (the tables that have rows)."""
    tabs = [t for t, rows in ((HIRES, plan.hires), (UNCOVERED, plan.uncovered)) if rows]
    return f" — see {' and '.join(tabs)}" if tabs else ""


def _assignments(project: Project, plan: Plan) -> str:
    available = [p for p in project.roster.people if p.available]
    if plan.required_fte <= 0:
        return "Nobody is assigned: the roles of the planned initiatives ask for no FTE."
    if not available:
        return ("Nobody is assigned: nobody in the roster is available for planning — import a roster (File → "
                "Import roster…) or mark people available on the Roster screen.")
    if not any(s.level > 0 for p in available for s in p.skills.values()):
        return ("Nobody is assigned: the roster records no skills for anyone, so nobody can be matched to a role"
                f"{_see(plan)}. Import a skills matrix (File → Import roster…) to staff roles from the roster.")
    if _nobody_holds(plan):
        then = "" if plan.uncovered else ", so the plan hires or contracts for every role"
        return ("Nobody from the roster is assigned: no one in the pool holds all the skills a role asks at the "
                f"levels asked{then}{_see(plan)}.")
    return ("Nobody is assigned: every role is hired for, contracted or left open, and each of those rows says why"
            f"{_see(plan)}.")


def _trainings(project: Project, plan: Plan) -> str:
    if not plan.assignments:
        return "No trainings: the plan places nobody from the roster, so it trains nobody — Assignments says why."
    off = [i.name or i.id for i in project.planned_initiatives() if not i.policy.allow_upskilling]
    if off and len(off) == len(project.planned_initiatives()):
        return f"No trainings: upskilling is switched off for {', '.join(off)} in this scenario (Settings…)."
    if plan.settings.get("edited_by_hand"):
        return "No trainings: the plan trains nobody."
    return ("No trainings: everyone the plan assigns already holds the skills their role asks at the levels asked "
            "(see Assignments).")


def _hires(project: Project, plan: Plan) -> str:
    planned = project.planned_initiatives()
    closed = [i for i in planned if i.policy.hiring_freeze and not i.policy.allow_contractors]
    if planned and len(closed) == len(planned) and plan.uncovered:
        return ("No hires or contracts: this scenario freezes hiring and allows no contractors (Settings…); "
                "what stays open is on Uncovered.")
    if plan.uncovered:
        roles = len(plan.uncovered)
        return (f"No hires or contracts: {roles} role{'s stay' if roles != 1 else ' stays'} open instead — "
                "Uncovered says why each is not hired for.")
    if plan.settings.get("edited_by_hand"):
        return "No hires or contracts: the solver's plan staffed every role from the roster (see Assignments)."
    return "No hires or contracts: people in the roster staff every role (see Assignments)."


def _uncovered(plan: Plan) -> str:
    if plan.required_fte <= 0:
        return "Nothing uncovered: the roles of the planned initiatives ask for no FTE."
    ways = [w for w, rows in (("people in the roster (Assignments)", plan.assignments),
                              ("hiring or contracting (Hires and contracts)", plan.hires)) if rows]
    by = f" by {' and '.join(ways)}" if ways else ""
    if plan.settings.get("edited_by_hand"):  # the solver's figures: a removed assignment does not add a row here
        return f"Nothing uncovered in the solver's plan: every role was staffed{by}; the banner above checks your edits."
    return f"Nothing uncovered: every role is staffed{by}."
