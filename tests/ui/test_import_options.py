"""Import wizard: reading options (week hours, date order…) reach the importer; detected layout/scale can be overridden."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.ui.wizard_steps import next_after_reading

ROSTER = (
    "Employee ID,Name,Weekly hours,Start date,Python (1-5),SQL (1-5)\n"
    "E1,Ana Duarte,30,03/04/2025,4,2\n"
    "E2,Ben Okafor,37.5,04/05/2024,1,3\n"
)


@pytest.fixture
def roster_csv(tmp_path: Path) -> Path:
    path = tmp_path / "hours_roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def _to_skills_page(qtbot, window, path: Path, *, hours: float | None = None, date_order: str | None = None):
    window.import_roster(str(path))
    wizard = window.screens["roster"].wizard
    next_after_reading(qtbot, wizard)
    group = wizard.sheet_page.options_group
    if hours is not None:
        group.week_hours.setValue(hours)
    if date_order is not None:
        group.date_order.setCurrentIndex(group.date_order.findData(date_order))
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()
    assert wizard.currentPage() is wizard.skills_page
    return wizard


def _finish(qtbot, wizard):
    with qtbot.waitSignal(wizard.worker.finished, timeout=20_000):
        wizard.next()
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=5_000):
        wizard.accept()  # the roster is replaced on the next turn of the event loop


def test_defaults_then_week_hours_and_date_order_change_the_people(qtbot, window, roster_csv):
    wizard = _to_skills_page(qtbot, window, roster_csv)
    assert wizard.sheet_page.options_group.week_hours.value() == 40.0
    _finish(qtbot, wizard)
    ana = window.doc.people[0]
    assert ana.fte == 0.75 and ana.start_date == date(2025, 4, 3)

    wizard = _to_skills_page(qtbot, window, roster_csv, hours=37.5, date_order="mdy")
    _finish(qtbot, wizard)
    ana, ben = window.doc.people
    assert ana.fte == 0.8 and ben.fte == 1.0
    assert ana.start_date == date(2025, 3, 4)


def test_options_are_remembered_for_the_next_import(qtbot, window, roster_csv):
    wizard = _to_skills_page(qtbot, window, roster_csv, hours=37.5, date_order="dmy")
    wizard.reject()
    again = _to_skills_page(qtbot, window, roster_csv)
    group = again.sheet_page.options_group
    assert group.week_hours.value() == 37.5 and group.date_order.currentData() == "dmy"
    again.reject()


def test_skills_page_says_what_was_detected_and_scale_can_be_overridden(qtbot, window, roster_csv):
    wizard = _to_skills_page(qtbot, window, roster_csv)
    page = wizard.skills_page
    detected = page.detected.text()
    assert "One column per skill (2 skill columns)" in detected
    assert "level scale <b>1–5</b> (as ‘Python (1-5)’ says)" in detected
    assert page.scale_combo.currentText() == "Detect (1–5)"
    page.set_scale("1-4")
    _finish(qtbot, wizard)
    levels = [{k: v.level for k, v in p.skills.items()} for p in window.doc.people]
    assert levels == [{"python": 5, "sql": 3}, {"python": 2, "sql": 4}]  # 1–4 mapped onto 0–5


def test_layout_override_to_no_skills_imports_people_without_skills(qtbot, window, roster_csv):
    wizard = _to_skills_page(qtbot, window, roster_csv)
    wizard.skills_page.set_layout("none")
    _finish(qtbot, wizard)
    assert [p.name for p in window.doc.people] == ["Ana Duarte", "Ben Okafor"]
    assert all(not p.skills for p in window.doc.people)


def test_skills_page_recognises_level_words_in_the_preview(qtbot, window, tmp_path):
    """A matrix of 'Beginner' … 'Expert' said 'level scale not known yet (no numeric levels in the preview rows)'."""
    path = tmp_path / "words.csv"
    path.write_text("Employee ID,Name,Python,Kubernetes\nE1,Ana Duarte,Expert,Beginner\nE2,Ben Okafor,,Intermediate\n",
                    encoding="utf-8")
    wizard = _to_skills_page(qtbot, window, path)
    page = wizard.skills_page
    detected = page.detected.text()
    assert "not known yet" not in detected
    assert "Words (Beginner … Expert)" in detected and "3 level words in the first 2 rows" in detected
    assert "‘Beginner’ to ‘Expert’" in detected
    assert page.scale_combo.currentText() == "Detect (Words (Beginner … Expert))"
    _finish(qtbot, wizard)
    assert {k: v.level for k, v in window.doc.people[0].skills.items()} == {"python": 5, "kubernetes": 2}


def test_skills_page_reads_the_levels_inside_a_skills_list_cell(qtbot, window, tmp_path):
    """'Python (Advanced); SQL (Beginner)' in one cell: the page said 'level scale not known yet (no levels in the
    preview rows)' although every row gave its levels, beside the names."""
    path = tmp_path / "listed.csv"
    path.write_text("Employee ID,Name,Skills\nE1,Ana Duarte,Python (Expert); SQL (Beginner)\n"
                    "E2,Ben Okafor,Kubernetes (Intermediate)\n", encoding="utf-8")
    wizard = _to_skills_page(qtbot, window, path)
    detected = wizard.skills_page.detected.text()
    assert "Skills listed in one cell" in detected and "not known yet" not in detected
    assert "Words (Beginner … Expert)" in detected and "3 level words in the first 2 rows" in detected
    wizard.reject()


def test_skills_page_says_listed_skills_without_levels_get_the_reading_options_level(qtbot, window, tmp_path):
    """'Java, Spring, React' in one cell: the page said 'level scale not known yet (no levels in the preview rows;
    the whole file is checked when importing)', and only the summary said every skill became level 3."""
    path = tmp_path / "agency.csv"
    path.write_text("resource_id,name,skills\n1,John Smith,\"Java, Spring, React\"\n2,Emily Johnson,\"SQL, MongoDB\"\n",
                    encoding="utf-8")
    window.import_roster(str(path))
    wizard = window.screens["roster"].wizard
    next_after_reading(qtbot, wizard)
    wizard.sheet_page.options_group.unrated_level.setValue(2)
    wizard.next()
    wizard.next()
    detected = wizard.skills_page.detected.text()
    assert "not known yet" not in detected and "level scale <b>none in the preview rows</b>" in detected
    assert ("5 skills listed without a level in the first 2 rows: each is recorded at level 2, the reading option "
            "“Listed skills without a level” on the previous page") in detected
    wizard.reject()


def test_skills_page_shows_the_scale_question_the_import_will_ask_and_takes_the_answer(qtbot, window, tmp_path):
    """Levels 1–3 with nothing saying the scale: the page said 'Detected … level scale 1–5', then the import asked
    (or, before that, read 3 as Practitioner); it now says the question and takes the choice."""
    path = tmp_path / "three.csv"
    path.write_text("Employee ID,Name,Python,SQL\nE1,Ana Duarte,3,1\nE2,Ben Okafor,2,3\n", encoding="utf-8")
    wizard = _to_skills_page(qtbot, window, path)
    page = wizard.skills_page
    assert "level scale <b>1–3 or 1–5?</b>" in page.detected.text()
    assert "nothing says the scale: choose it below, or the import asks" in page.detected.text()
    assert page.scale_combo.currentText() == "Detect (1–3 or 1–5?)"
    page.set_scale("1-3")
    _finish(qtbot, wizard)
    levels = [{k: v.level for k, v in p.skills.items()} for p in window.doc.people]
    assert levels == [{"python": 5, "sql": 2}, {"python": 3, "sql": 5}]  # 3 of 3 = Expert
