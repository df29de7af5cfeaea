"""The roster's sort/search proxy: Qt's model checks, sorting and searching as the user sees them, edits after a sort."""
from __future__ import annotations

from PySide6.QtCore import QPersistentModelIndex, Qt

from app.domain import Commitment, Person
from ui.commands import AddPerson
from ui.document import ProjectDocument
from ui.models.roster import COLUMNS, RosterTableModel
from ui.models.roster_order import RosterOrderProxy
from ui.undo import push

NAME, FTE, FREE = (next(i for i, c in enumerate(COLUMNS) if c.field == f) for f in ("name", "fte", "free_fte"))


def _proxy(sample_project) -> tuple[ProjectDocument, RosterOrderProxy]:
    doc = ProjectDocument(sample_project.model_copy(deep=True))
    proxy = RosterOrderProxy()
    proxy.setSourceModel(RosterTableModel(doc, proxy))
    return doc, proxy


def _column(proxy: RosterOrderProxy, column: int) -> list[str]:
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_proxy_passes_qt_model_checks_sorted_and_filtered(qtmodeltester, sample_project):
    doc, proxy = _proxy(sample_project)
    qtmodeltester.check(proxy, force_py=True)
    proxy.sort(NAME, Qt.SortOrder.DescendingOrder)
    proxy.setFilterFixedString("engineer")
    qtmodeltester.check(proxy, force_py=True)
    assert 0 < proxy.rowCount() < len(doc.people)


def test_sort_by_name_and_by_number_then_back_to_hr_order(sample_project):
    doc, proxy = _proxy(sample_project)
    hr_order = [p.name for p in doc.people]
    proxy.sort(NAME, Qt.SortOrder.AscendingOrder)
    assert _column(proxy, NAME) == sorted(hr_order, key=str.casefold)
    proxy.sort(FREE, Qt.SortOrder.DescendingOrder)
    shown = _column(proxy, FREE)
    free = [float(v) for v in shown if v != "—"]  # "—": not available, no free time to give
    assert free == sorted(free, reverse=True)
    assert shown[len(free):] == ["—"] * (len(shown) - len(free))  # those last, whichever the direction
    proxy.sort(-1)
    assert _column(proxy, NAME) == hr_order


def test_search_matches_name_title_or_initiative_case_insensitively(sample_project):
    doc, proxy = _proxy(sample_project)
    person = doc.people[5]
    proxy.setFilterFixedString(person.name.upper())
    assert person.name in _column(proxy, NAME)
    initiative = next(c.initiative for p in doc.people for c in p.commitments)
    proxy.setFilterFixedString(initiative.lower())
    team = {p.name for p in doc.people if any(c.initiative == initiative for c in p.commitments)}
    assert team <= set(_column(proxy, NAME))
    proxy.setFilterFixedString("no such person anywhere")
    assert proxy.rowCount() == 0
    proxy.setFilterFixedString("")
    assert proxy.rowCount() == len(doc.people)


def test_edit_after_sorting_changes_the_person_on_that_row(sample_project):
    doc, proxy = _proxy(sample_project)
    proxy.sort(NAME, Qt.SortOrder.DescendingOrder)
    shown = proxy.index(0, NAME).data()
    assert proxy.setData(proxy.index(0, FTE), 0.5, Qt.ItemDataRole.EditRole)
    edited = next(p for p in doc.people if p.name == shown)
    assert edited.fte == 0.5
    assert proxy.index(0, FTE).data() == "0.50"
    doc.undo_stack.undo()
    assert proxy.index(0, NAME).data() == shown


def test_new_people_are_found_by_the_search_in_force(sample_project):
    doc, proxy = _proxy(sample_project)
    proxy.setFilterFixedString("zoe")
    before = proxy.rowCount()
    push(doc.undo_stack, AddPerson(doc, person=Person(id="NEW1", name="Zoe New", commitments=[
        Commitment(initiative="Fraud", fte=0.5)])))
    assert proxy.rowCount() == before + 1
    assert "Zoe New" in _column(proxy, NAME)


def _background_proxy(sample_project, qtbot):
    """A proxy that orders every roster (even the sample's) on a real worker thread."""
    from ui.workers import Worker

    doc, proxy = _proxy(sample_project)
    worker = Worker("roster-order", proxy)
    proxy.set_runner(worker, background_rows=0)
    return doc, proxy, worker


def test_background_sort_keeps_the_old_order_until_ready_then_swaps_keeping_the_selection(qtbot, sample_project):
    doc, proxy, worker = _background_proxy(sample_project, qtbot)
    hr_order = [p.name for p in doc.people]
    chosen = QPersistentModelIndex(proxy.index(3, NAME))
    with qtbot.waitSignal(proxy.ordering, timeout=10_000, check_params_cb=lambda busy: busy is False):
        proxy.sort(NAME, Qt.SortOrder.AscendingOrder)
        assert proxy.is_ordering() and worker.is_running()
        assert _column(proxy, NAME) == hr_order  # nothing moves on the GUI thread meanwhile
    assert not proxy.is_ordering()
    assert _column(proxy, NAME) == sorted(hr_order, key=str.casefold)
    assert chosen.isValid() and chosen.data() == hr_order[3]  # the same person, on their new row
    qtbot.waitUntil(lambda: not worker.is_running(), timeout=5_000)


def test_background_search_then_sort_shows_the_latest_request_only(qtbot, sample_project):
    doc, proxy, worker = _background_proxy(sample_project, qtbot)
    seen: list[bool] = []
    proxy.ordering.connect(seen.append)
    proxy.setFilterFixedString("engineer")
    proxy.sort(NAME, Qt.SortOrder.DescendingOrder)  # asked before the search's answer: it replaces it
    qtbot.waitUntil(lambda: not proxy.is_ordering(), timeout=10_000)
    engineers = [p.name for p in doc.people if "engineer" in proxy.sourceModel().text_of(p)]
    assert _column(proxy, NAME) == sorted(engineers, key=str.casefold, reverse=True)
    assert seen == [True, False]
    assert proxy.rowCount() == len(engineers) > 0


def test_an_edit_during_a_background_sort_is_sorted_with_its_new_value(qtbot, sample_project, qtmodeltester):
    doc, proxy, worker = _background_proxy(sample_project, qtbot)
    proxy.sort(NAME, Qt.SortOrder.AscendingOrder)
    source = proxy.sourceModel()
    assert source.setData(source.index(0, NAME), "Aaron First", Qt.ItemDataRole.EditRole)  # the job read the old
    qtbot.waitUntil(lambda: not proxy.is_ordering(), timeout=10_000)
    assert _column(proxy, NAME)[0] == "Aaron First"
    qtmodeltester.check(proxy, force_py=True)
    qtbot.waitUntil(lambda: not worker.is_running(), timeout=5_000)


def test_sorting_in_runs_gives_the_same_stable_order_as_one_sort():
    import random

    from ui.models.order import SORT_RUN, sort_rows

    rng = random.Random(3)
    keys = [rng.randint(0, 50) for _ in range(3 * SORT_RUN + 17)]  # many ties: stability shows
    rows = list(range(len(keys)))
    for descending in (False, True):
        assert sort_rows(rows, keys, descending=descending) == sorted(rows, key=keys.__getitem__, reverse=descending)
