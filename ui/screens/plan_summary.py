"""The Plan screen's words about the active scenario: what it covers, how good its plan is, what it breaks."""
from __future__ import annotations

import html

from app.planning.words import Words
from ui.document import ProjectDocument
from ui.widgets.pins_panel import pin_words

WORDS = Words()  # the window shows pay; every sentence about a plan comes from the core's words


def covers(doc: ProjectDocument) -> str:
    """The initiatives the active scenario plans, by name ('' when there are none)."""
    try:
        return ", ".join(i.name for i in doc.project.planned_initiatives())
    except KeyError:
        return ""


def decisions_broken(doc: ProjectDocument) -> list[str]:
    """Each approvers' rejection the active scenario's (fresh) plan does not keep, in words."""
    sc = doc.project.scenario()
    if sc.plan is None or not (sc.sourcing_limits or sc.rejected_trainings) or doc.is_stale():
        return []
    from app.planning.decisions import unhonoured  # imported once a scenario holds approvers' decisions

    return unhonoured(sc.plan, limits=sc.sourcing_limits, trainings=sc.rejected_trainings,
                      initiative_names=doc.project.portfolio.names())


def approvals_words(approvals: list) -> str:
    """'approved 1 contract and 2 trainings (kept while the plan needs them)'."""
    counts = {k: sum(1 for a in approvals if a.subject == k) for k in ("hire", "contract", "training")}
    said = [f"{n} {k}{'s' if n != 1 else ''}" for k, n in counts.items() if n]
    return f"approved {' and '.join(said)} (kept while the plan needs {'it' if len(approvals) == 1 else 'them'})"


def approvals_unused(doc: ProjectDocument) -> list[str]:
    """Each approved hire, contract or training the active scenario's (fresh) plan no longer has, in the approval's
    words (the next workbook lists it under 'Decided earlier' as not kept)."""
    sc = doc.project.scenario()
    if sc.plan is None or not sc.approvals or doc.is_stale():
        return []
    return [a.text for a in sc.approvals if not a.kept_by(sc.plan)]


def summary_html(doc: ProjectDocument) -> str:
    """The one summary of the active scenario's plan: what it covers, how good it is, pins, whether it is fresh."""
    sc = doc.project.scenario()
    plan = sc.plan
    e = html.escape
    names = covers(doc)
    scope = f"Scenario “{e(sc.name)}” plans {e(names)}" if names else (
        f"Scenario “{e(sc.name)}” plans no initiative yet: add one on the Initiatives screen")
    pins = f" · {pin_words(sc.pins, len(sc.exclusions))}" if sc.pins or sc.exclusions else ""
    if pins:  # kept for later (their person left the roster, their initiative is not planned): not counted as kept
        from app.planning.edits import references

        idle = sum(1 for r in references(doc.project) if r.not_applied)
        pins += f" ({idle} not applied: see “Pins and decisions”)" if idle else ""
    if sc.sourcing_limits or sc.rejected_trainings:
        from app.planning.decisions import rejections_words  # never imported for a scenario without decisions

        pins += f" · {e(rejections_words(limits=sc.sourcing_limits, trainings=sc.rejected_trainings))}"
    if sc.approvals:  # after the rejections: 'approvers rejected 1 training, approved 1 contract (…)'
        pins += f"{', ' if sc.sourcing_limits or sc.rejected_trainings else ' · approvers '}" \
                f"{approvals_words(sc.approvals)}"
    if plan is None:
        # "add one on the Initiatives screen. No plan yet: press Solve." asked for a solve that cannot start
        return f"{scope}{pins}. No plan yet{': press Solve' if names else ''}."
    stale = (" · <b style='color:#e65100'>out of date</b>: the roster, templates, initiatives or this scenario "
             "changed since it was solved; press Solve" if doc.is_stale() else "")
    edited = (" · <i>edited by hand: coverage and cost are the solver's figures until you re-solve</i>"
              if plan.settings.get("edited_by_hand") else "")
    broken = decisions_broken(doc)
    broken_html = "".join(f"<br>• {e(line)}" for line in broken)
    if broken:
        broken_html = f"<br><b style='color:#b71c1c'>The plan breaks {len(broken)} approvers' {'decision' if len(broken) == 1 else 'decisions'}:</b>{broken_html}"
    unused = approvals_unused(doc)
    if unused:
        broken_html += (f"<br><b>{len(unused)} approved earlier {'is' if len(unused) == 1 else 'are'} no longer "
                        f"needed by this plan:</b>" + "".join(f"<br>• {e(line)}" for line in unused))
    return (f"{scope}{pins}{stale}{edited}<br><b>{e(WORDS.status(plan))}</b><br>"
            f"{e(WORDS.message(plan)).replace(chr(10), '<br>')}{broken_html}")
