"""Where a source column can go, in the importer's names and in the words the window and the CLI show."""
from __future__ import annotations

#: Person fields a column can fill, plus helper targets combined into Person fields (first + last name, hours a week
#: or a month → FTE,
#: salary → cost rate, status words and leaving dates → availability).
PERSON_TARGETS: tuple[str, ...] = (
    "id", "name", "first_name", "last_name", "title", "organisation", "location", "cost_center", "manager",
    "email", "fte", "weekly_hours", "monthly_hours", "start_date", "leaving_date", "cost_rate", "salary", "initiative",
    "initiative_fte", "commitment_status", "initiative_start", "initiative_end", "committed_elsewhere", "available",
    "employment_status", "left",
)
#: Targets that describe skills rather than person fields.
SKILL_TARGETS: tuple[str, ...] = ("skill", "skills_list", "list_level", "skill_name", "skill_level", "skill_evidence",
                                   "evidence")
#: Keep a column with each person verbatim, or leave it out (with the reason recorded).
KEEP, LEAVE_OUT = "extra", "ignore"
OTHER_TARGETS: tuple[str, ...] = (KEEP, LEAVE_OUT)
ALL_TARGETS = frozenset(PERSON_TARGETS + SKILL_TARGETS + OTHER_TARGETS)
#: Targets that take many columns; every other target takes at most one.
MANY = frozenset({"skill", "skills_list", "list_level", KEEP, LEAVE_OUT})

#: The words shown for each target (the window's mapping page, the CLI's questions, the summaries).
LABELS: dict[str, str] = {
    "id": "Employee id",
    "name": "Name",
    "first_name": "First name",
    "last_name": "Last name",
    "title": "Job title",
    "organisation": "Department",
    "location": "Location",
    "cost_center": "Cost center",
    "manager": "Manager",
    "email": "Email",
    "fte": "FTE (share of full time)",
    "weekly_hours": "Weekly hours",
    "monthly_hours": "Hours a month",
    "start_date": "Start date",
    "leaving_date": "Leaving date",
    "cost_rate": "Yearly cost",
    "salary": "Salary (used as yearly cost)",
    "initiative": "Current initiative",
    "initiative_fte": "Share of time on that initiative",
    "commitment_status": "Assignment confirmed or tentative",
    "initiative_start": "Start on that initiative",
    "initiative_end": "End on that initiative (roll-off date)",
    "committed_elsewhere": "Share of time booked on other work (no initiative named)",
    "available": "Available (yes / no)",
    "employment_status": "Employment status (active, on leave, left…)",
    "left": "Has left (yes / no)",
    "skill": "Level in one skill (skills matrix)",
    "skills_list": "Skills listed in one cell",
    "list_level": "Level of the skill in a numbered skill column (Skill 1 → Level 1)",
    "skill_name": "Skill name (one row per skill)",
    "skill_level": "Skill level (one row per skill)",
    "skill_evidence": "How the level is known",
    "evidence": "How the level is known",
    KEEP: "Keep with the person (extra field)",
    LEAVE_OUT: "Leave out",
}


def label(target: str) -> str:
    """The business words for a target ('extra' → 'Keep with the person (extra field)')."""
    return LABELS.get(target, target)


def target_of_label(text: str) -> str | None:
    """The target whose words these are (the inverse of `label`), or None."""
    return next((t for t, words in LABELS.items() if words == text), None)
