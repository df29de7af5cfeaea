"""Approvers' decisions read against one scenario of a project: what the re-plan applies, what it cannot, and the
scenario's lists with them. One logic for `phasegate plan … --decisions` and the window's "read decisions" dialog.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.plans import Pin
from app.errors import DecisionsNotAppliedError
from app.export.decision_result import DecisionResult
from app.export.decisions import read_decisions
from app.project.model import Project, Scenario


@dataclass
class ScenarioDecisions:
    """A workbook's decisions read for one scenario, with the approvals that ask for more time than a person has."""

    result: DecisionResult
    scenario: str
    #: person id → why their approved FTE cannot be kept (more than the time they have)
    over_capacity: dict[str, str] = field(default_factory=dict)

    @property
    def problem_count(self) -> int:
        """Problems, deleted rows and over-capacity approvals: what 'apply what could be read' leaves out."""
        return len(self.result.problems) + len(self.result.deleted) + len(self.over_capacity)

    @property
    def complete(self) -> bool:
        """True when every decision can be applied as the approvers meant it."""
        return self.problem_count == 0

    def problem_lines(self, *, include_pay: bool = True) -> list[str]:
        """Every problem, one line each, in the CLI's words (no amount without pay)."""
        return [*self.result.problem_lines(include_pay=include_pay),
                *(f"problem: {words}" for words in self.over_capacity.values())]

    def pins(self) -> list[Pin]:
        """The approved assignments a re-plan can keep (those asking for more time than a person has left out)."""
        return [p for p in self.result.pins if p.person_id not in self.over_capacity]

    def short_words(self) -> str:
        """'3 pins, 1 exclusion, 1 rejected hire or contract, 1 rejected training' (what Apply adds)."""
        limits = self.result.sourcing_limits
        rejected = sum(1 for s in limits if s.rejected)
        parts = [(len(self.pins()), "pin", "pins"), (len(self.result.exclusions), "exclusion", "exclusions"),
                 (rejected, "rejected hire or contract", "rejected hires or contracts"),
                 (len(limits) - rejected, "FTE limit on hiring", "FTE limits on hiring"),
                 (len(self.result.rejected_trainings), "rejected training", "rejected trainings")]
        return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in parts if n) or "no decision"

    def scenario_lists(self, scenario: Scenario) -> dict[str, list]:
        """The scenario's pins, exclusions, hiring limits, rejected trainings and approvals with these decisions added.

        A decision on the same subject replaces the scenario's own (reading the same workbook twice adds nothing);
        a rejection drops the scenario's pins of that person there, an approval lifts their exclusion there.
        """
        pins, result = self.pins(), self.result
        pinned = {(p.person_id, p.initiative, p.role) for p in pins}
        excluded = {(e.person_id, e.initiative) for e in result.exclusions}
        lifted = {(p.person_id, p.initiative) for p in pins}
        limited = {(s.initiative, s.role, s.kind) for s in result.sourcing_limits}
        refused = {(t.person_id, t.skill) for t in result.rejected_trainings}
        return {
            "pins": [*(p for p in scenario.pins if (p.person_id, p.initiative, p.role) not in pinned
                       and (p.person_id, p.initiative) not in excluded), *pins],
            "exclusions": [*(e for e in scenario.exclusions if (e.person_id, e.initiative) not in excluded | lifted),
                           *result.exclusions],
            "sourcing_limits": [*(s for s in scenario.sourcing_limits if (s.initiative, s.role, s.kind) not in limited),
                                *result.sourcing_limits],
            "rejected_trainings": [*(t for t in scenario.rejected_trainings if (t.person_id, t.skill) not in refused),
                                   *result.rejected_trainings],
            "approvals": [*(a for a in scenario.approvals if not any(a.same_subject(b) for b in result.approvals)
                            and not _now_refused(a, limited, refused)), *result.approvals],
        }


def _now_refused(a, limited: set, refused: set) -> bool:
    """An earlier approval the workbook now rejects (or limits) goes."""
    if a.subject == "training":
        return (a.person_id, a.skill) in refused
    return (a.initiative, a.role, a.subject) in limited


def _another_project(result: DecisionResult, project: Project, file: str) -> None:
    """Stops when no decision row of the workbook names an initiative of this project."""
    known = {i.id for i in project.portfolio.initiatives}
    if result.initiatives and not known.intersection(result.initiatives):
        named = ", ".join(result.initiatives[:4]) + (" …" if len(result.initiatives) > 4 else "")
        raise DecisionsNotAppliedError(f"this workbook was exported from another project: its decision rows name "
                                       f"initiative(s) {named}, and this project has none of them", file=file)


def read_for_scenario(path: str | Path, *, project: Project, scenario: Scenario, templates,
                      cancel: Callable[[], bool] | None = None) -> ScenarioDecisions:
    """Reads an approvers' workbook against a scenario (its plan when the workbook came from it) and checks each
    approved FTE against the person's time. `templates`: a TemplateSet, to name roles. One-line errors only."""
    from app.planning import initiatives_in_scope
    from app.planning.decisions import pins_over_capacity

    result = read_decisions(path, project_plan=scenario.plan, cancel=cancel)
    _another_project(result, project, Path(path).name)
    chosen = initiatives_in_scope(project, scenario)
    roles = {r.id: r.name for t in (*templates.phases.values(), *project.templates.values()) for r in t.roles}
    over = pins_over_capacity(result.pins, people=project.roster.by_id(), initiatives=chosen,
                              policy=scenario.policy_overrides.get(chosen[0].id, chosen[0].policy), role_names=roles,
                              initiative_names=project.portfolio.names())
    return ScenarioDecisions(result=result, scenario=scenario.name, over_capacity=over)
