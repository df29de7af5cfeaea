"""The one place in the core that turns plan facts into words, with or without pay.

Every output (CLI text and JSON, the exports, the window's tables) asks a `Words` for its sentences:
`Words(include_pay=False)` leaves out every amount from which a person's pay could be derived, and words that
would only be chosen because of such an amount ("runner-up X costs €260 more"). Without pay a sentence is a
function of the non-pay facts alone, so nothing in it depends on pay. Plans saved before rows kept facts show
their saved sentences; without pay those lose every clause that holds an amount.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain import reasons
from app.domain.plans import Assignment, Hire, ObjectiveLevel, Plan, PlanStatus, Training, Uncovered
from app.domain.reasons import Conflict, OpenCause, PersonWhy, PlanNote, RunnerUp, SkillLevel, SkillNeed
from app.planning.words.numbers import HIDDEN, MONEY, count, day, fte, money, role, roles, weeks
from app.planning.words.rules import Names, violation
from solver.schema import ProgressEvent

if TYPE_CHECKING:  # the validator loads the solver's model; the words need only its facts
    from solver.validate import Violation

__all__ = ["ALTERNATIVE_LABELS", "HIDDEN", "LEVEL_LABELS", "MONEY", "Names", "Words", "count", "day", "fte", "money", "role",
           "roles", "weeks", "worded"]


def _skill(s: SkillLevel) -> str:
    return s.skill_name or s.skill


def _needs(skills: list[SkillNeed], together: bool) -> str:
    if not skills:
        return "the role's skills"
    if together:
        return "all of " + ", ".join(f"{s.skill_name or s.skill} {s.level}" for s in skills) + " together"
    return ", ".join(f"{s.skill_name or s.skill} ≥ {s.level}" for s in skills)


def _drop_amounts(text: str) -> str:
    """A sentence saved before facts were kept, without every '; '-clause that holds an amount."""
    lines = []
    for line in text.splitlines():
        kept = [c for c in line.split("; ") if not MONEY.search(c)]
        if kept:
            lines.append("; ".join(kept) + ("." if line.endswith(".") and not kept[-1].endswith(".") else ""))
    return "\n".join(lines)


#: What a pinned row's reason says of who pinned it (None: a plan saved before pins recorded it).
_PINNED = {"lead": "pinned by the delivery lead, not yet approved", "approver": "approved by an approver",
           None: "pinned"}


@dataclass(frozen=True)
class Words:
    """Sentences for a plan's rows, status and figures; `include_pay=False` hides every pay-derived amount."""

    include_pay: bool = True
    currency: str = "EUR"

    def money(self, amount: float | None) -> str:
        """An amount with its currency, or '—' without pay."""
        return money(amount, self.currency) if self.include_pay and amount is not None else HIDDEN

    def _saved(self, text: str) -> str:
        return text if self.include_pay else _drop_amounts(text)

    # -- rows ------------------------------------------------------------------------------------------------------
    def assignment(self, a: Assignment) -> str:
        """'Ana Ruiz: MLOps 4 ≥ 3; on the team already; runner-up Ben Ode (MLOps 3) costs €4k more'."""
        if a.why is None:
            return self._saved(a.reason)
        why, head = a.why, a.person_name or a.person_id
        if why.by_hand_from is not None:
            return f"{head}: moved by hand from {role(why.by_hand_from)}"
        met = ", ".join(f"{_skill(s)} {s.has} ≥ {s.needs}" for s in why.met)
        head += f": {met}" if met else ""
        if why.training:
            steps = ", ".join(f"{s.skill_name or s.skill} {s.from_level}→{s.to_level} ({weeks(s.weeks)})"
                              for s in why.training)
            head += f"{'; ' if met else ': '}after training {steps}"
        parts = [head, _PINNED[a.pinned_by] if a.pinned else ""]
        if not a.moved:
            parts.append("on the team already")
        else:
            parts.append("moves in from " + (", ".join(why.moves_from) or "the wider pool"))
        parts.append(self._runner_up(why.runner_up) if why.runner_up else
                     "the only eligible person" if why.only_one else "")
        return "; ".join(p for p in parts if p)

    def _runner_up(self, r: RunnerUp, *, fit_decides: bool = True) -> str:
        """How the runner-up compares; `fit_decides`: against a person, so a runner-up no dearer lost on fit."""
        who = f"runner-up {r.person_name or r.person_id}"
        costlier = self.include_pay and r.extra_cost is not None and r.extra_cost > 0
        if r.training_weeks and (costlier or not r.needs_training):
            who += f" (after {weeks(r.training_weeks)} of training)"
        elif r.skill is not None:
            who += f" ({_skill(r.skill)} {r.skill.has})"
        if costlier:
            return f"{who} costs {self.money(r.extra_cost)} more"
        if r.needed_on:
            return f"{who} is needed on {roles(r.needed_on)}"
        if r.needs_training:
            return f"{who} would first need {weeks(r.training_weeks) + ' of ' if r.training_weeks else ''}training"
        if r.would_move:
            return f"{who} would have to move teams"
        # with pay the last word is the fit (cost did not decide); without pay it must not hint at cost either way
        return f"{who} fits less well" if self.include_pay and fit_decides else f"{who} was also considered"

    def training(self, t: Training) -> str:
        """'so Cara Lind can take MLOps engineer on Claims Triage; start by 2 Mar 2026'."""
        if t.why is None:
            return self._saved(t.reason)
        text = f"so {t.person_name or t.person_id} can take {' and '.join(role(r) for r in t.why.serves) or 'the plan'}"
        return text + (f"; start by {day(t.latest_start)}" if t.latest_start else "")

    def hire(self, h: Hire) -> str:
        """'nobody in the pool holds Change management ≥ 3; contract 1 head (3 weeks lead time); open …'."""
        if h.why is None:
            return self._saved(h.reason)
        w = h.why
        if w.case == "nobody_holds":
            start = f"nobody in the pool holds {_needs(w.skills, w.together)}"
        elif w.case == "no_free_time":
            start = (f"the only qualified person ({w.person_name or w.person_id}) has no free time" if w.count == 1
                     else f"the {w.count} qualified people have no free time")
            if w.free_from is not None:  # roster dates say when the soonest of them has the time
                start += (f" before {day(w.free_from)}" if w.count == 1 else
                          f" ({w.free_person_name or w.free_person_id} free from {day(w.free_from)})")
        elif w.case == "people":
            start = "; ".join(_person(p) for p in w.people)
        elif w.case in ("runner_up", "cheaper", "keeps_free"):  # the last two saved before runner-ups were kept
            start = self._runner_up(w.runner_up or RunnerUp(person_id=w.person_id, person_name=w.person_name,
                                                            extra_cost=w.saving), fit_decides=False)
        else:
            start = f"the {w.count} eligible {'person is' if w.count == 1 else 'people are'} fully used"
        heads = count(h.heads, "head")
        text = f"{start}; {h.kind} {heads} ({weeks(h.lead_time_weeks)} lead time)"
        return text + (f"; open the requisition by {day(h.latest_requisition)}" if h.latest_requisition
                       else "")

    def uncovered(self, u: Uncovered) -> str:
        """'nobody holds Change management ≥ 3; hiring is frozen; contractors are not allowed'."""
        if u.why is None:
            return self._saved(u.cause)
        said = [self.cause(c) for c in u.why.causes]
        return "; ".join(s for s in said if s) or "the search stopped before covering it"

    def cause(self, c: OpenCause) -> str:
        """One reason a role stays open."""
        if c.kind == "nobody_holds":
            return f"nobody holds {_needs(c.skills, c.together)}"
        if c.kind == "people":
            return "; ".join(_person(p) for p in c.people)
        if c.kind == "upskilling_off":
            return "upskilling is switched off for this initiative"
        if c.kind == "training_too_late":
            skill = f", {_skill(c.skill)} level {c.skill.has}" if c.skill is not None else ""
            return (f"the nearest ({c.person_name or c.person_id}{skill}) needs {weeks(c.weeks)} of training but "
                    f"{_when(c)}")
        if c.kind == "training_rejected":
            skill = f" in {_skill(c.skill)} ({c.skill.has}→{c.skill.needs})" if c.skill is not None else ""
            return f"{c.person_name or c.person_id}'s training{skill} was {_rejected(c.comment)}"
        if c.kind == "route":
            return self._route(c)
        if c.kind == "replan":
            if c.lifted == "hire_cap":
                return "without the hire cap a plan covers more of it"
            over = f" ({self.money(c.over)} over budget)" if self.include_pay and c.over else ""
            return f"without the budget limit a plan covers more of it{over}"
        return "the search stopped before covering it"

    def _route(self, c: OpenCause) -> str:
        over = f" by {self.money(c.over)}" if self.include_pay and c.over is not None else ""
        return _ROUTE[c.case or "over_budget"].format(noun="a hire" if c.route == "hire" else "a contractor",
                                                       cap=c.cap, weeks=weeks(c.weeks) if c.weeks is not None else "",
                                                       when=_when(c), over=over, rejected=_rejected(c.comment))


    # -- the plan as a whole -----------------------------------------------------------------------------------------
    def status(self, plan: Plan) -> str:
        """The status, honest about what was proven: 'optimal (proven best)', 'feasible: a valid plan, …'."""
        if plan.status == PlanStatus.INFEASIBLE:
            return "infeasible: the agreed decisions (pins, budget, caps) contradict each other"
        if plan.status == PlanStatus.NO_PLAN:
            return "no plan: the search stopped before finding one"
        left_out = _left_out(plan)
        if plan.status == PlanStatus.OPTIMAL:
            return f"optimal among the people considered ({left_out})" if left_out else "optimal (proven best)"
        # without pay not even the word: an output that promises no pay reads as one with nothing to hide
        names = LEVEL_LABELS if self.include_pay else {**LEVEL_LABELS, "cost": "Spending"}
        open_levels = " and ".join(names[lv.name].lower() for lv in plan.objective if not lv.proven)
        return ("feasible: a valid plan, not proven best" + (f" ({open_levels} may still improve)" if open_levels else "")
                + (f"; {left_out}" if left_out else ""))

    def status_short(self, plan: Plan) -> str:
        """The status in a table cell: 'optimal', 'optimal among the people considered', 'not proven best', …"""
        if plan.status == PlanStatus.OPTIMAL:
            return "optimal among the people considered" if _left_out(plan) else "optimal"
        if plan.status == PlanStatus.FEASIBLE:
            return "feasible, not proven best"
        return "infeasible" if plan.status == PlanStatus.INFEASIBLE else "no plan"

    def level(self, plan: Plan, lv: ObjectiveLevel) -> str:
        """One objective level in user terms: '0.75 FTE left open — proven the least possible'."""
        if lv.name == "cost":
            if not self.include_pay:
                return "hidden (no pay in this output)"
            if lv.proven:
                return f"{self.money(lv.value)} — proven the lowest possible"
            return f"{self.money(lv.value)}; the lowest possible is at least {self.money(lv.bound)} (not proven)"
        if lv.name == "uncovered":
            shown = f"{fte(plan.uncovered_fte)} FTE left open"
            return shown + (" — proven the least possible" if lv.proven else "; not proven the least possible")
        shown = count(plan.people_moved, "person moved", "people moved")
        return shown + (" — proven the fewest" if lv.proven else "; not proven the fewest")

    def summary(self, plan: Plan) -> str:
        """'Covers 4 of 4.75 FTE; costs €232k over 26 weeks; moves 3 people; 1 hire, 1 contractor, 2 trainings.'"""
        if plan.status in (PlanStatus.INFEASIBLE, PlanStatus.NO_PLAN):
            return ""
        horizon = plan.settings.get("horizon_weeks")
        cost = (f"costs {self.money(plan.total_cost)}{f' over {horizon} weeks' if horizon else ''}; "
                if self.include_pay else "")
        return (f"Covers {fte(plan.covered_fte)} of {fte(plan.required_fte)} FTE ({plan.coverage:.0%}); {cost}moves "
                f"{count(plan.people_moved, 'person', 'people')}; {count(plan.hired_heads, 'hire')}, "
                f"{count(plan.contracted_heads, 'contractor')}, {count(len(plan.trainings), 'training')}.")

    def message(self, plan: Plan) -> str:
        """What the plan says beside its figures, one line each: which plan it is, the summary, warnings."""
        if plan.notes is None:
            return self._saved(plan.message)
        first = [self.note(n) for n in plan.notes if n.kind == "alternative"]
        rest = [self.note(n) for n in plan.notes if n.kind != "alternative"]
        return "\n".join(line for line in (*first, self.summary(plan), *rest) if line)

    def note(self, note: PlanNote) -> str:
        """One line of the plan's message."""
        if note.kind == "bus_factor" and note.role is not None:
            return f"{role(note.role)} rests on fewer than two people (bus factor)"
        if note.kind == "conflicts":
            what = ", ".join(_conflict(c) for c in note.conflicts) or "the hard rules"
            return f"No plan satisfies the agreed decisions together: {what}."
        if note.kind == "explanations_skipped":
            return ("Causes of the open roles come from the plan itself: the re-plan with budgets and hire caps "
                    "lifted did not fit in the time limit.")
        if note.kind == "alternative":
            label = note.text or ALTERNATIVE_LABELS.get(note.alternative, "Alternative") + "."
            return label + (" The same decisions as the current plan." if note.same_as_current else "")
        return note.text

    def violation(self, v: Violation, names: Names) -> str:
        """One rule a (hand-edited) plan breaks, in names and FTE."""
        return violation(v, names, include_pay=self.include_pay, currency=self.currency)

    def progress(self, event: ProgressEvent) -> str:
        """One line while the solver runs: 'Coverage: 31.6 of 31.8 FTE, within 1% of the best possible · cost
        €1.75M · 3.1 s', or, when the event carries no plan figures, 'Cost: €1.75M, the lowest possible is at least
        €1.7M · 3.1 s'."""
        if event.required_units is not None and event.uncovered_units is not None and event.unit:
            return self._progress_in_fte(event)
        label, when = LEVEL_LABELS[_LEVELS.get(event.level, event.level)], f"{event.elapsed_s:.1f} s"
        proven = event.objective <= event.bound
        if event.level == "cost" and self.include_pay:
            best = "proven the lowest" if proven else f"the lowest possible is at least {self.money(event.bound)}"
            return f"{label}: {self.money(event.objective)}, {best} · {when}"
        if proven:
            return f"{label}: best possible found · {when}"
        gap = abs(event.objective - event.bound) / max(1.0, abs(event.objective))
        aim = {"uncovered": "least left open", "cost": "lowest cost", "disruption": "fewest moves"}[
            _LEVELS.get(event.level, event.level)]
        return (f"{label}: {count(event.solutions_found, 'plan')} found, within {gap:.0%} of the {aim} possible "
                f"· {when}")

    def _progress_in_fte(self, event: ProgressEvent) -> str:
        required, unit = event.required_units or 0, event.unit or 0.0
        covered = fte(round((required - (event.uncovered_units or 0)) * unit, 2))
        proven = event.objective <= event.bound
        gap = abs(event.objective - event.bound) / max(1.0, abs(event.objective))
        parts = [f"Coverage: {covered} of {fte(round(required * unit, 2))} FTE"]
        if event.level == "coverage":
            parts[0] += ", the most possible" if proven else ", looking for more"
        if event.level == "cost" and self.include_pay:
            parts.append(f"cost {self.money(event.objective)}, "
                         + ("the lowest possible" if proven else f"at least {self.money(event.bound)} possible"))
        elif event.level == "cost":
            parts.append("cost: the lowest possible" if proven else f"cost within {gap:.0%} of the lowest possible")
        elif self.include_pay and event.cost is not None:
            parts.append(f"cost {self.money(event.cost)}")
        if event.level == "disruption":
            parts.append("moves: the fewest possible" if proven else "looking for fewer moves")
        return " · ".join([*parts, f"{event.elapsed_s:.1f} s"])

    def first_line(self, plan: Plan) -> str:
        """The first line of the plan's message (for an alternative: which kind of plan it is)."""
        text = self.message(plan)
        return text.splitlines()[0] if text else ""


def worded(plan: Plan, words: Words) -> Plan:
    """A copy of the plan whose reasons, causes and message are sentences and whose facts are gone: what JSON
    outputs carry (and so, without pay, no pay-derived fact either)."""
    return plan.model_copy(update={
        "assignments": [a.model_copy(update={"reason": words.assignment(a), "why": None}) for a in plan.assignments],
        "trainings": [t.model_copy(update={"reason": words.training(t), "why": None}) for t in plan.trainings],
        "hires": [h.model_copy(update={"reason": words.hire(h), "why": None}) for h in plan.hires],
        "uncovered": [u.model_copy(update={"cause": words.uncovered(u), "why": None}) for u in plan.uncovered],
        "message": words.message(plan), "notes": None,
    })


#: The solver's level names → the plan's.
_LEVELS = {"coverage": "uncovered"}
#: Business names of the objective levels (their ids are the JSON's).
LEVEL_LABELS = {"uncovered": "Coverage", "cost": "Cost", "disruption": "Moves"}
ALTERNATIVE_LABELS = {"lowest_cost": "Lowest cost", "fewest_hires": "Fewest hires",
                      "most_internal_growth": "Most internal growth"}


def _left_out(plan: Plan) -> str:
    """'71 more people who could be trained in time for a role were not considered for it', or '' when nobody was
    left out. Each person left out leaves out at least one person–role pair, so the people are never more than the
    pairs (plans saved before people were counted apart hold only the pairs)."""
    pairs = int(plan.settings.get("pruning_trainable_dropped", 0) or 0)
    dropped = min(pairs, int(plan.settings.get("pruning_trainable_people_dropped", pairs) or 0))
    if not dropped:
        return ""
    return (f"{count(dropped, 'more person', 'more people')} who could be trained in time for a role "
            f"{'was' if dropped == 1 else 'were'} not considered for it")


def _conflict(c: Conflict) -> str:
    """'the pin of Ana Ruiz to MLOps engineer on Claims Triage at 0.5 FTE', 'the budget of Claims Triage'."""
    if c.rule == "pin":
        at = f" at {fte(c.fte)} FTE" if c.fte is not None else ""
        return f"the pin of {c.person_name or c.person_id} to {role(c.role) if c.role else 'a role'}{at}"
    if c.rule == "locked":
        return f"{c.person_name or c.person_id}'s work, locked as it is today"
    return f"the budget of {c.initiative_name or c.initiative}" if c.initiative else "the portfolio budget"


def _rejected(comment: str) -> str:
    """'rejected by an approver (no headcount this year)' (the read-back keeps NO_COMMENT when there was none)."""
    return reasons.NO_COMMENT + (f" ({comment})" if comment not in ("", reasons.NO_COMMENT) else "")


def _when(c: OpenCause) -> str:
    if c.go_live_weeks is not None:
        return f"go-live is in {weeks(c.go_live_weeks)}"
    return f"the plan looks {weeks(c.horizon_weeks)} ahead"


#: Why a route (hire or contract) is closed, by case.
_ROUTE = {
    "frozen": "hiring is frozen",
    "not_allowed": "contractors are not allowed",
    "rejected": "{noun} was {rejected}",
    "not_offered": "{noun} is not offered for this role",
    "cap_used": "the hire cap of {cap} is used up",
    "lead_time": "{noun} needs {weeks} but {when}",
    "over_budget": "{noun} would exceed the budget{over}",
}
#: Why a qualified person does not fill an open role, by state.
_PERSON = {
    "needed_on": "{name} is needed on {roles}",
    "no_free_time": "{name} has no more free time",
    "excluded": "{name}: excluded in this scenario",
    "unavailable": "{name}: marked unavailable in the roster",
    "no_capacity": "{name}: no free time (committed to {where})",
}


def _person(p: PersonWhy) -> str:
    where = ", ".join(f"{c.initiative} {fte(c.fte)} FTE{' ' + c.status if c.status else ''}"
                      + (f" until {day(c.until)}" if c.until else "") for c in p.commitments)
    text = _PERSON[p.state].format(name=p.person_name or p.person_id, roles=roles(p.needed_on),
                                   where=where or "nothing recorded")
    return text + (f"; free for it from {day(p.free_from)}" if p.free_from else "")

