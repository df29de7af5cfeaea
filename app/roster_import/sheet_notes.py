"""The import's warnings about a whole sheet: how it was read, what stands in for a missing column (id, name,
FTE), people left without skills, unsaved formula values, the header's own notes."""
from __future__ import annotations

import re
from functools import lru_cache

from app.roster_import.cell_values import ValueProblem, as_text, is_blank, is_placeholder_date, parse_date
from app.roster_import.check_row import Outcome
from app.roster_import.find_header import HeaderInfo
from app.roster_import.header_words import header_targets, names_hours
from app.roster_import.map_columns import detect_layout
from app.roster_import.models import ColumnMapping, ImportOptions, RowIssue, Severity
from app.roster_import.read_file import FormulaScan, RawSheet
from app.roster_import.targets import KEEP, LEAVE_OUT

_PART_TIME = ("part-time", "part time", "parttime", "teilzeit", "temps partiel", "tiempo parcial", "media jornada",
              "deeltijd", "tempo parcial", "meio periodo", "meio período", "パート")


def _says_part_time(value: str) -> bool:
    text = value.casefold()
    return any(word in text for word in _PART_TIME)



_DATES = {"start_date": "no start date", "leaving_date": "no leaving date (the person has not left)",
          "initiative_start": "no start on that initiative", "initiative_end": "no end on that initiative"}


def _placeholder_dates(raw: RawSheet, header: HeaderInfo, mapping: ColumnMapping) -> list[str]:
    """A date column's placeholders for "no date" ('01-01-1700' on 26 rows), said once per column."""
    lines = []
    for j, name in enumerate(header.names):
        meaning = _DATES.get(mapping.target_of(name) or "")
        if meaning is None:
            continue
        seen: dict[str, int] = {}
        for row in raw.rows[header.data_start:]:
            if j < len(row) and not is_blank(row[j]) and _is_placeholder(row[j], raw.date1904):
                seen[as_text(row[j]).strip()] = seen.get(as_text(row[j]).strip(), 0) + 1
        if seen:
            shown = ", ".join(f"'{v}' ({n} row{'s' if n > 1 else ''})" for v, n in list(seen.items())[:3])
            lines.append(f"column '{name}': {shown} stand{'s' if len(seen) == 1 else ''} for no date (no HR date "
                         f"falls before 1901 or after 2199): read as {meaning}")
    return lines


@lru_cache(maxsize=4096)
def _is_placeholder(value: object, date1904: bool) -> bool:
    try:
        return is_placeholder_date(parse_date(value, date1904=date1904)[0])
    except (ValueProblem, ValueError, TypeError, OverflowError):
        return False


_CODE = re.compile(r"^(?:skill|[a-z]{0,4})[_-]?\d+$")


def _coded_skills(people: list) -> list[str]:
    """Skills written as codes ('SK011'): new skills nobody's role asks for, so nobody can be matched by them."""
    found = {sid for p in people for sid in p.skills}
    codes = sorted(sid for sid in found if _CODE.match(sid))
    if not found or len(codes) < 0.8 * len(found):
        return []
    shown = ", ".join(c.upper() for c in codes[:5]) + (" …" if len(codes) > 5 else "")
    return [f"{len(codes)} of the {len(found)} skills are codes ({shown}), not names: they were created as new "
            "skills and match no skill a role asks for, so nobody can be matched to a role by them; import the "
            "skills under their names (a file that gives each code's name)"]


def sheet_notes(raw: RawSheet, header: HeaderInfo, mapping: ColumnMapping, scan: FormulaScan, notes: list[str],
                out: Outcome, options: ImportOptions, people: list, other_sheets: list[str]) -> list[RowIssue]:
    """Warnings about the whole sheet: how it was read, what stands in for a missing column, formulas, levels."""
    at = {mapping.target_of(n) for n in header.names}
    lines = list(notes)
    if "id" not in at:
        lines.append("no employee id column; the name is used as the id")
    if not at & {"name", "first_name", "last_name"}:
        column = next(n for n in header.names if mapping.target_of(n) == "id")
        lines.append(f"no name column; people are shown by their employee id ('{column}')")
    if not at & {"fte", "weekly_hours", "monthly_hours"}:
        part = sum(1 for p in people if any(_says_part_time(v) for v in p.extra.values()))
        # a column whose header names working time but whose values are no FTE nor hours a week (220 a month)
        unread = [n for n in header.names if mapping.target_of(n) in (KEEP, LEAVE_OUT)
                  and ({m.target for m in header_targets(n)} & {"fte", "weekly_hours", "monthly_hours"}
                       or names_hours(n))]
        lines.append("no FTE or weekly-hours column; everyone is taken as full time (1.0)" + (
            f", though {part} of them are marked part-time: add an FTE or weekly-hours column to plan with their "
            "real time" if part else "") + (
            f"; {', '.join(map(repr, unread))} names working time but was not read as an FTE or as hours a week or "
            "a month (see its reason under the columns): map it to one of them in a mapping file, or convert it to "
            "an FTE column, to plan with each person's real time"
            if unread else ""))
    bare = [p.source.row for p in people if not p.skills]
    layout = mapping.layout or detect_layout(mapping)
    what = {"matrix": "no level in any skill column", "long": "no skill on any of their rows",
            "list": "no skill listed"}.get(layout)
    if bare and len(bare) < len(people) and what and at & {"skill", "skill_name", "skills_list"}:
        lines.append(f"{len(bare)} of {len(people)} people have {what} (row"
                     f"{'s' if len(bare) > 1 else ''} {', '.join(map(str, bare[:8]))}{' …' if len(bare) > 8 else ''}):"
                     " imported without skills (a plan can use them in a role only after training)")
    if people and not any(p.skills for p in people):
        lines.append("no skills were read from this sheet: nobody can be matched to a role, so a plan will hire or "
                     "contract every role; map the skill columns (a mapping file, or the wizard's Columns step) or "
                     "import a skills matrix" + (f"; this workbook has other sheets ({', '.join(map(repr, other_sheets[:5]))}"
                                                 "): pick the one with skills with --sheet or the wizard's Sheet step"
                                                 if other_sheets else ""))
    lines += _placeholder_dates(raw, header, mapping)
    lines += _coded_skills(people)
    if out.unrated:
        lines.append(f"{out.unrated} skill(s) were listed without a level and recorded at level "
                     f"{options.unrated_list_level}; write a level next to each skill to be precise")
    if scan.missing_count:
        shown = ", ".join(scan.missing[:10]) + (" …" if scan.missing_count > 10 else "")
        lines.append(f"{scan.missing_count} formula cell(s) have no saved value ({shown}) and read as blank; open "
                     "the file in Excel or LibreOffice, let it calculate, save, and import again")
    issues = [RowIssue(sheet=raw.name, reason=line, severity=Severity.WARNING) for line in lines]
    at_row = raw.row_number(header.index)
    issues += [RowIssue(sheet=raw.name, row=at_row, reason=n, severity=Severity.WARNING) for n in header.notes]
    return issues
