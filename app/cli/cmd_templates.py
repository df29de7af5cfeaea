"""`phasegate templates list|show PHASE|validate PATH`: the phase role templates, as the org library resolves them."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.domain.roles import Phase
from app.errors import PhasegateError, UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the `templates` sub-command with its `list`, `show` and `validate` actions."""
    parser = subparsers.add_parser("templates", help="list, show or validate phase role templates",
                                   description="Phase role templates (bundled defaults overridden by the org library "
                                               "in $PHASEGATE_LIBRARY or --library). validate: exit 0 valid, 1 readable "
                                               "but invalid (every problem listed), 2 unreadable.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--library", metavar="DIR", help="org template library folder (default: $PHASEGATE_LIBRARY "
                                                         "or the user data folder)")
    common.add_argument("--json", action="store_true", help="print JSON instead of text")
    actions.add_parser("list", parents=[common], help="the four phases, their size and where each comes from")
    show = actions.add_parser("show", parents=[common], help="the roles of one phase, extends applied")
    show.add_argument("phase", metavar="PHASE", help="poc, pilot, production or operations")
    validate = actions.add_parser("validate", parents=[common], help="check template files (a file or a folder)")
    validate.add_argument("path", metavar="PATH", help="a phase, skills or skill_graph YAML file, or a folder")
    parser.set_defaults(handler=run)


def _phase(text: str) -> Phase:
    try:
        return Phase(text.strip().lower())
    except ValueError:
        raise UsageError(f"unknown phase '{text}'; choose one of: {', '.join(p.value for p in Phase)}") from None


def _out(data: object) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def _fte(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def run(args: argparse.Namespace) -> int:
    """Runs one templates action and returns the exit code."""
    if args.action == "validate":
        return _validate(Path(args.path), library=args.library, as_json=args.json)
    from app.templates import load_phase_templates

    templates = load_phase_templates(library=args.library)
    for problem in templates.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if args.action == "list":
        rows = [{"phase": p.value, "name": t.name or p.label, "roles": len(t.roles),
                 "fte": round(sum(r.total_fte for r in t.roles), 4), "extends": getattr(templates.raw[p].extends,
                                                                                     "value", None),
                 "source": templates.sources[p.value]} for p, t in templates.phases.items()]
        if args.json:
            _out({"phases": rows, "problems": templates.problems})
            return 0
        print(f"{'Phase':<12} {'Name':<18} {'Roles':>5} {'FTE':>6}  {'Extends':<11} Source")
        for r in rows:
            print(f"{r['phase']:<12} {r['name']:<18} {r['roles']:>5} {_fte(r['fte']):>6}  {r['extends'] or '-':<11} "
                  f"{r['source']}")
        return 0
    template = templates.phase(_phase(args.phase))
    if args.json:
        _out(template.model_dump(mode="json"))
        return 0
    total = sum(r.total_fte for r in template.roles)
    print(f"{template.name or template.phase.label}: {len(template.roles)} roles, {_fte(total)} FTE "
          f"({templates.sources[template.phase.value]})")
    for role in template.roles:
        flags = ", ".join(x for x in ("ops-critical" if role.ops_critical else "",
                                      "" if role.shareable else "dedicated") if x)
        print(f"\n{role.name} [{role.id}]  {role.headcount} × {_fte(role.fte)} FTE, {role.seniority}, "
              f"criticality {role.criticality}{', ' + flags if flags else ''}")
        print("  guards: " + ", ".join(m.label for m in role.failure_modes))
        print("  requires: " + ", ".join(f"{templates.catalogue.name_of(r.skill)} ≥{r.min_level}"
                                         for r in role.required))
        if role.optional:
            print("  nice to have: " + ", ".join(f"{templates.catalogue.name_of(r.skill)} ≥{r.min_level}"
                                                for r in role.optional))
        if role.hire_annual_cost is not None:
            contract = (f"contract €{role.contract_annual_cost:,.0f}/yr in {role.contract_lead_weeks} wk"
                        if role.contract_annual_cost is not None else "no contractors")
            print(f"  hire €{role.hire_annual_cost:,.0f}/yr in {role.hire_lead_weeks} wk; {contract}")
    return 0


def _validate(path: Path, *, library: str | None, as_json: bool) -> int:
    """Checks every file completely; exit 0 all valid, 1 readable but invalid, 2 a file could not be read."""
    from app.templates import load_catalogue, load_phase_templates
    from app.templates.check import check_template_file

    if not path.exists():
        raise UsageError(f"{path}: no such file or folder")
    files = sorted(path.rglob("*.yaml")) + sorted(path.rglob("*.yml")) if path.is_dir() else [path]
    if not files:
        raise UsageError(f"{path}: no .yaml files in this folder")
    base_dir = path if path.is_dir() else None
    try:
        catalogue = load_catalogue(library=base_dir or library)
    except PhasegateError:
        catalogue = load_catalogue()  # the broken catalogue file is reported below with the others
    checks = [check_template_file(file, catalogue=catalogue) for file in files]
    results = [{"file": str(file), "kind": c.kind, "ok": c.ok, "readable": c.readable,
                "error": c.problems[0].one_line() if c.problems else None,
                "errors": [p.one_line() for p in c.problems]} for file, c in zip(files, checks, strict=True)]
    if base_dir is not None and all(r["ok"] for r in results):
        # Folder given: check it as a library too, so broken `extends` chains and removals are caught.
        for problem in load_phase_templates(library=base_dir).problems:
            results.append({"file": str(base_dir), "kind": "library", "ok": False, "readable": True,
                            "error": problem, "errors": [problem]})
    ok = all(r["ok"] for r in results)
    count = sum(len(r["errors"]) for r in results)
    if as_json:
        _out({"ok": ok, "problems": count, "files": results})
    else:
        for r in results:
            if r["ok"]:
                print(f"ok     {r['file']} ({r['kind']})")
            for error in r["errors"]:
                print(f"error  {error}")
        bad = sum(not r["ok"] for r in results)
        print("All template files are valid." if ok else
              f"{count} problem(s) found in {bad} file{'' if bad == 1 else 's'}.")
    if ok:
        return 0
    return 2 if any(not r["readable"] for r in results) else 1
