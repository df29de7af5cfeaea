"""The validator's violations in a delivery lead's words: names instead of ids, FTE instead of units."""
from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain.reasons import RoleRef
from app.planning.words.numbers import count, fte, money, role

if TYPE_CHECKING:  # the validator loads the solver's model; the words need only its facts
    from solver.validate import Violation


@dataclass(frozen=True)
class Names:
    """How the words name the solver's ids: people, demands (as roles), initiatives, and units as FTE; and which
    routes (demand, 'hire' or 'contract') the approvers rejected, which the solver knows only as not offered."""

    person: Callable[[str], str]
    demand: Callable[[str], RoleRef]
    initiative: Callable[[str], str]
    fte: Callable[[int], float]
    rejected: Collection[tuple[str, str]] = ()


#: (rule, case) → sentence. Fields: who, what (the role on its initiative), ini, and for each number `n` of the
#: violation n (as is), n_fte (units as FTE) and n_money (with pay only), plus over_money (spend − budget).
SENTENCES = {
    ("references", "unknown_person"): "employee id '{person}' is not in the roster",
    ("references", "duplicate"): "{who} is listed twice on {what}",
    ("references", "unknown_demand"): "a row names a role this scenario does not plan ({demand})",
    ("eligibility", ""): "{who} is not qualified (nor trainable in time) for {what}",
    ("no_slivers", ""): "{who} gives {what} {units_fte}, below the minimum of {minimum_fte}",
    ("capacity", "pair_cap"): "{who} can give {what} at most {cap_fte}",
    ("capacity", "displaced"): "{who} has only {displaceable_fte} of tentative commitments that could give way",
    ("capacity", "displaced:none"): "{who} has no tentative commitments that could give way",
    ("capacity", "over"): "{who} is given {units_fte} but has only {available_fte} free",
    ("max_roles", ""): "{who} holds {roles} roles, more than the maximum of {maximum}",
    ("exclusive_roles", ""): "{who} is on {what}, which cannot be shared, and on other roles too",
    ("coverage", "over"): "{what} receives {units_fte} but needs only {required_fte}",
    ("coverage", "unlisted"): "{what} is {short_fte} short but the plan lists {listed_fte} uncovered",
    ("sourcing_heads", "hire"): "hiring {heads_people} cannot supply {units_fte} on {what}",
    ("sourcing_heads", "contract"): "{heads_contractors} cannot supply {units_fte} on {what}",
    ("sourcing_policy", "hire:route_cap"): "{what} can take at most {cap_fte} of hires",
    ("sourcing_policy", "contract:route_cap"): "{what} can take at most {cap_fte} of contractors",
    ("sourcing_policy", "hire:not_offered"): "Hiring for {what} is not offered for this role",
    ("sourcing_policy", "hire:rejected"): "the approvers rejected hiring for {what}",
    ("sourcing_policy", "hire:hiring_freeze"): "Hiring for {what} is blocked by the hiring freeze",
    ("sourcing_policy", "hire:hire_cap"): "Hiring for {what} is blocked: the hire cap is zero",
    ("sourcing_policy", "hire:hire_lead_time"): "Hiring for {what} cannot start before go-live (lead time too long)",
    ("sourcing_policy", "contract:not_offered"): "A contractor for {what} is not offered for this role",
    ("sourcing_policy", "contract:rejected"): "the approvers rejected a contractor for {what}",
    ("sourcing_policy", "contract:no_contractors"): "A contractor for {what} is not allowed: the initiative takes "
                                                    "no contractors",
    ("sourcing_policy", "contract:contract_lead_time"): "A contractor for {what} cannot start before go-live (lead "
                                                        "time too long)",
    ("hire_caps", ""): "{ini} hires {hires}, above its cap of {cap}",
    ("hire_caps", "portfolio"): "the plan hires {hires}, above the cap of {cap}",
    ("training_prerequisite", ""): "{who} needs training before taking {what}",
    ("training_in_time", "too_long"): "{who}'s training for {what} does not finish before go-live",
    ("training_in_time", "not_allowed"): "{ini} does not allow upskilling, which {who} would need for {what}",
    ("budgets", ""): "{ini} spends {spend_money}, over its budget of {budget_money} by {over_money}",
    ("budgets", "portfolio"): "the plan spends {spend_money}, over the portfolio budget by {over_money}",
    ("budgets", "no pay"): "{ini} spends more than its budget",
    ("budgets", "portfolio, no pay"): "the plan spends more than the portfolio budget",
    ("pins", "missing"): "{who} is pinned to {what} but not placed there",
    ("pins", "units"): "{who} is pinned to {what} at {pinned_fte}, the plan gives {units_fte}",
    ("exclusions", ""): "{who} is excluded from {what}",
    ("locked", ""): "{who} is locked but the plan changes their allocations",
    ("bus_factor", ""): "{what} rests on {people_people} but the plan does not report the bus-factor shortfall",
    ("moves", "marked"): "{who} is marked as moving in to {what} but is on its team already",
    ("moves", "unmarked"): "{who} moves in to {what} but is not marked as moving",
    ("newcomer_pairing", ""): "newcomers on {what} have no one from the team to pair with",
    ("objective", "coverage"): "the plan claims a coverage score of {claimed}, but it is {actual}",
    ("objective", "disruption"): "the plan claims a disruption score of {claimed}, but it is {actual}",
    ("objective", "cost"): "the plan claims a total cost of {claimed_money}, but it is {actual_money}",
    ("objective", "total_cost"): "the plan claims a total cost of {claimed_money}, but it is {actual_money}",
    ("objective", "cost, no pay"): "the plan's total cost is not what it claims",
    ("objective", "total_cost, no pay"): "the plan's total cost is not what it claims",
}


def _case(v: Violation, names: Names, include_pay: bool) -> str:
    """The key of the sentence: the violation's case, refined where the words differ."""
    case = v.case
    kind, _, why = case.partition(":")
    if v.rule == "sourcing_policy" and why == "not_offered" and (v.demand, kind) in names.rejected:
        case = f"{kind}:rejected"
    if v.rule in ("budgets", "hire_caps") and v.initiative == "portfolio":
        case = "portfolio"
    if v.rule == "capacity" and case == "displaced" and not v.numbers.get("displaceable"):
        case = "displaced:none"
    if not include_pay and (v.rule, case) in (("budgets", ""), ("budgets", "portfolio"), ("objective", "cost"),
                                               ("objective", "total_cost")):
        case = f"{case}, no pay" if case else "no pay"
    return case


def violation(v: Violation, names: Names, *, include_pay: bool = True, currency: str = "EUR") -> str:
    """One broken rule as one sentence ('Ben Ode is given 1 FTE but has only 0.5 FTE free')."""
    fields: dict[str, object] = {
        "person": v.person or "", "demand": v.demand or "",
        "who": names.person(v.person) if v.person else "",
        "what": role(names.demand(v.demand)) if v.demand else "",
        "ini": names.initiative(v.initiative) if v.initiative and v.initiative != "portfolio" else "the portfolio",
    }
    for key, n in v.numbers.items():
        fields |= {key: n, f"{key}_fte": f"{fte(names.fte(n))} FTE", f"{key}_people": count(n, "person", "people"),
                   f"{key}_contractors": count(n, "contractor")}
        if include_pay:
            fields[f"{key}_money"] = money(n, currency)
    if include_pay and {"spend", "budget"} <= set(v.numbers):
        fields["over_money"] = money(v.numbers["spend"] - v.numbers["budget"], currency)
    sentence = SENTENCES.get((v.rule, _case(v, names, include_pay)))
    return sentence.format(**fields) if sentence else f"the plan breaks the rule '{v.rule}'"
