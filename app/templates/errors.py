"""One-line template errors naming the file, role, field or skill, built from YAML and pydantic failures."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from rapidfuzz import process

from app.errors import TemplateError
from role_templates import DATA_DIR


class TemplateFileError(TemplateError):
    """A template file is invalid: `FILE, role 'R', field 'F': message` in one line."""

    def __init__(
        self, message: str, *, file: str, role: str | None = None, field: str | None = None,
        skill: str | None = None, line: int | None = None,
    ) -> None:
        self.role, self.field, self.skill, self.line = role, field, skill, line
        super().__init__(message, file=file)

    def one_line(self) -> str:
        """`file, line N, role 'R', field 'F', skill 'S': message` with the parts that are known."""
        where = [self.file or "template"]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.role:
            where.append(f"role '{self.role}'")
        if self.field:
            where.append(f"field '{self.field}'")
        if self.skill:
            where.append(f"skill '{self.skill}'")
        return f"{', '.join(where)}: {' '.join(self.message.split())}"


def display_path(path: Path | str) -> str:
    """How a template file is named to the user: bundled files relative to the project, others as given."""
    p = Path(path)
    try:
        return p.resolve().relative_to(DATA_DIR.parent).as_posix()
    except ValueError:
        return str(path)


def read_yaml(path: Path) -> Any:
    """Parses a YAML file with `yaml.safe_load`; unreadable files and syntax errors become a TemplateFileError."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TemplateFileError("file not found", file=shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateFileError(f"cannot read the file ({type(exc).__name__})", file=shown) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        line = mark.line + 1 if mark is not None else None
        raise TemplateFileError(f"YAML syntax error: {problem}", file=shown, line=line) from None
    if not isinstance(data, dict):
        raise TemplateFileError("expected a mapping of fields at the top level", file=shown)
    return data


def _constraints(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Any, Any]:
    """The (ge, le) bounds of the field a location points at, found by walking the model's fields."""
    current: Any = model
    info = None
    for part in loc:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None, None
        annotation = info.annotation
        args = getattr(annotation, "__args__", ())
        current = next((a for a in (annotation, *args) if isinstance(a, type) and issubclass(a, BaseModel)), None)
    if info is None:
        return None, None
    ge = next((getattr(m, "ge", None) for m in info.metadata if getattr(m, "ge", None) is not None), None)
    le = next((getattr(m, "le", None) for m in info.metadata if getattr(m, "le", None) is not None), None)
    return ge, le


def _field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _message(model: type[BaseModel], err: dict[str, Any]) -> str:
    kind, msg = err["type"], err["msg"]
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ge, le = _constraints(model, tuple(err["loc"]))
        if ge is not None and le is not None:
            return f"must be between {ge:g} and {le:g}, not {err.get('input')!r}"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known field"
    return f"{msg[:1].lower()}{msg[1:]} (got {err.get('input')!r})" if "input" in err else msg


def validation_error(
    exc: ValidationError, *, model: type[BaseModel], file: str, data: Any, item_key: str | None = None,
) -> TemplateFileError:
    """The first pydantic error as one line naming the file, the item (role or skill) and the field."""
    return _one(exc.errors()[0], model=model, file=file, data=data, item_key=item_key)


def validation_errors(
    exc: ValidationError, *, model: type[BaseModel], file: str, data: Any, item_key: str | None = None,
) -> list[TemplateFileError]:
    """Every pydantic error, each naming the file, the item (role or skill) and the field."""
    return [_one(err, model=model, file=file, data=data, item_key=item_key) for err in exc.errors()]


def _one(err: dict[str, Any], *, model: type[BaseModel], file: str, data: Any, item_key: str | None
         ) -> TemplateFileError:
    loc = tuple(err["loc"])
    role = None
    if item_key and len(loc) >= 2 and loc[0] == item_key and isinstance(loc[1], int):
        items = data.get(item_key) if isinstance(data, dict) else None
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        role = str(item.get("id")) if isinstance(item, dict) and item.get("id") else f"#{loc[1] + 1}"
        loc = loc[2:]
        kind = "role" if item_key == "roles" else item_key.rstrip("s")
        if kind != "role":
            role, field = None, f"{item_key}[{err['loc'][1]}]" + (f".{_field_path(loc)}" if loc else "")
            return TemplateFileError(_message(model, err), file=file, field=field)
    return TemplateFileError(_message(model, err), file=file, role=role, field=_field_path(loc) or None)


def did_you_mean(word: str, choices: list[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or an empty string when nothing is close."""
    best = process.extractOne(word, choices, score_cutoff=70)
    return f" (did you mean '{best[0]}'?)" if best else ""
