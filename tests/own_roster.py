"""A roster that is not the sample: a seeded 'Acme Insurance' CSV with an initiative (project) column, as HR sends it.

Used by the CLI and window tests of the own-data workflow (new project → initiatives → gaps → plan → re-import).
"""
from __future__ import annotations

import csv
import random
from pathlib import Path

SKILLS = ("Python", "MLOps", "Kubernetes", "Docker", "Data engineering", "SQL", "Drift monitoring",
          "Software engineering", "Change management", "Model risk", "Compliance", "Stakeholder management")
PROJECTS = ("Fraud Radar", "Invoice Reader")
TITLES = ("Data Scientist", "ML Engineer", "Data Engineer", "Software Engineer", "Business Analyst",
          "Risk Analyst", "Platform Engineer", "Change Lead")
FIRST = ("Amal", "Bram", "Carla", "Dev", "Elif", "Femi", "Greta", "Hugo", "Iris", "Jon", "Kaia", "Lars", "Mina",
         "Noor", "Oskar", "Pia", "Quin", "Rosa", "Sami", "Tove")
LAST = ("Abara", "Brandt", "Costa", "Dahl", "Eze", "Fiore", "Grün", "Holm", "Ivers", "Jansen", "Kaur", "Lund")


def person_rows(count: int = 40, *, seed: int = 7) -> list[dict[str, str]]:
    """`count` people: ids AC1001…, names, titles, FTE, a project with an allocation for two in three, levels 1–5."""
    rnd = random.Random(seed)
    rows = []
    for i in range(count):
        row = {"Employee ID": f"AC{1001 + i}", "Name": f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}",
               "Job Title": TITLES[i % len(TITLES)], "Department": "Analytics" if i % 2 else "Technology",
               "FTE": "1.0" if i % 5 else "0.8"}
        if i % 3 != 2:
            row["Project"] = PROJECTS[i % 2]
            row["Allocation %"] = rnd.choice(("40%", "50%", "60%", "100%"))
        else:
            row["Project"] = row["Allocation %"] = ""
        for skill in SKILLS:
            row[skill] = str(rnd.randint(1, 5)) if rnd.random() < 0.45 else ""
        rows.append(row)
    return rows


def write_roster(path: Path, rows: list[dict[str, str]] | None = None) -> Path:
    """Write the rows as a CSV roster (the header in the order HR would write it)."""
    rows = person_rows() if rows is None else rows
    header = ["Employee ID", "Name", "Job Title", "Department", "FTE", "Project", "Allocation %", *SKILLS]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path
