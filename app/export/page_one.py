"""Page 1 of the approvers' workbook: the ask — what to approve and by when, cost against budget, headcount, risks.

Counts and costs that depend on approvers' choices are formulas over the decision sheets' Approval column, saved
with their values at export (nothing approved yet), so they follow the approvers as they work.
"""
from __future__ import annotations

from app.export.ask import ROLLS_OFF, TOP_DUE, Ask
from app.export.report import PlanReport
from app.export.sheet import HIGHLIGHT, SheetWriter, data_range
from app.export.tables import APPROVAL, COST, FTE, INTERNAL_COST, KIND_LABELS, Table, pinned_counts
from app.planning.words.numbers import day

#: Page 1's columns: a label column, then seven of figures (the headcount uses all seven); printed portrait, one
#: page wide.
WIDTHS = [34, 12, 12, 12, 12, 12, 12, 10]
_INITIATIVE = {"Assignments": "New initiative", "Upskilling": "Initiative", "Hiring": "Initiative"}
_COST = {"Assignments": INTERNAL_COST, "Upskilling": COST, "Hiring": COST}


def _q(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _count_if(table: Table, word: str, *, extra: tuple[str, str] | None = None) -> str | None:
    approval = data_range(table, APPROVAL)
    if approval is None:
        return None
    if extra is None:
        return f"COUNTIF({approval},{_q(word)})"
    return f"COUNTIFS({approval},{_q(word)},{data_range(table, extra[0])},{_q(extra[1])})"


def _sum_ifs(table: Table, initiative: str, word: str | None) -> str | None:
    cost, where = data_range(table, _COST[table.sheet]), data_range(table, _INITIATIVE[table.sheet])
    if cost is None or where is None:
        return None
    if word is None:
        return f"SUMIFS({cost},{where},{_q(initiative)})"
    return f"SUMIFS({cost},{where},{_q(initiative)},{data_range(table, APPROVAL)},{_q(word)})"


def _plus(parts: list[str | None]) -> str:
    found = [p for p in parts if p]
    return "=" + ("+".join(found) if found else "0")


def write_the_ask(w: SheetWriter, report: PlanReport, ask: Ask, tables: dict[str, Table], *,
                  include_pay: bool) -> None:
    """Writes page 1 from row 3 on (the title rows are the caller's)."""
    _approve(w, report, ask, tables, include_pay=include_pay)
    _due(w, report, ask)
    _cost(w, ask, tables, include_pay=include_pay)
    _headcount(w, ask)
    _risks(w, ask)


def _approve(w: SheetWriter, report: PlanReport, ask: Ask, tables: dict[str, Table], *, include_pay: bool) -> None:
    plan = report.plan
    w.section("What you are asked to approve")
    heads = ["Decision", "Rows", "People", "FTE"] + (["Cost"] if include_pay else []) + ["Approved so far",
                                                                                          "Rejected so far"]
    w.header(heads)
    hires = [h for h in plan.hires if h.kind == "hire"]
    contracts = [h for h in plan.hires if h.kind == "contract"]
    lines = [
        ("Assignments (people placed)", tables["Assignments"], None, len(plan.assignments),
         len({a.person_id for a in plan.assignments}), sum(a.fte for a in plan.assignments),
         sum(a.cost or 0 for a in plan.assignments)),
        ("Trainings", tables["Upskilling"], None, len(plan.trainings), len({t.person_id for t in plan.trainings}),
         None, sum(t.cost for t in plan.trainings)),
        ("Permanent hires", tables["Hiring"], KIND_LABELS["hire"], len(hires), sum(h.heads for h in hires),
         sum(h.fte for h in hires), sum(h.cost for h in hires)),
        ("Contractors", tables["Hiring"], KIND_LABELS["contract"], len(contracts), sum(h.heads for h in contracts),
         sum(h.fte for h in contracts), sum(h.cost for h in contracts)),
    ]
    for label, table, kind, rows, people, fte, cost in lines:
        r = w.append([label, rows, people, fte], kinds=["text", "int", "int", "fte"])
        col = 5
        if include_pay:
            w.put(r, col, cost, kind="money")
            col += 1
        for word in ("Approved", "Rejected"):
            extra = ("Hire or contract", kind) if kind else None
            text = _count_if(table, word, extra=extra)
            value = table.total(None, **{APPROVAL: word, **({extra[0]: extra[1]} if extra else {})})
            w.formula(r, col, f"={text}" if text else "=0", value, kind="int")
            col += 1
    lead, approved = pinned_counts(report)
    if lead or approved:
        said = []
        if lead:
            said.append(f"{_assignments(lead)} pinned by the delivery lead {'is' if lead == 1 else 'are'} Proposed "
                        "like the others: approve or reject them too")
        if approved:
            said.append(f"{_assignments(approved)} approved in an earlier round "
                        f"{'is' if approved == 1 else 'are'} already Approved (sheet 'Decided earlier')")
        w.note("; ".join(said) + ".", span=len(WIDTHS))
    when = day(ask.decide_by) if ask.decide_by else "no date"
    w.note(f"Decide by {when}: {ask.decide_by_why}.", span=len(WIDTHS), bold=True)


def _due(w: SheetWriter, report: PlanReport, ask: Ask) -> None:
    w.section(f"Requisitions due in the next two weeks (by {day(ask.due_by)})")
    if not ask.due_soon:
        w.note("None: no requisition has to open before then.", span=len(WIDTHS))
        return
    w.header(["Initiative / role", "Hire or contract", "Heads", FTE, "Latest requisition", "Lead time (weeks)"])
    for h in ask.due_soon[:TOP_DUE]:
        what = f"{report.initiative_name(h.initiative)} / {h.role_name or h.role}"
        row = w.append([what, KIND_LABELS[h.kind], h.heads, h.fte, h.latest_requisition, h.lead_time_weeks],
                       kinds=["wrap", "text", "int", "fte", "date", "int"], fill=HIGHLIGHT)
        w.fit_height(row, {1: what})
    if len(ask.due_soon) > TOP_DUE:
        w.note(f"… and {len(ask.due_soon) - TOP_DUE} more, highlighted on sheet 'Hiring'.", span=len(WIDTHS))


def _assumed(w: SheetWriter, r: int, f) -> None:
    """An assumed go-live reads '2027-06-05 (assumed)' in the Go-live column."""
    if f.go_live_assumed:
        text = f"{day(f.go_live)} (assumed)" if f.go_live else "assumed"
        w.put(r, 2, text, kind="wrap")
        w.fit_height(r, {2: text})


def _cost(w: SheetWriter, ask: Ask, tables: dict[str, Table], *, include_pay: bool) -> None:
    weeks = "/".join(str(h) for h in ask.horizon_weeks)
    if not include_pay:
        w.section("Initiatives and go-live")
        w.header(["Initiative", "Go-live"])
        for f in ask.initiatives:
            r = w.append([f.name, f.go_live or "not set"], kinds=["text", "date" if f.go_live else "text"])
            _assumed(w, r, f)
        w.note("Every amount of money is left out of this copy.", span=len(WIDTHS))
        return
    w.section(f"Cost over the {weeks}-week horizon (to {day(ask.horizon_end)}) against budget")
    w.header(["Initiative", "Go-live", "Budget", "Plan cost", "Approved so far", "Rejected so far", "Budget left"])
    first = w.row + 1
    decided = {"Approved": 0.0, "Rejected": 0.0}  # the saved values of the approval columns' totals
    for f in ask.initiatives:
        r = w.append([f.name, f.go_live, f.budget], kinds=["text", "date", "money"])
        _assumed(w, r, f)
        w.formula(r, 4, _plus([_sum_ifs(tables[s], f.name, None) for s in _INITIATIVE]), f.cost, kind="money")
        for col, word in ((5, "Approved"), (6, "Rejected")):
            value = sum(tables[s].total(_COST[s], **{_INITIATIVE[s]: f.name, APPROVAL: word}) for s in _INITIATIVE)
            decided[word] += value
            w.formula(r, col, _plus([_sum_ifs(tables[s], f.name, word) for s in _INITIATIVE]), value, kind="money")
        if f.budget is not None:
            w.formula(r, 7, f"=C{r}-D{r}", f.budget - f.cost, kind="money")
    last = w.row
    r = w.append(["Other: displaced tentative work elsewhere"])
    w.put(r, 4, ask.other_cost, kind="money")
    total = sum(f.cost for f in ask.initiatives) + ask.other_cost
    r = w.append(["Portfolio"], bold=True)
    budget = ask.portfolio_budget
    w.put(r, 3, budget, kind="money", bold=True)
    w.formula(r, 4, f"=SUM(D{first}:D{r - 1})", total, kind="money", bold=True)
    for col, word in ((5, "Approved"), (6, "Rejected")):
        letter = "E" if col == 5 else "F"
        w.formula(r, col, f"=SUM({letter}{first}:{letter}{last})", decided[word], kind="money", bold=True)
    if budget is not None:
        w.formula(r, 7, f"=C{r}-D{r}", budget - total, kind="money", bold=True)
    heads = f"{ask.run_rate_heads} head{'' if ask.run_rate_heads == 1 else 's'}"
    if ask.run_rate_full_time is None:
        w.append([f"Permanent hires' run-rate ({heads}), a year"], bold=True)
        w.put(w.row, 4, ask.run_rate if ask.run_rate is not None else "not recorded", kind="money", bold=True)
        return
    w.append([f"Hires' run-rate a year, at the plan's {ask.run_rate_fte:g} FTE"], bold=True)
    w.put(w.row, 4, ask.run_rate, kind="money", bold=True)
    w.append([f"… if the {heads} are hired full time"], bold=True)
    w.put(w.row, 4, ask.run_rate_full_time, kind="money", bold=True)
    w.note(f"The plan hires {heads} for {ask.run_rate_fte:g} FTE: part-time contracts, or the rest of their time "
           "goes to other work. Sheet 'Hiring' gives FTE and heads per role.", span=len(WIDTHS))


def _headcount(w: SheetWriter, ask: Ask) -> None:
    w.section("Headcount: people on each initiative before and after the plan")
    # every row adds up: today + joining − released − rolling off + hires + contractors = after
    w.header(["Initiative", "Team today", "Joining", "Released", "Rolling off", "Hires", "Contractors", "Team after"])
    for f in ask.initiatives:
        w.append([f.name, f.team_today, f.joining, f.released, f.rolls_off, f.hire_heads, f.contract_heads,
                  f.team_after], kinds=["text"] + ["int"] * 7)
    released = sum(1 for c in ask.changes if c.change == "released")
    backfill = sum(1 for c in ask.changes if c.backfill)
    rolls = sum(1 for c in ask.changes if c.change == ROLLS_OFF)
    later = (f"; {rolls} more {'person rolls' if rolls == 1 else 'people roll'} off before the gate anyway, as the "
             "roster dates say") if rolls else ""
    w.note(f"{_people(released)} released from a team the plan no longer uses them on{later}; {_people(backfill)} "
           "moving in leave other work that needs a backfill. Names and managers: sheet 'Team changes'.",
           span=len(WIDTHS))


def _assignments(n: int) -> str:
    return f"{n} assignment" if n == 1 else f"{n} assignments"


def _people(n: int) -> str:
    return f"{n} person" if n == 1 else f"{n} people"


def _risks(w: SheetWriter, ask: Ask) -> None:
    w.section("Top risks")
    if not ask.risks:
        w.note("None found: no contractor-reliant role, no training without slack, nobody split across "
               "initiatives, nothing uncovered.")
        return
    last = len(WIDTHS) - 1
    w.header(["Risk", "About", "", "Detail"] + [""] * (last - 3))
    w.ws.merge_range(w.row - 1, 1, w.row - 1, 2, "About", w.formats.get(style="header"))
    w.ws.merge_range(w.row - 1, 3, w.row - 1, last, "Detail", w.formats.get(style="header"))
    for risk in ask.risks:
        r = w.append([risk.kind])
        w.ws.merge_range(r - 1, 1, r - 1, 2, risk.subject, w.formats.get("wrap"))
        w.ws.merge_range(r - 1, 3, r - 1, last, risk.detail, w.formats.get("wrap"))
        w.fit_merged(r, [(2, 3, risk.subject), (4, last + 1, risk.detail)])
    if ask.more_risks:
        w.note("… and " + ", ".join(f"{n} more '{kind}'" for kind, n in ask.more_risks.items())
               + " in the sheets.", span=len(WIDTHS))
