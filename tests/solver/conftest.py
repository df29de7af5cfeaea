"""Tiny instance builders for solver tests."""
from __future__ import annotations

import pytest

from solver.schema import Config, Demand, Initiative, Instance, Option, Person, Sourcing


def person(pid: str, free: int = 20, cost: int = 100, **kw) -> Person:
    """A person with `free` units at `cost` per unit."""
    return Person(id=pid, label=pid.title(), free_units=free, cost_per_unit=cost, **kw)


def demand(did: str, units: int = 10, initiative: str = "ini", weight: int = 10, **kw) -> Demand:
    """A demand of `units` on an initiative."""
    return Demand(id=did, initiative=initiative, role=did.split("/")[-1], label=did, required_units=units,
                  weight=weight, **kw)


def option(pid: str, did: str, **kw) -> Option:
    """An eligible (person, demand) pair."""
    return Option(person=pid, demand=did, **kw)


def hire(cost: int = 500, lead: int = 4, **kw) -> Sourcing:
    """A hiring or contracting route."""
    return Sourcing(cost_per_unit=cost, lead_weeks=lead, **kw)


def instance(people, demands, options, initiatives=None, **kw) -> Instance:
    """An instance with one initiative 'ini' (go-live in 10 weeks) unless others are given."""
    if initiatives is None:
        ids = sorted({d.initiative for d in demands}) or ["ini"]
        initiatives = [Initiative(id=i, go_live_week=10) for i in ids]
    return Instance(people=people, demands=demands, options=options, initiatives=initiatives, **kw)


@pytest.fixture
def config() -> Config:
    """A quick configuration for tiny instances."""
    return Config(time_limit_s=5.0)
