"""One row per person and assignment: the row's assignment to an initiative, its dates, and how a second row for
the same initiative joins the first (another period is kept apart; the same period is summed, with a warning).
"""
from __future__ import annotations

from datetime import date

from app.domain.people import FTE_HARD_LIMIT, OTHER_WORK, Commitment, CommitmentStatus, Person
from app.roster_import.cell_values import as_text
from app.roster_import.header_words import header_words
from app.roster_import.models import Severity

#: A person column as a warning names it ('the same name, job title, team …').
_SAID = {"title": "job title", "organisation": "team", "cost_center": "cost center"}


class AssignmentRows:
    """The assignment part of the row checker (it supplies plan, issue(), _at, _blank, _share, _commit, _span,
    _said_assignments)."""

    def _another_assignment(self, prior: tuple[int, Person], name: str, row: list, rn: int) -> bool:
        """A repeated id (or, with no id column, a repeated name whose other details agree) on an initiative the
        person has no assignment on yet is one person on two initiatives (one row per person and assignment), not a
        duplicate nor a namesake; the first three such rows are said, the rest counted at the end."""
        init_j, (first_row, person) = self._at.get("initiative"), prior
        if init_j is None or self._blank(row[init_j]) or person.name != name:
            return False
        label = as_text(row[init_j]).strip()
        again = any(c.initiative == label for c in person.commitments)
        if again and not self._another_period(person, label, row):
            return False  # the same initiative over the same dates (or none): a copy of the row, refused
        by_name = self._at.get("id") is None
        if by_name and any(not self._blank(row[j]) and getattr(person, f, None) not in (None, self._text(row[j]))
                           for f, j in self._text_cols):
            return False  # another title, team or manager: a namesake, told apart as before
        self._said_assignments.append(rn)
        if len(self._said_assignments) <= 3:
            j = self._at["id"] if not by_name else self._at.get("name")
            same = [_SAID.get(f, f) for f, j in self._text_cols if not self._blank(row[j])]
            said = ["name", *same]
            who = "the same person" if not by_name else "the same " + (
                f"{', '.join(said[:-1])} and {said[-1]}" if len(said) > 1 else said[0])
            self.issue(rn, self.plan.names[j] if j is not None else None, person.id, f"{who} as row {first_row} on "
                       + ("the same initiative in another period" if again else "another initiative")
                       + ": read as a second assignment of theirs" + (
                           " (if they are two people, add an employee id column)" if by_name else ""),
                       Severity.WARNING)
        return True

    def _another_period(self, person: Person, label: str, row: list) -> bool:
        """True when the row dates its assignment to `label` in a period none of the person's assignments to it
        shares (a resource plan's next quarter): its own assignment, never a duplicate row."""
        when = [None if (j := self._at.get(t)) is None or self._span is None or self._blank(row[j])
                else self._span(row[j])[0] for t in ("initiative_start", "initiative_end")]
        if when == [None, None] or (None not in when and when[1] < when[0]):
            return False
        new = Commitment(initiative=label, fte=0.0, start=when[0], end=when[1])
        return not any(c.initiative == label and _overlap(c, new) for c in person.commitments)

    def _assignment(self, row: list, rn: int, person_fte: float) -> list[Commitment]:
        """The row's current assignment to an initiative, when it names one."""
        names, at = self.plan.names, self._at.get
        init_j, share_j, status_j = at("initiative"), at("initiative_fte"), at("commitment_status")
        if init_j is None or self._blank(row[init_j]):
            return []
        initiative = as_text(row[init_j])
        share = person_fte
        converted, problem = self._share(row[share_j]) if share_j is not None else (None, None)
        if problem:
            self.issue(rn, names[share_j], row[share_j], f"{problem}; assignment to '{initiative}' not recorded",
                       Severity.WARNING)
            return []
        if converted == 0:
            self.issue(rn, names[share_j], row[share_j], f"allocation to '{initiative}' is 0 %: no time on it, so "
                       "no assignment is recorded", Severity.WARNING)
            return []
        if converted is not None:
            share = converted
        else:
            self.issue(rn, names[init_j], None, f"no allocation given for '{initiative}'; assumed the person's "
                       f"full FTE ({person_fte:g})", Severity.WARNING)
        status = CommitmentStatus.CONFIRMED
        if status_j is not None and not self._blank(row[status_j]):
            converted, problem = self._commit(row[status_j])
            if problem:
                self.issue(rn, names[status_j], row[status_j], f"{problem}; treated as confirmed", Severity.WARNING)
            elif converted is not None:
                status = converted
        if share > person_fte + 1e-9:
            j = share_j if share_j is not None else init_j
            self.issue(rn, names[j], row[share_j] if share_j is not None else None,
                       f"allocation {share:.0%} is more than the person's FTE {person_fte:.0%}", Severity.WARNING)
        span = self._dates(row, rn, initiative)
        if span is None:
            return []
        return [Commitment(initiative=initiative, fte=min(share, FTE_HARD_LIMIT), status=status, start=span[0],
                           end=span[1])]

    def _elsewhere(self, row: list, rn: int, person_fte: float) -> list[Commitment]:
        """The row's time booked on work the roster does not name (a file with no initiative column): a commitment
        to OTHER_WORK, so the person's free time is what is left; 0 % books nothing. A share or percentage is of the
        person's own time (90 % of a 35-hour week books 0.79 FTE), as resource plans write it; a header naming FTE
        ('Booked FTE') gives FTE as written. The first part-time person's reading is said once."""
        j = self._at.get("committed_elsewhere")
        if j is None or self._blank(row[j]):
            return []
        column = self.plan.names[j]
        share, problem = self._share(row[j])
        if problem:
            self.issue(rn, column, row[j], f"{problem}; no time booked on other work is recorded (the person is read "
                       "as free)", Severity.WARNING)
            return []
        if not share:
            return []
        as_fte = "fte" in header_words(column)
        booked = share if as_fte else round(share * person_fte, 4)
        if booked > person_fte + 1e-9:
            self.issue(rn, column, row[j], f"booked {booked:.2f} FTE on other work, more than the person's FTE "
                       f"{person_fte:.2f}" if as_fte else f"booked {share:.0%} of the person's time on other work: "
                       "more than all of it", Severity.WARNING)
        elif not as_fte and abs(person_fte - 1) > 1e-9 and not getattr(self, "_said_own_time", False):
            self._said_own_time = True
            self.issue(rn, column, row[j], f"read as a share of the person's own time: {share:.0%} of their "
                       f"{person_fte:.2f} FTE books {booked:.2f} FTE on other work (so for every part-time person in "
                       "this column)", Severity.WARNING)
        return [Commitment(initiative=OTHER_WORK, fte=min(booked, FTE_HARD_LIMIT))]

    def _dates(self, row: list, rn: int, initiative: str) -> tuple[date | None, date | None] | None:
        """The assignment's start and roll-off dates (None where not given); None when it ends before it starts."""
        names, at = self.plan.names, self._at.get
        out: list[date | None] = []
        for target in ("initiative_start", "initiative_end"):
            j = at(target)
            if self._span is None or j is None or self._blank(row[j]):
                out.append(None)
                continue
            when, problem, warning = self._span(row[j])
            if problem:
                self.issue(rn, names[j], row[j], f"{problem}; the assignment to '{initiative}' is recorded without "
                           "this date", Severity.WARNING)
            elif warning:
                self.issue(rn, names[j], row[j], warning, Severity.WARNING)
            out.append(None if problem else when)
        start, end = out
        if start is not None and end is not None and end < start:
            self.issue(rn, names[at("initiative_end")], row[at("initiative_end")],
                       f"the assignment to '{initiative}' ends ({end.isoformat()}) before it starts "
                       f"({start.isoformat()}); not recorded", Severity.WARNING)
            return None
        return start, end

    def _add_assignment(self, person: Person, new: Commitment, rn: int, first_row: int) -> None:
        """Another row for an initiative the person already has: another period is kept as its own assignment; the
        same period (or no dates) with the same status is the same assignment split over two rows, so they are
        summed — said in a warning, never dropped."""
        for k, old in enumerate(person.commitments):
            if old.initiative != new.initiative or old.status != new.status or not _overlap(old, new):
                continue
            fte = round(min(old.fte + new.fte, FTE_HARD_LIMIT), 4)
            person.commitments[k] = old.model_copy(update={"fte": fte})
            j = self._at["initiative_fte"]
            self.issue(rn, self.plan.names[j] if j is not None else None, None,
                       f"'{new.initiative}' again for this person (row {first_row} too) over the same dates: "
                       f"{new.fte:.0%} added to {old.fte:.0%}, {fte:.0%} in all", Severity.WARNING)
            return
        person.commitments.append(new)


def _overlap(a: Commitment, b: Commitment) -> bool:
    """True when two assignments share a day (open ends run for ever)."""
    return ((a.start is None or b.end is None or a.start <= b.end)
            and (b.start is None or a.end is None or b.start <= a.end))


def peak_load(commitments: list[Commitment]) -> float:
    """The most FTE the assignments take on any one day (assignments in different periods do not add up)."""
    def load_at(day: date | None) -> float:
        return sum(c.fte for c in commitments if (c.start is None or (day is not None and c.start <= day))
                   and (c.end is None or day is None or day <= c.end))
    return max((load_at(c.start) for c in commitments), default=0.0)
