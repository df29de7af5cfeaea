"""Table models pass Qt's model checks; edits through setData are undoable commands with human texts."""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

from app.domain import Person
from ui.commands import AddPerson, SetPersonSkill
from ui.document import ProjectDocument
from ui.models.heatmap import SkillHeatmapModel, ValueRole, level_colour, readable_text
from ui.models.pool import OVER, PoolModel
from ui.models.records import RecordTableModel, attr
from ui.models.roster import COLUMNS, RosterTableModel
from ui.undo import push


def _doc(sample_project) -> ProjectDocument:
    return ProjectDocument(sample_project.model_copy(deep=True))


def _col(field: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.field == field)


def test_roster_model_passes_qt_model_checks(qtmodeltester, sample_project):
    doc = _doc(sample_project)
    model = RosterTableModel(doc)
    qtmodeltester.check(model, force_py=True)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)
    assert model.rowCount() == len(doc.people)
    first = doc.people[0]
    assert model.index(0, _col("name")).data() == first.name
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) is first


def test_set_fte_is_an_undoable_command(sample_project):
    doc = _doc(sample_project)
    model = RosterTableModel(doc)
    person = doc.people[0]
    index = model.index(0, _col("fte"))
    changed = []
    model.dataChanged.connect(lambda a, b, roles: changed.append(roles))
    assert model.setData(index, "0,8")
    assert doc.people[0].fte == 0.8
    assert index.data() == "0.80"
    assert doc.undo_stack.undoText() == f"Set {person.name.split()[0]}'s FTE to 0.8"
    assert changed and Qt.ItemDataRole.DisplayRole in changed[0]
    doc.undo_stack.undo()
    assert doc.people[0].fte == person.fte
    doc.undo_stack.redo()
    assert doc.people[0].fte == 0.8
    assert doc.is_modified()


def test_invalid_edits_are_refused_with_a_reason(sample_project):
    doc = _doc(sample_project)
    model = RosterTableModel(doc)
    assert not model.setData(model.index(0, _col("fte")), "3.5")
    assert "FTE" in model.last_error and "2" in model.last_error
    assert not model.setData(model.index(0, _col("fte")), "lots")
    assert model.last_error == "FTE must be a number, not 'lots'"
    assert not model.setData(model.index(0, _col("name")), "   ")
    assert not model.setData(model.index(0, _col("id")), "X9")  # ids are read-only
    assert doc.undo_stack.count() == 0


def test_availability_checkbox_and_structural_changes(qtmodeltester, sample_project):
    doc = _doc(sample_project)
    model = RosterTableModel(doc)
    index = model.index(1, _col("available"))
    assert model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert doc.people[1].available is False
    assert "availability to unavailable" in doc.undo_stack.undoText()
    rows = model.rowCount()
    push(doc.undo_stack, AddPerson(doc, person=Person(id="NEW1", name="Zoe New")))
    assert model.rowCount() == rows + 1
    assert model.index(rows, _col("name")).data() == "Zoe New"
    doc.undo_stack.undo()
    assert model.rowCount() == rows
    qtmodeltester.check(model, force_py=True)


def test_heatmap_model_levels_and_colours(qtmodeltester, sample_project):
    doc = _doc(sample_project)
    model = SkillHeatmapModel(doc)
    qtmodeltester.check(model, force_py=True)
    assert model.columnCount() > 5
    person = doc.people[0]
    skill_id, entry = max(person.skills.items(), key=lambda kv: kv[1].level)
    col = model.skill_ids.index(skill_id)
    assert model.index(0, col).data(ValueRole) == entry.level
    assert model.headerData(col, Qt.Orientation.Horizontal) == doc.project.catalogue.name_of(skill_id)
    push(doc.undo_stack, SetPersonSkill(doc, row=0, skill_id=skill_id, level=1, skill_name="x"))
    assert model.index(0, col).data() == "1"
    doc.undo_stack.undo()
    assert model.index(0, col).data() == str(entry.level)
    # the number stays readable: dark text on the light fills, white on the dark ones
    assert readable_text(level_colour(1)).name() == "#000000"
    assert readable_text(level_colour(5)).name() == "#ffffff"


def test_pool_model_marks_over_allocation_red(qtmodeltester, sample_project):
    doc = _doc(sample_project)
    model = PoolModel(doc)
    qtmodeltester.check(model, force_py=True)
    row = next(i for i, p in enumerate(doc.people) if p.commitments)
    person = doc.people[row]
    total = model.columnCount() - 1
    assert model.headerData(total, Qt.Orientation.Horizontal) == "Total"
    assert float(model.index(row, total).data()) == round(person.committed_fte(), 2)
    doc.people[row] = person.model_copy(update={"fte": 0.1})
    doc.person_changed.emit(row)
    assert model.index(row, total).data(Qt.ItemDataRole.BackgroundRole) == OVER
    assert "Over-committed" in model.index(row, total).data(Qt.ItemDataRole.ToolTipRole)


def test_back_to_back_dated_projects_are_not_over_committed_and_free_time_is_today_s(sample_project):
    from datetime import date, timedelta

    from app.domain.people import Commitment

    doc = _doc(sample_project)
    today = date.today()
    ended = Commitment(initiative="Old work", fte=1.0, start=today - timedelta(days=200), end=today - timedelta(days=1))
    later = Commitment(initiative="Next work", fte=1.0, start=today + timedelta(days=30))
    doc.people[0] = doc.people[0].model_copy(update={"fte": 1.0, "commitments": [ended, later]})
    doc.person_changed.emit(0)
    roster, pool = RosterTableModel(doc), PoolModel(doc)
    assert roster.index(0, _col("free_fte")).data() == "1.00"  # neither runs today
    assert roster.index(0, _col("fte")).data(Qt.ItemDataRole.ToolTipRole) is None
    assert f"Next work 1 (from {later.start.day} {later.start:%b %Y})" in roster.index(0, _col("initiatives")).data()
    total = pool.columnCount() - 1
    assert pool.index(0, total).data() == "1.00" and pool.index(0, total).data(Qt.ItemDataRole.BackgroundRole) != OVER

    overlap = Commitment(initiative="Next work", fte=0.5, start=later.start + timedelta(days=7))
    doc.people[0] = doc.people[0].model_copy(update={"commitments": [ended, later, overlap]})
    doc.person_changed.emit(0)
    day = overlap.start
    assert roster.index(0, _col("fte")).data(Qt.ItemDataRole.ToolTipRole) == \
        f"Over-committed: 1.50 FTE promised at once from {day.day} {day:%b %Y} of 1.00"
    assert pool.index(0, total).data() == "1.50" and pool.index(0, total).data(Qt.ItemDataRole.BackgroundRole) == OVER


def test_record_model(qtmodeltester, sample_project):
    model = RecordTableModel([attr("Name", "name"), attr("FTE", "fte")])
    model.set_records(sample_project.roster.people[:5])
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data() == sample_project.roster.people[0].name


def test_roster_table_shows_an_over_committed_person_in_red_with_the_promise(sample_project):
    from ui.models.roster import OVER as ROSTER_OVER

    doc = _doc(sample_project)
    model = RosterTableModel(doc)
    row = next(i for i, p in enumerate(doc.people) if p.commitments)
    fte, free = _col("fte"), _col("free_fte")
    assert model.index(row, fte).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(row, free).data(Qt.ItemDataRole.ForegroundRole) is None
    doc.people[row] = doc.people[row].model_copy(update={"fte": 0.1})
    doc.person_changed.emit(row)
    person = doc.people[row]
    tip = model.index(row, fte).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"Over-committed: {person.committed_fte():.2f} FTE promised of 0.10"  # undated: all at once
    assert model.index(row, free).data(Qt.ItemDataRole.ForegroundRole) == ROSTER_OVER
    assert model.index(row, fte).data(Qt.ItemDataRole.DisplayRole) == "0.10"
    # how far over, not a flat 0.00 that reads like 'fully booked'
    assert model.index(row, free).data(Qt.ItemDataRole.DisplayRole) == f"{0.1 - person.committed_fte():.2f}"
    assert model.index(row, free).data(Qt.ItemDataRole.DisplayRole).startswith("-")
    assert model.index(row, free).data(Qt.ItemDataRole.ToolTipRole) == tip


def test_someone_not_available_has_no_free_time_and_the_roster_counts_them(qtbot, sample_window):
    """HRDataset's leavers showed 'Available: No' beside 'Free FTE 1.00', and '310 people' hid that 104 had left."""
    doc = sample_window.doc
    screen = sample_window.screens["roster"]
    gone = [0, 3]
    for row in gone:
        doc.people[row] = doc.people[row].model_copy(update={"available": False})
    doc.set_roster(list(doc.people))
    free = screen.model.index(0, _col("free_fte"))
    assert free.data() == "—" and "no plan uses this person" in free.data(Qt.ItemDataRole.ToolTipRole)
    here = next(r for r, p in enumerate(doc.people) if p.available)
    assert screen.model.index(here, _col("free_fte")).data() != "—"
    away = sum(1 for p in doc.people if not p.available)
    qtbot.waitUntil(lambda: screen.count_label.text().startswith(f"{len(doc.people)} people · {away} not available"),
                    timeout=5_000)


def test_the_person_panel_of_someone_who_left_says_so_instead_of_free_time(sample_project):
    """A leaver's panel read 'free today 1.00', 'Not available for planning' and 'None — fully free' at once."""
    from datetime import date

    from ui.widgets.person_panel import person_html

    leaver = sample_project.roster.people[0].model_copy(update={
        "available": False, "leaving_date": date(2016, 6, 16), "employment_status": "Voluntarily Terminated",
        "commitments": []})
    text = person_html(leaver, project=sample_project, skill_name=str)
    assert "Not available</b> for planning (Voluntarily Terminated, left 16 Jun 2016): no plan uses this person" in text
    assert "free today" not in text and "fully free" not in text
    here = person_html(sample_project.roster.people[1], project=sample_project, skill_name=str)
    assert "free today" in here and "Not available" not in here


def test_the_person_panel_keeps_organisation_and_location_apart(sample_project):
    """'Retail Banking > Analytics London' read as one organisation: the two are written apart."""
    from ui.widgets.person_panel import person_html

    someone = sample_project.roster.people[1]
    both = person_html(someone.model_copy(update={"organisation": "Retail Banking > Analytics", "location": "London"}),
                       project=sample_project, skill_name=str)
    assert "Retail Banking &gt; Analytics · London" in both
    alone = person_html(someone.model_copy(update={"organisation": None, "location": "London"}),
                        project=sample_project, skill_name=str)
    assert "<br>London" in alone and "· London" not in alone
    bare = person_html(someone.model_copy(update={"skills": {}}), project=sample_project, skill_name=str)
    assert "<h4>Skills</h4><p>None in the roster.</p>" in bare  # the heading stood over nothing


def test_the_person_panel_names_the_manager(sample_project):
    """The roster's manager column was kept but the panel never showed it; an id of someone in the roster is named."""
    from ui.widgets.person_panel import person_html

    boss, someone = sample_project.roster.people[0], sample_project.roster.people[1]
    by_id = person_html(someone.model_copy(update={"manager": boss.id}), project=sample_project, skill_name=str)
    assert f"Manager: {boss.name} ({boss.id})" in by_id
    by_name = person_html(someone.model_copy(update={"manager": "Dana Ortiz"}), project=sample_project,
                          skill_name=str)
    assert "Manager: Dana Ortiz" in by_name
    assert "Manager" not in person_html(someone.model_copy(update={"manager": None}), project=sample_project,
                                        skill_name=str)
