"""Write the bundled demo roster `northwind_roster.xlsx` (seeded; run `python -m app.sample_data.make_sample`).

The file looks like a Workday custom report: title rows above the header, a merged category row over the skill
columns, FTE as %, some weekly hours, skill levels 1–5 with a few words, blank rows, a Total row, one duplicate id,
one missing name and columns Phasegate does not use. Everyone in it is fictional.
"""
from __future__ import annotations

import io
import random
import re
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

SEED = 20261124
OUT = Path(__file__).with_name("northwind_roster.xlsx")

FIRST = ["Ada", "Bram", "Cleo", "Dario", "Esme", "Felix", "Greta", "Hugo", "Ines", "Jonah", "Kaia", "Lars", "Mira",
         "Nico", "Odile", "Pavel", "Quinn", "Rosa", "Soren", "Tilde", "Umar", "Vera", "Wren", "Xavi", "Yara", "Zeno"]
LAST = ["Fernwhistle", "Quillby", "Marrowgate", "Thistlecombe", "Puddingfield", "Larkspur", "Copperkettle",
        "Brambleton", "Inkwell", "Mossgrove", "Pebbleworth", "Tinderbox", "Wafflestone", "Gingerbrook"]
SKILLS = ["Python", "Machine Learning", "Deep learning", "Statistics", "NLP", "GenAI", "Feature engineering",
          "Data engineering", "SQL", "Airflow", "Data quality", "Data contracts", "Drift monitoring", "MLOps",
          "Model serving", "MLflow", "Kubernetes admin", "Docker", "Cloud platforms", "SRE", "Incident management",
          "Software engineering", "API design", "Testing", "Model risk", "Compliance", "Responsible AI", "GDPR",
          "Change management", "Process redesign", "Training design", "Stakeholder management",
          "Project management", "Product management", "Domain knowledge", "Actuarial pricing"]
#: Archetypes: title, organisation, how many, skills with a typical level. Few MLOps/governance/change people.
ARCHETYPES = [
    ("Data Scientist", "Data Science", 18, {"Python": 4, "Machine Learning": 4, "Statistics": 4, "Deep learning": 3,
                                            "SQL": 3, "Feature engineering": 3, "NLP": 2, "GenAI": 2,
                                            "Domain knowledge": 2}),
    ("ML Engineer", "Data Science", 9, {"Python": 4, "Machine Learning": 3, "Deep learning": 3, "Docker": 3,
                                        "Software engineering": 3, "GenAI": 3, "Actuarial pricing": 3, "Model serving": 2,
                                        "MLflow": 2}),
    ("Data Engineer", "Data Platform", 12, {"Python": 3, "SQL": 5, "Data engineering": 4, "Airflow": 4,
                                            "Data quality": 2, "Cloud platforms": 3, "Docker": 2}),
    ("MLOps Engineer", "Data Platform", 2, {"MLOps": 4, "Drift monitoring": 4, "Model serving": 4, "MLflow": 4,
                                            "Kubernetes admin": 4, "Docker": 4, "Python": 3, "Cloud platforms": 3}),
    ("Site Reliability Engineer", "Infrastructure", 3, {"SRE": 4, "Kubernetes admin": 4, "Incident management": 4,
                                                        "Cloud platforms": 4, "Docker": 3}),
    ("Software Engineer", "Digital Products", 12, {"Software engineering": 4, "API design": 4, "Testing": 3,
                                                   "Python": 2, "Docker": 3, "SQL": 3}),
    ("Model Risk Analyst", "Risk & Compliance", 2, {"Model risk": 4, "Compliance": 4, "Responsible AI": 3,
                                                    "Statistics": 3, "GDPR": 3}),
    ("Change Manager", "Operations Excellence", 1, {"Change management": 5, "Training design": 4,
                                                    "Stakeholder management": 4, "Process redesign": 3}),
    ("Business Analyst", "Operations Excellence", 7, {"Process redesign": 3, "Domain knowledge": 4,
                                                      "Stakeholder management": 3, "SQL": 2}),
    ("Delivery Manager", "PMO", 4, {"Project management": 4, "Stakeholder management": 4, "Change management": 1}),
    ("Product Manager", "Digital Products", 4, {"Product management": 4, "Domain knowledge": 4,
                                                "Stakeholder management": 3}),
    ("Claims Specialist", "Claims Operations", 5, {"Domain knowledge": 5, "Process redesign": 2}),
]
INITIATIVES = ["Claims Triage Assistant", "Churn Predictor", "Contract Analyzer", "Demand Forecasting"]
LOCATIONS = ["Rotterdam", "Lisbon", "Kraków", "Manchester", "Remote"]
WORDS = {2: "Beginner", 3: "Intermediate", 4: "Advanced", 5: "Expert"}
BADGES = ["teal", "amber", "violet", "silver"]


def _people(rng: random.Random) -> list[dict]:
    people = []
    used_names: set[str] = set()
    n = 0
    for title, org, count, skills in ARCHETYPES:
        for _ in range(count):
            n += 1
            while True:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                if name not in used_names:
                    used_names.add(name)
                    break
            levels = {}
            for skill, base in skills.items():
                level = max(1, min(5, base + rng.choice([-1, 0, 0, 0, 1])))
                levels[skill] = WORDS[level] if level in WORDS and rng.random() < 0.05 else level
            for skill in rng.sample(SKILLS, 2):  # a little breadth
                levels.setdefault(skill, rng.choice([1, 1, 2]))
            people.append({"id": f"NW{1000 + n:05d}", "name": name, "title": title, "org": org, "skills": levels})
    rng.shuffle(people)
    return people


def _assignments(rng: random.Random, people: list[dict]) -> None:
    plan = {"Claims Triage Assistant": ("Data Scientist", "ML Engineer", "Data Engineer", "Software Engineer",
                                        "Claims Specialist", "Product Manager"),
            "Churn Predictor": ("Data Scientist", "ML Engineer", "MLOps Engineer", "Data Engineer",
                                "Delivery Manager", "Site Reliability Engineer"),
            "Contract Analyzer": ("Data Scientist", "ML Engineer", "Business Analyst"),
            "Demand Forecasting": ("Data Scientist", "Data Engineer", "MLOps Engineer", "Site Reliability Engineer")}
    wanted = {"Claims Triage Assistant": 9, "Churn Predictor": 7, "Contract Analyzer": 4, "Demand Forecasting": 5}
    for initiative in INITIATIVES:
        pool = [p for p in people if p["title"] in plan[initiative] and "initiative" not in p]
        for p in pool[:wanted[initiative]]:
            p["initiative"] = initiative
            p["allocation"] = rng.choice(["50%", "60%", "80%", "100%", "40%"])
            p["status"] = rng.choice(["Confirmed", "Confirmed", "Confirmed", "Tentative"])


def build_workbook(seed: int = SEED) -> openpyxl.Workbook:
    """The demo roster workbook (deterministic for a seed)."""
    rng = random.Random(seed)
    people = _people(rng)
    _assignments(rng, people)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Worker Skills"
    ws.append(["Northwind Mutual — Worker Skills and Assignments"])
    ws.append(["Workday custom report NW_SKILLS_042 · run 2026-11-02 08:14 · Confidential: HR use only"])
    ws.append([])
    fields = ["Employee ID", "Worker", "Business Title", "Supervisory Organization", "Location", "Cost Center",
              "Manager", "Email", "FTE", "Scheduled Weekly Hours", "Hire Date", "Annual Cost", "Current Initiative",
              "Allocation %", "Assignment status", "Status", "Badge colour", "Parking spot"]
    categories = ["Worker"] + [None] * 11 + ["Current assignment", None, None, "HR", None, None]
    ws.append(categories + ["Skills (1 = awareness … 5 = expert)"] + [None] * (len(SKILLS) - 1))
    ws.append(fields + SKILLS)
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=12)
    ws.merge_cells(start_row=4, start_column=13, end_row=4, end_column=15)
    ws.merge_cells(start_row=4, start_column=16, end_row=4, end_column=18)
    ws.merge_cells(start_row=4, start_column=19, end_row=4, end_column=18 + len(SKILLS))
    for row in (1, 4, 5):
        for cell in ws[row]:
            cell.font = Font(bold=True)
    managers = {p["org"]: p["name"] for p in people}
    cost_centers = {org: f"CC-{410 + 7 * i}" for i, org in enumerate(sorted(managers))}
    for i, p in enumerate(people):
        part_time = rng.random() < 0.15
        weekly = rng.choice([24, 32, 36]) if part_time and rng.random() < 0.5 else None
        fte = None if weekly else (rng.choice(["60%", "80%", "90%"]) if part_time else "100%")
        hired = date(2012, 1, 1) + timedelta(days=rng.randint(0, 4800))
        cost = rng.randrange(70_000, 150_000, 500) if p["title"] != "Claims Specialist" else rng.randrange(48_000, 60_000, 500)
        first, last = p["name"].split(" ")
        row = [p["id"], p["name"], p["title"], p["org"], rng.choice(LOCATIONS), cost_centers[p["org"]],
               managers[p["org"]] if managers[p["org"]] != p["name"] else None,
               f"{first.lower()}.{last.lower()}@northwind.example", fte, weekly, hired, cost,
               p.get("initiative"), p.get("allocation"), p.get("status"),
               "On leave" if rng.random() < 0.04 else "Active", rng.choice(BADGES), f"P{rng.randint(1, 240)}"]
        row += [p["skills"].get(s) for s in SKILLS]
        ws.append(row)
        if i in (22, 51):
            ws.append([])
    dup = people[10]
    ws.append([dup["id"], "Marlowe Duplicateson", "Data Scientist", "Data Science", "Lisbon", "CC-101", None,
               "marlowe@northwind.example", "100%", None, date(2024, 3, 1), 90_000] + [None] * 6 + [3, 3])
    ws.append(["NW09999", None, "Data Engineer", "Data Platform", "Remote", "CC-102", None, None, "100%", None,
               date(2025, 5, 5), 88_000] + [None] * 6 + [None] * 7 + [4])
    ws.append([])
    ws.append(["Total", f"{len(people) + 2} workers"])
    for column, width in zip("ABCDEFGHIJKLMNOP", (11, 22, 24, 22, 12, 10, 22, 32, 7, 9, 11, 11, 24, 10, 12, 9),
                             strict=True):
        ws.column_dimensions[column].width = width
    for cell in ws[4]:
        cell.alignment = Alignment(horizontal="center")
    for row in ws.iter_rows(min_row=6, min_col=11, max_col=11):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    wb.properties.creator = "Phasegate sample generator"
    wb.properties.created = wb.properties.modified = datetime(2026, 11, 2, 8, 14)
    return wb


def _fixed_timestamps(data: bytes) -> bytes:
    """The same archive with fixed member timestamps, so the committed file changes only when its content does."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 2, 8, 14, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-11-02T08:14:00Z", content)
            dst.writestr(fixed, content)
    return out.getvalue()


def write_sample(path: Path = OUT, *, seed: int = SEED) -> Path:
    """Writes the demo roster and returns its path."""
    buffer = io.BytesIO()
    build_workbook(seed).save(buffer)
    path.write_bytes(_fixed_timestamps(buffer.getvalue()))
    return path


if __name__ == "__main__":
    print(write_sample())
