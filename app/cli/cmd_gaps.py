"""`phasegate gaps ROSTER --initiative NAME --to PHASE`: what the next phase needs that the current team lacks.

Without --initiative on a roster that names no initiative, the whole roster is the team (as `plan` does).
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from app.cli.whole_roster import make_whole_roster_the_team
from app.domain.roles import Phase
from app.domain.skills import FailureMode
from app.errors import UsageError
from app.gaps.models import GapReport, RoleGap


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the `gaps` sub-command."""
    parser = subparsers.add_parser("gaps", help="skill gaps of an initiative moving to its next phase",
                                   description="Compare an initiative's current team with what the target phase "
                                               "needs: readiness per failure mode, roles with gaps, and who in the "
                                               "wider pool could fill them. Exit 0 on success, 1 when the roster "
                                               "holds no usable data, 2 on a usage or file error.")
    parser.add_argument("roster", metavar="ROSTER", help="the roster file as HR sent it")
    parser.add_argument("--initiative", metavar="NAME", help="initiative name as in the roster (omit when the roster "
                                                             "has no initiative column: the whole roster is the team)")
    parser.add_argument("--to", required=True, dest="to_phase", metavar="PHASE",
                        help="target phase: pilot, production or operations")
    parser.add_argument("--from", dest="from_phase", metavar="PHASE",
                        help="current phase (default: the phase before the target)")
    parser.add_argument("--sheet", help="sheet to read (default: the one that looks like a roster)")
    parser.add_argument("--header-row", type=int, metavar="N", help="1-based row of the header (default: detect)")
    parser.add_argument("--mapping", metavar="FILE", help="column mapping saved with 'phasegate check'")
    parser.add_argument("--library", metavar="DIR", help="org template library folder")
    parser.add_argument("--top", type=int, default=3, metavar="N", help="candidates shown per role (default 3)")
    parser.add_argument("--json", action="store_true", help="print the GapReport as JSON (phasegate schema gaps; "
                                                            "with --by: phasegate schema gaps-by-period)")
    from app.cli.gaps_by_period import add_arguments

    add_arguments(parser)
    parser.set_defaults(handler=run)


def _phase(text: str, flag: str) -> Phase:
    try:
        return Phase(text.strip().lower())
    except ValueError:
        raise UsageError(f"{flag}: unknown phase '{text}'; choose one of: "
                         f"{', '.join(p.value for p in Phase)}") from None


def run(args: argparse.Namespace) -> int:
    """Imports the roster, analyses the gaps and prints them for a delivery lead (or as JSON)."""
    from app.cli.gaps_by_period import initiative_of
    from app.cli.roster_input import read_roster
    from app.cli.timeline_input import lay_dated, parse_day
    from app.gaps import analyse_gaps
    from app.templates import load_phase_templates
    from app.templates.errors import did_you_mean
    from app.timeline.window_gaps import over_window

    to_phase = _phase(args.to_phase, "--to")
    from_phase = _phase(args.from_phase, "--from") if args.from_phase else None
    if args.top < 0:
        raise UsageError("--top must be 0 or more")
    templates = load_phase_templates(library=args.library)
    for problem in templates.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if args.by:
        from app.cli.gaps_by_period import run_by_period

        return run_by_period(args, to_phase=to_phase, from_phase=from_phase, templates=templates)
    result = read_roster(args.roster, catalogue=templates.catalogue, sheet=args.sheet, header_row=args.header_row,
                         mapping_file=args.mapping)
    people, _ = lay_dated(args, result.people, roster_sheet=result.sheet)
    names = list(dict.fromkeys(c.initiative for p in people for c in p.commitments))
    if args.initiative is None:
        if names:
            raise UsageError(f"--initiative is required: the roster names {len(names)} initiative(s) "
                             f"({', '.join(names[:5])})")
        args.initiative = make_whole_roster_the_team(people)
    elif args.initiative not in names:
        folded = {n.casefold(): n for n in names}
        if args.initiative.casefold() in folded:
            args.initiative = folded[args.initiative.casefold()]
        else:
            known = f"; initiatives in the roster: {', '.join(names[:8])}" if names else "; the roster has none"
            raise UsageError(f"--initiative: no one in the roster works on '{args.initiative}'"
                             f"{did_you_mean(args.initiative, names) if names else ''}{known}")
    today = parse_day(args.start, "--start") or date.today()
    initiative = initiative_of(args, to_phase, from_phase, today, need_gate=False)
    seen, window = over_window(people, initiative, today=today)
    report = analyse_gaps(seen, initiative=args.initiative, to_phase=to_phase, from_phase=initiative.current_phase,
                          templates=templates, top_n=args.top, window=window)
    if args.json:
        json.dump(report.model_dump(mode="json"), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print("\n".join(report_lines(report, name_of=templates.catalogue.name_of)))
    return 0


def _fte(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def report_lines(report: GapReport, *, name_of=lambda s: s) -> list[str]:
    """The gap report as text: readiness per failure mode, then roles with gaps and their best candidates."""
    team_fte = sum(m.team_fte for m in report.team)
    window = report.capacity_window
    lines = [
        f"{report.initiative}: {report.from_phase.label} → {report.to_phase.label}",
        *([f"{window.words[:1].upper()}{window.words[1:]}; each person's free time is the least they have in "
           "any week of it, as the optimiser counts it."] if window else []),
        f"Team{' over the window' if window else ' today'}: {len(report.team)} "
        f"{'person' if len(report.team) == 1 else 'people'}, {_fte(team_fte)} FTE.  Target phase needs {_fte(report.required_fte)}"
        f" FTE; the team covers {_fte(report.covered_fte)}, gap {_fte(report.gap_fte)} FTE.",
        "",
        "Readiness by failure mode (criticality-weighted share of required FTE covered)",
        f"  {'Failure mode':<34} {'Ready':>6}  Roles guarding it",
    ]
    for mode in FailureMode:
        guards = [r.name for r in report.roles if mode in r.failure_modes]
        value = report.readiness.get(mode, 100.0)
        bar = "#" * round(value / 10)
        lines.append(f"  {mode.label:<34} {value:>5.0f}%  {bar:<10} {', '.join(guards) if guards else '(none)'}")
    if report.added_roles:
        names = {r.role: r.name for r in report.roles}
        lines += ["", f"The {report.to_phase.label.lower()} phase adds: "
                  + ", ".join(names.get(r, r) for r in report.added_roles)]
    open_roles = sorted((r for r in report.roles if r.gap_fte > 0), key=lambda r: (-r.criticality, r.role))
    lines += ["", "Roles with gaps (most critical first)" if open_roles else "No role has a gap."]
    for role in open_roles:
        lines += _role_lines(role, name_of)
    return lines


def _pool_fte(role: RoleGap) -> str:
    """', 0.3 FTE usable of 2.5 free (up to 0.1 FTE per person)': the capped figure named as such."""
    if not role.pool_people:
        return ""
    if role.pool_free_fte <= role.pool_fte + 1e-9:
        return f", {_fte(role.pool_fte)} FTE free"
    return (f", {_fte(role.pool_fte)} FTE usable of {_fte(role.pool_free_fte)} free "
            f"(up to {_fte(role.per_head_fte)} FTE per person)")


def _role_lines(role: RoleGap, name_of) -> list[str]:
    tags = ", ".join(t for t in ("new" if role.added else "", "ops-critical" if role.ops_critical else "",
                                 f"criticality {role.criticality}") if t)
    out = ["", f"  {role.name} [{tags}]",
           f"    need {_fte(role.required_fte)} FTE, team covers {_fte(role.team_fte)}, gap {_fte(role.gap_fte)}; "
           f"pool: {role.pool_people} qualified {'person' if role.pool_people == 1 else 'people'} elsewhere"
           + _pool_fte(role)]
    short = [s for s in role.skills if s.gap_fte > 0]
    if short:
        out.append("    team FTE at level: " + ", ".join(
            f"{s.name} ≥{s.min_level} {_fte(s.team_fte)}/{_fte(s.required_fte)}"
            + ("" if s.team_fte else f" (best on team: {s.best_team_level})") for s in short))
    for c in role.full_matches:
        where = "already on the team" if c.on_team else "elsewhere"
        out.append(f"    full match: {c.name} ({_fte(c.available_fte)} FTE available, {where})")
    for c in role.alternatives:
        gaps = "; ".join(f"{m.name or name_of(m.skill)} {m.have}→{m.need} ≈ {m.training_weeks:g} wk"
                         + (f" via {name_of(m.via)}" if m.via else "") for m in c.missing)
        out.append(f"    near match: {c.name} ({c.score:.0f}% match, {_fte(c.available_fte)} FTE available): {gaps}")
    if not role.full_matches and not role.alternatives:
        out.append("    no internal candidate: hire or contract")
    return out
