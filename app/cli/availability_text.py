"""The availability report as text for a delivery lead: a person × period grid of free FTE, then the bench."""
from __future__ import annotations

from app.planning.words.numbers import day
from app.timeline.availability import AvailabilityReport, PersonAvailability

_NAME_WIDTH = 30


def _fte(x: float) -> str:
    return "·" if abs(x) < 0.005 else f"{x:.2f}".rstrip("0").rstrip(".")


def _head(report: AvailabilityReport) -> list[str]:
    if report.by == "week":
        return [f"{p.start:%m-%d}" for p in report.periods]
    if report.by == "month":
        return [f"{p.start:%Y-%m}" for p in report.periods]
    return [f"{p.start.year}Q{(p.start.month - 1) // 3 + 1}" for p in report.periods]


def _cell(person: PersonAvailability, t: int) -> str:
    text = _fte(person.free_fte[t])
    extra = person.free_if_tentative_drops[t] - person.free_fte[t]
    if extra >= 0.005:
        text += "+"  # more would be free if tentative commitments fell through
    if person.over_fte[t] >= 0.005:
        text += "!"
    return text


def report_lines(report: AvailabilityReport) -> list[str]:
    """The report as lines of text."""
    filt = ""
    if report.skills:
        filt = " holding " + " and ".join(f"{s.name} ≥ {s.min_level}" for s in report.skills)
    unit = {"week": "week by week (w/c)", "month": "month by month", "quarter": "quarter by quarter"}[report.by]
    lines = [f"Free FTE of {len(report.people)} people{filt}, {unit}, {day(report.start)} to "
             f"{day(report.end)}",
             "after leave and dated commitments; '·' none free, '+' more free if tentative commitments fell "
             "through, '!' over-allocated", ""]
    heads = _head(report)
    width = max(5, *(len(h) for h in heads)) + 1
    lines.append(f"{'Person':<{_NAME_WIDTH}}" + "".join(f"{h:>{width}}" for h in heads))
    for person in report.people:
        label = f"{person.name} ({person.person_id})"[:_NAME_WIDTH - 1]
        row = f"{label:<{_NAME_WIDTH}}" + "".join(f"{_cell(person, t):>{width}}" for t in range(len(heads)))
        lines.append(row + (f"  {'; '.join(person.notes)}" if person.notes else ""))
    lines.append(f"{'Total free FTE':<{_NAME_WIDTH}}" + "".join(f"{_fte(x):>{width}}" for x in report.total_free_fte))
    lines.append(f"{'People over-allocated':<{_NAME_WIDTH}}"
                 + "".join(f"{n:>{width}}" for n in report.people_over_allocated))
    lines += ["", f"Bench: rolling off within {report.bench_weeks} weeks of {day(report.start)} with time to "
                  "spare" + ("" if report.bench else ": nobody")]
    for entry in report.bench:
        who = f"{entry.name} ({entry.person_id}{', ' + entry.title if entry.title else ''})"
        lines.append(f"  {entry.rolls_off.isoformat()}  {who}: off {', '.join(entry.initiatives)}; "
                     f"{_fte(entry.free_fte_after)} FTE free the week after")
        if entry.skills:
            lines.append("      skills: " + ", ".join(f"{s.name} {s.level}" for s in entry.skills))
        for d in entry.could_fill:
            lines.append(f"      could fill: {d.initiative} — {d.role_name} ({_fte(d.gap_fte)} FTE open in the "
                         f"period from {day(d.start)})")
    if report.notes:
        lines += ["", *report.notes]
    return lines
