"""A project built from an imported roster: its initiatives come from the roster's initiative (project) column."""
from __future__ import annotations

from pathlib import Path

from app.domain.initiatives import Initiative, Portfolio
from app.domain.people import Roster
from app.domain.skills import Skill, SkillCatalogue
from app.project.model import Project, RosterSource, Scenario


def initiatives_from_roster(roster: Roster, *, known: Portfolio | None = None) -> list[Initiative]:
    """One initiative per name in the roster's commitments that `known` lacks, with default phases and policy.

    The defaults (pilot → production, no go-live, no budget, priority 5, the default policy) are there to be
    reviewed: the roster says who works on what, never which phase it is in. Time the roster books on work it does
    not name (`OTHER_WORK`) is no initiative (`Roster.initiatives` leaves it out): it only makes the person less free.
    """
    have = {i.id for i in known.initiatives} if known is not None else set()
    return [Initiative(id=name) for name in roster.initiatives() if name not in have]


def portfolio_with_roster(portfolio: Portfolio, roster: Roster) -> tuple[Portfolio, list[Initiative]]:
    """The portfolio plus the roster's initiatives it lacks (the portfolio's own entries win), and those added."""
    added = initiatives_from_roster(roster, known=portfolio)
    if not added:
        return portfolio, []
    return portfolio.model_copy(update={"initiatives": [*portfolio.initiatives, *added]}), added


def catalogue_with(catalogue: SkillCatalogue, new_skills: list[Skill] | list[dict]) -> SkillCatalogue:
    """The catalogue with an import's custom skills added (those it already holds are left as they are)."""
    for data in new_skills:
        skill = data if isinstance(data, Skill) else Skill.model_validate(data)
        if skill.id not in catalogue:
            catalogue = catalogue.with_skill(skill)
    return catalogue


def project_from_roster(
    result, *, catalogue: SkillCatalogue, name: str = "", portfolio: Portfolio | None = None,
    file_name: str = "",
) -> tuple[Project, list[Initiative]]:
    """A new project from an import result (`app.roster_import.ImportResult`): roster, source, catalogue with the
    import's new skills, the given portfolio plus one initiative per name in the roster's initiative column, and a
    Baseline scenario. Returns the project and the initiatives created from the roster (to review)."""
    roster = Roster(people=list(result.people))
    file_name = file_name or Path(result.source_file or "roster").name
    merged, added = portfolio_with_roster(portfolio or Portfolio(), roster)
    project = Project(
        name=name or Path(file_name).stem or "New project",
        roster=roster,
        source=RosterSource(file_name=file_name, sha256=result.sha256, sheet=result.sheet,
                            header_row=result.header_row, mapping=result.mapping.model_dump(mode="json")),
        catalogue=catalogue_with(catalogue, result.new_skills),
        portfolio=merged,
        scenarios=[Scenario(name="Baseline")],
        active_scenario="Baseline",
        initiatives_to_review=[i.id for i in added],
    )
    return project, added
