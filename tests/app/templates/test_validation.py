"""Broken template files: one line naming the file, the role and the field (or skill), never a traceback."""
from __future__ import annotations

import pytest
import yaml

from app.errors import TemplateError
from app.templates import load_catalogue, read_phase_file
from app.templates.phases import PhaseFile
from role_templates import DATA_DIR

CATALOGUE = load_catalogue()


def _production_with(tmp_path, mutate):
    data = yaml.safe_load((DATA_DIR / "phases" / "production.yaml").read_text())
    mutate(data)
    path = tmp_path / "production.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def _error(path) -> str:
    with pytest.raises(TemplateError) as err:
        read_phase_file(path, catalogue=CATALOGUE)
    line = str(err.value)
    assert "\n" not in line and "Traceback" not in line
    return line


def _role(data, role_id):
    return next(r for r in data["roles"] if r["id"] == role_id)


def test_level_out_of_range_names_file_role_and_field(tmp_path):
    path = _production_with(tmp_path, lambda d: _role(d, "mlops_engineer")["required"][0].update(min_level=7))
    assert _error(path) == (
        f"{path}, role 'mlops_engineer', field 'required[0].min_level': must be between 1 and 5, not 7"
    )


def test_unknown_skill_suggests_the_closest(tmp_path):
    path = _production_with(tmp_path, lambda d: _role(d, "sre_platform_engineer")["required"][1].update(
        skill="kubernets"))
    assert _error(path) == (
        f"{path}, role 'sre_platform_engineer', field 'required[1].skill', skill 'kubernets': "
        "unknown skill id (did you mean 'kubernetes'?)"
    )


def test_alias_instead_of_id_suggests_the_id(tmp_path):
    path = _production_with(tmp_path, lambda d: _role(d, "sre_platform_engineer")["optional"][0].update(
        skill="Terraform"))
    assert _error(path).endswith("skill 'Terraform': unknown skill id (did you mean 'infrastructure_as_code'?)")


def test_ops_critical_single_head_is_refused(tmp_path):
    path = _production_with(tmp_path, lambda d: _role(d, "mlops_engineer").update(headcount=1))
    assert _error(path) == (
        f"{path}, role 'mlops_engineer': an operations-critical role needs a headcount of at least 2 (never one person)"
    )


def test_misspelt_field_is_refused(tmp_path):
    path = _production_with(tmp_path, lambda d: _role(d, "change_manager").update(criticalty=5))
    assert _error(path) == f"{path}, role 'change_manager', field 'criticalty': is not a known field"


def test_role_without_failure_modes_is_refused(tmp_path):
    path = _production_with(tmp_path, lambda d: _role(d, "delivery_manager").update(failure_modes=[]))
    assert _error(path).startswith(f"{path}, role 'delivery_manager', field 'failure_modes': ")


def test_unknown_failure_mode_is_refused(tmp_path):
    path = _production_with(tmp_path, lambda d: _role(d, "delivery_manager").update(failure_modes=["budget"]))
    assert _error(path).startswith(f"{path}, role 'delivery_manager', field 'failure_modes[0]': ")


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "pilot.yaml"
    path.write_text("phase: pilot\nroles:\n  - id: x\n    name: [unclosed\n")
    assert _error(path).startswith(f"{path}, line ")


def test_not_a_mapping(tmp_path):
    path = tmp_path / "pilot.yaml"
    path.write_text("- just\n- a list\n")
    assert _error(path) == f"{path}: expected a mapping of fields at the top level"


def test_missing_file(tmp_path):
    assert _error(tmp_path / "nope.yaml") == f"{tmp_path / 'nope.yaml'}: file not found"


def test_yaml_is_loaded_safely(tmp_path):
    path = tmp_path / "poc.yaml"
    path.write_text("phase: poc\nname: !!python/object/apply:os.system ['echo hacked']\n")
    assert "YAML syntax error" in _error(path)


def test_phase_file_model_is_the_domain_template_plus_strictness():
    assert set(PhaseFile.model_fields) == {
        "phase", "name", "description", "extends", "roles", "remove_roles", "version"}
