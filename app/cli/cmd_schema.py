"""`phasegate schema NAME`: the JSON Schema of an output or file format, for other tools to validate against."""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable


def _plan() -> dict:
    from app.planning.output import plan_output_schema

    return plan_output_schema()


def _check() -> dict:
    from app.roster_import import check_output_schema

    return check_output_schema()


def _gaps() -> dict:
    from app.gaps import gaps_output_schema

    return gaps_output_schema()


def _availability() -> dict:
    from app.timeline.availability import availability_schema

    return availability_schema()


def _gaps_timeline() -> dict:
    from app.timeline.period_gaps import gap_timeline_schema

    return gap_timeline_schema()


def _project() -> dict:
    from app.project.model import Project

    schema = Project.model_json_schema()
    schema["properties"] = {"format": {"const": "phasegate-project", "title": "Format"}, **schema["properties"]}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://phasegate.invalid/schema/project.schema.json", **schema}


def _portfolio() -> dict:
    from app.project.portfolio_file import portfolio_schema

    return portfolio_schema()


def _templates() -> dict:
    from app.templates import template_schemas

    return template_schemas()


SCHEMAS: dict[str, Callable[[], dict]] = {
    "plan": _plan, "check": _check, "gaps": _gaps, "project": _project, "portfolio": _portfolio,
    "templates": _templates, "availability": _availability, "gaps-by-period": _gaps_timeline,
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the `schema` sub-command."""
    p = subparsers.add_parser("schema", help="print the JSON Schema of an output or file format",
                              description="Print a JSON Schema: 'plan' (plan --json), 'check' (check --json), "
                                          "'gaps' (gaps --json), 'gaps-by-period' (gaps --by month --json), "
                                          "'availability' (availability --json), 'project' (.phasegate files), 'portfolio' "
                                          "(plan --portfolio files), 'templates' (phase, skills and skill-graph "
                                          "files, keyed by kind).")
    p.add_argument("name", choices=sorted(SCHEMAS), metavar="NAME", help=", ".join(sorted(SCHEMAS)))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Prints the schema as indented JSON."""
    print(json.dumps(SCHEMAS[args.name](), indent=2, ensure_ascii=False))
    return 0
