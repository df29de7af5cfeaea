"""How the roster, the pool heatmap and the person panel word a person's commitments over time."""
from __future__ import annotations

from app.domain import Person
from app.domain.people import Commitment
from app.planning.words.numbers import day as day_text  # '1 Oct 2026': the one way the product writes a day


def commitment_span(c: Commitment) -> str:
    """' (1 Jan 2027 – 31 Mar 2027)', ' (from …)', ' (to …)', or '' for a commitment without dates."""
    if c.start and c.end:
        return f" ({day_text(c.start)} – {day_text(c.end)})"
    if c.start:
        return f" (from {day_text(c.start)})"
    return f" (to {day_text(c.end)})" if c.end else ""


def over_committed_words(person: Person) -> str:
    """'Over-committed: 1.20 FTE promised at once from 1 Apr 2027, of 1.00 contracted' (no date when undated)."""
    peak, when = person.peak_committed()
    at = f" at once from {day_text(when)}" if when else ""
    return f"Over-committed: {peak:.2f} FTE promised{at} of {person.fte:.2f}"
