"""The API the wizard relies on: progress, cancel, mapping-file errors, nothing lost."""
from __future__ import annotations

import pytest

from app.errors import UsageError
from app.roster_import import ColumnMapping, ImportCancelled, import_roster

from .conftest import write_xlsx

ROWS = [["Employee ID", "Name", "Python (1-5)", "Shoe size"]] + [[f"E{i}", f"Person {i}", 3, 42] for i in range(12)]


def test_progress_is_reported_and_ends_at_one(tmp_path, catalogue):
    seen: list[float] = []
    import_roster(write_xlsx(tmp_path / "r.xlsx", ROWS), catalogue=catalogue,
                  progress=lambda fraction, message: seen.append(fraction))
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)


def test_cancel_raises_import_cancelled(tmp_path, catalogue):
    with pytest.raises(ImportCancelled):
        import_roster(write_xlsx(tmp_path / "r.xlsx", ROWS), catalogue=catalogue, cancel=lambda: True)


def test_unmapped_columns_and_bad_levels_are_kept_not_dropped(tmp_path, catalogue):
    rows = [["Employee ID", "Name", "Python", "SQL", "Shoe size"], ["E1", "Ann", 3, "lots", 42],
            ["E2", "Bo", 5, 2, 44]]
    result = import_roster(write_xlsx(tmp_path / "r.xlsx", rows), catalogue=catalogue)
    ann = result.people[0]
    assert ann.extra == {"SQL": "lots", "Shoe size": "42"}
    assert any(w.column == "SQL" and w.row == 2 and "not a skill level" in w.reason for w in result.warnings)
    assert result.counts.imported == 2 and not result.rejected


def test_mapping_file_with_unknown_target_is_a_usage_error(tmp_path):
    path = tmp_path / "m.json"
    path.write_text('{"columns": {"Name": {"target": "nickname"}}}')
    with pytest.raises(UsageError, match="unknown target"):
        ColumnMapping.load(path)


def test_result_people_validate_as_domain_models(tmp_path, catalogue):
    from app.domain.people import Person, Roster

    rows = [["Employee ID", "Name", "FTE", "Current Initiative", "Allocation %", "Python"],
            ["E1", "Ann", "80%", "Churn Predictor", "50%", 4]]
    result = import_roster(write_xlsx(tmp_path / "r.xlsx", rows), catalogue=catalogue,
                           mapping=ColumnMapping(scale="1-5"))
    roster = Roster.model_validate({"people": [p.model_dump() for p in result.people]})
    assert roster.people[0] == Person.model_validate(result.people[0].model_dump())
    assert roster.people[0].free_fte() == pytest.approx(0.3)
    assert result.model_dump_json()  # the whole result serialises (project file, wizard)
