"""`phasegate new ROSTER -o PROJECT.phasegate`: a project from a roster, one initiative per name in its column."""
from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from app.errors import UsageError
from app.planning.words.numbers import day


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the `new` sub-command."""
    p = subparsers.add_parser(
        "new", help="a project file from an HR roster, with its initiatives",
        description="Import a roster and write a project file. Every name in the roster's initiative (project) "
                    "column becomes an initiative with default phases (pilot → production) and policy, to review in "
                    "the window or to set with --portfolio. Exit 0 when written, 1 when the roster holds no usable "
                    "data, 2 on a usage or file error.")
    p.add_argument("roster", metavar="ROSTER", help="roster file as HR sent it (xlsx, xlsm, ods, xls, csv)")
    p.add_argument("-o", "--output", metavar="PROJECT", required=True, help="project file to write (.phasegate)")
    p.add_argument("--mapping", metavar="FILE", help="column mapping saved with 'phasegate check --save-mapping'")
    p.add_argument("--portfolio", metavar="FILE", help="initiatives' phases, go-live, budget and policy (YAML/JSON; "
                                                       "see 'phasegate schema portfolio'); names it lacks come "
                                                       "from the roster with defaults")
    p.add_argument("--sheet", help="roster sheet to read (default: detect)")
    p.add_argument("--header-row", type=int, metavar="N", help="1-based header row (default: detect)")
    p.add_argument("--name", help="project name (default: the roster file's name)")
    p.add_argument("--force", action="store_true", help="overwrite an existing project file")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Imports the roster, builds the project and writes it; prints what was created and what to review."""
    from app.project.from_roster import project_from_roster
    from app.project.io import EXTENSION, save_project
    from app.roster_import import ColumnMapping, import_roster
    from app.templates import load_catalogue

    out = Path(args.output)
    if out.suffix.lower() != EXTENSION:
        raise UsageError(f"-o: a project file ends in {EXTENSION}", file=str(out))
    if out.exists() and not args.force:
        raise UsageError("already exists; pass --force to overwrite it", file=str(out))
    if args.header_row is not None and args.header_row < 1:
        raise UsageError("--header-row must be 1 or more")
    portfolio = None
    if args.portfolio:
        from app.project.portfolio_file import read_portfolio_file

        portfolio = read_portfolio_file(args.portfolio, today=date.today())
    mapping = ColumnMapping.load(args.mapping) if args.mapping else None
    result = import_roster(args.roster, catalogue=load_catalogue(), sheet=args.sheet, header_row=args.header_row,
                           mapping=mapping)
    project, added = project_from_roster(result, catalogue=load_catalogue(), name=args.name or "",
                                         portfolio=portfolio, file_name=Path(args.roster).name)
    save_project(project, out)
    print("\n".join(new_project_lines(project, added, rejected=result.counts.rejected, roster=args.roster, out=out)))
    return 0


def new_project_lines(project, added, *, rejected: int, roster: str, out: Path) -> list[str]:
    """What `phasegate new` created, and what the user should review, in plain lines."""
    people = len(project.roster.people)
    lines = [f"Project '{project.name}' written to {out}: {people:,} {'person' if people == 1 else 'people'} "
             f"from {Path(roster).name}" + (f" ({rejected:,} row(s) rejected; see 'phasegate check {roster}')"
                                             if rejected else "")]
    if not project.portfolio.initiatives:
        lines.append("No initiatives: the roster has no initiative (project) column and no --portfolio was given; "
                     "add them in the window (Initiatives screen) or pass --portfolio FILE.")
        return lines
    fresh = {i.id for i in added}
    lines.append(f"Initiatives ({len(project.portfolio.initiatives)}):")
    for ini in project.portfolio.initiatives:
        team = len(project.roster.team_of(ini.id, on=date.today()))
        origin = "from the roster, defaults to review" if ini.id in fresh else "from the portfolio file"
        when = f", go-live {day(ini.go_live)}" if ini.go_live else ""
        lines.append(f"  {ini.name}: {ini.current_phase.label} → {ini.target_phase.label}{when}; current team "
                     f"{team} {'person' if team == 1 else 'people'} ({origin})")
    if added:
        lines.append(f"Review the phases, go-live and policy of the {len(added)} initiative(s) taken from the roster "
                      f"(window: Initiatives screen; or a --portfolio file), then: phasegate plan {out}")
    else:
        lines.append(f"Plan it with: phasegate plan {out}")
    return lines
