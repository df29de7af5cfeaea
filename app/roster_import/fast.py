"""Build pydantic models from values the importer has already checked, without per-field re-validation.

pydantic's `model_construct` costs more than full validation on this version, and the import hot path builds a
hundred thousand people; these helpers set the same four slots `model_construct` sets, nothing more.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from itertools import repeat
from typing import Any, TypeVar

from pydantic import BaseModel

from app.domain.people import Person, SkillLevel, SourceRef

M = TypeVar("M", bound=BaseModel)
_new = object.__new__
_set = object.__setattr__
_PERSON_FIELDS = frozenset(Person.model_fields)
#: Person field order, so hot-path dicts can be built complete and in order.
PERSON_FIELD_ORDER = tuple(Person.model_fields)
#: Rows per slice of a bulk step. A C-level loop never hands the GIL over: over 20,000 rows one held it ~50 ms while
#: the wizard's window waited; over 2,048 rows a slice takes 1-3 ms, and the interpreter can switch between slices.
SLICE = 2048


def slices(n: int, size: int = SLICE) -> list[range]:
    """The ranges [0, size), [size, 2·size) … covering 0..n, for doing a bulk step a slice at a time."""
    return [range(start, min(start + size, n)) for start in range(0, n, size)]


def drop(*containers: list | dict) -> None:
    """Empties `containers` a slice at a time (dicts an item at a time): what only they held is freed in small steps.

    Dropped whole, the rows of a 100,000-row sheet are one deallocation cascade of 2.5 million objects in C that held
    the GIL 50-100 ms; a slice of rows frees in ~1 ms and the interpreter can switch threads between slices.
    """
    for box in containers:
        if isinstance(box, dict):
            while box:
                box.popitem()
        else:
            while box:
                del box[-SLICE:]


def _dicts_maker(fields: tuple[str, ...]) -> Callable[[list[Iterable]], list[dict[str, Any]]]:
    """A function zipping columns into dicts keyed by `fields`, generated once (as dataclasses generate __init__).

    A dict display in a comprehension builds each dict at its final size with its keys in order; dict(zip(...))
    creates a zip per row and grows the dict twice on the way to 16 keys (about 20 % slower for 100,000 people).
    """
    if not all(f.isidentifier() for f in fields):
        raise ValueError("field names must be identifiers")
    names = [f"v{i}" for i in range(len(fields))]
    display = ", ".join(f"{f!r}: {v}" for f, v in zip(fields, names, strict=True))
    source = (f"def make(columns):\n"
              f"    return [{{{display}}} for {', '.join(names)} in zip(*columns, strict=False)]\n")
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<{len(fields)}-field dicts>", "exec"), namespace)  # noqa: S102 - our own field names
    return namespace["make"]


#: columns (one per Person field, in PERSON_FIELD_ORDER; endless repeat() columns allowed) → one dict per row.
person_dicts = _dicts_maker(PERSON_FIELD_ORDER)


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
        "email": None, "fte": 1.0, "start_date": None, "leaving_date": None, "cost_rate": None, "available": True,
        "absences": (),
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


def many(cls: type[M], dicts: Iterable[dict[str, Any]], fields: tuple[str, ...], count: int,
         shells: list[M] | None = None) -> list[M]:
    """`count` instances of a pydantic model from checked, complete field dicts, set in C-level loops.

    When `fields` names every field of the model, the instances share one fields-set: pydantic only ever adds field
    names to it (on attribute assignment), which changes nothing in a set that already holds them all, and it saves
    a set per object (memory, and work for the garbage collector). `shells` (from `shells()`) are filled instead of
    new objects when given; they must number `count`.
    """
    setter = _set
    if shells is not None:
        deque(map(setter, shells, repeat("__dict__"), dicts), maxlen=0)
        return shells
    objs = list(map(_new, repeat(cls, count)))
    deque(map(setter, objs, repeat("__dict__"), dicts), maxlen=0)
    every = set(fields)
    field_sets = repeat(every, count) if every == set(cls.model_fields) else map(set.copy, repeat(every, count))
    deque(map(setter, objs, repeat("__pydantic_fields_set__"), field_sets), maxlen=0)
    deque(map(setter, objs, repeat("__pydantic_extra__"), repeat(None, count)), maxlen=0)
    deque(map(setter, objs, repeat("__pydantic_private__"), repeat(None, count)), maxlen=0)
    return objs


def shells(cls: type[M], count: int) -> list[M]:
    """`count` instances of `cls` with every field marked set and no `__dict__` yet: fill them with `many`."""
    objs = list(map(_new, repeat(cls, count)))
    setter = _set
    deque(map(setter, objs, repeat("__pydantic_fields_set__"), repeat(set(cls.model_fields), count)), maxlen=0)
    deque(map(setter, objs, repeat("__pydantic_extra__"), repeat(None, count)), maxlen=0)
    deque(map(setter, objs, repeat("__pydantic_private__"), repeat(None, count)), maxlen=0)
    return objs


