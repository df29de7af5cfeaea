"""Tiny hand-made instances for the benchmark baselines' tests."""
from __future__ import annotations

from solver.schema import Demand, Initiative, Instance, Option, Person, Sourcing


def tiny(
    *, people: list[Person], demands: list[Demand], options: list[Option], budget: int | None = None, **extra
) -> Instance:
    """One initiative 'I' (go-live week 12) with the given people, demands and options."""
    ini = Initiative(id="I", go_live_week=12, budget=budget)
    return Instance(people=people, demands=demands, options=options, initiatives=[ini], **extra)


def person(pid: str, *, free: int = 20, cost: int = 100) -> Person:
    """A person with `free` units and a cost per unit."""
    return Person(id=pid, free_units=free, cost_per_unit=cost)


def demand(did: str, *, units: int = 10, weight: int = 1, hire: Sourcing | None = None, **extra) -> Demand:
    """A demand of initiative 'I'."""
    return Demand(id=did, initiative="I", role=did, required_units=units, weight=weight, hire=hire, **extra)
