"""`phasegate demo`: the bundled sample project, in the window or (headless) as gaps and a plan on stdout."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from app.cli.gui import gui_entry, has_display
from app.errors import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the `demo` sub-command."""
    parser = subparsers.add_parser("demo", help="open Phasegate on the bundled sample project")
    parser.add_argument("--headless", action="store_true", help="print the sample's gaps and plan instead of a window")
    parser.add_argument("--or-headless", action="store_true",
                        help="open the window when there is a display, else print the headless demo (make run)")
    parser.add_argument("--time-limit", type=float, default=20.0, metavar="S", help="solver time limit (headless)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Opens the window on the sample project, or prints its gaps and plan with --headless."""
    if args.or_headless and not args.headless and not has_display():
        print("no display here, so the sample project is shown headless (gaps and plan); "
              "run this in a desktop session for the window", file=sys.stderr)
        args.headless = True
    if not args.headless:
        return int(gui_entry("run")(None, demo=True) or 0)
    return headless_demo(time_limit=args.time_limit)


def headless_demo(*, time_limit: float) -> int:
    """Prints, for the sample project, each initiative's readiness by failure mode, then the portfolio plan."""
    from app.cli.cmd_gaps import report_lines
    from app.gaps import analyse_gaps
    from app.planning import plan_scenario
    from app.planning.output import plan_lines
    from app.project.sample import load_sample_project
    from app.templates import load_phase_templates
    from app.timeline.window_gaps import over_window

    templates, today = load_phase_templates(), date.today()
    project = load_sample_project()
    catalogue = project.catalogue or templates.catalogue
    print(f"Phasegate demo — {project.name}: {len(project.roster.people)} people, "
          f"{len(project.portfolio.initiatives)} initiatives\n")
    for ini in project.portfolio.initiatives:
        if ini.target_phase == ini.current_phase:
            continue
        seen, window = over_window(project.roster.people, ini, today=today)  # the optimiser's window, as `gaps`
        report = analyse_gaps(seen, initiative=ini.id, to_phase=ini.target_phase, templates=templates,
                              from_phase=ini.current_phase, window=window)
        print("\n".join(report_lines(report, name_of=catalogue.name_of)))
        print()
    plan = plan_scenario(project, templates=templates, time_limit=time_limit, today=today)
    named = project.portfolio.names()
    print("\n".join(plan_lines(plan, include_pay=True, skill_name=catalogue.name_of,
                                initiative_name=lambda i: named.get(i, i))))
    return 0 if plan.status in ("optimal", "feasible") else 1


def open_window(path: str | None) -> int:
    """Opens the desktop app on its start screen, or on a project/roster file."""
    if path is not None and not Path(path).is_file():
        raise UsageError(f"no such file or command: '{path}' (see 'phasegate --help')")
    return int(gui_entry("run")(path) or 0)


def run_self_test() -> int:
    """Runs the desktop app's self-test (window offscreen, short solve, export to a temp dir)."""
    return int(gui_entry("self_test")() or 0)
