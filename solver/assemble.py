"""The components' incumbents as one Solution: its rows, each level's report (value, bound, proof), status and
message."""
from __future__ import annotations

from solver.cpsat import LevelRun
from solver.incumbent import LEVELS, Incumbent
from solver.objective import penalties
from solver.schema import Config, Instance, LevelName, LevelReport, Solution
from solver.staffing import to_solution
from solver.validate import validate


def assemble(inst: Instance, parts: list[Incumbent], config: Config) -> Solution:
    """One Solution from the incumbents of independent components (they share no person, budget or hire cap)."""
    if any(p.conflicts is not None for p in parts):
        conflicts = sorted({c for p in parts for c in p.conflicts or []})
        what = ", ".join(conflicts) if conflicts else "the hard rules"
        return Solution(status="infeasible", message=f"No plan satisfies the agreed decisions together: {what}.",
                        conflicts=conflicts)
    found = [to_solution(p.prep, p.plan) for p in parts]
    sol = Solution(
        status="feasible",
        allocations=sorted((a for f in found for a in f.allocations), key=lambda a: (a.demand, a.person)),
        procurements=sorted((r for f in found for r in f.procurements), key=lambda r: (r.demand, r.kind)),
        trainings=sorted((t for f in found for t in f.trainings), key=lambda t: (t.person, t.skill, t.to_level)),
        displacements=sorted((d for f in found for d in f.displacements), key=lambda d: d.person),
        uncovered=sorted((u for f in found for u in f.uncovered), key=lambda u: u.demand),
    )
    sol.penalties = penalties(inst, sol)
    sol.total_cost = sum(p.values["cost"] for p in parts)
    runs = [_reported(p) for p in parts]
    sol.levels = [_level_report(name, sum(p.values[name] for p in parts), parts, runs) for name in LEVELS]
    if all(lv.proven for lv in sol.levels):
        sol.status = "optimal"
        return sol
    quick = [p for p in parts if p.quick]
    if quick:
        # Components share nothing: plans checked per component are valid together.
        if not all(p.valid for p in quick) and validate(inst, sol, config=config):
            return Solution(status="no_plan", message="Stopped before any valid plan was found.", levels=sol.levels)
        sol.message = ("Stopped early: part of the plan is the quick plan (greedy, then neighbourhood search where time "
                       "allowed), not the full optimisation.")
    else:
        sol.message = "Stopped at the time limit or on cancel: the best plan found, not proven best."
    return sol


def _reported(part: Incumbent) -> dict[str, LevelRun]:
    """A component's runs that can be reported: none below a level that is not proven."""
    out = {}
    for level, run in part.runs.items():
        out[level] = run
        if not run.proven:
            break
    return out


def _level_report(name: LevelName, value: int, parts: list[Incumbent], reported: list[dict[str, LevelRun]]):
    runs = [r.get(name) for r in reported]
    # Each component's bound is the best it has: CP-SAT's (when it ran) or a relaxation's, whichever is higher; a
    # component whose level did not run still contributes its relaxation bound.
    bound = sum(max(run.bound if run is not None else 0, p.bounds.get(name, 0))
                for run, p in zip(runs, parts, strict=True))
    proven = all(run is not None and run.proven for run in runs)
    if proven:
        status, bound = "optimal", value
    elif any(run is None for run in runs):
        status = "skipped" if all(run is not None or r for run, r in zip(runs, reported, strict=True)) else "unknown"
    else:
        status = "feasible"
    bound = min(bound, value)
    return LevelReport(
        name=name, status=status, value=value, bound=bound,
        gap=0.0 if proven else round(abs(value - bound) / max(1, abs(value)), 6), proven=proven,
        time_to_proof_s=round(sum(run.proof_s or 0 for run in runs), 4) if proven else None,
        wall_s=round(sum(run.wall_s for run in runs if run is not None), 4),
    )
