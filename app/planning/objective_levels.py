"""The objective levels in a delivery lead's terms: open FTE, money, people moved, beside each raw score."""
from __future__ import annotations

from dataclasses import dataclass

from app.domain.plans import ObjectiveLevel, Plan
from solver.schema import Config

#: What each level's raw number is, in words (the name is the JSON `levels[].name`, used in text too).
SCORE_MEANING = {
    "uncovered": "weighted score: open FTE units × role criticality × initiative priority, plus bus-factor "
                 "penalties; lower is better",
    "cost": "money over the planning horizon",
    "disruption": f"disruption score: one point per new placement plus {Config().move_penalty} per person moved "
                  "to a new team; lower is better",
}


@dataclass(frozen=True)
class LevelView:
    """One objective level as shown: its name, the user-terms measure, the raw score, and the proof."""

    name: str
    measure: float | None
    measure_unit: str
    score: float | None
    bound: float | None
    proven: bool
    gap: float


def _measure(plan: Plan, level: ObjectiveLevel) -> tuple[float | None, str]:
    if level.name == "uncovered":
        return plan.uncovered_fte, "FTE uncovered"
    if level.name == "disruption":
        return float(plan.people_moved), "people moved"
    return level.value, "cost"


def level_views(plan: Plan) -> list[LevelView]:
    """Each objective level of the plan, in user terms (the words and outputs hide the money level's numbers)."""
    return [LevelView(lv.name, *_measure(plan, lv), score=lv.value, bound=lv.bound, proven=lv.proven, gap=lv.gap)
            for lv in plan.objective]
