"""Published JSON Schemas for the template files, generated from the pydantic file models."""
from __future__ import annotations

import json
from pathlib import Path

from app.templates.catalogue import SkillsFile
from app.templates.graph import SkillGraphFile
from app.templates.phases import PhaseFile
from role_templates import DATA_DIR

SCHEMA_DIR = DATA_DIR / "schema"
_FILES = {"phase": PhaseFile, "skills": SkillsFile, "skill_graph": SkillGraphFile}


def template_schemas() -> dict[str, dict]:
    """JSON Schema (draft 2020-12) of each template file kind: 'phase', 'skills' and 'skill_graph'."""
    out: dict[str, dict] = {}
    for kind, model in _FILES.items():
        schema = model.model_json_schema(by_alias=True)
        out[kind] = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                     "$id": f"https://phasegate.invalid/schema/{kind}.schema.json", **schema}
    return out


def schema_text(schema: dict) -> str:
    """The committed text of a schema file: sorted, indented JSON with a final newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_template_schemas(folder: Path | str = SCHEMA_DIR) -> list[Path]:
    """Regenerates `<kind>.schema.json` files (run after changing a file model; a test checks they are current)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, schema in template_schemas().items():
        path = folder / f"{kind}.schema.json"
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_template_schemas():
        print(p)
