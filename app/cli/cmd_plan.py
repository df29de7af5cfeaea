"""`phasegate plan ROSTER --initiative NAME --to PHASE` (or `--portfolio FILE`): an optimal staffing plan."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from pathlib import Path

from pydantic import ValidationError

from app.cli.whole_roster import make_whole_roster_the_team
from app.domain.initiatives import Initiative, Portfolio
from app.domain.roles import Phase
from app.errors import UsageError
from app.planning.words.numbers import count, day
from app.project.model import Project, RosterSource, Scenario


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the `plan` sub-command."""
    p = subparsers.add_parser(
        "plan", help="optimal staffing plan for an initiative's next phase (or a portfolio)",
        description="Plan who moves in, who is upskilled, what is hired or contracted and what stays uncovered. "
                    "ROSTER is the HR roster file or a .phasegate project. Exit 0 when a plan is found, 1 when "
                    "none exists (contradictory pins/budget) or the roster holds no usable data, 2 on a usage or "
                    "file error.")
    p.add_argument("roster", metavar="ROSTER", help="roster file as HR sent it, or a .phasegate project file")
    p.add_argument("--initiative", metavar="NAME", help="initiative as named in the roster (omit when the roster "
                                                         "has no initiative column: the whole roster is the team)")
    p.add_argument("--to", dest="to_phase", metavar="PHASE", help="target phase: pilot, production or operations")
    p.add_argument("--from", dest="from_phase", metavar="PHASE", help="current phase (default: the one before)")
    p.add_argument("--scenario", metavar="NAME", help="with a .phasegate project: the scenario to plan (default: "
                                                      "the project's active one)")
    p.add_argument("--portfolio", metavar="FILE", help="plan several initiatives together (YAML/JSON file; "
                                                       "see 'phasegate schema portfolio')")
    p.add_argument("--budget", type=float, metavar="AMOUNT", help="budget over the planning horizon")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--go-live", metavar="DATE", help="go-live date, YYYY-MM-DD")
    when.add_argument("--go-live-weeks", type=int, metavar="N", help="go-live in N weeks from today")
    p.add_argument("--max-hires", type=int, metavar="N", help="hire at most N people")
    p.add_argument("--no-contractors", action="store_true", help="do not use contractors")
    p.add_argument("--hiring-freeze", action="store_true", help="no new hires")
    p.add_argument("--time-limit", type=float, default=20.0, metavar="S", help="seconds to search (default 20)")
    p.add_argument("--alternatives", action="store_true",
                   help="also find diverse plans at the same coverage (lowest cost, fewest hires, most internal "
                        "growth) and print them side by side (takes up to --time-limit again)")
    p.add_argument("--json", metavar="FILE", help="write the plan as JSON ('-' = standard output)")
    p.add_argument("--xlsx", metavar="FILE", help="write the approvers' workbook")
    p.add_argument("--xlsx-without-pay", metavar="FILE", help="also write the workbook without pay, from the same "
                                                               "plan (for readers who may not see pay)")
    p.add_argument("--no-pay", action="store_true", help="leave costs and pay out of every output")
    p.add_argument("--full-roster", action="store_true", help="with --xlsx: list everyone in the roster snapshot "
                                                              "(default: the people the plan touches)")
    p.add_argument("--decisions", metavar="WORKBOOK", help="re-plan around the approvals in an exported workbook "
                                                           "(stops, exit 1, when any decision cannot be applied)")
    p.add_argument("--accept-partial", action="store_true", help="with --decisions: re-plan with what could be read "
                                                                 "even when some decisions could not be applied")
    p.add_argument("--sheet", help="roster sheet to read (default: detect)")
    p.add_argument("--header-row", type=int, metavar="N", help="1-based header row (default: detect)")
    p.add_argument("--mapping", metavar="FILE", help="column mapping saved with 'phasegate check'")
    p.add_argument("--library", metavar="DIR", help="org template library folder")
    p.set_defaults(handler=run)


def _phase(text: str, flag: str) -> Phase:
    try:
        return Phase(text.strip().lower())
    except ValueError:
        raise UsageError(f"{flag}: unknown phase '{text}'; choose one of: {', '.join(p.value for p in Phase)}") from None


def _go_live(args: argparse.Namespace, today: date) -> date | None:
    if args.go_live_weeks is not None:
        if args.go_live_weeks < 0:
            raise UsageError("--go-live-weeks must be 0 or more")
        return today + timedelta(weeks=args.go_live_weeks)
    if args.go_live:
        try:
            return date.fromisoformat(args.go_live.strip())
        except ValueError:
            raise UsageError(f"--go-live: '{args.go_live}' is not a date like 2027-03-01") from None
    return None


def _load_project(args: argparse.Namespace, templates) -> Project:
    if Path(args.roster).suffix.lower() == ".phasegate":
        from app.project.io import open_project

        project = open_project(args.roster)
        if project.roster.people and not any(p.skills for p in project.roster.people):  # as its import said
            print(f"warning: the project's roster holds no skills ({len(project.roster.people)} people): nobody can "
                  "be matched to a role, so a plan will hire or contract every role; import a skills matrix into "
                  "the project (the window's File → Import roster…)", file=sys.stderr)
        return project
    from app.cli.roster_input import read_roster
    from app.domain.people import Roster

    result = read_roster(args.roster, catalogue=templates.catalogue, sheet=args.sheet, header_row=args.header_row,
                         mapping_file=args.mapping)
    return Project(name=Path(args.roster).stem, roster=Roster(people=result.people), catalogue=templates.catalogue,
                   source=RosterSource(file_name=Path(args.roster).name, sha256=result.sha256, sheet=result.sheet,
                                       header_row=result.header_row))


def _resolve_name(wanted: str, names: list[str]) -> str:
    from app.templates.errors import did_you_mean

    if wanted in names:
        return wanted
    folded = {n.casefold(): n for n in names}
    if wanted.casefold() in folded:
        return folded[wanted.casefold()]
    known = f"; initiatives in the roster: {', '.join(names[:8])}" if names else "; the roster has none"
    raise UsageError(f"--initiative: no one in the roster works on '{wanted}'"
                     f"{did_you_mean(wanted, names) if names else ''}{known}")


def _single(args: argparse.Namespace, project: Project, today: date) -> Initiative:
    """The initiative the flags describe (a project's own initiative, updated by the flags given)."""
    names = list(dict.fromkeys([*project.roster.initiatives(), *(i.id for i in project.portfolio.initiatives)]))
    if args.initiative is None:
        if names:
            raise UsageError(f"--initiative is required: the roster names {count(len(names), 'initiative')} "
                             f"({', '.join(names[:5])})")
        ini_id = make_whole_roster_the_team(project.roster.people)  # no initiative column: the whole roster
    else:
        ini_id = _resolve_name(args.initiative, names)
    existing = project.initiative(ini_id)
    if args.to_phase is None and existing is None:
        if Path(args.roster).suffix.lower() == ".phasegate" and not names:
            raise UsageError("the project has no initiatives: add them (the window's Initiatives screen, or "
                             "'phasegate new ROSTER --portfolio FILE'), or pass --to PHASE to plan the whole roster "
                             "as one team", file=args.roster)
        raise UsageError("--to is required: the target phase (pilot, production or operations)")
    target = _phase(args.to_phase, "--to") if args.to_phase else existing.target_phase
    if args.from_phase:
        current = _phase(args.from_phase, "--from")
    elif existing is not None and not args.to_phase:
        current = existing.current_phase
    else:
        order = list(Phase)
        current = order[max(0, order.index(target) - 1)]
    policy = (existing.policy if existing else project.portfolio.initiatives[0].policy
              if project.portfolio.initiatives else None)
    policy = policy.model_copy() if policy is not None else Initiative(id="x").policy
    if args.max_hires is not None:
        if args.max_hires < 0:
            raise UsageError("--max-hires must be 0 or more")
        policy.max_hires = args.max_hires
    policy.allow_contractors = policy.allow_contractors and not args.no_contractors
    policy.hiring_freeze = policy.hiring_freeze or args.hiring_freeze
    if args.budget is not None and args.budget < 0:
        raise UsageError("--budget must be 0 or more")
    try:
        return Initiative(
            id=ini_id, name=existing.name if existing else ini_id, current_phase=current, target_phase=target,
            go_live=_go_live(args, today) or (existing.go_live if existing else None),
            budget=args.budget if args.budget is not None else (existing.budget if existing else None),
            priority=existing.priority if existing else 5, policy=policy,
        )
    except ValidationError as exc:
        raise UsageError(f"--from/--to: {str(exc.errors()[0]['msg']).removeprefix('Value error, ')}") from None


#: Flags that set the one initiative of a single-initiative plan (`--initiative` or a roster without a project).
_ONE_INITIATIVE = (("go_live", "--go-live"), ("go_live_weeks", "--go-live-weeks"), ("budget", "--budget"),
                   ("max_hires", "--max-hires"), ("no_contractors", "--no-contractors"),
                   ("hiring_freeze", "--hiring-freeze"))


def _refuse_one_initiative_flags(args: argparse.Namespace, project: Project, *, where: str, instead: str) -> None:
    """A project's several initiatives (or a portfolio file's) are planned with their own settings: a flag that sets
    one initiative's would be ignored without a word (the go-live warning even asked for --go-live)."""
    given = [flag for attr, flag in _ONE_INITIATIVE if getattr(args, attr, None) not in (None, False)]
    if given:
        names = ", ".join(i.name for i in project.portfolio.initiatives)
        raise UsageError(f"{' and '.join(given)} set{'s' if len(given) == 1 else ''} one initiative's plan: add "
                         f"--initiative NAME ({where} plans {names}), or set {'it' if len(given) == 1 else 'them'} "
                         f"{instead}")


def _warn_undated(project: Project, scenario: Scenario, today: date, *, one: bool) -> list:
    """The initiatives planned with the day their dates count back from (`app.planning.prepared.due`: without a
    go-live, the end of the horizon), and one warning for each without. `one`: a single-initiative plan, where
    --go-live sets it."""
    from app.planning.prepared import due

    planned = project.planned_initiatives(scenario)
    for ini in planned:
        if ini.go_live is None:
            how = "pass --go-live to set it" if one else (f"set it on the Initiatives screen, or plan it alone: "
                                                           f"--initiative \"{ini.name}\" --go-live DATE")
            print(f"warning: no go-live for {ini.name}; planning to the end of the {ini.policy.horizon_weeks}-week "
                  f"horizon ({day(due(ini, today=today))}); {how}", file=sys.stderr)
    return [ini.model_copy(update={"go_live": due(ini, today=today)}) for ini in planned]


def _apply_decisions(args: argparse.Namespace, project: Project, scenario: Scenario, templates):
    """Reads the approvers' workbook into the scenario; stops (exit 1) on anything not applied as meant, unless
    --accept-partial (then what could be read is applied, approvals beyond a person's time left out)."""
    from app.errors import DecisionsNotAppliedError
    from app.export.scenario_decisions import read_for_scenario

    decisions = read_for_scenario(args.decisions, project=project, scenario=scenario, templates=templates)
    result = decisions.result
    for line in result.summary_lines(include_pay=not args.no_pay):
        print(f"note: {line}", file=sys.stderr)
    for line in decisions.over_capacity.values():
        print(f"problem: {line}", file=sys.stderr)
    over = len(decisions.over_capacity)
    if over and not args.accept_partial:
        raise DecisionsNotAppliedError(f"{count(over, 'approved assignment asks', 'approved assignments ask')} for more time than the person has "
                                       "(listed above); no plan can keep them — lower the FTE in the workbook, or "
                                       "pass --accept-partial to re-plan without them", file=Path(args.decisions).name)
    if not result.complete and not args.accept_partial:
        unread = len(result.problems) + len(result.deleted)
        raise DecisionsNotAppliedError(f"{count(unread, 'decision or cell', 'decisions or cells')} could not be applied as the approvers meant "
                                       "(listed above); correct the workbook, or pass --accept-partial to re-plan "
                                       "with what could be read", file=Path(args.decisions).name)
    if over:
        print(f"warning: re-planning without the {count(over, 'approved assignment')} beyond the person's time",
              file=sys.stderr)
    for name, items in decisions.scenario_lists(scenario).items():
        setattr(scenario, name, items)
    return result


def _check_decisions(args: argparse.Namespace, project: Project, scenario: Scenario, plan, decisions) -> None:
    """After the re-plan: every rejection kept (else stop, exit 1, unless --accept-partial); approvals dropped said."""
    from app.errors import DecisionsNotAppliedError
    from app.planning.decisions import unhonoured

    if plan.status not in ("optimal", "feasible"):
        return
    for line in decisions.approvals_dropped(plan):
        print(f"warning: {line}", file=sys.stderr)
    broken = unhonoured(plan, limits=scenario.sourcing_limits, trainings=scenario.rejected_trainings,
                        initiative_names=project.portfolio.names())
    for line in broken:
        print(f"problem: {line}", file=sys.stderr)
    if broken and not args.accept_partial:
        raise DecisionsNotAppliedError(f"the re-plan could not keep {count(len(broken), 'rejection')} (listed above); no "
                                       "output was written", file=Path(args.decisions).name)


def run(args: argparse.Namespace) -> int:
    """Loads the roster or project, sets up the scenario from the flags, plans and writes the outputs."""
    from app.planning import plan_scenario, scenario_of
    from app.planning.edits import references
    from app.planning.output import alternative_output, plan_lines, plan_output
    from app.templates import load_phase_templates

    today = date.today()
    if args.time_limit <= 0:
        raise UsageError("--time-limit must be more than 0 seconds")
    templates = load_phase_templates(library=args.library)
    for problem in templates.problems:
        print(f"warning: {problem}", file=sys.stderr)
    project = _load_project(args, templates)
    if args.scenario and Path(args.roster).suffix.lower() != ".phasegate":
        raise UsageError("--scenario needs a .phasegate project file (a roster has no scenarios)")
    scenario = scenario_of(project, args.scenario) if project.scenarios else Scenario(name="Baseline")
    one = False  # a single-initiative plan, whose go-live --go-live sets
    if args.portfolio:
        from app.project.portfolio_file import read_portfolio_file

        if args.initiative or args.to_phase:
            raise UsageError("--portfolio plans every initiative in the file; leave out --initiative and --to")
        project.portfolio = read_portfolio_file(args.portfolio, today=today)
        scenario = Scenario(name="Portfolio", pins=list(scenario.pins), exclusions=list(scenario.exclusions))
        _refuse_one_initiative_flags(args, project, where="the portfolio file", instead="in that file")
    elif args.initiative or args.to_phase or not project.portfolio.initiatives:
        ini, one = _single(args, project, today), True
        others = [i for i in project.portfolio.initiatives if i.id != ini.id]
        project.portfolio = Portfolio(initiatives=[ini, *others], budget=project.portfolio.budget)
        scenario = scenario.model_copy(update={"initiative_ids": [ini.id], "plan": None,
                                               "policy_overrides": {}, "budget": None})
    else:
        _refuse_one_initiative_flags(args, project, where="the project",
                                     instead="for the initiative in the project (window: Initiatives screen)")
    planned = _warn_undated(project, scenario, today, one=one)
    decisions = _apply_decisions(args, project, scenario, templates) if args.decisions else None
    project.scenarios = [scenario, *(s for s in project.scenarios if s.name != scenario.name)]
    project.active_scenario = scenario.name
    for ref in references(project, scenario, templates=templates):
        if ref.not_applied:
            print(f"warning: {ref.kind} not applied: {ref.words()} — {ref.not_applied}", file=sys.stderr)
    plan = plan_scenario(project, scenario=scenario, templates=templates, time_limit=args.time_limit, today=today)
    if decisions is not None:
        _check_decisions(args, project, scenario, plan, decisions)
    names = ", ".join(i.name for i in project.portfolio.initiatives
                      if not scenario.initiative_ids or i.id in scenario.initiative_ids)
    print(f"Staffing plan: {names}" + (f" (scenario '{scenario.name}')" if len(project.scenarios) > 1 else ""))
    for ini in planned:
        when = f", go-live {day(ini.go_live)}" if ini.go_live else ""
        print(f"  {ini.name}: {ini.current_phase.label} → {ini.target_phase.label}{when}")
    catalogue = project.catalogue or templates.catalogue
    named = project.portfolio.names()
    lines = plan_lines(plan, include_pay=not args.no_pay, skill_name=catalogue.name_of,
                       initiative_name=lambda i: named.get(i, i))
    print("\n".join(lines))
    alternatives = _alternatives(args, project, scenario, plan, templates, today)
    if args.json:
        output = plan_output(plan, include_pay=not args.no_pay)
        output.alternatives = [alternative_output(a, include_pay=not args.no_pay) for a in alternatives]
        text = json.dumps(output.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
        if args.json == "-":
            sys.stdout.write(text)
        else:
            _write_text(Path(args.json), text)
    if args.xlsx or args.xlsx_without_pay:
        _write_workbooks(args, project, scenario, plan, templates)
    return 0 if plan.status in ("optimal", "feasible") else 1


def _alternatives(args, project: Project, scenario: Scenario, plan, templates, today: date) -> list:
    """With --alternatives and a plan found: the diverse plans, printed side by side with the current one."""
    if not args.alternatives or plan.status not in ("optimal", "feasible"):
        return []
    from app.planning import alternative_plans
    from app.planning.compare import side_by_side_lines
    from app.planning.service import ALTERNATIVE_KINDS, ALTERNATIVE_LABELS

    found = alternative_plans(project, scenario=scenario, count=len(ALTERNATIVE_KINDS), templates=templates,
                              time_limit=args.time_limit, today=today)
    columns = [("Current plan", plan), *((ALTERNATIVE_LABELS.get(str(a.settings.get("alternative")), "Alternative"),
                                         a) for a in found)]
    print("\nAlternatives at the best coverage, side by side")
    print("\n".join(side_by_side_lines(columns, include_pay=not args.no_pay)))
    return found


def _write_text(path: Path, text: str) -> None:
    from app.project.io import write_atomic

    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot write ({exc.strerror or exc})", file=str(path)) from None


def _write_workbooks(args, project: Project, scenario: Scenario, plan, templates) -> None:
    """--xlsx (without pay under --no-pay) and --xlsx-without-pay: both copies of the one plan just found."""
    from app.export import write_plan_workbook
    from app.planning.report import plan_report

    report = plan_report(project, scenario=scenario, templates=templates, plan=plan)
    copies = [(args.xlsx, not args.no_pay), (args.xlsx_without_pay, False)]
    for path, include_pay in copies:
        if not path:
            continue
        try:
            write_plan_workbook(report, path, include_pay=include_pay, full_roster=args.full_roster)
        except OSError as exc:
            raise UsageError(f"cannot write ({exc.strerror or exc})", file=str(path)) from None
