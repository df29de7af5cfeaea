"""`phasegate gaps … --by month`: the initiative's gaps in each period of its roadmap, by failure mode."""
from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from pydantic import ValidationError

from app.cli.timeline_input import DEFAULT_SPAN, add_dated_arguments, emit, load_people, parse_day
from app.domain.initiatives import Initiative
from app.domain.roles import Phase
from app.domain.skills import FailureMode
from app.errors import NeedsAnswerError, UsageError
from app.planning.words.numbers import day
from app.timeline.period_gaps import GapTimeline


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--by, --gate, --portfolio, --start, --end and the dated-data files."""
    parser.add_argument("--by", choices=("week", "month", "quarter"),
                        help="gaps per period along the initiative's roadmap instead of one snapshot")
    parser.add_argument("--gate", action="append", default=[], metavar="PHASE=DATE",
                        help="the day a phase begins (repeatable), e.g. production=2027-03-01; without --by, free "
                             "time is counted over the target phase's window as the optimiser counts it")
    parser.add_argument("--portfolio", metavar="FILE", help="read the initiative's roadmap from this file")
    parser.add_argument("--start", metavar="DATE", help="first day (default today); without --by, the day the "
                                                        "window is counted from")
    parser.add_argument("--end", metavar="DATE", help="with --by: last day (default: 26 weeks on, or two months "
                                                      "past the last gate)")
    add_dated_arguments(parser)


def _gates(specs: list[str]) -> dict[Phase, object]:
    out = {}
    for spec in specs:
        phase, sep, when = spec.partition("=")
        try:
            key = Phase(phase.strip().lower())
        except ValueError:
            raise UsageError(f"--gate {spec}: unknown phase '{phase}'; choose one of: "
                             f"{', '.join(p.value for p in Phase)}") from None
        if not sep:
            raise UsageError(f"--gate {spec}: give PHASE=DATE, e.g. production=2027-03-01")
        out[key] = parse_day(when, f"--gate {phase}")
    return out


def initiative_of(args: argparse.Namespace, to_phase: Phase, from_phase: Phase | None, today, *,
                  need_gate: bool = True) -> Initiative:
    """The initiative with its roadmap (and policy) from --portfolio and --gate (--gate wins); with `need_gate`,
    asks for the target gate rather than guess it."""
    roadmap: dict = {}
    current, found = from_phase, None
    if args.portfolio:
        from app.project.portfolio_file import read_portfolio_file

        found = read_portfolio_file(args.portfolio, today=today).get(args.initiative)
        if found is None:
            raise UsageError(f"--portfolio: the file lists no initiative '{args.initiative}'", file=args.portfolio)
        roadmap.update(found.roadmap)
        current = current or found.current_phase
    roadmap.update(_gates(args.gate))
    if need_gate and to_phase not in roadmap:
        raise NeedsAnswerError(f"--by {args.by} needs the date of the {to_phase.value} gate (the go-live): pass "
                               f"--gate {to_phase.value}=YYYY-MM-DD, or --portfolio FILE with the initiative's "
                               "roadmap (phasegate schema portfolio)")
    order = list(Phase)
    current = current or order[max(0, order.index(to_phase) - 1)]
    extra = {"name": found.name, "policy": found.policy} if found is not None else {}
    try:
        return Initiative(id=args.initiative, current_phase=current, target_phase=to_phase, roadmap=roadmap, **extra)
    except ValidationError as exc:
        raise UsageError(f"--gate: {exc.errors()[0]['msg'].removeprefix('Value error, ')}") from None


def run_by_period(args: argparse.Namespace, *, to_phase: Phase, from_phase: Phase | None, templates) -> int:
    """Prints the gaps per period (or the GapTimeline as JSON)."""
    from datetime import date

    from app.timeline import capacity, make_grid
    from app.timeline.period_gaps import gap_timeline

    start = parse_day(args.start, "--start") or date.today()
    ini = initiative_of(args, to_phase, from_phase, start)
    last_gate = max(ini.roadmap.values())
    end = parse_day(args.end, "--end") or max(start + DEFAULT_SPAN[args.by], last_gate + timedelta(weeks=8))
    if end < start:
        raise UsageError(f"--end {end.isoformat()} comes before --start {start.isoformat()}")
    people, _ = load_people(args, templates.catalogue)
    if not any(c.initiative == ini.id for p in people for c in p.commitments):
        print(f"note: no one in the roster works on '{ini.id}' yet; every role is a gap", file=sys.stderr)
    timeline = gap_timeline(capacity(people, make_grid(start, end, by=args.by)), ini, templates)
    emit(timeline, as_json=args.json, lines=timeline_lines)
    return 0


def _fte(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def timeline_lines(timeline: GapTimeline) -> list[str]:
    """The gaps per period as text: one line per period, then the gap FTE per failure mode per period."""
    gates = ", ".join(f"{p.label} {day(d)}" for p, d in timeline.roadmap.items())
    lines = [f"{timeline.initiative}: gaps {timeline.by} by {timeline.by} (roadmap: {gates})",
             "a period shows the phase in force at its end; gap = need − what the team gives then; short = what "
             "stays open even if every qualified free person elsewhere joined", "",
             f"  {'period':<12} {'phase':<18} {'need':>6} {'team':>6} {'gap':>6} {'short':>6}  roles with a gap"]
    for p in timeline.periods:
        label = f"{p.start:%Y-%m}" if timeline.by == "month" else p.start.isoformat()
        open_roles = ", ".join(f"{r.name} {_fte(r.gap_fte)}" for r in p.roles if r.gap_fte > 0)
        lines.append(f"  {label:<12} {p.phase.label:<18} {_fte(p.required_fte):>6} {_fte(p.covered_fte):>6} "
                     f"{_fte(p.gap_fte):>6} {_fte(p.short_fte):>6}  {open_roles or '-'}")
    heads = [f"{p.start:%m-%d}" if timeline.by == "week" else f"{p.start:%Y-%m}"[2:] for p in timeline.periods]
    lines += ["", f"  {'Gap FTE by failure mode':<34} " + " ".join(f"{h:>5}" for h in heads)]
    for mode in FailureMode:
        values = [_fte(p.gap_by_mode.get(mode, 0.0)) for p in timeline.periods]
        lines.append(f"  {mode.label:<34} " + " ".join(f"{v:>5}" for v in values))
    return lines
