"""`phasegate availability ROSTER`: who is free when, after dated commitments and leave, and who rolls off soon."""
from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from app.cli.timeline_input import add_dated_arguments, emit, load_people, parse_skills, window
from app.errors import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the `availability` sub-command."""
    parser = subparsers.add_parser(
        "availability", help="who is free when: free FTE per person per week or month, and the bench",
        description="Free FTE per person and period: contracted time less leave and dated commitments, zero before "
                    "a start date and after a leaving date. Tentative commitments count as taken; what would be "
                    "free if they fell through is shown apart. The bench lists people whose commitments end soon. "
                    "Exit 0 on success (rejected rows of the dated files are listed on stderr), 1 when a dated file "
                    "holds nothing usable, 2 on a usage or file error.")
    parser.add_argument("roster", metavar="ROSTER", help="the roster file as HR sent it (its other sheets may "
                                                         "hold dated commitments or leave)")
    add_dated_arguments(parser)
    parser.add_argument("--from", dest="from_date", metavar="DATE", help="first day (YYYY-MM-DD; default today)")
    parser.add_argument("--to", dest="to_date", metavar="DATE",
                        help="last day (default: 12 weeks on by week, 26 by month, a year by quarter)")
    parser.add_argument("--by", choices=("week", "month", "quarter"), default="week",
                        help="period length (default week; periods are whole weeks from Monday, or whole months)")
    parser.add_argument("--skill", action="append", default=[], metavar="NAME[:MIN_LEVEL]",
                        help="list only people holding this skill (at least at this 1–5 level; repeatable)")
    parser.add_argument("--portfolio", metavar="FILE",
                        help="initiatives with their roadmaps: the bench then names the open roles each person "
                             "could fill")
    parser.add_argument("--bench-weeks", type=int, default=8, metavar="N",
                        help="the bench: people whose commitments end within N weeks of --from (default 8)")
    parser.add_argument("--sheet", help="roster sheet to read (default: the one that looks like a roster)")
    parser.add_argument("--header-row", type=int, metavar="N", help="1-based row of the roster header")
    parser.add_argument("--mapping", metavar="FILE", help="column mapping saved with 'phasegate check'")
    parser.add_argument("--library", metavar="DIR", help="org template library folder")
    parser.add_argument("--json", action="store_true",
                        help="print the report as JSON (phasegate schema availability)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Imports the roster and its dated data, and prints free FTE per person and period, then the bench."""
    from app.templates import load_phase_templates
    from app.timeline.availability import availability_report

    if not 0 <= args.bench_weeks <= 104:
        raise UsageError("--bench-weeks must be 0 to 104")
    start, end = window(args, args.by)
    templates = load_phase_templates(library=args.library)
    for problem in templates.problems:
        print(f"warning: {problem}", file=sys.stderr)
    skills = parse_skills(args.skill, templates.catalogue)
    people, sheets = load_people(args, templates.catalogue)
    demands = _demands(args, people, templates, start) if args.portfolio else []
    report = availability_report(people, start=start, end=end, by=args.by, skills=skills,
                                 catalogue=templates.catalogue, bench_weeks=args.bench_weeks, demands=demands,
                                 notes=[f"{s.file}, sheet '{s.sheet}': {s.counts.imported} {s.kind} row(s) read, "
                                        f"{s.counts.rejected} rejected, {s.counts.skipped} skipped" for s in sheets])
    from app.cli.availability_text import report_lines

    emit(report, as_json=args.json, lines=report_lines)
    return 0


def _demands(args: argparse.Namespace, people, templates, start) -> list:
    """The portfolio's open roles per month, from --from to a couple of months past the bench window."""
    from app.project.portfolio_file import read_portfolio_file
    from app.timeline import capacity, make_grid
    from app.timeline.period_gaps import gap_timeline, open_demands
    from app.timeline.snapshot import Snapshots

    portfolio = read_portfolio_file(args.portfolio, today=start)
    cap = capacity(people, make_grid(start, start + timedelta(weeks=args.bench_weeks + 8), by="month"))
    snapshots = Snapshots(cap)
    out = []
    for ini in portfolio.initiatives:
        out += open_demands(gap_timeline(cap, ini, templates, snapshots=snapshots), templates)
    return out
