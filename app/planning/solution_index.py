"""What the reasons look up about one solution (people, demands, who sits where, spend), built once, not once per row."""
from __future__ import annotations

from dataclasses import dataclass, field

from app.planning.prepared import Candidate, PreparedInstance
from solver import schema as s
from solver.objective import initiative_spend


@dataclass
class RivalCosts:
    """A demand's usable candidates (status 'option') with what each would cost, read once per demand."""

    candidates: list[Candidate]
    cost_per_unit: list[int]
    training_cost: list[int]


@dataclass
class SolutionIndex:
    """People, demands, who sits on each demand and where each person is placed, for one solution."""

    prep: PreparedInstance
    sol: s.Solution
    pool: dict[str, s.Person]
    demands: dict[str, s.Demand]
    on_demand: dict[str, set[str]]
    placed: dict[str, list[str]]
    used: dict[str, int]
    _rivals: dict[str, RivalCosts] = field(default_factory=dict)
    _by_person: dict[str, dict[str, Candidate]] = field(default_factory=dict)
    _spend: dict[str, int] = field(default_factory=dict)
    _holders: dict[tuple[str, int], int] = field(default_factory=dict)

    def cost_per_unit(self, person_id: str) -> int:
        """The person's cost per unit in the instance (0 when not in the model)."""
        person = self.pool.get(person_id)
        return person.cost_per_unit if person is not None else 0

    def candidate(self, demand_id: str, person_id: str) -> Candidate | None:
        """The person's candidate entry on the demand (per-demand lookup built once)."""
        found = self._by_person.get(demand_id)
        if found is None:
            found = self._by_person[demand_id] = {c.person_id: c for c in self.prep.demands[demand_id].candidates}
        return found.get(person_id)

    def rivals(self, demand_id: str) -> RivalCosts:
        """The demand's usable candidates with their unit and training costs (cached)."""
        found = self._rivals.get(demand_id)
        if found is None:
            options = [c for c in self.prep.demands[demand_id].candidates if c.status == "option"]
            found = self._rivals[demand_id] = RivalCosts(
                candidates=options, cost_per_unit=[self.cost_per_unit(c.person_id) for c in options],
                training_cost=[c.fit.training_cost for c in options])
        return found

    def spend(self, initiative: str) -> int:
        """The initiative's spend in this solution (cached: it reads every allocation)."""
        if initiative not in self._spend:
            self._spend[initiative] = initiative_spend(self.prep.instance, self.sol, initiative)
        return self._spend[initiative]

    def holders(self, skill: str, level: int) -> int:
        """How many people in the roster hold `skill` at `level` or above (cached)."""
        key = (skill, level)
        if key not in self._holders:
            self._holders[key] = sum(1 for p in self.prep.people.values() if p.level(skill) >= level)
        return self._holders[key]


def index_solution(prep: PreparedInstance, sol: s.Solution) -> SolutionIndex:
    """The one index every reason of a solution reads."""
    on_demand: dict[str, set[str]] = {}
    placed: dict[str, list[str]] = {}
    used: dict[str, int] = {}
    for a in sol.allocations:
        on_demand.setdefault(a.demand, set()).add(a.person)
        placed.setdefault(a.person, []).append(a.demand)
        used[a.person] = used.get(a.person, 0) + a.units
    return SolutionIndex(prep=prep, sol=sol, pool={p.id: p for p in prep.instance.people},
                         demands={d.id: d for d in prep.instance.demands}, on_demand=on_demand, placed=placed,
                         used=used)
