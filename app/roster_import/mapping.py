"""Suggest where each source column goes: HRIS synonyms first, then fuzzy matches with a confidence."""
from __future__ import annotations

from rapidfuzz import fuzz, process

from app.domain.skills import SkillCatalogue, normalise_key
from app.roster_import.models import ColumnMapping, ColumnTarget, ImportOptions

#: Column names used by Workday, BambooHR, SuccessFactors and home-made rosters, per target.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("employee id", "employee #", "employee number", "employee no", "emp id", "emp no", "eeid", "ee id",
           "worker id", "userid", "user id", "person id", "personnel number", "personnel no", "staff id",
           "staff number", "id", "employee code", "associate id", "person number", "personid external"),
    "name": ("name", "worker", "full name", "employee name", "legal name", "display name", "worker name",
             "preferred name", "person", "employee", "staff name", "fullname"),
    "first_name": ("first name", "firstname", "given name", "forename", "legal first name", "first"),
    "last_name": ("last name", "lastname", "surname", "family name", "legal last name", "last"),
    "title": ("business title", "job title", "title", "position", "job profile", "position title", "job",
              "role", "job role", "jobtitle", "job code"),
    "organisation": ("supervisory organization", "supervisory organisation", "department", "division",
                     "organization", "organisation", "team", "business unit", "org unit", "org", "dept",
                     "function", "division name", "department name"),
    "location": ("location", "work location", "office", "site", "city", "location name", "primary work location"),
    "cost_center": ("cost center", "cost centre", "cost center id", "cost centre id", "costcenter", "cc"),
    "manager": ("manager", "supervisor", "line manager", "reports to", "manager name", "direct manager",
                "managerid", "manager id", "supervisor name", "people manager", "manager full name"),
    "email": ("email", "e mail", "work email", "email address", "business email", "primary work email",
              "mail", "e mail address"),
    "fte": ("fte", "fte %", "fte percent", "full time equivalent", "capacity", "contract fte", "fte percentage",
            "time type %", "working time %", "employment percentage"),
    "weekly_hours": ("scheduled weekly hours", "weekly hours", "hours per week", "standard hours",
                     "working hours", "contracted hours", "default weekly hours", "hours"),
    "start_date": ("hire date", "start date", "original hire date", "date of joining", "joining date",
                   "hiredate", "start", "date hired", "employment start"),
    "cost_rate": ("cost rate", "annual cost", "loaded cost", "cost per fte", "fully loaded cost",
                  "annual cost rate", "internal rate"),
    "salary": ("salary", "annual salary", "base salary", "base pay", "compensation", "total base pay",
               "annual base", "pay rate", "annual base salary"),
    "initiative": ("current initiative", "initiative", "project", "current project", "assignment",
                   "current assignment", "programme", "program"),
    "initiative_fte": ("allocation %", "allocation", "allocation percent", "project fte", "initiative fte",
                       "% allocated", "assignment %", "allocation fte", "allocated fte", "project allocation"),
    "commitment_status": ("assignment status", "allocation status", "commitment status", "staffing status",
                          "project status"),
    "available": ("available", "availability", "status", "employment status", "worker status", "active",
                  "employee status"),
    "skills_list": ("skills", "skill list", "competencies", "key skills", "skill set", "skillset",
                    "technical skills", "skills and levels"),
    "skill_name": ("skill", "skill name", "competency", "capability", "competency name"),
    "skill_level": ("proficiency", "level", "proficiency level", "rating", "skill level", "score",
                    "competency level", "proficiency rating"),
    "evidence": ("evidence", "rating source", "assessed by", "validated by", "verification", "source of rating",
                 "assessment type"),
}
_KEY_TO_TARGET: dict[str, str] = {normalise_key(s): t for t, names in SYNONYMS.items() for s in names}
_CHOICES = list(_KEY_TO_TARGET)
#: Targets that take at most one column.
SINGLE_TARGETS = frozenset(t for t in SYNONYMS if t not in ("skills_list",))


def exact_target(header: str) -> str | None:
    """The target a header names exactly (after folding case and punctuation), or None."""
    return _KEY_TO_TARGET.get(normalise_key(header))


def fuzzy_target(header: str, *, threshold: float) -> tuple[str, float] | None:
    """The closest synonym's target and confidence (0–1) when above the threshold (%)."""
    key = normalise_key(header)
    if not key or len(key) < 3:
        return None
    found = process.extractOne(key, _CHOICES, scorer=fuzz.WRatio, score_cutoff=threshold)
    if not found:
        return None
    return _KEY_TO_TARGET[found[0]], round(found[1] / 100, 2)


def match_skill(header: str, catalogue: SkillCatalogue, *, threshold: float) -> tuple[str, float] | None:
    """A catalogue skill id for a name: exact/alias (1.0) or fuzzy above the threshold, else None."""
    exact = catalogue.resolve(header)
    if exact:
        return exact, 1.0
    key = normalise_key(header)
    if len(key) < 2:
        return None
    keys = catalogue.keys()
    squashed = {k.replace(" ", ""): v for k, v in keys.items()}
    best: tuple[str, float] | None = None
    for choices, probe in ((keys, key), (squashed, key.replace(" ", ""))):
        found = process.extractOne(probe, list(choices), scorer=fuzz.WRatio, score_cutoff=threshold)
        if found and (best is None or found[1] / 100 > best[1]):
            # not an exact or alias match, so never full confidence
            best = (choices[found[0]], min(0.99, round(found[1] / 100, 2)))
    return best


def suggest_mapping(
    headers: list[str],
    *,
    catalogue: SkillCatalogue,
    options: ImportOptions | None = None,
    categories: list[str | None] | None = None,
    skill_like: list[bool] | None = None,
) -> ColumnMapping:
    """A mapping suggestion for these headers: synonyms, then fuzzy field names, skills, else kept as extra."""
    options = options or ImportOptions()
    columns: dict[str, ColumnTarget] = {}
    taken: set[str] = set()
    pending: list[int] = []
    for i, header in enumerate(headers):
        target = exact_target(header)
        if target and (target not in SINGLE_TARGETS or target not in taken):
            columns[header] = ColumnTarget(target=target, confidence=1.0)
            taken.add(target)
        else:
            pending.append(i)
    for i in pending:
        header = headers[i]
        category = (categories[i] if categories else None) or ""
        under_skills = any(w in category.lower() for w in ("skill", "competenc", "capabilit", "proficien"))
        looks_level = bool(skill_like and skill_like[i])
        skill = match_skill(header, catalogue, threshold=options.skill_match_threshold)
        fuzzy = None if under_skills else fuzzy_target(header, threshold=options.column_match_threshold)
        if fuzzy and fuzzy[0] not in taken and not (skill and skill[1] >= fuzzy[1]) and not looks_level:
            columns[header] = ColumnTarget(target=fuzzy[0], confidence=fuzzy[1])
            taken.add(fuzzy[0])
        elif skill and (looks_level or under_skills or skill[1] == 1.0):
            columns[header] = ColumnTarget(target="skill", confidence=skill[1], skill_id=skill[0])
        elif looks_level and (under_skills or skill_like is not None):
            columns[header] = ColumnTarget(target="skill", confidence=0.6 if under_skills else 0.5)
        else:
            columns[header] = ColumnTarget(target="extra", confidence=1.0)
    return ColumnMapping(columns=columns)
