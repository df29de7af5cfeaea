"""The approvers' decisions a scenario keeps beside its pins and exclusions — rejected or limited hires and contracts,
rejected trainings, approved hires, contracts and trainings — as rows of the Plan screen's pins list, and the
undoable edit that withdraws one."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.project import Project
from ui.document import ProjectDocument
from ui.scenario_commands import SetScenarioFields

_ROUTE = {"hire": "hiring", "contract": "contracting"}


@dataclass(frozen=True, eq=False)
class Decided:
    """One approvers' decision of the active scenario as the pins list shows it (beside pins and exclusions)."""

    label: str  # 'Rejected hire', 'Approved contract', 'Rejected training', 'Hire limited'
    field: str  # the scenario's list that holds it: sourcing_limits, rejected_trainings or approvals
    item: Any
    who: str  # the person trained ('' for a hire or contract)
    initiative: str  # the initiative's name ('' for a training, which is the person's)
    role: str  # the role's name, or 'training in <skill>'
    fte: float | None
    comment: str  # the approver's comment
    next_solve: str  # what the next solve does with it
    kind: str = "decision"
    not_applied: str = ""
    absent: bool = False

    def words(self) -> str:
        """'the rejection of hiring for Data engineer on Churn Radar', 'the approval of training Ana Ruiz in SQL'."""
        if self.field == "rejected_trainings":
            return f"the rejection of training {self.who} {self.role.removeprefix('training ')}"
        if self.field == "approvals" and self.item.subject == "training":
            return f"the approval of training {self.who} {self.role.removeprefix('training ')}"
        what = "approval" if self.field == "approvals" else "rejection" if self.label.startswith("Rejected") \
            else "FTE limit"
        route = _ROUTE[self.item.subject if self.field == "approvals" else self.item.kind]
        return f"the {what} of {route} for {self.role} on {self.initiative}"


def decided_rows(project: Project) -> list[Decided]:
    """The active scenario's rejected or limited hires and contracts, rejected trainings, then its approvals."""
    sc = project.scenario()
    if not (sc.sourcing_limits or sc.rejected_trainings or sc.approvals):
        return []
    names = project.portfolio.names()
    roles = {r.id: r.name for t in project.templates.values() for r in t.roles}
    people = {p.id: p.name for p in project.roster.people}
    skill = project.catalogue.name_of if project.catalogue else str
    out = []
    for s in sc.sourcing_limits:
        route = _ROUTE[s.kind]
        label = f"Rejected {s.kind}" if s.rejected else f"{s.kind.capitalize()} limited"
        effect = (f"no {route} for this role there" if s.rejected else
                  f"{route} for this role there at most {s.max_fte:g} FTE")
        out.append(Decided(label, "sourcing_limits", s, "", names.get(s.initiative, s.initiative),
                           roles.get(s.role, s.role), None if s.rejected else s.max_fte, s.reason, effect))
    for t in sc.rejected_trainings:
        out.append(Decided("Rejected training", "rejected_trainings", t, people.get(t.person_id, t.person_id), "",
                           f"training in {skill(t.skill)}", None, t.reason, "the plan may not rely on this training"))
    for a in sc.approvals:
        training = a.subject == "training"
        out.append(Decided(f"Approved {a.subject}", "approvals", a,
                           people.get(a.person_id or "", a.person_id or "") if training else "",
                           "" if training else names.get(a.initiative, a.initiative),
                           f"training in {skill(a.skill or '')}" if training else roles.get(a.role, a.role), a.fte,
                           a.comment, "kept while the plan needs it"))
    return out


def withdraw(doc: ProjectDocument, row: Decided) -> SetScenarioFields:
    """The undoable edit that takes one approvers' decision out of the active scenario (the next solve is free of it).
    """
    sc = doc.project.scenario()
    kept = [x for x in getattr(sc, row.field) if x is not row.item]
    return SetScenarioFields(doc, scenario=sc.name, after={row.field: kept}, text=f"Withdraw {row.words()}")
