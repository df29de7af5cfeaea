"""Write the sample's dated data: `northwind_assignments.csv` (a resourcing-tool export) and `northwind_leave.csv`
(an HR leave export). Run `python -m app.sample_data.make_dated`.

Dates are written for the week the roster report ran (Monday 2 November 2026, `ANCHOR`); the sample project moves
them to the current week when it loads (app/project/sample.py), as its go-lives are counted from today. The rows
show what a lead meets: roll-offs before and at the gates, new work elsewhere overlapping the production window,
a tentative start, two commitments overlapping above a contract, a cancelled booking, an unknown person, holidays,
a half-time parental leave and a requested (tentative) holiday. Everyone in them is fictional.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

ANCHOR = date(2026, 11, 2)
HERE = Path(__file__).parent
ASSIGNMENTS = HERE / "northwind_assignments.csv"
LEAVE = HERE / "northwind_leave.csv"

#: Person ID, Person, Project, Role, Allocation, Start Date, End Date, Status, Billable, Notes (dd/mm/yyyy dates).
ASSIGNMENT_ROWS = [
    ("NW01001", "Felix Pebbleworth", "Demand Forecasting", "Data scientist", "50%", "01/03/2026", "27/11/2026",
     "Confirmed", "Yes", "hand-over to the run team"),
    ("NW01032", "Odile Marrowgate", "Demand Forecasting", "Data engineer", "50%", "12/01/2026", "11/12/2026",
     "Confirmed", "Yes", ""),
    ("NW01021", "Pavel Copperkettle", "Churn Predictor", "ML engineer", "100%", "", "18/12/2026", "Tentative",
     "Yes", "extension not yet agreed"),
    ("NW01043", "Soren Puddingfield", "Churn Predictor", "SRE", "80%", "", "22/01/2027", "Confirmed", "Yes", ""),
    ("NW01011", "Ines Inkwell", "Claims Triage Assistant", "Data scientist", "100%", "06/04/2026", "05/02/2027",
     "Confirmed", "Yes", "pilot runs until the production gate"),
    ("NW01014", "Yara Quillby", "Claims Triage Assistant", "Data scientist", "80%", "06/04/2026", "05/02/2027",
     "Confirmed", "Yes", "pilot runs until the production gate"),
    ("NW01066", "Ada Marrowgate", "Contract Analyzer", "Business analyst", "100%", "14/09/2026", "08/01/2027",
     "Confirmed", "Yes", "PoC analysis until the pilot gate"),
    ("NW01042", "Ines Larkspur", "Platform Migration", "SRE", "100%", "16/11/2026", "30/04/2027", "Confirmed",
     "No", "data centre exit"),
    ("NW01044", "Mira Pebbleworth", "Platform Migration", "SRE", "50%", "16/11/2026", "31/03/2027", "Confirmed",
     "No", ""),
    ("NW01057", "Nico Pebbleworth", "Model Risk Review 2027", "Reviewer", "60%", "04/01/2027", "26/03/2027",
     "Tentative", "No", "annual model inventory"),
    ("NW01047", "Vera Brambleton", "Claims Triage Assistant", "Integration engineer", "50%", "04/01/2027", "",
     "Tentative", "Yes", "pencilled in for production"),
    ("NW01045", "Ines Thistlecombe", "Mobile App Relaunch", "Software engineer", "80%", "02/11/2026", "26/02/2027",
     "Confirmed", "Yes", ""),
    ("NW01045", "Ines Thistlecombe", "Platform Migration", "Software engineer", "40%", "01/12/2026", "31/01/2027",
     "Confirmed", "No", "double-booked over the winter"),
    ("NW01053", "Yara Inkwell", "Platform Migration", "Software engineer", "50%", "16/11/2026", "31/03/2027",
     "Cancelled", "No", "booking withdrawn"),
    ("NW09998", "Temp Contractor", "Platform Migration", "SRE", "100%", "16/11/2026", "30/04/2027", "Confirmed",
     "No", "not on the HR roster"),
]

#: Employee ID, Employee, Absence Type, Start Date, End Date, Percentage, Approval Status (ISO dates).
LEAVE_ROWS = [
    ("NW01040", "Ines Copperkettle", "Holiday", "2026-12-21", "2027-01-01", "100%", "Approved"),
    ("NW01041", "Cleo Inkwell", "Parental leave", "2027-01-04", "2027-04-30", "50%", "Approved"),
    ("NW01067", "Yara Thistlecombe", "Holiday", "2027-02-22", "2027-03-05", "100%", "Approved"),
    ("NW01029", "Rosa Gingerbrook", "Holiday", "2026-12-24", "2027-01-08", "100%", "Requested"),
    ("NW01003", "Esme Fernwhistle", "Training course", "2027-01-18", "2027-01-29", "50%", "Approved"),
    ("NW01022", "Rosa Thistlecombe", "Holiday", "2026-12-28", "2027-01-08", "100%", "Approved"),
]


def write_dated(folder: Path = HERE) -> tuple[Path, Path]:
    """Writes both files (UTF-8 with a BOM and semicolons for the tool export, plain CSV for the HR one)."""
    head = "Person ID;Person;Project;Role;Allocation;Start Date;End Date;Status;Billable;Notes"
    lines = [head, *(";".join(row) for row in ASSIGNMENT_ROWS)]
    assignments = folder / ASSIGNMENTS.name
    assignments.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    leave = folder / LEAVE.name
    rows = ["Employee ID,Employee,Absence Type,Start Date,End Date,Percentage,Approval Status",
            *(",".join(row) for row in LEAVE_ROWS)]
    leave.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return assignments, leave


if __name__ == "__main__":
    print(*write_dated(), sep="\n")
