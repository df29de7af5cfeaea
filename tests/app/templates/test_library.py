"""The org library: overrides per phase and per catalogue, broken files fall back, extends chains resolve."""
from __future__ import annotations

import json

import pytest
import yaml

from app.domain.roles import Phase
from app.errors import TemplateError
from app.templates import (
    compare_phases,
    export_template,
    import_template,
    library_dir,
    load_phase_templates,
    resolve_phase,
    save_to_library,
    template_schemas,
)
from app.templates.resolve import resolve_chain
from app.templates.schemas import SCHEMA_DIR, schema_text
from role_templates import DATA_DIR


def _write(folder, name, data):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))
    return path


def _default(phase):
    return yaml.safe_load((DATA_DIR / "phases" / f"{phase}.yaml").read_text())


def test_library_phase_overrides_the_default_and_extends_still_apply(tmp_path):
    pilot = _default("pilot")
    pilot["roles"].append({**pilot["roles"][1], "id": "mlops_engineer", "name": "Early MLOps engineer",
                           "fte": 0.5})
    _write(tmp_path, "phases/pilot.yaml", pilot)
    templates = load_phase_templates(library=tmp_path)
    assert templates.problems == []
    assert templates.phase("pilot").role("mlops_engineer").fte == 0.5
    # production extends pilot and redefines mlops_engineer: its own definition wins
    assert templates.phase("production").role("mlops_engineer").name == "MLOps engineer"
    assert templates.sources["pilot"] == str(tmp_path / "phases" / "pilot.yaml")


def test_library_is_found_through_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PHASEGATE_LIBRARY", str(tmp_path))
    assert library_dir() == tmp_path


def test_broken_library_file_is_reported_and_defaults_load(tmp_path):
    broken = _default("production")
    broken["roles"][0]["required"][0]["min_level"] = 9
    path = _write(tmp_path, "phases/production.yaml", broken)
    templates = load_phase_templates(library=tmp_path)
    assert templates.problems == [
        f"{path}, role 'data_scientist', field 'required[0].min_level': must be between 1 and 5, not 9 "
        "(using the default Production template)"
    ]
    assert len(templates.phase("production").roles) == 14


def test_broken_library_catalogue_and_graph_fall_back(tmp_path):
    _write(tmp_path, "skills.yaml", "skills: {not: a list}\n")
    _write(tmp_path, "skill_graph.yaml", "edges: []\n")
    templates = load_phase_templates(library=tmp_path)
    assert len(templates.problems) == 2
    assert templates.problems[0].endswith("(using the default catalogue)")
    assert "from_scratch_weeks_per_level" in templates.problems[1]
    assert len(templates.catalogue) == 48 and templates.graph.number_of_edges() > 50


def test_extends_cycle_in_library_is_reported_and_defaults_used(tmp_path):
    pilot = _default("pilot")
    pilot["extends"] = "production"
    path = _write(tmp_path, "phases/pilot.yaml", pilot)
    templates = load_phase_templates(library=tmp_path)
    assert len(templates.problems) == 1
    assert templates.problems[0].startswith(f"{path}, field 'extends': 'extends' goes round in a circle: ")
    assert len(templates.phase("pilot").roles) == 8


def test_cycle_error_when_resolving_directly(bundled):
    raw = dict(bundled.raw)
    raw[Phase.POC] = raw[Phase.POC].model_copy(update={"extends": Phase.PRODUCTION})
    with pytest.raises(TemplateError, match="circle: production -> pilot -> poc -> production"):
        resolve_chain(raw, Phase.PRODUCTION)


def test_removing_a_role_the_parent_lacks_is_an_error(tmp_path):
    production = _default("production")
    production["remove_roles"] = ["chief_vibes_officer"]
    path = _write(tmp_path, "phases/production.yaml", production)
    problems = load_phase_templates(library=tmp_path).problems
    assert problems == [f"{path}, field 'remove_roles[0]': removes role 'chief_vibes_officer', which the extended "
                        "phase does not have (using the default template for Production)"]


def test_resolve_phase_matches_the_loaded_set(bundled):
    assert resolve_phase(bundled, "production") == bundled.phase("production")


def test_save_to_library_then_reload(tmp_path, bundled):
    changed = bundled.raw[Phase.OPERATIONS].model_copy(update={"name": "Run (our way)"})
    target = save_to_library(changed, library=tmp_path, catalogue=bundled.catalogue)
    assert target == tmp_path / "phases" / "operations.yaml"
    assert load_phase_templates(library=tmp_path).phase("operations").name == "Run (our way)"


def test_export_import_round_trip(tmp_path, bundled):
    original = bundled.raw[Phase.PRODUCTION]
    path = export_template(original, tmp_path / "prod.yaml")
    assert import_template(path, catalogue=bundled.catalogue) == original


def test_committed_json_schemas_are_current():
    for kind, schema in template_schemas().items():
        committed = (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(schema), f"run: python -m app.templates.schemas ({kind} is stale)"
        assert json.loads(committed)["$schema"].startswith("https://json-schema.org/")


def test_compare_pilot_to_production(bundled):
    diff = compare_phases(bundled.phase("pilot"), bundled.phase("production"))
    assert diff.added == ["mlops_engineer", "sre_platform_engineer", "ai_governance_lead", "change_manager",
                          "delivery_manager", "data_quality_owner", "operations_process_designer"]
    assert diff.removed == ["security_compliance_reviewer"]
    engineer = next(c for c in diff.changed if c.role == "data_engineer")
    assert [(lv.skill, lv.before, lv.after) for lv in engineer.levels] == [
        ("data_engineering", 3, 4), ("python", 3, 0), ("pipeline_orchestration", 0, 3)]
    text = diff.summary()
    assert text.startswith("Production adds MLOps engineer, SRE / platform engineer")
    assert "removes Security and compliance reviewer" in text
    assert "raises min level of data_engineering for Data engineer (3→4)" in text
    assert text.endswith("total FTE 6.1 → 14.7.")
