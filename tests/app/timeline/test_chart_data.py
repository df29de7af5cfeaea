"""The figures behind the window's time views: the person × period grid with the plan apart, and capacity against
demand by failure mode and by skill (March 2027: 23 working days; the go-live on Mon 15 March leaves 13)."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from app.domain import (
    Assignment,
    Commitment,
    FailureMode,
    Initiative,
    Person,
    Phase,
    Plan,
    PlanStatus,
    SkillLevel,
)
from app.templates import load_phase_templates
from app.timeline import make_grid
from app.timeline.chart_data import capacity_vs_demand, timeline_grid

CLAIMS = Initiative(id="Claims", current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION,
                    roadmap={Phase.PRODUCTION: date(2027, 3, 15), Phase.OPERATIONS: date(2027, 6, 1)})
MLOPS = {s: SkillLevel(level=4) for s in ("ml_pipelines", "model_monitoring", "model_registry", "containers",
                                          "kubernetes")}


@pytest.fixture(scope="module")
def templates():
    return load_phase_templates(use_library=False)


def _people() -> list[Person]:
    return [Person(id="M1", name="Mo Ops", skills=MLOPS, commitments=[Commitment(initiative="Other", fte=0.5)]),
            Person(id="M2", name="Mia Ops", skills=MLOPS, commitments=[Commitment(initiative="Claims", fte=1.0)]),
            Person(id="D1", name="Dee Plain", skills={"python": SkillLevel(level=4)})]


def test_the_grid_keeps_the_plan_apart_inside_its_window() -> None:
    plan = Plan(status=PlanStatus.FEASIBLE, assignments=[
        Assignment(person_id="M1", initiative="Claims", role="mlops_engineer", fte=0.5)])
    grid = timeline_grid(_people(), [CLAIMS], plan, make_grid(date(2027, 2, 1), date(2027, 6, 30), by="month"),
                         today=date(2027, 2, 1))
    assert [round(float(x), 4) for x in grid.planned[0]] == [0.0, round(0.5 * 13 / 23, 4), 0.5, 0.5, 0.0]
    assert grid.free[0].round(4).tolist() == [0.5, round(0.5 - 0.5 * 13 / 23, 4), 0.0, 0.0, 0.5]
    assert grid.over.max() == 0.0
    assert [[(name, phase) for name, phase, _ in marks] for marks in grid.gates] == [
        [], [("Claims", Phase.PRODUCTION)], [], [], [("Claims", Phase.OPERATIONS)]]


def test_capacity_against_demand_by_failure_mode_and_by_skill(templates) -> None:
    grid = make_grid(date(2027, 2, 1), date(2027, 4, 30), by="month")
    series = {s.key: s for s in capacity_vs_demand(_people(), [CLAIMS], templates.phases, grid, by="mode")}
    mlops = series[FailureMode.MLOPS.value]
    guarding = [r for r in templates.phase(Phase.PRODUCTION).roles if FailureMode.MLOPS in r.failure_modes]
    assert mlops.demand[1:].tolist() == pytest.approx([sum(r.total_fte for r in guarding)] * 2)
    # Mo has half his time outside the portfolio, Mia all of hers inside it (the portfolio can re-deploy it)
    assert mlops.capacity.tolist() == pytest.approx([1.5, 1.5, 1.5])
    by_skill = {s.key: s for s in capacity_vs_demand(_people(), [CLAIMS], templates.phases, grid, by="skill",
                                                     skill_name=templates.catalogue.name_of)}
    assert by_skill["kubernetes"].capacity.tolist() == pytest.approx([1.5, 1.5, 1.5])
    assert np.all(by_skill["kubernetes"].demand[1:] > 0)
    assert by_skill["python"].capacity.tolist() == pytest.approx([1.0, 1.0, 1.0])  # only Dee holds Python
