"""Property: HR-like headers over value columns, traps included — no column is mapped against its values, none
disappears.

Each generated column knows what its values are (codes, names, fractions, dates, counts, 80-hour weeks, marital
words …) and which targets those values rule out; the header drawn for it may be honest or a trap that merely
sounds like a field ("YearsWithCurrManager", "StandardHours", "DateofTermination" over FTE-like names).
"""
from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import NotImportableError
from app.roster_import import import_roster
from app.roster_import.models import MappingNeeded
from app.templates import load_catalogue

CATALOGUE = load_catalogue()
FIELDS = {"id", "name", "first_name", "last_name", "title", "organisation", "location", "cost_center", "manager",
          "email", "fte", "weekly_hours", "start_date", "leaving_date", "cost_rate", "salary", "initiative",
          "initiative_fte", "commitment_status", "available", "employment_status", "left", "skill", "skills_list",
          "skill_name", "skill_level", "evidence", "skill_evidence"}


@dataclass(frozen=True)
class Kind:
    """Values of one kind, the headers HR puts over them (honest and traps), and the targets they may go to."""

    name: str
    headers: tuple[str, ...]
    allowed: frozenset[str]


KINDS = (
    Kind("codes", ("Employee ID", "EmpID", "Personalnummer", "Matricule", "社員番号", "Worker ID"),
         frozenset({"id", "cost_center"})),
    Kind("names", ("Name", "Employee_Name", "Nombre completo", "Worker", "Naam", "氏名"),
         frozenset({"name", "first_name", "last_name", "manager", "title", "organisation", "location"})),
    Kind("fractions", ("FTE", "Beschäftigungsgrad", "ETP", "Capacity", "YearsWithCurrManager"), frozenset({"fte"})),
    Kind("dates", ("DateofTermination", "Hire Date", "FTE", "Fecha de alta", "Manager", "Status"),
         frozenset({"start_date", "leaving_date"})),
    Kind("counts", ("YearsWithCurrManager", "SpecialProjectsCount", "YearsSinceLastPromotion", "Initiative",
                    "Manager", "Last Name", "EmployeeCount"), frozenset()),
    Kind("fortnight hours", ("StandardHours", "Weekly Hours", "Hours per week"), frozenset()),
    Kind("marital words", ("MaritalStatus", "Status", "Available", "Availability"), frozenset()),
    Kind("pay hikes", ("PercentSalaryHike", "Salary", "Annual Cost"), frozenset()),
    Kind("yes/no", ("Attrition", "Termd", "Active", "Available", "Manager"), frozenset({"available", "left"})),
    Kind("status words", ("EmploymentStatus", "Status", "Estado", "Statut"), frozenset({"employment_status"})),
    Kind("levels", ("Python", "SQL", "Kubernetes", "HTML", "JobSatisfaction", "Django"), frozenset({"skill"})),
    Kind("free text", ("Notes", "Comment", "Manager", "Skills", "Remarks"),
         frozenset({"manager", "title", "organisation", "location", "skills_list", "name"})),
)


def _values(kind: str, n: int, rnd) -> list[str]:
    start = date(2015, 1, 1)
    makers = {
        "codes": lambda i: f"E{1000 + i}",
        "names": lambda i: f"{rnd.choice(['Ana', 'Ben', 'Chloé', 'Dev', 'Eva'])} {rnd.choice(['Diaz', 'Okafor', 'Li'])}"
                           f" {i}",
        "fractions": lambda i: rnd.choice(["1", "0.8", "0.5", "100%", "60%"]),
        "dates": lambda i: (start + timedelta(days=37 * i)).isoformat() if i % 3 else "",
        "counts": lambda i: str(rnd.randint(0, 15)),
        "fortnight hours": lambda i: "80",
        "marital words": lambda i: rnd.choice(["Married", "Single", "Divorced"]),
        "pay hikes": lambda i: str(rnd.randint(11, 25)),
        "yes/no": lambda i: rnd.choice(["Yes", "No"]),
        "status words": lambda i: rnd.choice(["Active", "Active", "Voluntarily Terminated", "On leave"]),
        "levels": lambda i: str(rnd.randint(1, 5)),
        "free text": lambda i: rnd.choice(["see file", "ok", "late twice", "n/a", "ask HR"]),
    }
    return [makers[kind](i) for i in range(n)]


@st.composite
def rosters(draw):
    """A header over columns of known kinds (codes and names always present), 6–30 rows."""
    import random

    rnd = random.Random(draw(st.integers(0, 10**6)))
    picked = [KINDS[0], KINDS[1], *draw(st.lists(st.sampled_from(KINDS[2:]), min_size=1, max_size=7))]
    order = draw(st.permutations(range(len(picked))))
    picked = [picked[i] for i in order]
    headers, used = [], set()
    for kind in picked:
        header = draw(st.sampled_from(kind.headers))
        while header in used:
            header += " 2"
        used.add(header)
        headers.append(header)
    n = draw(st.integers(6, 30))
    columns = [_values(kind.name, n, rnd) for kind in picked]
    return headers, picked, [list(row) for row in zip(*columns, strict=True)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rosters())
def test_no_column_is_mapped_against_its_values_and_none_disappears(roster):
    headers, kinds, rows = roster
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "roster.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows([headers, *rows])
        try:
            result = import_roster(path, catalogue=CATALOGUE)
            mapping = result.mapping
        except MappingNeeded as asked:  # asking is allowed; the suggestion must still hold every column
            mapping = asked.mapping
            result = None
        except NotImportableError as exc:
            raise AssertionError(f"a roster with codes and names was refused: {exc}") from None
    assert list(mapping.columns) == headers  # none disappears
    for header, kind in zip(headers, kinds, strict=True):
        entry = mapping.columns[header]
        assert entry.reason, header
        if entry.target in FIELDS:
            assert entry.target in kind.allowed, (f"{header!r} over {kind.name} mapped to {entry.target} "
                                                  f"({entry.reason})")
    if result is not None:
        c = result.counts
        assert c.imported + c.merged + c.rejected + c.skipped == c.data_rows == len(rows)
        kept = {k for k, t in mapping.columns.items() if t.target == "extra"}
        for person in result.people:
            assert set(person.extra) <= kept | {h for h in headers if mapping.columns[h].target == "name"}
        assert all(0 < p.fte <= 1.0 for p in result.people)  # no 200 % from an 80-hour "week"
