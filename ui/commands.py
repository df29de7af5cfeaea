"""The user's edits as undoable commands over a ProjectDocument; each validates before it changes anything."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.domain import Person, PhaseTemplate, RoleTemplate, SkillLevel
from app.domain.people import Evidence
from app.domain.roles import Phase, SkillRequirement
from ui.document import ProjectDocument
from ui.undo import Command


class EditRejected(ValueError):
    """An edit that would break a domain rule; str() is the one line shown to the user."""


def first_error(exc: ValidationError) -> str:
    """The first pydantic error as a short sentence ('fte: must be greater than 0')."""
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ()) if p != "__root__")
    message = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def validated(model: type, data: dict[str, Any]) -> Any:
    """The model built from `data`, or EditRejected with the first problem in one line."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise EditRejected(first_error(exc)) from None


def _first_name(person: Person) -> str:
    return person.name.split()[0] if person.name.split() else person.id


#: The name a project started from a roster has until its first import names it after the file.
NEW_PROJECT = "New project"

FIELD_LABELS = {
    "name": "name", "title": "title", "organisation": "organisation", "location": "location",
    "fte": "FTE", "available": "availability", "cost_rate": "cost rate", "manager": "manager",
}


class SetPersonField(Command):
    """Change one field of one person ('Set Ana's FTE to 0.8')."""

    def __init__(self, doc: ProjectDocument, *, row: int, field: str, value: Any) -> None:
        self.doc, self.row = doc, row
        self.before = doc.people[row]
        self.after = validated(Person, {**self.before.model_dump(), field: value})
        shown = "available" if value is True else "unavailable" if value is False else value
        label = FIELD_LABELS.get(field, field)
        self.text = f"Set {_first_name(self.before)}'s {label} to {shown}"

    def do(self) -> None:
        """Apply the edit."""
        self.doc.set_person(self.row, self.after)

    def undo(self) -> None:
        """Revert the edit."""
        self.doc.set_person(self.row, self.before)


class SetPersonSkill(Command):
    """Set one person's level in one skill (0 removes it), kept as manager-rated evidence."""

    def __init__(self, doc: ProjectDocument, *, row: int, skill_id: str, level: int, skill_name: str = "") -> None:
        self.doc, self.row = doc, row
        self.before = doc.people[row]
        skills = dict(self.before.skills)
        if level <= 0:
            skills.pop(skill_id, None)
        else:
            skills[skill_id] = validated(SkillLevel, {"level": level, "evidence": Evidence.MANAGER})
        self.after = self.before.model_copy(update={"skills": skills})
        self.text = f"Set {_first_name(self.before)}'s {skill_name or skill_id} to {level}"

    def do(self) -> None:
        """Apply the edit."""
        self.doc.set_person(self.row, self.after)

    def undo(self) -> None:
        """Revert the edit."""
        self.doc.set_person(self.row, self.before)


class AddPerson(Command):
    """Add a person to the roster."""

    def __init__(self, doc: ProjectDocument, *, person: Person, row: int | None = None) -> None:
        if doc.row_of(person.id) >= 0:
            raise EditRejected(f"employee id '{person.id}' is already in the roster")
        self.doc, self.person = doc, person
        self.row = len(doc.people) if row is None else row
        self.text = f"Add {person.name}"

    def do(self) -> None:
        """Apply the edit."""
        self.doc.insert_person(self.row, self.person)

    def undo(self) -> None:
        """Revert the edit."""
        self.doc.remove_person(self.row)


class RemovePerson(Command):
    """Remove a person from the roster."""

    def __init__(self, doc: ProjectDocument, *, row: int) -> None:
        self.doc, self.row = doc, row
        self.person = doc.people[row]
        self.text = f"Remove {self.person.name}"

    def do(self) -> None:
        """Apply the edit."""
        self.doc.remove_person(self.row)

    def undo(self) -> None:
        """Revert the edit."""
        self.doc.insert_person(self.row, self.person)


class SetTemplate(Command):
    """Replace a phase template with an edited, validated copy (base of every template edit)."""

    def __init__(self, doc: ProjectDocument, *, phase: Phase, after: PhaseTemplate, text: str) -> None:
        self.doc, self.phase, self.text = doc, phase, text
        self.before = doc.project.templates.get(phase)
        self.after = after

    def do(self) -> None:
        """Apply the edit."""
        self.doc.set_template(self.phase, self.after)

    def undo(self) -> None:
        """Revert the edit."""
        if self.before is None:
            self.doc.project.templates.pop(self.phase, None)
            self.doc.templates_changed.emit()
        else:
            self.doc.set_template(self.phase, self.before)


#: Role fields as an undo text names them.
ROLE_FIELDS = {"fte": "FTE per person", "headcount": "headcount", "criticality": "criticality", "name": "name"}


def _skill(doc: ProjectDocument, skill_id: str) -> str:
    catalogue = doc.project.catalogue
    return catalogue.name_of(skill_id) if catalogue is not None else skill_id


def _template(doc: ProjectDocument, phase: Phase) -> PhaseTemplate:
    return doc.project.templates.get(phase) or PhaseTemplate(phase=phase, name=phase.label)


def add_role(doc: ProjectDocument, *, phase: Phase, role: RoleTemplate) -> SetTemplate:
    """Command adding a role to a phase ('Add MLOps engineer to Production')."""
    tpl = _template(doc, phase)
    data = tpl.model_dump()
    data["roles"] = [*data["roles"], role.model_dump()]
    return SetTemplate(doc, phase=phase, after=validated(PhaseTemplate, data),
                       text=f"Add {role.name} to {phase.label}")


def remove_role(doc: ProjectDocument, *, phase: Phase, role_id: str) -> SetTemplate:
    """Command removing a role from a phase."""
    tpl = _template(doc, phase)
    role = tpl.role(role_id)
    if role is None:
        raise EditRejected(f"{phase.label} has no role '{role_id}'")
    after = tpl.model_copy(update={"roles": [r for r in tpl.roles if r.id != role_id]})
    return SetTemplate(doc, phase=phase, after=after, text=f"Remove {role.name} from {phase.label}")


def edit_role(doc: ProjectDocument, *, phase: Phase, role_id: str, changes: dict[str, Any]) -> SetTemplate:
    """Command changing fields of a role ('Set MLOps engineer headcount to 2'), validated."""
    tpl = _template(doc, phase)
    role = tpl.role(role_id)
    if role is None:
        raise EditRejected(f"{phase.label} has no role '{role_id}'")
    new_role = validated(RoleTemplate, {**role.model_dump(), **changes})
    data = tpl.model_dump()
    data["roles"] = [new_role.model_dump() if r.id == role_id else r.model_dump() for r in tpl.roles]
    what = ", ".join(f"{ROLE_FIELDS.get(k, k.replace('_', ' '))} {v:g}" if isinstance(v, float) else
                     f"{ROLE_FIELDS.get(k, k.replace('_', ' '))} {v}" for k, v in changes.items()
                     if k not in ("required", "optional"))
    return SetTemplate(doc, phase=phase, after=validated(PhaseTemplate, data),
                       text=f"Set {role.name} on {phase.label}: {what}" if what else f"Edit {role.name}")


def set_requirement(
    doc: ProjectDocument, *, phase: Phase, role_id: str, requirement: SkillRequirement, optional: bool = False
) -> SetTemplate:
    """Command adding or changing one skill requirement of a role."""
    tpl = _template(doc, phase)
    role = tpl.role(role_id)
    if role is None:
        raise EditRejected(f"{phase.label} has no role '{role_id}'")
    key = "optional" if optional else "required"
    reqs = [r for r in getattr(role, key) if r.skill != requirement.skill] + [requirement]
    cmd = edit_role(doc, phase=phase, role_id=role_id, changes={key: [r.model_dump() for r in reqs]})
    cmd.text = f"Require {_skill(doc, requirement.skill)} ≥ {requirement.min_level} for {role.name}"
    return cmd


def remove_requirement(doc: ProjectDocument, *, phase: Phase, role_id: str, skill_id: str) -> SetTemplate:
    """Command dropping a skill requirement from a role."""
    tpl = _template(doc, phase)
    role = tpl.role(role_id)
    if role is None:
        raise EditRejected(f"{phase.label} has no role '{role_id}'")
    changes = {
        "required": [r.model_dump() for r in role.required if r.skill != skill_id],
        "optional": [r.model_dump() for r in role.optional if r.skill != skill_id],
    }
    cmd = edit_role(doc, phase=phase, role_id=role_id, changes=changes)
    cmd.text = f"Drop {_skill(doc, skill_id)} from {role.name}"
    return cmd


class ReplaceRoster(Command):
    """Replace the whole roster with an import's people, recording its source and new custom skills; names in the
    roster's initiative column that the project lacks become initiatives (defaults, to review) in the same step."""

    def __init__(self, doc: ProjectDocument, *, people: list[Person], source: Any, new_skills: list[dict]) -> None:
        from app.domain import Roster
        from app.project.from_roster import catalogue_with, portfolio_with_roster

        self.doc = doc
        project = doc.project
        self.before = (list(doc.people), project.source, project.catalogue, project.portfolio, project.name)
        file_name = getattr(source, "file_name", None) or ""
        # a new project takes its roster's name, as `phasegate new` does (else it stayed "New project" for good:
        # in the title, the recent list and every export's file name)
        first = project.name == NEW_PROJECT and doc.path is None and not doc.people and Path(file_name).stem
        name = Path(file_name).stem if first else project.name
        if project.catalogue is None:
            from ui.template_cache import default_catalogue

            catalogue = default_catalogue()
        else:
            catalogue = project.catalogue
        portfolio, self.added = portfolio_with_roster(project.portfolio, Roster.model_construct(people=people))
        self.after = (list(people), source, catalogue_with(catalogue, new_skills), portfolio, name)
        self.text = f"Import {len(people):,} people from {getattr(source, 'file_name', None) or 'a roster'}"
        if self.added:
            names = ", ".join(i.name for i in self.added)
            self.text += f" (new initiative{'s' if len(self.added) > 1 else ''}: {names})"

    def _apply(self, state: tuple, *, review: bool) -> None:
        people, source, catalogue, portfolio, name = state
        self.doc.project.name = name
        self.doc.project.source = source
        self.doc.project.catalogue = catalogue
        self.doc.project.portfolio = portfolio
        self.doc.mark_for_review([i.id for i in self.added], review)
        self.doc.set_roster(list(people))  # every view of the portfolio follows the project's replacement too

    def do(self) -> None:
        """Apply the edit."""
        self._apply(self.after, review=True)

    def undo(self) -> None:
        """Revert the edit."""
        self._apply(self.before, review=False)
