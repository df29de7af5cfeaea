"""Approvers' decisions where planning meets them: a rejected or capped hire or contract applied where
the instance is built and checked on the plan after (`unhonoured`), and approved FTE checked against each person's
time (`pins_over_capacity`)."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from app.domain.initiatives import Initiative, Policy
from app.domain.people import CommitmentStatus, Person
from app.domain.plans import Pin, Plan, SourcingLimit, TrainingRejection
from app.planning.prepared import free_fte, to_units
from app.planning.words.numbers import count
from app.planning.words.numbers import fte as fte_text
from app.timeline.window import WindowCapacity, target_window, why_not_free
from solver import schema as s

_ROUTE = {"hire": "hiring", "contract": "contracting"}


def close_routes(limits: list[SourcingLimit], *, demands: list[s.Demand], unit: float) -> None:
    """Closes or caps the hire and contract routes the approvers rejected or limited, in place (a rejected training
    is the bridge's: the trainee becomes a near miss, `bridge._sort_candidates`)."""
    by_demand = {(d.initiative, d.role): d for d in demands}
    for limit in limits:
        demand = by_demand.get((limit.initiative, limit.role))
        route = None if demand is None else getattr(demand, limit.kind)
        if route is None:
            continue
        if limit.rejected:
            route.allowed = False
        else:
            cap = to_units(limit.max_fte, unit)
            route.max_units = cap if route.max_units is None else min(route.max_units, cap)


def unhonoured(plan: Plan, *, limits: list[SourcingLimit], trainings: list[TrainingRejection],
               initiative_names: Mapping[str, str] | None = None) -> list[str]:
    """Each approver's no that the plan does not keep, in words (empty when the plan keeps them all); roles and
    skills by the plan's names, initiatives by `initiative_names` (the project's names now; else their ids)."""
    out = []
    for limit in limits:
        used = limit.used_in(plan)
        if used > limit.max_fte + 1e-6:
            row = next(h for h in plan.hires if (h.initiative, h.role, h.kind) == (limit.initiative, limit.role,
                                                                                  limit.kind))
            where = (f"{row.role_name or limit.role} in "
                     f"{(initiative_names or {}).get(limit.initiative, limit.initiative)}")
            what = (f"{_ROUTE[limit.kind]} for {where} was rejected" if limit.rejected
                    else f"{_ROUTE[limit.kind]} for {where} was limited to {fte_text(limit.max_fte)} FTE")
            out.append(f"{what}, but the plan still {'hires' if limit.kind == 'hire' else 'contracts'} "
                       f"{fte_text(used)} FTE there")
    refused = {(t.person_id, t.skill) for t in trainings}
    for t in plan.trainings:
        if (t.person_id, t.skill) in refused:
            out.append(f"the training of {t.person_name or t.person_id} in {t.skill_name or t.skill} was rejected, "
                       "but the plan still relies on it")
    return out


def rejections_words(*, limits: list[SourcingLimit], trainings: list[TrainingRejection]) -> str:
    """'approvers rejected 1 hire or contract and 2 trainings' ('' when they rejected and limited nothing)."""
    rejected = sum(1 for s in limits if s.rejected)
    said = [count(n, one, many) for n, one, many in ((rejected, "hire or contract", "hires or contracts"),
                                                     (len(trainings), "training", "trainings")) if n]
    limited = len(limits) - rejected
    parts = ([f"rejected {' and '.join(said)}"] if said else []) + (
        [f"limited {count(limited, 'hire or contract', 'hires or contracts')} to a lower FTE"] if limited else [])
    return f"approvers {' and '.join(parts)}" if parts else ""


def pins_over_capacity(pins: list[Pin], *, people: dict[str, Person], initiatives: list[Initiative],
                       policy: Policy, role_names: dict[str, str] | None = None, today: date | None = None,
                       initiative_names: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each person whose pinned FTE exceeds the time they have for the initiatives planned: person id → words.

    A person with dates that matter in the target phases' window gets the figure the optimiser uses there (the
    least free FTE over the window, app/timeline/window.py), and the words say when and why; others keep the
    undated figure (contract less the commitments elsewhere). Initiatives outside the plan are named by
    `initiative_names` (the project's names; else their ids).
    """
    scope = {ini.id for ini in initiatives}
    names = {**(initiative_names or {}), **{ini.id: ini.name for ini in initiatives}}
    lead, roster = policy, people
    by_person: dict[str, list[Pin]] = {}
    for pin in pins:
        if pin.fte is not None and pin.person_id in roster:
            by_person.setdefault(pin.person_id, []).append(pin)
    first, last = target_window(initiatives, today=today or date.today(), horizon_weeks=lead.horizon_weeks)
    window = WindowCapacity([roster[pid] for pid in by_person], first=first, last=last, exclude=scope)
    out: dict[str, str] = {}
    for pid, mine in by_person.items():
        person = roster[pid]
        free = sum(free_fte(person, scope, lead, window)) if person.available else 0.0
        asked = sum(p.fte for p in mine)
        if asked <= free + 1e-6:
            continue
        what = "; ".join(f"{names.get(p.initiative, p.initiative)} / {(role_names or {}).get(p.role, p.role)} "
                         f"{fte_text(p.fte)} FTE" for p in mine)
        if not person.available:
            why = "the roster marks them unavailable"
        elif window.dated(person):
            why = f"they have {why_not_free(person, window, initiative=mine[0].initiative, need=asked, least=free)}"
        else:  # the commitments elsewhere that free_fte counted against their time
            held = ", ".join(f"{fte_text(c.fte)} FTE to {names.get(c.initiative, c.initiative)}"
                             for c in person.commitments if c.initiative not in scope
                             and (c.status == CommitmentStatus.CONFIRMED or not lead.displace_tentative))
            why = (f"they work {fte_text(person.fte)} FTE" + (f" and are committed {held}" if held else "")
                   + f", so {fte_text(free)} FTE is free")
        out[pid] = (f"{person.name} ({pid}) is approved for {fte_text(asked)} FTE ({what}), but {why}; lower the "
                    "FTE in the workbook or free their time")
    return out
