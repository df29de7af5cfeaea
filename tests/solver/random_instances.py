"""A seeded random instance generator for the solver tests: realistic shapes, small and large."""
from __future__ import annotations

import random

from solver.schema import Demand, Initiative, Instance, Option, Person, Sourcing, TrainingStep


def random_instance(
    *,
    people: int,
    demands: int,
    initiatives: int = 1,
    roles: int | None = None,
    seed: int = 0,
    budget_share: float | None = None,
    tightness: float = 0.9,
) -> Instance:
    """An instance with `people` in one pool and `demands` (initiative, role) slots spread over initiatives."""
    rng = random.Random(seed)
    n_roles = roles or max(8, min(60, demands // 3))
    role_ids = [f"role{r:02d}" for r in range(n_roles)]
    inits = [
        Initiative(id=f"ini{i:02d}", priority=rng.randint(1, 10), go_live_week=rng.choice([6, 10, 16, 26]))
        for i in range(initiatives)
    ]
    person_list: list[Person] = []
    qualified: dict[str, list[tuple[str, int]]] = {r: [] for r in role_ids}
    trainable: dict[str, list[tuple[str, int]]] = {r: [] for r in role_ids}
    for k in range(people):
        pid = f"p{k:05d}"
        free = rng.choice([0, 4, 6, 8, 10, 10, 12, 16, 20, 20, 20])
        home = rng.choice(inits).id if rng.random() < 0.4 else None
        person_list.append(
            Person(
                id=pid,
                free_units=free,
                displaceable_units=rng.choice([0, 0, 0, 4]),
                displacement_cost_per_unit=300,
                cost_per_unit=rng.randint(180, 420),
                current_initiatives=[home] if home else [],
            )
        )
        for r in rng.sample(role_ids, k=rng.choice([1, 1, 2, 2, 3])):
            qualified[r].append((pid, rng.randint(40, 100)))
        for r in rng.sample(role_ids, k=rng.choice([0, 1, 1, 2])):
            trainable[r].append((pid, rng.randint(20, 60)))
    by_id = {p.id: p for p in person_list}
    total_free = sum(p.free_units for p in person_list)
    demand_list: list[Demand] = []
    options: list[Option] = []
    avg_required = max(4, int(total_free * tightness / max(1, demands) * 0.3))
    for j in range(demands):
        ini = inits[j % initiatives]
        role = role_ids[rng.randrange(n_roles)]
        did = f"{ini.id}/{role}-{j:04d}"
        demand_list.append(
            Demand(
                id=did,
                initiative=ini.id,
                role=role,
                required_units=(required := rng.choice([4, 8, 10, 12, 16, 20, 20, avg_required])),
                weight=rng.randint(1, 10) * ini.priority,
                ops_critical=required >= 16 and rng.random() < 0.2,
                shareable=rng.random() > 0.1,
                hire=Sourcing(cost_per_unit=rng.randint(450, 650), lead_weeks=rng.choice([8, 12, 16])),
                contract=Sourcing(cost_per_unit=rng.randint(700, 1000), lead_weeks=rng.choice([2, 3, 4])),
            )
        )

        def disruption(pid: str, ini_id: str = ini.id) -> int:
            return 0 if ini_id in by_id[pid].current_initiatives else 50

        direct = set()
        for pid, score in qualified[role]:
            direct.add(pid)
            options.append(Option(person=pid, demand=did, match_score=score, disruption_cost=disruption(pid)))
        for pid, score in trainable[role]:
            if pid in direct:
                continue
            weeks = rng.choice([2, 4, 6, 8, 12])
            step = TrainingStep(skill=f"{role}_core", from_level=2, to_level=3, weeks=weeks, cost=weeks * 1500)
            options.append(
                Option(person=pid, demand=did, trainings=[step], match_score=score, disruption_cost=disruption(pid))
            )
    if budget_share is not None:
        for ini in inits:
            need = sum(d.required_units for d in demand_list if d.initiative == ini.id)
            ini.budget = int(need * 300 * budget_share)
    return Instance(people=person_list, demands=demand_list, options=options, initiatives=inits)
