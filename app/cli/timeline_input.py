"""What the time-phased commands share: the roster with its dated commitments and leave, dates, skills, periods."""
from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta

from app.domain.people import Person
from app.domain.skills import MAX_LEVEL, SkillCatalogue
from app.errors import UsageError

#: How far a command looks ahead when --to is not given, per granularity.
DEFAULT_SPAN = {"week": timedelta(weeks=12), "month": timedelta(weeks=26), "quarter": timedelta(weeks=52)}


def add_dated_arguments(parser: argparse.ArgumentParser) -> None:
    """--commitments, --absences (repeatable)."""
    parser.add_argument("--commitments", action="append", default=[], metavar="FILE",
                        help="dated commitments in long format: one row per person × initiative × date range "
                             "(repeatable); the roster workbook's other sheets are read too")
    parser.add_argument("--absences", action="append", default=[], metavar="FILE",
                        help="leave in long format: one row per person × date range (repeatable)")


def parse_day(text: str | None, flag: str) -> date | None:
    """A YYYY-MM-DD argument, or a usage error naming the flag."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{flag}: '{text}' is not a date like 2027-03-01") from None


def window(args: argparse.Namespace, by: str) -> tuple[date, date]:
    """The --from/--to window (from today, and a default span per granularity)."""
    start = parse_day(args.from_date, "--from") or date.today()
    end = parse_day(args.to_date, "--to") or start + DEFAULT_SPAN[by]
    if end < start:
        raise UsageError(f"--to {end.isoformat()} comes before --from {start.isoformat()}")
    if (end - start).days > 366 * 5:
        raise UsageError("--from/--to span more than five years; choose a shorter window")
    return start, end


def parse_skills(specs: list[str], catalogue: SkillCatalogue) -> list[tuple[str, int]]:
    """`NAME[:MIN_LEVEL]` arguments as (skill id, level); an unknown name is a usage error with a suggestion."""
    from app.templates.errors import did_you_mean

    out = []
    for spec in specs:
        name, level = spec, 1
        head, sep, tail = spec.rpartition(":")
        if sep and tail.strip().isdigit():
            name, level = head, int(tail)
        if not 1 <= level <= MAX_LEVEL:
            raise UsageError(f"--skill {spec}: the level must be 1 to {MAX_LEVEL}")
        skill = catalogue.resolve(name.strip())
        if skill is None:
            names = [s.name for s in catalogue.skills]
            raise UsageError(f"--skill: no skill named '{name}' in the catalogue{did_you_mean(name, names)}")
        out.append((skill, level))
    return out


def load_people(args: argparse.Namespace, catalogue: SkillCatalogue) -> tuple[list[Person], list]:
    """The roster (as `phasegate check` reads it) with dated commitments and leave laid on; and the dated imports.

    Rejected and warned rows are printed on stderr, one line each, as `phasegate check` lists them.
    """
    from app.roster_import import ColumnMapping, import_roster
    from app.timeline.dated_import import check_dated_paths

    check_dated_paths(*args.commitments, *args.absences)
    mapping = ColumnMapping.load(args.mapping) if args.mapping else None
    result = import_roster(args.roster, catalogue=catalogue, sheet=args.sheet, header_row=args.header_row,
                           mapping=mapping)
    if result.counts.rejected:
        print(f"warning: {result.counts.rejected} roster row(s) rejected; see 'phasegate check {args.roster}'",
              file=sys.stderr)
    return lay_dated(args, result.people, roster_sheet=result.sheet)


def lay_dated(args: argparse.Namespace, people: list[Person], *, roster_sheet) -> tuple[list[Person], list]:
    """The imported roster with the dated commitments and leave of --commitments, --absences and the roster
    workbook's other sheets laid on; their rejected and warned rows printed on stderr, one line each."""
    from app.timeline.dated_import import check_dated_paths, import_dated

    check_dated_paths(*args.commitments, *args.absences)
    dated = import_dated(people, commitments=args.commitments, absences=args.absences, roster=args.roster,
                         roster_sheet=roster_sheet)
    for sheet in dated.sheets:
        for issue in (*sheet.rejected, *sheet.warnings):
            print(f"warning: {sheet.file}, {issue.one_line()}", file=sys.stderr)
    for note in dated.notes:
        print(f"note: {note}", file=sys.stderr)
    return dated.people, dated.sheets


def emit(report, *, as_json: bool, lines) -> None:
    """Prints a report model as indented JSON, or as the lines `lines(report)` gives."""
    import json

    if as_json:
        json.dump(report.model_dump(mode="json"), sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print("\n".join(lines(report)))
