"""Long passes over a big roster run in short slices between paints; each painted cell is one call into Python."""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, QObject, Qt, QTimer

from app.domain import Commitment, Person, SkillLevel
from ui.models.later import SLICE_S, sliced

BIG = 12_000  # above the size (5,000) from which edits recompute the grids' columns in slices


def _people(n: int) -> list[Person]:
    skills = ("python", "sql", "kubernetes", "model_monitoring")
    return [Person(id=f"E{i:05d}", name=f"Person {i}", fte=1.0,
                   skills={skills[i % 4]: SkillLevel(level=1 + i % 5)},
                   commitments=[Commitment(initiative=f"ini{i % 7}", fte=1.5 if i % 1000 == 0 else 0.5)])
            for i in range(n)]


@pytest.fixture(scope="module")
def big_people() -> list[Person]:
    """12,000 people, one over-committed in a thousand, on seven initiatives."""
    return _people(BIG)


def test_a_sliced_pass_gives_the_event_loop_turns_and_restarts_when_asked_again(qtbot):
    owner = QObject()
    turns: list[float] = []
    counter = QTimer()
    counter.setInterval(0)
    counter.timeout.connect(lambda: turns.append(time.perf_counter()))
    results: list[int] = []
    started: list[int] = []

    def work():
        started.append(1)
        total = 0
        for i in range(40):
            time.sleep(0.002)  # 80 ms of work in all: ten slices or so
            total += i
            yield
        return total

    task = sliced(owner, work, results.append)
    counter.start()
    task.start()
    qtbot.wait(5)
    task.start()  # asked again while under way: it starts over (what it read may be stale)
    qtbot.waitUntil(lambda: bool(results), timeout=5_000)
    counter.stop()
    assert results == [sum(range(40))] and len(started) == 2
    assert not task.isActive()
    assert len(turns) >= 5  # the event loop ran between slices
    task.start()
    task.finish_now()  # a caller that needs the result now gets it at once
    assert results[-1] == sum(range(40)) and len(results) == 2


def test_slices_keep_to_their_budget():
    owner = QObject()
    out: list[object] = []

    def work():
        for _ in range(30):
            time.sleep(0.001)
            yield
        return "done"

    task = sliced(owner, work, out.append)
    task.start()
    slices = []
    while task.isActive():
        start = time.perf_counter()
        task.run()
        slices.append(time.perf_counter() - start)
    assert out == ["done"] and len(slices) > 2
    assert max(slices) < SLICE_S + 0.02  # one step past the budget at most (a loaded machine adds some)


def test_a_big_roster_fills_counts_heatmap_pool_and_team_in_slices(qtbot, window, big_people):
    from app.domain import Initiative

    project = window.doc.project.model_copy(deep=True)
    project.portfolio.initiatives = [Initiative(id="ini3")]
    project.roster.people = list(big_people)
    window.doc.replace(project)
    roster, initiatives = window.screens["roster"], window.screens["initiatives"]
    assert roster.proxy.rowCount() == BIG  # the rows at once
    qtbot.waitUntil(lambda: "over-committed" in roster.count_label.text(), timeout=10_000)
    assert roster.count_label.text() == f"{BIG:,} people · {BIG // 1000:,} over-committed"
    qtbot.waitUntil(lambda: len(roster.heatmap_model.skill_ids) == 4, timeout=10_000)
    qtbot.waitUntil(lambda: initiatives.pool_model.initiatives[:1] == ["ini3"]
                    and len(initiatives.pool_model.initiatives) == 7, timeout=10_000)
    qtbot.waitUntil(lambda: initiatives.team.count() == len([p for p in big_people if p.on_team("ini3")]),
                    timeout=10_000)
    assert initiatives.team.item(0).text() == "Person 3 (0.50 FTE)"


def test_the_unsorted_roster_maps_rows_one_to_one_without_building_an_index(window, big_people):
    from ui.models.order import Same

    project = window.doc.project.model_copy(deep=True)
    project.roster.people = list(big_people)
    window.doc.replace(project)
    proxy, model = window.screens["roster"].proxy, window.screens["roster"].model
    assert isinstance(proxy._where, Same) and isinstance(proxy._rows, range)  # O(1), not 12,000 entries
    for row in (0, 1, BIG // 2, BIG - 1):
        assert proxy.mapFromSource(model.index(row, 1)).row() == row
        assert proxy.index(row, 1).data() == f"Person {row}"
    assert not proxy.mapFromSource(model.index(BIG, 1)).isValid()


def _multi(model, index, role) -> object:
    """What the model's multiData answers for one role (the span a delegate passes, here of one role)."""
    item = QModelRoleData(int(role))
    model.multiData(index, QModelRoleDataSpan(item))
    return item.data()


def test_one_multidata_call_answers_what_data_answers_role_by_role(window, big_people):
    project = window.doc.project.model_copy(deep=True)
    project.roster.people = list(big_people[:50])
    window.doc.replace(project)
    proxy = window.screens["roster"].proxy
    proxy.sort(1, Qt.SortOrder.DescendingOrder)  # rows mapped through a real order
    roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole,
             Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole]
    for row in (0, 7, 49):
        for column in range(proxy.columnCount()):
            index = proxy.index(row, column)
            assert [_multi(proxy, index, role) for role in roles] == [index.data(role) for role in roles]
    pool = window.screens["initiatives"].pool_model
    pool.reload()
    for row in (0, 1000 % 50, 13):
        for column in range(pool.columnCount()):
            index = pool.index(row, column)
            every = (*roles, Qt.ItemDataRole.BackgroundRole)
            assert [_multi(pool, index, role) for role in every] == [pool.data(index, role) for role in every]


def test_the_rotated_header_measures_again_only_when_its_labels_change(qtbot, window):
    roster = window.screens["roster"]
    header = roster.heatmap.horizontalHeader()
    model = roster.heatmap_model
    project = window.doc.project.model_copy(deep=True)
    project.roster.people = [Person(id="A", name="A", skills={"sql": SkillLevel(level=3)})]
    window.doc.replace(project)
    qtbot.waitUntil(lambda: model.skill_ids == ["sql"], timeout=5_000)
    short = header.sizeHint().height()
    asked: list[int] = []
    original = model.headerData
    model.headerData = lambda *a: asked.append(1) or original(*a)
    assert header.sizeHint().height() == short and not asked  # asked again: the measure is kept
    model.headerData = original
    people = [Person(id="B", name="B", skills={"regulatory_compliance": SkillLevel(level=2),
                                               "sql": SkillLevel(level=1)})]
    window.doc.set_roster(people)
    qtbot.waitUntil(lambda: len(model.skill_ids) == 2, timeout=5_000)
    assert header.sizeHint().height() > short  # a longer name, measured again after the reset


def test_row_headers_measure_a_sample_of_labels_as_wide_as_qt_would(window, sample_project, big_people):
    from PySide6.QtWidgets import QHeaderView

    from ui.widgets.tables import SAMPLED_LABELS, SampledRowHeader

    window.doc.replace(sample_project.model_copy(deep=True))
    views = (window.screens["roster"].table, window.screens["roster"].heatmap, window.screens["initiatives"].pool)
    for view in views:
        header = view.verticalHeader()
        qt_own = QHeaderView(Qt.Orientation.Vertical)
        qt_own.setModel(view.model())
        assert isinstance(header, SampledRowHeader)
        assert header.sizeHint().width() == qt_own.sizeHint().width() > 0  # the same width as Qt's measure
    project = window.doc.project.model_copy(deep=True)
    project.roster.people = list(big_people)
    window.doc.replace(project)
    model = window.screens["roster"].heatmap_model
    asked: list[tuple] = []
    original = model.headerData
    model.headerData = lambda *a: asked.append(a) or original(*a)
    window.screens["roster"].heatmap.verticalHeader().sizeHint()
    model.headerData = original
    assert len(asked) == 2 * SAMPLED_LABELS and {a[2] for a in asked} == {Qt.ItemDataRole.DisplayRole}


def test_row_header_width_is_measured_again_after_a_sort_not_per_layout(window, sample_project):
    window.doc.replace(sample_project.model_copy(deep=True))
    roster = window.screens["roster"]
    header = roster.table.verticalHeader()
    header.sizeHint()
    asked: list[tuple] = []
    original = roster.proxy.headerData
    roster.proxy.headerData = lambda *a: asked.append(a) or original(*a)
    header.sizeHint()
    assert asked == []  # kept between layouts
    roster.proxy.sort(1, Qt.SortOrder.AscendingOrder)  # the labels (source row numbers) move
    header.sizeHint()
    roster.proxy.headerData = original
    assert asked  # measured again after the layout change


def test_a_pass_that_fails_is_over_and_nothing_waits_for_it():
    from ui.models.later import pending

    owner = QObject()

    def broken():
        yield
        raise ValueError("a bug in a pass")

    task = sliced(owner, broken, lambda _result: None)
    before = pending()  # what other windows of this session may still have queued
    task.start()
    assert pending() == before + 1
    with pytest.raises(ValueError, match="a bug in a pass"):
        task.finish_now()
    assert not task.isActive() and pending() == before
