"""What the Plan screen says about a finished solve: the honest status words, never a bare "optimal"."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain import ObjectiveLevel, Plan, PlanStatus
from app.planning.words import Words
from tests.ui.solved_sample import solved_sample


def _pruned_optimal(plan: Plan) -> Plan:
    """The sample's plan, as the planner reports it when trainable candidates were left out before solving."""
    proven = [lv.model_copy(update={"proven": True, "gap": 0.0}) for lv in plan.objective] or [
        ObjectiveLevel(name="uncovered", value=0.0, bound=0.0, gap=0.0, proven=True)]
    return plan.model_copy(update={"status": PlanStatus.OPTIMAL, "objective": proven, "solve_seconds": 2.4,
                                   "settings": {**plan.settings, "pruning_trainable_dropped": 3,
                                                "pruning_trainees_per_role": 8}})


def _finish(window, plan: Plan) -> None:
    """What the solve worker delivers at the end: the scenario, what it was solved on, the plan."""
    screen = window.screens["plan"]
    screen.worker.finished.emit(("Baseline", window.doc.project.plan_inputs("Baseline"), plan))


def test_finished_solve_says_optimal_only_among_the_candidates_once(qtbot, window):
    window.doc.replace(solved_sample())
    screen = window.screens["plan"]
    plan = _pruned_optimal(window.doc.project.scenario().plan)
    _finish(window, plan)
    detail = Words().status(plan)
    assert detail.startswith("optimal among the people considered (3 more people who could be trained")
    assert not screen.live.isVisible() and window.status_label.text() == (
        "Plan ready for scenario “Baseline” (solved in 2.4 s)")
    headline = screen.headline.text()
    assert headline.count(detail) == 1 and headline.count("Covers ") == 1  # the result said once, in one place
    assert ": optimal." not in headline and "out of date" not in headline
    window.go_to("export")
    assert window.screens["export"].status.text().endswith(f"“Baseline”: {detail}.")
    cells = screen.scenarios_panel.comparison
    status = cells.index(0, cells.columnCount() - 1).data(Qt.ItemDataRole.DisplayRole)
    assert status == "optimal among the people considered"


def test_finished_solve_of_a_fully_proven_plan_says_so(qtbot, window):
    window.doc.replace(solved_sample())
    screen = window.screens["plan"]
    plan = window.doc.project.scenario().plan
    plan = plan.model_copy(update={"status": PlanStatus.OPTIMAL, "solve_seconds": 1.0,
                                   "settings": {k: v for k, v in plan.settings.items()
                                                if k != "pruning_trainable_dropped"}})
    _finish(window, plan)
    assert "optimal (proven best)" in screen.headline.text()
    cells = screen.scenarios_panel.comparison
    assert cells.index(0, cells.columnCount() - 1).data() == "optimal"


def test_finished_solve_of_an_unproven_plan_says_not_proven(qtbot, window):
    window.doc.replace(solved_sample())
    screen = window.screens["plan"]
    plan = window.doc.project.scenario().plan
    levels = [ObjectiveLevel(name="uncovered", value=1.0, bound=0.5, gap=0.5, proven=False)]
    plan = plan.model_copy(update={"status": PlanStatus.FEASIBLE, "objective": levels, "solve_seconds": 3.0})
    _finish(window, plan)
    assert "feasible: a valid plan, not proven best (coverage" in screen.headline.text()
    cells = screen.scenarios_panel.comparison
    assert cells.index(0, cells.columnCount() - 1).data() == "feasible, not proven best"
