"""Build pydantic models from values the importer has already checked, without per-field re-validation.

pydantic's `model_construct` costs more than full validation on this version, and the import hot path builds a
hundred thousand people; these helpers set the same four slots `model_construct` sets, nothing more.
"""
from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from app.domain.people import Person, SkillLevel, SourceRef

M = TypeVar("M", bound=BaseModel)
_new = object.__new__
_set = object.__setattr__
_PERSON_FIELDS = frozenset(Person.model_fields)
#: Person field order, so hot-path dicts can be built complete and in order.
PERSON_FIELD_ORDER = tuple(Person.model_fields)


def checked(cls: type[M], values: dict[str, Any], fields_set: frozenset[str] | set[str]) -> M:
    """An instance of `cls` holding `values` as given (every field present; the caller has validated them)."""
    obj = _new(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", set(fields_set))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def person(values: dict[str, Any]) -> Person:
    """A Person from checked values; fields not given take their defaults (fresh lists and dicts)."""
    full = {
        "title": None, "organisation": None, "location": None, "cost_center": None, "manager": None,
        "email": None, "fte": 1.0, "start_date": None, "cost_rate": None, "available": True,
    }
    full.update(values)
    for key in ("skills", "commitments", "extra"):
        if key not in full:
            full[key] = {} if key != "commitments" else []
    if "source" not in full:
        full["source"] = checked(SourceRef, {"file": None, "sheet": None, "row": None}, ())
    ordered = {name: full[name] for name in Person.model_fields}
    return checked(Person, ordered, set(values) & _PERSON_FIELDS)


def source_ref(file: str | None, sheet: str | None, row: int | None) -> SourceRef:
    """A SourceRef from known-good values."""
    return checked(SourceRef, {"file": file, "sheet": sheet, "row": row}, {"file", "sheet", "row"})


def skill_level(level: int, evidence: Any, scale: str | None, value: str | None) -> SkillLevel:
    """A SkillLevel from known-good values (level already within 0–5)."""
    return checked(SkillLevel, {"level": level, "evidence": evidence, "source_scale": scale, "source_value": value},
                   {"level", "evidence", "source_scale", "source_value"})
